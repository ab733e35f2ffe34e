// What the checkout's version is: describe output, the build version a describe-based build would
// stamp, and the development version. Pure: computed from what facts found, never from git.
import { type Describe, formatDescribe } from '../git/describe.js';
import { type StatusEntry, trackedChanges, untrackedEntries } from '../git/status.js';
import type { UntrackedPolicy } from '../types.js';
import { devVersion, type ParsedVersion, versionFromTag } from './rules.js';

export interface VersionInfo {
  /** describe output with "-dirty" appended for a dirty tree, as Kubernetes' version.sh reports it. */
  describe: string | null;
  tag: string | null;
  distance: number | null;
  dirty: boolean;
  /** The nearest tag's version when it is <prefix><strict semver>. */
  tagVersion: ParsedVersion | null;
  /** What a describe-based build (Kubernetes' hack/lib/version.sh) would stamp, without prefix. */
  buildVersion: string | null;
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
}

/**
 * HEAD's version. Dirty means tracked changes, or untracked files when the untracked policy makes
 * them an error (Kubernetes counts every untracked file; a user who set "warning" or "ignore" said
 * otherwise).
 */
export function deriveVersion(
  input: DeriveInput,
  options: { prefix: string; untracked: UntrackedPolicy },
): VersionInfo {
  const { describe, head } = input;
  const { prefix } = options;
  const entries = input.status.entries;
  const dirty =
    trackedChanges(entries).length > 0 || (options.untracked === 'error' && untrackedEntries(entries).length > 0);
  const tagVersion = describe ? versionFromTag(describe.tag, prefix) : null;
  let buildVersion: string | null = null;
  if (describe) {
    const base = describe.tag.startsWith(prefix) ? describe.tag.slice(prefix.length) : describe.tag;
    // version.sh: "-N-g<sha>" becomes "-N+<sha>", or ".N+<sha>" after a pre-release tag; then "-dirty".
    const distance =
      describe.distance === 0 ? '' : `${base.includes('-') ? '.' : '-'}${describe.distance}+${describe.abbrev}`;
    buildVersion = `${base}${distance}${dirty ? '-dirty' : ''}`;
  }
  // A development version sorts after the highest release HEAD contains: usually the nearest tag,
  // but not when that tag is not strict semver or a higher release was merged in.
  const higher = input.highestReachable ? versionFromTag(input.highestReachable.tag, prefix) : null;
  const dev = !head
    ? null
    : higher
      ? devVersion(higher, input.highestReachable!.distance, head, dirty)
      : devVersion(tagVersion, describe?.distance ?? input.commitCount ?? 0, head, dirty);
  return {
    describe: describe ? formatDescribe(describe, dirty) : null,
    tag: describe?.tag ?? null,
    distance: describe?.distance ?? null,
    dirty,
    tagVersion,
    buildVersion,
    dev,
  };
}
