// The real lists: Kubernetes' and Kueue's generated versioned_feature_list.yaml (see
// test/fixtures/gates/README.md). Expected values below were read from the YAML by hand.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateGates, gateTable, lintSpecs, loadSpecsFile, parseMajorMinor, specAt } from '../../src/gates/index.js';
import type { GatesConfig, Stage } from '../../src/types.js';
import { gatesConfig } from './helpers.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/gates/${name}`, import.meta.url));
const K8S = fixture('kubernetes-versioned_feature_list.yaml');
const KUEUE = fixture('kueue-versioned_feature_list.yaml');
const where = { file: null, keyPath: 'gates.specs' };
const k8s = loadSpecsFile(K8S, where);
const kueue = loadSpecsFile(KUEUE, where);

const gates = (specs: GatesConfig['specs'], source: string, over: Partial<GatesConfig> = {}): GatesConfig =>
  gatesConfig({ specs, specsSource: source, ...over });

describe('fixtures are the upstream bytes', () => {
  it.each([
    [K8S, 'aca0b21f963588b8eb6a8dbff20e7d2277ff6af5ffd43b0cec56e9d179da0ece'],
    [KUEUE, '549b71425667638672fcab82722d9616f7a1e51e339411ac446f7dce3ff9c241'],
  ])('%s', (path, sha256) => {
    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(sha256);
  });
});

describe('Kubernetes versioned_feature_list.yaml', () => {
  it('loads every feature and spec', () => {
    expect(Object.keys(k8s)).toHaveLength(193);
    expect(Object.values(k8s).flat()).toHaveLength(369);
  });

  it('lints clean', () => {
    expect(lintSpecs(k8s)).toEqual([]);
  });

  it.each<[string, string, Stage, boolean, boolean, string | null]>([
    ['NodeSwap', '1.33', 'beta', true, false, '1.30'],
    ['NodeSwap', '1.35', 'ga', true, true, '1.34'],
    ['SidecarContainers', '1.32', 'beta', true, false, '1.29'],
    ['SidecarContainers', '1.33', 'ga', true, true, '1.33'], // E equal to the entry's version
    ['InPlacePodVerticalScaling', '1.33', 'beta', true, false, '1.33'],
    ['InPlacePodVerticalScaling', '1.35', 'beta', true, false, '1.33'],
    ['DynamicResourceAllocation', '1.33', 'beta', false, false, '1.32'],
    ['AllowDNSOnlyNodeCSR', '1.33', 'deprecated', false, false, '1.31'],
    ['AllowDNSOnlyNodeCSR', '1.30', 'ga', true, false, '1.0'],
    ['RelaxedServiceNameValidation', '1.33', 'prealpha', false, false, null],
    ['RelaxedServiceNameValidation', '1.35', 'alpha', false, false, '1.34'],
    ['DetectCacheInconsistency', '1.35', 'beta', true, false, '1.34'],
  ])('%s at %s: %s, default %s, locked %s, since %s', (gate, at, stage, def, locked, since) => {
    expect(specAt(k8s[gate] ?? [], parseMajorMinor(at)!)).toEqual({
      stage,
      default: def,
      lockToDefault: locked,
      since,
    });
  });

  it('at 1.33: NodeSwap=false is fine; SidecarContainers=false is locked; a 1.34 gate is pre-alpha', () => {
    const findings = evaluateGates({
      gates: gates(k8s, K8S, {
        set: { NodeSwap: false, SidecarContainers: false, RelaxedServiceNameValidation: true },
        emulationFloor: '1.31',
      }),
      stampedVersion: '1.33.0',
    });
    expect(findings.map((f) => [f.code, f.gate])).toEqual([
      ['gate-locked', 'SidecarContainers'],
      ['gate-prealpha-set', 'RelaxedServiceNameValidation'],
    ]);
    expect(findings[1]?.message).toContain('it appears in 1.34 (alpha)');
  });

  it('at 1.35: NodeSwap=false is locked, NodeSwap=true is fine', () => {
    const run = (value: boolean) =>
      evaluateGates({
        gates: gates(k8s, K8S, { set: { NodeSwap: value }, emulationFloor: '1.31' }),
        stampedVersion: '1.35.0',
      }).map((f) => f.code);
    expect(run(false)).toEqual(['gate-locked']);
    expect(run(true)).toEqual([]);
  });

  it('the incident against the real list', () => {
    const findings = evaluateGates({
      gates: gates(k8s, K8S, { set: { NodeSwap: false }, emulationFloor: '1.31' }),
      stampedVersion: '0.1.0-284+0214af08731054-dirty',
    });
    expect(findings.map((f) => f.code)).toEqual(['emulation-out-of-range', 'gate-prealpha-set']);
  });

  it('the table at 1.33 lists all 193 gates, 11 of them pre-alpha (introduced in 1.34)', () => {
    const { rows } = gateTable({ gates: gates(k8s, K8S), stampedVersion: '1.33.0' });
    expect(rows).toHaveLength(193);
    expect(rows.filter((r) => r.stage === 'prealpha')).toHaveLength(11);
  });
});

describe('Kueue versioned_feature_list.yaml', () => {
  it('loads every feature and spec', () => {
    expect(Object.keys(kueue)).toHaveLength(114);
    expect(Object.values(kueue).flat()).toHaveLength(142);
  });

  it('lints clean', () => {
    expect(lintSpecs(kueue)).toEqual([]);
  });

  it.each<[string, string, Stage, boolean, boolean, string | null]>([
    ['AdmissionFairSharing', '0.20', 'beta', true, false, '0.15'],
    ['AdmissionFairSharingAnchorAtQuotaReservation', '0.20', 'beta', true, false, '0.20'],
    ['AdmissionFairSharingAnchorAtQuotaReservation', '0.19', 'prealpha', false, false, null],
    ['TLSOptions', '0.20', 'ga', true, true, '0.20'],
    ['ManagedJobsNamespaceSelectorAlwaysRespected', '0.20', 'ga', true, true, '0.19'],
    ['DeferRayServiceFinalizationForRedisCleanup', '0.20', 'deprecated', false, false, '0.20'],
    ['PartialAdmission', '0.20', 'beta', true, false, '0.5'],
  ])('%s at %s: %s, default %s, locked %s, since %s', (gate, at, stage, def, locked, since) => {
    expect(specAt(kueue[gate] ?? [], parseMajorMinor(at)!)).toEqual({
      stage,
      default: def,
      lockToDefault: locked,
      since,
    });
  });

  it('evaluates at 0.20 (no floor: Kueue is not bound by Kubernetes 1.31)', () => {
    const findings = evaluateGates({
      gates: gates(kueue, KUEUE, {
        set: { AdmissionFairSharing: false, TLSOptions: false, TopologyAwareScheduling: true },
      }),
      stampedVersion: '0.20.1',
    });
    expect(findings.map((f) => [f.code, f.gate])).toEqual([['gate-locked', 'TLSOptions']]);
  });

  it('0.10 is a valid minor after 0.9 (numeric, not string, order)', () => {
    expect(specAt(kueue.TopologyAwareScheduling ?? [], parseMajorMinor('0.10')!).stage).toBe('alpha');
  });
});
