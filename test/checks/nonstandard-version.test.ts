import { describe, expect, it } from 'vitest';
import { nonstandardVersion } from '../../src/checks/nonstandard-version.js';
import type { Mode } from '../../src/types.js';
import {
  type Case,
  entry,
  expectFindings,
  modesReporting,
  pushed,
  runCheck,
  type Scenario,
  target,
  versionFile,
} from '../helpers/facts.js';

const INCIDENT = '0.1.0-284+0214af08731054-dirty';
const staged = (...files: ReturnType<typeof versionFile>[]) => ({ mode: 'commit' as const, versionFiles: files });
const onTag = (tag: string, distance = 0, abbrev = '0214af08731054') => ({ describe: { tag, distance, abbrev } });
const noPrerelease = { allowPrerelease: false };
// What a build stamps past a tag depends on the convention: these rows are about Kubernetes'
// version.sh (the incident's), and the convention rows below about the other two.
const k8s = { convention: 'kubernetes' } as const;

const commitCases: Case[] = [
  ['a release version', { facts: staged(versionFile('1.2.3', { explicit: true })) }, []],
  ['a pre-release, allowed by default', { facts: staged(versionFile('1.3.0-rc.1')) }, []],
  ['a file with no version staged', { facts: staged(versionFile(null, { problem: 'missing', explicit: true })) }, []],
  [
    "the incident's version",
    { facts: staged(versionFile(INCIDENT)) },
    [
      {
        code: 'nonstandard-version',
        severity: 'error',
        paths: ['package.json'],
        actual: INCIDENT,
        message: [`the staged package.json has version ${INCIDENT}, which carries a commit id and a dirty-tree marker`],
        hint: ['npm version 0.1.0 --no-git-tag-version, then git add package.json'],
      },
    ],
  ],
  [
    'a bare commit id: the hint falls back to an example version',
    { facts: staged(versionFile('0214af0')) },
    [
      {
        code: 'nonstandard-version',
        severity: 'error',
        paths: ['package.json'],
        actual: '0214af0',
        message: ['is a bare commit id'],
        hint: ['npm version 1.2.3 --no-git-tag-version'],
      },
    ],
  ],
  [
    'a pre-release when "allowPrerelease" is false',
    { facts: staged(versionFile('1.3.0-rc.1')), config: noPrerelease },
    [
      {
        code: 'nonstandard-version',
        severity: 'error',
        paths: ['package.json'],
        actual: '1.3.0-rc.1',
        message: ['the staged package.json has the pre-release version 1.3.0-rc.1, and "allowPrerelease" is false'],
        hint: ['Stage a release version, or set "allowPrerelease": true'],
      },
    ],
  ],
  [
    'one finding per bad file, naming it',
    {
      facts: staged(
        versionFile('1.2.3'),
        versionFile('1.2.3-dirty', { file: 'packages/a/package.json', repoPath: 'packages/a/package.json' }),
      ),
    },
    [
      {
        code: 'nonstandard-version',
        severity: 'error',
        paths: ['packages/a/package.json'],
        actual: '1.2.3-dirty',
        message: ['packages/a/package.json has version 1.2.3-dirty, which carries a dirty-tree marker'],
        hint: ['then git add packages/a/package.json'],
      },
    ],
  ],
];

const tagCases: Case[] = [
  ['tag: a release version', { facts: { mode: 'tag' } }, []],
  [
    "tag: the nearest tag is not what is being created, so it is not this check's business",
    { facts: { mode: 'tag', ...onTag('v1.2.2-dirty', 1) } },
    [],
  ],
  ['tag: not strict semver (tag-not-semver says so)', { facts: { mode: 'tag', targets: [target('v1.2')] } }, []],
  ['tag: not a release tag', { facts: { mode: 'tag', targets: [target('deploy-prod')] } }, []],
  [
    'tag: a pre-release when "allowPrerelease" is false',
    { facts: { mode: 'tag', targets: [target('v1.3.0-rc.1')] }, config: noPrerelease },
    [
      {
        code: 'nonstandard-version',
        severity: 'error',
        tag: 'v1.3.0-rc.1',
        actual: '1.3.0-rc.1',
        message: ['v1.3.0-rc.1 is a pre-release, and "allowPrerelease" is false'],
        hint: ['Tag a release version, or set "allowPrerelease": true'],
      },
    ],
  ],
  [
    'tag: a dirty marker',
    { facts: { mode: 'tag', targets: [target('v1.2.3-dirty')] } },
    [
      {
        code: 'nonstandard-version',
        severity: 'error',
        tag: 'v1.2.3-dirty',
        actual: '1.2.3-dirty',
        message: ['v1.2.3-dirty carries a dirty-tree marker; it would stamp 1.2.3-dirty'],
        hint: ['Tag a plain release version such as v1.2.3'],
      },
    ],
  ],
  [
    'tag: describe output as a tag name',
    { facts: { mode: 'tag', targets: [target('v0.1.0-284-g0214af0')] } },
    [
      {
        code: 'nonstandard-version',
        severity: 'error',
        tag: 'v0.1.0-284-g0214af0',
        actual: '0.1.0-284-g0214af0',
        message: ['carries a commit distance and id (git describe output); it would stamp 0.1.0-284-g0214af0'],
        hint: ['such as v0.1.0'],
      },
    ],
  ],
  [
    'push: a commit id in the build metadata',
    { facts: { mode: 'push', targets: [pushed('v1.2.3+0214af08731054')] } },
    [
      {
        code: 'nonstandard-version',
        severity: 'error',
        tag: 'v1.2.3+0214af08731054',
        actual: '1.2.3+0214af08731054',
        message: ['v1.2.3+0214af08731054 carries a commit id; it would stamp 1.2.3+0214af08731054'],
        hint: ['such as v1.2.3'],
      },
    ],
  ],
];

const releaseCases: Case[] = [
  ['release: exactly on a clean release tag', {}, []],
  ['release: no tag reachable (no-tag says so)', { facts: { describe: null, commitCount: 4 } }, []],
  [
    'release: on a pre-release tag when "allowPrerelease" is false',
    { facts: onTag('v1.3.0-rc.1'), config: noPrerelease },
    [
      {
        code: 'nonstandard-version',
        severity: 'error',
        tag: 'v1.3.0-rc.1',
        actual: '1.3.0-rc.1',
        message: ['v1.3.0-rc.1 is a pre-release'],
        hint: ['"allowPrerelease": true'],
      },
    ],
  ],
  [
    'release: on a tag that is itself describe output',
    { facts: onTag('v0.1.0-284-g0214af0') },
    [
      {
        code: 'nonstandard-version',
        severity: 'error',
        tag: 'v0.1.0-284-g0214af0',
        actual: '0.1.0-284-g0214af0',
        message: ['the tag v0.1.0-284-g0214af0 itself carries a commit distance and id'],
        hint: ['Delete it (git tag -d v0.1.0-284-g0214af0)', 'a plain version such as v0.1.0'],
      },
    ],
  ],
  [
    'release: past the tag, a build would stamp a commit id',
    { facts: onTag('v1.2.3', 3), config: k8s },
    [
      {
        code: 'nonstandard-version',
        severity: 'error',
        actual: '1.2.3-3+0214af08731054',
        message: ['a build from this checkout would be stamped 1.2.3-3+0214af08731054, which carries a commit id'],
        hint: ['Release from a clean tree exactly at a release tag', 'stampguard version --dev'],
      },
    ],
  ],
  [
    'release: on the tag with a dirty tree, a build would stamp -dirty',
    { facts: { status: { entries: [entry.modified('src/a.ts')] } }, config: k8s },
    [
      {
        code: 'nonstandard-version',
        severity: 'error',
        actual: '1.2.3-dirty',
        message: ['would be stamped 1.2.3-dirty, which carries a dirty-tree marker'],
        hint: ['Release from a clean tree'],
      },
    ],
  ],
  [
    'release: an untracked file makes the build dirty when untracked files are errors',
    { facts: { status: { entries: [entry.untracked('notes.txt')] } }, config: k8s },
    [{ code: 'nonstandard-version', severity: 'error', actual: '1.2.3-dirty', message: ['1.2.3-dirty'] }],
  ],
  [
    'release: Kubernetes counts an untracked file as dirty even when untracked files are only warnings',
    { facts: { status: { entries: [entry.untracked('notes.txt')] } }, config: { untracked: 'warning', ...k8s } },
    [{ code: 'nonstandard-version', severity: 'error', actual: '1.2.3-dirty', message: ['1.2.3-dirty'] }],
  ],
  [
    'release, git-describe: an untracked file does not make git describe --dirty dirty',
    {
      facts: { status: { entries: [entry.untracked('notes.txt')] } },
      config: { untracked: 'warning', convention: 'git-describe' },
    },
    [],
  ],
  [
    'release, git-describe: past the tag and dirty, a build stamps raw describe output',
    {
      facts: { ...onTag('v1.2.3', 3), status: { entries: [entry.modified('src/a.ts')] } },
      config: { convention: 'git-describe' },
    },
    [
      {
        code: 'nonstandard-version',
        severity: 'error',
        actual: '1.2.3-3-g0214af0-dirty',
        message: ['would be stamped 1.2.3-3-g0214af0-dirty', 'carries a commit distance and id (git describe output)'],
      },
    ],
  ],
  [
    'release, npm: past the tag a build stamps package.json, so no describe-derived stamp is reported',
    { facts: onTag('v1.2.3', 3) },
    [],
  ],
  [
    'release: a build version that hides its commit id still is not a release',
    { facts: onTag('v1.2.3', 2, '1234567'), config: k8s },
    [
      {
        code: 'nonstandard-version',
        severity: 'error',
        actual: '1.2.3-2+1234567',
        message: ['would be stamped 1.2.3-2+1234567, which is not a release version'],
        hint: ['stampguard version --dev'],
      },
    ],
  ],
  [
    'release: past a pre-release tag that is not allowed: the tag and the build',
    { facts: onTag('v1.3.0-rc.1', 2), config: { ...noPrerelease, ...k8s } },
    [
      {
        code: 'nonstandard-version',
        severity: 'error',
        tag: 'v1.3.0-rc.1',
        actual: '1.3.0-rc.1',
        message: ['pre-release'],
      },
      {
        code: 'nonstandard-version',
        severity: 'error',
        actual: '1.3.0-rc.1.2+0214af08731054',
        message: ['would be stamped 1.3.0-rc.1.2+0214af08731054, which carries a commit id'],
      },
    ],
  ],
];

describe('nonstandard-version', () => {
  describe('commit mode: the staged version files', () => {
    it.each(commitCases)('%s', (_, scenario, expected) => {
      expectFindings(runCheck(nonstandardVersion, scenario), expected);
    });
  });

  describe('tag and push modes: the tag being created or pushed', () => {
    it.each(tagCases)('%s', (_, scenario, expected) => {
      expectFindings(runCheck(nonstandardVersion, scenario), expected);
    });
  });

  describe('release mode: the nearest release tag and what a build would stamp', () => {
    it.each(releaseCases)('%s', (_, scenario, expected) => {
      expectFindings(runCheck(nonstandardVersion, scenario), expected);
    });
  });

  it('runs wherever a version is stamped or committed; preflight comes before there is one', () => {
    const scenario = (mode: Mode): Scenario => ({
      facts: {
        ...onTag('v1.2.3', 3),
        targets: [mode === 'push' ? pushed('v1.2.3-dirty') : target('v1.2.3-dirty')],
        versionFiles: [versionFile('1.2.3-dirty')],
      },
      config: k8s,
    });
    expect(modesReporting('nonstandard-version', scenario)).toEqual(['release', 'tag', 'push', 'commit']);
  });
});
