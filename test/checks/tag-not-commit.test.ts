import { describe, expect, it } from 'vitest';
import { tagNotCommit } from '../../src/checks/tag-not-commit.js';
import { type Case, expectFindings, modesReporting, pushed, runCheck, target } from '../helpers/facts.js';

const onTree = (tag = 'v1.2.3') =>
  target(tag, { commit: null, annotated: false, objectType: 'tree', object: 'a'.repeat(40) });

const cases: Case[] = [
  ['a tag on a commit', { facts: { mode: 'tag' } }, []],
  [
    'a tag on a tree',
    { facts: { mode: 'tag', targets: [onTree()] } },
    [
      {
        code: 'tag-not-commit',
        severity: 'error',
        tag: 'v1.2.3',
        actual: 'tree',
        message: ['v1.2.3 points at a tree', 'not a commit'],
        hint: ['git tag -d v1.2.3', 'git tag -a v1.2.3 -m v1.2.3 COMMIT'],
      },
    ],
  ],
  [
    'pushing a tag on a blob',
    { facts: { mode: 'push', targets: [pushed('v1.2.3', { commit: null, annotated: false, objectType: 'blob' })] } },
    [{ code: 'tag-not-commit', severity: 'error', tag: 'v1.2.3', actual: 'blob', message: ['points at a blob'] }],
  ],
  ['a tag that is not a release tag is not checked', { facts: { mode: 'tag', targets: [onTree('deploy-prod')] } }, []],
];

describe('tag-not-commit', () => {
  it.each(cases)('%s', (_, scenario, expected) => {
    expectFindings(runCheck(tagNotCommit, scenario), expected);
  });

  it('runs on tags being created or pushed (tag, push)', () => {
    expect(
      modesReporting('tag-not-commit', (mode) => ({
        facts: { targets: [mode === 'push' ? pushed('v1.2.3', { commit: null, objectType: 'tree' }) : onTree()] },
      })),
    ).toEqual(['tag', 'push']);
  });
});
