// The published package's shape: publint finds nothing, and the manifest says what users rely on.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitEnv, PROJECT_ROOT } from './helpers/git-repo.js';

const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));

describe('package', () => {
  it('publint reports nothing, strict', () => {
    const r = spawnSync(path.join(PROJECT_ROOT, 'node_modules/.bin/publint'), ['--strict'], {
      cwd: PROJECT_ROOT,
      env: gitEnv(),
      encoding: 'utf8',
    });
    expect(r.stdout + r.stderr).toContain('All good!');
    expect(r.status).toBe(0);
  }, 60_000);

  it('declares what users rely on', () => {
    expect(pkg).toMatchObject({
      name: 'stampguard',
      type: 'module',
      bin: { stampguard: 'bin/stampguard.js' },
      engines: { node: '>=20' },
      exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
      publishConfig: { provenance: true },
    });
    expect(pkg.repository.url).toMatch(/^git\+https:\/\//);
    expect(pkg.files.sort()).toEqual(['CHANGELOG.md', 'README.md', 'bin', 'dist', 'docs', 'schema']);
    // No install scripts of our own: husky's prepare runs in the user's project, not ours.
    expect(Object.keys(pkg.scripts)).not.toEqual(expect.arrayContaining(['install', 'preinstall', 'postinstall']));
  });

  it('stampguard --version prints the version in package.json', () => {
    const r = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'bin/stampguard.js'), '--version'], {
      encoding: 'utf8',
    });
    expect(r.stdout).toBe(`${pkg.version}\n`);
  });

  it('the library entry exports check, defineConfig and the error classes', async () => {
    const lib = await import(path.join(PROJECT_ROOT, 'dist/index.js'));
    expect(typeof lib.check).toBe('function');
    expect(lib.defineConfig({ tagPrefix: 'v' })).toEqual({ tagPrefix: 'v' });
    expect(Object.keys(lib.CODES)).toContain('dirty-tree');
    expect(lib.EXIT).toEqual({ OK: 0, REFUSED: 1, CANNOT_RUN: 2 });
  });
});
