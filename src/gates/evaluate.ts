// Evaluating configured gate values at the version about to be stamped, the way a Kubernetes
// component does at start-up:
// - the emulation window: component-base compatibility/version.go (Validate) and apiserver
//   pkg/util/compatibility/version.go (the floor);
// - the spec in force and the override rules: component-base featuregate/feature_gate.go
//   (featureSpecAtEmulationAndMinCompatVersion, unsafeSetFromMap).
// Unlike Kubernetes, which stops at the first problem, every problem is reported.

import { finding } from '../codes.js';
import type { Finding, GateSpecEntry, GatesConfig, Stage } from '../types.js';
import { byName, closest } from '../util/text.js';
import { lintFindings } from './lint.js';
import {
  compareMajorMinor,
  formatMajorMinor,
  type MajorMinor,
  majorMinorOf,
  maxMajorMinor,
  parseMajorMinor,
  splitVersion,
  subtractMinor,
} from './versions.js';

export const DEFAULT_EMULATION_WINDOW = 3;

export interface SpecAt {
  stage: Stage;
  default: boolean;
  lockToDefault: boolean;
  /** The version of the entry in force, or null before the first entry. */
  since: string | null;
}

/**
 * The spec in force at emulation version E: scanning from the last entry back, the first whose
 * version is not after E (inclusive). Before the first entry a gate is pre-alpha, off and unlocked.
 * Entries whose version is not a version are skipped.
 */
export function specAt(entries: readonly GateSpecEntry[], emulation: MajorMinor): SpecAt {
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    const version = entry ? majorMinorOf(entry.version) : null;
    if (!entry || !version || compareMajorMinor(version, emulation) > 0) continue;
    return {
      stage: entry.stage,
      default: entry.default,
      lockToDefault: entry.lockToDefault ?? false,
      since: entry.version,
    };
  }
  return { stage: 'prealpha', default: false, lockToDefault: false, since: null };
}

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
}

function windowSize(gates: GatesConfig): number {
  const w = gates.emulationWindow;
  return Number.isSafeInteger(w) && w >= 0 ? w : DEFAULT_EMULATION_WINDOW;
}

function optionalMajorMinor(version: string | null): MajorMinor | null {
  return version === null ? null : majorMinorOf(version);
}

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
  return { binary, emulation, minCompatibility, lowerBound };
}

// ---------------------------------------------------------------------------------------------
// Per-gate verdicts

export type GateVerdict = 'ok' | 'unknown' | 'prealpha-set' | 'locked';

export interface GateRow {
  gate: string;
  stage: Stage;
  default: boolean;
  locked: boolean;
  since: string | null;
  /** The configured value, or null when gates.set does not name the gate. */
  value: boolean | null;
  verdict: GateVerdict;
}

// Every Kubernetes feature gate implicitly knows AllAlpha and AllBeta ({0.0, Alpha|Beta, false};
// defaultFeatures in feature_gate.go). They are never pre-alpha and unsafeSetFromMap handles them
// before its pre-alpha check, so setting them is always accepted.
const IMPLICIT_GATES: Readonly<Record<string, GateSpecEntry[]>> = {
  AllAlpha: [{ version: '0.0', stage: 'alpha', default: false, lockToDefault: false }],
  AllBeta: [{ version: '0.0', stage: 'beta', default: false, lockToDefault: false }],
};

function knownEntries(gates: GatesConfig, name: string): GateSpecEntry[] | null {
  if (Object.hasOwn(gates.specs, name)) return gates.specs[name] ?? null;
  if (Object.hasOwn(IMPLICIT_GATES, name)) return IMPLICIT_GATES[name] ?? null;
  return null;
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
function firstAvailableAfter(entries: readonly GateSpecEntry[], emulation: MajorMinor): GateSpecEntry | null {
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

// ---------------------------------------------------------------------------------------------
// Findings

const CHECK_VERSION_FIRST =
  'Check the version being stamped first (stampguard version; git describe --tags): a wrong, unrelated or missing release tag is the usual cause.';

function windowFindings(input: GateEvaluationInput, window: EmulationWindow | null): Finding[] {
  const { gates, stampedVersion } = input;
  const findings: Finding[] = [];
  const fmt = formatMajorMinor;

  // Kubernetes: "patch version not allowed, got: %s=%s" (component-base compatibility/registry.go).
  for (const [key, value] of [
    ['emulationVersion', gates.emulationVersion],
    ['minCompatibilityVersion', gates.minCompatibilityVersion],
  ] as const) {
    if (value === null || parseMajorMinor(value)) continue;
    const parts = splitVersion(value);
    const problem = !parts
      ? 'is not a version'
      : parts.patch !== null
        ? 'has a patch part: patch version not allowed'
        : 'is not plain major.minor';
    findings.push(
      finding('emulation-out-of-range', {
        message: `gates.${key} ${JSON.stringify(value)} ${problem}`,
        hint: `Write gates.${key} as major.minor${parts ? `, e.g. "${parts.major}.${parts.minor}"` : ' ("1.33")'}.`,
        expected: 'major.minor',
        actual: value,
      }),
    );
  }

  if (!window) {
    findings.push(
      finding('emulation-out-of-range', {
        message: `cannot place the emulation window: the version being stamped, ${JSON.stringify(stampedVersion)}, has no major.minor`,
        hint: `${CHECK_VERSION_FIRST} Gate values can only be checked against a version.`,
        actual: stampedVersion,
      }),
    );
    return findings;
  }

  const { binary, emulation, minCompatibility, lowerBound } = window;
  const size = windowSize(gates);
  const bounds = `[${fmt(lowerBound)}, ${stampedVersion}]`;
  const emptyWindow = compareMajorMinor(lowerBound, binary) > 0;
  const floorNote = gates.emulationFloor !== null ? ` and gates.emulationFloor ${gates.emulationFloor}` : '';

  if (compareMajorMinor(emulation, lowerBound) < 0 || compareMajorMinor(emulation, binary) > 0) {
    let hint: string;
    if (emptyWindow) {
      hint = `${CHECK_VERSION_FIRST} ${stampedVersion} gives ${fmt(binary)}, below gates.emulationFloor ${gates.emulationFloor ?? fmt(lowerBound)}, so no emulation version can be valid. If the version is right, lower gates.emulationFloor.`;
    } else if (compareMajorMinor(emulation, binary) > 0) {
      hint = `${CHECK_VERSION_FIRST} Otherwise set gates.emulationVersion to at most ${fmt(binary)}: a component cannot emulate a version newer than itself.`;
    } else {
      hint = `${CHECK_VERSION_FIRST} Otherwise set gates.emulationVersion to at least ${fmt(lowerBound)} (gates.emulationWindow ${size}${floorNote} set the lower bound), or widen gates.emulationWindow.`;
    }
    findings.push(
      finding('emulation-out-of-range', {
        message: `emulation version ${fmt(emulation)} is not between ${bounds}${gates.emulationVersion === null ? ` (the emulation version defaults to the stamped version's ${fmt(binary)})` : ''}`,
        hint,
        expected: bounds,
        actual: fmt(emulation),
      }),
    );
  }

  // A defaulted M is max(E − 1, lowerBound): in range whenever E is, and when E is not, the
  // finding above already names the cause. So only a configured M is checked.
  if (gates.minCompatibilityVersion !== null) {
    const mBounds = `[${fmt(lowerBound)}, ${fmt(emulation)}]`;
    if (compareMajorMinor(minCompatibility, lowerBound) < 0 || compareMajorMinor(minCompatibility, emulation) > 0) {
      const tooHigh = compareMajorMinor(minCompatibility, emulation) > 0;
      findings.push(
        finding('emulation-out-of-range', {
          message: `min compatibility version ${fmt(minCompatibility)} is not between ${mBounds}`,
          hint: `${CHECK_VERSION_FIRST} Otherwise set gates.minCompatibilityVersion ${tooHigh ? `to at most the emulation version ${fmt(emulation)}` : `to at least ${fmt(lowerBound)} (gates.emulationWindow ${size}${floorNote} set the lower bound)`}, or remove it to use the default.`,
          expected: mBounds,
          actual: fmt(minCompatibility),
        }),
      );
    }
  }
  return findings;
}

function knownNames(gates: GatesConfig): string[] {
  return [...Object.keys(gates.specs), ...Object.keys(IMPLICIT_GATES).filter((k) => !Object.hasOwn(gates.specs, k))];
}

function gateFindings(input: GateEvaluationInput, window: EmulationWindow | null): Finding[] {
  const { gates, stampedVersion } = input;
  const emulation = window?.emulation ?? optionalMajorMinor(gates.emulationVersion);
  const source = gates.specsSource === 'inline' ? 'gates.specs' : gates.specsSource;
  const findings: Finding[] = [];
  for (const [name, value] of Object.entries(gates.set)) {
    const entries = knownEntries(gates, name);
    if (!entries) {
      const suggestion = suggestGate(name, knownNames(gates));
      findings.push(
        finding('gate-unknown', {
          gate: name,
          message: `unrecognized feature gate: ${name}${suggestion ? ` (did you mean ${suggestion}?)` : ''}`,
          hint: suggestion
            ? `Gate names are case-sensitive: rename ${name} to ${suggestion} in gates.set, or remove it.`
            : `No gate in ${source} has this name (names are case-sensitive). Correct it in gates.set, remove it, or add its specs.`,
          ...(suggestion ? { expected: suggestion } : {}),
          actual: name,
        }),
      );
      continue;
    }
    if (!emulation) continue;
    const E = formatMajorMinor(emulation);
    const spec = specAt(entries, emulation);
    const verdict = judge(name, value, spec);
    if (verdict === 'locked') {
      findings.push(
        finding('gate-locked', {
          gate: name,
          message: `cannot set feature gate ${name} to ${value}: ${name} is locked to ${spec.default} at emulated version ${E} (${spec.stage} since ${spec.since ?? '?'})`,
          hint: `Remove ${name} from gates.set or set it to ${spec.default}: a locked gate only accepts its default. If the version is wrong, check it first (stampguard version).`,
          expected: String(spec.default),
          actual: String(value),
        }),
      );
    } else if (verdict === 'prealpha-set') {
      const appears = firstAvailableAfter(entries, emulation);
      const where = appears
        ? `it appears in ${appears.version} (${appears.stage})`
        : `no spec in ${source} makes it available`;
      const emulating = window && compareMajorMinor(window.emulation, window.binary) !== 0 ? `, emulating ${E}` : '';
      findings.push(
        finding('gate-prealpha-set', {
          gate: name,
          message: `cannot set feature gate ${name} to ${value}: ${name} is pre-alpha (not available yet) at emulated version ${E}; ${where}`,
          hint: `${CHECK_VERSION_FIRST} ${stampedVersion} gives ${window ? formatMajorMinor(window.binary) : E}${emulating}. If the version is right, remove ${name} from gates.set${appears ? ` until ${appears.version}` : ''}.`,
          ...(appears ? { expected: `emulation version >= ${appears.version}` } : {}),
          actual: E,
        }),
      );
    }
  }
  return findings;
}

/**
 * Every problem with the gate configuration at the stamped version: the emulation window first
 * (the usual root cause is the version), then each configured value, then the specs' lifecycle.
 * When the emulation version is out of range the gates are still evaluated at it, as Kubernetes
 * does (the incident shows both errors).
 */
export function evaluateGates(input: GateEvaluationInput): Finding[] {
  const window = resolveEmulation(input);
  return [
    ...windowFindings(input, window),
    ...gateFindings(input, window),
    ...lintFindings(input.gates.specs, input.gates.specsSource),
  ];
}

/**
 * The `stampguard gates` table: configured gates first (in configuration order, unknown ones
 * included), then every other known gate in case-insensitive name order. Empty when no emulation
 * version can be determined.
 */
export function gateTable(input: GateEvaluationInput): { window: EmulationWindow | null; rows: GateRow[] } {
  const { gates } = input;
  const window = resolveEmulation(input);
  const emulation = window?.emulation ?? optionalMajorMinor(gates.emulationVersion);
  if (!emulation) return { window, rows: [] };
  const row = (gate: string, value: boolean | null): GateRow => {
    const entries = knownEntries(gates, gate);
    if (!entries)
      return { gate, stage: 'prealpha', default: false, locked: false, since: null, value, verdict: 'unknown' };
    const spec = specAt(entries, emulation);
    return {
      gate,
      stage: spec.stage,
      default: spec.default,
      locked: spec.lockToDefault,
      since: spec.since,
      value,
      verdict: judge(gate, value, spec),
    };
  };
  const configured = Object.entries(gates.set).map(([gate, value]) => row(gate, value));
  const others = Object.keys(gates.specs)
    .filter((gate) => !Object.hasOwn(gates.set, gate))
    .sort(byName)
    .map((gate) => row(gate, null));
  return { window, rows: [...configured, ...others] };
}
