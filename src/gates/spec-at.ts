// The spec in force at a version, and the gates every component knows. Shared by the evaluation,
// the dependency rules, --changes and --timeline.

import type { GateSpecEntry, GatesConfig, Stage } from '../types.js';
import { compareMajorMinor, type MajorMinor, majorMinorOf, subtractMinor } from './versions.js';

export interface SpecAt {
  stage: Stage;
  default: boolean;
  lockToDefault: boolean;
  /** The version of the entry in force, or null before the first entry. */
  since: string | null;
}

const PRE_ALPHA: SpecAt = { stage: 'prealpha', default: false, lockToDefault: false, since: null };

/**
 * Each entry's minimum compatibility version after Kubernetes' completion step (AddVersioned: an
 * entry without one inherits the previous entry's), or null when no entry names one.
 */
function completedMinCompat(entries: readonly GateSpecEntry[]): (MajorMinor | null)[] | null {
  if (!entries.some((entry) => entry.minCompatibilityVersion !== undefined)) return null;
  let last: MajorMinor | null = null;
  return entries.map((entry, i) => {
    const own = entry.minCompatibilityVersion === undefined ? null : majorMinorOf(entry.minCompatibilityVersion);
    last = own ?? (i > 0 ? last : null);
    return last;
  });
}

/**
 * The spec in force at emulation version E and minimum compatibility version M (default E − 1):
 * scanning from the last entry back, the first whose version is not after E and whose minimum
 * compatibility version (own or inherited) M reaches. Before the first entry a gate is
 * pre-alpha, off and unlocked. Entries whose version is not a version are skipped.
 */
export function specAt(
  entries: readonly GateSpecEntry[],
  emulation: MajorMinor,
  minCompatibility: MajorMinor | null = null,
): SpecAt {
  const mins = completedMinCompat(entries);
  const m = minCompatibility ?? subtractMinor(emulation, 1);
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    const version = entry ? majorMinorOf(entry.version) : null;
    if (!entry || !version || compareMajorMinor(version, emulation) > 0) continue;
    const min = mins?.[i] ?? null;
    if (min && compareMajorMinor(m, min) < 0) continue;
    return {
      stage: entry.stage,
      default: entry.default,
      lockToDefault: entry.lockToDefault ?? false,
      since: entry.version,
    };
  }
  return PRE_ALPHA;
}

// Every Kubernetes feature gate implicitly knows AllAlpha and AllBeta ({0.0, Alpha|Beta, false};
// defaultFeatures in feature_gate.go). They are never pre-alpha and unsafeSetFromMap handles them
// before its pre-alpha check, so setting them is always accepted.
export const IMPLICIT_GATES: Readonly<Record<string, GateSpecEntry[]>> = {
  AllAlpha: [{ version: '0.0', stage: 'alpha', default: false, lockToDefault: false }],
  AllBeta: [{ version: '0.0', stage: 'beta', default: false, lockToDefault: false }],
};

export function knownEntries(gates: Pick<GatesConfig, 'specs'>, name: string): GateSpecEntry[] | null {
  if (Object.hasOwn(gates.specs, name)) return gates.specs[name] ?? null;
  if (Object.hasOwn(IMPLICIT_GATES, name)) return IMPLICIT_GATES[name] ?? null;
  return null;
}

export function knownNames(gates: Pick<GatesConfig, 'specs'>): string[] {
  return [...Object.keys(gates.specs), ...Object.keys(IMPLICIT_GATES).filter((k) => !Object.hasOwn(gates.specs, k))];
}
