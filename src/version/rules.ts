// What counts as a release version, what is nonstandard, and what a development build carries.
// Pure functions; semver is used only for ordering, never to decide validity: `semver.valid`
// accepts "0.1.0-284+0214af08731054-dirty" and strips a leading "v", which is the trap.
import semverCompare from 'semver/functions/compare.js';

// Semantic Versioning 2.0.0, https://semver.org/#is-there-a-suggested-regular-expression-regex-to-check-a-semver-string
const SEMVER_RE =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export interface ParsedVersion {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
  build: string[];
  raw: string;
}

/** Strict semver, no prefix, no whitespace, no "v"; numbers must be safe integers. */
export function parseStrictSemver(text: string): ParsedVersion | null {
  if (text.length > 256) return null;
  const match = SEMVER_RE.exec(text);
  if (!match) return null;
  const [major, minor, patch] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (![major, minor, patch].every(Number.isSafeInteger)) return null;
  return {
    major,
    minor,
    patch,
    prerelease: match[4] ? match[4].split('.') : [],
    build: match[5] ? match[5].split('.') : [],
    raw: text,
  };
}

/** Does the tag name look like a release tag at all (<prefix><digit>…)? Other tags are not checked. */
export function isReleaseTagName(name: string, prefix: string): boolean {
  return name.startsWith(prefix) && /^[0-9]/.test(name.slice(prefix.length));
}

/** The version in a tag named <prefix><strict semver>, or null. */
export function versionFromTag(tag: string, prefix: string): ParsedVersion | null {
  if (!tag.startsWith(prefix)) return null;
  return parseStrictSemver(tag.slice(prefix.length));
}

// A commit id as describe or Kubernetes prints it: optional "g", 7–40 hex digits with at least one
// digit and one letter (so build dates such as 20240101 and words such as "deadbeef" are not ids).
// Hex digits in either case: a tool that upper-cases the id still carries one.
const COMMIT_ID_RE = /^g?(?=[0-9a-fA-F]*[0-9])(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{7,40}$/;
const G_COMMIT_ID_RE = /^g[0-9a-fA-F]{4,40}$/;
// "-284-g0214af0" inside an identifier: raw describe output.
const DESCRIBE_TAIL_RE = /(?:^|-)\d+-g[0-9a-fA-F]{4,40}(?:-|$)/;

export type VersionProblem = 'not-semver' | 'describe-output' | 'commit-id' | 'dirty-marker' | 'bare-commit-id';

export interface VersionClass {
  /** A release or pre-release version with none of the problems below. */
  standard: boolean;
  prerelease: boolean;
  problems: VersionProblem[];
  parsed: ParsedVersion | null;
}

export const PROBLEM_TEXT: Record<VersionProblem, string> = {
  'not-semver': 'is not strict semver',
  'describe-output': 'carries a commit distance and id (git describe output)',
  'commit-id': 'carries a commit id',
  'dirty-marker': 'carries a dirty-tree marker',
  'bare-commit-id': 'is a bare commit id',
};

/**
 * Classifies a version string (without tag prefix). A leading "v" is tolerated for the
 * nonstandard checks, so "v0.1.0-284-g0214af0-dirty" is reported for what it is.
 */
export function classifyVersion(input: string): VersionClass {
  const text = input.trim();
  const problems = new Set<VersionProblem>();
  // `git describe --always [--dirty]` prints a bare id when no tag is reachable.
  if (/^g?[0-9a-fA-F]{7,40}(?:-dirty)?$/.test(text) && /[a-fA-F]/.test(text.replace(/^g|-dirty$/g, '')))
    problems.add('bare-commit-id');
  const body = /^v\d/.test(text) ? text.slice(1) : text;
  const parsed = parseStrictSemver(body);
  if (!parsed || body !== input) problems.add('not-semver');

  // Look at identifiers whether or not the whole string parses: "1.2.3-dirty-dirty" and
  // "v0.1.0-284-g0214af0" are as telling as their strictly valid cousins.
  const plus = body.indexOf('+');
  const dash = body.indexOf('-');
  const pre = dash !== -1 && (plus === -1 || dash < plus) ? body.slice(dash + 1, plus === -1 ? undefined : plus) : '';
  const build = plus !== -1 ? body.slice(plus + 1) : '';
  if (DESCRIBE_TAIL_RE.test(pre)) problems.add('describe-output');
  const identifiers = [...pre.split(/[.-]/), ...build.split(/[.-]/)].filter(Boolean);
  for (const id of identifiers) {
    if (id.toLowerCase() === 'dirty') problems.add('dirty-marker');
    if (COMMIT_ID_RE.test(id) || G_COMMIT_ID_RE.test(id)) {
      if (!problems.has('describe-output')) problems.add('commit-id');
    }
  }
  const list = [...problems];
  return {
    standard: list.length === 0,
    prerelease: (parsed?.prerelease.length ?? 0) > 0,
    problems: list,
    parsed,
  };
}

/** "carries a commit id and a dirty-tree marker" — the problems as one phrase. */
export function describeProblems(problems: readonly VersionProblem[]): string {
  const texts = problems.map((p) => PROBLEM_TEXT[p]);
  // Merge "carries X" + "carries Y" into "carries X and Y".
  const carries = texts.filter((t) => t.startsWith('carries ')).map((t) => t.slice(8));
  const others = texts.filter((t) => !t.startsWith('carries '));
  const parts = [...others, ...(carries.length ? [`carries ${carries.join(' and ')}`] : [])];
  return parts.join(' and ');
}

export function compareVersions(a: ParsedVersion, b: ParsedVersion): number {
  return semverCompare(a.raw, b.raw);
}

/**
 * A development version for a non-release build: valid semver that sorts after the tag it
 * descends from and before the next release, with distance in the pre-release and the commit id
 * and dirty state in build metadata (which semver ignores for ordering):
 *   v1.2.3 + 5 commits, dirty  → 1.2.4-dev.5+g0214af0.dirty
 *   v1.1.0-alpha.0 + 6 commits → 1.1.0-alpha.0.dev.6+g0214af0
 *   no tag                     → 0.0.0-dev.<commits>+g0214af0
 * Kubernetes' own rewrite (v0.1.0-284+…) makes the distance a pre-release of the tag's own
 * version, which sorts *before* the release it came from (0.1.0-284 < 0.1.0).
 */
export function devVersion(
  base: ParsedVersion | null,
  distance: number,
  commit: string | null,
  dirty: boolean,
): string {
  const build = [commit ? `g${commit.slice(0, 7)}` : null, dirty ? 'dirty' : null].filter(Boolean).join('.');
  const suffix = build ? `+${build}` : '';
  if (!base) return `0.0.0-dev.${distance}${suffix}`;
  if (base.prerelease.length > 0) {
    return `${base.major}.${base.minor}.${base.patch}-${base.prerelease.join('.')}.dev.${distance}${suffix}`;
  }
  return `${base.major}.${base.minor}.${base.patch + 1}-dev.${distance}${suffix}`;
}

/**
 * Whether a version may be released: not nonstandard (describe output, a commit id, a dirty
 * marker), and not a pre-release when pre-releases are not allowed. The one rule behind every
 * nonstandard-version finding.
 */
export type ReleaseVerdict =
  | { ok: true; classified: VersionClass }
  | { ok: false; reason: 'nonstandard'; classified: VersionClass }
  | { ok: false; reason: 'prerelease'; classified: VersionClass };

export function releaseVerdict(version: string, allowPrerelease: boolean): ReleaseVerdict {
  const classified = classifyVersion(version);
  if (!classified.standard) return { ok: false, reason: 'nonstandard', classified };
  if (classified.prerelease && !allowPrerelease) return { ok: false, reason: 'prerelease', classified };
  return { ok: true, classified };
}

/** "1.2.3" from a parsed version: the release a nonstandard one should have been. */
export function coreVersion(v: ParsedVersion): string {
  return `${v.major}.${v.minor}.${v.patch}`;
}
