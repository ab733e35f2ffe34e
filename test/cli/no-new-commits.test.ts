// No release without changes: a new release tag on a commit that already carries a release.
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { makeRepo, parseJson, type Repo } from '../helpers/git-repo.js';

function tagCheck(repo: Repo, tag: string): { code: number; codes: string[] } {
  const r = repo.cli(['check', '--json', '--tag', tag]);
  return { code: r.code, codes: parseJson<Report>(r.stdout).findings.map((f) => f.code) };
}

describe('no-new-commits', () => {
  it('a second release tag on the commit of v1.0.0 is refused; after a commit it is fine', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.tag('v1.0.0', { annotated: true });
    repo.writePackage('1.0.1');
    repo.git('add', 'package.json');
    repo.git('commit', '-q', '--amend', '--no-edit'); // package.json says 1.0.1, v1.0.0 still on the old commit
    repo.git('tag', '-f', 'v1.0.0');
    const same = tagCheck(repo, 'v1.0.1');
    expect(same.codes).toContain('no-new-commits');
    expect(same.code).toBe(1);
    repo.commit('a change worth releasing', { 'src.txt': 'x\n' });
    expect(tagCheck(repo, 'v1.0.1')).toEqual({ code: 0, codes: [] });
  });

  it('promoting a release candidate on the same commit is the one exception', () => {
    const repo = makeRepo({ version: '2.0.0' });
    repo.tag('v2.0.0-rc.1', { annotated: true });
    expect(tagCheck(repo, 'v2.0.0')).toEqual({ code: 0, codes: [] });
    // … but not a second candidate with nothing new in it.
    expect(tagCheck(repo, 'v2.0.0-rc.2').codes).toContain('no-new-commits');
  });

  it('--allow no-new-commits lets it through once, marked', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.tag('v0.9.0');
    const r = repo.cli(['check', '--json', '--tag', 'v1.0.0', '--allow', 'no-new-commits']);
    expect(r.code).toBe(0);
    expect(parseJson<Report>(r.stdout).findings.map((f) => [f.code, f.allowed])).toEqual([['no-new-commits', true]]);
  });
});
