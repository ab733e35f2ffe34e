// The registry (src/checks/index.ts): complete (every check file registered), exact (every code
// in the catalogue reported by one check only, and a check cannot report a code it did not
// declare), and how runChecks combines the findings of several subjects.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Check } from '../../src/checks/define.js';
import { CHECKS, runChecks } from '../../src/checks/index.js';
import { operationInProgress } from '../../src/checks/operation-in-progress.js';
import { CODES, finding } from '../../src/codes.js';
import { FINDING_CODES, MODES } from '../../src/types.js';
import { entry, expectFindings, HEAD, runAll, target, world } from '../helpers/facts.js';
import { PROJECT_ROOT } from '../helpers/git-repo.js';

const CHECKS_DIR = path.join(PROJECT_ROOT, 'src/checks');
const checkFiles = readdirSync(CHECKS_DIR)
  .filter((name) => name.endsWith('.ts') && name !== 'define.ts' && name !== 'index.ts')
  .sort();

function isCheck(value: unknown): value is Check {
  return typeof value === 'object' && value !== null && 'id' in value && 'codes' in value && 'run' in value;
}

describe('the check registry', () => {
  it('finds the check files (the listing is not empty)', () => {
    expect(checkFiles.length).toBeGreaterThanOrEqual(16);
  });

  it.each(checkFiles)('%s exports one check, named after the file, and it is registered', async (file) => {
    const module: Record<string, unknown> = await import(path.join(CHECKS_DIR, file));
    const checks = Object.values(module).filter(isCheck);
    expect(checks).toHaveLength(1);
    const check = checks[0]!;
    expect(check.id).toBe(path.basename(file, '.ts'));
    expect(CHECKS).toContain(check);
  });

  it('registers nothing but the check files, each once', () => {
    expect(CHECKS.map((c) => `${c.id}.ts`).sort()).toEqual(checkFiles);
  });

  it('every code in the catalogue is declared by exactly one check', () => {
    const declaredBy = new Map<string, string[]>();
    for (const check of CHECKS)
      for (const code of check.codes) declaredBy.set(code, [...(declaredBy.get(code) ?? []), check.id]);
    for (const code of FINDING_CODES) expect(declaredBy.get(code), code).toHaveLength(1);
    expect([...declaredBy.keys()].sort()).toEqual([...FINDING_CODES].sort());
    expect(Object.keys(CODES).sort()).toEqual([...FINDING_CODES].sort());
  });

  it('a check named after one code declares that code', () => {
    for (const check of CHECKS) {
      if ((FINDING_CODES as readonly string[]).includes(check.id)) expect(check.codes, check.id).toEqual([check.id]);
    }
  });

  it('every check runs in at least one mode, and only in modes that exist', () => {
    for (const check of CHECKS) {
      expect(check.modes.length, check.id).toBeGreaterThan(0);
      for (const mode of check.modes) expect(MODES, check.id).toContain(mode);
    }
  });

  it('runChecks refuses a finding whose code the check did not declare', () => {
    const spy = vi
      .spyOn(operationInProgress, 'run')
      .mockReturnValue([finding('dirty-tree', { message: 'not mine to report', hint: 'none' })]);
    try {
      expect(() => runChecks(world().contexts)).toThrow(
        'check operation-in-progress reported dirty-tree, which it does not declare',
      );
    } finally {
      spy.mockRestore();
    }
    // Restored: the same world passes again.
    expect(runChecks(world().contexts)).toEqual([]);
  });
});

describe('runChecks over several subjects', () => {
  it('reports findings in registry order', () => {
    const found = runAll({
      facts: { operation: 'merge', shallow: true, status: { entries: [entry.untracked('x')] } },
      config: { convention: 'kubernetes' },
    });
    expect(found.map((f) => f.code)).toEqual([
      'operation-in-progress',
      'untracked-files',
      'shallow-clone',
      'nonstandard-version',
    ]);
  });

  it('a tag that already holds its object changes nothing and is not checked', () => {
    const w = world({ facts: { mode: 'tag', targets: [target('v0.0.1', { unchanged: true })] } });
    expect(w.contexts).toEqual([]);
    expect(runChecks(w.contexts)).toEqual([]);
  });

  it('a push with no tags is one check of the repository, which passes', () => {
    const w = world({ facts: { mode: 'push', targets: [] } });
    expect(w.contexts.map((c) => c.target)).toEqual([null]);
    expect(runChecks(w.contexts)).toEqual([]);
  });

  it('several tags: only errors are reported (a warning per non-release tag would drown them)', () => {
    const found = runAll({
      facts: { mode: 'push', targets: [target('nightly', { isHead: false }), target('v1.2', { isHead: false })] },
    });
    expectFindings(found, [{ code: 'tag-not-semver', severity: 'error', tag: 'v1.2' }]);
    // One tag alone keeps its warning.
    expectFindings(runAll({ facts: { mode: 'push', targets: [target('nightly', { isHead: false })] } }), [
      { code: 'tag-not-semver', severity: 'warning', tag: 'nightly' },
    ]);
  });

  it('several tags created at HEAD: a work-tree finding is reported once', () => {
    // The reference-transaction hook passes every tag of one transaction (git update-ref --stdin).
    const found = runAll({
      facts: {
        mode: 'tag',
        targets: [target('v1.2.3'), target('v1.2.3-rc.9', { commit: HEAD })],
        status: { entries: [entry.modified('src/a.ts'), entry.untracked('notes.txt')] },
      },
    });
    expect(found.filter((f) => f.code === 'untracked-files')).toHaveLength(1);
    expect(found.filter((f) => f.code === 'dirty-tree')).toHaveLength(1);
  });
});
