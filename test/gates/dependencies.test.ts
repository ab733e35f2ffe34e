// Gate dependencies and per-entry minimum compatibility versions: Kubernetes 1.35+ semantics
// (kubernetes/component-base featuregate/feature_gate.go: AddDependencies, unsafeSetFromMap,
// featureSpecAtEmulationAndMinCompatVersion). The cases restate the rules of that file and of its
// tests (TestAddDependencies, TestValidateDependencies, TestFeatureSpecAtEmulationAndMinCompatVersion)
// as tables here.
import { describe, expect, it } from 'vitest';
import {
  evaluate,
  evaluateGates,
  gatesReport,
  lintDependencies,
  lintSpecs,
  type MajorMinor,
  parseKubernetesFeatureList,
  parseMajorMinor,
  specAt,
} from '../../src/gates/index.js';
import type { GateSpecEntry, GateSpecs, Stage } from '../../src/types.js';
import { e, gatesConfig } from './helpers.js';

const mm = (s: string): MajorMinor => parseMajorMinor(s)!;
const mc = (entry: GateSpecEntry, min: string): GateSpecEntry => ({ ...entry, minCompatibilityVersion: min });

describe('specAt with per-entry minimum compatibility versions', () => {
  // Alpha at 1.25; beta from 1.25 for control planes whose minimum compatibility version is 1.25+;
  // GA at 1.29, with the 1.25 requirement given again or inherited.
  const explicit = [e('1.25', 'alpha', false), mc(e('1.25', 'beta', false), '1.25'), mc(e('1.29', 'ga', true), '1.25')];
  const inherited = [e('1.25', 'alpha', false), mc(e('1.25', 'beta', false), '1.25'), e('1.29', 'ga', true)];
  it.each<[string, string | null, Stage, boolean]>([
    ['1.30', null, 'ga', true], // M defaults to E − 1 = 1.29
    ['1.29', null, 'ga', true],
    ['1.28', null, 'beta', false],
    ['1.26', null, 'beta', false],
    ['1.25', '1.25', 'beta', false],
    ['1.25', null, 'alpha', false], // M = 1.24 < 1.25: the beta entry does not apply yet
    ['1.24', null, 'prealpha', false],
    ['1.26', '1.23', 'alpha', false],
    ['1.29', '1.23', 'alpha', false], // GA and beta both need M >= 1.25
  ])('E %s, M %s → %s (default %s)', (E, M, stage, def) => {
    for (const entries of [explicit, inherited]) {
      const spec = specAt(entries, mm(E), M === null ? null : mm(M));
      expect([spec.stage, spec.default]).toEqual([stage, def]);
    }
  });

  it('gates.minCompatibilityVersion decides which entry applies at the stamped version', () => {
    // FeatureSpec's own example: beta off at 1.35, on when every control plane is 1.35+.
    const specs: GateSpecs = { FeatureA: [e('1.35', 'beta', false), mc(e('1.35', 'beta', true), '1.35')] };
    const at = (minCompatibilityVersion: string | null) =>
      evaluate({ gates: gatesConfig({ specs, minCompatibilityVersion }), stampedVersion: '1.35.0' }).rows[0];
    expect(at(null)).toMatchObject({ gate: 'FeatureA', default: false, enabled: false }); // M = 1.34
    expect(at('1.35')).toMatchObject({ gate: 'FeatureA', default: true, enabled: true });
  });
});

// ------------------------------------------------------------------------------------------------
// Registration rules (AddDependencies)

const A = 'FeatureA';
const B = 'FeatureB';
const C = 'FeatureC';

function lint(specs: GateSpecs, dependencies: Record<string, string[]>) {
  return lintDependencies({ specs, dependencies }).map((p) => [p.gate, p.rule, p.message]);
}

describe('lintDependencies', () => {
  const beta = (v: string, def = false, lock = false) => e(v, 'beta', def, lock);
  const alpha = (v: string, def = false) => e(v, 'alpha', def);
  const ga = (v: string, def = true, lock = false) => e(v, 'ga', def, lock);

  it.each<[string, GateSpecs, Record<string, string[]>]>([
    [
      'no cycle with overlapping dependencies',
      { [A]: [beta('1.29')], [B]: [beta('1.29')], [C]: [beta('1.29')] },
      { [A]: [B, C], [B]: [C] },
    ],
    ['valid across all versions', { [A]: [beta('1.29'), ga('1.30')], [B]: [beta('1.29'), ga('1.30')] }, { [A]: [B] }],
    [
      'alpha may depend on pre-alpha',
      { [A]: [alpha('1.29'), beta('1.31')], [B]: [alpha('1.30'), beta('1.31')] },
      { [A]: [B] },
    ],
    ['default-on on default-on', { [A]: [beta('1.29', true)], [B]: [beta('1.29', true)] }, { [A]: [B] }],
    ['default-off on default-on', { [A]: [beta('1.29', false)], [B]: [beta('1.29', true)] }, { [A]: [B] }],
    ['locked on locked', { [A]: [ga('1.29', true, true)], [B]: [ga('1.29', true, true)] }, { [A]: [B] }],
    ['an empty list', { [A]: [beta('1.29')] }, { [A]: [] }],
    ['AllAlpha is known', { [A]: [alpha('1.29')] }, { [A]: ['AllAlpha'] }],
  ])('%s: no problem', (_label, specs, deps) => {
    expect(lint(specs, deps)).toEqual([]);
  });

  it.each<[string, GateSpecs, Record<string, string[]>, string, string]>([
    [
      'a dependency on an unknown gate',
      { [A]: [beta('1.29')] },
      { [A]: ['FeatureUnknown'] },
      'dependency-unknown',
      'cannot add dependency from FeatureA to unknown feature FeatureUnknown',
    ],
    [
      'an unknown gate with dependencies',
      { [A]: [beta('1.29')] },
      { FeatureUnknown: [A] },
      'dependency-unknown-gate',
      'cannot add dependency for unknown feature FeatureUnknown',
    ],
    [
      'a stability inversion',
      { [A]: [beta('1.29')], [B]: [alpha('1.29')] },
      { [A]: [B] },
      'dependency-less-stable',
      'BETA feature FeatureA cannot depend on ALPHA feature FeatureB at version 1.29',
    ],
    [
      'a stability inversion at a later version',
      { [A]: [alpha('1.29'), beta('1.30')], [B]: [alpha('1.29'), alpha('1.30', true)] },
      { [A]: [B] },
      'dependency-less-stable',
      'BETA feature FeatureA cannot depend on ALPHA feature FeatureB at version 1.30',
    ],
    [
      // At A's 1.30 entry, B is looked up with M = 1.29: its 1.29 alpha entry.
      'a stability inversion at an earlier version',
      { [A]: [alpha('1.29'), beta('1.30'), ga('1.32')], [B]: [alpha('1.29'), beta('1.31'), ga('1.32')] },
      { [A]: [B] },
      'dependency-less-stable',
      'BETA feature FeatureA cannot depend on ALPHA feature FeatureB at version 1.30',
    ],
    [
      'default-on depending on default-off',
      { [A]: [beta('1.29', true)], [B]: [beta('1.29', false)] },
      { [A]: [B] },
      'dependency-default-disabled',
      'default-enabled feature FeatureA cannot depend on default-disabled feature FeatureB at version 1.29',
    ],
    [
      'default-on depending on default-off at a later version',
      { [A]: [alpha('1.29'), beta('1.30', true)], [B]: [alpha('1.29'), beta('1.30', false)] },
      { [A]: [B] },
      'dependency-default-disabled',
      'default-enabled feature FeatureA cannot depend on default-disabled feature FeatureB at version 1.30',
    ],
    [
      'locked depending on unlocked',
      { [A]: [ga('1.29', true, true)], [B]: [ga('1.29', true, false)] },
      { [A]: [B] },
      'dependency-unlocked',
      'locked-to-default feature FeatureA cannot depend on unlocked feature FeatureB at version 1.29',
    ],
    ['a self cycle', { [A]: [beta('1.29')] }, { [A]: [A] }, 'dependency-cycle', 'cycle detected with feature FeatureA'],
    [
      'a cycle through three gates',
      { [A]: [beta('1.29')], [B]: [beta('1.29')], [C]: [beta('1.29')] },
      { [A]: [B], [B]: [C], [C]: [A] },
      'dependency-cycle',
      'cycle detected with feature FeatureA',
    ],
  ])('%s', (_label, specs, deps, rule, message) => {
    expect(lint(specs, deps)).toEqual([[expect.any(String), rule, message]]);
  });

  it('an unknown name suggests the closest known gate', () => {
    expect(lint({ [A]: [beta('1.29')] }, { [A]: ['featurea'] })[0]?.[2]).toContain('(did you mean FeatureA?)');
  });
});

// ------------------------------------------------------------------------------------------------
// The use rule (unsafeSetFromMap): an enabled gate whose dependencies are not all enabled

describe('gate-dependency-disabled', () => {
  // TestValidateDependencies: four alpha gates, A needs B and C, B needs D.
  const specs: GateSpecs = {
    FeatureA: [e('1.0', 'alpha', false)],
    FeatureB: [e('1.0', 'alpha', false)],
    FeatureC: [e('1.0', 'alpha', false)],
    FeatureD: [e('1.0', 'alpha', false)],
  };
  const dependencies = { FeatureA: ['FeatureB', 'FeatureC'], FeatureB: ['FeatureD'] };
  const messages = (set: Record<string, boolean>) =>
    evaluateGates({ gates: gatesConfig({ specs, dependencies, set }), stampedVersion: '1.0.0' }).map((f) => [
      f.code,
      f.message,
    ]);
  const refused = (text: string) => [['gate-dependency-disabled', `${text} (at emulated version 1.0)`]];

  it.each<[string, Record<string, boolean>, string[][]]>([
    ['all enabled', { FeatureA: true, FeatureB: true, FeatureC: true, FeatureD: true }, []],
    [
      'one dependency disabled',
      { FeatureA: true, FeatureB: false, FeatureC: true, FeatureD: true },
      refused('FeatureA is enabled, but depends on features that are disabled: [FeatureB]'),
    ],
    [
      'another dependency disabled',
      { FeatureA: true, FeatureB: true, FeatureC: false, FeatureD: true },
      refused('FeatureA is enabled, but depends on features that are disabled: [FeatureC]'),
    ],
    [
      'multiple dependencies disabled',
      { FeatureA: true, FeatureB: false, FeatureC: false, FeatureD: true },
      refused('FeatureA is enabled, but depends on features that are disabled: [FeatureB FeatureC]'),
    ],
    [
      'a transitive dependency disabled: only the direct dependent is named',
      { FeatureA: true, FeatureB: true, FeatureC: true, FeatureD: false },
      refused('FeatureB is enabled, but depends on features that are disabled: [FeatureD]'),
    ],
    ['the dependent disabled', { FeatureA: false, FeatureB: false, FeatureC: true, FeatureD: true }, []],
    ['nothing set', {}, []],
    // A dependency left at its default (off) counts as disabled.
    [
      'a dependency off by default',
      { FeatureA: true, FeatureB: true, FeatureD: true },
      refused('FeatureA is enabled, but depends on features that are disabled: [FeatureC]'),
    ],
    // AllAlpha turns on every alpha gate not set itself; an explicit value still wins.
    ['AllAlpha=true enables the dependencies', { AllAlpha: true }, []],
    [
      'AllAlpha=true with one dependency set to false',
      { AllAlpha: true, FeatureC: false },
      refused('FeatureA is enabled, but depends on features that are disabled: [FeatureC]'),
    ],
  ])('%s', (_label, set, expected) => {
    expect(messages(set)).toEqual(expected);
  });

  it('a gate on by default with a dependency set to false is refused, naming the default', () => {
    const gates = gatesConfig({
      specs: { Dep: [e('1.30', 'beta', true)], Dependent: [e('1.30', 'beta', true)] },
      dependencies: { Dependent: ['Dep'] },
      set: { Dep: false },
    });
    const { findings, ok, evaluation } = gatesReport({ gates, stampedVersion: '1.31.0' });
    expect(ok).toBe(false);
    expect(findings).toEqual([
      expect.objectContaining({
        code: 'gate-dependency-disabled',
        severity: 'error',
        gate: 'Dependent',
        message: 'Dependent is enabled, but depends on features that are disabled: [Dep] (at emulated version 1.31)',
      }),
    ]);
    expect(findings[0]?.hint).toContain('enabled by default at 1.31');
    expect(findings[0]?.hint).toContain('Dep=true');
    // The configured gate itself is fine; the dependent, not configured, carries no verdict.
    expect(evaluation.rows.map((r) => [r.gate, r.verdict, r.enabled])).toEqual([
      ['Dep', 'ok', false],
      ['Dependent', 'ok', true],
    ]);
  });

  it('a configured dependent gets the dependency-disabled verdict', () => {
    const gates = gatesConfig({
      specs: { Dep: [e('1.30', 'alpha', false)], Dependent: [e('1.30', 'alpha', false)] },
      dependencies: { Dependent: ['Dep'] },
      set: { Dependent: true },
    });
    expect(evaluate({ gates, stampedVersion: '1.30.0' }).rows[0]).toMatchObject({
      gate: 'Dependent',
      verdict: 'dependency-disabled',
    });
  });

  it('refused values are not applied: a locked dependency set the other way stays at its default', () => {
    const gates = gatesConfig({
      specs: { Dep: [e('1.30', 'ga', true, true)], Dependent: [e('1.30', 'ga', true, true)] },
      dependencies: { Dependent: ['Dep'] },
      set: { Dep: false },
    });
    const codes = evaluateGates({ gates, stampedVersion: '1.31.0' }).map((f) => f.code);
    expect(codes).toEqual(['gate-locked']);
  });

  it('registration problems are gate-spec-invalid findings naming gates.dependencies', () => {
    const gates = gatesConfig({
      specs: { A: [e('1.30', 'beta', false)], B: [e('1.30', 'alpha', false)] },
      dependencies: { A: ['B'] },
    });
    const [f] = evaluateGates({ gates, stampedVersion: '1.30.0' });
    expect(f).toMatchObject({ code: 'gate-spec-invalid', gate: 'A', actual: 'dependency-less-stable' });
    expect(f?.message).toBe(
      'gate A, gates.dependencies (dependency-less-stable): BETA feature A cannot depend on ALPHA feature B at version 1.30',
    );
    expect(f?.hint).toContain('gates.dependencies.A');
  });
});

describe("a generated list's same-version pair (the generator drops MinCompatibilityVersion)", () => {
  const list = (second: Record<string, unknown>) => [
    {
      name: 'DRAFractionalCapacityRange',
      versionedSpecs: [
        { default: false, lockToDefault: false, preRelease: 'Beta', version: '1.37' },
        { default: true, lockToDefault: false, preRelease: 'Beta', version: '1.37', ...second },
      ],
    },
  ];
  const where = { file: '/k8s/versioned_feature_list.yaml', keyPath: '' };

  it('a second entry that only changes the default is read as applying from a minimum compatibility version equal to its version', () => {
    const specs = parseKubernetesFeatureList(list({}), where);
    const entries = specs.DRAFractionalCapacityRange!;
    expect(entries[1]?.minCompatibilityVersion).toBe('1.37');
    expect(lintSpecs(specs)).toEqual([]);
    // A 1.37 binary (M = 1.36 by default) has it off; once every control plane is 1.37+, on.
    expect(specAt(entries, mm('1.37')).default).toBe(false);
    expect(specAt(entries, mm('1.37'), mm('1.37')).default).toBe(true);
    expect(specAt(entries, mm('1.38')).default).toBe(true);
  });

  it('any other repeat of a version is still a duplicate', () => {
    const specs = parseKubernetesFeatureList(list({ preRelease: 'GA' }), where);
    expect(specs.DRAFractionalCapacityRange?.[1]?.minCompatibilityVersion).toBeUndefined();
    expect(lintSpecs(specs).map((p) => p.rule)).toEqual(['duplicate-version']);
  });
});
