import { describe, expect, it } from 'vitest';
import { shallowClone } from '../../src/checks/shallow-clone.js';
import { type Case, expectFindings, modesReporting, runCheck } from '../helpers/facts.js';

const cases: Case[] = [
  ['a full clone', {}, []],
  [
    'a shallow clone',
    { facts: { shallow: true } },
    [
      {
        code: 'shallow-clone',
        severity: 'error',
        message: ['shallow clone', 'cannot be trusted'],
        hint: ['git fetch --unshallow --tags', 'fetch-depth: 0'],
      },
    ],
  ],
  [
    'a shallow clone before the version bump',
    { facts: { mode: 'preflight', shallow: true } },
    [{ code: 'shallow-clone', severity: 'error', hint: ['git fetch --unshallow --tags'] }],
  ],
];

describe('shallow-clone', () => {
  it.each(cases)('%s', (_, scenario, expected) => {
    expectFindings(runCheck(shallowClone, scenario), expected);
  });

  it('runs where describe and the distance are used (release, preflight)', () => {
    expect(modesReporting('shallow-clone', () => ({ facts: { shallow: true } }))).toEqual(['release', 'preflight']);
  });
});
