// The gates check applies the gate evaluation (tested on its own in test/gates) at the subject's
// version: which version that is in each mode is what these cases are about.
import { describe, expect, it } from 'vitest';
import { gates } from '../../src/checks/gates.js';
import type { Mode } from '../../src/types.js';
import { e, gatesConfig, NODE_SWAP } from '../gates/helpers.js';
import {
  type Case,
  type Expected,
  entry,
  expectFindings,
  modesReporting,
  pushed,
  runCheck,
  type Scenario,
  target,
  versionFile,
} from '../helpers/facts.js';

const nodeSwapOff = { gates: gatesConfig({ set: { NodeSwap: false } }) };
const onTag = (tag: string, distance = 0) => ({ describe: { tag, distance, abbrev: '0214af08731054' } });

/** NodeSwap=false at 1.34, where NodeSwap is GA and locked to true. */
const locked = (at: string): Expected => ({
  code: 'gate-locked',
  severity: 'error',
  gate: 'NodeSwap',
  expected: 'true',
  actual: 'false',
  message: [`cannot set feature gate NodeSwap to false: NodeSwap is locked to true at emulated version ${at}`],
  hint: ['Remove NodeSwap from gates.set or set it to true'],
});

const INCIDENT = '0.1.0-284+0214af08731054-dirty';

const cases: Case[] = [
  ['no gates configured', { facts: onTag('v1.34.0') }, []],
  ['release: valid at the release tag HEAD is on', { facts: onTag('v1.33.0'), config: nodeSwapOff }, []],
  ['release: locked at the release tag HEAD is on', { facts: onTag('v1.34.0'), config: nodeSwapOff }, [locked('1.34')]],
  [
    'release: a dirty checkout past the tag is checked at what a build would stamp (the incident)',
    {
      facts: { ...onTag('v0.1.0', 284), status: { entries: [entry.modified('go.mod')] } },
      config: { convention: 'kubernetes', gates: gatesConfig({ set: { NodeSwap: false }, emulationFloor: '1.31' }) },
    },
    [
      {
        code: 'emulation-out-of-range',
        severity: 'error',
        expected: `[1.31, ${INCIDENT}]`,
        actual: '0.1',
        message: [`emulation version 0.1 is not between [1.31, ${INCIDENT}]`],
        hint: ['Check the version being stamped first', 'lower gates.emulationFloor'],
      },
      {
        code: 'gate-prealpha-set',
        severity: 'error',
        gate: 'NodeSwap',
        expected: 'emulation version >= 1.22',
        actual: '0.1',
        message: ['cannot set feature gate NodeSwap to false: NodeSwap is pre-alpha', 'it appears in 1.22 (alpha)'],
        hint: ['Check the version being stamped first', `${INCIDENT} gives 0.1`],
      },
    ],
  ],
  [
    'release: on the tag with a dirty tree, the version evaluated is the one a build stamps',
    {
      facts: { ...onTag('v1.34.0'), status: { entries: [entry.modified('go.mod')] } },
      config: { convention: 'kubernetes', gates: gatesConfig({ emulationVersion: '1.35' }) },
    },
    [
      {
        code: 'emulation-out-of-range',
        severity: 'error',
        expected: '[1.31, 1.34.0-dirty]',
        actual: '1.35',
        message: ['emulation version 1.35 is not between [1.31, 1.34.0-dirty]'],
        hint: ['set gates.emulationVersion to at most 1.34'],
      },
    ],
  ],
  [
    'release, kubernetes: no tag reachable, nothing is stamped (version.sh falls back to a built-in default)',
    { facts: { describe: null, commitCount: 2 }, config: { ...nodeSwapOff, convention: 'kubernetes' } },
    [],
  ],
  [
    'release: an unknown gate name, with the one meant',
    { facts: onTag('v1.33.0'), config: { gates: gatesConfig({ set: { nodeswap: false } }) } },
    [
      {
        code: 'gate-unknown',
        severity: 'error',
        gate: 'nodeswap',
        expected: 'NodeSwap',
        actual: 'nodeswap',
        message: ['unrecognized feature gate: nodeswap (did you mean NodeSwap?)'],
        hint: ['rename nodeswap to NodeSwap in gates.set'],
      },
    ],
  ],
  [
    'release: specs that break the lifecycle rules',
    {
      facts: onTag('v1.33.0'),
      config: {
        gates: gatesConfig({
          specs: { NodeSwap: NODE_SWAP, Broken: [e('1.30', 'beta', true), e('1.28', 'alpha', false)] },
        }),
      },
    },
    [
      {
        code: 'gate-spec-invalid',
        severity: 'error',
        gate: 'Broken',
        actual: 'decreasing-order',
        message: ['gate Broken, spec entry [1] (decreasing-order)'],
        hint: ['Fix Broken[1] in gates.specs'],
      },
    ],
  ],
  [
    'tag: valid at the tag being created',
    { facts: { mode: 'tag', targets: [target('v1.33.0')] }, config: nodeSwapOff },
    [],
  ],
  [
    'tag: locked at the tag being created',
    { facts: { mode: 'tag', targets: [target('v1.34.0')] }, config: nodeSwapOff },
    [locked('1.34')],
  ],
  [
    "tag: HEAD's nearest tag does not matter",
    { facts: { mode: 'tag', ...onTag('v1.34.0', 1), targets: [target('v1.33.1')] }, config: nodeSwapOff },
    [],
  ],
  [
    'tag: not a version, nothing to evaluate at',
    { facts: { mode: 'tag', targets: [target('deploy')] }, config: nodeSwapOff },
    [],
  ],
  [
    'push: locked at the tag being pushed',
    { facts: { mode: 'push', targets: [pushed('v1.34.0')] }, config: nodeSwapOff },
    [locked('1.34')],
  ],
  [
    'commit: locked at the staged version',
    { facts: { mode: 'commit', versionFiles: [versionFile('1.34.0')] }, config: nodeSwapOff },
    [locked('1.34')],
  ],
  [
    'commit: the first staged version is the one',
    {
      facts: {
        mode: 'commit',
        versionFiles: [
          versionFile(null, { problem: 'missing' }),
          versionFile('1.33.0', { file: 'version.json', repoPath: 'version.json' }),
          versionFile('1.34.0', { file: 'app/package.json', repoPath: 'app/package.json' }),
        ],
      },
      config: nodeSwapOff,
    },
    [],
  ],
  [
    'commit: no version staged, nothing to evaluate at',
    {
      facts: { mode: 'commit', versionFiles: [versionFile(null, { problem: 'no-key', detail: 'has no version' })] },
      config: nodeSwapOff,
    },
    [],
  ],
];

describe('gates', () => {
  it.each(cases)('%s', (_, scenario, expected) => {
    expectFindings(runCheck(gates, scenario), expected);
  });

  it('runs wherever a version is stamped or committed (release, tag, push, commit), not before the bump', () => {
    const scenario = (mode: Mode): Scenario => ({
      facts: {
        ...onTag('v1.34.0'),
        targets: [(mode === 'push' ? pushed : target)('v1.34.0')],
        versionFiles: [versionFile('1.34.0')],
      },
      config: nodeSwapOff,
    });
    expect(modesReporting('gate-locked', scenario)).toEqual(['release', 'tag', 'push', 'commit']);
  });
});
