import { describe, expect, it } from 'vitest';
import { ambiguousReleaseTag } from '../../src/checks/ambiguous-release-tag.js';
import { type Case, expectFindings, HEAD, modesReporting, runCheck, tagRef } from '../helpers/facts.js';

// describe took v7.8.8 (annotated) although a lightweight v7.8.9-2-gdeadbee is there too.
const stray = {
  facts: {
    tags: [tagRef('v7.8.8', HEAD), tagRef('v7.8.9-2-gdeadbee', HEAD, false)],
    tagsAtHead: ['v7.8.8', 'v7.8.9-2-gdeadbee'],
    describe: { tag: 'v7.8.8', distance: 0, abbrev: HEAD.slice(0, 14) },
  },
};

const cases: Case[] = [
  ['one release tag on HEAD', {}, []],
  [
    'the tag a build takes is not the highest version on HEAD',
    stray,
    [
      {
        code: 'ambiguous-release-tag',
        severity: 'warning',
        tag: 'v7.8.8',
        expected: 'v7.8.8',
        actual: 'v7.8.9-2-gdeadbee',
        message: ['HEAD carries v7.8.8, v7.8.9-2-gdeadbee', 'takes v7.8.8'],
        hint: ['git tag -d NAME'],
      },
    ],
  ],
  [
    'a promoted candidate below the release it became',
    {
      facts: {
        tags: [tagRef('v2.0.0-rc.1', HEAD), tagRef('v2.0.0', HEAD)],
        tagsAtHead: ['v2.0.0-rc.1', 'v2.0.0'],
        describe: { tag: 'v2.0.0', distance: 0, abbrev: HEAD.slice(0, 14) },
      },
    },
    [],
  ],
];

describe('ambiguous-release-tag', () => {
  it.each(cases)('%s', (_, scenario, expected) => {
    expectFindings(runCheck(ambiguousReleaseTag, scenario), expected);
  });

  it('runs on the checkout being released (release)', () => {
    expect(modesReporting('ambiguous-release-tag', () => stray)).toEqual(['release']);
  });
});
