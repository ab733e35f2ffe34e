// Feature gates end to end: the built CLI, real repositories, the real Kubernetes list.
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { makeRepo, PROJECT_ROOT, parseJson, type Repo, runCli, tempDir } from '../helpers/git-repo.js';

const K8S_LIST = path.join(PROJECT_ROOT, 'test/fixtures/gates/kubernetes-versioned_feature_list.yaml');

/** A repository whose config points at a copy of the real Kubernetes feature list. */
function kubeRepo(version: string, gates: Record<string, unknown>): Repo {
  const repo = makeRepo({ version, files: { 'main.go': 'package main\n' } });
  copyFileSync(K8S_LIST, path.join(repo.dir, 'versioned_feature_list.yaml'));
  repo.write(
    '.stampguardrc.json',
    JSON.stringify({ convention: 'kubernetes', gates: { specs: './versioned_feature_list.yaml', ...gates } }, null, 2),
  );
  repo.commit('gates');
  return repo;
}

function checkJson(repo: Repo, ...args: string[]) {
  const r = repo.cli(['check', '--json', ...args]);
  expect(r.stderr).toBe('');
  return { code: r.code, report: parseJson<Report>(r.stdout) };
}

describe('gates in release mode', () => {
  it('the incident: v0.1.0, 284 commits, dirty tree, NodeSwap=false → every cause named', () => {
    const repo = kubeRepo('0.1.0', { set: 'NodeSwap=false', emulationFloor: '1.31' });
    repo.git('tag', 'v0.1.0', repo.git('rev-list', '--max-parents=0', 'HEAD').trim());
    repo.emptyCommits(283);
    repo.write('main.go', 'package main // dirty\n');
    const { code, report } = checkJson(repo);
    expect(code).toBe(1);
    expect(report.version.distance).toBe(284);
    const byCode = Object.fromEntries(report.findings.map((f) => [f.code, f]));
    expect(Object.keys(byCode)).toEqual(
      expect.arrayContaining([
        'dirty-tree',
        'not-on-tag',
        'nonstandard-version',
        'gate-prealpha-set',
        'emulation-out-of-range',
      ]),
    );
    const stamped = report.findings.find((f) => f.code === 'nonstandard-version')!.actual!;
    expect(stamped).toMatch(/^0\.1\.0-284\+[0-9a-f]{14}-dirty$/);
    expect(byCode['gate-prealpha-set']).toMatchObject({ gate: 'NodeSwap' });
    expect(byCode['gate-prealpha-set']!.message).toContain('NodeSwap');
    expect(byCode['gate-prealpha-set']!.message).toContain('0.1');
    expect(byCode['gate-prealpha-set']!.message).toContain('1.22');
    expect(byCode['emulation-out-of-range']!.message).toBe(
      `emulation version 0.1 is not between [1.31, ${stamped}] (the emulation version defaults to the stamped version's 0.1)`,
    );
  });

  it('passes once the tree is clean and correctly tagged', () => {
    const repo = kubeRepo('1.33.0', { set: { NodeSwap: false }, emulationFloor: '1.31' });
    repo.tag('v1.33.0', { annotated: true });
    const { code, report } = checkJson(repo);
    expect(report.findings).toEqual([]);
    expect(code).toBe(0);
    expect(report.version.stamp).toBe('1.33.0');
  });

  it('gate-locked at a version where the gate is GA and locked; its default is accepted', () => {
    const repo = kubeRepo('1.34.0', { set: 'NodeSwap=false' });
    repo.tag('v1.34.0');
    const locked = checkJson(repo);
    expect(locked.code).toBe(1);
    expect(locked.report.findings).toEqual([expect.objectContaining({ code: 'gate-locked', gate: 'NodeSwap' })]);
    repo.write(
      '.stampguardrc.json',
      JSON.stringify({ gates: { specs: './versioned_feature_list.yaml', set: 'NodeSwap=true' } }),
    );
    repo.commit('set it to its default');
    repo.git('tag', '-f', 'v1.34.0');
    expect(checkJson(repo).code).toBe(0);
  });

  it('gate-unknown suggests the closest name', () => {
    const repo = kubeRepo('1.33.0', { set: 'nodeSwap=true' });
    repo.tag('v1.33.0');
    const { code, report } = checkJson(repo);
    expect(code).toBe(1);
    expect(report.findings[0]).toMatchObject({ code: 'gate-unknown', gate: 'nodeSwap' });
    expect(report.findings[0]!.hint).toContain('NodeSwap');
  });

  it('an emulation version inside the window passes, one outside is refused', () => {
    const repo = kubeRepo('1.34.0', { set: 'NodeSwap=true', emulationVersion: '1.32', emulationFloor: '1.31' });
    repo.tag('v1.34.0');
    expect(checkJson(repo).code).toBe(0);
    repo.write(
      '.stampguardrc.json',
      JSON.stringify({
        gates: { specs: './versioned_feature_list.yaml', emulationVersion: '1.30', emulationFloor: '1.31' },
      }),
    );
    repo.commit('emulate too old');
    repo.git('tag', '-f', 'v1.34.0');
    const { report } = checkJson(repo);
    expect(report.findings.map((f) => f.code)).toEqual(['emulation-out-of-range']);
    expect(report.findings[0]!.message).toContain('emulation version 1.30 is not between [1.31, 1.34.0]');
  });

  it('gate-spec-invalid for specs that break the lifecycle rules', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.write(
      '.stampguardrc.json',
      JSON.stringify({
        gates: {
          specs: {
            Foo: [
              { version: '1.1', stage: 'beta', default: false },
              { version: '1.2', stage: 'alpha', default: false },
            ],
          },
        },
      }),
    );
    repo.commit('bad specs');
    repo.tag('v1.0.0');
    const { code, report } = checkJson(repo);
    expect(code).toBe(1);
    expect(report.findings[0]).toMatchObject({ code: 'gate-spec-invalid', gate: 'Foo' });
  });
});

describe('gates in tag mode', () => {
  it('evaluates at the tag being created', () => {
    const repo = kubeRepo('1.34.0', { set: 'NodeSwap=false' });
    const { code, report } = checkJson(repo, '--tag', 'v1.34.0');
    expect(code).toBe(1);
    expect(report.findings.map((f) => f.code)).toEqual(['gate-locked']);
    repo.writePackage('1.33.0');
    repo.commit('go back');
    expect(checkJson(repo, '--tag', 'v1.33.0').code).toBe(0);
  });
});

describe('stampguard gates', () => {
  it('prints the table at --at and at the version to be stamped', () => {
    const repo = kubeRepo('1.33.0', { set: 'NodeSwap=false,KubeletCrashLoopBackOffMax=true' });
    repo.tag('v1.33.0');
    const at = repo.cli(['gates']);
    expect(at.code).toBe(0);
    expect(at.stdout).toContain('emulated version 1.33');
    expect(at.stdout).toMatch(/\*\s+NodeSwap\s+beta\s+true\s+no\s+1\.30\s+false\s+ok/);
    const later = repo.cli(['gates', '--at', '1.35']);
    expect(later.code).toBe(1);
    expect(later.stdout).toMatch(/NodeSwap\s+GA\s+true\s+yes/);
  });

  it('--json gives the window, every gate and the findings', () => {
    const repo = kubeRepo('1.33.0', { set: 'NodeSwap=false' });
    const r = repo.cli(['gates', '--at', '1.34.0', '--json']);
    expect(r.code).toBe(1);
    const out = parseJson<{
      ok: boolean;
      window: Record<string, string>;
      gates: { gate: string; verdict: string }[];
      findings: { code: string }[];
    }>(r.stdout);
    expect(out.ok).toBe(false);
    expect(out.window).toEqual({ binary: '1.34', emulation: '1.34', minCompatibility: '1.33', lowerBound: '1.31' });
    expect(out.gates.length).toBeGreaterThan(190);
    expect(out.gates.find((g) => g.gate === 'NodeSwap')!.verdict).toBe('locked');
    expect(out.findings.map((f) => f.code)).toEqual(['gate-locked']);
  });

  it('works outside a git repository with --at, and explains when no gates are configured', () => {
    const dir = tempDir();
    expect(runCli(['gates', '--at', '1.33'], { cwd: dir })).toMatchObject({ code: 2 });
    expect(runCli(['gates', '--at', '1.33'], { cwd: dir }).stderr).toContain('no feature gates are configured');
  });
});

describe('gate configuration errors (exit 2)', () => {
  it.each([
    [{ gates: { specs: './missing.yaml' } }, 'missing.yaml'],
    [{ gates: { specs: {}, set: 'NodeSwap=maybe' } }, 'NodeSwap=maybe'],
    [{ gates: { specs: {}, emulationVersion: 1.3 } }, 'emulationVersion'],
    [{ gates: { specs: { A: [{ version: '1.2', stage: 'gamma', default: false }] } } }, 'gates.specs.A[0].stage'],
    [{ gates: { spec: {} } }, 'spec'],
  ])('%j', (config, expected) => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.write('.stampguardrc.json', JSON.stringify(config));
    const r = repo.cli(['check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(expected);
    expect(r.stderr).toContain('.stampguardrc.json');
  });
});
