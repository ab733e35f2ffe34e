// A whole release as a user runs it, from the packed tarball: init, npm version, push, stamp;
// and the refusals on the way (a dirty publish, a describe-shaped version).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gitEnv, Repo, tempDir } from '../helpers/git-repo.js';
import { hookedRepo, packedInstall } from '../helpers/packed.js';

beforeAll(() => {
  packedInstall();
}, 180_000);

const SCRIPTS = {
  preversion: 'stampguard check --mode preflight',
  postversion: 'stampguard check && git push --follow-tags',
  prepublishOnly: 'stampguard check',
};

function npm(repo: Repo, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync('npm', args, {
    cwd: repo.dir,
    env: gitEnv({ npm_config_loglevel: 'error', ...env }),
    encoding: 'utf8',
  });
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

function releaseRepo(): { repo: Repo; remote: Repo } {
  const repo = hookedRepo({ version: '1.0.0', files: { '.gitignore': 'node_modules\nbuild/\n' } });
  const pkg = JSON.parse(repo.read('package.json'));
  repo.write('package.json', `${JSON.stringify({ ...pkg, scripts: { ...pkg.scripts, ...SCRIPTS } }, null, 2)}\n`);
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'release scripts');
  repo.git('tag', '-a', 'v1.0.0', '-m', 'v1.0.0', 'HEAD~1');
  const bare = path.join(tempDir(), 'remote.git');
  execFileSync('git', ['init', '-q', '--bare', bare], { env: gitEnv() });
  repo.git('remote', 'add', 'origin', bare);
  repo.git('push', '-q', '-u', 'origin', 'main');
  return { repo, remote: new Repo(bare) };
}

describe('a release with npm version', () => {
  it('npm version minor → commit, tag v1.1.0 accepted by the hooks, pushed, then stamped', () => {
    const { repo, remote } = releaseRepo();
    const r = npm(repo, ['version', 'minor']);
    expect(r.stderr).not.toContain('refused');
    expect(r.code).toBe(0);
    expect(repo.git('describe', '--tags', '--exact-match').trim()).toBe('v1.1.0');
    expect(remote.git('tag', '-l').trim().split('\n')).toContain('v1.1.0');
    expect(remote.git('rev-parse', 'main').trim()).toBe(repo.head());
    expect(repo.stampguard(['version'])).toMatchObject({ code: 0, stdout: '1.1.0\n' });
    const stamp = repo.stampguard(['stamp', '--out', 'build/version.json'], { SOURCE_DATE_EPOCH: '1700000000' });
    expect(stamp.code).toBe(0);
    expect(JSON.parse(repo.read('build/version.json'))).toMatchObject({
      version: '1.1.0',
      tag: 'v1.1.0',
      commit: repo.head(),
      treeState: 'clean',
    });
  });

  it('npm publish from a dirty tree is stopped by prepublishOnly', () => {
    const { repo } = releaseRepo();
    expect(npm(repo, ['version', 'patch']).code).toBe(0);
    repo.write('index.js', 'module.exports = 1;\n');
    const r = npm(repo, ['publish', '--dry-run']);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('untracked-files');
    repo.git('add', 'index.js');
    const staged = npm(repo, ['publish', '--dry-run']);
    expect(staged.code).not.toBe(0);
    expect(staged.stdout + staged.stderr).toContain('dirty-tree');
  });

  it('preversion stops npm version before it bumps anything when the tree is not clean', () => {
    const { repo } = releaseRepo();
    repo.write('notes.txt', 'not committed');
    const r = npm(repo, ['version', 'minor']);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('untracked-files');
    expect(JSON.parse(repo.read('package.json')).version).toBe('1.0.0');
    expect(repo.git('log', '-1', '--format=%s').trim()).toBe('release scripts');
    expect(repo.git('tag', '-l').trim()).toBe('v1.0.0');
  });

  it('a describe-shaped version never gets committed or tagged', () => {
    const { repo } = releaseRepo();
    const r = npm(repo, ['version', '0.1.0-284-g0214af0']);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('nonstandard-version');
    expect(repo.git('tag', '-l').trim()).toBe('v1.0.0');
    expect(repo.git('log', '-1', '--format=%s').trim()).toBe('release scripts');
    expect(existsSync(path.join(repo.dir, 'build'))).toBe(false);
  });
});
