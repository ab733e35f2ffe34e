// A package in a subdirectory with its own tag prefix (pkg@1.2.0), as monorepos tag releases.
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.js';
import type { Io } from '../../src/cli/io.js';
import type { Report } from '../../src/types.js';
import { gitEnv, makeRepo, parseJson } from '../helpers/git-repo.js';

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

function sink(chunks: string[]): Writable {
  return new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
}

describe('main(argv, io) with a directory of its own', () => {
  // A program running the CLI in-process gives it a directory (io.cwd) that is not the process's.
  it('check and version resolve a relative --cwd against io.cwd', async () => {
    const repo = makeRepo({
      version: '0.0.0',
      files: {
        'packages/web/package.json': JSON.stringify({
          name: 'web',
          version: '3.1.0',
          stampguard: { tagPrefix: 'web@' },
        }),
      },
    });
    repo.tag('web@3.1.0');
    expect(path.resolve('packages/web')).not.toBe(path.join(repo.dir, 'packages/web'));
    for (const command of ['check', 'version']) {
      const out: string[] = [];
      const err: string[] = [];
      const io: Io = { stdout: sink(out), stderr: sink(err), env: gitEnv(), cwd: repo.dir };
      const code = await main([command, '--json', '--cwd', 'packages/web'], io);
      const stdout = out.join('');
      expect(err.join(''), command).toBe('');
      expect(code, `${command}: ${stdout}`).toBe(0);
      expect(parseJson<{ version: { stamp: string } }>(stdout).version.stamp, command).toBe('3.1.0');
    }
  });
});
