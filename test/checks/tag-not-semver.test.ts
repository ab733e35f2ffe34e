import { describe, expect, it } from 'vitest';
import { tagNotSemver } from '../../src/checks/tag-not-semver.js';
import type { Mode } from '../../src/types.js';
import {
  type Case,
  expectFindings,
  modesReporting,
  pushed,
  runCheck,
  type Scenario,
  target,
} from '../helpers/facts.js';

const nearest = (tag: string, distance = 0) => ({ describe: { tag, distance, abbrev: '0214af08731054' } });
const creating = (tag: string) => ({ mode: 'tag' as const, targets: [target(tag)] });
const pushing = (tag: string) => ({ mode: 'push' as const, targets: [pushed(tag)] });

const cases: Case[] = [
  ['release: on a strict semver tag', {}, []],
  ['release: past a strict semver pre-release tag', { facts: nearest('v1.3.0-rc.1', 2) }, []],
  ['release: no tag reachable (no-tag says so)', { facts: { describe: null, commitCount: 1 } }, []],
  [
    'release: the nearest release tag has two numbers',
    { facts: nearest('v1.2') },
    [
      {
        code: 'tag-not-semver',
        severity: 'error',
        tag: 'v1.2',
        message: ['the nearest release tag v1.2 is not "v" followed by a strict semantic version'],
        hint: ['Tag releases as vMAJOR.MINOR.PATCH', 'v1.2.3-rc.1'],
      },
    ],
  ],
  [
    'release: a tag past which HEAD is, with four numbers',
    { facts: nearest('v1.2.3.4', 5) },
    [{ code: 'tag-not-semver', severity: 'error', tag: 'v1.2.3.4', message: ['v1.2.3.4 is not "v"'] }],
  ],
  ['tag: a strict semver tag', { facts: creating('v1.2.3') }, []],
  [
    'tag: a leading zero',
    { facts: creating('v01.2.3') },
    [
      {
        code: 'tag-not-semver',
        severity: 'error',
        tag: 'v01.2.3',
        message: ['v01.2.3 is not "v" followed by a strict semantic version'],
        hint: ['Use vMAJOR.MINOR.PATCH', 'no leading zeros, no fourth number'],
      },
    ],
  ],
  [
    'tag: a calendar version with leading zeros',
    { facts: creating('v2024.01.15') },
    [{ code: 'tag-not-semver', severity: 'error', tag: 'v2024.01.15', message: ['v2024.01.15 is not "v"'] }],
  ],
  [
    'tag: not a release tag at all is a warning, not checked',
    { facts: creating('deploy-prod') },
    [
      {
        code: 'tag-not-semver',
        severity: 'warning',
        tag: 'deploy-prod',
        message: ['deploy-prod is not a release tag (release tags match v[0-9]*), so it is not checked'],
        hint: ['vMAJOR.MINOR.PATCH', 'set "tagPrefix"'],
      },
    ],
  ],
  [
    'tag: another prefix',
    { facts: creating('v1.2.3'), config: { tagPrefix: 'pkg@' } },
    [
      {
        code: 'tag-not-semver',
        severity: 'warning',
        tag: 'v1.2.3',
        message: ['release tags match pkg@[0-9]*'],
        hint: ['pkg@MAJOR.MINOR.PATCH'],
      },
    ],
  ],
  ['push: a strict semver tag', { facts: pushing('v1.2.3') }, []],
  [
    'push: a tag with two numbers',
    { facts: pushing('v1.2') },
    [{ code: 'tag-not-semver', severity: 'error', tag: 'v1.2', message: ['v1.2 is not "v"'] }],
  ],
  [
    'push: a tag that is not a release tag',
    { facts: pushing('nightly') },
    [{ code: 'tag-not-semver', severity: 'warning', tag: 'nightly', message: ['not checked'] }],
  ],
];

describe('tag-not-semver', () => {
  it.each(cases)('%s', (_, scenario, expected) => {
    expectFindings(runCheck(tagNotSemver, scenario), expected);
  });

  it('runs on the tags versions come from (release, tag, push)', () => {
    const scenario = (mode: Mode): Scenario => ({
      facts: { ...nearest('v1.2'), targets: mode === 'push' ? [pushed('v1.2')] : [target('v1.2')] },
    });
    expect(modesReporting('tag-not-semver', scenario)).toEqual(['release', 'tag', 'push']);
  });
});
