import { describe, expect, it } from 'vitest';
import { noNewCommits } from '../../src/checks/no-new-commits.js';
import { type Case, expectFindings, HEAD, modesReporting, PARENT, runCheck, tagRef, target } from '../helpers/facts.js';

const tagging = (tag: string, existing: string[]) => ({
  facts: { mode: 'tag' as const, tags: existing.map((name) => tagRef(name, HEAD)), targets: [target(tag)] },
});

const cases: Case[] = [
  ['a new commit since the last release', { facts: { mode: 'tag', tags: [tagRef('v1.2.2', PARENT)] } }, []],
  [
    'the commit already carries v1.2.2',
    tagging('v1.2.3', ['v1.2.2']),
    [
      {
        code: 'no-new-commits',
        severity: 'error',
        tag: 'v1.2.3',
        actual: 'v1.2.2',
        message: ['already carries v1.2.2', 'no commits since that release'],
        hint: ['Commit the changes you mean to release first', 'git tag -d v1.2.2'],
      },
    ],
  ],
  ['promoting the candidate v1.2.3-rc.1 to v1.2.3', tagging('v1.2.3', ['v1.2.3-rc.1']), []],
  [
    'a second candidate with nothing new',
    tagging('v1.2.3-rc.2', ['v1.2.3-rc.1']),
    [{ code: 'no-new-commits', severity: 'error', tag: 'v1.2.3-rc.2', actual: 'v1.2.3-rc.1' }],
  ],
  [
    'a candidate of another release does not count as promotion',
    tagging('v1.2.3', ['v1.2.4-rc.1']),
    [{ code: 'no-new-commits', severity: 'error', tag: 'v1.2.3', actual: 'v1.2.4-rc.1' }],
  ],
  ['other, non-release tags on the commit do not count', tagging('v1.2.3', ['deploy-prod']), []],
];

describe('no-new-commits', () => {
  it.each(cases)('%s', (_, scenario, expected) => {
    expectFindings(runCheck(noNewCommits, scenario), expected);
  });

  it('runs on tags being created (tag): a push sends tags already made', () => {
    expect(modesReporting('no-new-commits', () => tagging('v1.2.3', ['v1.2.2']))).toEqual(['tag']);
  });
});
