// gatherFacts: turns git output into Facts, per mode, in one pass with independent reads running
// concurrently. The only module between the git reader (src/git/reader.ts) and the checks.
import type { Describe } from '../git/describe.js';
import type { Repository } from '../git/reader.js';
import type { StatusFacts } from '../git/status.js';
import type { TagRef } from '../git/tags.js';
import { matchesAny } from '../glob.js';
import type { Config } from '../types.js';
import { compareVersions, type ParsedVersion, versionFromTag } from '../version/rules.js';
import { releaseTagOnHead } from '../version/subject.js';
import type { FactRequest, Facts, Signature, TargetFacts, VersionFileFact } from './types.js';
import { parseVersionFile, versionFileEntries } from './version-files.js';

export type { FactRequest, Facts, Signature, TargetFacts, VersionFileFact } from './types.js';

const EMPTY_STATUS: StatusFacts = { oid: null, branch: null, upstream: null, ahead: null, behind: null, entries: [] };

/**
 * Starts the reads a mode needs before the configuration is known, so they run while it is
 * searched for and loaded: the work-tree scan (the long pole: over 100 ms on 100k files) and the
 * ref listing, or in commit mode the staged package.json (the default version file, often the
 * configuration too). `scanWorkTree` is false while a configuration load would write into the
 * work tree (a TypeScript configuration), which the scan would see.
 */
export function startReads(repo: Repository, mode: FactRequest['mode'], options: { scanWorkTree: boolean }): void {
  if (mode === 'commit') {
    void repo.read.files('', ['package.json']);
    void repo.read.head();
    return;
  }
  void repo.read.refs();
  if (mode !== 'push' && options.scanWorkTree) void repo.read.status('normal');
}

export async function gatherFacts(repo: Repository, config: Config, request: FactRequest): Promise<Facts> {
  switch (request.mode) {
    case 'commit':
      return commitFacts(repo, config);
    case 'push':
      return pushFacts(repo, config, request.tags);
    default:
      return treeFacts(repo, config, request);
  }
}

function baseFacts(repo: Repository, mode: FactRequest['mode']): Facts {
  return {
    mode,
    root: repo.root,
    head: null,
    branch: null,
    shallow: repo.shallow,
    operation: repo.operation,
    status: EMPTY_STATUS,
    tags: [],
    describe: null,
    commitCount: null,
    targets: [],
    versionFiles: [],
    branchesContainingHead: null,
    signature: null,
    remotes: null,
  };
}

/** Release, tag and preflight modes: the working tree, HEAD and its tags. */
async function treeFacts(repo: Repository, config: Config, request: FactRequest): Promise<Facts> {
  const { read } = repo;
  const mode = request.mode;
  const statusPromise = read.status(config.untracked === 'ignore' ? 'no' : 'normal');
  const objects = request.tags.flatMap((t) => (t.object === undefined ? [] : [t.object]));
  const peeledPromise = objects.length
    ? read.peel(objects)
    : Promise.resolve(new Map<string, { type: string; commit: string | null }>());
  const [{ head, tags }, peeled] = await Promise.all([read.refs(), peeledPromise]);

  // HEAD exactly on a release tag needs no history walk; only otherwise ask describe. A pre-release
  // check does not look at HEAD's tag.
  const onTag = head ? highestTagAt(tags, head, config.tagPrefix) : null;
  const describePromise: Promise<Describe | null> =
    !head || mode === 'preflight'
      ? Promise.resolve(null)
      : onTag
        ? Promise.resolve({ tag: onTag.name, distance: 0, abbrev: head.slice(0, 14) })
        : read.describe(config.tagPrefix);

  const targets: TargetFacts[] =
    mode !== 'tag'
      ? []
      : request.tags.map(({ tag, object }) => {
          const resolved = object === undefined ? null : (peeled.get(object) ?? null);
          const commit = object === undefined ? head : (resolved?.commit ?? null);
          const existing = tags.find((t) => t.name === tag);
          return {
            tag,
            commit,
            isHead: commit !== null && commit === head,
            annotated: resolved ? resolved.type === 'tag' : null,
            object: object ?? null,
            unchanged: object !== undefined && existing?.object === object,
            versionFiles: [],
            signature: null,
          };
        });
  const versionFilesPromise = mode === 'release' && head ? readVersionFiles(repo, config, head) : Promise.resolve([]);
  const targetsDone = Promise.all(
    targets.map(async (target) => {
      const [versionFiles, signature] = await Promise.all([
        target.commit ? readVersionFiles(repo, config, target.commit) : Promise.resolve([]),
        config.requireSignedTag && target.annotated && target.object
          ? signatureOf(repo, target.tag, target.object)
          : Promise.resolve(null),
      ]);
      target.versionFiles = versionFiles;
      target.signature = signature;
    }),
  );
  versionFilesPromise.catch(() => undefined);
  targetsDone.catch(() => undefined);

  const status = await statusPromise;
  const branchesPromise =
    head && status.branch === null && config.branches
      ? read.branchesContaining(head).then((names) => names.filter((n) => matchesAny(n, config.branches!)))
      : Promise.resolve(null);
  const [describe, versionFiles, branchesContainingHead] = await Promise.all([
    describePromise,
    versionFilesPromise,
    branchesPromise,
  ]);

  // Release mode verifies the signature of the release tag HEAD is on.
  let signaturePromise: Promise<Signature | null> = Promise.resolve(null);
  const releaseTag =
    mode === 'release' && config.requireSignedTag ? releaseTagOnHead(describe, config.tagPrefix) : null;
  if (releaseTag && tags.some((t) => t.name === releaseTag))
    signaturePromise = signatureOf(repo, releaseTag, releaseTag);
  const [commitCount, signature] = await Promise.all([
    head && !describe && mode !== 'preflight' ? read.countCommits() : Promise.resolve(null),
    signaturePromise,
    targetsDone,
  ]);
  return {
    ...baseFacts(repo, mode),
    head,
    branch: status.branch,
    status,
    tags,
    describe,
    commitCount,
    targets,
    versionFiles,
    branchesContainingHead,
    signature,
    remotes:
      (mode === 'release' || mode === 'preflight') && status.branch !== null && status.upstream === null
        ? repo.remotes
        : null,
  };
}

/** Push mode: each tag being pushed, at its own commit; the work tree does not matter. */
async function pushFacts(repo: Repository, config: Config, pushed: FactRequest['tags']): Promise<Facts> {
  const { read } = repo;
  const [{ head, tags }, peeled] = await Promise.all([
    read.refs(),
    read.peel(pushed.flatMap((p) => (p.object === undefined ? [] : [p.object]))),
  ]);
  const targets = await Promise.all(
    pushed.map(async ({ tag, object: oid = '' }): Promise<TargetFacts> => {
      const object = peeled.get(oid) ?? null;
      const commit = object?.commit ?? null;
      const annotated = object ? object.type === 'tag' : null;
      const [versionFiles, signature] = await Promise.all([
        commit ? readVersionFiles(repo, config, commit) : Promise.resolve([]),
        config.requireSignedTag && annotated ? signatureOf(repo, tag, oid) : Promise.resolve(null),
      ]);
      return { tag, commit, isHead: false, annotated, object: oid, unchanged: false, versionFiles, signature };
    }),
  );
  return { ...baseFacts(repo, 'push'), head, tags, targets };
}

/**
 * Commit mode reads the index git is committing (GIT_INDEX_FILE in a hook, so `git commit -a` and
 * `git commit <paths>` are seen as git will commit them), never the working tree.
 */
async function commitFacts(repo: Repository, config: Config): Promise<Facts> {
  const entries = versionFileEntries(config, repo.root);
  const [{ head, branch }, blobs] = await Promise.all([
    repo.read.head(),
    repo.read.files(
      '',
      entries.map((e) => e.repoPath),
    ),
  ]);
  const options = { explicit: true, tagPrefix: config.tagPrefix };
  return {
    ...baseFacts(repo, 'commit'),
    head,
    branch,
    status: { ...EMPTY_STATUS, oid: head, branch },
    versionFiles: await Promise.all(entries.map((e) => parseVersionFile(e, blobs.get(e.repoPath) ?? null, options))),
  };
}

async function readVersionFiles(repo: Repository, config: Config, rev: string): Promise<VersionFileFact[]> {
  const entries = versionFileEntries(config, repo.root);
  const blobs = await repo.read.files(
    rev,
    entries.map((e) => e.repoPath),
  );
  const options = { explicit: config.versionFilesListed, tagPrefix: config.tagPrefix };
  return Promise.all(entries.map((e) => parseVersionFile(e, blobs.get(e.repoPath) ?? null, options)));
}

async function signatureOf(repo: Repository, tag: string, object: string): Promise<Signature> {
  return { tag, ...(await repo.read.verifyTag(object)) };
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
