import { describe, expect, it } from 'vitest';
import { notOnTag } from '../../src/checks/not-on-tag.js';
import { type Case, expectFindings, modesReporting, runCheck } from '../helpers/facts.js';

const past = (distance: number) => ({ describe: { tag: 'v1.2.3', distance, abbrev: '0214af08731054' } });

const cases: Case[] = [
  ['exactly on the tag', {}, []],
  ['no tag reachable (no-tag says so)', { facts: { describe: null, commitCount: 3 } }, []],
  [
    'one commit past the tag',
    { facts: past(1) },
    [
      {
        code: 'not-on-tag',
        severity: 'error',
        tag: 'v1.2.3',
        expected: '0',
        actual: '1',
        message: ['HEAD (0214af0) is 1 commit past v1.2.3'],
        // The way out: tag it, check out the tag, or build a development version (named).
        hint: [
          'git tag -a vX.Y.Z -m vX.Y.Z',
          'check out the tag',
          'stampguard version --dev',
          '(1.2.4-dev.1+g0214af0)',
        ],
      },
    ],
  ],
  [
    'several commits past the tag, with another prefix',
    {
      facts: { describe: { tag: 'pkg@1.2.3', distance: 284, abbrev: '0214af08731054' } },
      config: { tagPrefix: 'pkg@' },
    },
    [
      {
        code: 'not-on-tag',
        severity: 'error',
        tag: 'pkg@1.2.3',
        expected: '0',
        actual: '284',
        message: ['284 commits past pkg@1.2.3'],
        hint: ['git tag -a pkg@X.Y.Z -m pkg@X.Y.Z', '(1.2.4-dev.284+g0214af0)'],
      },
    ],
  ],
];

describe('not-on-tag', () => {
  it.each(cases)('%s', (_, scenario, expected) => {
    expectFindings(runCheck(notOnTag, scenario), expected);
  });

  it('runs in release mode only (a tag being created is past the previous one by design)', () => {
    expect(modesReporting('not-on-tag', () => ({ facts: past(3) }))).toEqual(['release']);
  });
});
