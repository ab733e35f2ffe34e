import { describe, expect, it } from 'vitest';
import { lintFindings, lintSpecs, type SpecRule } from '../../src/gates/index.js';
import type { GateSpecEntry } from '../../src/types.js';
import { e, NODE_SWAP } from './helpers.js';

/** The entry with a per-entry minimum compatibility version. */
const mc = (entry: GateSpecEntry, min: string): GateSpecEntry => ({ ...entry, minCompatibilityVersion: min });

/** Shorthand entry: e('1.22', 'alpha', false, lock?) */

describe('lintSpecs: valid lifecycles', () => {
  it.each<[string, GateSpecEntry[]]>([
    ['NodeSwap', NODE_SWAP],
    ['a single alpha entry', [e('1.22', 'alpha', false)]],
    ['a deprecated gate with its 1.0 entry', [e('1.0', 'ga', true), e('1.31', 'deprecated', false)]],
    ['a gate introduced as deprecated at minor 0', [e('2.0', 'deprecated', false)]],
    ['a default flip within beta', [e('1.28', 'beta', false), e('1.30', 'beta', true)]],
    ['a lock within GA', [e('1.29', 'ga', true), e('1.32', 'ga', true, true)]],
    ['alpha straight to GA (not checked by Kubernetes)', [e('1.20', 'alpha', false), e('1.22', 'ga', true)]],
    ['GA without a lock', [e('1.20', 'beta', true), e('1.22', 'ga', true)]],
    ['an explicit pre-alpha entry', [e('1.20', 'prealpha', false), e('1.22', 'alpha', false)]],
    ['deprecated default flip', [e('1.0', 'ga', false), e('1.33', 'deprecated', true)]],
    [
      'deprecated, then deprecated and locked',
      [e('1.0', 'ga', true), e('1.30', 'deprecated', false), e('1.33', 'deprecated', false, true)],
    ],
    ['versions far above any stamped version', [e('1.22', 'alpha', false), e('9.99', 'beta', true)]],
    // component-base feature_gate.go's FeatureSpec example: beta off, and on for control planes >= 1.35.
    ['a default that needs a newer control plane', [e('1.35', 'beta', false), mc(e('1.35', 'beta', true), '1.35')]],
    [
      'the inherited min compatibility version carries on to GA',
      [e('1.35', 'beta', false), mc(e('1.35', 'beta', true), '1.35'), e('1.37', 'ga', true)],
    ],
    ['a min compatibility version before the version', [e('1.35', 'beta', false), mc(e('1.35', 'beta', true), '1.33')]],
  ])('%s lints clean', (_label, entries) => {
    expect(lintSpecs({ G: entries })).toEqual([]);
  });
});

describe('lintSpecs: one rule per problem (AddVersioned order)', () => {
  it.each<[string, GateSpecEntry[], number, SpecRule]>([
    ['a patch version', [e('1.22.0', 'alpha', false)], 0, 'version-not-major-minor'],
    ['a v prefix', [e('1.22', 'alpha', false), e('v1.28', 'beta', false)], 1, 'version-not-major-minor'],
    ['a pre-release', [e('1.22-alpha', 'alpha', false)], 0, 'version-not-major-minor'],
    ['a gate introduced as deprecated at minor 31', [e('1.31', 'deprecated', false)], 0, 'deprecated-first'],
    ['decreasing versions', [e('1.28', 'alpha', false), e('1.22', 'beta', false)], 1, 'decreasing-order'],
    ['decreasing across majors', [e('2.0', 'alpha', false), e('1.99', 'beta', false)], 1, 'decreasing-order'],
    // AddVersioned checks equal minimum compatibility versions first (nil equals nil), so two
    // entries for one version without minCompatibilityVersion are duplicates whatever differs.
    ['a stage change at one version', [e('1.22', 'alpha', false), e('1.22', 'beta', false)], 1, 'duplicate-version'],
    [
      'a stage change at one version, with a min compatibility version',
      [e('1.22', 'alpha', false), mc(e('1.22', 'beta', false), '1.22')],
      1,
      'same-version-stage-change',
    ],
    [
      'a lock change at one version, with a min compatibility version',
      [e('1.22', 'ga', true), mc(e('1.22', 'ga', true, true), '1.22')],
      1,
      'same-version-lock-change',
    ],
    ['an exact duplicate', [e('1.22', 'alpha', false), e('1.22', 'alpha', false)], 1, 'duplicate-version'],
    ['a default change at one version', [e('1.22', 'beta', false), e('1.22', 'beta', true)], 1, 'duplicate-version'],
    [
      'two entries with the same min compatibility version',
      [e('1.22', 'beta', false), mc(e('1.22', 'beta', true), '1.22'), mc(e('1.22', 'beta', false), '1.22')],
      2,
      'duplicate-version',
    ],
    [
      'a min compatibility version on the first entry',
      [mc(e('1.22', 'beta', false), '1.22')],
      0,
      'min-compat-without-base',
    ],
    [
      'a min compatibility version on an entry for a new version',
      [e('1.22', 'beta', false), mc(e('1.23', 'beta', true), '1.23')],
      1,
      'min-compat-without-base',
    ],
    [
      'a min compatibility version with a patch',
      [e('1.22', 'beta', false), mc(e('1.22', 'beta', true), '1.22.1')],
      1,
      'min-compat-not-major-minor',
    ],
    [
      'a min compatibility version after the version',
      [e('1.22', 'beta', false), mc(e('1.22', 'beta', true), '1.23')],
      1,
      'min-compat-after-version',
    ],
    [
      'decreasing min compatibility versions (the inherited one counts)',
      [
        e('1.29', 'beta', false),
        mc(e('1.29', 'beta', true), '1.29'),
        e('1.30', 'ga', true),
        mc(e('1.30', 'ga', true, true), '1.28'),
      ],
      3,
      'min-compat-decreasing-order',
    ],
    ['a transition without change', [e('1.22', 'alpha', false), e('1.24', 'alpha', false)], 1, 'no-change'],
    ['a locked transition without change', [e('1.22', 'ga', true, true), e('1.24', 'ga', true, true)], 1, 'no-change'],
    ['an unlock after lock', [e('1.22', 'ga', true, true), e('1.24', 'ga', false)], 1, 'unlock-after-lock'],
    [
      'an unlock two entries later',
      [e('1.20', 'beta', true, true), e('1.22', 'ga', true, true), e('1.24', 'deprecated', false)],
      2,
      'unlock-after-lock',
    ],
    [
      'a resurrection',
      [e('1.0', 'ga', true), e('1.30', 'deprecated', false), e('1.32', 'ga', true)],
      2,
      'resurrection',
    ],
    ['alpha after beta', [e('1.22', 'beta', false), e('1.24', 'alpha', false)], 1, 'stability-regression'],
    ['alpha after GA', [e('1.22', 'ga', true), e('1.24', 'alpha', false)], 1, 'stability-regression'],
    ['beta after GA', [e('1.22', 'ga', true), e('1.24', 'beta', true)], 1, 'stability-regression'],
    [
      'alpha after beta, even with an alpha in between',
      [e('1.20', 'alpha', false), e('1.22', 'beta', false), e('1.23', 'alpha', true)],
      2,
      'stability-regression',
    ],
  ])('%s → %s', (_label, entries, index, rule) => {
    const problems = lintSpecs({ G: entries });
    expect(problems.map((p) => [p.gate, p.index, p.rule])).toEqual([['G', index, rule]]);
    expect(problems[0]?.message).toBeTruthy();
  });

  it('an empty list is a problem (only reachable programmatically; parseSpecs refuses it)', () => {
    expect(lintSpecs({ G: [] }).map((p) => p.rule)).toEqual(['no-entries']);
  });

  it('reports every bad entry, not only the first', () => {
    const problems = lintSpecs({
      A: [e('1.22.1', 'alpha', false), e('1.20', 'beta', false)],
      B: NODE_SWAP,
      C: [e('1.22', 'beta', false), e('1.23', 'alpha', false), e('1.24', 'alpha', false)],
    });
    expect(problems.map((p) => `${p.gate}[${p.index}] ${p.rule}`)).toEqual([
      'A[0] version-not-major-minor',
      'A[1] decreasing-order',
      'C[1] stability-regression',
      'C[2] no-change',
    ]);
  });
});

describe('lintFindings', () => {
  it('one gate-spec-invalid finding per problem, naming the gate, entry and rule', () => {
    const findings = lintFindings({ NodeSwap: [e('1.28', 'beta', false), e('1.22', 'alpha', false)] }, 'inline');
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({
      code: 'gate-spec-invalid',
      severity: 'error',
      gate: 'NodeSwap',
      actual: 'decreasing-order',
    });
    expect(f?.message).toContain('gate NodeSwap, spec entry [1] (decreasing-order)');
    expect(f?.message).toContain('1.22 comes after 1.28');
    expect(f?.hint).toContain('NodeSwap[1] in gates.specs');
  });

  it('names the spec file in the hint', () => {
    const [f] = lintFindings({ G: [e('1.22.0', 'alpha', false)] }, '/proj/specs.yaml');
    expect(f?.hint).toContain('G[0] in /proj/specs.yaml');
  });

  it('no findings for clean specs', () => {
    expect(lintFindings({ NodeSwap: NODE_SWAP }, 'inline')).toEqual([]);
  });
});
