import { describe, expect, it } from 'vitest';
import { tagExists } from '../../src/checks/tag-exists.js';
import type { Mode } from '../../src/types.js';
import {
  type Case,
  ELSEWHERE,
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

const existing = (...tags: ReturnType<typeof tagRef>[]) => ({ tags: [tagRef('v1.2.2', PARENT), ...tags] });

const cases: Case[] = [
  ['tag: a new tag', { facts: { mode: 'tag' } }, []],
  [
    'tag: the same tag on the same commit (git tag -f to where it is)',
    { facts: { mode: 'tag', ...existing(tagRef('v1.2.3', HEAD)) } },
    [],
  ],
  [
    'tag: moving an existing tag to another commit',
    { facts: { mode: 'tag', ...existing(tagRef('v1.2.3', ELSEWHERE)) } },
    [
      {
        code: 'tag-exists',
        severity: 'error',
        tag: 'v1.2.3',
        expected: HEAD,
        actual: ELSEWHERE,
        message: ['v1.2.3 already exists and points at c0ffee0, not 0214af0'],
        hint: ['Choose a new version', 'git tag -d v1.2.3'],
      },
    ],
  ],
  [
    'tag: a lightweight tag is compared by its commit too',
    { facts: { mode: 'tag', ...existing(tagRef('v1.2.3', ELSEWHERE, false)) } },
    [{ code: 'tag-exists', severity: 'error', tag: 'v1.2.3', expected: HEAD, actual: ELSEWHERE }],
  ],
  [
    'tag: a tag object that names no commit (nothing to compare)',
    {
      facts: {
        mode: 'tag',
        targets: [target('v1.2.3', { commit: null, isHead: false })],
        ...existing(tagRef('v1.2.3', ELSEWHERE)),
      },
    },
    [],
  ],
  [
    'tag: not a strict semver release tag is not checked',
    { facts: { mode: 'tag', targets: [target('deploy-prod')], ...existing(tagRef('deploy-prod', ELSEWHERE)) } },
    [],
  ],
  ['push: the pushed tag is the local one', { facts: { mode: 'push' } }, []],
  [
    'push: pushing a commit under a tag name that points elsewhere locally',
    { facts: { mode: 'push', targets: [pushed('v1.2.3', { commit: PARENT })] } },
    [
      {
        code: 'tag-exists',
        severity: 'error',
        tag: 'v1.2.3',
        expected: PARENT,
        actual: HEAD,
        message: ['already exists'],
      },
    ],
  ],
];

describe('tag-exists', () => {
  it.each(cases)('%s', (_, scenario, expected) => {
    expectFindings(runCheck(tagExists, scenario), expected);
  });

  it('runs on tags being created or pushed (tag, push)', () => {
    const scenario = (mode: Mode): Scenario => ({
      facts: { ...existing(tagRef('v1.2.3', ELSEWHERE)), targets: [(mode === 'push' ? pushed : target)('v1.2.3')] },
    });
    expect(modesReporting('tag-exists', scenario)).toEqual(['tag', 'push']);
  });
});
