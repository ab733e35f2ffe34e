// Workspaces (npm/yarn "workspaces", pnpm-workspace.yaml): one set of hooks at the workspace root,
// which must check every package: package tags (@scope/pkg@1.2.3, pkg/v1.2.3, pkg-v1.2.3) against
// that package's version and configuration, and every package's staged version.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gitEnv, type Repo, runCli, tempDir } from '../helpers/git-repo.js';
import { hookedRepoIn, packedInstall, templateRepo } from '../helpers/packed.js';
import { nodeCounter } from './helpers.js';

beforeAll(() => {
  packedInstall();
}, 180_000);

const PACKAGES = [
  { dir: 'packages/web', name: '@acme/web', version: '2.0.0', tagPrefix: '@acme/web@' },
  { dir: 'packages/api', name: 'api', version: '1.2.0', tagPrefix: 'api/v' },
  { dir: 'packages/cli', name: 'cli', version: '0.3.0', tagPrefix: 'cli-v' },
];

/**
 * An npm workspace with three packages, each with its own tag prefix; init run from a package
 * folder. Built once and copied for each test (templateRepo).
 */
function workspace(): Repo {
  return templateRepo(['workspace', PACKAGES], (dir) => {
    const repo = hookedRepoIn(dir, { init: false, version: '0.0.0' });
    const root = JSON.parse(repo.read('package.json'));
    repo.write('package.json', `${JSON.stringify({ ...root, private: true, workspaces: ['packages/*'] }, null, 2)}\n`);
    // web and api configure stampguard in package.json; cli in its own file, which names a second version file.
    for (const p of PACKAGES)
      repo.write(
        `${p.dir}/package.json`,
        `${JSON.stringify({ name: p.name, version: p.version, ...(p.name !== 'cli' && { stampguard: { tagPrefix: p.tagPrefix } }) }, null, 2)}\n`,
      );
    repo.write(
      'packages/cli/.stampguardrc.json',
      '{ "tagPrefix": "cli-v", "versionFiles": ["package.json", "version.json"] }\n',
    );
    repo.write('packages/cli/version.json', '{ "version": "0.3.0" }\n');
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'workspace');
    const r = runCli(['init'], { cwd: path.join(repo.dir, 'packages/web') });
    if (r.code !== 0) throw new Error(`init failed: ${r.stderr}${r.stdout}`);
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'stampguard');
  });
}

const setVersion = (repo: Repo, dir: string, version: string) => {
  const pkg = JSON.parse(repo.read(`${dir}/package.json`));
  repo.write(`${dir}/package.json`, `${JSON.stringify({ ...pkg, version }, null, 2)}\n`);
};

describe('init in a workspace', () => {
  it('installs once at the workspace root when run from a package folder', () => {
    const repo = workspace();
    expect(existsSync(path.join(repo.dir, '.husky/pre-commit'))).toBe(true);
    expect(existsSync(path.join(repo.dir, 'packages/web/.husky'))).toBe(false);
    expect(JSON.parse(repo.read('package.json')).scripts.prepare).toContain('stampguard install-hooks');
    expect(JSON.parse(repo.read('packages/web/package.json')).scripts).toBeUndefined();
    expect(repo.git('config', '--get', 'core.hooksPath').trim()).toBe('.husky/_');
  });

  it("the commit pre-filter knows every package's version files and configurations", () => {
    const repo = workspace();
    expect(repo.read('.husky/_/stampguard.sh')).toContain(":(top,literal)packages/cli/version.json'");
    const node = nodeCounter();
    repo.write('packages/api/src.ts', 'export {}\n');
    repo.git('add', 'packages/api/src.ts');
    expect(repo.tryGit(['commit', '-q', '-m', 'source'], node.env).code).toBe(0);
    expect(node.starts()).toBe(0);
    for (const file of ['packages/api/package.json', 'packages/cli/version.json', 'packages/cli/.stampguardrc.json']) {
      node.reset();
      repo.write(file, `${repo.read(file).trimEnd()} \n`);
      repo.git('add', file);
      repo.tryGit(['commit', '-q', '-m', `touch ${file}`], node.env);
      expect(node.starts(), file).toBeGreaterThan(0);
    }
  });
});

describe('what the hooks must refuse in a workspace (the core checks package tags and versions)', () => {
  it('a commit that sets a describe-shaped version in a package is refused', () => {
    const repo = workspace();
    setVersion(repo, 'packages/web', '2.0.0-5-gdeadbee');
    repo.git('add', 'packages/web/package.json');
    const r = repo.tryGit(['commit', '-m', 'bad package version']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('nonstandard-version');
  });

  it.each([['@acme/web@2.0.0-5-gdeadbee'], ['api/v1.2.0-5-gdeadbee'], ['cli-v0.3.0-5-gdeadbee']])(
    'git tag %s (describe-shaped, in each tag style) is refused',
    (tag) => {
      const repo = workspace();
      const r = repo.tryGit(['tag', tag]);
      expect(r.code).toBe(128);
      expect(r.stderr).toContain('nonstandard-version');
    },
  );

  it.each([['@acme/web@2.1.0'], ['api/v1.3.0'], ['cli-v0.4.0']])(
    "git tag %s, which disagrees with that package's version, is refused",
    (tag) => {
      const repo = workspace();
      const r = repo.tryGit(['tag', tag]);
      expect(r.code).toBe(128);
      expect(r.stderr).toContain('version-mismatch');
    },
  );

  it("pushing a package tag that disagrees with that package's version is refused", () => {
    const repo = workspace();
    const bare = path.join(tempDir(), 'remote.git');
    execFileSync('git', ['init', '-q', '--bare', bare], { env: gitEnv() });
    repo.git('remote', 'add', 'origin', bare);
    repo.tryGit(['tag', '@acme/web@9.9.9'], { STAMPGUARD: '0' });
    const r = repo.tryGit(['push', 'origin', '@acme/web@9.9.9']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('version-mismatch');
  });

  it('a matching package tag is created (this passes today, and must keep passing)', () => {
    const repo = workspace();
    expect(repo.tryGit(['tag', '@acme/web@2.0.0']).code).toBe(0);
    expect(repo.tryGit(['tag', 'api/v1.2.0']).code).toBe(0);
  });
});
