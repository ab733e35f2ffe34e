// gatherFacts: everything the checks need from git, in one pass, with independent git calls
// running concurrently. The result is plain JSON; checks never run git.
import path from 'node:path';
import { verifyTag, readBlobs, readDescribe, readRefs, readStatus, peelObjects, branchesContaining, countCommits, type Operation, type RepoLocation } from './git/repo.js';
import type { StatusFacts } from './git/status.js';
import type { TagRef } from './git/tags.js';
import type { Describe } from './git/describe.js';
import { compareVersions, versionFromTag, type ParsedVersion } from './version/rules.js';
import { matchesAny } from './glob.js';
import type { Config, Mode } from './types.js';

export interface VersionFileFact {
  /** As configured (relative to the configuration file). */
  file: string;
  /** Relative to the repository root, as git names it. */
  repoPath: string;
  /** The "version" field, or null when it could not be read (see problem). */
  version: string | null;
  problem: 'missing' | 'not-json' | 'no-version' | null;
  /** Listed explicitly in the configuration (a missing default package.json is not a problem). */
  explicit: boolean;
}

export interface TargetFacts {
  /** The tag being created or pushed. */
  tag: string;
  /** The commit it will point at, or null when the revision names no commit. */
  commit: string | null;
  isHead: boolean;
  /** Whether the tag is an annotated tag object; null when not known yet (a tag not created). */
  annotated: boolean | null;
  /** The tag object or commit the ref will hold, when known. */
  object: string | null;
}

export interface Facts {
  mode: Mode;
  root: string;
  head: string | null;
  branch: string | null;
  shallow: boolean;
  operation: Operation | null;
  status: StatusFacts;
  /** False when the untracked policy is "ignore" and untracked files were not scanned. */
  untrackedScanned: boolean;
  tags: TagRef[];
  /** Nearest tag matching the prefix, reachable from HEAD (distance 0 when HEAD carries one). */
  describe: Describe | null;
  /** Commits reachable from HEAD, counted only when no tag is reachable (for the dev version). */
  commitCount: number | null;
  target: TargetFacts | null;
  /** Version files at the commit being released or tagged. */
  versionFiles: VersionFileFact[];
  /** When HEAD is detached and branches are configured: allowed branches that contain HEAD. */
  branchesContainingHead: string[] | null;
  /** When requireSignedTag is set and HEAD is on a release tag: git verify-tag's verdict. */
  signature: { tag: string; valid: boolean; detail: string } | null;
  /** Configured remotes (release mode only; null when not read). */
  remotes: string[] | null;
}

export interface FactRequest {
  mode: Mode;
  /** tag and push modes: the tag about to be created or pushed. */
  tag?: string;
  /** tag and push modes: the object it will point at (default HEAD). */
  target?: string;
}

const EMPTY_STATUS: StatusFacts = { oid: null, branch: null, upstream: null, ahead: null, behind: null, entries: [] };

/**
 * Reads already under way or done: the caller may start the work-tree scan and the ref listing
 * before the configuration is loaded, and a push of many tags shares one ref listing.
 */
export interface FactCache {
  refs?: ReturnType<typeof readRefs>;
  /** A `git status` started with untracked files scanned ("normal"). */
  status?: Promise<StatusFacts>;
  /** Configured remotes, from readRepoConfig. */
  remotes?: string[];
}

export async function gatherFacts(location: RepoLocation, config: Config, request: FactRequest, cache: FactCache = {}): Promise<Facts> {
  const { root } = location;
  const isPush = request.mode === 'push';
  // A push sends existing commits: the work tree does not matter, so it is not scanned.
  const untrackedScanned = !isPush && (config.untracked !== 'ignore' || cache.status !== undefined);
  const statusPromise = isPush ? Promise.resolve(EMPTY_STATUS) : (cache.status ?? readStatus(root, { untracked: untrackedScanned ? 'normal' : 'no' }));
  // Awaited later; a rejection meanwhile must not count as unhandled.
  statusPromise.catch(() => undefined);
  const targetPromise = request.target ? peelObjects(root, [request.target]).then((m) => m.get(request.target!) ?? null) : Promise.resolve(null);
  cache.refs ??= readRefs(root);
  const [{ head, tags }, peeled] = await Promise.all([cache.refs, targetPromise]);
  const targetCommit = peeled?.commit ?? null;

  // HEAD exactly on a release tag needs no history walk; only otherwise ask describe.
  const onTag = head ? highestTagAt(tags, head, config.tagPrefix) : null;
  // A push and a pre-release check do not look at HEAD's tag.
  const describePromise: Promise<Describe | null> = !head || isPush || request.mode === 'preflight'
    ? Promise.resolve(null)
    : onTag
      ? Promise.resolve({ tag: onTag.name, distance: 0, abbrev: head.slice(0, 14) })
      : readDescribe(root, config.tagPrefix);

  let target: TargetFacts | null = null;
  if ((request.mode === 'tag' || isPush) && request.tag) {
    const commit = request.target ? targetCommit : head;
    const annotated = peeled ? peeled.type === 'tag' : null;
    target = { tag: request.tag, commit, isHead: commit !== null && commit === head && !isPush, annotated, object: request.target ?? null };
  }
  const filesAt = target ? target.commit : head;
  const configDir = config.file ? path.dirname(config.file) : root;
  const versionFilesPromise = filesAt && request.mode !== 'preflight' ? readVersionFiles(root, configDir, filesAt, config) : Promise.resolve([]);
  describePromise.catch(() => undefined);
  versionFilesPromise.catch(() => undefined);

  const status = await statusPromise;
  const branchesPromise =
    head && status.branch === null && config.branches && !isPush
      ? branchesContaining(root, head).then((names) => names.filter((n) => matchesAny(n, config.branches!)))
      : Promise.resolve(null);

  const [describe, versionFiles, branchesContainingHead] = await Promise.all([describePromise, versionFilesPromise, branchesPromise]);
  // A signature is verified on the tag object: the one being created or pushed, or HEAD's release tag.
  const signedTag = config.requireSignedTag ? (target?.tag ?? (describe?.distance === 0 ? describe.tag : null)) : null;
  const signedObject = target ? (target.annotated ? target.object : null) : signedTag && tags.some((t) => t.name === signedTag) ? signedTag : null;
  const signaturePromise = signedTag && signedObject ? verifyTag(root, signedObject).then((v) => ({ tag: signedTag, ...v })) : Promise.resolve(null);
  const [commitCount, signature] = await Promise.all([
    head && !describe && !isPush && request.mode !== 'preflight' ? countCommits(root) : Promise.resolve(null),
    signaturePromise,
  ]);
  const remotes = (request.mode === 'release' || request.mode === 'preflight') && status.branch !== null && status.upstream === null ? (cache.remotes ?? []) : null;

  return {
    mode: request.mode,
    root,
    head,
    branch: status.branch,
    shallow: location.shallow,
    operation: location.operation,
    status,
    untrackedScanned,
    tags,
    describe,
    commitCount,
    target,
    versionFiles,
    branchesContainingHead,
    signature,
    remotes,
  };
}

/** Of the release tags pointing at the commit, the highest version. */
export function highestTagAt(tags: readonly TagRef[], commit: string, prefix: string): TagRef | null {
  let best: { tag: TagRef; version: ParsedVersion } | null = null;
  for (const tag of tags) {
    if (tag.target !== commit) continue;
    const version = versionFromTag(tag.name, prefix);
    if (version && (!best || compareVersions(version, best.version) > 0)) best = { tag, version };
  }
  return best?.tag ?? null;
}

async function readVersionFiles(root: string, configDir: string, rev: string, config: Config): Promise<VersionFileFact[]> {
  const explicit = config.versionFilesListed;
  const entries = config.versionFiles.map((file) => ({
    file,
    repoPath: path.relative(root, path.resolve(configDir, file)).split(path.sep).join('/'),
  }));
  const blobs = await readBlobs(root, rev, entries.map((e) => e.repoPath));
  return entries.map(({ file, repoPath }) => parseVersionFile(file, repoPath, blobs.get(repoPath) ?? null, explicit));
}

export function parseVersionFile(file: string, repoPath: string, text: string | null, explicit: boolean): VersionFileFact {
  const fact: VersionFileFact = { file, repoPath, version: null, problem: null, explicit };
  if (text === null) return { ...fact, problem: 'missing' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ...fact, problem: 'not-json' };
  }
  const version = json && typeof json === 'object' ? (json as { version?: unknown }).version : undefined;
  if (typeof version !== 'string') return { ...fact, problem: 'no-version' };
  return { ...fact, version };
}
