// A package in a subdirectory with its own tag prefix (pkg@1.2.0), as monorepos tag releases.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { makeRepo, parseJson } from '../helpers/git-repo.js';

describe('a package in a subdirectory', () => {
  it('uses its own config, version file and tag prefix', () => {
    const repo = makeRepo({
      version: '0.0.0',
      files: {
        'packages/api/package.json': JSON.stringify({
          name: '@acme/api',
          version: '1.2.0',
          stampguard: { tagPrefix: '@acme/api@' },
        }),
        'packages/web/package.json': JSON.stringify({
          name: '@acme/web',
          version: '3.0.0',
          stampguard: { tagPrefix: '@acme/web@' },
        }),
      },
    });
    repo.tag('@acme/api@1.2.0');
    repo.tag('@acme/web@2.9.0');
    const api = repo.cli(['check', '--json'], { cwd: path.join(repo.dir, 'packages/api') });
    expect(api.code).toBe(0);
    expect(parseJson<Report>(api.stdout).version).toMatchObject({ tag: '@acme/api@1.2.0', stamp: '1.2.0' });
    const web = repo.cli(['check', '--json', '--cwd', 'packages/web']);
    expect(web.code).toBe(1);
    expect(parseJson<Report>(web.stdout).findings).toEqual([
      expect.objectContaining({
        code: 'version-mismatch',
        paths: ['packages/web/package.json'],
        expected: '2.9.0',
        actual: '3.0.0',
      }),
    ]);
    // Tagging 3.0.0 on the very commit of 2.9.0 would release nothing new: no-new-commits.
    const tagHere = repo.cli(['check', '--json', '--tag', '@acme/web@3.0.0'], {
      cwd: path.join(repo.dir, 'packages/web'),
    });
    expect(parseJson<Report>(tagHere.stdout).findings.map((f) => f.code)).toEqual(['no-new-commits']);
    repo.commit('web: the 3.0.0 release');
    const tag = repo.cli(['check', '--json', '--tag', '@acme/web@3.0.0'], { cwd: path.join(repo.dir, 'packages/web') });
    expect(tag.code).toBe(0);
    repo.git('checkout', '-q', '@acme/api@1.2.0');
    expect(repo.cli(['version'], { cwd: path.join(repo.dir, 'packages/api') }).stdout).toBe('1.2.0\n');
  });
});
