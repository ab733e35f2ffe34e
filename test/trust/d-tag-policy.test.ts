// The tag policy (requireAnnotatedTag, requireSignedTag) holds at every entry point: the tag hook,
// check --tag and pre-push, not only the release check. Each refusal has a passing counterpart,
// so a guard that refused every tag would not pass these tests.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Repo } from '../helpers/git-repo.js';
import { hookedRepo, packedInstall } from '../helpers/packed.js';
import { checkJson, codes, sshSigning, summary, tagsOf, withRemote } from '../helpers/trust.js';

beforeAll(() => {
  packedInstall();
}, 180_000);

function policyRepo(policy: Record<string, boolean>): Repo {
  return hookedRepo({ version: '1.1.0', files: { '.stampguardrc.json': JSON.stringify(policy) } });
}

describe('D13 requireAnnotatedTag', () => {
  it('the tag hook refuses a lightweight git tag v1.1.0 (tag absent, tag-not-annotated); an annotated one passes', () => {
    const repo = policyRepo({ requireAnnotatedTag: true });
    const r = repo.tryGit(['tag', 'v1.1.0']);
    expect(r.code, r.stderr).not.toBe(0);
    expect(r.stderr).toContain('tag-not-annotated');
    expect(tagsOf(repo)).toEqual([]);
    const annotated = repo.tryGit(['tag', '-a', '-m', 'v1.1.0', 'v1.1.0']);
    expect(annotated.code, annotated.stderr).toBe(0);
  });

  it('check --tag v1.1.0 with that lightweight tag already on HEAD: exit 1, tag-not-annotated', () => {
    const repo = policyRepo({ requireAnnotatedTag: true });
    expect(repo.tryGit(['tag', 'v1.1.0'], { STAMPGUARD: '0' }).code).toBe(0);
    const r = checkJson(repo, ['--tag', 'v1.1.0']);
    expect(r.code, summary(r)).toBe(1);
    expect(codes(r.report), summary(r)).toContain('tag-not-annotated');
  });

  it('pre-push refuses an existing lightweight release tag (remote lacks it); an annotated one is pushed', () => {
    const repo = policyRepo({ requireAnnotatedTag: true });
    const remote = withRemote(repo);
    expect(repo.tryGit(['tag', 'v1.1.0'], { STAMPGUARD: '0' }).code).toBe(0);
    const r = repo.tryGit(['push', 'origin', 'v1.1.0']);
    expect(r.code, r.stderr).not.toBe(0);
    expect(r.stderr).toContain('tag-not-annotated');
    expect(tagsOf(remote)).toEqual([]);
    repo.git('tag', '-d', 'v1.1.0');
    expect(repo.tryGit(['tag', '-a', '-m', 'v1.1.0', 'v1.1.0'], { STAMPGUARD: '0' }).code).toBe(0);
    const pushed = repo.tryGit(['push', 'origin', 'v1.1.0']);
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(tagsOf(remote)).toEqual(['v1.1.0']);
  });
});

describe('D13 requireSignedTag', () => {
  it('the tag hook refuses an unsigned git tag -a (tag absent, tag-not-signed); a signed one passes', () => {
    const repo = policyRepo({ requireSignedTag: true });
    sshSigning(repo);
    const r = repo.tryGit(['tag', '-a', '-m', 'v1.1.0', 'v1.1.0']);
    expect(r.code, r.stderr).not.toBe(0);
    expect(r.stderr).toContain('tag-not-signed');
    expect(tagsOf(repo)).toEqual([]);
    const signed = repo.tryGit(['tag', '-s', '-m', 'v1.1.0', 'v1.1.0']);
    expect(signed.code, signed.stderr).toBe(0);
  });

  it('pre-push refuses an unsigned annotated release tag (remote lacks it); a signed one is pushed', () => {
    const repo = policyRepo({ requireSignedTag: true });
    sshSigning(repo);
    const remote = withRemote(repo);
    expect(repo.tryGit(['tag', '-a', '-m', 'v1.1.0', 'v1.1.0'], { STAMPGUARD: '0' }).code).toBe(0);
    const r = repo.tryGit(['push', 'origin', 'v1.1.0']);
    expect(r.code, r.stderr).not.toBe(0);
    expect(r.stderr).toContain('tag-not-signed');
    expect(tagsOf(remote)).toEqual([]);
    repo.git('tag', '-d', 'v1.1.0');
    expect(repo.tryGit(['tag', '-s', '-m', 'v1.1.0', 'v1.1.0'], { STAMPGUARD: '0' }).code).toBe(0);
    const pushed = repo.tryGit(['push', 'origin', 'v1.1.0']);
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(tagsOf(remote)).toEqual(['v1.1.0']);
  });
});
