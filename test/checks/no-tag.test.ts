import { describe, expect, it } from 'vitest';
import { noTag } from '../../src/checks/no-tag.js';
import { type Case, expectFindings, HEAD, modesReporting, runCheck, tagRef } from '../helpers/facts.js';

const untagged = { describe: null, tags: [], commitCount: 3 };

const cases: Case[] = [
  ['HEAD on a release tag', {}, []],
  ['HEAD past a release tag', { facts: { describe: { tag: 'v1.2.3', distance: 4, abbrev: 'abc1234' } } }, []],
  [
    'no tag reachable',
    { facts: untagged },
    [
      {
        code: 'no-tag',
        severity: 'error',
        message: ['no tag matching v[0-9]* is reachable from HEAD (0214af0)'],
        hint: ['git tag -a v1.2.3 -m v1.2.3', 'git fetch --tags'], // package.json's version
      },
    ],
  ],
  [
    'tags with another prefix are named, with the setting that would take them',
    { facts: { ...untagged, tags: [tagRef('release-1.0', HEAD), tagRef('1.1.0', HEAD)] } },
    [
      {
        code: 'no-tag',
        severity: 'error',
        message: ['no tag matching v[0-9]*'],
        hint: ['Tags that do not match the prefix: release-1.0, 1.1.0', 'set "tagPrefix"'],
      },
    ],
  ],
  [
    'at most five other tags are named',
    { facts: { ...untagged, tags: ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((n) => tagRef(n, HEAD)) } },
    [{ code: 'no-tag', severity: 'error', hint: ['a, b, c, d, e and 2 more'] }],
  ],
  [
    'another prefix: the glob and the example tag use it',
    { facts: untagged, config: { tagPrefix: 'pkg@' } },
    [
      {
        code: 'no-tag',
        severity: 'error',
        message: ['no tag matching pkg@[0-9]*'],
        hint: ['git tag -a pkg@1.2.3 -m pkg@1.2.3'],
      },
    ],
  ],
  [
    'a shallow clone: the tags may just be missing',
    { facts: { ...untagged, shallow: true } },
    [
      {
        code: 'no-tag',
        severity: 'error',
        message: ['no tag matching'],
        hint: ['shallow clone', 'git fetch --unshallow --tags'],
      },
    ],
  ],
  [
    'an unborn branch',
    { facts: { ...untagged, head: null, commitCount: null } },
    [{ code: 'no-tag', severity: 'error', message: ['no commits yet'], hint: ['Commit, then tag the release commit'] }],
  ],
];

describe('no-tag', () => {
  it.each(cases)('%s', (_, scenario, expected) => {
    expectFindings(runCheck(noTag, scenario), expected);
  });

  it('runs in release mode only: tag and push name their own tag, commit and preflight need none', () => {
    expect(modesReporting('no-tag', () => ({ facts: untagged }))).toEqual(['release']);
  });
});
