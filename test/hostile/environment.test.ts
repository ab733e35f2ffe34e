// Failing environments: git missing, too old, killed or hanging, and hooks fed no input or a flood
// of it. stampguard must exit 2 with a clear message (or 0 for hooks with nothing to check),
// promptly, never hang and never crash.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, gitEnv, makeRepo, type Repo, type RunResult, tempDir } from '../helpers/git-repo.js';

const ZERO = '0'.repeat(40);
const REAL_GIT = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();

/** A directory holding one executable `git` script, to put first on PATH. */
function fakeGit(body: string): string {
  const dir = tempDir('stampguard-fakegit-');
  const file = path.join(dir, 'git');
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return dir;
}

/** `case` pattern that is true when any argument is `status`. */
const IF_STATUS = 'for a in "$@"; do [ "$a" = status ] && is_status=1; done';

/**
 * The built CLI with a hard limit: spawnSync kills it after `limitMs`, and the result says so, so
 * a hang fails the assertion instead of the whole run.
 */
function runBounded(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string; limitMs?: number },
): RunResult & { ms: number; timedOut: boolean } {
  const started = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: gitEnv(options.env),
    encoding: 'utf8',
    timeout: options.limitMs ?? 15_000,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
    ...(options.input !== undefined && { input: options.input }),
  });
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ms: Date.now() - started, timedOut };
}

function released(): Repo {
  const repo = makeRepo({ version: '1.0.0' });
  repo.tag('v1.0.0');
  return repo;
}

// Background processes a fake git leaves behind (their pids), stopped after each test.
const pidFiles: string[] = [];
afterEach(() => {
  for (const file of pidFiles.splice(0)) {
    if (!existsSync(file)) continue;
    for (const pid of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
});

describe('git missing, too old, killed or hanging: exit 2 with a clear message', () => {
  it('git not on PATH (PATH holds only a directory with node in it)', () => {
    const repo = released();
    const nodeOnly = tempDir('stampguard-nodeonly-');
    symlinkSync(process.execPath, path.join(nodeOnly, 'node'));
    // node's own directory may hold git too (/usr/bin), hence a directory of its own.
    expect(spawnSync('/bin/sh', ['-c', 'command -v git'], { env: { PATH: nodeOnly } }).status).not.toBe(0);
    for (const args of [['check'], ['check', '--json'], ['version'], ['hook', 'pre-commit']]) {
      const r = runBounded(args, { cwd: repo.dir, env: { PATH: nodeOnly } });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr).toMatch(/^stampguard: could not run: /);
      expect(r.stderr).toContain('git was not found on PATH');
      expect(r.stderr).toContain('git 2.26 or newer');
    }
  });

  it('a git that reports version 2.10.0 and rejects every other command with exit 129', () => {
    const repo = released();
    const dir = fakeGit(
      'for a in "$@"; do case $a in version|--version) echo "git version 2.10.0"; exit 0 ;; esac; done\necho "error: unknown option" >&2\nexit 129',
    );
    const env = { PATH: `${dir}:${process.env.PATH}` };
    expect(spawnSync('git', ['--version'], { env: gitEnv(env), encoding: 'utf8' }).stdout).toBe('git version 2.10.0\n');
    for (const args of [['check', '--json'], ['version'], ['check', '--mode', 'commit']]) {
      const r = runBounded(args, { cwd: repo.dir, env });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('git 2.10 is too old: stampguard needs git 2.26 or newer');
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    }
  });

  it('a git that kills itself with SIGKILL on status (everything else goes to the real git)', () => {
    const repo = released();
    const dir = fakeGit(`${IF_STATUS}\n[ -n "$is_status" ] && kill -KILL $$\nexec '${REAL_GIT}' "$@"`);
    const env = { PATH: `${dir}:${process.env.PATH}` };
    expect(spawnSync('git', ['rev-parse', 'HEAD'], { cwd: repo.dir, env: gitEnv(env) }).status).toBe(0); // delegates
    expect(spawnSync('git', ['status'], { cwd: repo.dir, env: gitEnv(env) }).signal).toBe('SIGKILL');
    const r = runBounded(['check', '--json'], { cwd: repo.dir, env });
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('git status was killed by SIGKILL');
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it('a git that hangs on status (sleep 30 in its place), with STAMPGUARD_GIT_TIMEOUT_MS=500: stopped, exit 2', () => {
    const repo = released();
    const pids = path.join(tempDir(), 'pids');
    pidFiles.push(pids);
    const dir = fakeGit(
      `${IF_STATUS}\n[ -n "$is_status" ] && { echo $$ >> '${pids}'; exec sleep 30; }\nexec '${REAL_GIT}' "$@"`,
    );
    const r = runBounded(['check', '--json'], {
      cwd: repo.dir,
      env: { PATH: `${dir}:${process.env.PATH}`, STAMPGUARD_GIT_TIMEOUT_MS: '500' },
    });
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('did not finish');
    expect(r.stderr).toContain('git status');
  });

  // The same hang, but the git process has a child of its own holding git's stdout and stderr
  // open (as real git has when it runs a submodule's status, a filter, or a wrapper script runs
  // the real git). Killing git alone leaves the pipes open; stampguard must still stop at once.
  it('a git whose child process keeps the output pipes open after git is killed: still stopped promptly, exit 2', () => {
    const repo = released();
    const pids = path.join(tempDir(), 'pids');
    pidFiles.push(pids);
    const dir = fakeGit(
      `${IF_STATUS}\nif [ -n "$is_status" ]; then sleep 30 & echo $! >> '${pids}'; wait; exit 0; fi\nexec '${REAL_GIT}' "$@"`,
    );
    const r = runBounded(['check', '--json'], {
      cwd: repo.dir,
      env: { PATH: `${dir}:${process.env.PATH}`, STAMPGUARD_GIT_TIMEOUT_MS: '500' },
      limitMs: 8_000,
    });
    expect(r.timedOut, `still running after ${r.ms} ms`).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did not finish');
  }, 15_000);
});

describe('hook input: none, or a flood', () => {
  it('hook pre-push with stdin closed at once (no refs): exit 0, silent', () => {
    const repo = released();
    const r = runBounded(['hook', 'pre-push', 'origin', 'url'], { cwd: repo.dir, input: '' });
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '', timedOut: false });
  });

  it('hook pre-push with stdin on /dev/null (not a pipe): exit 0', () => {
    const repo = released();
    const r = spawnSync(process.execPath, [BIN, 'hook', 'pre-push', 'origin', 'url'], {
      cwd: repo.dir,
      env: gitEnv(),
      encoding: 'utf8',
      timeout: 15_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
  });

  it('hook pre-push with 100,000 branch ref lines and no tags: exit 0, no hang', () => {
    const repo = released();
    const head = repo.head();
    let input = '';
    for (let i = 0; i < 100_000; i++) input += `refs/heads/b${i} ${head} refs/heads/b${i} ${ZERO}\n`;
    const r = runBounded(['hook', 'pre-push', 'origin', 'url'], { cwd: repo.dir, input });
    expect(r.timedOut).toBe(false);
    expect(r).toMatchObject({ code: 0, stderr: '' });
  });

  it('hook pre-push with 100,000 branch lines and one bad tag at the end: the tag is still found and refused', () => {
    const repo = released();
    const head = repo.head();
    let input = '';
    for (let i = 0; i < 100_000; i++) input += `refs/heads/b${i} ${head} refs/heads/b${i} ${ZERO}\n`;
    input += `refs/tags/v1.0.0-1-gdeadbee ${head} refs/tags/v1.0.0-1-gdeadbee ${ZERO}\n`;
    const r = runBounded(['hook', 'pre-push', 'origin', 'url'], { cwd: repo.dir, input });
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('v1.0.0-1-gdeadbee');
    expect(r.stderr).toContain('nonstandard-version');
  });

  it('hook reference-transaction prepared with 100,000 branch ref lines: exit 0', () => {
    const repo = released();
    const head = repo.head();
    let input = '';
    for (let i = 0; i < 100_000; i++) input += `${ZERO} ${head} refs/heads/b${i}\n`;
    const r = runBounded(['hook', 'reference-transaction', 'prepared'], { cwd: repo.dir, input });
    expect(r.timedOut).toBe(false);
    expect(r).toMatchObject({ code: 0, stderr: '' });
  });

  it('hook input that is not ref lines at all (binary noise, a 1 MB line) is ignored: exit 0', () => {
    const repo = released();
    const noise = `${'x'.repeat(1_000_000)}\n\0\u0001garbage\r\n${ZERO} ${ZERO}\nrefs/tags/v1.0.0 not-an-oid refs/tags/v1.0.0 ${ZERO}\n`;
    for (const args of [
      ['hook', 'pre-push', 'origin', 'url'],
      ['hook', 'reference-transaction', 'prepared'],
    ]) {
      const r = runBounded(args, { cwd: repo.dir, input: noise });
      expect(r.timedOut).toBe(false);
      expect(r.code, args.join(' ')).toBe(0);
    }
  });
});
