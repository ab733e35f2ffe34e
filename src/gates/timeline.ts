// The data behind `stampguard gates --timeline`: one row per gate, its stage bands across the
// versions the specs name, and the version about to be stamped. The drawing is in
// reporters/timeline.ts; this decides what is drawn.

import type { GatesConfig, Stage } from '../types.js';
import { byName } from '../util/text.js';
import type { GateVerdict } from './evaluate.js';
import { specAt } from './spec-at.js';
import { compareMajorMinor, formatMajorMinor, type MajorMinor, majorMinorOf } from './versions.js';

export interface TimelineBand {
  /** Index of the first column the band covers. */
  start: number;
  /** Index after the last column it covers. */
  end: number;
  stage: Stage;
  default: boolean;
  locked: boolean;
}

export interface TimelineRow {
  gate: string;
  /** The configured value, or null. */
  value: boolean | null;
  /** The verdict for the configured value at the marker version, or null when not configured. */
  verdict: GateVerdict | null;
  bands: TimelineBand[];
}

export interface TimelineModel {
  /** The columns, in order: every major.minor from the first spec version to the last (and the marker). */
  versions: string[];
  /** Index into versions of the version about to be stamped, or null when there is none. */
  marker: number | null;
  /** The stamped version as given (e.g. "1.35.0"), for the label. */
  markerLabel: string | null;
  /** Configured gates first (configuration order), then the others by name. */
  rows: TimelineRow[];
}

/**
 * Every major.minor between the smallest and the largest version given, minors filled in within
 * each major (a major's minors run from its smallest to its largest seen; majors are not bridged).
 */
export function axisVersions(seen: readonly MajorMinor[]): MajorMinor[] {
  const byMajor = new Map<number, { min: number; max: number }>();
  for (const v of seen) {
    const range = byMajor.get(v.major);
    if (!range) byMajor.set(v.major, { min: v.minor, max: v.minor });
    else byMajor.set(v.major, { min: Math.min(range.min, v.minor), max: Math.max(range.max, v.minor) });
  }
  const out: MajorMinor[] = [];
  for (const major of [...byMajor.keys()].sort((a, b) => a - b)) {
    const range = byMajor.get(major)!;
    for (let minor = range.min; minor <= range.max; minor++) out.push({ major, minor });
  }
  return out;
}

export function timelineModel(
  gates: Pick<GatesConfig, 'specs' | 'set'>,
  marker: { version: string; verdicts: ReadonlyMap<string, GateVerdict> } | null,
): TimelineModel {
  const seen: MajorMinor[] = [];
  for (const entries of Object.values(gates.specs)) {
    for (const entry of entries) {
      const v = majorMinorOf(entry.version);
      if (v) seen.push(v);
    }
  }
  const markerVersion = marker ? majorMinorOf(marker.version) : null;
  if (markerVersion) seen.push(markerVersion);
  // One column past the newest version, so the last stage shows as continuing.
  const newest = seen.reduce<MajorMinor | null>((a, v) => (!a || compareMajorMinor(v, a) > 0 ? v : a), null);
  if (newest) seen.push({ major: newest.major, minor: newest.minor + 1 });
  const axis = axisVersions(seen);

  const bandsOf = (gate: string): TimelineBand[] => {
    const entries = gates.specs[gate] ?? [];
    const bands: TimelineBand[] = [];
    axis.forEach((version, i) => {
      // What a component built as this version sees by default: emulation = version, min compatibility = version − 1.
      const spec = specAt(entries, version, { major: version.major, minor: Math.max(0, version.minor - 1) });
      if (spec.stage === 'prealpha' && spec.since === null) return; // before the gate exists: no band
      const last = bands.at(-1);
      if (
        last &&
        last.end === i &&
        last.stage === spec.stage &&
        last.default === spec.default &&
        last.locked === spec.lockToDefault
      ) {
        last.end = i + 1;
      } else {
        bands.push({ start: i, end: i + 1, stage: spec.stage, default: spec.default, locked: spec.lockToDefault });
      }
    });
    return bands;
  };

  const configured = Object.keys(gates.set).filter((gate) => Object.hasOwn(gates.specs, gate));
  const others = Object.keys(gates.specs)
    .filter((gate) => !Object.hasOwn(gates.set, gate))
    .sort(byName);
  const rows = [...configured, ...others].map(
    (gate): TimelineRow => ({
      gate,
      value: Object.hasOwn(gates.set, gate) ? (gates.set[gate] ?? null) : null,
      verdict: Object.hasOwn(gates.set, gate) ? (marker?.verdicts.get(gate) ?? null) : null,
      bands: bandsOf(gate),
    }),
  );
  const markerIndex = markerVersion ? axis.findIndex((v) => compareMajorMinor(v, markerVersion) === 0) : -1;
  return {
    versions: axis.map(formatMajorMinor),
    marker: markerIndex === -1 ? null : markerIndex,
    markerLabel: marker?.version ?? null,
    rows,
  };
}
