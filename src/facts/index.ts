// gatherFacts: turns git output into Facts, per mode, in one pass with independent reads running
// concurrently. The only module between the git reader (src/git/reader.ts) and the checks.
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { Describe } from '../git/describe.js';
import type { GitReader, Repository, VerifiedTag } from '../git/reader.js';
import type { StatusFacts } from '../git/status.js';
import type { TagRef } from '../git/tags.js';
import { matchesAny } from '../glob.js';
import type { Config } from '../types.js';
import { deriveVersion, type VersionInfo } from '../version/derive.js';
import { compareVersions, isReleaseTagName, type ParsedVersion, versionFromTag } from '../version/rules.js';
import { releaseTagOnHead } from '../version/subject.js';
import type { FactRequest, Facts, Signature, TargetFacts, VersionFileFact } from './types.js';
import { manifestVersion, parseVersionFile, versionFileEntries } from './version-files.js';

export type { FactRequest, Facts, Signature, TargetFacts, VersionFileFact } from './types.js';

/**
 * HEAD's version as the project's build would see it (src/version/derive.ts), from the facts: the
 * convention, when not configured, follows the package.json version at the commit in question.
 */
export function checkoutVersion(facts: Facts, config: Config): VersionInfo {
  return deriveVersion(
    { ...facts, manifestVersion: manifestVersion(facts.targets[0]?.versionFiles ?? facts.versionFiles) },
    { prefix: config.tagPrefix, untracked: config.untracked, convention: config.convention },
  );
}

const EMPTY_STATUS: StatusFacts = { oid: null, branch: null, upstream: null, ahead: null, behind: null, entries: [] };

/**
 * Starts the reads a mode needs before the configuration is known, so they run while it is
 * searched for and loaded: the work-tree scan (the long pole: over 100 ms on 100k files) and the
 * ref listing, or in commit mode the staged package.json (the default version file, often the
 * configuration too).
 */
export function startReads(repo: Repository, mode: FactRequest['mode']): void {
  if (mode === 'commit') {
    void repo.read.files('', ['package.json']);
    void repo.read.head();
    return;
  }
  const refs = repo.read.refs();
  if (mode !== 'push') void repo.read.tree('normal');
  // package.json at HEAD, the default version file, is read by nearly every release and tag check:
  // it is asked for as soon as HEAD is known, while git status still runs.
  if (mode === 'release' || mode === 'tag')
    refs.then(({ head }) => (head === null ? null : repo.read.files(head, ['package.json']))).catch(() => undefined);
}

export async function gatherFacts(repo: Repository, config: Config, request: FactRequest): Promise<Facts> {
  switch (request.mode) {
    case 'commit':
      return commitFacts(repo, config, request.stagedManifests ?? []);
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
    hidden: { assumeUnchanged: [], skipWorktree: [] },
    incomplete: [],
    locallyIgnored: null,
    tags: [],
    describe: null,
    highestReachable: null,
    tagsAtHead: [],
    commitCount: null,
    targets: [],
    versionFiles: [],
    branchesContainingHead: null,
    signature: null,
    remotes: null,
    remotesWithBranch: null,
  };
}

/** Release, tag and preflight modes: the working tree, HEAD and its tags. */
async function treeFacts(repo: Repository, config: Config, request: FactRequest): Promise<Facts> {
  const { read } = repo;
  const mode = request.mode;
  const treePromise = read.tree(config.untracked === 'ignore' && config.locallyIgnored === 'ignore' ? 'no' : 'normal');
  const objects = request.tags.flatMap((t) => (t.object === undefined ? [] : [t.object]));
  const peeledPromise = objects.length
    ? read.peel(objects)
    : Promise.resolve(new Map<string, { type: string; commit: string | null }>());
  const [{ head, tags }, peeled] = await Promise.all([read.refs(), peeledPromise]);

  // Where HEAD is relative to the release tags (a pre-release check does not look).
  const versionFilesPromise = mode === 'release' && head ? readVersionFiles(repo, config, head) : Promise.resolve([]);
  versionFilesPromise.catch(() => undefined);
  // An npm build stamps package.json's version: of several release tags on HEAD, the one that says
  // that version is the release. (Asked only when HEAD carries more than one.)
  const npmRelease = async (): Promise<string | null> => {
    if (config.convention !== null && config.convention !== 'npm') return null;
    const manifest = manifestVersion(await versionFilesPromise);
    return manifest === null ? null : `${config.tagPrefix}${manifest}`;
  };
  const positionPromise =
    head && mode !== 'preflight'
      ? headPosition(read, head, tags, config.tagPrefix, npmRelease)
      : Promise.resolve(NO_POSITION);
  positionPromise.catch(() => undefined);

  for (const { object } of request.tags) {
    if (object === undefined && !head) throw new UsageError('there is no commit to tag yet (the branch is unborn)');
    if (object !== undefined && (peeled.get(object)?.type ?? 'missing') === 'missing')
      throw new UsageError(`${object} does not name an object`);
  }
  const targets: TargetFacts[] =
    mode !== 'tag'
      ? []
      : request.tags.map(({ tag, object }) => {
          const existing = tags.find((t) => t.name === tag);
          // `check --tag NAME` names no object: the tag is about to be created at HEAD, or it is
          // already there, and then what it is (lightweight or annotated, signed) is known.
          const here = object === undefined && existing?.target === head ? existing : undefined;
          const given = object ?? here?.object;
          const resolved = given === undefined ? null : (peeled.get(given) ?? null);
          const commit = object === undefined ? head : (resolved?.commit ?? null);
          return {
            tag,
            commit,
            isHead: commit !== null && commit === head,
            annotated: here ? here.annotated : resolved ? resolved.type === 'tag' : null,
            objectType: here ? (here.annotated ? 'tag' : 'commit') : (resolved?.type ?? null),
            object: given ?? null,
            unchanged: object !== undefined && existing?.object === object,
            repointed:
              object !== undefined &&
              existing !== undefined &&
              existing.object !== object &&
              existing.target === commit,
            reachableReleases: [],
            versionFiles: [],
            signature: null,
          };
        });
  const targetsDone = Promise.all(
    targets.map(async (target) => {
      const [versionFiles, signature, reachable] = await Promise.all([
        target.commit ? readVersionFiles(repo, config, target.commit) : Promise.resolve([]),
        config.requireSignedTag && target.annotated && target.object
          ? signatureOf(repo, target.tag, target.object)
          : Promise.resolve(null),
        target.commit ? read.reachableTags(target.commit, config.tagPrefix) : Promise.resolve([]),
      ]);
      target.versionFiles = versionFiles;
      target.signature = signature;
      target.reachableReleases = reachable.filter((name) => name !== target.tag);
    }),
  );
  versionFilesPromise.catch(() => undefined);
  targetsDone.catch(() => undefined);

  const tree = await treePromise;
  const { status } = tree;
  const branchesPromise =
    head && status.branch === null && config.branches
      ? read.branchesContaining(head).then((names) => names.filter((n) => matchesAny(n, config.branches!)))
      : Promise.resolve(null);
  const [{ describe, highestReachable, tagsAtHead }, versionFiles, branchesContainingHead] = await Promise.all([
    positionPromise,
    versionFilesPromise,
    branchesPromise,
  ]);

  // Release mode verifies the signature of the release tag HEAD is on, by its object id.
  let signaturePromise: Promise<Signature | null> = Promise.resolve(null);
  const releaseTag =
    mode === 'release' && config.requireSignedTag ? releaseTagOnHead(describe, config.tagPrefix) : null;
  const releaseRef = releaseTag ? tags.find((t) => t.name === releaseTag) : undefined;
  if (releaseTag && releaseRef) signaturePromise = signatureOf(repo, releaseTag, releaseRef.object);
  const noUpstream = (mode === 'release' || mode === 'preflight') && status.branch !== null && status.upstream === null;
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
    hidden: tree.hidden,
    incomplete: tree.incomplete,
    locallyIgnored: tree.locallyIgnored,
    tags,
    describe,
    highestReachable,
    tagsAtHead,
    commitCount,
    targets,
    versionFiles,
    branchesContainingHead,
    signature,
    remotes: noUpstream ? repo.remotes : null,
    remotesWithBranch:
      noUpstream && status.branch !== null && repo.remotes.length
        ? await read.remotesWithBranch(status.branch, repo.remotes)
        : null,
  };
}

/** Push mode: each tag being pushed, at its own commit; the work tree does not matter. */
async function pushFacts(repo: Repository, config: Config, pushed: FactRequest['tags']): Promise<Facts> {
  const { read } = repo;
  const [{ tags }, { head, branch }, peeled] = await Promise.all([
    read.refs(),
    read.head(),
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
      return {
        tag,
        commit,
        isHead: false,
        annotated,
        objectType: object?.type ?? null,
        object: oid,
        unchanged: false,
        repointed: false,
        reachableReleases: [],
        versionFiles,
        signature,
      };
    }),
  );
  return { ...baseFacts(repo, 'push'), head, branch, tags, targets };
}

/**
 * Commit mode reads the index git is committing (GIT_INDEX_FILE in a hook, so `git commit -a` and
 * `git commit <paths>` are seen as git will commit them), never the working tree.
 */
async function commitFacts(repo: Repository, config: Config, manifests: readonly string[]): Promise<Facts> {
  const configured = versionFileEntries(config, repo.root);
  // Every package of a workspace: its staged version must be a release version too.
  const more = manifests
    .filter((m) => !configured.some((e) => e.repoPath === m))
    .map((m) => ({
      ...versionFileEntries(
        { ...config, versionFiles: ['package.json'], baseDir: path.join(repo.root, path.dirname(m)) },
        repo.root,
      )[0]!,
    }));
  const entries = [...configured, ...more];
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

const NO_POSITION: HeadPosition = { describe: null, highestReachable: null, tagsAtHead: [] };

interface HeadPosition {
  describe: Describe | null;
  highestReachable: Facts['highestReachable'];
  tagsAtHead: string[];
}

/**
 * The tag `git describe --tags` names for a commit that carries several (describe.c,
 * replace_name): an annotated tag over a lightweight one, among annotated tags the newest tagger
 * date, and otherwise the first in ref-name order (as show-ref lists them). A describe-based build
 * stamps that tag, so that is the one checked and stamped, whatever their versions.
 */
export function describeChoice(tags: readonly TagRef[], verified: ReadonlyMap<string, VerifiedTag>): TagRef | null {
  let best: TagRef | null = null;
  for (const tag of tags) {
    if (!best) best = tag;
    else if (tag.annotated && !best.annotated) best = tag;
    else if (tag.annotated && best.annotated) {
      const date = verified.get(tag.name)?.taggerDate ?? null;
      const bestDate = verified.get(best.name)?.taggerDate ?? null;
      if (date !== null && (bestDate === null || date > bestDate)) best = tag;
    }
  }
  return best;
}

/**
 * Where HEAD is relative to the release tags. A tag the refs put on HEAD counts only when it is a
 * real tag whose object leads to HEAD: a symbolic ref is no tag, and packed-refs' peel lines are
 * not believed (they are what `git show-ref -d` and `git describe` read). On a release tag no
 * history is walked; otherwise `git describe` finds the nearest one, and when HEAD is not exactly
 * on a strict release, the highest release reachable from HEAD is found too (a development
 * version must never sort below it).
 */
async function headPosition(
  read: GitReader,
  head: string,
  tags: readonly TagRef[],
  prefix: string,
  npmRelease: () => Promise<string | null>,
): Promise<HeadPosition> {
  const claimed = tags.filter((t) => t.target === head && isReleaseTagName(t.name, prefix));
  const verified = claimed.length ? await read.verifyTags(claimed) : new Map<string, VerifiedTag>();
  const real = claimed.filter((t) => !verified.get(t.name)?.symbolic && verified.get(t.name)?.commit === head);
  const wanted = real.length > 1 ? await npmRelease() : null;
  const onTag = real.find((t) => t.name === wanted) ?? describeChoice(real, verified);
  if (onTag) {
    return {
      describe: { tag: onTag.name, distance: 0, abbrev: head.slice(0, 14) },
      highestReachable: null,
      tagsAtHead: real.map((t) => t.name),
    };
  }

  // Tags that claimed HEAD falsely are passed over by describe, which would believe them too.
  const impostors = claimed.filter((t) => !real.includes(t));
  let describe = await read.describe(
    prefix,
    impostors.map((t) => t.name),
  );
  // A forged peel hides where the real tag is: measure its distance from its real commit.
  for (const t of impostors) {
    const commit = verified.get(t.name)?.commit;
    if (verified.get(t.name)?.symbolic || !commit || !(await read.isAncestor(commit, head))) continue;
    const distance = await read.countBetween(commit, head);
    if (!describe || distance < describe.distance) describe = { tag: t.name, distance, abbrev: head.slice(0, 14) };
  }
  if (!describe) return NO_POSITION;
  return { describe, highestReachable: await highestReleaseFrom(read, head, prefix, describe), tagsAtHead: [] };
}

/** The highest strict release reachable from HEAD, when it is above describe's nearest tag. */
async function highestReleaseFrom(
  read: GitReader,
  head: string,
  prefix: string,
  describe: Describe,
): Promise<Facts['highestReachable']> {
  const nearest = versionFromTag(describe.tag, prefix);
  let best: { tag: string; version: ParsedVersion } | null = null;
  for (const name of await read.reachableTags(head, prefix)) {
    const version = versionFromTag(name, prefix);
    if (version && (!best || compareVersions(version, best.version) > 0)) best = { tag: name, version };
  }
  if (!best || (nearest && compareVersions(best.version, nearest) <= 0)) return null;
  return { tag: best.tag, distance: await read.countBetween(`refs/tags/${best.tag}`, head) };
}
