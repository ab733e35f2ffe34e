// Facts: everything the checks need from git, as plain JSON. Checks never run git.
import type { Describe } from '../git/describe.js';
import type { Operation } from '../git/repo.js';
import type { StatusFacts } from '../git/status.js';
import type { TagRef } from '../git/tags.js';
import type { Incomplete } from '../git/tree-state.js';
import type { Mode, VersionFileFormat } from '../types.js';

export interface VersionFileFact {
  /** As configured (relative to the configuration file). */
  file: string;
  /** Relative to the repository root, as git names it. */
  repoPath: string;
  format: VersionFileFormat;
  /** The dotted key read (or looked for), null for a text file or a pattern. */
  key: string | null;
  /** The regular expression whose first capture group is the version, or null. */
  pattern: string | null;
  /** The value as the file holds it, or null when it could not be read (see problem). */
  value: string | null;
  /** The value without the tag prefix when it carries one ("v0.19.2" → "0.19.2" for tags v…). */
  version: string | null;
  /**
   * Why there is no value: the file is absent (or not a file), cannot be parsed in its format, has
   * no such key (no match, or is empty), or holds something other than a string there.
   */
  problem: 'missing' | 'unparsable' | 'no-key' | 'not-string' | null;
  /** For a problem: the parser's message, what the value is instead, or what is missing. */
  detail: string | null;
  /** Listed explicitly in the configuration (a missing default package.json is not a problem). */
  explicit: boolean;
}

/** A tag being created (tag mode) or pushed (push mode). */
export interface TargetFacts {
  tag: string;
  /** The commit it will point at, or null when the object names no commit. */
  commit: string | null;
  /** Whether the tag names HEAD in the working tree being checked (tag mode only). */
  isHead: boolean;
  /** Whether the tag is an annotated tag object; null when not known yet (a tag not created). */
  annotated: boolean | null;
  /** The type of the object the ref holds ("commit", "tag", "tree", "blob", "missing"); null when not given. */
  objectType: string | null;
  /** The tag object or commit the ref will hold, when known. */
  object: string | null;
  /** Tag mode: the ref already holds this very object (git tag -f to the same value): nothing changes. */
  unchanged: boolean;
  /**
   * Tag mode: the tag exists and already names the same commit, and gets a new object (git tag -f
   * to re-annotate or sign it): no release changes, only the tag object's own rules apply.
   */
  repointed: boolean;
  /** Tag mode: the release tags reachable from the tagged commit (itself excluded). */
  reachableReleases: string[];
  /** The version files at the tagged commit. */
  versionFiles: VersionFileFact[];
  /** git verify-tag's verdict on the tag object, when requireSignedTag is set. */
  signature: Signature | null;
}

export interface Signature {
  tag: string;
  valid: boolean;
  detail: string;
}

export interface Facts {
  mode: Mode;
  root: string;
  head: string | null;
  branch: string | null;
  shallow: boolean;
  operation: Operation | null;
  /** The work tree (release, tag, preflight); empty in commit and push modes. */
  status: StatusFacts;
  /** Index entries git status is told not to look at (they are compared anyway; see status). */
  hidden: { assumeUnchanged: string[]; skipWorktree: string[] };
  /** Parts of the committed tree missing from the work tree (sparse checkout, uninitialised submodules). */
  incomplete: Incomplete[];
  /** Untracked paths ignored only by rules outside the repository's history; null when not looked for. */
  locallyIgnored: string[] | null;
  tags: TagRef[];
  /** Nearest tag matching the prefix, reachable from HEAD (distance 0 when HEAD carries one); release and tag modes. */
  describe: Describe | null;
  /**
   * The highest strict release reachable from HEAD and HEAD's distance from it, when it is above
   * the nearest tag describe found (a merged release branch); for the development version.
   */
  highestReachable: { tag: string; distance: number } | null;
  /** Release mode: every release tag really on HEAD (describe names one of them; see describeChoice). */
  tagsAtHead: string[];
  /** Commits reachable from HEAD, counted only when no tag is reachable (for the dev version). */
  commitCount: number | null;
  /** Tag mode: the tag being created; push mode: each tag being pushed. */
  targets: TargetFacts[];
  /** Release mode: the version files at HEAD; commit mode: as staged. */
  versionFiles: VersionFileFact[];
  /** When HEAD is detached and branches are configured: allowed branches that contain HEAD. */
  branchesContainingHead: string[] | null;
  /** Release mode, requireSignedTag set and HEAD on a release tag: git verify-tag's verdict. */
  signature: Signature | null;
  /** Configured remotes (release and preflight modes, when the branch has no upstream). */
  remotes: string[] | null;
  /** Of those remotes, the ones with a remote-tracking branch of the current branch's name. */
  remotesWithBranch: string[] | null;
}

export interface FactRequest {
  mode: Mode;
  /** Commit mode: more staged package.json files to classify (the packages of a workspace), repository paths. */
  stagedManifests?: readonly string[];
  /**
   * Tag mode: the tags being created and the objects they will hold (default HEAD); push mode:
   * the tags being pushed and the objects they hold.
   */
  tags: readonly { tag: string; object?: string }[];
}
