// Lifecycle rules for versioned gate specs, as Kubernetes enforces them when a component registers
// its gates: featureGate.AddVersioned in kubernetes/component-base featuregate/feature_gate.go
// (1.35+ rule set, commit 0b47e99; read at 349fbe06). A spec list that breaks them makes every component panic at
// start-up, so stampguard reports them before anything is built. Like AddVersioned, each entry
// reports only the first rule it breaks. Versions above the stamped version are fine: specs
// describe future releases too.

import type { GateSpecEntry, GateSpecs } from '../types.js';
import { compareMajorMinor, type MajorMinor, majorMinorOf, parseMajorMinor } from './versions.js';

export interface SpecProblem {
  gate: string;
  /** The spec entry the rule fails at, or -1 for a problem of gates.dependencies as a whole. */
  index: number;
  rule: SpecRule;
  message: string;
  /** For a rule of gates.dependencies: the dependency it is about. */
  dependency?: string;
}

export type SpecRule =
  | 'no-entries'
  | 'version-not-major-minor'
  | 'min-compat-without-base'
  | 'min-compat-not-major-minor'
  | 'min-compat-after-version'
  | 'deprecated-first'
  | 'decreasing-order'
  | 'min-compat-decreasing-order'
  | 'same-version-stage-change'
  | 'same-version-lock-change'
  | 'duplicate-version'
  | 'no-change'
  | 'unlock-after-lock'
  | 'resurrection'
  | 'stability-regression'
  | 'dependency-unknown-gate'
  | 'dependency-unknown'
  | 'dependency-less-stable'
  | 'dependency-default-disabled'
  | 'dependency-unlocked'
  | 'dependency-cycle';

/** One line per rule, for docs and hints. */
export const SPEC_RULES: Readonly<Record<SpecRule, string>> = {
  'no-entries': 'a gate needs at least one spec entry',
  'version-not-major-minor': 'versions are major.minor ("1.22"): no patch, no "v", no pre-release',
  'min-compat-without-base':
    'an entry with minCompatibilityVersion follows an entry for the same version (it gives that version another default for newer control planes)',
  'min-compat-not-major-minor': 'minCompatibilityVersion is major.minor ("1.35")',
  'min-compat-after-version': "minCompatibilityVersion is not after the entry's version",
  'deprecated-first':
    'a gate whose first entry is deprecated must start at a minor 0 ("1.0"), recording its state before deprecation',
  'decreasing-order': 'entries are listed in non-decreasing version order',
  'min-compat-decreasing-order': 'minimum compatibility versions do not decrease from one entry to the next',
  'same-version-stage-change': 'two entries for one version may not differ in stage',
  'same-version-lock-change': 'two entries for one version may not differ in lockToDefault',
  'duplicate-version': 'one entry per version and minimum compatibility version',
  'no-change': 'each entry changes the stage, the default or the lock',
  'unlock-after-lock': 'once lockToDefault, always lockToDefault',
  resurrection: 'deprecated is terminal',
  'stability-regression': 'stability never goes down: no alpha after beta or GA, no beta after GA',
  'dependency-unknown-gate': 'gates.dependencies names gates that have specs (or AllAlpha, AllBeta)',
  'dependency-unknown': 'a gate depends only on gates that have specs',
  'dependency-less-stable':
    'a gate never depends on a less stable one at any version its specs name (alpha may depend on pre-alpha; only deprecated gates depend on deprecated ones)',
  'dependency-default-disabled': 'a gate enabled by default never depends on one disabled by default',
  'dependency-unlocked': 'a gate locked to its default never depends on one that is not locked',
  'dependency-cycle': 'dependencies have no cycles',
};

function lintGate(gate: string, entries: readonly GateSpecEntry[]): SpecProblem[] {
  const problems: SpecProblem[] = [];
  if (entries.length === 0) {
    return [{ gate, index: 0, rule: 'no-entries', message: `gate ${gate} has no spec entries` }];
  }
  let previous: GateSpecEntry | null = null;
  let wasBeta = false;
  let wasGA = false;
  let wasDeprecated = false;
  let wasLocked = false;
  let previousMin: MajorMinor | null = null;
  entries.forEach((entry, i) => {
    const problem = (rule: SpecRule, message: string): void => {
      problems.push({ gate, index: i, rule, message });
    };
    const lock = entry.lockToDefault ?? false;
    const version = majorMinorOf(entry.version);
    const prevVersion = previous ? majorMinorOf(previous.version) : null;
    const order = version && prevVersion ? compareMajorMinor(version, prevVersion) : null;
    const ownMin = entry.minCompatibilityVersion ?? null;
    const ownMinMM = ownMin === null ? null : majorMinorOf(ownMin);
    const sameMin =
      ownMinMM === null || previousMin === null
        ? ownMinMM === previousMin
        : compareMajorMinor(ownMinMM, previousMin) === 0;
    // The first failing rule wins, in AddVersioned's order.
    if (!parseMajorMinor(entry.version)) {
      problem(
        'version-not-major-minor',
        `version ${JSON.stringify(entry.version)} is not major.minor (like "1.22"); gate versions have no patch, prefix or pre-release`,
      );
    } else if (ownMin !== null && (!previous || order !== 0)) {
      problem(
        'min-compat-without-base',
        `minCompatibilityVersion ${ownMin} at ${entry.version} without a preceding entry for ${entry.version}; add the entry that applies with an older control plane first`,
      );
    } else if (ownMin !== null && !parseMajorMinor(ownMin)) {
      problem('min-compat-not-major-minor', `minCompatibilityVersion ${JSON.stringify(ownMin)} is not major.minor`);
    } else if (ownMinMM && version && compareMajorMinor(ownMinMM, version) > 0) {
      problem(
        'min-compat-after-version',
        `minCompatibilityVersion ${ownMin} is after the entry's version ${entry.version}`,
      );
    } else if (i === 0 && entry.stage === 'deprecated' && version?.minor !== 0) {
      problem(
        'deprecated-first',
        `the first entry (${entry.version}) is deprecated; add an entry at ${version?.major ?? 1}.0 recording the state before deprecation`,
      );
    } else if (previous && order !== null && order < 0) {
      problem(
        'decreasing-order',
        `version ${entry.version} comes after ${previous.version}; list entries in version order`,
      );
    } else if (previous && ownMinMM && previousMin && compareMajorMinor(ownMinMM, previousMin) < 0) {
      problem(
        'min-compat-decreasing-order',
        `minCompatibilityVersion ${ownMin} comes after ${formatMin(previousMin)}; minimum compatibility versions do not decrease`,
      );
    } else if (previous && order === 0 && sameMin) {
      // Kubernetes allows a second entry for a version only with another minCompatibilityVersion.
      problem(
        'duplicate-version',
        `two entries for ${entry.version}${ownMin === null ? '' : ` with minCompatibilityVersion ${ownMin}`}; keep one, or give the second a minCompatibilityVersion`,
      );
    } else if (previous && order === 0 && entry.stage !== previous.stage) {
      problem(
        'same-version-stage-change',
        `two entries for ${entry.version} with different stages (${previous.stage} -> ${entry.stage}); keep one`,
      );
    } else if (previous && order === 0 && lock !== (previous.lockToDefault ?? false)) {
      problem(
        'same-version-lock-change',
        `two entries for ${entry.version} with different lockToDefault (${previous.lockToDefault ?? false} -> ${lock}); keep one`,
      );
    } else if (
      previous &&
      entry.stage === previous.stage &&
      entry.default === previous.default &&
      lock === (previous.lockToDefault ?? false)
    ) {
      problem(
        'no-change',
        `the entry at ${entry.version} repeats ${previous.version} (${entry.stage}, default ${entry.default}${lock ? ', locked' : ''}); remove it or change the stage, default or lock`,
      );
    } else if (previous && wasLocked && !lock) {
      problem(
        'unlock-after-lock',
        `the entry at ${entry.version} unlocks a gate that an earlier entry locked to its default; keep lockToDefault: true`,
      );
    } else if (previous && wasDeprecated && entry.stage !== 'deprecated') {
      problem(
        'resurrection',
        `the entry at ${entry.version} is ${entry.stage} after the gate was deprecated; deprecated is terminal`,
      );
    } else if (previous && ((entry.stage === 'alpha' && (wasBeta || wasGA)) || (entry.stage === 'beta' && wasGA))) {
      problem(
        'stability-regression',
        `the entry at ${entry.version} regresses stability to ${entry.stage} after ${wasGA ? 'ga' : 'beta'}`,
      );
    }
    // AddVersioned's completion: an entry without a minimum compatibility version inherits the previous one.
    previousMin = ownMinMM ?? (i > 0 ? previousMin : null);
    previous = entry;
    wasBeta ||= entry.stage === 'beta';
    wasGA ||= entry.stage === 'ga';
    wasDeprecated ||= entry.stage === 'deprecated';
    wasLocked ||= lock;
  });
  return problems;
}

/** Every lifecycle problem in the specs, gate by gate in the specs' order. */
export function lintSpecs(specs: GateSpecs): SpecProblem[] {
  return Object.entries(specs).flatMap(([gate, entries]) => lintGate(gate, entries));
}

const formatMin = (v: MajorMinor): string => `${v.major}.${v.minor}`;
