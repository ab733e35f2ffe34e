// Paths and the environment every child of the benchmark runs in.
//
// Children never see the caller's git setup: all GIT_* variables are dropped (so GIT_DIR,
// GIT_INDEX_FILE, GIT_WORK_TREE from an enclosing hook cannot leak in), the system config is off,
// and the global config is a private file with a fixed identity and no hooksPath. NODE_OPTIONS is
// dropped so node starts the same way for every case.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.dirname(BENCH_DIR);
export const REPOS_DIR = path.join(BENCH_DIR, '.repos');
export const NODE = process.execPath;
/** The stampguard under test: the packed install (pack.mjs); useBuild() points these at it. */
export let BIN = path.join(ROOT, 'bin', 'stampguard.js');
export let DIST = path.join(ROOT, 'dist');

export function useBuild(pack) {
  BIN = pack.bin;
  DIST = pack.dist;
}

/** Bump when the generated repositories change; cached repositories are keyed by it. */
export const GENERATOR_VERSION = 2;

export const IDENTITY = { name: 'Bench Bot', email: 'bench@example.invalid' };

export function cacheDir() {
  return path.join(REPOS_DIR, `gen-v${GENERATOR_VERSION}`);
}

/** Writes the private global git config and returns the base environment for children. */
export function makeEnv() {
  mkdirSync(REPOS_DIR, { recursive: true });
  const globalConfig = path.join(REPOS_DIR, 'gitconfig');
  const emptyDir = path.join(REPOS_DIR, 'empty');
  mkdirSync(emptyDir, { recursive: true });
  const config = [
    '[user]',
    `\tname = ${IDENTITY.name}`,
    `\temail = ${IDENTITY.email}`,
    '[init]',
    '\tdefaultBranch = main',
    `\ttemplateDir = ${emptyDir}`, // no sample hooks, no template config
    '[commit]',
    '\tgpgSign = false',
    '[tag]',
    '\tgpgSign = false',
    '\tforceSignAnnotated = false',
    '[core]',
    '\tfsmonitor = false',
    '\tuntrackedCache = false',
    '\tautocrlf = false',
    '[gc]',
    '\tauto = 0', // no auto-gc in the middle of a timed commit
    '[maintenance]',
    '\tauto = false',
    '[advice]',
    '\tdetachedHead = false',
    '',
  ].join('\n');
  writeFileSync(globalConfig, config);

  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('GIT_')) continue;
    if (
      key === 'NODE_OPTIONS' ||
      key === 'FORCE_COLOR' ||
      key === 'HUSKY' ||
      key === 'STAMPGUARD' ||
      key === 'GITHUB_ACTIONS'
    )
      continue;
    env[key] = value;
  }
  env.GIT_CONFIG_NOSYSTEM = '1';
  env.GIT_CONFIG_GLOBAL = globalConfig;
  env.GIT_TERMINAL_PROMPT = '0';
  env.NO_COLOR = '1';
  env.LC_ALL = 'C';
  // husky's wrapper sources $XDG_CONFIG_HOME/husky/init.sh when it exists: never the caller's.
  env.XDG_CONFIG_HOME = emptyDir;
  // Hooks run "node": make it this node.
  env.PATH = [path.dirname(NODE), env.PATH ?? '/usr/bin:/bin'].join(path.delimiter);
  return { env, globalConfig, emptyDir };
}

/** The environment for timed runs: optional locks off, as in the baseline. */
export function timedEnv(env) {
  return { ...env, GIT_OPTIONAL_LOCKS: '0' };
}

/** Runs git synchronously; throws with git's stderr on failure unless allowFail. */
export function git(env, cwd, args, { input, allowFail = false, extraEnv } = {}) {
  const result = spawnSync('git', args, {
    cwd,
    env: extraEnv ? { ...env, ...extraEnv } : env,
    input,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  if (result.status !== 0 && !allowFail) {
    throw new Error(`git ${args.join(' ')} (in ${cwd}) exited ${result.status}: ${result.stderr.trim()}`);
  }
  return result;
}

export function sleepMs(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function exists(p) {
  return existsSync(p);
}
