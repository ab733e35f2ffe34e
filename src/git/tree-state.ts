// The state of the work tree, complete: what `git status` says, plus what it was told not to say.
// - Index entries marked assume-unchanged or skip-worktree are compared for real: in a private
//   copy of the index with those bits cleared, so `git status` itself decides, with filters and
//   modes as always.
// - Entries that are not in the work tree at all (a sparse checkout, skip-worktree files that are
//   absent, submodules never initialised) make the checkout incomplete.
// - Untracked files ignored only by rules that are not part of the repository's history
//   (.git/info/exclude, core.excludesFile, a .gitignore that is itself untracked) are listed.
// - A split index is read through a private git directory, because reading it through the real
//   one makes git refresh the shared index's timestamp (read-cache.c freshen_shared_index).
// Nothing is written to the repository: the private copies live in a temporary directory that is
// removed afterwards.
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { type CatObject, catFile } from './cat-file.js';
import { type IndexFlags, readIndexFlags } from './index-file.js';
import type { RepoLocation } from './repo.js';
import { gitFailure, gitOk, runGit } from './run.js';
import { parseStatusV2, type StatusEntry, type StatusFacts } from './status.js';

export interface Incomplete {
  path: string;
  /** sparse: left out by a sparse checkout; absent: a skip-worktree file that is not there; submodule: not initialised. */
  why: 'sparse' | 'absent' | 'submodule';
}

export interface TreeState {
  status: StatusFacts;
  /** Index entries git status does not look at (assume-unchanged, skip-worktree), all of them. */
  hidden: { assumeUnchanged: string[]; skipWorktree: string[] };
  /** Parts of the committed tree that are not in the work tree. */
  incomplete: Incomplete[];
  /** Untracked paths ignored only by rules outside the repository's history; null when not looked for. */
  locallyIgnored: string[] | null;
}

export interface TreeStateOptions {
  untracked: 'normal' | 'no';
  /** Whether to find locally ignored files (needs the untracked scan). */
  locallyIgnored: boolean;
  /** Bytes per object id in the index: 32 in a SHA-256 repository. */
  hashBytes: 20 | 32;
  /** The index file: GIT_INDEX_FILE when git set one, else <git dir>/index. */
  indexFile: string;
  /** core.excludesFile, when configured (else git's default location is used). */
  excludesFile: string | null;
  /** core.hooksPath: husky keeps its generated, self-ignored hook scripts there (.husky/_). */
  hooksPath: string | null;
}

/** git status --porcelain=v2 arguments; --ignore-submodules=none whatever .gitmodules or config say. */
function statusArgs(untracked: 'normal' | 'no', ignored: boolean): string[] {
  return [
    'status',
    '--porcelain=v2',
    '--branch',
    '-z',
    `--untracked-files=${untracked}`,
    '--ignore-submodules=none',
    ...(ignored ? ['--ignored=matching'] : []),
  ];
}

export async function readTreeState(location: RepoLocation, options: TreeStateOptions): Promise<TreeState> {
  const { root } = location;
  const ignored = options.locallyIgnored && options.untracked === 'normal';
  // Without a shared index file the index cannot be split, and reading it writes nothing.
  const maySplit = hasSharedIndex(location.gitDir);
  // The common case is one plain status (nothing hidden, no split index). It is started at once,
  // while the index's flags are read here, and its answer is dropped when they say otherwise.
  const plain = maySplit ? null : gitOk(root, statusArgs(options.untracked, ignored));
  plain?.catch(() => undefined);
  // The flags from the index file; when this parser is unsure of it and the index is not split,
  // git reads the real index.
  const known = readFlags(options) ?? (maySplit ? null : await flagsFromGit(root, {}));
  let status: StatusFacts;
  let incomplete: Incomplete[];
  let flags: IndexFlags;
  if (
    plain !== null &&
    known !== null &&
    !known.split &&
    known.assumeUnchanged.length === 0 &&
    known.skipWorktree.length === 0
  ) {
    status = parseStatusV2(await plain);
    flags = known;
    incomplete = missingParts(root, flags, []);
  } else {
    try {
      ({ status, incomplete, flags } = await readThroughShadow(location, options, known, ignored));
    } finally {
      // No git process outlives the run, even one whose answer is not used.
      await plain?.catch(() => undefined);
    }
  }
  const hidden = { assumeUnchanged: flags.assumeUnchanged, skipWorktree: flags.skipWorktree };
  const locallyIgnored = ignored ? await findLocallyIgnored(location, status.entries, options) : null;
  // Ignored entries were only wanted for that; the checks see untracked and tracked changes.
  status = { ...status, entries: status.entries.filter((e) => e.kind !== 'ignored') };
  return { status, hidden, incomplete, locallyIgnored };
}

function readFlags(options: TreeStateOptions): IndexFlags | null {
  let data: Buffer;
  try {
    data = readFileSync(options.indexFile);
  } catch (error) {
    // No index yet (a repository without commits): nothing is flagged.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { assumeUnchanged: [], skipWorktree: [], gitlinks: [], sparseDirectories: [], split: false };
    }
    return null;
  }
  return readIndexFlags(data, options.hashBytes);
}

function hasSharedIndex(gitDir: string): boolean {
  try {
    return readdirSync(gitDir).some((name) => name.startsWith('sharedindex.'));
  } catch {
    return false;
  }
}

/** Entries of the committed tree that are not in the work tree. `compared` are present files. */
function missingParts(root: string, flags: IndexFlags, skipWorktreePresent: readonly string[]): Incomplete[] {
  const present = new Set(skipWorktreePresent);
  const parts: Incomplete[] = flags.sparseDirectories.map((dir) => ({ path: dir, why: 'sparse' as const }));
  for (const file of flags.skipWorktree)
    if (!present.has(file) && !exists(root, file)) parts.push({ path: file, why: 'absent' });
  // A submodule whose directory holds no repository was never initialised (or was de-initialised).
  for (const sub of flags.gitlinks)
    if (!exists(root, path.join(sub, '.git'))) parts.push({ path: sub, why: 'submodule' });
  return parts;
}

function exists(root: string, file: string): boolean {
  try {
    lstatSync(path.join(root, file));
    return true;
  } catch {
    return false;
  }
}

/**
 * Status through a private git directory: a copy of the index (with the assume-unchanged and
 * skip-worktree bits cleared on every file that is present, so status compares them), HEAD, the
 * shared index of a split index, and a `commondir` file pointing at the real repository, exactly
 * as a linked worktree is laid out. git reads and refreshes only the copies.
 */
async function readThroughShadow(
  location: RepoLocation,
  options: TreeStateOptions,
  known: IndexFlags | null,
  ignored: boolean,
): Promise<{ status: StatusFacts; incomplete: Incomplete[]; flags: IndexFlags }> {
  const { root } = location;
  const shadow = makeShadow(location, options.indexFile);
  const { env } = shadow;
  try {
    const flags = known ?? (await flagsFromGit(root, env));
    const present = flags.skipWorktree.filter((file) => exists(root, file));
    // One flag per update-index run (update-index handles --no-assume-unchanged and returns before
    // looking at --no-skip-worktree); core.splitIndex=false keeps the private index one file, and a
    // hooks folder that does not exist keeps git from running the repository's post-index-change.
    const noHooks = path.join(shadow.dir, 'no-hooks');
    for (const [flag, paths] of [
      ['--no-assume-unchanged', flags.assumeUnchanged],
      ['--no-skip-worktree', present],
    ] as const) {
      if (paths.length === 0) continue;
      const args = [
        '-c',
        'core.splitIndex=false',
        '-c',
        `core.hooksPath=${noHooks}`,
        'update-index',
        flag,
        '-z',
        '--stdin',
      ];
      const result = await runGit(root, args, { env, input: paths.map((p) => `${p}\0`).join('') });
      if (result.code !== 0) throw gitFailure(args, result);
    }
    const status = parseStatusV2(await gitOk(root, statusArgs(options.untracked, ignored), { env }));
    return { status, incomplete: missingParts(root, flags, present), flags };
  } finally {
    rmSync(shadow.dir, { recursive: true, force: true });
  }
}

/**
 * A file as staged (":path" in the index), through a private git directory when the index is
 * split, so reading it does not refresh the shared index's timestamp.
 */
export async function readIndexFile(location: RepoLocation, file: string): Promise<CatObject | null> {
  if (!hasSharedIndex(location.gitDir)) return (await catFile(location.root, [`:${file}`]))[0] ?? null;
  const shadow = makeShadow(location, location.indexFile);
  try {
    return (await catFile(location.root, [`:${file}`], shadow.env))[0] ?? null;
  } finally {
    rmSync(shadow.dir, { recursive: true, force: true });
  }
}

/** A private git directory laid out as a linked worktree's, with copies of the index files and HEAD. */
function makeShadow(location: RepoLocation, indexFile: string): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(path.join(tmpdir(), 'stampguard-index-'));
  try {
    const index = path.join(dir, 'index');
    if (existsSync(indexFile)) copyFileSync(indexFile, index);
    copyFileSync(path.join(location.gitDir, 'HEAD'), path.join(dir, 'HEAD'));
    for (const name of readdirSync(location.gitDir)) {
      if (name.startsWith('sharedindex.') || name === 'config.worktree') {
        copyFileSync(path.join(location.gitDir, name), path.join(dir, name));
      }
    }
    writeFileSync(path.join(dir, 'commondir'), `${location.commonDir}\n`);
    return { dir, env: { GIT_DIR: dir, GIT_WORK_TREE: location.root, GIT_INDEX_FILE: index } };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The flags as git reports them (`git ls-files -s -v`), when the index file is not one readIndexFlags reads. */
async function flagsFromGit(root: string, env: NodeJS.ProcessEnv): Promise<IndexFlags> {
  const out = await gitOk(root, ['ls-files', '-s', '-v', '-z'], { env });
  const flags: IndexFlags = {
    assumeUnchanged: [],
    skipWorktree: [],
    gitlinks: [],
    sparseDirectories: [],
    split: false,
  };
  for (const record of out.split('\0')) {
    // "<tag> <mode> <oid> <stage>\t<path>"
    const match = /^(\S) (\d+) [0-9a-f]+ \d\t([\s\S]*)$/.exec(record);
    if (!match) continue;
    const [, tag, mode, file] = match as unknown as [string, string, string, string];
    if (tag === 'S' || tag === 's') {
      if (mode === '40000' || mode === '040000') flags.sparseDirectories.push(file.endsWith('/') ? file : `${file}/`);
      else flags.skipWorktree.push(file);
    } else if (mode === '160000') flags.gitlinks.push(file);
    if (tag !== tag.toUpperCase()) flags.assumeUnchanged.push(file);
  }
  return flags;
}

/**
 * Of the ignored paths status listed, those that only rules outside the repository's history
 * ignore. `git check-ignore -v` names the rule that decides each path; rules from
 * .git/info/exclude, the excludes file, or a .gitignore that is not tracked are local.
 */
async function findLocallyIgnored(
  location: RepoLocation,
  entries: readonly StatusEntry[],
  options: TreeStateOptions,
): Promise<string[]> {
  const ignoredPaths = entries.filter((e) => e.kind === 'ignored').map((e) => e.path);
  if (ignoredPaths.length === 0) return [];
  const untrackedGitignores = entries.filter(
    (e) => (e.kind === 'untracked' || e.kind === 'ignored') && isGitignore(e.path),
  );
  // Most repositories ignore only through committed .gitignore files: then there is nothing to ask.
  if (
    untrackedGitignores.length === 0 &&
    !hasPatterns(path.join(location.commonDir, 'info', 'exclude')) &&
    !excludesFileExists(options.excludesFile)
  ) {
    return [];
  }
  const result = await runGit(location.root, ['check-ignore', '-v', '-z', '--stdin', '--no-index'], {
    input: ignoredPaths.map((p) => `${p}\0`).join(''),
  });
  // Exit 1: none of them is ignored by a pattern any more (the tree changed meanwhile).
  if (result.code !== 0 && result.code !== 1) throw gitFailure(['check-ignore'], result);
  const fields = result.stdout.split('\0');
  const untracked = entries.filter((e) => e.kind === 'untracked' || e.kind === 'ignored');
  const hooks = hooksDirectory(location.root, options.hooksPath);
  const local = new Set<string>();
  // Records: source, line number, pattern, path.
  for (let i = 0; i + 3 < fields.length; i += 4) {
    const [source, , pattern, file] = [fields[i]!, fields[i + 1]!, fields[i + 2]!, fields[i + 3]!];
    if (source === '' || pattern.startsWith('!')) continue; // not ignored after all
    if (!isLocalSource(source, untracked)) continue;
    // git's own hooks directory is not build input (husky's generated .husky/_ ignores itself).
    if (hooks && (file === hooks || file.startsWith(hooks))) continue;
    local.add(file);
  }
  return [...local];
}

/** core.hooksPath as a path relative to the work tree with a trailing "/", or null when outside it. */
function hooksDirectory(root: string, hooksPath: string | null): string | null {
  if (!hooksPath) return null;
  const relative = path.relative(root, path.resolve(root, hooksPath)).split(path.sep).join('/');
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return `${relative}/`;
}

function isGitignore(file: string): boolean {
  return file === '.gitignore' || file.endsWith('/.gitignore');
}

/** A rule's source is local unless it is a .gitignore in the work tree that git tracks. */
function isLocalSource(source: string, untracked: readonly StatusEntry[]): boolean {
  if (!isGitignore(source) || path.isAbsolute(source) || source.startsWith('.git/')) return true;
  // An untracked .gitignore is listed itself, or lies inside an untracked or ignored directory.
  return untracked.some((e) => e.path === source || (e.path.endsWith('/') && source.startsWith(e.path)));
}

function hasPatterns(file: string): boolean {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .some((line) => line.trim() !== '' && !line.startsWith('#'));
  } catch {
    return false;
  }
}

/** The excludes file git would read: core.excludesFile, else $XDG_CONFIG_HOME/git/ignore or ~/.config/git/ignore. */
function excludesFileExists(configured: string | null): boolean {
  if (configured !== null) {
    if (configured === '') return false;
    const file = configured.startsWith('~/') ? path.join(homedir(), configured.slice(2)) : configured;
    return hasPatterns(file);
  }
  const xdg = process.env.XDG_CONFIG_HOME;
  const base = xdg && xdg !== '' ? xdg : path.join(homedir(), '.config');
  return hasPatterns(path.join(base, 'git', 'ignore'));
}
