// Shared setup for the trust tests (test/trust/): traps that record whether git ran a command, the
// JSON report as data, remotes, submodules, signing keys and other real-git setups those tests share.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Report } from '../../src/types.js';
import { BIN, gitEnv, makeRepo, Repo, type RunResult, tempDir } from './git-repo.js';

export const ZERO = '0'.repeat(40);

/** A marker file and scripts that append a line to it when something runs them. */
export interface Trap {
  dir: string;
  marker: string;
  /**
   * A script that appends "<label> <args>" to the marker, at `file` (default <dir>/<label>.sh).
   * `filter` scripts copy stdin to stdout; `fail` scripts exit 1; `ok` scripts exit 0.
   */
  script(label: string, kind?: 'filter' | 'fail' | 'ok', file?: string): string;
  fired(): string[];
  reset(): void;
}

export function trap(): Trap {
  const dir = tempDir('stampguard-trap-');
  const marker = path.join(dir, 'MARKER');
  return {
    dir,
    marker,
    script(label, kind = 'ok', file = path.join(dir, `${label}.sh`)) {
      const tail = kind === 'filter' ? 'cat' : kind === 'fail' ? 'exit 1' : 'exit 0';
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, `#!/bin/sh\necho "${label} $*" >> '${marker}'\n${tail}\n`);
      chmodSync(file, 0o755);
      return file;
    },
    fired: () => (existsSync(marker) ? readFileSync(marker, 'utf8').split('\n').filter(Boolean) : []),
    reset: () => rmSync(marker, { force: true }),
  };
}

let clock = Date.now() / 1000 + 3600;
/** A new (future) mtime, same size: git must re-read the file (and run its clean filter) to know it is unchanged. */
export function touchFuture(file: string): void {
  clock += 10;
  utimesSync(file, clock, clock);
}

export interface Checked extends RunResult {
  /** The parsed --json report, or null when stdout is not one. */
  report: Report | null;
}

/** `stampguard check --json ARGS` in the repository (or `cwd`). */
export function checkJson(
  repo: Repo,
  args: string[] = [],
  options: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string } = {},
): Checked {
  const r = repo.cli(['check', '--json', ...args], options);
  let report: Report | null = null;
  try {
    report = JSON.parse(r.stdout) as Report;
  } catch {
    report = null;
  }
  return { ...r, report };
}

/** Finding codes of a report (strings: some codes the tests expect are not in FindingCode yet). */
export function codes(report: Report | null): string[] {
  return (report?.findings ?? []).map((f) => f.code as string);
}

export function findingOf(report: Report | null, code: string): Report['findings'][number] | undefined {
  return report?.findings.find((f) => (f.code as string) === code);
}

/** A readable one-line summary of a run, for assertion messages and the status notes. */
export function summary(r: RunResult & { report?: Report | null }): string {
  const found = r.report
    ? r.report.findings.map((f) => `${f.code}(${f.severity})${f.paths ? `[${f.paths.join(',')}]` : ''}`).join(' ')
    : '';
  return `exit ${r.code}; findings: ${found || '-'}; stderr: ${r.stderr.trim().split('\n').slice(0, 3).join(' | ').slice(0, 300)}`;
}

export const tagsOf = (repo: Repo): string[] => repo.git('tag', '-l').split('\n').filter(Boolean);

/** A bare repository as origin, with main pushed (hooks run as usual; pushing a branch passes). */
export function withRemote(repo: Repo): Repo {
  const bare = path.join(tempDir(), 'remote.git');
  execFileSync('git', ['init', '-q', '--bare', bare], { env: gitEnv() });
  repo.git('remote', 'add', 'origin', bare);
  repo.git('push', '-q', 'origin', 'main');
  return new Repo(bare);
}

/** Adds a submodule at `subPath` (a new repository with `files`), committed in the superproject. */
export function addSubmodule(
  repo: Repo,
  subPath: string,
  files: Record<string, string> = { 'lib.txt': 'lib\n' },
): Repo {
  const lib = makeRepo({ version: null, files });
  repo.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', lib.dir, subPath);
  repo.commit(`submodule ${subPath}`);
  return new Repo(path.join(repo.dir, subPath));
}

/** A global git config file for one run: the test identity plus `extra` (git config syntax). */
export function globalConfigWith(extra: string): string {
  const file = path.join(tempDir('stampguard-global-'), 'gitconfig');
  writeFileSync(
    file,
    `[user]\n\tname = Test\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n[tag]\n\tgpgsign = false\n${extra}`,
  );
  return file;
}

/** A throwaway SSH signing key, set as this repository's signing key and allowed signer. */
export function sshSigning(repo: Repo): { key: string; signers: string } {
  const keys = tempDir('stampguard-keys-');
  const key = path.join(keys, 'id_ed25519');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'test@example.com', '-f', key]);
  const signers = path.join(keys, 'allowed_signers');
  writeFileSync(signers, `test@example.com ${readFileSync(`${key}.pub`, 'utf8').trim()}\n`);
  repo.git('config', 'gpg.format', 'ssh');
  repo.git('config', 'user.signingkey', key);
  repo.git('config', 'gpg.ssh.allowedSignersFile', signers);
  return { key, signers };
}

/** An annotated tag object made with git mktag (any object, any name), not pointed to by any ref. */
export function mktag(repo: Repo, options: { object: string; type?: string; tag: string; message?: string }): string {
  const body = `object ${options.object}\ntype ${options.type ?? 'commit'}\ntag ${options.tag}\ntagger Test <test@example.com> 1700000000 +0000\n\n${options.message ?? options.tag}\n`;
  return execFileSync('git', ['mktag'], { cwd: repo.dir, env: gitEnv(), input: body, encoding: 'utf8' }).trim();
}

/** Blocks until the wall clock is in a new second (for tests about whole-second stat data). */
export function waitForNextSecond(): void {
  const start = Math.floor(Date.now() / 1000);
  const cell = new Int32Array(new SharedArrayBuffer(4));
  while (Math.floor(Date.now() / 1000) === start) Atomics.wait(cell, 0, 0, 20);
}

/** Blocks until the wall clock is at most `ms` into its current second. */
export function waitForSecondStart(ms = 100): void {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  while (Date.now() % 1000 > ms) Atomics.wait(cell, 0, 0, 5);
}

export interface TimedRun extends RunResult {
  ms: number;
  /** The signal the test's own time limit killed the CLI with, or null. */
  killed: string | null;
}

/** Runs the built CLI with a hard time limit, reporting whether the limit killed it. */
export function runCliTimed(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; limitMs: number },
): TimedRun {
  const start = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: gitEnv(options.env),
    encoding: 'utf8',
    timeout: options.limitMs,
    killSignal: 'SIGKILL',
  });
  return {
    code: r.status ?? -1,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
    ms: Date.now() - start,
    killed: r.signal ?? null,
  };
}

/** Runs the built CLI asynchronously with a hard time limit (for tests that watch something meanwhile). */
export function runCliAsyncTimed(
  bin: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; limitMs: number },
): Promise<TimedRun> {
  return new Promise((resolve) => {
    const start = Date.now();
    const child = spawn(bin === BIN ? process.execPath : bin, bin === BIN ? [BIN, ...args] : args, {
      cwd: options.cwd,
      env: gitEnv(options.env),
    });
    let stdout = '';
    let stderr = '';
    let killed: string | null = null;
    const timer = setTimeout(() => {
      killed = 'SIGKILL';
      child.kill('SIGKILL');
    }, options.limitMs);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => {
      clearTimeout(timer);
      // Do not wait for the pipes: something the CLI started may hold them open.
      child.stdout.destroy();
      child.stderr.destroy();
      resolve({ code: code ?? -1, stdout, stderr, ms: Date.now() - start, killed });
    });
  });
}

/** Whether a process is alive (a zombie counts as gone). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/** Expects plain `git status --porcelain` to see nothing (the control for hidden changes). */
export function expectGitSeesNothing(repo: Repo): void {
  expect(repo.tryGit(['status', '--porcelain']).stdout, 'control: plain git status').toBe('');
}
