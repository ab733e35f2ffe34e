import { describe, expect, it } from 'vitest';
import { highestRelease, versionNotGreater } from '../../src/checks/version-not-greater.js';
import type { Mode } from '../../src/types.js';
import { parseStrictSemver } from '../../src/version/rules.js';
import {
  type Case,
  ELSEWHERE,
  expectFindings,
  modesReporting,
  PARENT,
  pushed,
  runCheck,
  type Scenario,
  tagRef,
  target,
} from '../helpers/facts.js';

/** Creating `tag` with these tags already in the repository. */
const creating = (tag: string, existing: string[]) => ({
  mode: 'tag' as const,
  tags: existing.map((name) => tagRef(name, ELSEWHERE)),
  targets: [target(tag)],
});

const cases: Case[] = [
  ['the first release', { facts: creating('v1.0.0', []) }, []],
  ['greater than every release', { facts: creating('v1.3.0', ['v1.2.3', 'v1.2.2']) }, []],
  ['a patch of an older line (v1.2.4 after v1.3.0)', { facts: creating('v1.2.4', ['v1.2.3', 'v1.3.0']) }, []],
  ['a pre-release of the next version', { facts: creating('v1.3.0-rc.1', ['v1.2.3']) }, []],
  ['tags that are not releases are not compared', { facts: creating('v1.0.0', ['v9.9', 'nightly', 'x9.0.0']) }, []],
  ['not strict semver (tag-not-semver says so)', { facts: creating('v1.2', ['v1.3.0']) }, []],
  [
    'lower than the highest of its own line',
    { facts: creating('v1.2.2', ['v1.2.3', 'v1.3.0']) },
    [
      {
        code: 'version-not-greater',
        severity: 'error',
        tag: 'v1.2.2',
        expected: '> 1.2.3',
        actual: '1.2.2',
        message: ['v1.2.2 is not greater than v1.2.3, the highest 1.2.x release tag'],
        hint: ['Pick a version greater than 1.2.3'],
      },
    ],
  ],
  [
    'a new line below the highest release',
    { facts: creating('v1.1.0', ['v1.2.3']) },
    [
      {
        code: 'version-not-greater',
        severity: 'error',
        tag: 'v1.1.0',
        expected: '> 1.2.3',
        actual: '1.1.0',
        message: ['v1.1.0 is not greater than v1.2.3, the highest release tag'],
        hint: ['greater than 1.2.3'],
      },
    ],
  ],
  [
    'a pre-release of a version already released',
    { facts: creating('v1.3.0-rc.1', ['v1.3.0']) },
    [{ code: 'version-not-greater', severity: 'error', tag: 'v1.3.0-rc.1', expected: '> 1.3.0', actual: '1.3.0-rc.1' }],
  ],
  [
    'another prefix compares only its own tags',
    { facts: creating('pkg@1.0.0', ['v2.0.0', 'pkg@1.1.0']), config: { tagPrefix: 'pkg@' } },
    [{ code: 'version-not-greater', severity: 'error', tag: 'pkg@1.0.0', expected: '> 1.1.0', actual: '1.0.0' }],
  ],
  [
    're-creating an existing version is tag-exists, not this',
    { facts: { ...creating('v1.2.3', ['v1.2.2']), tags: [tagRef('v1.2.2', PARENT), tagRef('v1.2.3', ELSEWHERE)] } },
    [],
  ],
];

describe('version-not-greater', () => {
  it.each(cases)('%s', (_, scenario, expected) => {
    expectFindings(runCheck(versionNotGreater, scenario), expected);
  });

  it("highestRelease: within the new tag's line when it has tags, else over all releases", () => {
    const v = (text: string) => parseStrictSemver(text)!;
    const tags = ['v1.2.3', 'v1.3.0', 'v2.0.0-rc.1', 'v1.2.10'].map((name) => ({ name }));
    expect(highestRelease(tags, 'v', 'v1.2.5', v('1.2.5'))).toMatchObject({ name: 'v1.2.10', sameLine: true });
    expect(highestRelease(tags, 'v', 'v1.4.0', v('1.4.0'))).toMatchObject({ name: 'v2.0.0-rc.1', sameLine: false });
    expect(highestRelease(tags, 'v', 'v1.3.0', v('1.3.0'))).toMatchObject({ name: 'v2.0.0-rc.1', sameLine: false });
    expect(highestRelease([], 'v', 'v1.0.0', v('1.0.0'))).toBeNull();
  });

  it('runs in tag mode only: a push may send an older tag late', () => {
    const scenario = (mode: Mode): Scenario => ({
      facts: {
        tags: [tagRef('v1.2.3', ELSEWHERE), tagRef('v1.0.0', PARENT)],
        targets: [(mode === 'push' ? pushed : target)('v1.0.0')],
      },
    });
    expect(modesReporting('version-not-greater', scenario)).toEqual(['tag']);
  });
});
