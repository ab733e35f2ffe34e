import { describe, expect, it } from 'vitest';
import { dirtyTree } from '../../src/checks/dirty-tree.js';
import { type Case, entry, expectFindings, modesReporting, PARENT, runCheck, target } from '../helpers/facts.js';

const dirty = (...entries: ReturnType<typeof entry.modified>[]) => ({ status: { entries } });
const twelve = Array.from({ length: 12 }, (_, i) => `src/f${String(i).padStart(2, '0')}.ts`);

const cases: Case[] = [
  ['a clean tree', {}, []],
  [
    'untracked and ignored files are not tracked changes',
    { facts: dirty(entry.untracked('a'), entry.ignored('b')) },
    [],
  ],
  [
    'a submodule with only untracked files inside is untracked content',
    { facts: dirty(entry.submodule('lib', 'S..U')) },
    [],
  ],
  [
    'one modified file',
    { facts: dirty(entry.modified('src/a.ts')) },
    [
      {
        code: 'dirty-tree',
        severity: 'error',
        paths: ['src/a.ts'],
        message: ['1 tracked file changed: src/a.ts'],
        hint: ['Commit or stash it (git stash) before releasing'],
      },
    ],
  ],
  [
    'a staged change counts as much as an unstaged one',
    { facts: dirty(entry.staged('src/a.ts')) },
    [{ code: 'dirty-tree', severity: 'error', paths: ['src/a.ts'], message: ['1 tracked file changed'] }],
  ],
  [
    'each kind of change named in a word',
    {
      facts: dirty(
        entry.added('new.ts'),
        entry.deleted('old.ts'),
        entry.renamed('a.ts', 'b.ts'),
        entry.copied('b.ts', 'c.ts'),
        entry.submodule('lib', 'SC..'),
        entry.submodule('vendor', 'S.M.'),
      ),
    },
    [
      {
        code: 'dirty-tree',
        severity: 'error',
        paths: ['new.ts', 'old.ts', 'b.ts', 'c.ts', 'lib', 'vendor'],
        message: [
          '6 tracked files changed: new.ts (added), old.ts (deleted), a.ts → b.ts, b.ts → c.ts, lib (submodule), vendor (submodule)',
        ],
        hint: ['Commit or stash them (git stash) before releasing'],
      },
    ],
  ],
  [
    'a conflict: the way out is resolving it',
    { facts: dirty(entry.unmerged('src/x.ts'), entry.modified('src/y.ts')) },
    [
      {
        code: 'dirty-tree',
        severity: 'error',
        paths: ['src/x.ts', 'src/y.ts'],
        message: ['src/x.ts (unmerged), src/y.ts'],
        hint: ['Resolve the conflicts and commit', 'before releasing'],
      },
    ],
  ],
  [
    'many files: the message lists ten, the paths all of them',
    { facts: dirty(...twelve.map(entry.modified)) },
    [
      {
        code: 'dirty-tree',
        severity: 'error',
        paths: twelve,
        message: ['12 tracked files changed', 'src/f09.ts and 2 more'],
        hint: ['Commit or stash them'],
      },
    ],
  ],
  [
    'tagging HEAD with a dirty tree names the tag',
    { facts: { mode: 'tag', ...dirty(entry.modified('src/a.ts')) } },
    [
      {
        code: 'dirty-tree',
        severity: 'error',
        paths: ['src/a.ts'],
        message: ['1 tracked file changed'],
        hint: ['before tagging v1.2.3'],
      },
    ],
  ],
  [
    'tagging another commit: the work tree is not in the tag',
    {
      facts: {
        mode: 'tag',
        targets: [target('v1.2.3', { commit: PARENT, isHead: false })],
        ...dirty(entry.modified('src/a.ts')),
      },
    },
    [],
  ],
  [
    'before the version bump',
    { facts: { mode: 'preflight', ...dirty(entry.modified('src/a.ts')) } },
    [
      {
        code: 'dirty-tree',
        severity: 'error',
        paths: ['src/a.ts'],
        hint: ['Commit or stash it (git stash) before starting the release'],
      },
    ],
  ],
];

describe('dirty-tree', () => {
  it.each(cases)('%s', (_, scenario, expected) => {
    expectFindings(runCheck(dirtyTree, scenario), expected);
  });

  it('runs on the work tree (release, tag, preflight); commit reads the index and push existing commits', () => {
    expect(modesReporting('dirty-tree', () => ({ facts: dirty(entry.modified('src/a.ts')) }))).toEqual([
      'release',
      'tag',
      'preflight',
    ]);
  });
});
