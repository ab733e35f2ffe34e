// Refs and objects cannot be forged into "on a release tag": replace objects and grafts, symbolic
// refs under refs/tags, forged peel lines, ambiguous short names, and tags that point at trees.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRepo } from '../helpers/git-repo.js';
import { hookedRepo, packedInstall } from '../helpers/packed.js';
import { checkJson, codes, mktag, sshSigning, summary, tagsOf, withRemote, ZERO } from '../helpers/trust.js';

beforeAll(() => {
  packedInstall();
}, 180_000);

describe('B6 replace objects and grafts are ignored', () => {
  it('git replace of the v1.0.0 tag object by a forged one pointing at HEAD: not-on-tag, version refuses', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.tag('v1.0.0', { annotated: true });
    const head = repo.commit('one past the release');
    const real = repo.git('rev-parse', 'refs/tags/v1.0.0').trim();
    const forged = mktag(repo, { object: head, tag: 'v1.0.0' });
    repo.git('replace', real, forged);
    expect(repo.git('describe', '--tags').trim(), 'control: git is fooled').toBe('v1.0.0');

    const r = checkJson(repo);
    expect(r.code, summary(r)).toBe(1);
    expect(codes(r.report), summary(r)).toContain('not-on-tag');
    const version = repo.cli(['version']);
    expect(version.code, version.stdout).toBe(1);
    expect(version.stdout).toBe('');
  });

  it('a graft that makes HEAD contain its upstream hides behind-upstream: still behind-upstream', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.tag('v1.0.0');
    const released = repo.head();
    const upstream = repo.commit('someone else pushed this');
    repo.git('remote', 'add', 'origin', path.join(repo.dir, 'nowhere.git'));
    repo.git('update-ref', 'refs/remotes/origin/main', upstream);
    repo.git('reset', '-q', '--hard', released);
    repo.git('branch', '-q', '-u', 'origin/main');
    const honest = checkJson(repo);
    expect(codes(honest.report), `before the graft: ${summary(honest)}`).toContain('behind-upstream');

    repo.git('replace', '--graft', released, upstream);
    expect(repo.git('rev-list', '--count', 'main..origin/main').trim(), 'control: git is fooled').toBe('0');
    const r = checkJson(repo);
    expect(r.code, summary(r)).toBe(1);
    expect(codes(r.report), summary(r)).toContain('behind-upstream');
  });
});

describe('B7 symbolic refs and peel lines', () => {
  it('refs/tags/v1.1.0 as a symbolic ref to refs/heads/main is not a release tag', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.tag('v1.0.0', { annotated: true });
    repo.writePackage('1.1.0');
    repo.commit('1.1.0');
    repo.git('symbolic-ref', 'refs/tags/v1.1.0', 'refs/heads/main');
    expect(repo.git('describe', '--tags').trim(), 'control: git takes it as a tag').toBe('v1.1.0');

    const r = checkJson(repo);
    expect(r.code, summary(r)).toBe(1);
    expect(r.report?.version.stamp ?? null, summary(r)).toBeNull();
    expect(codes(r.report), summary(r)).toContain('not-on-tag');
  });

  it('a forged peel line in packed-refs (v1.0.0^{} = HEAD) is not believed', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.tag('v1.0.0', { annotated: true });
    const head = repo.commit('one past the release');
    repo.git('pack-refs', '--all');
    const file = path.join(repo.dir, '.git/packed-refs');
    const lines = readFileSync(file, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.endsWith(' refs/tags/v1.0.0'));
    expect(lines[at + 1]).toMatch(/^\^[0-9a-f]{40}$/);
    lines[at + 1] = `^${head}`;
    writeFileSync(file, lines.join('\n'));
    expect(repo.git('show-ref', '-d', 'v1.0.0'), 'control: git believes the peel line').toContain(
      `${head} refs/tags/v1.0.0^{}`,
    );

    const r = checkJson(repo);
    expect(r.code, summary(r)).toBe(1);
    expect(codes(r.report), summary(r)).toContain('not-on-tag');
  });
});

describe('B8 requireSignedTag verifies the full ref name', () => {
  /** An old signed tag object, an unsigned annotated refs/tags/v1.0.0 on HEAD, requireSignedTag. */
  function ambiguous(where: 'refs/v1.0.0' | '.git/v1.0.0') {
    const repo = makeRepo({
      version: '1.0.0',
      files: { '.stampguardrc.json': JSON.stringify({ requireSignedTag: true }) },
    });
    sshSigning(repo);
    repo.git('tag', '-s', '-m', 'an old signed release', 'v0.9.0');
    const signed = repo.git('rev-parse', 'refs/tags/v0.9.0').trim();
    if (where === 'refs/v1.0.0') repo.git('update-ref', 'refs/v1.0.0', signed);
    else writeFileSync(path.join(repo.dir, '.git/v1.0.0'), `${signed}\n`);
    repo.commit('the release commit');
    repo.git('tag', '-a', '-m', 'v1.0.0', 'v1.0.0'); // not signed
    expect(repo.tryGit(['verify-tag', 'v1.0.0']).code, 'control: the short name verifies').toBe(0);
    expect(repo.tryGit(['verify-tag', 'refs/tags/v1.0.0']).code, 'control: the tag itself is unsigned').not.toBe(0);
    return repo;
  }

  for (const where of ['refs/v1.0.0', '.git/v1.0.0'] as const) {
    it(`an old signed tag at ${where} does not vouch for an unsigned refs/tags/v1.0.0: tag-not-signed`, () => {
      const repo = ambiguous(where);
      const r = checkJson(repo);
      expect(r.code, summary(r)).toBe(1);
      expect(codes(r.report), summary(r)).toContain('tag-not-signed');
    });
  }
});

describe('B9 a tag pointing at a tree is never a release tag', () => {
  it('pre-push refuses pushing git tag v9.9.9 HEAD^{tree}; the remote does not get it; tag-not-commit', () => {
    const repo = hookedRepo({ version: '9.9.9' });
    const remote = withRemote(repo);
    expect(repo.tryGit(['tag', 'v9.9.9', 'HEAD^{tree}'], { STAMPGUARD: '0' }).code).toBe(0);
    expect(repo.git('cat-file', '-t', 'v9.9.9').trim()).toBe('tree');
    const pushed = repo.tryGit(['push', 'origin', 'v9.9.9']);
    expect(pushed.code, pushed.stderr).not.toBe(0);
    expect(pushed.stderr).toContain('tag-not-commit');
    expect(tagsOf(remote)).toEqual([]);
  });

  it('check --mode push with the pre-push line for a tag pointing at a tree: tag-not-commit', () => {
    const repo = makeRepo({ version: '9.9.9' });
    const tree = repo.git('rev-parse', 'HEAD^{tree}').trim();
    repo.git('tag', 'v9.9.9', tree);
    const r = checkJson(repo, ['--mode', 'push'], { input: `refs/tags/v9.9.9 ${tree} refs/tags/v9.9.9 ${ZERO}\n` });
    expect(r.code, summary(r)).toBe(1);
    expect(codes(r.report), summary(r)).toContain('tag-not-commit');
  });

  it('the tag hook refuses creating git tag v9.9.9 HEAD^{tree} on a clean tree: tag-not-commit', () => {
    const repo = hookedRepo({ version: '9.9.9' });
    const created = repo.tryGit(['tag', 'v9.9.9', 'HEAD^{tree}']);
    expect(created.code, created.stderr).not.toBe(0);
    expect(created.stderr).toContain('tag-not-commit');
    expect(tagsOf(repo)).toEqual([]);
  });
});
