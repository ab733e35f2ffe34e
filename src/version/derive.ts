// What the checkout's version is: describe output, the build version a describe-based build would
// stamp, and the development version. Pure: computed from facts.
import { formatDescribe } from '../git/describe.js';
import { trackedChanges, untrackedEntries } from '../git/status.js';
import type { Facts } from '../facts.js';
import type { UntrackedPolicy } from '../types.js';
import { devVersion, versionFromTag, type ParsedVersion } from './rules.js';

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

/**
 * Dirty means tracked changes, or untracked files when the untracked policy makes them an error
 * (Kubernetes counts every untracked file; a user who set "warning" or "ignore" said otherwise).
 */
export function deriveVersion(facts: Facts, prefix: string, untracked: UntrackedPolicy): VersionInfo {
  const { entries } = facts.status;
  const dirty = trackedChanges(entries).length > 0 || (untracked === 'error' && untrackedEntries(entries).length > 0);
  const { describe, head } = facts;
  const tagVersion = describe ? versionFromTag(describe.tag, prefix) : null;
  let buildVersion: string | null = null;
  if (describe) {
    const base = describe.tag.startsWith(prefix) ? describe.tag.slice(prefix.length) : describe.tag;
    // version.sh: "-N-g<sha>" becomes "-N+<sha>", or ".N+<sha>" after a pre-release tag; then "-dirty".
    const distance = describe.distance === 0 ? '' : `${base.includes('-') ? '.' : '-'}${describe.distance}+${describe.abbrev}`;
    buildVersion = `${base}${distance}${dirty ? '-dirty' : ''}`;
  }
  const dev = head ? devVersion(tagVersion, describe?.distance ?? facts.commitCount ?? 0, head, dirty) : null;
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
