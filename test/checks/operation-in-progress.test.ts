import { describe, expect, it } from 'vitest';
import { operationInProgress } from '../../src/checks/operation-in-progress.js';
import { type Case, expectFindings, modesReporting, runCheck } from '../helpers/facts.js';

const cases: Case[] = [
  ['no operation', {}, []],
  [
    'a merge',
    { facts: { operation: 'merge' } },
    [
      {
        code: 'operation-in-progress',
        severity: 'error',
        message: ['a merge is in progress'],
        hint: ['git commit', 'git merge --abort'],
      },
    ],
  ],
  [
    'a rebase',
    { facts: { operation: 'rebase' } },
    [
      {
        code: 'operation-in-progress',
        severity: 'error',
        message: ['a rebase is in progress'],
        hint: ['git rebase --continue', 'git rebase --abort'],
      },
    ],
  ],
  [
    'a cherry-pick',
    { facts: { operation: 'cherry-pick' } },
    [
      {
        code: 'operation-in-progress',
        severity: 'error',
        message: ['a cherry-pick is in progress'],
        hint: ['git cherry-pick --continue', 'git cherry-pick --abort'],
      },
    ],
  ],
  [
    'a revert',
    { facts: { operation: 'revert' } },
    [
      {
        code: 'operation-in-progress',
        severity: 'error',
        message: ['a revert is in progress'],
        hint: ['git revert --continue', 'git revert --abort'],
      },
    ],
  ],
  [
    'a bisect',
    { facts: { operation: 'bisect' } },
    [
      {
        code: 'operation-in-progress',
        severity: 'error',
        message: ['a bisect is in progress'],
        hint: ['git bisect reset'],
      },
    ],
  ],
  [
    'a rebase while a tag is created',
    { facts: { mode: 'tag', operation: 'rebase' } },
    [{ code: 'operation-in-progress', severity: 'error', message: ['rebase'], hint: ['git rebase --abort'] }],
  ],
  [
    'a merge before the version bump',
    { facts: { mode: 'preflight', operation: 'merge' } },
    [{ code: 'operation-in-progress', severity: 'error', message: ['merge'], hint: ['git merge --abort'] }],
  ],
];

describe('operation-in-progress', () => {
  it.each(cases)('%s', (_, scenario, expected) => {
    expectFindings(runCheck(operationInProgress, scenario), expected);
  });

  it('runs where HEAD is what is released (release, tag, preflight); a merge commit and a push are not refused', () => {
    // Committing the resolution of a merge is how a merge ends; pushing looks at existing tags.
    expect(modesReporting('operation-in-progress', () => ({ facts: { operation: 'merge' } }))).toEqual([
      'release',
      'tag',
      'preflight',
    ]);
  });
});
