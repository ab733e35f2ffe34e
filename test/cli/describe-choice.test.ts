// Several release tags on HEAD: stampguard approves and stamps exactly the tag a describe-based
// build takes (git describe: an annotated tag over a lightweight one, then the newest tagger date,
// then ref-name order), and warns when that is not the highest version there.
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { makeRepo, parseJson, type Repo } from '../helpers/git-repo.js';

function tagAt(repo: Repo, name: string, kind: 'annotated' | 'lightweight', date?: number): void {
  const env = date === undefined ? {} : { GIT_COMMITTER_DATE: `${date} +0000` };
  const args = kind === 'annotated' ? ['tag', '-a', '-m', name, name] : ['tag', name];
  const r = repo.tryGit(args, env);
  expect(r.code, r.stderr).toBe(0);
}

function checked(repo: Repo): { code: number; report: Report; gitDescribe: string } {
  const r = repo.cli(['check', '--json']);
  const gitDescribe = repo.git('describe', '--tags', '--exact-match').trim();
  return { code: r.code, report: parseJson<Report>(r.stdout), gitDescribe };
}

describe('the tag a build takes when HEAD carries several', () => {
  it('a stray lightweight describe-shaped tag next to the real annotated v7.8.8: v7.8.8 is approved, with a warning', () => {
    const repo = makeRepo({ version: '7.8.8' });
    tagAt(repo, 'v7.8.8', 'annotated');
    tagAt(repo, 'v7.8.9-2-gdeadbee', 'lightweight');
    const { code, report, gitDescribe } = checked(repo);
    expect(gitDescribe).toBe('v7.8.8'); // control: what git describe, and so the build, takes
    expect(code).toBe(0);
    expect(report.version.tag).toBe('v7.8.8');
    expect(report.version.stamp).toBe('7.8.8');
    const warning = report.findings.find((f) => f.code === 'ambiguous-release-tag');
    expect(warning?.severity).toBe('warning');
    expect(warning?.message).toContain('v7.8.9-2-gdeadbee');
    expect(report.findings.map((f) => f.code)).toEqual(['ambiguous-release-tag']);
  });

  it('two annotated tags: the newest tagger date wins, whatever the versions', () => {
    const repo = makeRepo({ version: '1.0.0' });
    tagAt(repo, 'v1.0.1', 'annotated', 1_700_000_000);
    tagAt(repo, 'v1.0.0', 'annotated', 1_700_000_100);
    const { report, gitDescribe } = checked(repo);
    expect(gitDescribe).toBe('v1.0.0');
    expect(report.version.tag).toBe('v1.0.0');
    expect(report.version.stamp).toBe('1.0.0');
    expect(report.findings.map((f) => f.code)).toEqual(['ambiguous-release-tag']);
  });

  it('the other way round: the newer annotated tag is the higher version, no warning', () => {
    const repo = makeRepo({ version: '1.0.1' });
    tagAt(repo, 'v1.0.0', 'annotated', 1_700_000_000);
    tagAt(repo, 'v1.0.1', 'annotated', 1_700_000_100);
    const { code, report, gitDescribe } = checked(repo);
    expect(gitDescribe).toBe('v1.0.1');
    expect(code).toBe(0);
    expect(report.version.stamp).toBe('1.0.1');
    expect(report.findings).toEqual([]);
  });

  it('two lightweight tags: the first by name, as git describe takes it', () => {
    const repo = makeRepo({ version: '1.0.0' });
    tagAt(repo, 'v1.0.1', 'lightweight');
    tagAt(repo, 'v1.0.0', 'lightweight');
    const { report, gitDescribe } = checked(repo);
    expect(gitDescribe).toBe('v1.0.0');
    expect(report.version.tag).toBe('v1.0.0');
    expect(report.findings.map((f) => f.code)).toEqual(['ambiguous-release-tag']);
  });

  it('an annotated release over a lightweight pre-release of a higher version: the annotated one, warned', () => {
    const repo = makeRepo({ version: '1.0.0' });
    tagAt(repo, 'v1.0.0', 'annotated');
    tagAt(repo, 'v1.1.0-rc.1', 'lightweight');
    const { report, gitDescribe } = checked(repo);
    expect(gitDescribe).toBe('v1.0.0');
    expect(report.version.stamp).toBe('1.0.0');
    expect(report.findings.map((f) => f.code)).toEqual(['ambiguous-release-tag']);
  });

  it('a release candidate promoted on the same commit: the final, newer annotated tag, no warning', () => {
    const repo = makeRepo({ version: '2.0.0' });
    tagAt(repo, 'v2.0.0-rc.1', 'annotated', 1_700_000_000);
    tagAt(repo, 'v2.0.0', 'annotated', 1_700_000_100);
    const { code, report, gitDescribe } = checked(repo);
    expect(gitDescribe).toBe('v2.0.0');
    expect(code).toBe(0);
    expect(report.version.stamp).toBe('2.0.0');
    expect(report.findings).toEqual([]);
  });

  it('an npm package: the tag that says the version package.json holds is the release, whatever describe prefers', () => {
    const repo = makeRepo({ version: '1.0.1' });
    tagAt(repo, 'v1.0.0', 'lightweight');
    tagAt(repo, 'v1.0.1', 'lightweight');
    const npm = checked(repo);
    expect(npm.gitDescribe).toBe('v1.0.0'); // describe takes the first by name
    expect(npm.report.version.stamp).toBe('1.0.1'); // npm publishes package.json's 1.0.1
    expect(npm.code).toBe(0);
    // The same tags in a git-describe project: the build stamps what describe names.
    repo.write('.stampguardrc.json', '{ "convention": "git-describe" }\n');
    repo.commit('convention');
    tagAt(repo, 'v1.0.2', 'lightweight');
    tagAt(repo, 'v1.0.3', 'lightweight');
    const describeBased = checked(repo);
    expect(describeBased.report.version.tag).toBe('v1.0.2');
  });
});
