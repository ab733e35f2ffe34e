import { describe, expect, it } from 'vitest';
import { branchNotAllowed } from '../../src/checks/branch-not-allowed.js';
import { type Case, expectFindings, modesReporting, runCheck } from '../helpers/facts.js';

const branches = { branches: ['main', 'release-*'] };
const detached = { branch: null, branchesContainingHead: [] };

const cases: Case[] = [
  ['no "branches" configured: any branch', { facts: { branch: 'feature/x' } }, []],
  ['an allowed branch', { config: branches }, []],
  ['a branch matching a glob', { facts: { branch: 'release-1.2' }, config: branches }, []],
  [
    'a branch outside the list',
    { facts: { branch: 'feature/x' }, config: branches },
    [
      {
        code: 'branch-not-allowed',
        severity: 'error',
        expected: 'main, release-*',
        actual: 'feature/x',
        message: ['the current branch feature/x is not one of the release branches (main, release-*)'],
        hint: ['Switch to a release branch', 'add "feature/x" to "branches"'],
      },
    ],
  ],
  [
    'a branch excluded by a negated pattern',
    { facts: { branch: 'release-old' }, config: { branches: ['release-*', '!release-old'] } },
    [{ code: 'branch-not-allowed', severity: 'error', expected: 'release-*, !release-old', actual: 'release-old' }],
  ],
  [
    'a detached HEAD contained in an allowed branch (CI checking out a tag)',
    { facts: { branch: null, branchesContainingHead: ['main'] }, config: branches },
    [],
  ],
  [
    'a detached HEAD no allowed branch contains',
    { facts: detached, config: branches },
    [
      {
        code: 'branch-not-allowed',
        severity: 'error',
        expected: 'main, release-*',
        actual: 'detached HEAD',
        message: ['HEAD is detached at 0214af0, and no release branch (main, release-*) contains it'],
        hint: ['Check out a release branch', 'git fetch origin'],
      },
    ],
  ],
  [
    'an unborn branch: nothing to release yet (no-tag says so)',
    { facts: { head: null, branch: 'wip' }, config: branches },
    [],
  ],
  [
    'creating a tag from a branch outside the list',
    { facts: { mode: 'tag', branch: 'feature/x' }, config: branches },
    [{ code: 'branch-not-allowed', severity: 'error', expected: 'main, release-*', actual: 'feature/x' }],
  ],
  [
    'before the version bump on a branch outside the list',
    { facts: { mode: 'preflight', branch: 'feature/x' }, config: branches },
    [{ code: 'branch-not-allowed', severity: 'error', expected: 'main, release-*', actual: 'feature/x' }],
  ],
];

describe('branch-not-allowed', () => {
  it.each(cases)('%s', (_, scenario, expected) => {
    expectFindings(runCheck(branchNotAllowed, scenario), expected);
  });

  it('runs where a release or a tag is made from the checkout (release, tag, preflight); commits may be anywhere', () => {
    expect(modesReporting('branch-not-allowed', () => ({ facts: { branch: 'feature/x' }, config: branches }))).toEqual([
      'release',
      'tag',
      'preflight',
    ]);
  });
});
