// `stampguard check --tag NAME`: a tag about to be created.
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { makeRepo, parseJson, type Repo } from '../helpers/git-repo.js';

function tagCheck(repo: Repo, tag: string) {
  const r = repo.cli(['check', '--tag', tag, '--json']);
  expect(r.stderr).toBe('');
  return { code: r.code, report: parseJson<Report>(r.stdout) };
}
const codes = (report: Report) => report.findings.map((f) => f.code);

describe('tag mode', () => {
  it('accepts the next version on a clean tree whose package.json matches, and stamps it', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.tag('v1.0.0');
    repo.writePackage('1.1.0');
    repo.commit('release 1.1.0');
    const { code, report } = tagCheck(repo, 'v1.1.0');
    expect(code).toBe(0);
    expect(report).toMatchObject({ ok: true, mode: 'tag', findings: [], version: { stamp: '1.1.0' } });
  });

  it('tag-not-semver for malformed release tags; other tags pass with a warning', () => {
    const repo = makeRepo({ version: '1.2.0' });
    for (const bad of ['v1.2', 'v1.2.3.4', 'v01.2.3', 'v1.2.3-']) {
      const { code, report } = tagCheck(repo, bad);
      expect(code, bad).toBe(1);
      expect(codes(report), bad).toEqual(['tag-not-semver']);
    }
    const other = tagCheck(repo, 'deploy-prod');
    expect(other.code).toBe(0);
    expect(other.report.findings).toEqual([expect.objectContaining({ code: 'tag-not-semver', severity: 'warning' })]);
  });

  it('nonstandard-version for a tag named like describe output', () => {
    const repo = makeRepo({ version: '1.0.0-1-gdeadbee' });
    const { code, report } = tagCheck(repo, 'v1.0.0-1-gdeadbee');
    expect(code).toBe(1);
    expect(codes(report)).toEqual(['nonstandard-version']);
  });

  it('tag-exists when the tag points elsewhere; the same commit is fine', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.tag('v1.0.0');
    expect(tagCheck(repo, 'v1.0.0').code).toBe(0);
    repo.commit('more');
    const { code, report } = tagCheck(repo, 'v1.0.0');
    expect(code).toBe(1);
    expect(codes(report)).toContain('tag-exists');
  });

  it('version-not-greater against the highest release, with backports in an older line allowed', () => {
    const repo = makeRepo({ version: '1.2.0' });
    repo.tag('v1.2.0');
    const base = repo.head();
    repo.commit('the 1.3 line');
    repo.tag('v1.3.0');
    repo.tag('v1.3.0-rc.1');
    repo.commit('next');
    const older = (v: string) => {
      repo.writePackage(v);
      repo.commit(`bump ${v}`);
      return tagCheck(repo, `v${v}`);
    };
    expect(codes(older('1.1.0').report)).toEqual(['version-not-greater']); // a new line below the highest
    // A patch of the 1.2 line on a commit that already contains v1.3.0 would leave a hole.
    const hole = older('1.2.1').report.findings.find((f) => f.code === 'version-not-greater')!;
    expect(hole.message).toContain('v1.3.0, which the tagged commit already contains');
    expect(codes(older('1.3.0-rc.2').report)).toEqual(['version-not-greater']); // 1.3.0 is out already
    expect(codes(older('1.3.0').report)).toEqual(['tag-exists']); // and it is not moved
    const next = older('1.4.0-rc.1');
    expect(next.code).toBe(0);
    // A backport from the 1.2 line, on a commit that does not contain the 1.3 line, is allowed.
    repo.git('checkout', '-q', '-b', 'release-1.2', base);
    expect(older('1.2.1').code).toBe(0);
    repo.git('checkout', '-q', 'main');
    const finding = tagCheck(repo, 'v1.3.0-rc.2').report.findings.find((f) => f.code === 'version-not-greater')!;
    expect(finding.message).toContain('v1.3.0');
    expect(finding.expected).toBe('> 1.3.0');
  });

  it('version-mismatch against package.json at the tagged commit', () => {
    const repo = makeRepo({ version: '1.0.0' });
    const { code, report } = tagCheck(repo, 'v2.0.0');
    expect(code).toBe(1);
    expect(report.findings).toEqual([
      expect.objectContaining({ code: 'version-mismatch', expected: '2.0.0', actual: '1.0.0' }),
    ]);
  });

  it('refuses a dirty tree when the tagged commit is HEAD', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.write('package.json', '{"version":"1.0.0","dirty":true}');
    const { code, report } = tagCheck(repo, 'v1.0.0');
    expect(code).toBe(1);
    expect(codes(report)).toEqual(['dirty-tree']);
  });

  it('--tag implies --mode tag, and --tag with another mode is a usage error', () => {
    const repo = makeRepo({ version: '1.0.0' });
    expect(repo.cli(['check', '--tag', 'v1.0.0']).code).toBe(0);
    expect(repo.cli(['check', '--mode', 'release', '--tag', 'v1.0.0']).code).toBe(2);
    expect(repo.cli(['check', '--mode', 'tag']).code).toBe(2);
  });

  it('tag names that look like options are data, not options', () => {
    const repo = makeRepo({ version: '1.0.0' });
    const r = repo.cli(['check', '--json', '--tag=-h']);
    expect(r.code).toBe(0);
    expect(parseJson<Report>(r.stdout).findings[0]).toMatchObject({
      code: 'tag-not-semver',
      severity: 'warning',
      tag: '-h',
    });
  });
});
