// The hooks as users meet them: the packed package, `stampguard init`, real husky, and real
// git commit / git tag / git push against a local bare remote.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gitEnv, Repo, tempDir } from '../helpers/git-repo.js';
import { hookedRepo, packedInstall } from '../helpers/packed.js';

beforeAll(() => {
  packedInstall();
}, 180_000);

const tags = (repo: Repo) => repo.git('tag', '-l').split('\n').filter(Boolean);

function withRemote(repo: Repo): Repo {
  const bare = path.join(tempDir(), 'remote.git');
  execFileSync('git', ['init', '-q', '--bare', bare], { env: gitEnv() });
  repo.git('remote', 'add', 'origin', bare);
  repo.git('push', '-q', 'origin', 'main');
  return new Repo(bare);
}

describe('git tag through the reference-transaction hook', () => {
  it('refuses a tag on a dirty tree and leaves no tag behind; a clean matching tree gets it', () => {
    const repo = hookedRepo({ version: '1.2.0' });
    repo.write('package.json', repo.read('package.json').replace('"demo"', '"demo2"'));
    const refused = repo.tryGit(['tag', 'v1.2.0']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('dirty-tree');
    expect(refused.stderr).toContain('STAMPGUARD=0');
    expect(tags(repo)).toEqual([]);
    repo.git('checkout', '--', 'package.json');
    expect(repo.tryGit(['tag', 'v1.2.0']).code).toBe(0);
    expect(tags(repo)).toEqual(['v1.2.0']);
  });

  it('guards annotated tags too, and names the mismatch', () => {
    const repo = hookedRepo({ version: '1.2.0' });
    const refused = repo.tryGit(['tag', '-a', 'v1.3.0', '-m', 'v1.3.0']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('version-mismatch');
    expect(tags(repo)).toEqual([]);
    expect(repo.tryGit(['tag', '-a', 'v1.2.0', '-m', 'v1.2.0']).code).toBe(0);
    expect(repo.git('cat-file', '-t', 'v1.2.0').trim()).toBe('tag');
  });

  it('lets non-release tags, deletions, forced no-op updates and STAMPGUARD=0 through', () => {
    const repo = hookedRepo({ version: '1.0.0' });
    repo.write('scratch.txt', 'dirty');
    expect(repo.tryGit(['tag', 'deploy-prod']).code).toBe(0);
    expect(repo.tryGit(['tag', 'v1.0.0'], { STAMPGUARD: '0' })).toMatchObject({ code: 0 });
    expect(repo.tryGit(['tag', 'v1.0.0'], { STAMPGUARD: '0' }).code).not.toBe(0); // exists already (git's own error)
    expect(repo.tryGit(['tag', '-f', 'v1.0.0', 'HEAD']).code).toBe(0); // same value: nothing changes
    expect(repo.tryGit(['tag', '-d', 'v1.0.0']).code).toBe(0);
    expect(repo.tryGit(['tag', 'v1.0.0'], { HUSKY: '0' }).code).toBe(0);
    expect(tags(repo).sort()).toEqual(['deploy-prod', 'v1.0.0']);
  });

  it('housekeeping and history edits pass on a dirty tree: gc, pack-refs, stash, rebase', () => {
    const repo = hookedRepo({ version: '1.0.0' });
    repo.git('tag', 'v1.0.0');
    repo.git('checkout', '-q', '-b', 'topic');
    for (let i = 0; i < 5; i++) repo.commit(`topic ${i}`, { [`t${i}.txt`]: String(i) });
    repo.git('checkout', '-q', 'main');
    repo.commit('main moves', { 'm.txt': 'm' });
    repo.git('checkout', '-q', 'topic');
    expect(repo.tryGit(['rebase', '-q', 'main']).code).toBe(0);
    repo.write('t0.txt', 'dirty');
    expect(repo.tryGit(['stash']).code).toBe(0);
    expect(repo.tryGit(['stash', 'pop']).code).toBe(0);
    expect(repo.tryGit(['pack-refs', '--all']).code).toBe(0);
    expect(repo.tryGit(['gc', '-q']).code).toBe(0);
    expect(tags(repo)).toEqual(['v1.0.0']);
  });

  it('tags arriving by fetch pass while the tree is dirty', () => {
    const repo = hookedRepo({ version: '1.0.0' });
    const remote = withRemote(repo);
    // Someone else tags and pushes (without hooks), then we fetch with a dirty tree.
    const other = path.join(tempDir(), 'other');
    execFileSync('git', ['clone', '-q', remote.dir, other], { env: gitEnv() });
    const otherRepo = new Repo(other);
    otherRepo.git('tag', 'v1.0.0');
    otherRepo.git('tag', 'v1.0.0-rc.1');
    otherRepo.git('push', '-q', 'origin', '--tags');
    repo.write('package.json', '{"dirty": true}');
    const fetched = repo.tryGit(['fetch', '--tags', 'origin']);
    expect(fetched.stderr).not.toContain('refused');
    expect(fetched.code).toBe(0);
    expect(tags(repo).sort()).toEqual(['v1.0.0', 'v1.0.0-rc.1']);
    expect(repo.tryGit(['pull', '-q', '--ff-only', 'origin', 'main']).code).toBe(0);
  });
});

describe('git push through the pre-push hook', () => {
  it('refuses pushing a bad tag; the remote does not get it; good tags and branches pass', () => {
    const repo = hookedRepo({ version: '1.0.0' });
    const remote = withRemote(repo);
    repo.git('tag', 'v1.0.0');
    expect(repo.tryGit(['push', '-q', 'origin', 'v1.0.0']).code).toBe(0);
    repo.tryGit(['tag', 'v9.9.9'], { STAMPGUARD: '0' });
    const refused = repo.tryGit(['push', 'origin', 'v9.9.9']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('version-mismatch');
    expect(refused.stderr).toContain('git push --no-verify');
    expect(remote.git('tag', '-l').split('\n').filter(Boolean)).toEqual(['v1.0.0']);
    repo.commit('more');
    expect(repo.tryGit(['push', '-q', 'origin', 'main']).code).toBe(0);
    expect(repo.tryGit(['push', '-q', 'origin', ':refs/tags/v1.0.0']).code).toBe(0); // deletions pass
    expect(repo.tryGit(['push', '-q', 'origin', 'v9.9.9'], { STAMPGUARD: '0' }).code).toBe(0);
  });

  it('checks annotated tags by their commit, with --follow-tags', () => {
    const repo = hookedRepo({ version: '2.0.0' });
    const remote = withRemote(repo);
    repo.tryGit(['tag', '-a', 'v2.1.0', '-m', 'x'], { STAMPGUARD: '0' });
    const refused = repo.tryGit(['push', '--follow-tags', 'origin', 'main']);
    expect(refused.code).not.toBe(0);
    expect(remote.tryGit(['rev-parse', '-q', '--verify', 'refs/tags/v2.1.0']).code).not.toBe(0);
    repo.git('tag', '-d', 'v2.1.0');
    repo.git('tag', '-a', 'v2.0.0', '-m', 'v2.0.0');
    expect(repo.tryGit(['push', '-q', '--follow-tags', 'origin', 'main']).code).toBe(0);
    expect(remote.git('tag', '-l').trim()).toBe('v2.0.0');
  });
});

describe('git commit through the pre-commit hook', () => {
  it('refuses a staged package.json with a nonstandard version', () => {
    const repo = hookedRepo({ version: '1.0.0' });
    for (const bad of ['0.1.0-284+0214af0-dirty', 'v0.1.0-284-g0214af0', '1.2.3-dirty']) {
      repo.writePackage(bad, { devDependencies: { husky: '^9.1.7' } });
      repo.git('add', 'package.json');
      const r = repo.tryGit(['commit', '-m', 'bump']);
      expect(r.code, bad).not.toBe(0);
      expect(r.stderr).toContain('nonstandard-version');
      expect(r.stderr).toContain(bad);
    }
    repo.writePackage('1.1.0', { devDependencies: { husky: '^9.1.7' } });
    repo.git('add', 'package.json');
    expect(repo.tryGit(['commit', '-q', '-m', 'bump']).code).toBe(0);
  });

  it('reads what git commits: the index, commit -a and commit <path>', () => {
    const repo = hookedRepo({ version: '1.0.0', files: { 'a.txt': 'a' } });
    // Staged good, working tree bad: plain commit commits the index → passes.
    repo.writePackage('1.0.1', { devDependencies: { husky: '^9.1.7' } });
    repo.git('add', 'package.json');
    repo.writePackage('1.0.1-dirty', { devDependencies: { husky: '^9.1.7' } });
    expect(repo.tryGit(['commit', '-q', '-m', 'index only']).code).toBe(0);
    // commit -a takes the working tree version → refused.
    const all = repo.tryGit(['commit', '-a', '-m', 'all']);
    expect(all.code).not.toBe(0);
    expect(all.stderr).toContain('1.0.1-dirty');
    // commit <path> of another file: the temporary index holds HEAD's package.json → passes.
    repo.write('a.txt', 'changed');
    expect(repo.tryGit(['commit', '-q', '-m', 'only a', 'a.txt']).code).toBe(0);
    // commit <path> of package.json itself → refused.
    expect(repo.tryGit(['commit', '-m', 'pkg', 'package.json']).code).not.toBe(0);
    // The escape hatches.
    expect(repo.tryGit(['commit', '-q', '-n', '-m', 'skip', 'package.json']).code).toBe(0);
  });

  it('refuses an invalid staged configuration and gate values invalid at the staged version', () => {
    const repo = hookedRepo({ version: '1.33.0' });
    repo.write('.stampguardrc.json', JSON.stringify({ untracked: 'sometimes' }));
    repo.git('add', '.stampguardrc.json');
    let r = repo.tryGit(['commit', '-m', 'bad config']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('untracked: expected one of error, warning, ignore');
    const specs = {
      NodeSwap: [
        { version: '1.22', stage: 'alpha', default: false },
        { version: '1.34', stage: 'ga', default: true, lockToDefault: true },
      ],
    };
    repo.write('.stampguardrc.json', JSON.stringify({ gates: { specs, set: 'NodeSwap=false' } }));
    repo.git('add', '.stampguardrc.json');
    expect(repo.tryGit(['commit', '-q', '-m', 'gates at 1.33']).code).toBe(0);
    repo.writePackage('1.34.0', { devDependencies: { husky: '^9.1.7' } });
    repo.git('add', 'package.json');
    r = repo.tryGit(['commit', '-m', 'bump to 1.34']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('gate-locked');
    expect(repo.tryGit(['commit', '-q', '-m', 'bump'], { STAMPGUARD: '0' }).code).toBe(0);
  });
});

describe('stampguard init', () => {
  it('is idempotent and keeps existing hook lines, scripts and file modes', () => {
    const repo = hookedRepo({ init: false, version: '1.0.0' });
    repo.writePackage('1.0.0', {
      scripts: { prepare: 'npm run build', build: 'true', preversion: 'npm test', test: 'true' },
      devDependencies: { husky: '^9.1.7' },
    });
    repo.write('.husky/pre-commit', 'npm test\n');
    chmodSync(path.join(repo.dir, '.husky/pre-commit'), 0o755); // as husky init leaves it
    repo.write('.husky/pre-push', 'echo pushing');
    const first = repo.stampguard(['init']);
    expect(first.code).toBe(0);
    const snapshot = () =>
      [
        'package.json',
        '.husky/pre-commit',
        '.husky/pre-push',
        '.husky/_/reference-transaction',
        '.husky/_/stampguard.sh',
        '.stampguardrc.json',
      ].map((f) => readFileSync(path.join(repo.dir, f), 'utf8'));
    const after1 = snapshot();
    const scripts = JSON.parse(after1[0]!).scripts;
    expect(scripts.prepare).toBe(
      'npm run build && husky && (stampguard install-hooks || echo stampguard is not installed, so its hooks do nothing: npx stampguard uninstall removes them)',
    );
    expect(scripts.preversion).toBe('stampguard check --mode preflight && npm test');
    expect(scripts.prepublishOnly).toBe('stampguard check');
    expect(scripts.build).toBe('true');
    expect(after1[1]!.split('\n')[0]).toBe('npm test');
    expect(after1[1]).toContain('sh .husky/_/stampguard.sh pre-commit');
    expect(after1[2]!.split('\n')[0]).toBe('echo pushing');
    expect(after1[2]).toContain('sh .husky/_/stampguard.sh pre-push "$@"');
    expect(statSync(path.join(repo.dir, '.husky/pre-commit')).mode & 0o777).toBe(0o755);
    expect(statSync(path.join(repo.dir, '.husky/pre-push')).mode & 0o777).toBe(0o644);
    const second = repo.stampguard(['init']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('nothing to change');
    expect(snapshot()).toEqual(after1);
    expect(statSync(path.join(repo.dir, '.husky/pre-commit')).mode & 0o777).toBe(0o755);
  });

  it('upgrades the lines an older version wrote, and --no-scripts leaves preversion and prepublishOnly alone', () => {
    const repo = hookedRepo({ init: false, version: '1.0.0' });
    repo.writePackage('1.0.0', {
      scripts: { prepare: 'husky && stampguard install-hooks' },
      devDependencies: { husky: '^9.1.7' },
    });
    repo.write('.husky/pre-commit', 'npm test\nstampguard hook pre-commit\n');
    expect(repo.stampguard(['init', '--no-scripts']).code).toBe(0);
    const scripts = JSON.parse(repo.read('package.json')).scripts;
    expect(scripts).toEqual({
      prepare:
        'husky && (stampguard install-hooks || echo stampguard is not installed, so its hooks do nothing: npx stampguard uninstall removes them)',
    });
    const lines = repo.read('.husky/pre-commit').split('\n');
    expect(lines[0]).toBe('npm test');
    expect(lines[1]).toContain('sh .husky/_/stampguard.sh pre-commit');
    expect(lines).not.toContain('stampguard hook pre-commit');
  });

  it('--dry-run writes nothing', () => {
    const repo = hookedRepo({ init: false });
    const before = readFileSync(path.join(repo.dir, 'package.json'), 'utf8');
    const r = repo.stampguard(['init', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('would set scripts.prepare');
    expect(r.stdout).toContain('would write stampguard');
    expect(readFileSync(path.join(repo.dir, 'package.json'), 'utf8')).toBe(before);
    expect(existsSync(path.join(repo.dir, '.husky'))).toBe(false);
    expect(repo.tryGit(['config', '--get', 'core.hooksPath'])).toMatchObject({ code: 1, stdout: '' });
  });

  it('explains and changes nothing outside a repository, with HUSKY=0, or with a broken package.json', () => {
    const repo = hookedRepo({ init: false });
    const outside = tempDir();
    const bin = path.join(repo.dir, 'node_modules/.bin/stampguard');
    const r = execFileSyncResult(bin, ['init'], outside);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('git repository');
    const husky0 = repo.stampguard(['init'], { HUSKY: '0' });
    expect(husky0.code).toBe(0);
    expect(husky0.stdout).toContain('HUSKY=0');
    expect(existsSync(path.join(repo.dir, '.husky'))).toBe(false);
    repo.write('package.json', '{ "name": "broken", ');
    const broken = repo.stampguard(['init']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('not valid JSON');
    expect(repo.read('package.json')).toBe('{ "name": "broken", ');
  });

  it('doctor notices hooks disarmed by git clean -X and install-hooks re-arms them', () => {
    const repo = hookedRepo({ version: '1.0.0' });
    expect(repo.stampguard(['doctor']).code).toBe(0);
    repo.git('clean', '-q', '-fdX', '-e', '!node_modules');
    const disarmed = repo.stampguard(['doctor']);
    expect(disarmed.code).toBe(1);
    expect(disarmed.stdout).toContain('NOT armed');
    // What the prepare script does on the next npm install:
    execFileSync(path.join(repo.dir, 'node_modules/.bin/husky'), [], { cwd: repo.dir, env: gitEnv() });
    expect(repo.stampguard(['install-hooks']).code).toBe(0);
    expect(repo.stampguard(['doctor']).code).toBe(0);
    repo.write('dirty.txt', 'x');
    expect(repo.tryGit(['tag', 'v1.0.0']).code).not.toBe(0);
  });

  it('in a new linked worktree the hooks are not armed until husky runs there, and doctor says so', () => {
    const repo = hookedRepo({ version: '1.0.0' });
    const wt = path.join(tempDir(), 'wt');
    repo.git('worktree', 'add', '-q', wt);
    const worktree = new Repo(wt);
    execFileSync('ln', ['-s', path.join(repo.dir, 'node_modules'), path.join(wt, 'node_modules')]);
    const r = worktree.stampguard(['doctor']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('lacks');
  });
});

function execFileSyncResult(bin: string, args: string[], cwd: string) {
  try {
    const stdout = execFileSync(bin, args, { cwd, env: gitEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { code: 0, stdout, stderr: '' };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('stampguard init and hooks the user already has', () => {
  it('refuses to take over another core.hooksPath or switch off hooks in .git/hooks, with the steps', () => {
    const repo = hookedRepo({ init: false });
    repo.git('config', 'core.hooksPath', 'tools/hooks');
    const refused = repo.stampguard(['init']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('core.hooksPath is "tools/hooks"');
    expect(repo.git('config', '--get', 'core.hooksPath').trim()).toBe('tools/hooks');
    expect(existsSync(path.join(repo.dir, '.husky'))).toBe(false);
    repo.git('config', '--unset', 'core.hooksPath');
    repo.write('.git/hooks/pre-commit', '#!/bin/sh\nexit 0\n');
    const before = repo.read('package.json');
    const refusedHooks = repo.stampguard(['init']);
    expect(refusedHooks.code).toBe(2);
    expect(refusedHooks.stderr).toContain('.git/hooks has hooks that would stop running');
    expect(refusedHooks.stderr).toContain('pre-commit');
    expect(refusedHooks.stderr).toContain('Nothing was changed');
    expect(repo.read('package.json')).toBe(before);
    expect(repo.tryGit(['config', '--get', 'core.hooksPath']).code).toBe(1);
  });
});
