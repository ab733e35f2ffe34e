// The published package's shape: publint finds nothing, and the manifest says what users rely on.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers/git-repo.js';
import { packedTarball } from './helpers/packed.js';

const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));

describe('package', () => {
  // publint on the tarball the other tests install (npm pack of this build), through its API: the
  // CLI would pack the project again with npm (~1.5 s of processes) to get the same files.
  it('publint reports nothing, strict, on the packed tarball (and does report an export of a missing file)', async () => {
    const tarball = readFileSync(packedTarball());
    const packed = { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) };
    const { messages, pkg: linted } = await publint({ pack: packed, strict: true });
    expect(messages.map((m) => formatMessage(m, linted))).toEqual([]);
    expect(linted).toMatchObject({ name: 'stampguard', version: pkg.version });

    // Control: the same check on a package.json alone, whose exports name files it lacks.
    const files = [{ name: 'package/package.json', data: new TextEncoder().encode(JSON.stringify(pkg)) }];
    const control = await publint({ pack: { files }, pkgDir: 'package', strict: true });
    expect(control.messages.map((m) => m.code)).toContain('FILE_DOES_NOT_EXIST');
  }, 180_000);

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
