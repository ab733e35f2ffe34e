// Workspaces: a tag belongs to the package whose prefix it carries ("<name>@" as changesets writes
// it, or the package's own tagPrefix such as "c/v" for a Go-module style), and is checked with
// that package's configuration and package.json; commit mode classifies every package's staged
// version; --package DIR checks one package.
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { makeRepo, parseJson, type Repo } from '../helpers/git-repo.js';

function workspace(versions: { a?: string; b?: string; c?: string } = {}): Repo {
  const pkg = (name: string, version: string, extra: Record<string, unknown> = {}) =>
    `${JSON.stringify({ name, version, ...extra }, null, 2)}\n`;
  return makeRepo({
    version: null,
    files: {
      'package.json': pkg('acme', '0.0.0', { private: true, workspaces: ['packages/*'] }),
      'packages/a/package.json': pkg('@acme/a', versions.a ?? '1.0.0'),
      'packages/b/package.json': pkg('@acme/b', versions.b ?? '2.0.0'),
      'packages/c/package.json': pkg('c', versions.c ?? '0.3.0', { stampguard: { tagPrefix: 'c/v' } }),
    },
  });
}

function run(repo: Repo, args: string[], input?: string): { code: number; report: Report } {
  const r = repo.cli(['check', '--json', ...args], input === undefined ? {} : { input });
  expect(r.stderr).toBe('');
  return { code: r.code, report: parseJson<Report>(r.stdout) };
}

const codes = (report: Report) => report.findings.map((f) => f.code);

describe('workspaces', () => {
  it('a changesets-style tag is checked against its own package.json', () => {
    const repo = workspace();
    const good = run(repo, ['--tag', '@acme/a@1.0.0']);
    expect(good.report.findings).toEqual([]);
    expect(good.code).toBe(0);
    expect(good.report.version.stamp).toBe('1.0.0');
    const bad = run(repo, ['--tag', '@acme/a@1.1.0']);
    expect(bad.code).toBe(1);
    expect(bad.report.findings).toEqual([
      expect.objectContaining({
        code: 'version-mismatch',
        paths: ['packages/a/package.json'],
        expected: '1.1.0',
        actual: '1.0.0',
      }),
    ]);
  });

  it('a describe-shaped package tag is refused, not waved through as "not a release tag"', () => {
    const repo = workspace();
    const r = run(repo, ['--tag', '@acme/b@2.0.0-5-gdeadbee']);
    expect(r.code).toBe(1);
    expect(codes(r.report)).toEqual(['nonstandard-version']);
  });

  it("a package's own tagPrefix (Go-module style c/v1.2.3) and its own configuration", () => {
    const repo = workspace();
    expect(run(repo, ['--tag', 'c/v0.3.0']).code).toBe(0);
    const bad = run(repo, ['--tag', 'c/v0.4.0']);
    expect(bad.report.findings).toEqual([
      expect.objectContaining({ code: 'version-mismatch', paths: ['packages/c/package.json'], expected: '0.4.0' }),
    ]);
  });

  it('pushing tags of two packages checks each against its own package', () => {
    const repo = workspace({ b: '2.1.0' });
    repo.tag('@acme/a@1.0.0');
    repo.tag('@acme/b@2.0.0');
    const head = repo.head();
    const lines = ['@acme/a@1.0.0', '@acme/b@2.0.0']
      .map((t) => `refs/tags/${t} ${head} refs/tags/${t} ${'0'.repeat(40)}\n`)
      .join('');
    const r = run(repo, ['--mode', 'push'], lines);
    expect(r.code).toBe(1);
    expect(r.report.findings).toEqual([
      expect.objectContaining({ code: 'version-mismatch', tag: '@acme/b@2.0.0', paths: ['packages/b/package.json'] }),
    ]);
  });

  it('commit mode classifies the staged version of every package', () => {
    const repo = workspace();
    repo.write('packages/b/package.json', '{ "name": "@acme/b", "version": "2.0.0-1-gdeadbee" }\n');
    repo.git('add', 'packages/b/package.json');
    const r = run(repo, ['--mode', 'commit']);
    expect(r.code).toBe(1);
    expect(r.report.findings).toEqual([
      expect.objectContaining({ code: 'nonstandard-version', paths: ['packages/b/package.json'] }),
    ]);
  });

  it('--package DIR: one package released, its version printed bare', () => {
    const repo = workspace();
    repo.tag('@acme/a@1.0.0', { annotated: true });
    const released = run(repo, ['--package', 'packages/a']);
    expect(released.code).toBe(0);
    expect(released.report.version.tag).toBe('@acme/a@1.0.0');
    expect(repo.cli(['version', '--package', 'packages/a']).stdout).toBe('1.0.0\n');
    // package b has no tag on HEAD: not releasable, whatever a's tags say.
    const other = run(repo, ['--package', 'packages/b']);
    expect(other.code).toBe(1);
    expect(codes(other.report)).toContain('no-tag');
    expect(repo.cli(['check', '--package', 'nowhere']).code).toBe(2);
  });
});
