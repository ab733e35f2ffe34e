// Evaluating the gate configuration at the version about to be stamped, the way a Kubernetes
// component does at start-up. This file decides; findings.ts words the decisions, and the
// reporters only display them:
// - the emulation window: component-base compatibility/version.go (Validate) and apiserver
//   pkg/util/compatibility/version.go (the floor);
// - the spec in force and the override rules: component-base featuregate/feature_gate.go
//   (featureSpecAtEmulationAndMinCompatVersion, unsafeSetFromMap, featureEnabled).
// Unlike Kubernetes, which stops at the first problem, every problem is kept.

import type { GateSpecEntry, GatesConfig, Stage } from '../types.js';
import { byName, closest } from '../util/text.js';
import { type DependencyProblem, dependencyProblems, lintDependencies } from './dependencies.js';
import { lintSpecs, type SpecProblem } from './lint.js';
import { IMPLICIT_GATES, knownEntries, knownNames, type SpecAt, specAt } from './spec-at.js';
import {
  compareMajorMinor,
  type MajorMinor,
  majorMinorOf,
  maxMajorMinor,
  parseMajorMinor,
  splitVersion,
  subtractMinor,
} from './versions.js';

export const DEFAULT_EMULATION_WINDOW = 3;

export interface GateEvaluationInput {
  gates: GatesConfig;
  /** The version about to be stamped, e.g. "1.33.0" or "0.1.0-284+0214af08731054-dirty". */
  stampedVersion: string;
}

export interface EmulationWindow {
  /** N: major.minor of the stamped version. */
  binary: MajorMinor;
  /** E: gates.emulationVersion, default N. */
  emulation: MajorMinor;
  /** M: gates.minCompatibilityVersion, default max(E − 1, lowerBound). */
  minCompatibility: MajorMinor;
  /** max(N − emulationWindow, emulationFloor). */
  lowerBound: MajorMinor;
  /** The lower bound is above N: no emulation version can be valid. */
  empty: boolean;
  /** E lies in [lowerBound, N]. */
  emulationInRange: boolean;
  /** M lies in [lowerBound, E]. */
  minCompatibilityInRange: boolean;
}

function windowSize(gates: GatesConfig): number {
  const w = gates.emulationWindow;
  return Number.isSafeInteger(w) && w >= 0 ? w : DEFAULT_EMULATION_WINDOW;
}

function optionalMajorMinor(version: string | null): MajorMinor | null {
  return version === null ? null : majorMinorOf(version);
}

const within = (v: MajorMinor, low: MajorMinor, high: MajorMinor): boolean =>
  compareMajorMinor(v, low) >= 0 && compareMajorMinor(v, high) <= 0;

/** The emulation window for the stamped version, or null when it has no major.minor. */
export function resolveEmulation(input: GateEvaluationInput): EmulationWindow | null {
  const binary = majorMinorOf(input.stampedVersion);
  if (!binary) return null;
  const { gates } = input;
  // Kubernetes: floor = max(binary − 3 minors, 1.31); the 1.31 is kube's own, here a setting.
  const floor = optionalMajorMinor(gates.emulationFloor);
  const windowFloor = subtractMinor(binary, windowSize(gates));
  const lowerBound = floor ? maxMajorMinor(windowFloor, floor) : windowFloor;
  const emulation = optionalMajorMinor(gates.emulationVersion) ?? binary;
  // SetEmulationVersion: minCompat = max(emulation − 1, floor).
  const minCompatibility =
    optionalMajorMinor(gates.minCompatibilityVersion) ?? maxMajorMinor(subtractMinor(emulation, 1), lowerBound);
  return {
    binary,
    emulation,
    minCompatibility,
    lowerBound,
    empty: compareMajorMinor(lowerBound, binary) > 0,
    emulationInRange: within(emulation, lowerBound, binary),
    minCompatibilityInRange: within(minCompatibility, lowerBound, emulation),
  };
}

// ---------------------------------------------------------------------------------------------
// Per-gate verdicts

export type GateVerdict = 'ok' | 'unknown' | 'prealpha-set' | 'locked' | 'dependency-disabled';

export interface GateRow {
  gate: string;
  stage: Stage;
  default: boolean;
  locked: boolean;
  since: string | null;
  /** The configured value, or null when gates.set does not name the gate. */
  value: boolean | null;
  /** Whether the gate is on at the emulated version: its accepted value, else AllAlpha/AllBeta, else its default. */
  enabled: boolean;
  verdict: GateVerdict;
}

function judge(name: string, value: boolean | null, spec: SpecAt): GateVerdict {
  if (value === null) return 'ok';
  // unsafeSetFromMap order: the lock first (setting a locked gate to its default is accepted),
  // then the special AllAlpha/AllBeta, then pre-alpha, whatever the value.
  if (spec.lockToDefault && spec.default !== value) return 'locked';
  if (Object.hasOwn(IMPLICIT_GATES, name)) return 'ok';
  if (spec.stage === 'prealpha') return 'prealpha-set';
  return 'ok';
}

/** The first entry after E that makes the gate available, for "it appears in 1.22 (alpha)". */
export function firstAvailableAfter(entries: readonly GateSpecEntry[], emulation: MajorMinor): GateSpecEntry | null {
  let best: { entry: GateSpecEntry; version: MajorMinor } | null = null;
  for (const entry of entries) {
    const version = majorMinorOf(entry.version);
    if (!version || entry.stage === 'prealpha' || compareMajorMinor(version, emulation) <= 0) continue;
    if (!best || compareMajorMinor(version, best.version) < 0) best = { entry, version };
  }
  return best?.entry ?? null;
}

/** The known gate closest to an unknown name: same letters in another case, else a small edit. */
export function suggestGate(name: string, known: readonly string[]): string | null {
  return closest(name, known);
}

/**
 * Which gates are on, as featureEnabled sees them after unsafeSetFromMap: an accepted configured
 * value, else AllAlpha/AllBeta for gates that are alpha/beta at (E, M) and not set themselves
 * (setUnsetAlphaGates/setUnsetBetaGates), else the default of the spec in force.
 */
function enabledMap(specs: ReadonlyMap<string, SpecAt>, accepted: ReadonlyMap<string, boolean>): Map<string, boolean> {
  const enabled = new Map<string, boolean>();
  for (const [gate, spec] of specs) enabled.set(gate, spec.default);
  for (const [special, stage] of [
    ['AllAlpha', 'alpha'],
    ['AllBeta', 'beta'],
  ] as const) {
    const value = accepted.get(special);
    if (value === undefined) continue;
    for (const [gate, spec] of specs) {
      if (gate !== 'AllAlpha' && gate !== 'AllBeta' && spec.stage === stage && !accepted.has(gate))
        enabled.set(gate, value);
    }
  }
  for (const [gate, value] of accepted) enabled.set(gate, value);
  return enabled;
}

/** A configured emulationVersion or minCompatibilityVersion that is not plain major.minor. */
export interface MalformedVersion {
  key: 'emulationVersion' | 'minCompatibilityVersion';
  value: string;
  problem: 'not-a-version' | 'patch' | 'not-major-minor';
  /** "1.33" for "1.33.0", or null. */
  suggestion: string | null;
}

export interface GateEvaluation {
  stampedVersion: string;
  /** Where the specs came from, for messages: "gates.specs" or the spec file. */
  source: string;
  window: EmulationWindow | null;
  /** E when it can be determined (the window's, else a configured emulationVersion), else null. */
  emulation: MajorMinor | null;
  malformed: MalformedVersion[];
  /**
   * Configured gates first (in configuration order, unknown ones included), then every other
   * known gate in case-insensitive name order. Empty when E cannot be determined.
   */
  rows: GateRow[];
  /** For each configured gate that is unknown: the closest known name, or null. */
  suggestions: Record<string, string | null>;
  /** For each configured pre-alpha gate: the entry that first makes it available, or null. */
  appears: Record<string, GateSpecEntry | null>;
  /** Enabled gates (configured or by default) whose dependencies are disabled at E. */
  dependencies: DependencyProblem[];
  /** Lifecycle problems of the specs and of gates.dependencies (registration rules). */
  specProblems: SpecProblem[];
}

function malformedVersions(gates: GatesConfig): MalformedVersion[] {
  const out: MalformedVersion[] = [];
  // Kubernetes: "patch version not allowed, got: %s=%s" (component-base compatibility/registry.go).
  for (const key of ['emulationVersion', 'minCompatibilityVersion'] as const) {
    const value = gates[key];
    if (value === null || parseMajorMinor(value)) continue;
    const parts = splitVersion(value);
    out.push({
      key,
      value,
      problem: !parts ? 'not-a-version' : parts.patch !== null ? 'patch' : 'not-major-minor',
      suggestion: parts ? `${parts.major}.${parts.minor}` : null,
    });
  }
  return out;
}

/** Everything there is to know about the gate configuration at the stamped version. */
export function evaluate(input: GateEvaluationInput): GateEvaluation {
  const { gates } = input;
  const window = resolveEmulation(input);
  const emulation = window?.emulation ?? optionalMajorMinor(gates.emulationVersion);
  const minCompat = window?.minCompatibility ?? optionalMajorMinor(gates.minCompatibilityVersion);
  const source = gates.specsSource === 'inline' ? 'gates.specs' : gates.specsSource;
  const suggestions: Record<string, string | null> = {};
  const appears: Record<string, GateSpecEntry | null> = {};
  for (const name of Object.keys(gates.set)) {
    if (!knownEntries(gates, name)) suggestions[name] = suggestGate(name, knownNames(gates));
  }
  const specProblems = [...lintSpecs(gates.specs), ...lintDependencies(gates)];
  const base = { stampedVersion: input.stampedVersion, source, window, emulation, malformed: malformedVersions(gates) };
  if (!emulation) {
    return { ...base, rows: [], suggestions, appears, dependencies: [], specProblems };
  }

  const specs = new Map<string, SpecAt>();
  for (const name of knownNames(gates)) specs.set(name, specAt(knownEntries(gates, name) ?? [], emulation, minCompat));
  const accepted = new Map<string, boolean>();
  const verdicts = new Map<string, GateVerdict>();
  for (const [name, value] of Object.entries(gates.set)) {
    const spec = specs.get(name);
    if (!spec) {
      verdicts.set(name, 'unknown');
      continue;
    }
    const verdict = judge(name, value, spec);
    verdicts.set(name, verdict);
    if (verdict === 'ok') accepted.set(name, value);
    if (verdict === 'prealpha-set') appears[name] = firstAvailableAfter(knownEntries(gates, name) ?? [], emulation);
  }
  const enabled = enabledMap(specs, accepted);
  const dependencies = dependencyProblems(gates.dependencies, enabled);
  for (const problem of dependencies) {
    if (verdicts.get(problem.gate) === 'ok' && Object.hasOwn(gates.set, problem.gate))
      verdicts.set(problem.gate, 'dependency-disabled');
  }

  const row = (gate: string, value: boolean | null): GateRow => {
    const spec = specs.get(gate);
    if (!spec) {
      return {
        gate,
        ...{ stage: 'prealpha', default: false, locked: false, since: null },
        value,
        enabled: false,
        verdict: 'unknown',
      };
    }
    return {
      gate,
      stage: spec.stage,
      default: spec.default,
      locked: spec.lockToDefault,
      since: spec.since,
      value,
      enabled: enabled.get(gate) ?? spec.default,
      verdict: value === null ? 'ok' : (verdicts.get(gate) ?? 'ok'),
    };
  };
  const configured = Object.entries(gates.set).map(([gate, value]) => row(gate, value));
  const others = Object.keys(gates.specs)
    .filter((gate) => !Object.hasOwn(gates.set, gate))
    .sort(byName)
    .map((gate) => row(gate, null));
  return { ...base, rows: [...configured, ...others], suggestions, appears, dependencies, specProblems };
}

/** The `stampguard gates` table: the evaluation (kept under this name for its callers). */
export function gateTable(input: GateEvaluationInput): GateEvaluation {
  return evaluate(input);
}
