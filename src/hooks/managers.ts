// Other hook managers a repository may already use. stampguard never switches their hooks off
// silently: init integrates with them (adds its commands to their configuration) or refuses with
// the exact steps.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type ManagerKind = 'lefthook' | 'simple-git-hooks' | 'pre-commit';

export interface OtherManagers {
  /** The hook manager whose configuration is in the repository, if any. */
  kind: ManagerKind | null;
  /** Its configuration file, relative to the root (package.json for simple-git-hooks' key). */
  config: string | null;
  /** Hook scripts in .git/hooks that git runs today and that no known manager wrote. */
  gitHooks: string[];
  /** Why init cannot go on, with the steps; null when it can. */
  refusal: string | null;
}

export const LEFTHOOK_CONFIGS = [
  'lefthook.yml',
  '.lefthook.yml',
  'lefthook.yaml',
  '.lefthook.yaml',
  '.config/lefthook.yml',
  '.config/lefthook.yaml',
  'lefthook.json',
  '.lefthook.json',
  'lefthook.toml',
  '.lefthook.toml',
];
export const SIMPLE_GIT_HOOKS_CONFIGS = [
  '.simple-git-hooks.json',
  'simple-git-hooks.json',
  '.simple-git-hooks.cjs',
  'simple-git-hooks.cjs',
  '.simple-git-hooks.js',
  'simple-git-hooks.js',
  '.simple-git-hooks.mjs',
  'simple-git-hooks.mjs',
];
export const PRE_COMMIT_CONFIG = '.pre-commit-config.yaml';

function exists(root: string, file: string): boolean {
  try {
    readFileSync(path.join(root, file));
    return true;
  } catch {
    return false;
  }
}

/** Hook scripts git runs today from a hooks folder (git's *.sample files are not hooks). */
export function activeHooks(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => !name.endsWith('.sample') && !name.startsWith('.'));
  } catch {
    return [];
  }
}

export function findOtherManagers(root: string, pkg: Record<string, unknown>, _hooksPath: string): OtherManagers {
  const result: OtherManagers = { kind: null, config: null, gitHooks: [], refusal: null };
  const lefthook = LEFTHOOK_CONFIGS.find((f) => exists(root, f));
  const simple = Object.hasOwn(pkg, 'simple-git-hooks')
    ? 'package.json'
    : SIMPLE_GIT_HOOKS_CONFIGS.find((f) => exists(root, f));
  const preCommit = exists(root, PRE_COMMIT_CONFIG) ? PRE_COMMIT_CONFIG : undefined;
  const found: [ManagerKind, string][] = [];
  if (lefthook) found.push(['lefthook', lefthook]);
  if (simple) found.push(['simple-git-hooks', simple]);
  if (preCommit) found.push(['pre-commit', preCommit]);
  if (found.length > 1) {
    result.refusal = `this repository configures more than one hook manager (${found.map(([k, f]) => `${k} in ${f}`).join(', ')}); only one can own the hooks. Keep one, then run stampguard init again. Nothing was changed.`;
  }
  if (found[0]) [result.kind, result.config] = found[0];
  result.gitHooks = activeHooks(path.join(root, '.git', 'hooks'));
  return result;
}
