// Other hook managers a repository may already use. stampguard never switches their hooks off
// silently (husky would, by setting core.hooksPath): init adds stampguard's commands to their
// configuration, or refuses with the exact steps where it cannot edit it.
// - lefthook (lefthook.yml/.yaml/.json): a "stampguard" command under pre-commit and pre-push. For
//   pre-push, use_stdin passes git's ref lines on, and "files" keeps lefthook from skipping the
//   command on a tag-only push (it skips commands when it finds no pushed files).
// - simple-git-hooks (package.json key or .simple-git-hooks.json): "&& <line>" after the user's
//   pre-commit and pre-push commands, and reference-transaction, which simple-git-hooks would
//   otherwise delete on its next run: it `exec`s the pre-filter so git stays its parent process.
// - pre-commit (.pre-commit-config.yaml, a Python tool; not tested here): a local repo with two
//   system hooks.
// For all three, stampguard's generated scripts go into the folder git runs hooks from
// (`git rev-parse --git-path hooks`); the reference-transaction pre-filter is installed there
// directly (lefthook and pre-commit do not manage that hook) or through simple-git-hooks.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadYaml } from '../util/lazy.js';
import { hookLine, isStampguardLine, type UserHook } from './lines.js';

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

/** How the committed lines reach the generated scripts when git's hooks folder is not husky's. */
export const GIT_HOOKS_DIR = '"$(git rev-parse --git-path hooks)"';
/** simple-git-hooks deletes hooks it does not manage, so the pre-filter goes beside them under this name. */
export const SIMPLE_PREFILTER = 'stampguard-reference-transaction';

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
    return readdirSync(dir).filter(
      (name) => !name.endsWith('.sample') && !name.endsWith('.old') && !name.startsWith('.'),
    );
  } catch {
    return [];
  }
}

/** Hook files a known manager wrote (lefthook, simple-git-hooks, pre-commit), by their content. */
function managedBy(file: string): ManagerKind | 'stampguard' | null {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  if (/call_lefthook|lefthook run/.test(text)) return 'lefthook';
  if (/SKIP_SIMPLE_GIT_HOOKS/.test(text)) return 'simple-git-hooks';
  if (/pre-commit\.com|pre_commit/.test(text)) return 'pre-commit';
  if (/# stampguard /.test(text)) return 'stampguard';
  return null;
}

export function findOtherManagers(root: string, pkg: Record<string, unknown>, gitHooksDir: string): OtherManagers {
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
  result.gitHooks = activeHooks(gitHooksDir).filter((h) => managedBy(path.join(gitHooksDir, h)) === null);
  return result;
}

/** The command stampguard adds to another manager's configuration for `hook`. */
export function managerLine(hook: UserHook, install: string): string {
  return hookLine(hook, GIT_HOOKS_DIR, install);
}

type Json = Record<string, unknown>;

/** lefthook: a "stampguard" command (or job) under pre-commit and pre-push. null: cannot edit (TOML). */
export async function withLefthook(file: string, text: string, install: string): Promise<string | null> {
  const entry = (hook: UserHook): Json => ({
    run: managerLine(hook, install),
    ...(hook === 'pre-push' && { use_stdin: true, files: 'git ls-files package.json' }),
  });
  if (file.endsWith('.toml')) return null;
  if (file.endsWith('.json')) {
    const config = (text.trim() ? JSON.parse(text) : {}) as Json;
    for (const hook of ['pre-commit', 'pre-push'] as const) setLefthookEntry(config, hook, entry(hook));
    return `${JSON.stringify(config, null, 2)}\n`;
  }
  const YAML = loadYaml();
  const doc = YAML.parseDocument(text);
  for (const hook of ['pre-commit', 'pre-push'] as const) {
    const jobs = doc.getIn([hook, 'jobs']);
    if (YAML.isSeq(jobs)) {
      const at = jobs.items.findIndex((j) => YAML.isMap(j) && j.get('name') === 'stampguard');
      const node = doc.createNode({ name: 'stampguard', ...entry(hook) });
      if (at >= 0) jobs.items[at] = node;
      else jobs.items.push(node);
    } else {
      doc.setIn([hook, 'commands', 'stampguard'], doc.createNode(entry(hook)));
    }
  }
  return doc.toString({ lineWidth: 0 });
}

function setLefthookEntry(config: Json, hook: UserHook, entry: Json): void {
  const section = (config[hook] ?? {}) as Json;
  config[hook] = section;
  if (Array.isArray(section.jobs)) {
    const jobs = section.jobs as Json[];
    const at = jobs.findIndex((j) => j?.name === 'stampguard');
    if (at >= 0) jobs[at] = { name: 'stampguard', ...entry };
    else jobs.push({ name: 'stampguard', ...entry });
  } else {
    section.commands = { ...((section.commands ?? {}) as Json), stampguard: entry };
  }
}

/** lefthook without stampguard's entries. */
export async function withoutLefthook(file: string, text: string): Promise<string> {
  if (file.endsWith('.toml')) return text;
  if (file.endsWith('.json')) {
    const config = JSON.parse(text) as Json;
    for (const hook of ['pre-commit', 'pre-push']) {
      const section = config[hook] as Json | undefined;
      if (!section) continue;
      if (Array.isArray(section.jobs)) section.jobs = (section.jobs as Json[]).filter((j) => j?.name !== 'stampguard');
      if (section.commands) delete (section.commands as Json).stampguard;
    }
    return `${JSON.stringify(config, null, 2)}\n`;
  }
  const YAML = loadYaml();
  const doc = YAML.parseDocument(text);
  for (const hook of ['pre-commit', 'pre-push']) {
    doc.deleteIn([hook, 'commands', 'stampguard']);
    const jobs = doc.getIn([hook, 'jobs']);
    if (YAML.isSeq(jobs)) jobs.items = jobs.items.filter((j) => !(YAML.isMap(j) && j.get('name') === 'stampguard'));
  }
  return doc.toString({ lineWidth: 0 });
}

/** The reference-transaction command for simple-git-hooks: exec keeps git the pre-filter's parent. */
export const SIMPLE_RT_COMMAND = `f="\${0%/*}/${SIMPLE_PREFILTER}"; [ ! -x "$f" ] || exec "$f" "$@"`;

/**
 * simple-git-hooks' configuration object with stampguard's commands; a string is the reason it
 * cannot (another reference-transaction command is there).
 */
export function withSimpleGitHooks(config: Json, install: string): Json | string {
  const out: Json = { ...config };
  for (const hook of ['pre-commit', 'pre-push'] as const) {
    const line = managerLine(hook, install);
    const before = typeof out[hook] === 'string' ? (out[hook] as string).trim() : '';
    if (before.includes(line)) continue;
    const kept = before
      .split(' && ')
      .filter((part) => !isStampguardLine(part, hook))
      .join(' && ');
    out[hook] = kept ? `${kept} && ${line}` : line;
  }
  const rt = out['reference-transaction'];
  if (rt !== undefined && rt !== SIMPLE_RT_COMMAND) {
    return `simple-git-hooks already runs a reference-transaction command (${JSON.stringify(rt)}), and stampguard's tag pre-filter needs that hook. Combine them yourself: make it run your command, then  ${SIMPLE_RT_COMMAND}  as its last line; then run stampguard init again. Nothing was changed.`;
  }
  out['reference-transaction'] = SIMPLE_RT_COMMAND;
  return out;
}

export function withoutSimpleGitHooks(config: Json): Json {
  const out: Json = { ...config };
  for (const hook of ['pre-commit', 'pre-push'] as const) {
    if (typeof out[hook] !== 'string') continue;
    const kept = (out[hook] as string)
      .split(' && ')
      .filter((part) => !isStampguardLine(part, hook))
      .join(' && ');
    if (kept) out[hook] = kept;
    else delete out[hook];
  }
  if (out['reference-transaction'] === SIMPLE_RT_COMMAND) delete out['reference-transaction'];
  return out;
}

/** The pre-commit framework's configuration with a local repo running stampguard (untested: Python). */
export async function withPreCommit(text: string, install: string): Promise<string> {
  const YAML = loadYaml();
  const doc = YAML.parseDocument(text);
  const hook = (stage: UserHook) => ({
    id: `stampguard-${stage}`,
    name: `stampguard (${stage})`,
    entry: `sh -c '${managerLine(stage, install).replace(/'/g, `'\\''`)}' --`,
    language: 'system',
    pass_filenames: false,
    always_run: true,
    stages: [stage],
  });
  let repos = doc.get('repos');
  if (!YAML.isSeq(repos)) {
    doc.set('repos', doc.createNode([]));
    repos = doc.get('repos');
  }
  const seq = repos as import('yaml').YAMLSeq;
  seq.items = seq.items.filter((r) => !isStampguardRepo(YAML, r));
  seq.items.push(doc.createNode({ repo: 'local', hooks: [hook('pre-commit'), hook('pre-push')] }));
  return doc.toString({ lineWidth: 0 });
}

function isStampguardRepo(YAML: typeof import('yaml'), node: unknown): boolean {
  if (!YAML.isMap(node) || node.get('repo') !== 'local') return false;
  const hooks = node.get('hooks');
  return YAML.isSeq(hooks) && hooks.items.some((h) => YAML.isMap(h) && String(h.get('id')).startsWith('stampguard-'));
}

export async function withoutPreCommit(text: string): Promise<string> {
  const YAML = loadYaml();
  const doc = YAML.parseDocument(text);
  const repos = doc.get('repos');
  if (YAML.isSeq(repos)) repos.items = repos.items.filter((r) => !isStampguardRepo(YAML, r));
  return doc.toString({ lineWidth: 0 });
}
