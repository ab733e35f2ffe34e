// Which configuration is used: an explicit --config is that file and nothing else; a search finds
// the nearest stampguard configuration between the current folder and the repository root, and
// never executes anything that is not one.
import { execFileSync } from 'node:child_process';
import { realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspect } from '../../src/check.js';
import { gitEnv, makeRepo, parseJson, Repo, type RunResult, tempDir } from '../helpers/git-repo.js';
import { controlTrapFires, trapMarker, trapModule } from './helpers.js';

interface VersionJson {
  version: { tag: string | null };
}

describe("cosmiconfig's meta configuration (.config/config.js) is never loaded", () => {
  // A checkout that carries .config/config.js, committed, so the tree stays clean.
  function trappedRepo(files: Record<string, string>) {
    const repo = makeRepo({ files: { '.config/config.js': trapModule('cjs'), ...files } });
    repo.tag('v1.0.0');
    controlTrapFires(path.join(repo.dir, '.config/config.js'));
    return repo;
  }

  it('with --config FILE', () => {
    const repo = trappedRepo({ 'ci/sg.json': '{ "requireAnnotatedTag": false }\n' });
    const trap = trapMarker();
    const r = repo.cli(['check', '--config', 'ci/sg.json'], { env: trap.env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(trap.fired()).toBe(false);
  });

  it('when the search ends at .stampguardrc.json', () => {
    const repo = trappedRepo({ '.stampguardrc.json': '{ "tagPrefix": "v" }\n' });
    const trap = trapMarker();
    const r = repo.cli(['check'], { env: trap.env });
    expect(r.code).toBe(0);
    expect(trap.fired()).toBe(false);
  });

  it('when the search ends at a "stampguard" key in package.json', () => {
    const repo = trappedRepo({});
    repo.writePackage('1.0.0', { stampguard: { tagPrefix: 'v' } });
    repo.commit('config in package.json');
    repo.git('tag', '-f', 'v1.0.0');
    const trap = trapMarker();
    const r = repo.cli(['version', '--json'], { env: trap.env });
    expect(r.code).toBe(0);
    expect(parseJson<VersionJson>(r.stdout).version.tag).toBe('v1.0.0');
    expect(trap.fired()).toBe(false);
  });
});

describe('the search: nearest configuration between the current folder and the repository root', () => {
  it('finds the root configuration from a subfolder that has a package.json without a "stampguard" key', () => {
    // The shape of a Go project with a documentation site: gates configured at the root, a
    // package.json for the site's tooling in site/.
    const repo = makeRepo({
      version: null,
      files: {
        '.stampguardrc.json': JSON.stringify({ branches: ['release-*'], versionFiles: [] }),
        'site/package.json': JSON.stringify({ name: 'site', private: true }),
      },
    });
    repo.tag('v1.0.0');
    const fromRoot = repo.cli(['check', '--json']);
    expect(fromRoot.code).toBe(1);
    expect(parseJson<{ findings: { code: string }[] }>(fromRoot.stdout).findings.map((f) => f.code)).toEqual([
      'branch-not-allowed',
    ]);
    const fromSite = repo.cli(['check', '--json'], { cwd: path.join(repo.dir, 'site') });
    expect(fromSite.stdout).toBe(fromRoot.stdout);
    expect(fromSite.code).toBe(1);
  });

  it('the nearest configuration wins: a package with its own key, then a folder with a .stampguardrc.json', () => {
    const repo = makeRepo({
      files: {
        '.stampguardrc.json': '{ "tagPrefix": "root-v" }',
        'packages/api/package.json': JSON.stringify({
          name: 'api',
          version: '2.0.0',
          stampguard: { tagPrefix: 'api@' },
        }),
        'packages/web/package.json': JSON.stringify({ name: 'web', version: '3.0.0' }),
        'packages/web/src/.stampguardrc.json': '{ "tagPrefix": "web-src@" }',
      },
    });
    repo.tag('root-v1.0.0');
    repo.tag('api@2.0.0');
    repo.tag('web-src@3.0.0');
    const tagFrom = (dir: string) =>
      parseJson<VersionJson>(repo.cli(['version', '--json'], { cwd: path.join(repo.dir, dir) }).stdout).version.tag;
    const dirs = ['.', 'packages', 'packages/api', 'packages/web', 'packages/web/src'];
    expect(Object.fromEntries(dirs.map((dir) => [dir, tagFrom(dir)]))).toEqual({
      '.': 'root-v1.0.0',
      packages: 'root-v1.0.0',
      'packages/api': 'api@2.0.0',
      'packages/web': 'root-v1.0.0',
      'packages/web/src': 'web-src@3.0.0',
    });
  });

  it('never looks above the repository root', () => {
    const outer = tempDir();
    writeFileSync(path.join(outer, '.stampguardrc.json'), '{ "tagPrefix": "nope" }');
    execFileSync('git', ['init', '-q', '-b', 'main', path.join(outer, 'repo')], { env: gitEnv() });
    const repo = new Repo(path.join(outer, 'repo'));
    repo.commit('initial', { 'package.json': '{ "name": "demo", "version": "1.0.0" }' });
    repo.tag('v1.0.0');
    const r = repo.cli(['version', '--json']);
    expect(parseJson<VersionJson>(r.stdout).version.tag).toBe('v1.0.0');
  });
});

describe('Config.file names the configuration that was used', () => {
  it('the absolute path for a found file and for a relative --config, null for the defaults', async () => {
    const repo = makeRepo({
      files: { 'sub/dir/keep': '', 'ci/sg.json': '{}', '.stampguardrc.yaml': 'tagPrefix: v\n' },
    });
    const root = realpathSync(repo.dir);
    const found = await inspect({ cwd: path.join(repo.dir, 'sub/dir') });
    expect(found.config.file).toBe(path.join(root, '.stampguardrc.yaml'));
    const explicit = await inspect({ cwd: path.join(repo.dir, 'sub'), config: '../ci/sg.json' });
    expect(explicit.config.file).toBe(path.join(root, 'ci/sg.json'));
    const none = await inspect({ cwd: makeRepo().dir });
    expect(none.config.file).toBeNull();
  });
});

describe('--config naming a file outside the repository', () => {
  it('is loaded from disk in every mode, and version files are still those of the repository', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.tag('v1.0.0');
    const policy = path.join(tempDir(), 'policy.json');
    writeFileSync(policy, '{ "branches": ["release-*"] }\n');
    const codes = (r: RunResult) => parseJson<{ findings: { code: string }[] }>(r.stdout).findings.map((f) => f.code);
    for (const mode of ['release', 'preflight']) {
      const r = repo.cli(['check', '--json', '--mode', mode, '--config', policy]);
      expect(r.stderr, mode).toBe('');
      expect(codes(r), mode).toEqual(['branch-not-allowed']);
      expect(r.code, mode).toBe(1);
    }
    // Commit mode reads the configuration from the index when it is in the repository; this one is
    // not, so it is read from disk, and the staged package.json of the repository is checked.
    repo.writePackage('1.0.1-3-gdeadbee');
    repo.git('add', 'package.json');
    const staged = repo.cli(['check', '--json', '--mode', 'commit', '--config', policy]);
    expect(staged.stderr).toBe('');
    expect(codes(staged)).toEqual(['nonstandard-version']);
    expect(staged.code).toBe(1);
  });
});

describe('--config FILE: what the file is decides how it is read', () => {
  it('an unknown extension, a package.json without the key and a missing file are exit 2; an empty file is the defaults', async () => {
    const repo = makeRepo({
      files: { 'ci/sg.toml': 'tagPrefix = "v"\n', 'ci/empty.json': '', 'ci/package.json': '{ "name": "ci" }' },
    });
    repo.tag('v1.0.0');
    const toml = repo.cli(['check', '--config', 'ci/sg.toml']);
    expect(toml.stderr).toContain('stampguard reads .json, .jsonc, .yaml, .yml, .js, .mjs, .cjs and .ts files');
    expect(toml.code).toBe(2);
    const pkg = repo.cli(['check', '--config', 'ci/package.json']);
    expect(pkg.stderr).toContain(`${path.join(repo.dir, 'ci/package.json')} has no "stampguard" key`);
    expect(pkg.code).toBe(2);
    const missing = repo.cli(['check', '--config', 'ci/nope.json']);
    expect(missing.stderr).toContain(`${path.join(repo.dir, 'ci/nope.json')}: it does not exist`);
    expect(missing.code).toBe(2);
    expect(repo.cli(['check', '--config', 'ci/empty.json']).code).toBe(0);
    const empty = await inspect({ cwd: repo.dir, config: 'ci/empty.json' });
    expect(empty.config.file).toBe(path.join(realpathSync(repo.dir), 'ci/empty.json'));
  });
});
