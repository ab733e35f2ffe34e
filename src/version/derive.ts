// What the checkout's version is, as the project's build would see it: describe output, the
// version a build from this checkout would stamp, and the development version. The convention
// decides (README "Versions"):
//   npm           the build stamps package.json's version; dirty is a tracked change (or an
//                 untracked file when the untracked policy makes it an error);
//   git-describe  the build stamps `git describe --tags --dirty --always`: v1.2.3-4-g0214af0-dirty;
//                 dirty is a tracked change only (git describe --dirty ignores untracked files);
//   kubernetes    the build stamps hack/lib/version.sh's rewrite: v1.2.3-4+0214af08731054-dirty,
//                 and every untracked file makes it dirty (version.sh asks git status --porcelain).
// Pure: computed from what facts found, never from git.
import { type Describe, formatDescribe } from '../git/describe.js';
import { type StatusEntry, trackedChanges, untrackedEntries } from '../git/status.js';
import type { Convention, UntrackedPolicy } from '../types.js';
import { devVersion, type ParsedVersion, versionFromTag } from './rules.js';

export interface VersionInfo {
  /** The convention in force (configured, or decided for this checkout). */
  convention: Convention;
  /** git describe output with "-dirty" appended when the convention counts the tree as dirty. */
  describe: string | null;
  tag: string | null;
  distance: number | null;
  dirty: boolean;
  /** The nearest tag's version when it is <prefix><strict semver>. */
  tagVersion: ParsedVersion | null;
  /** What a build from this checkout would stamp under the convention, without the tag prefix. */
  buildVersion: string | null;
  /** The version a development build stamps under the convention. */
  dev: string | null;
}

export interface DeriveInput {
  /** The nearest release tag reachable from HEAD, as describe found it. */
  describe: Describe | null;
  head: string | null;
  /** Commits reachable from HEAD, for the dev version when no tag is reachable. */
  commitCount: number | null;
  /** The highest release reachable from HEAD when it is above describe's nearest tag, with HEAD's distance from it. */
  highestReachable?: { tag: string; distance: number } | null;
  /** The work tree's status entries. */
  status: { entries: readonly StatusEntry[] };
  /** The version package.json holds at HEAD, when it is a version file. */
  manifestVersion?: string | null;
}

export interface DeriveOptions {
  prefix: string;
  untracked: UntrackedPolicy;
  /** Configured convention; null decides: npm when package.json holds a version, else git-describe. */
  convention: Convention | null;
}

/** The convention in force: the configured one, else npm for a package with a version, else git-describe. */
export function conventionOf(configured: Convention | null, manifestVersion: string | null | undefined): Convention {
  return configured ?? (manifestVersion ? 'npm' : 'git-describe');
}

export function deriveVersion(input: DeriveInput, options: DeriveOptions): VersionInfo {
  const { describe, head } = input;
  const { prefix } = options;
  const convention = conventionOf(options.convention, input.manifestVersion);
  const entries = input.status.entries;
  const tracked = trackedChanges(entries).length > 0;
  const untracked = untrackedEntries(entries).length > 0;
  const dirty =
    convention === 'kubernetes'
      ? tracked || untracked
      : convention === 'git-describe'
        ? tracked
        : tracked || (options.untracked === 'error' && untracked);
  const tagVersion = describe ? versionFromTag(describe.tag, prefix) : null;
  const base = describe ? withoutPrefix(describe.tag, prefix) : null;
  const short = head ? head.slice(0, 7) : null;

  let buildVersion: string | null = null;
  if (convention === 'npm') buildVersion = input.manifestVersion ?? null;
  else if (convention === 'kubernetes')
    buildVersion = describe && base !== null ? kubernetesVersion(describe, base, dirty) : null;
  else buildVersion = describeVersion(describe, base, short, dirty);

  let dev: string | null = null;
  if (head && convention === 'npm') {
    // Valid semver that sorts after the highest release HEAD contains: usually the nearest tag,
    // but not when that tag is not strict semver or a higher release was merged in.
    const higher = input.highestReachable ? versionFromTag(input.highestReachable.tag, prefix) : null;
    dev = higher
      ? devVersion(higher, input.highestReachable!.distance, head, dirty)
      : devVersion(tagVersion, describe?.distance ?? input.commitCount ?? 0, head, dirty);
  } else if (head) {
    // What the build stamps on a development build is what it stamps on any build.
    dev = buildVersion ?? (convention === 'git-describe' ? describeVersion(null, null, short, dirty) : null);
  }
  return {
    convention,
    describe: describe ? formatDescribe(describe, dirty) : null,
    tag: describe?.tag ?? null,
    distance: describe?.distance ?? null,
    dirty,
    tagVersion,
    buildVersion,
    dev,
  };
}

function withoutPrefix(tag: string, prefix: string): string {
  return tag.startsWith(prefix) ? tag.slice(prefix.length) : tag;
}

/** hack/lib/version.sh: "-N-g<sha>" becomes "-N+<sha>" (".N+<sha>" after a pre-release tag), then "-dirty". */
function kubernetesVersion(describe: Describe, base: string, dirty: boolean): string {
  const distance =
    describe.distance === 0 ? '' : `${base.includes('-') ? '.' : '-'}${describe.distance}+${describe.abbrev}`;
  return `${base}${distance}${dirty ? '-dirty' : ''}`;
}

/**
 * `git describe --tags --dirty --always`, without the tag prefix: the tag on HEAD, else
 * "<tag>-<N>-g<id>", else (no tag) the abbreviated commit id; "-dirty" for tracked changes. The id
 * is abbreviated to 7 digits, git's minimum (a large repository may get more).
 */
function describeVersion(
  describe: Describe | null,
  base: string | null,
  short: string | null,
  dirty: boolean,
): string | null {
  const suffix = dirty ? '-dirty' : '';
  if (describe && base !== null) {
    return describe.distance === 0
      ? `${base}${suffix}`
      : `${base}-${describe.distance}-g${describe.abbrev.slice(0, 7)}${suffix}`;
  }
  return short ? `${short}${suffix}` : null;
}
