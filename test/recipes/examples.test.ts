// The release-tool examples run as a user runs them, with stampguard installed from the packed
// tarball (npm install, from npm's cache) and the release tools from this repository's
// devDependencies.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitEnv, PROJECT_ROOT, registryEnv } from '../helpers/git-repo.js';
import { packedTarball } from '../helpers/packed.js';
import { RECIPE_TIMEOUT } from './helpers.js';

function demo(name: string) {
  // registryEnv: the demo installs husky@9 as a user does, which may ask the registry.
  const env = gitEnv({ STAMPGUARD_PACKAGE: packedTarball(), NO_UPDATE_NOTIFIER: '1', ...registryEnv() });
  for (const key of Object.keys(env))
    if (/^npm_(package|lifecycle)_/.test(key) || key === 'INIT_CWD' || key === 'CI') delete env[key];
  const r = spawnSync('sh', [path.join(PROJECT_ROOT, 'examples/release-tools', name, 'demo.sh')], {
    env,
    encoding: 'utf8',
    timeout: RECIPE_TIMEOUT - 10_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('release-tool examples', () => {
  it(
    'semantic-release/demo.sh: a dry run passes, an untracked file and a locked gate are refused, a real release is pushed',
    () => {
      const r = demo('semantic-release');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/stampguard: v1\.0\.1 at [0-9a-f]{7} passes the tag checks at version 1\.0\.1/);
      expect(r.stdout).toContain('untracked-files 1 untracked path: notes.txt');
      expect(r.stdout).toContain('remote has v1.0.1');
      expect(r.stdout).toContain('gate-locked cannot set feature gate LegacyExport to false');
      expect(r.stdout).toContain('== done');
    },
    RECIPE_TIMEOUT,
  );

  it(
    'release-it/demo.sh: before:init and after:bump refuse, then a patch release is tagged and pushed',
    () => {
      const r = demo('release-it');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('untracked-files  1 untracked path: notes.txt');
      expect(r.stdout).toContain('LegacyExport=false: locked to true since 1.1');
      expect(r.stdout).toContain('remote has v1.0.1');
      expect(r.stdout).toContain('== done');
    },
    RECIPE_TIMEOUT,
  );

  it(
    'changesets/demo.sh: an uncommitted bump is refused, then per-package tags are made and pushed',
    () => {
      const r = demo('changesets');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('dirty-tree  3 tracked files changed');
      expect(r.stdout).toContain('remote has @acme/a@1.1.0');
      expect(r.stdout).toContain('remote has @acme/b@1.0.1');
      expect(r.stdout).not.toContain('remote has @acme/c@1.0.1');
      expect(r.stdout).toContain('== done');
    },
    RECIPE_TIMEOUT,
  );

  it(
    'np/demo.sh: --any-branch outside "branches" is refused in preversion, then a release from main',
    () => {
      const r = demo('np');
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(
        'branch-not-allowed  the current branch experiment is not one of the release branches (main)',
      );
      expect(r.stdout).toContain('remote has v1.1.0');
      expect(r.stdout).toContain('== done');
    },
    RECIPE_TIMEOUT,
  );
});
