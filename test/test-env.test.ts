// The environment the tests' processes get (gitEnv): what a user's shell would give them, not what
// `npm test` adds around the suite.
import { execFileSync } from 'node:child_process';
import { existsSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitEnv, makeEmptyRepo, makeRepo, PROJECT_ROOT, Repo, tempDir } from './helpers/git-repo.js';
import { fastTmpdir, TMPFS_MAGIC } from './helpers/tmpdir.js';

const inShell = (script: string) => execFileSync('sh', ['-c', script], { env: gitEnv(), encoding: 'utf8' }).trim();

describe('the environment of test processes', () => {
  it("runs the machine's npm, not the one in this project's node_modules (a devDependency's)", () => {
    const npm = inShell('command -v npm');
    expect(npm).not.toBe('');
    expect(path.resolve(npm).startsWith(path.join(PROJECT_ROOT, 'node_modules'))).toBe(false);
    // Under `npm test` (or npx vitest), the npm that started the suite names itself.
    const agent = /^npm\/(\S+)/.exec(process.env.npm_config_user_agent ?? '');
    if (agent) expect(inShell('npm --version')).toBe(agent[1]);
  });

  it('runs the node that runs the suite (`npx -p node@22 -- npm test` puts its own first on PATH)', () => {
    expect(inShell('node -p process.version')).toBe(process.version);
  });

  it('keeps git away from the user: no GIT_* variables of theirs, no system config, a test global config', () => {
    const env = gitEnv();
    expect(
      Object.keys(env).filter(
        (key) => key.startsWith('GIT_') && !key.startsWith('GIT_CONFIG_') && !/^GIT_(AUTHOR|COMMITTER)_/.test(key),
      ),
    ).toEqual([]);
    expect(env.GIT_CONFIG_NOSYSTEM).toBe('1');
    expect(inShell('git config --global user.email')).toBe('test@example.com');
    expect(env.NODE_EXTRA_CA_CERTS).toBeUndefined();
    // CI runs `npx -p node@22 -- npm test`: npx's package list must not reach the tests' npm exec
    expect(env.npm_config_package).toBeUndefined();
  });
});

describe('where the temporary repositories go', () => {
  it('a TMPDIR the user set wins, and only Linux looks for /dev/shm', () => {
    expect(fastTmpdir({ TMPDIR: '/somewhere' }, 'linux')).toBeNull();
    expect(fastTmpdir({}, 'darwin')).toBeNull();
    expect(fastTmpdir({}, 'win32')).toBeNull();
  });

  it('only a tmpfs with room, where scripts run, is taken', () => {
    const project = statfsSync(PROJECT_ROOT);
    if (project.type !== TMPFS_MAGIC) expect(fastTmpdir({}, 'linux', PROJECT_ROOT)).toBeNull();
    expect(fastTmpdir({}, 'linux', path.join(PROJECT_ROOT, 'no-such-folder'))).toBeNull();
    const shm = (() => {
      try {
        return statfsSync('/dev/shm');
      } catch {
        return null;
      }
    })();
    if (process.platform === 'linux' && shm?.type === TMPFS_MAGIC && shm.bavail * shm.bsize >= 2 * 2 ** 30)
      expect(fastTmpdir({}, 'linux')).toBe('/dev/shm');
  });

  it('the folder vitest.config.ts chose is where the tests and their processes make files', () => {
    const chosen = process.env.STAMPGUARD_TEST_TMPDIR;
    if (chosen === undefined) {
      expect(process.env.TMPDIR === undefined || process.env.TMPDIR === tmpdir()).toBe(true);
      return;
    }
    expect(tmpdir()).toBe(chosen);
    expect(statfsSync(tempDir()).type).toBe(TMPFS_MAGIC);
    expect(inShell('echo "$TMPDIR"')).toBe(chosen);
  });
});

describe('Repo.head', () => {
  it('agrees with git rev-parse HEAD: on a branch, detached, after pack-refs, in a linked worktree', () => {
    const repo = makeRepo();
    const agree = (r: Repo) => expect(r.head()).toBe(r.git('rev-parse', 'HEAD').trim());
    agree(repo);
    const second = repo.commit('second');
    agree(repo);
    repo.git('checkout', '-q', '--detach', 'HEAD~1');
    agree(repo);
    repo.git('checkout', '-q', 'main');
    repo.git('pack-refs', '--all');
    expect(existsSync(path.join(repo.dir, '.git/refs/heads/main'))).toBe(false);
    expect(repo.head()).toBe(second);
    const linked = path.join(tempDir(), 'linked');
    repo.git('worktree', 'add', '-q', '--detach', linked, 'HEAD~1');
    agree(new Repo(linked));
    expect(() => makeEmptyRepo().head()).toThrow();
  });
});
