// The only place that starts git. Every call:
// - inherits the process environment, so hooks keep GIT_INDEX_FILE / GIT_DIR (git is started
//   directly with child_process: simple-git 4 silently drops those variables unless told not to,
//   refuses the -c overrides below unless told they are safe, and waits ~50 ms after a command
//   that prints nothing; see README "Dependencies");
// - runs with optional locks off, so git never rewrites the index or takes index.lock
//   (git-config(1) "core.*", git(1) "--no-optional-locks");
// - sees the repository as committed: replace refs and grafts are ignored
//   (GIT_NO_REPLACE_OBJECTS, GIT_GRAFT_FILE), and stat shortcuts a repository may configure are
//   switched off (core.ignoreStat, core.trustctime, core.checkStat), so an edit is always seen;
// - never runs a command the repository configured: core.fsmonitor is off, filters and signing
//   programs from the repository's own config are overridden (protect.ts), and no transport is
//   allowed (GIT_ALLOW_PROTOCOL), so a partial clone cannot lazy-fetch, which would run
//   remote.*.uploadpack and write objects; only `check --fetch` talks to a remote;
// - passes a fixed argv with no shell, so tag and path names are never interpreted;
// - runs in its own process group, so a timeout kills git and everything it started.
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GitError, UsageError } from '../errors.js';

export const GIT_GLOBAL_ARGS = [
  '--no-optional-locks',
  '-c',
  'core.fsmonitor=false',
  '-c',
  'core.ignoreStat=false',
  '-c',
  'core.trustctime=true',
  '-c',
  'core.checkStat=default',
  '-c',
  'advice.graftFileDeprecated=false',
];

/** Environment every read runs with (see the header). */
const READ_ENV: NodeJS.ProcessEnv = {
  GIT_NO_REPLACE_OBJECTS: '1',
  // A file that does not exist: .git/info/grafts is not read.
  GIT_GRAFT_FILE: path.join(tmpdir(), 'stampguard-no-grafts', 'none'),
  // Only this made-up protocol is allowed, which overrides every protocol.*.allow setting.
  GIT_ALLOW_PROTOCOL: 'stampguard-none',
  GIT_TERMINAL_PROMPT: '0',
};

export interface Protection {
  /** `-c` arguments that override repository-configured commands. */
  args: string[];
  /** Overrides whose keys `-c` cannot carry (a "=" in a filter's name), as GIT_CONFIG_COUNT entries. */
  env: NodeJS.ProcessEnv;
}

// Per-repository overrides of commands configured in the repository's own config (protect.ts),
// keyed by the directory git runs in (the repository root).
const protectionByRoot = new Map<string, Protection>();

export function setProtection(root: string, protection: Protection): void {
  protectionByRoot.set(root, protection);
}

export interface GitResult {
  code: number;
  stdout: string;
  /** stdout as bytes, for formats that count bytes (cat-file --batch). */
  stdoutBytes: Buffer;
  stderr: string;
}

export interface RunOptions {
  /** Text written to git's stdin. */
  input?: string;
  /** Kill git after this many milliseconds. */
  timeoutMs?: number;
  /** Variables added to the inherited environment (an undefined value removes one). */
  env?: NodeJS.ProcessEnv;
  /** The one call that may talk to a remote (`check --fetch`): transports are allowed. */
  network?: boolean;
}

/** The oldest git stampguard supports: `git config --show-scope` arrived in 2.26. */
export const MIN_GIT_VERSION = '2.26';

/** What a timer can hold: setTimeout fires at once for anything larger. */
const MAX_TIMEOUT_MS = 2_147_483_647;
const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * STAMPGUARD_GIT_TIMEOUT_MS: how long any one git call may take. A whole number of milliseconds
 * from 1; larger than a timer can hold (about 24.8 days), "Infinity" included, is that maximum.
 * Anything else is a usage error, never a silent default or a timeout on every call.
 */
export function gitTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.STAMPGUARD_GIT_TIMEOUT_MS;
  if (raw === undefined || raw.trim() === '') return DEFAULT_TIMEOUT_MS;
  const value = Number(raw.trim());
  if (Number.isNaN(value) || value < 1 || (Number.isFinite(value) && !Number.isInteger(value))) {
    throw new UsageError(
      `STAMPGUARD_GIT_TIMEOUT_MS must be a whole number of milliseconds of at least 1, got "${raw}"`,
    );
  }
  return Math.min(value, MAX_TIMEOUT_MS);
}

// Process groups of git calls under way. git runs in its own group (so a timeout can kill what it
// started), which also means a Ctrl-C in the terminal no longer reaches it: the CLI kills these
// groups when it is interrupted or exits (src/cli/index.ts).
const running = new Set<number>();

/** Kills every git call still running, with whatever it started. */
export function killRunningGit(): void {
  for (const pid of running) killGroup(pid);
  running.clear();
}

function killGroup(pid: number): void {
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** How long to wait for a pipe after git exited: a process git started may keep it open. */
const PIPE_GRACE_MS = 200;

/** Runs git and resolves with its exit code and output; rejects only when git cannot be run at all. */
export function runGit(cwd: string, args: readonly string[], options: RunOptions = {}): Promise<GitResult> {
  const timeoutMs = options.timeoutMs ?? gitTimeoutMs();
  const protection = protectionByRoot.get(cwd);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...(options.network ? { GIT_NO_REPLACE_OBJECTS: '1', GIT_TERMINAL_PROMPT: '0' } : READ_ENV),
    ...withConfigEnv(process.env, protection?.env ?? {}),
    ...options.env,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...GIT_GLOBAL_ARGS, ...(protection?.args ?? []), ...args], {
      cwd,
      env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      windowsHide: true,
      // Its own process group: a timeout kills what git started too (ssh with ControlPersist, a
      // filter), not only git.
      detached: process.platform !== 'win32',
    });
    if (child.pid !== undefined) running.add(child.pid);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let settled = false;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
    let stdoutDone = false;
    let stderrDone = false;
    let graceTimer: NodeJS.Timeout | null = null;
    const cleanup = () => {
      clearTimeout(timer);
      if (graceTimer) clearTimeout(graceTimer);
      if (child.pid !== undefined) running.delete(child.pid);
    };
    const finish = () => {
      if (settled || !exit) return;
      settled = true;
      cleanup();
      // git is done, so is everything it started that stayed in its group (a transport helper
      // that never exited); a daemon that left the group (ssh's ControlPersist master) is not ours.
      if (child.pid !== undefined) killGroup(child.pid);
      // Whatever still holds the pipes is not git: stop listening.
      child.stdout?.destroy();
      child.stderr?.destroy();
      const stdoutBytes = Buffer.concat(out);
      if (exit.signal) {
        reject(new GitError(`git ${args[0] ?? ''} was killed by ${exit.signal}`, { hint: 'Run the check again.' }));
        return;
      }
      resolve({
        code: exit.code ?? 1,
        stdout: stdoutBytes.toString('utf8'),
        stdoutBytes,
        stderr: Buffer.concat(err).toString('utf8'),
      });
    };
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      cleanup();
      if (child.pid !== undefined) killGroup(child.pid);
      child.stdout?.destroy();
      child.stderr?.destroy();
      child.stdin?.destroy();
      const limit = timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`;
      reject(
        new GitError(`git ${args.join(' ')} did not finish within ${limit} and was stopped`, {
          hint: 'Check for a very large repository, a slow file system, or a hook, filter or lock held by another process, then try again (STAMPGUARD_GIT_TIMEOUT_MS sets the limit in milliseconds).',
        }),
      );
    }, timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    child.stdout?.on('close', () => {
      stdoutDone = true;
      if (exit && stderrDone) finish();
    });
    child.stderr?.on('close', () => {
      stderrDone = true;
      if (exit && stdoutDone) finish();
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      cleanup();
      if (error.code === 'ENOENT') {
        // spawn reports a missing cwd and a missing binary the same way.
        reject(
          new GitError(`cannot run git in ${cwd}: git was not found on PATH, or the directory does not exist`, {
            hint: `Install git ${MIN_GIT_VERSION} or newer and make sure it is on PATH, and check the directory (--cwd).`,
            cause: error,
          }),
        );
      } else {
        reject(new GitError(`cannot run git: ${error.message}`, { cause: error }));
      }
    });
    // Return when git exits: its output is in the pipes by then. A process it started (ssh with
    // ControlPersist) may hold them open for minutes, so after a short grace they are let go.
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      if (stdoutDone && stderrDone) finish();
      else graceTimer = setTimeout(finish, PIPE_GRACE_MS);
    });
    if (options.input !== undefined && child.stdin) {
      child.stdin.on('error', () => undefined); // git may exit before reading everything
      child.stdin.end(options.input);
    }
  });
}

/**
 * Config overrides as GIT_CONFIG_COUNT/KEY/VALUE entries (git 2.31+), appended after any the
 * caller's environment already carries.
 */
function withConfigEnv(base: NodeJS.ProcessEnv, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const pairs = Object.entries(extra);
  if (pairs.length === 0) return {};
  const start = Math.max(Number(base.GIT_CONFIG_COUNT) || 0, 0);
  const env: NodeJS.ProcessEnv = { GIT_CONFIG_COUNT: String(start + pairs.length) };
  pairs.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${start + i}`] = key;
    env[`GIT_CONFIG_VALUE_${start + i}`] = value ?? '';
  });
  return env;
}

/** Like runGit, but a non-zero exit becomes a GitError carrying git's own message. */
export async function gitOk(cwd: string, args: readonly string[], options?: RunOptions): Promise<string> {
  const result = await runGit(cwd, args, options);
  if (result.code !== 0) throw gitFailure(args, result);
  return result.stdout;
}

/** Turns a failed git call into a GitError that says what happened and what to do. */
export function gitFailure(args: readonly string[], result: GitResult): GitError {
  const text = result.stderr.trim() || result.stdout.trim() || `exit code ${result.code}`;
  if (/not a git repository/i.test(text)) {
    return new GitError(`not a git repository: ${text.replace(/^fatal: /, '')}`, {
      hint: 'Run stampguard inside a git working tree, or point it at one with --cwd DIR.',
    });
  }
  if (/dubious ownership/i.test(text)) {
    return new GitError(`git refuses this repository: ${firstLine(text)}`, {
      hint: 'The repository is owned by another user. Fix the ownership, or, if you trust it, run the git config command that git suggests yourself; stampguard never adds safe.directory.',
    });
  }
  if (/from promisor remote|transport '[^']*' not allowed/.test(text)) {
    const object = /could not fetch ([0-9a-f]+) from promisor remote/.exec(text)?.[1];
    return new GitError(
      `git ${args[0] ?? ''} needs ${object ? `object ${object.slice(0, 12)}` : 'an object'}, which is not in this partial clone, and stampguard never fetches it`,
      {
        hint: 'Fetch it yourself (for a file, git cat-file -p REV:PATH fetches its blob; git fetch --refetch or a clone without --filter fetches everything), then run the check again.',
      },
    );
  }
  if (result.code === 129) {
    return new GitError(`git does not understand "git ${args.join(' ')}": ${firstLine(text)}`, {
      hint: `stampguard needs git ${MIN_GIT_VERSION} or newer; check "git --version".`,
    });
  }
  return new GitError(`git ${args[0] ?? ''} failed: ${firstLine(text)}`);
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((line) => line.trim() !== '' && !line.startsWith('hint:'))
      ?.replace(/^fatal: /, '') ?? text
  );
}

/** The version of the git on PATH, as [major, minor], or null when it cannot be read. */
export async function gitVersion(cwd: string): Promise<[number, number] | null> {
  const result = await runGit(cwd, ['version']).catch(() => null);
  const match = result ? /git version (\d+)\.(\d+)/.exec(result.stdout) : null;
  return match ? [Number(match[1]), Number(match[2])] : null;
}

/** When git rejects an option: is it too old? One `git version`, only on this failure path. */
export async function checkGitVersion(cwd: string): Promise<void> {
  const version = await gitVersion(cwd);
  if (!version) return;
  const [major, minor] = version;
  const [needMajor, needMinor] = MIN_GIT_VERSION.split('.').map(Number) as [number, number];
  if (major < needMajor || (major === needMajor && minor < needMinor)) {
    throw new GitError(`git ${major}.${minor} is too old: stampguard needs git ${MIN_GIT_VERSION} or newer`, {
      hint: 'Upgrade git (https://git-scm.com/downloads), or put a newer git first on PATH.',
    });
  }
}
