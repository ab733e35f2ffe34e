// `check --fetch` returns when git does: a transport that leaves a child holding stderr open (ssh
// with ControlPersist does) must not keep stampguard waiting, and on a timeout the whole process
// group goes, not only git. The "ssh" here is a script reached through GIT_SSH_COMMAND that runs
// git-upload-pack on a local bare repository.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, gitEnv, makeRepo, Repo, tempDir } from '../helpers/git-repo.js';
import { alive, codes, runCliAsyncTimed } from '../helpers/trust.js';

const started: number[] = [];
afterEach(() => {
  // Only the processes these tests' scripts started, by the pids they wrote down.
  for (const pid of started.splice(0)) {
    try {
      if (alive(pid)) process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

function readPids(file: string): number[] {
  if (!existsSync(file)) return [];
  const pids = readFileSync(file, 'utf8').split(/\s+/).filter(Boolean).map(Number);
  started.push(...pids);
  return pids;
}

/**
 * A released clone whose origin is reached through a fake ssh (`script` is its body after the
 * shebang; it gets "host command" and writes pids to PIDS), and an origin one commit ahead.
 */
function sshClone(script: string): { repo: Repo; env: NodeJS.ProcessEnv; pids: string; upstream: string } {
  const src = makeRepo({ version: '1.0.0' });
  src.tag('v1.0.0');
  const bare = path.join(tempDir(), 'origin.git');
  execFileSync('git', ['clone', '-q', '--bare', src.dir, bare], { env: gitEnv() });
  const dir = path.join(tempDir(), 'clone');
  execFileSync('git', ['clone', '-q', bare, dir], { env: gitEnv() });
  const repo = new Repo(dir);
  repo.git('remote', 'set-url', 'origin', `fake-host.invalid:${bare}`);
  // Someone pushes one more commit to origin.
  src.git('remote', 'add', 'origin', bare);
  const upstream = src.commit('upstream work');
  src.git('push', '-q', 'origin', 'main');

  const tools = tempDir('stampguard-ssh-');
  const pids = path.join(tools, 'PIDS');
  const ssh = path.join(tools, 'fake-ssh');
  writeFileSync(ssh, `#!/bin/sh\nPIDS='${pids}'\n${script}`, { mode: 0o755 });
  return { repo, env: { GIT_SSH_COMMAND: ssh, GIT_SSH_VARIANT: 'simple' }, pids, upstream };
}

describe('I29 --fetch returns when git does', () => {
  it('a transport child holding stderr open for 30 s: check --fetch returns in well under 15 s, with the fetch done', async () => {
    const { repo, env, pids, upstream } = sshClone(
      // Like a ControlPersist master: a background process that keeps stderr open, then the real work.
      'sleep 30 </dev/null >/dev/null &\necho $! >> "$PIDS"\nfor last; do :; done\nexec sh -c "$last"\n',
    );
    // Control: plain git fetch completes (git itself does not wait for the sleeper).
    const start = Date.now();
    execFileSync('git', ['fetch', '-q', '--dry-run'], {
      cwd: repo.dir,
      env: gitEnv(env),
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    expect(Date.now() - start, 'control: git fetch alone returns at once').toBeLessThan(10_000);

    const r = await runCliAsyncTimed(BIN, ['check', '--fetch', '--json'], { cwd: repo.dir, env, limitMs: 40_000 });
    readPids(pids);
    expect(r.killed, `still running after ${r.ms} ms`).toBeNull();
    expect(r.ms, 'ms until check --fetch returned').toBeLessThan(15_000);
    expect(repo.git('rev-parse', 'refs/remotes/origin/main').trim(), 'the fetch was done').toBe(upstream);
    expect(codes(JSON.parse(r.stdout))).toContain('behind-upstream');
  }, 60_000);

  it('a fetch that hangs past STAMPGUARD_GIT_TIMEOUT_MS: exit 2 soon after, and the whole process group is gone', async () => {
    const { repo, env, pids } = sshClone(
      // Never answers: a background sleeper holding stderr, and the "ssh" itself waiting with git's
      // pipes open, so git waits for it until the timeout.
      'sleep 60 </dev/null >/dev/null &\necho $! >> "$PIDS"\necho $$ >> "$PIDS"\nexec sleep 30\n',
    );
    const r = await runCliAsyncTimed(BIN, ['check', '--fetch'], {
      cwd: repo.dir,
      env: { ...env, STAMPGUARD_GIT_TIMEOUT_MS: '2000' },
      limitMs: 40_000,
    });
    const written = readPids(pids);
    expect(written.length, 'the fake ssh ran').toBe(2);
    const survivors = written.filter(alive);
    expect(r.killed, `still running after ${r.ms} ms; survivors ${survivors.join(' ')}`).toBeNull();
    expect(r.ms).toBeLessThan(18_000); // the sleeper would keep it 60 s
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr, 'it was the timeout that ended it').toMatch(/did not finish within 2 s/);
    expect(survivors, 'processes of the fetch still alive after stampguard exited').toEqual([]);
  }, 60_000);
});
