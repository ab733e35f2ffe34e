// major.minor arithmetic for feature gates, modelled on Kubernetes' version package
// (kubernetes/apimachinery pkg/util/version/version.go): gate versions and emulation versions are
// major.minor, and every comparison against them ignores patch, pre-release and build metadata,
// so 0.1 equals 0.1.0-284+0214af08731054-dirty (MajorMinor values are never "semver" there).

export interface MajorMinor {
  major: number;
  minor: number;
}

/** A non-negative integer without leading zeros ("0" itself is fine). */
const NUMBER = '(0|[1-9][0-9]*)';
const STRICT_MAJOR_MINOR = new RegExp(`^${NUMBER}\\.${NUMBER}$`);
// Version-ish: optional "v", major.minor, optional .patch, then an optional "-…" pre-release
// and/or "+…" build tail. Like ParseGeneric the tail is not interpreted, but it must be made of
// semver identifier characters so that "1.2 banana" or "1.2.3.4" are not versions.
const VERSIONISH = new RegExp(`^v?${NUMBER}\\.${NUMBER}(?:\\.(0|[1-9][0-9]*))?((?:[-+][0-9A-Za-z.+-]*)?)$`);

function toInt(text: string): number | null {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

/** Strict "1.22": two non-negative integers, no leading zeros, nothing else. */
export function parseMajorMinor(s: string): MajorMinor | null {
  const m = STRICT_MAJOR_MINOR.exec(s);
  if (!m) return null;
  const major = toInt(m[1] ?? '');
  const minor = toInt(m[2] ?? '');
  return major === null || minor === null ? null : { major, minor };
}

/** The parts of a version-ish string, or null when it is not one. */
export interface VersionParts extends MajorMinor {
  /** The patch number, or null when the string has only major.minor. */
  patch: number | null;
  /** Whatever follows major.minor[.patch]: "-284+0214af08731054-dirty", or "". */
  tail: string;
  /** Whether the string starts with "v". */
  prefixed: boolean;
}

export function splitVersion(version: string): VersionParts | null {
  const m = VERSIONISH.exec(version);
  if (!m) return null;
  const major = toInt(m[1] ?? '');
  const minor = toInt(m[2] ?? '');
  const patch = m[3] === undefined ? null : toInt(m[3]);
  if (major === null || minor === null || (m[3] !== undefined && patch === null)) return null;
  return { major, minor, patch, tail: m[4] ?? '', prefixed: version.startsWith('v') };
}

/**
 * major.minor of any version-ish string: "v1.31.0", "0.1.0-284+0214af08731054-dirty", "1.33".
 * Patch, pre-release and build are ignored, as in Kubernetes' MajorMinor comparisons.
 */
export function majorMinorOf(version: string): MajorMinor | null {
  const parts = splitVersion(version);
  return parts ? { major: parts.major, minor: parts.minor } : null;
}

export function compareMajorMinor(a: MajorMinor, b: MajorMinor): number {
  return a.major !== b.major ? Math.sign(a.major - b.major) : Math.sign(a.minor - b.minor);
}

export function maxMajorMinor(a: MajorMinor, b: MajorMinor): MajorMinor {
  return compareMajorMinor(a, b) >= 0 ? a : b;
}

/**
 * v minus d minors. Like Kubernetes' Version.SubtractMinor the minor is clamped at 0 and never
 * borrows from the major: 2.0 − 3 = 2.0, 0.1 − 3 = 0.0.
 */
export function subtractMinor(v: MajorMinor, d: number): MajorMinor {
  return { major: v.major, minor: Math.max(0, v.minor - d) };
}

export function formatMajorMinor(v: MajorMinor): string {
  return `${v.major}.${v.minor}`;
}
