// stampguard never writes to the repository it inspects: no index refresh, no lock files.
import { existsSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo } from '../helpers/git-repo.js';

function snapshot(dir: string) {
  const gitDir = path.join(dir, '.git');
  const index = path.join(gitDir, 'index');
  const files: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const full = path.join(d, entry);
      if (statSync(full).isDirectory()) walk(full);
      else files.push(path.relative(dir, full));
    }
  };
  walk(dir);
  return { index: readFileSync(index).toString('base64'), mtime: statSync(index).mtimeMs, files: files.sort() };
}

describe('read-only guarantee', () => {
  it('leaves .git/index byte- and mtime-identical even when its stat data is stale', () => {
    const repo = makeRepo({ version: '1.0.0', files: { 'a.txt': 'a\n', 'b.txt': 'b\n' } });
    repo.tag('v1.0.0');
    // Touch files so a plain `git status` would refresh and rewrite the index.
    const future = new Date(Date.now() + 60_000);
    utimesSync(path.join(repo.dir, 'a.txt'), future, future);
    utimesSync(path.join(repo.dir, 'b.txt'), future, future);
    const before = snapshot(repo.dir);
    for (const args of [['check'], ['check', '--json'], ['version'], ['version', '--dev'], ['check', '--tag', 'v1.0.1']]) {
      repo.cli(args);
    }
    const after = snapshot(repo.dir);
    expect(after).toEqual(before);
  });

  it('works while another process holds .git/index.lock', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.tag('v1.0.0');
    const lock = path.join(repo.dir, '.git', 'index.lock');
    writeFileSync(lock, '');
    try {
      const r = repo.cli(['check', '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).version.stamp).toBe('1.0.0');
      expect(existsSync(lock)).toBe(true);
      expect(readFileSync(lock, 'utf8')).toBe('');
    } finally {
      rmSync(lock);
    }
  });
});
