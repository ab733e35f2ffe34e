// The one seam between git and the facts: a repository opened once, with its repository-configured
// commands neutralised, and a reader whose reads are started at most once each. The fact gatherer
// sees only this interface; check.ts may start a read early (the work-tree scan is the long pole)
// and the gatherer picks up the same promise.
import type { Describe } from './describe.js';
import { configOverrides, protectRepo, readRepoConfig, submoduleConfigKeys } from './protect.js';
import {
  branchesContaining,
  countCommits,
  fetchUpstream,
  locateRepo,
  peelObjects,
  type RepoLocation,
  readBlobs,
  readDescribe,
  readHead,
  readRefs,
  readStatus,
  verifyTag,
} from './repo.js';
import type { StatusFacts } from './status.js';
import type { TagRef } from './tags.js';

export interface GitReader {
  /** Work-tree state; "normal" scans untracked files too, and serves a later "no" request. */
  status(untracked: 'normal' | 'no'): Promise<StatusFacts>;
  /** HEAD's commit and every tag with its peeled target. */
  refs(): Promise<{ head: string | null; tags: TagRef[] }>;
  /** The nearest tag matching <prefix><digit>… reachable from HEAD. */
  describe(prefix: string): Promise<Describe | null>;
  countCommits(): Promise<number>;
  /** Files at a commit, or in the index when rev is "" (GIT_INDEX_FILE in hooks); null when absent. */
  files(rev: string, paths: readonly string[]): Promise<Map<string, string | null>>;
  /** Each object's type and the commit it peels to. */
  peel(oids: readonly string[]): Promise<Map<string, { type: string; commit: string | null }>>;
  branchesContaining(commit: string): Promise<string[]>;
  verifyTag(tag: string): Promise<{ valid: boolean; detail: string }>;
  head(): Promise<{ head: string | null; branch: string | null }>;
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
  const [location, repoConfig] = await Promise.all([locateRepo(cwd), readRepoConfig(cwd)]);
  const submoduleKeys = submoduleConfigKeys(location.commonDir);
  protectRepo(
    location.root,
    submoduleKeys.length ? configOverrides(repoConfig.listing, submoduleKeys) : repoConfig.overrides,
  );
  return {
    ...location,
    remotes: repoConfig.remotes,
    read: reader(location.root),
    fetch: () => fetchUpstream(location.root),
  };
}

function reader(root: string): GitReader {
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
  const fileReads = new Map<string, Promise<string | null>>();
  return {
    status: (untracked) =>
      untracked === 'no' && once.has('status:normal')
        ? memo('status:normal', () => readStatus(root, { untracked: 'normal' }))
        : memo(`status:${untracked}`, () => readStatus(root, { untracked })),
    refs: () => memo('refs', () => readRefs(root)),
    describe: (prefix) => memo(`describe:${prefix}`, () => readDescribe(root, prefix)),
    countCommits: () => memo('count', () => countCommits(root)),
    async files(rev, paths) {
      const missing = [...new Set(paths)].filter((p) => !fileReads.has(`${rev}:${p}`));
      if (missing.length) {
        const batch = readBlobs(root, rev, missing);
        batch.catch(() => undefined);
        for (const p of missing) {
          const one = batch.then((m) => m.get(p) ?? null);
          one.catch(() => undefined);
          fileReads.set(`${rev}:${p}`, one);
        }
      }
      const values = await Promise.all(paths.map((p) => fileReads.get(`${rev}:${p}`)!));
      return new Map(paths.map((p, i) => [p, values[i] ?? null]));
    },
    peel: (oids) => peelObjects(root, oids),
    branchesContaining: (commit) => memo(`contains:${commit}`, () => branchesContaining(root, commit)),
    verifyTag: (tag) => memo(`verify:${tag}`, () => verifyTag(root, tag)),
    head: () => memo('head', () => readHead(root)),
  };
}
