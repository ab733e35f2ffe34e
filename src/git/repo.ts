// Facts from git, each from one invocation. Returns plain data; decides no policy.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { GitError } from '../errors.js';
import { type Describe, parseDescribe, tagGlob } from './describe.js';
import { checkGitVersion, gitFailure, gitOk, gitTimeoutMs, runGit } from './run.js';
import { parseShowRef, type TagRef } from './tags.js';

export type Operation = 'merge' | 'rebase' | 'cherry-pick' | 'revert' | 'bisect';

export interface RepoLocation {
  root: string;
  gitDir: string;
  /** The common git directory (differs from gitDir in a linked worktree); absolute. */
  commonDir: string;
  shallow: boolean;
  operation: Operation | null;
  /** The index file: GIT_INDEX_FILE when set (git's own hooks set it), else <git dir>/index. */
  indexFile: string;
}

// Marker files and directories git leaves while an operation is in progress (git-status(1) shows
// the same states; wt-status.c checks these paths). --git-path makes them worktree-safe.
const OPERATION_PATHS: [string, Operation][] = [
  ['rebase-merge', 'rebase'],
  ['rebase-apply', 'rebase'],
  ['MERGE_HEAD', 'merge'],
  ['CHERRY_PICK_HEAD', 'cherry-pick'],
  ['REVERT_HEAD', 'revert'],
  ['sequencer', 'cherry-pick'],
  ['BISECT_LOG', 'bisect'],
];

/** Where the repository is, and the states that need no status scan. One rev-parse. */
export async function locateRepo(cwd: string): Promise<RepoLocation> {
  const args = [
    'rev-parse',
    '--is-bare-repository',
    '--is-shallow-repository',
    '--absolute-git-dir',
    '--git-common-dir',
    ...OPERATION_PATHS.flatMap(([p]) => ['--git-path', p]),
    '--git-path',
    'index',
    '--show-toplevel',
  ];
  const result = await runGit(cwd, args);
  const lines = result.stdout.split('\n');
  if (lines[0] === 'true') {
    throw new GitError(`${cwd} is a bare repository: there is no working tree to check`, {
      hint: 'Run stampguard in a clone with a working tree (git clone, or git worktree add).',
    });
  }
  if (result.code !== 0) {
    if (/must be run in a work tree/.test(result.stderr)) {
      throw new GitError(`${cwd} is inside the .git directory, not in a working tree`, {
        hint: 'Run stampguard from the working tree, or pass --cwd DIR.',
      });
    }
    if (result.code === 129) await checkGitVersion(cwd);
    throw gitFailure(args, result);
  }
  const shallow = lines[1] === 'true';
  const gitDir = lines[2]!;
  const commonDir = path.resolve(cwd, lines[3]!);
  let operation: Operation | null = null;
  OPERATION_PATHS.forEach(([, op], i) => {
    const marker = lines[4 + i];
    if (!operation && marker && existsSync(path.resolve(cwd, marker))) operation = op;
  });
  const indexFile = path.resolve(cwd, lines[4 + OPERATION_PATHS.length]!);
  const root = lines[5 + OPERATION_PATHS.length]!;
  return { root, gitDir, commonDir, shallow, operation, indexFile };
}

/**
 * HEAD's commit and every tag with its peeled target: one `git show-ref --head --tags -d`
 * (exit 1 with no output = unborn HEAD and no tags). Answers "is HEAD on a tag?" in a few ms,
 * without waiting for the work-tree scan or walking history.
 */
export async function readRefs(root: string): Promise<{ head: string | null; tags: TagRef[] }> {
  const result = await runGit(root, ['show-ref', '--head', '--tags', '-d']);
  if (result.code === 1 && result.stdout === '') return { head: null, tags: [] };
  if (result.code !== 0) throw gitFailure(['show-ref'], result);
  const match = /^([0-9a-f]+) HEAD$/m.exec(result.stdout);
  return { head: match ? match[1]! : null, tags: parseShowRef(result.stdout) };
}

/**
 * The nearest tag matching <prefix><digit>… reachable from the commit, or null when there is none;
 * tags named in `exclude` are passed over (--exclude matches them exactly: tag names cannot hold
 * glob characters).
 */
export async function readDescribe(
  root: string,
  prefix: string,
  commit = 'HEAD',
  exclude: readonly string[] = [],
): Promise<Describe | null> {
  // Never --dirty (it refreshes and may rewrite the index) and never --always (it hides a missing tag).
  const args = [
    'describe',
    '--tags',
    '--long',
    '--abbrev=14',
    '--match',
    tagGlob(prefix),
    ...exclude.flatMap((name) => ['--exclude', name]),
    commit,
  ];
  const result = await runGit(root, args);
  if (result.code !== 0) {
    if (/No names found|No tags can describe|cannot describe/i.test(result.stderr)) return null;
    throw gitFailure(args, result);
  }
  return parseDescribe(result.stdout);
}

/** Number of commits reachable from HEAD (only for dev versions without any tag). */
export async function countCommits(root: string): Promise<number> {
  const out = await gitOk(root, ['rev-list', '--count', 'HEAD']);
  return Number(out.trim()) || 0;
}

/** Commits reachable from `to` and not from `from`. */
export async function countBetween(root: string, from: string, to: string): Promise<number> {
  const out = await gitOk(root, ['rev-list', '--count', `${from}..${to}`, '--']);
  return Number(out.trim()) || 0;
}

/** Whether `ancestor` is reachable from `commit` (git merge-base --is-ancestor). */
export async function isAncestor(root: string, ancestor: string, commit: string): Promise<boolean> {
  const result = await runGit(root, ['merge-base', '--is-ancestor', ancestor, commit]);
  if (result.code === 0) return true;
  if (result.code === 1) return false;
  throw gitFailure(['merge-base'], result);
}

/** Names of the tags matching <prefix><digit>… that are reachable from the commit. */
export async function reachableTags(root: string, commit: string, prefix: string): Promise<string[]> {
  const out = await gitOk(root, [
    'for-each-ref',
    `--merged=${commit}`,
    '--format=%(refname)',
    `refs/tags/${tagGlob(prefix)}`,
  ]);
  return out
    .split('\n')
    .filter((ref) => ref.startsWith('refs/tags/'))
    .map((ref) => ref.slice('refs/tags/'.length));
}

/**
 * Which of the named tags are symbolic refs (`git symbolic-ref refs/tags/X …`): never a release
 * tag. With the files backend only a loose ref can be symbolic, so the files are read; other
 * backends are asked (git for-each-ref %(symref)).
 */
export async function symbolicTags(
  location: RepoLocation,
  names: readonly string[],
  refStorage: string,
): Promise<Set<string>> {
  const symbolic = new Set<string>();
  if (names.length === 0) return symbolic;
  if (refStorage === 'files') {
    for (const name of names) {
      try {
        if (readFileSync(path.join(location.commonDir, 'refs', 'tags', name), 'utf8').startsWith('ref:'))
          symbolic.add(name);
      } catch {
        // packed, or gone: not symbolic
      }
    }
    return symbolic;
  }
  const out = await gitOk(location.root, [
    'for-each-ref',
    '--format=%(refname)%00%(symref)',
    ...names.map((n) => `refs/tags/${n}`),
  ]);
  for (const line of out.split('\n')) {
    const [ref, target] = line.split('\0');
    if (ref?.startsWith('refs/tags/') && target) symbolic.add(ref.slice('refs/tags/'.length));
  }
  return symbolic;
}

/** The remotes that have a remote-tracking branch of this name (refs/remotes/<remote>/<branch>). */
export async function remotesWithBranch(root: string, branch: string, remotes: readonly string[]): Promise<string[]> {
  const out = await gitOk(root, [
    'for-each-ref',
    '--format=%(refname)',
    ...remotes.map((r) => `refs/remotes/${r}/${branch}`),
  ]);
  const found = new Set(out.split('\n'));
  return remotes.filter((r) => found.has(`refs/remotes/${r}/${branch}`));
}

/** Short names of local and remote-tracking branches that contain the commit. */
export async function branchesContaining(root: string, commit: string): Promise<string[]> {
  const out = await gitOk(root, [
    'for-each-ref',
    '--format=%(refname)',
    '--contains',
    commit,
    'refs/heads',
    'refs/remotes',
  ]);
  return out
    .split('\n')
    .filter(Boolean)
    .map((ref) => (ref.startsWith('refs/heads/') ? ref.slice(11) : ref.replace(/^refs\/remotes\/[^/]+\//, '')))
    .filter((name) => name !== 'HEAD');
}

/** Whether git accepts the tag's signature (GPG or SSH, as configured): one `git verify-tag`. */
export async function verifyTag(root: string, tag: string): Promise<{ valid: boolean; detail: string }> {
  const result = await runGit(root, ['verify-tag', '--end-of-options', tag]);
  const detail = (result.stderr || result.stdout).trim().split('\n').filter(Boolean).slice(-1)[0] ?? '';
  return { valid: result.code === 0, detail };
}

/** Branch name (null when detached or unborn) and HEAD commit (null when unborn), cheaply. */
export async function readHead(root: string): Promise<{ head: string | null; branch: string | null }> {
  const [symbolic, verify] = await Promise.all([
    runGit(root, ['symbolic-ref', '-q', '--short', 'HEAD']),
    runGit(root, ['rev-parse', '-q', '--verify', 'HEAD']),
  ]);
  return {
    branch: symbolic.code === 0 ? symbolic.stdout.trim() : null,
    head: verify.code === 0 ? verify.stdout.trim() : null,
  };
}

/**
 * Updates the remote-tracking refs of the current branch's remote (`stampguard check --fetch`).
 * The one command that writes to the repository, and only when asked; never prompts.
 */
export async function fetchUpstream(root: string): Promise<void> {
  // A fetch may take longer than a read: five minutes unless STAMPGUARD_GIT_TIMEOUT_MS says otherwise.
  const timeoutMs = process.env.STAMPGUARD_GIT_TIMEOUT_MS?.trim() ? gitTimeoutMs() : 300_000;
  const result = await runGit(root, ['fetch', '--quiet'], { network: true, timeoutMs });
  if (result.code !== 0) {
    throw new GitError(`git fetch failed: ${result.stderr.trim().split('\n')[0] ?? ''}`, {
      hint: 'Check the remote and your network or credentials, or run the check without --fetch.',
    });
  }
}
