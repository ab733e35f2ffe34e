import { describe, expect, it } from 'vitest';
import { tagNotAnnotated } from '../../src/checks/tag-not-annotated.js';
import type { Mode } from '../../src/types.js';
import {
  type Case,
  expectFindings,
  HEAD,
  modesReporting,
  PARENT,
  pushed,
  runCheck,
  type Scenario,
  tagRef,
  target,
} from '../helpers/facts.js';

const required = { requireAnnotatedTag: true };
const lightweightHead = { tags: [tagRef('v1.2.2', PARENT), tagRef('v1.2.3', HEAD, false)] };

const cases: Case[] = [
  ['release: not required', { facts: lightweightHead }, []],
  ['release: an annotated tag', { config: required }, []],
  [
    'release: HEAD on a lightweight tag',
    { facts: lightweightHead, config: required },
    [
      {
        code: 'tag-not-annotated',
        severity: 'error',
        tag: 'v1.2.3',
        message: ['v1.2.3 is a lightweight tag, and "requireAnnotatedTag" is set'],
        hint: ['git tag -d v1.2.3 && git tag -a v1.2.3 -m v1.2.3'],
      },
    ],
  ],
  [
    'release: not on a tag (not-on-tag says so)',
    { facts: { ...lightweightHead, describe: { tag: 'v1.2.3', distance: 1, abbrev: 'abc1234' } }, config: required },
    [],
  ],
  ['tag: an annotated tag object', { facts: { mode: 'tag' }, config: required }, []],
  [
    'tag: a lightweight tag being created',
    { facts: { mode: 'tag', targets: [target('v1.2.3', { annotated: false, object: HEAD })] }, config: required },
    [{ code: 'tag-not-annotated', severity: 'error', tag: 'v1.2.3', hint: ['git tag -a v1.2.3 -m v1.2.3'] }],
  ],
  [
    'tag: --tag before the tag exists: not known yet',
    { facts: { mode: 'tag', targets: [target('v1.2.3', { annotated: null, object: null })] }, config: required },
    [],
  ],
  [
    'tag: not a release tag',
    { facts: { mode: 'tag', targets: [target('deploy-prod', { annotated: false })] }, config: required },
    [],
  ],
  [
    'push: a lightweight tag being pushed',
    { facts: { mode: 'push', targets: [pushed('v1.2.3', { annotated: false, object: HEAD })] }, config: required },
    [{ code: 'tag-not-annotated', severity: 'error', tag: 'v1.2.3', message: ['lightweight'] }],
  ],
];

describe('tag-not-annotated', () => {
  it.each(cases)('%s', (_, scenario, expected) => {
    expectFindings(runCheck(tagNotAnnotated, scenario), expected);
  });

  it('runs on release tags (release, tag, push)', () => {
    const scenario = (mode: Mode): Scenario => ({
      facts: { ...lightweightHead, targets: [(mode === 'push' ? pushed : target)('v1.2.3', { annotated: false })] },
      config: required,
    });
    expect(modesReporting('tag-not-annotated', scenario)).toEqual(['release', 'tag', 'push']);
  });
});
