// --allow CODE: a one-off override that keeps the finding in the report, marked, instead of
// switching the whole guard off; and the report names the configuration it used.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { makeRepo, parseJson } from '../helpers/git-repo.js';

function released() {
  const repo = makeRepo({ version: '1.0.0', files: { 'README.md': 'readme\n' } });
  repo.tag('v1.0.0');
  return repo;
}

describe('--allow CODE', () => {
  it('lets exactly the named code through, marked allowed in JSON, loudly in pretty output', () => {
    const repo = released();
    repo.write('README.md', 'edited\n');
    repo.write('notes.txt', 'scratch\n');
    const refused = repo.cli(['check', '--json']);
    expect(refused.code).toBe(1);

    const allowedRun = repo.cli(['check', '--json', '--allow', 'dirty-tree', '--allow', 'untracked-files']);
    const report = parseJson<Report>(allowedRun.stdout);
    expect(allowedRun.code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.findings.map((f) => [f.code, f.allowed])).toEqual([
      ['dirty-tree', true],
      ['untracked-files', true],
    ]);

    // Each code on its own: allowing one leaves the other refusing.
    const one = repo.cli(['check', '--json', '--allow', 'dirty-tree']);
    expect(one.code).toBe(1);
    expect(parseJson<Report>(one.stdout).findings.find((f) => f.code === 'untracked-files')?.allowed).toBeUndefined();

    const pretty = repo.cli(['check', '--allow', 'dirty-tree,untracked-files']);
    expect(pretty.code).toBe(0);
    expect(pretty.stdout).toContain('passed (2 allowed by --allow)');
    expect(pretty.stdout).toMatch(/‼ dirty-tree ALLOWED {2}1 tracked file changed: README\.md/);
  });

  it('a code that does not exist is a usage error naming the closest, never a silent no-op', () => {
    const repo = released();
    const r = repo.cli(['check', '--allow', 'dirty-trees']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--allow dirty-trees: no such finding code; did you mean dirty-tree?');
  });

  it('stampguard version --allow prints the release version when only allowed findings stand in the way', () => {
    const repo = released();
    repo.write('notes.txt', 'scratch\n');
    expect(repo.cli(['version']).stdout).toBe('');
    const r = repo.cli(['version', '--allow', 'untracked-files']);
    expect(r.stdout).toBe('1.0.0\n');
    expect(r.code).toBe(0);
  });
});

describe('the configuration used', () => {
  it('config.file is the absolute path of the file found, or null; the pretty footer names it', () => {
    const repo = released();
    const none = parseJson<Report>(repo.cli(['check', '--json']).stdout);
    expect(none.config).toEqual({ file: null });
    expect(repo.cli(['check']).stdout).toContain('  config:     none found (defaults)\n');

    repo.write('.stampguardrc.json', '{ "untracked": "warning" }\n');
    repo.commit('config');
    repo.git('tag', '-f', 'v1.0.0');
    const found = parseJson<Report>(repo.cli(['check', '--json']).stdout);
    const file = path.join(realpathSync(repo.dir), '.stampguardrc.json');
    expect(found.config).toEqual({ file });
    expect(repo.cli(['check']).stdout).toContain(`  config:     ${file}\n`);
  });
});
