import { describe, expect, it } from 'vitest';
import { versionMismatch } from '../../src/checks/version-mismatch.js';
import type { Mode } from '../../src/types.js';
import {
  type Case,
  expectFindings,
  modesReporting,
  PARENT,
  pushed,
  runCheck,
  type Scenario,
  target,
  versionFile,
} from '../helpers/facts.js';

const atHead = (...files: ReturnType<typeof versionFile>[]) => ({ versionFiles: files });
const DETAIL = {
  missing: null,
  unparsable: 'Unexpected token } at line 1, column 2',
  'no-key': 'has no version',
} as const;
const problem = (p: 'missing' | 'unparsable' | 'no-key', explicit: boolean) =>
  versionFile(null, { problem: p, detail: DETAIL[p], explicit });

const cases: Case[] = [
  ['release: package.json equals the tag', {}, []],
  [
    'release: a version file must equal the release exactly; build metadata makes it another version',
    { facts: atHead(versionFile('1.2.3+b.5')) },
    [
      {
        code: 'version-mismatch',
        severity: 'error',
        paths: ['package.json'],
        tag: 'v1.2.3',
        expected: '1.2.3',
        actual: '1.2.3+b.5',
        message: ['1.2.3+b.5', 'v1.2.3'],
      },
    ],
  ],
  [
    'release: not on a release tag (not-on-tag says so)',
    { facts: { describe: { tag: 'v1.2.3', distance: 2, abbrev: 'abc1234' }, ...atHead(versionFile('9.9.9')) } },
    [],
  ],
  [
    'release: package.json holds another version',
    { facts: atHead(versionFile('1.2.4')) },
    [
      {
        code: 'version-mismatch',
        severity: 'error',
        paths: ['package.json'],
        tag: 'v1.2.3',
        expected: '1.2.3',
        actual: '1.2.4',
        message: ['package.json has version 1.2.4 at HEAD, but the tag v1.2.3 says 1.2.3'],
        hint: ['The tag is already made', 'git tag -d v1.2.3 && npm version 1.2.3'],
      },
    ],
  ],
  [
    'release: a nonstandard file version says so too',
    { facts: atHead(versionFile(`1.2.3-dirty`)) },
    [
      {
        code: 'version-mismatch',
        severity: 'error',
        paths: ['package.json'],
        tag: 'v1.2.3',
        expected: '1.2.3',
        actual: '1.2.3-dirty',
        message: ['(and "1.2.3-dirty" carries a dirty-tree marker)'],
      },
    ],
  ],
  ['release: the default package.json may be missing (a Go project)', { facts: atHead(problem('missing', false)) }, []],
  ['release: … or carry no version (a private app)', { facts: atHead(problem('no-key', false)) }, []],
  [
    'release: a listed file that is missing',
    { facts: atHead(problem('missing', true)) },
    [
      {
        code: 'version-mismatch',
        severity: 'error',
        paths: ['package.json'],
        tag: 'v1.2.3',
        expected: '1.2.3',
        message: ['package.json does not exist at HEAD, so it cannot be compared with v1.2.3'],
        hint: ['Commit package.json with "version": "1.2.3", or remove it from "versionFiles"'],
      },
    ],
  ],
  [
    'release: a listed file with no version',
    { facts: atHead(problem('no-key', true)) },
    [
      {
        code: 'version-mismatch',
        severity: 'error',
        paths: ['package.json'],
        tag: 'v1.2.3',
        expected: '1.2.3',
        message: ['package.json has no version at HEAD'],
      },
    ],
  ],
  [
    'release: broken JSON, even in the default file',
    { facts: atHead(problem('unparsable', false)) },
    [
      {
        code: 'version-mismatch',
        severity: 'error',
        paths: ['package.json'],
        tag: 'v1.2.3',
        expected: '1.2.3',
        message: ['package.json is not valid JSON at HEAD (Unexpected token } at line 1, column 2)'],
      },
    ],
  ],
  [
    'release: each file on its own',
    {
      facts: atHead(
        versionFile('1.2.3'),
        versionFile('1.0.0', { file: 'app/manifest.json', repoPath: 'app/manifest.json', explicit: true }),
      ),
    },
    [
      {
        code: 'version-mismatch',
        severity: 'error',
        paths: ['app/manifest.json'],
        tag: 'v1.2.3',
        expected: '1.2.3',
        actual: '1.0.0',
        message: ['app/manifest.json has version 1.0.0 at HEAD'],
      },
    ],
  ],
  ['tag: the file at the tagged commit equals the tag', { facts: { mode: 'tag' } }, []],
  [
    "tag: HEAD's own files do not matter, the tagged commit's do",
    { facts: { mode: 'tag', versionFiles: [versionFile('0.0.1')] } },
    [],
  ],
  [
    'tag: the tagged commit holds another version',
    { facts: { mode: 'tag', targets: [target('v1.3.0', { versionFiles: [versionFile('1.2.3')] })] } },
    [
      {
        code: 'version-mismatch',
        severity: 'error',
        paths: ['package.json'],
        tag: 'v1.3.0',
        expected: '1.3.0',
        actual: '1.2.3',
        message: ['package.json has version 1.2.3 at HEAD, but the tag v1.3.0 says 1.3.0'],
        hint: ['npm version 1.3.0'],
      },
    ],
  ],
  [
    'tag: another commit is named by its id',
    {
      facts: {
        mode: 'tag',
        targets: [target('v1.3.0', { commit: PARENT, isHead: false, versionFiles: [versionFile('1.2.3')] })],
      },
    },
    [
      {
        code: 'version-mismatch',
        severity: 'error',
        paths: ['package.json'],
        tag: 'v1.3.0',
        expected: '1.3.0',
        actual: '1.2.3',
        message: ['package.json has version 1.2.3 at 9f8e7d6'],
      },
    ],
  ],
  ['tag: not a strict semver tag (tag-not-semver says so)', { facts: { mode: 'tag', targets: [target('v1.3')] } }, []],
  [
    'push: the pushed commit holds another version',
    { facts: { mode: 'push', targets: [pushed('v2.0.0', { versionFiles: [versionFile('1.9.0')] })] } },
    [
      {
        code: 'version-mismatch',
        severity: 'error',
        paths: ['package.json'],
        tag: 'v2.0.0',
        expected: '2.0.0',
        actual: '1.9.0',
        message: ['package.json has version 1.9.0 at 0214af0, but the tag v2.0.0 says 2.0.0'],
      },
    ],
  ],
];

describe('version-mismatch', () => {
  it.each(cases)('%s', (_, scenario, expected) => {
    expectFindings(runCheck(versionMismatch, scenario), expected);
  });

  it('runs where a tag names the version (release, tag, push); commit and preflight have no tag', () => {
    const scenario = (mode: Mode): Scenario => ({
      facts: {
        versionFiles: [versionFile('1.0.0')],
        targets: [(mode === 'push' ? pushed : target)('v1.2.3', { versionFiles: [versionFile('1.0.0')] })],
      },
    });
    expect(modesReporting('version-mismatch', scenario)).toEqual(['release', 'tag', 'push']);
  });
});
