// The one seam between git and the facts: a repository opened once, with its repository-configured
// commands neutralised, and a reader whose reads are started at most once each. The fact gatherer
// sees only this interface; check.ts may start a read early (the work-tree scan is the long pole)
// and the gatherer picks up the same promise.

import { objectReader } from './cat-file.js';
import type { Describe } from './describe.js';
import { overridesFor, protectRepo, readRepoConfig, submoduleGuardedKeys } from './protect.js';
import {
  branchesContaining,
  countBetween,
  countCommits,
  fetchUpstream,
  isAncestor,
  locateRepo,
  type RepoLocation,
  reachableTags,
  readDescribe,
  readHead,
  readRefs,
  remotesWithBranch,
  symbolicTags,
  verifyTag,
} from './repo.js';
import { gitTimeoutMs } from './run.js';
import type { TagRef } from './tags.js';
import { readIndexFile, readTreeState, type TreeState } from './tree-state.js';

export interface GitReader {
  /**
   * The work tree, complete (src/git/tree-state.ts); "normal" scans untracked files (and finds
   * locally ignored ones), and serves a later "no" request.
   */
  tree(untracked: 'normal' | 'no'): Promise<TreeState>;
  /** HEAD's commit and every tag with its peeled target (as the refs say: see verifyTags). */
  refs(): Promise<{ head: string | null; tags: TagRef[] }>;
  /**
   * For tags the ref listing puts on a commit: whether each really is a tag there. A symbolic
   * ref is never a tag, and the commit is read from the tag object, not from packed-refs' peel
   * lines.
   */
  verifyTags(tags: readonly TagRef[]): Promise<Map<string, VerifiedTag>>;
  /** The nearest tag matching <prefix><digit>… reachable from HEAD, ignoring the tags named in `exclude`. */
  describe(prefix: string, exclude?: readonly string[]): Promise<Describe | null>;
  countCommits(): Promise<number>;
  /** Commits in `to` not in `from` (git rev-list --count from..to). */
  countBetween(from: string, to: string): Promise<number>;
  /** Whether `ancestor` is reachable from `commit`. */
  isAncestor(ancestor: string, commit: string): Promise<boolean>;
  /** Names of the tags matching <prefix><digit>… reachable from the commit. */
  reachableTags(commit: string, prefix: string): Promise<string[]>;
  /** Files at a commit, or in the index when rev is "" (GIT_INDEX_FILE in hooks); null when absent. */
  files(rev: string, paths: readonly string[]): Promise<Map<string, string | null>>;
  /** Each object's type and the commit it peels to. */
  peel(oids: readonly string[]): Promise<Map<string, { type: string; commit: string | null }>>;
  branchesContaining(commit: string): Promise<string[]>;
  /** The remotes that have a remote-tracking branch `refs/remotes/<remote>/<branch>`. */
  remotesWithBranch(branch: string, remotes: readonly string[]): Promise<string[]>;
  /** git verify-tag on a tag object (by its id, never by a name another ref could shadow). */
  verifyTag(object: string): Promise<{ valid: boolean; detail: string }>;
  head(): Promise<{ head: string | null; branch: string | null }>;
}

export interface VerifiedTag {
  symbolic: boolean;
  /** The commit the tag object leads to (read from the object). */
  commit: string | null;
  /** An annotated tag's tagger date (seconds since 1970), which git describe prefers the newest of. */
  taggerDate: number | null;
}

export interface Repository extends RepoLocation {
  /** Configured remotes. */
  remotes: string[];
  read: GitReader;
  /** `git fetch` (check --fetch): the one write, and only when asked. */
  fetch(): Promise<void>;
}

/** Locates the repository and overrides the commands its own config would make git run. */
export async function openRepository(cwd: string): Promise<Repository> {
  gitTimeoutMs(); // a bad STAMPGUARD_GIT_TIMEOUT_MS is a usage error before anything runs
  const [location, repoConfig] = await Promise.all([locateRepo(cwd), readRepoConfig(cwd)]);
  const submoduleKeys = await submoduleGuardedKeys(location.root, location.commonDir);
  await protectRepo(location.root, overridesFor(repoConfig.entries, submoduleKeys));
  const tree = {
    hashBytes: repoConfig.hashBytes,
    indexFile: location.indexFile,
    excludesFile: repoConfig.excludesFile,
    hooksPath: repoConfig.hooksPath,
    refStorage: repoConfig.refStorage,
  };
  return {
    ...location,
    remotes: repoConfig.remotes,
    read: reader(location, tree),
    fetch: () => fetchUpstream(location.root),
  };
}

interface TreeSettings {
  hashBytes: 20 | 32;
  indexFile: string;
  excludesFile: string | null;
  hooksPath: string | null;
  refStorage: string;
}

function reader(location: RepoLocation, treeOptions: TreeSettings): GitReader {
  const { root } = location;
  const once = new Map<string, Promise<unknown>>();
  const memo = <T>(key: string, start: () => Promise<T>): Promise<T> => {
    let promise = once.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = start();
      // Reads may be started before they are awaited; a rejection meanwhile is not "unhandled".
      promise.catch(() => undefined);
      once.set(key, promise);
    }
    return promise;
  };
  const objects = objectReader(root);
  const fileReads = new Map<string, Promise<string | null>>();
  const readFile = (rev: string, file: string): Promise<string | null> => {
    const key = `${rev}:${file}`;
    let read = fileReads.get(key);
    if (!read) {
      read = (rev === '' ? readIndexFile(location, file) : objects.get(key)).then((o) =>
        o && o.type === 'blob' ? o.content.toString('utf8') : null,
      );
      read.catch(() => undefined);
      fileReads.set(key, read);
    }
    return read;
  };
  return {
    tree: (untracked) => {
      const read = (mode: 'normal' | 'no') => () =>
        readTreeState(location, { ...treeOptions, untracked: mode, locallyIgnored: mode === 'normal' });
      // An untracked scan already started answers a request without one.
      return untracked === 'no' && once.has('tree:normal')
        ? memo('tree:normal', read('normal'))
        : memo(`tree:${untracked}`, read(untracked));
    },
    refs: () => memo('refs', () => readRefs(root)),
    async verifyTags(tags) {
      const [symbolic, peeled, objectsOf] = await Promise.all([
        symbolicTags(
          location,
          tags.map((t) => t.name),
          treeOptions.refStorage,
        ),
        Promise.all(tags.map((t) => objects.get(`${t.object}^{commit}`))),
        Promise.all(tags.map((t) => (t.annotated ? objects.get(t.object) : Promise.resolve(null)))),
      ]);
      return new Map(
        tags.map((t, i) => [
          t.name,
          {
            symbolic: symbolic.has(t.name),
            commit: peeled[i]?.oid ?? null,
            taggerDate: taggerDate(objectsOf[i] ?? null),
          },
        ]),
      );
    },
    describe: (prefix, exclude = []) =>
      memo(`describe:${prefix}:${exclude.join('\0')}`, () => readDescribe(root, prefix, 'HEAD', exclude)),
    countCommits: () => memo('count', () => countCommits(root)),
    countBetween: (from, to) => memo(`between:${from}:${to}`, () => countBetween(root, from, to)),
    isAncestor: (ancestor, commit) => memo(`ancestor:${ancestor}:${commit}`, () => isAncestor(root, ancestor, commit)),
    reachableTags: (commit, prefix) => memo(`reachable:${commit}:${prefix}`, () => reachableTags(root, commit, prefix)),
    async files(rev, paths) {
      const values = await Promise.all(paths.map((p) => readFile(rev, p)));
      return new Map(paths.map((p, i) => [p, values[i] ?? null]));
    },
    async peel(oids) {
      const found = await Promise.all(oids.flatMap((oid) => [objects.get(oid), objects.get(`${oid}^{commit}`)]));
      return new Map(
        oids.map((oid, i) => {
          const object = found[2 * i];
          const commit = found[2 * i + 1];
          return [oid, { type: object?.type ?? 'missing', commit: commit?.type === 'commit' ? commit.oid : null }];
        }),
      );
    },
    branchesContaining: (commit) => memo(`contains:${commit}`, () => branchesContaining(root, commit)),
    remotesWithBranch: (branch, remotes) =>
      memo(`remote-branch:${branch}`, () => remotesWithBranch(root, branch, remotes)),
    verifyTag: (object) => memo(`verify:${object}`, () => verifyTag(root, object)),
    head: () => memo('head', () => readHead(root)),
  };
}

/** The tagger date of a tag object's text ("tagger Name <email> 1700000000 +0000"), in seconds. */
function taggerDate(object: { type: string; content: Buffer } | null): number | null {
  if (object?.type !== 'tag') return null;
  const match = /^tagger .* (\d+) [+-]\d{4}$/m.exec(object.content.toString('utf8'));
  return match ? Number(match[1]) : null;
}
