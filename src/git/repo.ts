// Facts from git, each from one invocation. Returns plain data; decides no policy.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { GitError } from '../errors.js';
import { type Describe, parseDescribe, tagGlob } from './describe.js';
import { checkGitVersion, gitFailure, gitOk, runGit } from './run.js';
import { parseStatusV2, type StatusFacts } from './status.js';
import { parseShowRef, type TagRef } from './tags.js';

export type Operation = 'merge' | 'rebase' | 'cherry-pick' | 'revert' | 'bisect';

export interface RepoLocation {
  root: string;
  gitDir: string;
  /** The common git directory (differs from gitDir in a linked worktree); absolute. */
  commonDir: string;
  shallow: boolean;
  operation: Operation | null;
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
  const root = lines[4 + OPERATION_PATHS.length]!;
  return { root, gitDir, commonDir, shallow, operation };
}

export interface StatusOptions {
  untracked: 'normal' | 'no';
}

/** Work-tree state: one `git status --porcelain=v2 --branch -z`. */
export async function readStatus(root: string, options: StatusOptions): Promise<StatusFacts> {
  const out = await gitOk(root, [
    'status',
    '--porcelain=v2',
    '--branch',
    '-z',
    `--untracked-files=${options.untracked}`,
  ]);
  return parseStatusV2(out);
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

/** The nearest tag matching <prefix><digit>… reachable from the commit, or null when there is none. */
export async function readDescribe(root: string, prefix: string, commit = 'HEAD'): Promise<Describe | null> {
  // Never --dirty (it refreshes and may rewrite the index) and never --always (it hides a missing tag).
  const args = ['describe', '--tags', '--long', '--abbrev=14', '--match', tagGlob(prefix), commit];
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

/**
 * Reads files from a tree-ish in one `git cat-file --batch`: `rev` is a commit, or "" for the
 * index (":path", which honours GIT_INDEX_FILE in hooks). Missing files map to null.
 */
export async function readBlobs(
  root: string,
  rev: string,
  files: readonly string[],
): Promise<Map<string, string | null>> {
  const found = new Map<string, string | null>();
  if (files.length === 0) return found;
  const input = files.map((f) => `${rev}:${f}\n`).join('');
  const result = await runGit(root, ['cat-file', '--batch'], { input });
  if (result.code !== 0) throw gitFailure(['cat-file', '--batch'], result);
  const bytes = result.stdoutBytes;
  let offset = 0;
  for (const file of files) {
    const eol = bytes.indexOf(10, offset);
    if (eol === -1) break;
    const header = bytes.subarray(offset, eol).toString('utf8');
    offset = eol + 1;
    const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!match) {
      found.set(file, null); // "<name> missing" or "ambiguous"
      continue;
    }
    const size = Number(match[2]);
    found.set(file, match[1] === 'blob' ? bytes.subarray(offset, offset + size).toString('utf8') : null);
    offset += size + 1;
  }
  return found;
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

/** For each object: its type and the commit it peels to (null when it does not peel to one). */
export async function peelObjects(
  root: string,
  oids: readonly string[],
): Promise<Map<string, { type: string; commit: string | null }>> {
  const result = new Map<string, { type: string; commit: string | null }>();
  if (oids.length === 0) return result;
  // One cat-file for the types, one for the peeled commits ("<oid>^{commit}").
  const input = oids.map((o) => `${o}\n`).join('');
  const peeledInput = oids.map((o) => `${o}^{commit}\n`).join('');
  const [types, peeled] = await Promise.all([
    runGit(root, ['cat-file', '--batch-check=%(objecttype)'], { input }),
    runGit(root, ['cat-file', '--batch-check=%(objectname) %(objecttype)'], { input: peeledInput }),
  ]);
  const typeLines = types.stdout.split('\n');
  const peeledLines = peeled.stdout.split('\n');
  oids.forEach((oid, i) => {
    const type = typeLines[i]?.trim() ?? 'missing';
    const match = /^([0-9a-f]+) commit$/.exec(peeledLines[i]?.trim() ?? '');
    result.set(oid, { type: type.endsWith('missing') ? 'missing' : type, commit: match ? match[1]! : null });
  });
  return result;
}

/**
 * Updates the remote-tracking refs of the current branch's remote (`stampguard check --fetch`).
 * The one command that writes to the repository, and only when asked; never prompts.
 */
export async function fetchUpstream(root: string): Promise<void> {
  const result = await runGit(root, ['fetch', '--quiet'], { env: { GIT_TERMINAL_PROMPT: '0' }, timeoutMs: 300_000 });
  if (result.code !== 0) {
    throw new GitError(`git fetch failed: ${result.stderr.trim().split('\n')[0] ?? ''}`, {
      hint: 'Check the remote and your network or credentials, or run the check without --fetch.',
    });
  }
}
