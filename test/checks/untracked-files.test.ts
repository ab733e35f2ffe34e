import { describe, expect, it } from 'vitest';
import { untrackedFiles } from '../../src/checks/untracked-files.js';
import { type Case, entry, expectFindings, modesReporting, PARENT, runCheck, target } from '../helpers/facts.js';

const withUntracked = (...paths: string[]) => ({ status: { entries: paths.map(entry.untracked) } });
const twelve = Array.from({ length: 12 }, (_, i) => `tmp/${String(i).padStart(2, '0')}.log`);

const cases: Case[] = [
  ['no untracked files', {}, []],
  ['ignored files are not untracked', { facts: { status: { entries: [entry.ignored('dist')] } } }, []],
  ['tracked changes are another finding', { facts: { status: { entries: [entry.modified('a.ts')] } } }, []],
  [
    'an untracked file is an error by default',
    { facts: withUntracked('notes.txt') },
    [
      {
        code: 'untracked-files',
        severity: 'error',
        paths: ['notes.txt'],
        message: ['1 untracked path: notes.txt'],
        hint: ['Commit them, delete them or add them to .gitignore', '"untracked": "warning"'],
      },
    ],
  ],
  [
    '"untracked": "warning" makes it a warning',
    { facts: withUntracked('notes.txt', 'b.txt'), config: { untracked: 'warning' } },
    [
      {
        code: 'untracked-files',
        severity: 'warning',
        paths: ['notes.txt', 'b.txt'],
        message: ['2 untracked paths: notes.txt, b.txt'],
        hint: ['.gitignore'],
      },
    ],
  ],
  [
    '"untracked": "ignore" turns the check off',
    { facts: withUntracked('notes.txt'), config: { untracked: 'ignore' } },
    [],
  ],
  [
    'untracked files inside a submodule are untracked content',
    { facts: { status: { entries: [entry.submodule('lib', 'S..U')] } } },
    [{ code: 'untracked-files', severity: 'error', paths: ['lib'], message: ['1 untracked path: lib'] }],
  ],
  [
    'many files: the message lists ten, the paths all of them',
    { facts: withUntracked(...twelve) },
    [
      {
        code: 'untracked-files',
        severity: 'error',
        paths: twelve,
        message: ['12 untracked paths', 'tmp/09.log and 2 more'],
      },
    ],
  ],
  [
    'tagging HEAD',
    { facts: { mode: 'tag', ...withUntracked('notes.txt') } },
    [{ code: 'untracked-files', severity: 'error', paths: ['notes.txt'], hint: ['.gitignore'] }],
  ],
  [
    'tagging another commit: the work tree is not in the tag',
    { facts: { mode: 'tag', targets: [target('v1.2.3', { commit: PARENT, isHead: false })], ...withUntracked('x') } },
    [],
  ],
  [
    'before the version bump',
    { facts: { mode: 'preflight', ...withUntracked('notes.txt') } },
    [{ code: 'untracked-files', severity: 'error', paths: ['notes.txt'] }],
  ],
];

describe('untracked-files', () => {
  it.each(cases)('%s', (_, scenario, expected) => {
    expectFindings(runCheck(untrackedFiles, scenario), expected);
  });

  it('runs on the work tree (release, tag, preflight), not on commits or pushes', () => {
    expect(modesReporting('untracked-files', () => ({ facts: withUntracked('notes.txt') }))).toEqual([
      'release',
      'tag',
      'preflight',
    ]);
  });
});
