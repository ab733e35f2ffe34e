// Commands the repository's own configuration would make git run while stampguard reads it, and
// the overrides that neutralise them. Settings from the user's global or system config are the
// user's own choice and are kept; core.fsmonitor is always off and no transport is allowed
// (run.ts). Config is read through git in its NUL-separated form (`git config -z`), never parsed
// from files here, so every spelling git accepts (any byte in a subsection name, U+2028 in a
// value, a key on a section's header line, [include]) is seen exactly as git sees it.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { GitError } from '../errors.js';
import { checkGitVersion, gitFailure, gitVersion, type Protection, runGit, setProtection } from './run.js';

/** Keys whose value is a command git may run while reading a repository. */
export const GUARDED_KEYS = /^(filter\..+\.(clean|smudge|process)|gpg\.program|gpg\.(openpgp|x509|ssh)\.program)$/s;
const GUARDED_PATTERN = '^(filter\\..*\\.(clean|smudge|process)|gpg\\..*program)$';
const DEFAULT_PROGRAM: Record<string, string> = {
  'gpg.program': 'gpg',
  'gpg.openpgp.program': 'gpg',
  'gpg.x509.program': 'gpgsm',
  'gpg.ssh.program': 'ssh-keygen',
};

export interface ConfigEntry {
  /** system, global, local, worktree, command; "file" for a `--file` read. */
  scope: string;
  key: string;
  value: string | null;
}

/**
 * Parses `git config -z [--show-scope] --get-regexp` output: records end in NUL; with
 * --show-scope each starts with the scope and a NUL; a key and its value are separated by a
 * newline (no newline: a key without a value). Keys are lower-case except the subsection, which
 * may hold any byte but newline and NUL.
 */
export function parseConfigZ(output: string, withScope: boolean): ConfigEntry[] {
  const fields = output.split('\0');
  if (fields.at(-1) === '') fields.pop();
  const entries: ConfigEntry[] = [];
  for (let i = 0; i < fields.length; i++) {
    const scope = withScope ? fields[i++]! : 'file';
    const record = fields[i];
    if (record === undefined) break;
    const newline = record.indexOf('\n');
    entries.push(
      newline === -1
        ? { scope, key: record, value: null }
        : { scope, key: record.slice(0, newline), value: record.slice(newline + 1) },
    );
  }
  return entries;
}

/**
 * Overrides for repository-scoped commands: every guarded key set in the local or worktree
 * config (or a submodule's config) gets the user's own value from their global or system config,
 * or git's default program, or, for a filter, nothing (an empty command means "no filter").
 */
export function overridesFor(
  entries: readonly ConfigEntry[],
  submoduleKeys: readonly string[] = [],
): Map<string, string> {
  const local = new Set<string>(submoduleKeys.filter((key) => GUARDED_KEYS.test(key)));
  const outer = new Map<string, string>();
  for (const { scope, key, value } of entries) {
    if (!GUARDED_KEYS.test(key)) continue;
    if (scope === 'local' || scope === 'worktree') local.add(key);
    else if (scope === 'system' || scope === 'global') outer.set(key, value ?? '');
  }
  const overrides = new Map<string, string>();
  for (const key of [...local].sort()) overrides.set(key, outer.get(key) ?? DEFAULT_PROGRAM[key] ?? '');
  return overrides;
}

/**
 * `-c key=value` cannot carry a key with "=" in it (git splits at the first "="), nor a newline:
 * those go through GIT_CONFIG_COUNT (git 2.31+).
 */
export function protectionFrom(overrides: ReadonlyMap<string, string>): Protection {
  const args: string[] = [];
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of overrides) {
    if (key.includes('=') || key.includes('\n') || value.includes('\n')) env[key] = value;
    else args.push('-c', `${key}=${value}`);
  }
  return { args, env };
}

export interface RepoConfig {
  entries: ConfigEntry[];
  remotes: string[];
  /** core.excludesFile as configured, or null. */
  excludesFile: string | null;
  /** core.hooksPath as configured, or null. */
  hooksPath: string | null;
  /** Bytes per object id: 32 in a SHA-256 repository (extensions.objectFormat). */
  hashBytes: 20 | 32;
  /** extensions.refStorage: "files" (the default) or "reftable". */
  refStorage: string;
}

/**
 * One `git config -z --show-scope --get-regexp` for the keys stampguard needs: the commands the
 * repository's own config would make git run, and the configured remotes. It runs from the
 * user's directory, concurrently with locateRepo.
 */
export async function readRepoConfig(cwd: string): Promise<RepoConfig> {
  const keys = `${GUARDED_PATTERN.slice(0, -2)}|remote\\..*\\.url|core\\.(excludesfile|hookspath)|extensions\\.(objectformat|refstorage))$`;
  const args = ['config', '-z', '--show-scope', '--get-regexp', keys];
  const result = await runGit(cwd, args);
  // Exit 1 means no such keys; 129 is an option this git does not know (older than 2.26).
  if (result.code === 129) {
    await checkGitVersion(cwd);
    throw gitFailure(['config', '--show-scope'], result);
  }
  if (result.code !== 0)
    return { entries: [], remotes: [], excludesFile: null, hooksPath: null, hashBytes: 20, refStorage: 'files' };
  const entries = parseConfigZ(result.stdout, true);
  const remotes = new Set<string>();
  let excludesFile: string | null = null;
  let hooksPath: string | null = null;
  let hashBytes: 20 | 32 = 20;
  let refStorage = 'files';
  for (const { key, value } of entries) {
    const match = /^remote\.(.+)\.url$/s.exec(key);
    if (match) remotes.add(match[1]!);
    // The last value wins, as in git.
    if (key === 'core.excludesfile') excludesFile = value ?? '';
    if (key === 'core.hookspath') hooksPath = value ?? '';
    if (key === 'extensions.objectformat') hashBytes = value?.toLowerCase() === 'sha256' ? 32 : 20;
    if (key === 'extensions.refstorage') refStorage = value?.toLowerCase() ?? 'files';
  }
  return { entries, remotes: [...remotes], excludesFile, hooksPath, hashBytes, refStorage };
}

/**
 * Guarded keys set in the config files of submodules, which live under
 * <common git dir>/modules/ (git status looks inside submodules, and the overrides reach them).
 * git reads each file, with its includes, exactly as it would.
 */
export async function submoduleGuardedKeys(root: string, commonDir: string): Promise<string[]> {
  const files: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 8) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, depth + 1);
      else if (entry.name === 'config') files.push(full);
    }
  };
  const modules = path.join(commonDir, 'modules');
  if (existsSync(modules)) walk(modules, 0);
  const keys = await Promise.all(
    files.map(async (file) => {
      const result = await runGit(root, [
        'config',
        '-z',
        '--includes',
        '--file',
        file,
        '--get-regexp',
        GUARDED_PATTERN,
      ]);
      return result.code === 0 ? parseConfigZ(result.stdout, false).map((e) => e.key) : [];
    }),
  );
  return [...new Set(keys.flat())];
}

/** Applies the overrides to every later git call in the repository. */
export async function protectRepo(root: string, overrides: ReadonlyMap<string, string>): Promise<void> {
  const protection = protectionFrom(overrides);
  if (Object.keys(protection.env).length > 0) {
    const version = await gitVersion(root);
    if (version && (version[0] < 2 || (version[0] === 2 && version[1] < 31))) {
      throw new GitError(
        `this repository configures a command git may run (${Object.keys(protection.env)
          .map((k) => JSON.stringify(k))
          .join(', ')}) under a name that only git 2.31 or newer lets stampguard switch off`,
        {
          hint: 'Upgrade git to 2.31 or newer, or remove that setting from the repository config (git config --unset).',
        },
      );
    }
  }
  setProtection(root, protection);
}
