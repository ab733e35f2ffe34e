// The only place that starts git. Every call:
// - inherits the process environment untouched, so hooks keep GIT_INDEX_FILE / GIT_DIR
//   (simple-git 4 strips them, and both 3.x and 4.x refuse an explicit copy of the env, which is
//   why git is started here directly);
// - runs with optional locks off, so git never rewrites the index or takes index.lock
//   (git-config(1) "core.*", git(1) "--no-optional-locks");
// - disables core.fsmonitor, so a hook command configured in the repository is never executed;
// - passes a fixed argv with no shell, so tag and path names are never interpreted.
import { spawn } from 'node:child_process';
import { GitError } from '../errors.js';

export const GIT_GLOBAL_ARGS = ['--no-optional-locks', '-c', 'core.fsmonitor=false'];

// Per-repository `-c` overrides that neutralise commands configured in the repository's own
// config (see protectRepo in repo.ts). Keyed by the directory git runs in (the repository root).
const overridesByRoot = new Map<string, string[]>();

export function setConfigOverrides(root: string, args: string[]): void {
  overridesByRoot.set(root, args);
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
  /** Variables added to the inherited environment. */
  env?: NodeJS.ProcessEnv;
}

/** The oldest git stampguard supports: `git config --show-scope` arrived in 2.26. */
export const MIN_GIT_VERSION = '2.26';

// STAMPGUARD_GIT_TIMEOUT_MS shortens or lengthens the time any one git call may take.
const DEFAULT_TIMEOUT_MS =
  Number(process.env.STAMPGUARD_GIT_TIMEOUT_MS) > 0 ? Number(process.env.STAMPGUARD_GIT_TIMEOUT_MS) : 120_000;

/** Runs git and resolves with its exit code and output; rejects only when git cannot be run at all. */
export function runGit(cwd: string, args: readonly string[], options: RunOptions = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', [...GIT_GLOBAL_ARGS, ...(overridesByRoot.get(cwd) ?? []), ...args], {
      cwd,
      ...(options.env && { env: { ...process.env, ...options.env } }),
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let settled = false;
    const timer = setTimeout(() => {
      // Kill git and stop waiting for its pipes at once: a process git started (a filter, a
      // wrapper script's child) may hold them open long after git itself is gone.
      settled = true;
      child.kill('SIGKILL');
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
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
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
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      const stdoutBytes = Buffer.concat(out);
      const stdout = stdoutBytes.toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (signal) {
        reject(new GitError(`git ${args[0] ?? ''} was killed by ${signal}`, { hint: 'Run the check again.' }));
        return;
      }
      resolve({ code: code ?? 1, stdout, stdoutBytes, stderr });
    });
    if (options.input !== undefined && child.stdin) {
      child.stdin.on('error', () => undefined); // git may exit before reading everything
      child.stdin.end(options.input);
    }
  });
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
      .find((line) => line.trim() !== '')
      ?.replace(/^fatal: /, '') ?? text
  );
}

/** When git rejects an option: is it too old? One `git version`, only on this failure path. */
export async function checkGitVersion(cwd: string): Promise<void> {
  const result = await runGit(cwd, ['version']).catch(() => null);
  const match = result ? /git version (\d+)\.(\d+)/.exec(result.stdout) : null;
  if (!match) return;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  const [needMajor, needMinor] = MIN_GIT_VERSION.split('.').map(Number) as [number, number];
  if (major < needMajor || (major === needMajor && minor < needMinor)) {
    throw new GitError(`git ${match[1]}.${match[2]} is too old: stampguard needs git ${MIN_GIT_VERSION} or newer`, {
      hint: 'Upgrade git (https://git-scm.com/downloads), or put a newer git first on PATH.',
    });
  }
}
