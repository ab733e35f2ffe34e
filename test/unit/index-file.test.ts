// readIndexFlags against git itself: real index files written by git (versions 2, 3 and 4, the
// last with prefix-compressed names), with random paths and random flags, must give exactly what
// `git ls-files -s -v` reports.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readIndexFlags } from '../../src/git/index-file.js';
import { makeEmptyRepo, type Repo } from '../helpers/git-repo.js';

const BLOB = 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391'; // the empty blob
const COMMIT = '1111111111111111111111111111111111111111'; // a gitlink needs no object

interface Entry {
  path: string;
  kind: 'file' | 'gitlink';
  assumeUnchanged: boolean;
  skipWorktree: boolean;
}

/** What git says: `ls-files -v` tags (lower case: assume-unchanged, S: skip-worktree) and modes. */
function fromGit(repo: Repo) {
  const out = repo.git('ls-files', '-s', '-v', '-z');
  const flags = { assumeUnchanged: [] as string[], skipWorktree: [] as string[], gitlinks: [] as string[] };
  for (const record of out.split('\0')) {
    if (record === '') continue;
    const tag = record[0]!;
    const [meta, file] = [record.slice(2, record.indexOf('\t')), record.slice(record.indexOf('\t') + 1)];
    if (tag >= 'a' && tag <= 'z') flags.assumeUnchanged.push(file);
    if (tag.toUpperCase() === 'S') flags.skipWorktree.push(file);
    else if (meta.startsWith('160000')) flags.gitlinks.push(file);
  }
  return flags;
}

function writeIndex(repo: Repo, entries: Entry[], version: 2 | 3 | 4): void {
  rmIndex(repo);
  const info = entries.map((e) => `${e.kind === 'gitlink' ? `160000 ${COMMIT}` : `100644 ${BLOB}`}\t${e.path}\n`);
  repo.tryGit(['update-index', '--index-info'], {}, info.join(''));
  const flagged = (pick: (e: Entry) => boolean) => entries.filter(pick).map((e) => e.path);
  const au = flagged((e) => e.assumeUnchanged);
  const sw = flagged((e) => e.skipWorktree);
  if (au.length) repo.tryGit(['update-index', '--assume-unchanged', '--stdin'], {}, `${au.join('\n')}\n`);
  if (sw.length) repo.tryGit(['update-index', '--skip-worktree', '--stdin'], {}, `${sw.join('\n')}\n`);
  repo.git('update-index', '--index-version', String(version));
}

function rmIndex(repo: Repo): void {
  rmSync(path.join(repo.dir, '.git/index'), { force: true });
}

const segment = fc.stringMatching(/^[a-zé0-9][a-zé0-9 ._-]{0,12}$/);
const entryArb = fc.record({
  path: fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/')),
  kind: fc.constantFrom<'file' | 'gitlink'>('file', 'file', 'file', 'gitlink'),
  assumeUnchanged: fc.boolean(),
  skipWorktree: fc.boolean(),
});

/** Paths where no entry is a directory of another (git refuses file "a" next to "a/b"). */
function consistent(entries: Entry[]): Entry[] {
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const kept = [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
  return kept.filter((e) => !kept.some((o) => o !== e && o.path.startsWith(`${e.path}/`)));
}

describe('readIndexFlags reads what git wrote', () => {
  it('index versions 2, 3 and 4 with random paths and flags give what git ls-files reports', () => {
    const repo = makeEmptyRepo();
    fc.assert(
      fc.property(fc.array(entryArb, { minLength: 1, maxLength: 40 }), fc.constantFrom(2, 3, 4), (raw, version) => {
        const entries = consistent(raw);
        writeIndex(repo, entries, version as 2 | 3 | 4);
        const data = readFileSync(path.join(repo.dir, '.git/index'));
        // Asked for 2 or 3, git writes 3 exactly when an entry has extended flags (skip-worktree).
        expect(data.readUInt32BE(4)).toBe(version === 4 ? 4 : entries.some((e) => e.skipWorktree) ? 3 : 2);
        const parsed = readIndexFlags(data);
        expect(parsed).not.toBeNull();
        const git = fromGit(repo);
        expect(parsed!.assumeUnchanged).toEqual(git.assumeUnchanged);
        expect(parsed!.skipWorktree).toEqual(git.skipWorktree);
        expect(parsed!.gitlinks).toEqual(git.gitlinks);
        expect(parsed!.split).toBe(false);
      }),
      { numRuns: 25 },
    );
  });

  it('a v4 index whose names share long prefixes and include one longer than 4096 bytes', () => {
    const repo = makeEmptyRepo();
    const deep = `${'d'.repeat(200)}/`.repeat(22); // 4,422 bytes of directories
    const entries: Entry[] = [
      { path: `${deep}a`, kind: 'file', assumeUnchanged: true, skipWorktree: false },
      { path: `${deep}b`, kind: 'file', assumeUnchanged: false, skipWorktree: true },
      { path: `${deep}c/x`, kind: 'gitlink', assumeUnchanged: false, skipWorktree: false },
      { path: 'z', kind: 'file', assumeUnchanged: true, skipWorktree: false },
    ];
    writeIndex(repo, entries, 4);
    const parsed = readIndexFlags(readFileSync(path.join(repo.dir, '.git/index')));
    expect(parsed).toEqual({
      assumeUnchanged: [`${deep}a`, 'z'],
      skipWorktree: [`${deep}b`],
      gitlinks: [`${deep}c/x`],
      sparseDirectories: [],
      split: false,
    });
  });

  it('a truncated index is not guessed at: null', () => {
    const repo = makeEmptyRepo();
    writeIndex(repo, [{ path: 'a/b', kind: 'file', assumeUnchanged: true, skipWorktree: false }], 2);
    const data = readFileSync(path.join(repo.dir, '.git/index'));
    expect(readIndexFlags(data)).not.toBeNull();
    expect(readIndexFlags(data.subarray(0, data.length - 30))).toBeNull();
  });
});
