// The `git tag` hook cannot be talked out of checking, and costs nothing on fetch: real git, real
// husky, the packed tarball. Every refusal is on a dirty tree, so a check that runs refuses.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gitEnv, Repo, tempDir } from '../helpers/git-repo.js';
import { hookedRepo, packedInstall } from '../helpers/packed.js';

beforeAll(() => {
  packedInstall();
}, 180_000);

const tags = (repo: Repo) => repo.git('tag', '-l').split('\n').filter(Boolean).sort();

/** A hooked repository with package.json at 1.2.0 and an untracked file (so a tag check refuses). */
function dirtyRepo(): Repo {
  const repo = hookedRepo({ version: '1.2.0' });
  repo.write('scratch.txt', 'not committed');
  return repo;
}

/** A `node` first on PATH that counts its starts, so "node never started" can be asserted. */
function nodeCounter(): { env: NodeJS.ProcessEnv; starts: () => number } {
  const dir = tempDir();
  const log = path.join(dir, 'starts.log');
  writeFileSync(path.join(dir, 'node'), `#!/bin/sh\necho x >> '${log}'\nexec '${process.execPath}' "$@"\n`);
  chmodSync(path.join(dir, 'node'), 0o755);
  return {
    env: { PATH: `${dir}${path.delimiter}${process.env.PATH}` },
    starts: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0),
  };
}

function bareRemote(repo: Repo): Repo {
  const bare = path.join(tempDir(), 'remote.git');
  execFileSync('git', ['init', '-q', '--bare', bare], { env: gitEnv() });
  repo.git('remote', 'add', 'origin', bare);
  repo.git('push', '-q', 'origin', 'main');
  return new Repo(bare);
}

describe('git tag: the git command decides, never the words in its arguments', () => {
  it.each([
    ['a merge-sounding message', ['tag', '-a', 'v9.2.0', '-m', 'Merge pull request #42']],
    ['a message naming fetch', ['tag', '-a', 'v1.1.0', '-m', 'Fix fetch timeout']],
    ['a message naming every passing command', ['tag', '-a', 'v1.1.0', '-m', 'gc pack-refs clone remote pull']],
    ['a branch named fetch', ['tag', 'v1.1.0', 'fetch']],
    ['global options before the command', ['-c', 'x.y=1', '-C', '.', '--no-pager', 'tag', 'v1.2.0']],
    ['--git-dir and --work-tree', ['--git-dir=.git', '--work-tree=.', 'tag', 'v1.2.0']],
    ['an alias defined with -c', ['-c', 'alias.mk=tag', 'mk', 'v1.2.0']],
    ['a configured alias', ['t', 'v1.2.0']],
    ['update-ref', ['update-ref', 'refs/tags/v1.2.0', 'HEAD']],
  ])('refuses a tag on a dirty tree with %s', (_what, args) => {
    const repo = dirtyRepo();
    repo.git('branch', 'fetch');
    repo.git('config', 'alias.t', 'tag');
    const r = repo.tryGit(args);
    expect(r.code).toBe(128);
    expect(r.stderr).toContain('untracked-files');
    expect(r.stderr).toContain('ref updates aborted by hook');
    expect(tags(repo)).toEqual([]);
  });

  it('passes what is not a local tag creation on a dirty tree: fetch, pull, pack-refs, gc, tag -d, other tags', () => {
    const repo = hookedRepo({ version: '1.0.0' });
    const remote = bareRemote(repo);
    const other = path.join(tempDir(), 'other');
    execFileSync('git', ['clone', '-q', remote.dir, other], { env: gitEnv() });
    const otherRepo = new Repo(other);
    otherRepo.git('tag', 'v1.0.0');
    otherRepo.git('tag', '-a', 'v0.9.0', '-m', 'older');
    otherRepo.commit('more');
    otherRepo.git('push', '-q', 'origin', 'main', '--tags');
    repo.write('scratch.txt', 'dirty');
    expect(repo.tryGit(['fetch', '-q', 'origin', 'refs/tags/v0.9.0:refs/tags/v0.9.0'])).toMatchObject({
      code: 0,
      stderr: '',
    });
    expect(repo.tryGit(['pull', '-q', '--ff-only', '--tags', 'origin', 'main'])).toMatchObject({ code: 0 });
    expect(tags(repo)).toEqual(['v0.9.0', 'v1.0.0']);
    expect(repo.tryGit(['pack-refs', '--all']).code).toBe(0);
    expect(repo.tryGit(['gc', '-q']).code).toBe(0);
    expect(repo.tryGit(['tag', '-d', 'v0.9.0']).code).toBe(0);
    expect(repo.tryGit(['tag', 'deploy-prod']).code).toBe(0);
    expect(tags(repo)).toEqual(['deploy-prod', 'v1.0.0']);
  });

  it('npm version with a tag message naming pull: npm is stopped before it commits, and without the preversion guard the tag is refused', () => {
    const npm = (repo: Repo, args: string[]) =>
      spawnSync('npm', args, { cwd: repo.dir, env: gitEnv({ npm_config_loglevel: 'error' }), encoding: 'utf8' });
    const guarded = dirtyRepo();
    const head = guarded.head();
    const stopped = npm(guarded, ['version', 'patch', '-m', 'Release %s: fix pull handling']);
    expect(stopped.status).not.toBe(0);
    expect(`${stopped.stdout}${stopped.stderr}`).toContain('untracked-files');
    expect(guarded.head()).toBe(head); // nothing committed
    expect(tags(guarded)).toEqual([]);
    // Without the preversion guard (init --no-scripts), npm commits the bump; the tag is still refused.
    const bare = hookedRepo({ version: '1.2.0', init: false });
    expect(bare.stampguard(['init', '--no-scripts']).code).toBe(0);
    bare.git('add', '-A');
    bare.git('commit', '-q', '-m', 'hooks');
    bare.write('scratch.txt', 'not committed');
    const r = npm(bare, ['version', 'patch', '-m', 'Release %s: fix pull handling']);
    expect(r.status).not.toBe(0);
    expect(`${r.stdout}${r.stderr}`).toContain('untracked-files');
    expect(tags(bare)).toEqual([]);
    expect(bare.git('log', '-1', '--format=%s').trim()).toBe('Release 1.2.1: fix pull handling');
  });
});

describe('git tag: what is decided, and documented', () => {
  it('GIT_DIR and GIT_WORK_TREE from outside the work tree: git runs no hook at all (relative core.hooksPath); pre-push still refuses the tag', () => {
    const repo = dirtyRepo();
    bareRemote(repo);
    const outside = tempDir();
    const env = (extra: NodeJS.ProcessEnv = {}) =>
      gitEnv({ GIT_DIR: path.join(repo.dir, '.git'), GIT_WORK_TREE: repo.dir, ...extra });
    // Control: a marker in place of the pre-filter runs from inside the work tree, not from outside.
    const hook = path.join(repo.dir, '.husky/_/reference-transaction');
    const ours = readFileSync(hook, 'utf8');
    const marker = path.join(tempDir(), 'marker');
    writeFileSync(hook, '#!/bin/sh\n: > "$MARKER"\n');
    execFileSync('git', ['tag', 'probe-outside'], { cwd: outside, env: env({ MARKER: marker }) });
    expect(existsSync(marker)).toBe(false);
    execFileSync('git', ['tag', 'probe-inside'], { cwd: repo.dir, env: gitEnv({ MARKER: marker }) });
    expect(existsSync(marker)).toBe(true);
    writeFileSync(hook, ours);
    repo.git('tag', '-d', 'probe-outside', 'probe-inside');
    rmSync(marker);
    // So the tag is made; it is refused when it would leave the machine.
    const r = spawnSync('git', ['tag', 'v1.3.0'], { cwd: outside, env: env(), encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(tags(repo)).toEqual(['v1.3.0']);
    const push = repo.tryGit(['push', 'origin', 'v1.3.0']);
    expect(push.code).not.toBe(0);
    expect(push.stderr).toContain('version-mismatch');
  });

  it('git fetch . HEAD:refs/tags/vX is a fetch: the tag is made; pre-push refuses a bad one', () => {
    const repo = dirtyRepo();
    bareRemote(repo);
    expect(repo.tryGit(['fetch', '-q', '.', 'HEAD:refs/tags/v1.3.0']).code).toBe(0);
    expect(tags(repo)).toEqual(['v1.3.0']);
    const push = repo.tryGit(['push', 'origin', 'v1.3.0']);
    expect(push.code).not.toBe(0);
    expect(push.stderr).toContain('version-mismatch');
  });

  it('git tag -f re-pointing an annotated tag to the same commit passes on a dirty tree; the tag object rules still hold', () => {
    const repo = hookedRepo({ version: '1.2.0', files: { '.stampguardrc.json': '{"requireAnnotatedTag": true}\n' } });
    repo.git('tag', '-a', 'v1.2.0', '-m', 'first');
    repo.write('scratch.txt', 'dirty');
    const before = repo.git('rev-parse', 'v1.2.0').trim();
    // A new tag object for the same commit (HEAD): a better message, or a signature added.
    expect(repo.tryGit(['tag', '-f', '-a', 'v1.2.0', '-m', 'better message'])).toMatchObject({ code: 0 });
    expect(repo.git('rev-parse', 'v1.2.0').trim()).not.toBe(before);
    expect(repo.git('rev-parse', 'v1.2.0^{}').trim()).toBe(repo.head());
    // Lightweight at the same commit: requireAnnotatedTag still refuses it, and only that.
    const light = repo.tryGit(['tag', '-f', 'v1.2.0', 'HEAD']);
    expect(light.code).toBe(128);
    expect(light.stderr).toContain('tag-not-annotated');
    expect(light.stderr).not.toContain('untracked-files');
    // Moved to another commit: every check applies.
    repo.commit('later', { 'scratch.txt': 'committed' });
    repo.write('scratch2.txt', 'dirty');
    const moved = repo.tryGit(['tag', '-f', '-a', 'v1.2.0', '-m', 'moved']);
    expect(moved.code).toBe(128);
    expect(moved.stderr).toContain('untracked-files');
  });
});

describe('git fetch of many tags', () => {
  function remoteWithTags(count: number): { repo: Repo; remote: string } {
    const repo = hookedRepo({ version: '1.0.0' });
    const remote = bareRemote(repo);
    const head = repo.head();
    const lines = Array.from({ length: count }, (_, i) => `create refs/tags/v2.0.${i} ${head}\n`).join('');
    execFileSync('git', ['update-ref', '--stdin'], { cwd: remote.dir, env: gitEnv(), input: lines });
    repo.write('package.json', repo.read('package.json').replace('1.0.0', '9.9.9')); // dirty and mismatched
    return { repo, remote: remote.dir };
  }

  it.each([
    ['plain (one transaction per tag on git 2.39)', []],
    ['--atomic (one transaction)', ['--atomic']],
  ])('a %s fetch of 300 new tags on a dirty tree gets them all and never starts node', (_what, flags) => {
    const { repo } = remoteWithTags(300);
    const node = nodeCounter();
    const r = repo.tryGit(['fetch', '-q', '--no-tags', ...flags, 'origin', 'refs/tags/*:refs/tags/*'], node.env);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(tags(repo)).toHaveLength(300);
    expect(node.starts()).toBe(0);
    // Control: the same PATH counts node when the hook does start it.
    repo.tryGit(['tag', 'v3.0.0'], node.env);
    expect(node.starts()).toBeGreaterThan(0);
  });

  it('pack-refs of 500 tags passes at once', () => {
    const { repo, remote } = remoteWithTags(500);
    // Set-up only: fetched with the hooks off, so the test measures pack-refs alone.
    repo.git('-c', 'core.hooksPath=/dev/null', 'fetch', '-q', '--no-tags', remote, 'refs/tags/*:refs/tags/*');
    const node = nodeCounter();
    const started = Date.now();
    expect(repo.tryGit(['pack-refs', '--all'], node.env).code).toBe(0);
    expect(node.starts()).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000); // generous: it does not hang
  });

  it('a fetch in a linked worktree (GIT_DIR set for the hook) passes too', () => {
    const { repo } = remoteWithTags(20);
    const wt = path.join(tempDir(), 'wt');
    repo.git('worktree', 'add', '-q', wt);
    const worktree = new Repo(wt);
    execFileSync('ln', ['-s', path.join(repo.dir, 'node_modules'), path.join(wt, 'node_modules')]);
    execFileSync(path.join(repo.dir, 'node_modules/.bin/husky'), [], { cwd: wt, env: gitEnv() });
    expect(worktree.stampguard(['install-hooks']).code).toBe(0);
    worktree.write('scratch.txt', 'dirty');
    const node = nodeCounter();
    expect(worktree.tryGit(['fetch', '-q', '--no-tags', 'origin', 'refs/tags/*:refs/tags/*'], node.env)).toMatchObject({
      code: 0,
    });
    expect(tags(worktree)).toHaveLength(20);
    expect(node.starts()).toBe(0);
    expect(worktree.tryGit(['tag', 'v5.0.0']).code).toBe(128);
  });
});
