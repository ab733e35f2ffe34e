// `stampguard gates --changes FROM..TO`: what changes for each gate between the spec in force at
// FROM and the one at TO, grouped for release notes. "In force at X" is what a component built as
// X sees by default: emulation version X, minimum compatibility version X − 1
// (featureSpecAtEmulationAndMinCompatVersion with Kubernetes' defaults).

import type { GateSpecs, Stage } from '../types.js';
import { byName } from '../util/text.js';
import { type SpecAt, specAt } from './spec-at.js';
import { compareMajorMinor, type MajorMinor, majorMinorOf } from './versions.js';

/** Release-notes groups, in the order they are printed. */
export const CHANGE_GROUPS = [
  'introduced',
  'ga',
  'beta',
  'deprecated',
  'enabled-by-default',
  'disabled-by-default',
  'locked',
  'unlocked',
  'removed',
  'other',
] as const;
export type ChangeGroup = (typeof CHANGE_GROUPS)[number];

export const CHANGE_TITLES: Readonly<Record<ChangeGroup, string>> = {
  introduced: 'New',
  ga: 'Graduated to GA',
  beta: 'Graduated to beta',
  deprecated: 'Deprecated',
  'enabled-by-default': 'Now on by default',
  'disabled-by-default': 'Now off by default',
  locked: 'Locked to their default',
  unlocked: 'Unlocked',
  removed: 'Removed',
  other: 'Other changes',
};

/** One aspect that differs between FROM and TO. */
export type ChangeKind = 'stage' | 'default' | 'lock';

export interface GateChange {
  gate: string;
  group: ChangeGroup;
  /** Every aspect that differs. */
  kinds: ChangeKind[];
  from: SpecAt;
  /** The spec at TO, or null for a gate that FROM's specs have and TO's do not. */
  to: SpecAt | null;
  /** The versions of the entries that took effect after FROM, up to TO. */
  steps: string[];
}

export interface GateChanges {
  from: MajorMinor;
  to: MajorMinor;
  changes: GateChange[];
  /** Gates known at either end whose spec is the same at both. */
  unchanged: number;
}

const RANK: Readonly<Record<Stage, number>> = { prealpha: 0, alpha: 1, beta: 2, ga: 3, deprecated: 4 };

function groupOf(from: SpecAt, to: SpecAt): ChangeGroup {
  if (from.stage === 'prealpha' && to.stage !== 'prealpha') return 'introduced';
  if (to.stage !== from.stage) {
    if (to.stage === 'deprecated') return 'deprecated';
    if (to.stage === 'ga') return 'ga';
    if (to.stage === 'beta' && RANK[from.stage] < RANK.beta) return 'beta';
    return 'other';
  }
  if (to.default !== from.default) return to.default ? 'enabled-by-default' : 'disabled-by-default';
  if (to.lockToDefault !== from.lockToDefault) return to.lockToDefault ? 'locked' : 'unlocked';
  return 'other';
}

const minusOne = (v: MajorMinor): MajorMinor => ({ major: v.major, minor: Math.max(0, v.minor - 1) });

/**
 * The changes from FROM to TO. `previous` are the specs in force at FROM when they differ from
 * the current ones (an older list): a gate only they have is "removed".
 */
export function gateChanges(specs: GateSpecs, from: MajorMinor, to: MajorMinor, previous?: GateSpecs): GateChanges {
  const before = previous ?? specs;
  const names = [...new Set([...Object.keys(before), ...Object.keys(specs)])].sort(byName);
  const changes: GateChange[] = [];
  let unchanged = 0;
  for (const gate of names) {
    const oldEntries = Object.hasOwn(before, gate) ? (before[gate] ?? []) : [];
    const a = specAt(oldEntries, from, minusOne(from));
    if (!Object.hasOwn(specs, gate)) {
      if (a.stage === 'prealpha') continue; // never there in a way anyone could see
      changes.push({ gate, group: 'removed', kinds: ['stage'], from: a, to: null, steps: [] });
      continue;
    }
    const entries = specs[gate] ?? [];
    const b = specAt(entries, to, minusOne(to));
    const kinds: ChangeKind[] = [];
    if (a.stage !== b.stage) kinds.push('stage');
    if (a.default !== b.default) kinds.push('default');
    if (a.lockToDefault !== b.lockToDefault) kinds.push('lock');
    if (kinds.length === 0) {
      if (a.stage !== 'prealpha') unchanged++;
      continue;
    }
    const steps = entries
      .map((entry) => entry.version)
      .filter((version) => {
        const v = majorMinorOf(version);
        return v !== null && compareMajorMinor(v, from) > 0 && compareMajorMinor(v, to) <= 0;
      });
    changes.push({ gate, group: groupOf(a, b), kinds, from: a, to: b, steps: [...new Set(steps)] });
  }
  return { from, to, changes, unchanged };
}
