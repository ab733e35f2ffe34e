import { describe, expect, it } from 'vitest';
import { tagNotSigned } from '../../src/checks/tag-not-signed.js';
import type { Mode } from '../../src/types.js';
import {
  type Case,
  expectFindings,
  HEAD,
  modesReporting,
  pushed,
  runCheck,
  type Scenario,
  signature,
  target,
} from '../helpers/facts.js';

const required = { requireSignedTag: true };

const cases: Case[] = [
  ['release: not required', { facts: { signature: signature('v1.2.3', false) } }, []],
  ['release: a valid signature', { facts: { signature: signature('v1.2.3', true) }, config: required }, []],
  [
    'release: git verify-tag refuses the tag HEAD is on',
    { facts: { signature: signature('v1.2.3', false, 'error: no signature found') }, config: required },
    [
      {
        code: 'tag-not-signed',
        severity: 'error',
        tag: 'v1.2.3',
        message: ['git verify-tag does not accept v1.2.3: error: no signature found'],
        hint: ['git tag -d v1.2.3 && git tag -s v1.2.3 -m v1.2.3', 'gpg.ssh.allowedSignersFile'],
      },
    ],
  ],
  [
    'release: no detail from git',
    { facts: { signature: signature('v1.2.3', false, '') }, config: required },
    [{ code: 'tag-not-signed', severity: 'error', tag: 'v1.2.3', message: ['git verify-tag does not accept v1.2.3'] }],
  ],
  [
    'release: a verdict about another tag is not about this one',
    { facts: { signature: signature('v1.2.2', false) }, config: required },
    [],
  ],
  [
    'release: not on a release tag',
    {
      facts: { describe: { tag: 'v1.2.3', distance: 1, abbrev: 'abc1234' }, signature: signature('v1.2.3', false) },
      config: required,
    },
    [],
  ],
  [
    'tag: an unsigned tag object',
    {
      facts: { mode: 'tag', targets: [target('v1.2.3', { signature: signature('v1.2.3', false) })] },
      config: required,
    },
    [
      {
        code: 'tag-not-signed',
        severity: 'error',
        tag: 'v1.2.3',
        message: ['does not accept v1.2.3'],
        hint: ['git tag -s'],
      },
    ],
  ],
  [
    'tag: a signed tag object',
    { facts: { mode: 'tag', targets: [target('v1.2.3', { signature: signature('v1.2.3', true) })] }, config: required },
    [],
  ],
  [
    'tag: --tag before the tag exists: nothing to verify yet',
    { facts: { mode: 'tag', targets: [target('v1.2.3', { annotated: null, object: null })] }, config: required },
    [],
  ],
  [
    // A lightweight tag is a plain ref to a commit: it cannot carry a signature. Facts do not
    // run verify-tag on it (there is no tag object), so the check must not read "no verdict" as
    // "nothing wrong". Release mode refuses the same tag (git verify-tag fails on a commit).
    'tag: a lightweight tag cannot be signed',
    {
      facts: { mode: 'tag', targets: [target('v1.2.3', { annotated: false, object: HEAD, signature: null })] },
      config: required,
    },
    [{ code: 'tag-not-signed', severity: 'error', tag: 'v1.2.3', hint: ['git tag -s v1.2.3 -m v1.2.3'] }],
  ],
  [
    'push: a lightweight tag cannot be signed',
    {
      facts: { mode: 'push', targets: [pushed('v1.2.3', { annotated: false, object: HEAD, signature: null })] },
      config: required,
    },
    [{ code: 'tag-not-signed', severity: 'error', tag: 'v1.2.3', hint: ['git tag -s v1.2.3 -m v1.2.3'] }],
  ],
  [
    'push: an unsigned tag object',
    {
      facts: { mode: 'push', targets: [pushed('v1.2.3', { signature: signature('v1.2.3', false) })] },
      config: required,
    },
    [{ code: 'tag-not-signed', severity: 'error', tag: 'v1.2.3' }],
  ],
  [
    'push: not a release tag',
    {
      facts: { mode: 'push', targets: [pushed('nightly', { signature: signature('nightly', false) })] },
      config: required,
    },
    [],
  ],
];

describe('tag-not-signed', () => {
  it.each(cases)('%s', (_, scenario, expected) => {
    expectFindings(runCheck(tagNotSigned, scenario), expected);
  });

  it('runs on release tags (release, tag, push)', () => {
    const scenario = (mode: Mode): Scenario => ({
      facts: {
        signature: signature('v1.2.3', false),
        targets: [(mode === 'push' ? pushed : target)('v1.2.3', { signature: signature('v1.2.3', false) })],
      },
      config: required,
    });
    expect(modesReporting('tag-not-signed', scenario)).toEqual(['release', 'tag', 'push']);
  });
});
