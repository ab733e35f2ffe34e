// check --mode commit and --mode push from the command line (the hooks use the same code).
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { makeRepo, parseJson } from '../helpers/git-repo.js';

describe('check --mode commit', () => {
  it('reads the staged package.json, not the working tree', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.writePackage('1.0.1-dirty');
    let r = repo.cli(['check', '--mode', 'commit', '--json']);
    expect(r.code).toBe(0); // not staged: the commit would not contain it
    repo.git('add', 'package.json');
    r = repo.cli(['check', '--mode', 'commit', '--json']);
    expect(r.code).toBe(1);
    const report = parseJson<Report>(r.stdout);
    expect(report.mode).toBe('commit');
    expect(report.findings).toEqual([
      expect.objectContaining({ code: 'nonstandard-version', paths: ['package.json'], actual: '1.0.1-dirty' }),
    ]);
    expect(report.version.dev).toBeNull();
  });

  it('works on an unborn branch', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.git('checkout', '-q', '--orphan', 'fresh');
    expect(repo.cli(['check', '--mode', 'commit']).code).toBe(0);
  });
});

describe('check --mode push', () => {
  it('checks the tags named in pre-push lines on stdin', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.tag('v1.0.0');
    repo.tag('v2.0.0');
    const head = repo.head();
    const zero = '0'.repeat(40);
    const good = `refs/tags/v1.0.0 ${head} refs/tags/v1.0.0 ${zero}\n`;
    const bad = `refs/tags/v2.0.0 ${head} refs/tags/v2.0.0 ${zero}\n`;
    const branch = `refs/heads/main ${head} refs/heads/main ${zero}\n`;
    expect(repo.cli(['check', '--mode', 'push', '--json'], { input: good + branch }).code).toBe(0);
    const r = repo.cli(['check', '--mode', 'push', '--json'], { input: good + bad });
    expect(r.code).toBe(1);
    expect(parseJson<Report>(r.stdout).findings).toEqual([
      expect.objectContaining({ code: 'version-mismatch', tag: 'v2.0.0' }),
    ]);
    expect(repo.cli(['check', '--mode', 'push'], { input: '' }).code).toBe(0);
  });
});

describe('check --mode preflight', () => {
  it('checks the tree, not the tag: for the moment before a version bump', () => {
    const repo = makeRepo({
      version: '1.0.0',
      files: { '.stampguardrc.json': JSON.stringify({ branches: ['main'] }) },
    });
    repo.tag('v1.0.0');
    repo.commit('work after the release');
    let r = repo.cli(['check', '--mode', 'preflight', '--json']);
    expect(r.code).toBe(0); // not on a tag: fine before a bump
    expect(parseJson<Report>(r.stdout)).toMatchObject({ mode: 'preflight', findings: [] });
    repo.write('stray.txt', 'x');
    r = repo.cli(['check', '--mode', 'preflight', '--json']);
    expect(r.code).toBe(1);
    expect(parseJson<Report>(r.stdout).findings.map((f) => f.code)).toEqual(['untracked-files']);
    repo.git('checkout', '-q', '-b', 'feature');
    r = repo.cli(['check', '--mode', 'preflight']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('pre-release check refused');
    expect(r.stdout).toContain('branch-not-allowed');
  });
});
