// Commands the repository's own configuration would make git run while stampguard reads it, and
// the `-c` overrides that neutralise them. Settings from the user's global or system config are
// the user's own choice and are kept; core.fsmonitor is always off (run.ts).

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkGitVersion, gitFailure, runGit, setConfigOverrides } from './run.js';

// Commands git may run while stampguard reads a repository, and what to run instead when the
// repository's own config (local or worktree scope) sets them. Config from the user's global or
// the system config is the user's own choice and is kept. core.fsmonitor is always off.
const GUARDED_KEYS = /^(filter\..+\.(clean|smudge|process)|gpg\.program|gpg\.(openpgp|x509|ssh)\.program)$/;
const DEFAULT_PROGRAM: Record<string, string> = {
  'gpg.program': 'gpg',
  'gpg.openpgp.program': 'gpg',
  'gpg.x509.program': 'gpgsm',
  'gpg.ssh.program': 'ssh-keygen',
};

/**
 * `-c` arguments that override repository-scoped commands, from `git config --show-scope` output,
 * plus guarded keys found in submodules' own config files (git status runs inside submodules, and
 * `-c` settings reach them).
 */
export function configOverrides(listing: string, submoduleKeys: readonly string[] = []): string[] {
  const local = new Set<string>(submoduleKeys.filter((key) => GUARDED_KEYS.test(key)));
  const outer = new Map<string, string>();
  for (const line of listing.split('\n')) {
    const match = /^(\w+)\t(\S+)(?: (.*))?$/.exec(line);
    if (!match) continue;
    const [, scope, key, value] = match as unknown as [string, string, string, string | undefined];
    if (!GUARDED_KEYS.test(key)) continue;
    if (scope === 'local' || scope === 'worktree') local.add(key);
    else if (scope === 'system' || scope === 'global') outer.set(key, value ?? '');
  }
  const args: string[] = [];
  for (const key of [...local].sort()) {
    // A filter defined only in the repository is switched off (an empty command means "no filter");
    // a signing program falls back to the user's own setting or git's default.
    const value = outer.get(key) ?? DEFAULT_PROGRAM[key] ?? '';
    args.push('-c', `${key}=${value}`);
  }
  return args;
}

/** Names of the remotes in a `git config --show-scope --get-regexp` listing (remote.<name>.url keys). */
export function remotesFromListing(listing: string): string[] {
  const names = new Set<string>();
  for (const match of listing.matchAll(/^\w+\tremote\.(.+)\.url(?: |$)/gm)) names.add(match[1]!);
  return [...names];
}

/**
 * One `git config --show-scope --get-regexp` for two facts: the commands the repository's own
 * config would make git run (overridden for every later call in this repository), and the
 * configured remotes. It runs from the user's directory, concurrently with locateRepo.
 */
export async function readRepoConfig(
  cwd: string,
): Promise<{ overrides: string[]; remotes: string[]; listing: string }> {
  const result = await runGit(cwd, [
    'config',
    '--show-scope',
    '--get-regexp',
    '^(filter\\..*\\.(clean|smudge|process)|gpg\\..*program|remote\\..*\\.url)$',
  ]);
  // Exit 1 means no such keys; 129 is an option this git does not know (older than 2.26).
  if (result.code === 129) {
    await checkGitVersion(cwd);
    throw gitFailure(['config', '--show-scope'], result);
  }
  if (result.code !== 0) return { overrides: [], remotes: [], listing: '' };
  return {
    overrides: configOverrides(result.stdout),
    remotes: remotesFromListing(result.stdout),
    listing: result.stdout,
  };
}

/**
 * Guarded keys ("filter.<name>.clean", …) defined in the config files of submodules, which live
 * under <common git dir>/modules/. Read as text, without running git in each submodule; only
 * the section and key names matter.
 */
export function submoduleConfigKeys(commonDir: string): string[] {
  const modules = path.join(commonDir, 'modules');
  if (!existsSync(modules)) return [];
  const keys = new Set<string>();
  const walk = (dir: string, depth: number) => {
    if (depth > 8) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, depth + 1);
      else if (entry.name === 'config') for (const key of guardedKeysIn(readFileSync(full, 'utf8'))) keys.add(key);
    }
  };
  walk(modules, 0);
  return [...keys];
}

/** Keys like filter.<name>.clean and gpg.program in a git config file's text. */
export function guardedKeysIn(text: string): string[] {
  const keys: string[] = [];
  let section = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const header = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]/.exec(line);
    if (header) {
      section =
        header[2] === undefined
          ? header[1]!.toLowerCase()
          : `${header[1]!.toLowerCase()}.${header[2].replace(/\\(.)/g, '$1')}`;
      continue;
    }
    const key = /^([A-Za-z][A-Za-z0-9-]*)\s*(=|$)/.exec(line)?.[1];
    if (key && section) {
      const full = `${section}.${key.toLowerCase()}`;
      if (GUARDED_KEYS.test(full)) keys.push(full);
    }
  }
  return keys;
}

/** Applies readRepoConfig's overrides to every later git call in the repository. */
export function protectRepo(root: string, overrides: string[]): void {
  setConfigOverrides(root, overrides);
}
