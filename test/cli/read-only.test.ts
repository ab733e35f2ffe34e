// stampguard never writes to the repository it inspects: no index refresh, no lock files, no new
// files, for every command and mode, on a stale index and while another process holds index.lock.
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo, type Repo } from '../helpers/git-repo.js';

/** Every file under the repository (.git included): path → size, mtime and content hash. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const full = path.join(d, entry);
      const st = lstatSync(full);
      if (st.isDirectory()) walk(full);
      else
        out[path.relative(dir, full)] =
          `${st.size} ${st.mtimeMs} ${createHash('sha1').update(readFileSync(full)).digest('hex')}`;
    }
  };
  walk(dir);
  return out;
}

const ZERO = '0'.repeat(40);

/** A repository with a release tag, gates, a dirty file, an untracked file and a stale index. */
function busyRepo(): Repo {
  const specs = { NodeSwap: [{ version: '1.22', stage: 'alpha', default: false }] };
  const repo = makeRepo({
    version: '1.2.0',
    files: {
      'a.txt': 'a\n',
      'b.txt': 'b\n',
      '.stampguardrc.json': JSON.stringify({ gates: { specs, set: 'NodeSwap=true' } }),
    },
  });
  repo.tag('v1.2.0', { annotated: true });
  repo.write('a.txt', 'changed\n');
  repo.write('new.txt', 'untracked\n');
  // Stat data older than the files: a plain `git status` would refresh and rewrite the index.
  const future = new Date(Date.now() + 120_000);
  utimesSync(path.join(repo.dir, 'b.txt'), future, future);
  return repo;
}

function everyCommand(repo: Repo): { args: string[]; input?: string }[] {
  const head = repo.head();
  return [
    { args: ['check'] },
    { args: ['check', '--json'] },
    { args: ['check', '--format', 'github'] },
    { args: ['check', '--tag', 'v1.3.0'] },
    { args: ['check', '--mode', 'commit'] },
    { args: ['check', '--mode', 'push'], input: `refs/tags/v1.2.0 ${head} refs/tags/v1.2.0 ${ZERO}\n` },
    { args: ['version'] },
    { args: ['version', '--dev'] },
    { args: ['version', '--json'] },
    { args: ['gates'] },
    { args: ['gates', '--at', '1.30', '--json'] },
    { args: ['stamp'] }, // refused: the check phase only
    { args: ['stamp', '--dev'] }, // to stdout: no --out, no file
    { args: ['doctor'] },
    { args: ['explain', 'dirty-tree'] },
    { args: ['hook', 'pre-commit'] },
    { args: ['hook', 'pre-push', 'origin', 'url'], input: `refs/tags/v1.2.0 ${head} refs/tags/v1.2.0 ${ZERO}\n` },
    { args: ['hook', 'reference-transaction', 'prepared'], input: `${ZERO} ${head} refs/tags/v1.3.0\n` },
    { args: ['hook', 'reference-transaction', 'committed'], input: `${ZERO} ${head} refs/tags/v1.3.0\n` },
  ];
}

describe('read-only guarantee', () => {
  it('every command and mode leaves .git and the working tree byte- and mtime-identical', () => {
    const repo = busyRepo();
    const before = snapshot(repo.dir);
    for (const { args, input } of everyCommand(repo)) {
      const r = repo.cli(args, input === undefined ? {} : { input });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBeLessThan(2);
      expect(snapshot(repo.dir), args.join(' ')).toEqual(before);
    }
  });

  it('works while another process holds .git/index.lock, and leaves the lock alone', () => {
    const repo = busyRepo();
    const lock = path.join(repo.dir, '.git', 'index.lock');
    writeFileSync(lock, 'held by someone else');
    try {
      const before = snapshot(repo.dir);
      for (const { args, input } of everyCommand(repo)) {
        const r = repo.cli(args, input === undefined ? {} : { input });
        expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBeLessThan(2);
      }
      expect(snapshot(repo.dir)).toEqual(before);
      expect(readFileSync(lock, 'utf8')).toBe('held by someone else');
    } finally {
      rmSync(lock);
    }
  });

  it('a clean release still passes while the lock is held', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.tag('v1.0.0');
    writeFileSync(path.join(repo.dir, '.git', 'index.lock'), '');
    const r = repo.cli(['check', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).version.stamp).toBe('1.0.0');
  });

  it('only init and stamp --out write, and only what they document', () => {
    const repo = makeRepo({ version: '1.0.0', files: { '.gitignore': 'build/\n' } });
    repo.tag('v1.0.0');
    const before = snapshot(repo.dir);
    expect(repo.cli(['stamp', '--out', 'build/version.json']).code).toBe(0);
    const after = snapshot(repo.dir);
    const added = Object.keys(after).filter((f) => !(f in before));
    const changed = Object.keys(before).filter((f) => after[f] !== before[f]);
    expect(added).toEqual(['build/version.json']);
    expect(changed).toEqual([]);
    expect(existsSync(path.join(repo.dir, 'build/version.json.stampguard-tmp'))).toBe(false);
  });
});
