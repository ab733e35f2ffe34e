import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  loadSpecsFile,
  normalizeStage,
  parseGateSet,
  parseKubernetesFeatureList,
  parseSpecs,
} from '../../src/gates/index.js';
import { configErrorOf } from './helpers.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/gates/${name}`, import.meta.url));
const CONFIG = '/proj/stampguard.config.json';
const inline = { file: CONFIG, keyPath: 'gates.specs' };

const NODE_SWAP = [
  { version: '1.22', stage: 'alpha', default: false, lockToDefault: false },
  { version: '1.28', stage: 'beta', default: false, lockToDefault: false },
  { version: '1.30', stage: 'beta', default: true, lockToDefault: false },
  { version: '1.34', stage: 'ga', default: true, lockToDefault: true },
];

describe('normalizeStage', () => {
  it.each([
    ['prealpha', 'prealpha'],
    ['pre-alpha', 'prealpha'],
    ['PRE-ALPHA', 'prealpha'],
    ['PreAlpha', 'prealpha'],
    ['alpha', 'alpha'],
    ['ALPHA', 'alpha'],
    ['Alpha', 'alpha'],
    ['beta', 'beta'],
    ['BETA', 'beta'],
    ['ga', 'ga'],
    ['GA', 'ga'],
    ['Ga', 'ga'],
    ['deprecated', 'deprecated'],
    ['Deprecated', 'deprecated'],
    ['DEPRECATED', 'deprecated'],
  ])('%s → %s', (raw, stage) => {
    expect(normalizeStage(raw)).toBe(stage);
  });

  it.each(['', 'stable', 'pre alpha', ' alpha', 'toString', '__proto__', null, 1, true, {}])('rejects %j', (raw) => {
    expect(normalizeStage(raw)).toBeNull();
  });
});

describe('parseSpecs (map shape)', () => {
  it('parses the contract example and fills in lockToDefault', () => {
    const specs = parseSpecs(
      {
        NodeSwap: [
          { version: '1.22', stage: 'alpha', default: false },
          { version: '1.28', stage: 'beta', default: false },
          { version: '1.30', stage: 'beta', default: true },
          { version: '1.34', stage: 'GA', default: true, lockToDefault: true },
        ],
      },
      inline,
    );
    expect(specs).toEqual({ NodeSwap: NODE_SWAP });
  });

  it('keeps version-looking strings with a patch for the lint to report', () => {
    expect(parseSpecs({ G: [{ version: '1.22.0', stage: 'alpha', default: false }] }, inline).G?.[0]?.version).toBe(
      '1.22.0',
    );
  });

  it.each<[string, unknown, string]>([
    ['not an object', [], 'gates.specs: expected an object mapping gate names'],
    ['a list that is empty', { NodeSwap: [] }, 'gates.specs.NodeSwap: expected a non-empty list'],
    ['a list that is not a list', { NodeSwap: { version: '1.22' } }, 'gates.specs.NodeSwap: expected a non-empty list'],
    ['an entry that is not an object', { NodeSwap: ['1.22'] }, 'gates.specs.NodeSwap[0]: expected an object'],
    [
      'an unknown key',
      { NodeSwap: [{ version: '1.22', stage: 'alpha', default: false, locked: true }] },
      'gates.specs.NodeSwap[0].locked: unknown key',
    ],
    ['a missing stage', { NodeSwap: [{ version: '1.22', default: false }] }, 'gates.specs.NodeSwap[0].stage: required'],
    [
      'a bad stage',
      {
        NodeSwap: [
          { version: '1.22', stage: 'alpha', default: false },
          { version: '1.28', stage: 'stable', default: false },
        ],
      },
      'gates.specs.NodeSwap[1].stage: expected one of prealpha, alpha, beta, ga, deprecated; got "stable"',
    ],
    [
      'a numeric version',
      { NodeSwap: [{ version: 1.3, stage: 'alpha', default: false }] },
      'gates.specs.NodeSwap[0].version: expected a version string like "1.22"; got the number 1.3',
    ],
    [
      'a garbage version',
      { NodeSwap: [{ version: 'banana', stage: 'alpha', default: false }] },
      'gates.specs.NodeSwap[0].version: expected a version like "1.22"; got "banana"',
    ],
    [
      'a string default',
      { NodeSwap: [{ version: '1.22', stage: 'alpha', default: 'false' }] },
      'gates.specs.NodeSwap[0].default: expected true or false; got "false"',
    ],
    [
      'a numeric lock',
      { NodeSwap: [{ version: '1.22', stage: 'alpha', default: false, lockToDefault: 1 }] },
      'gates.specs.NodeSwap[0].lockToDefault: expected true or false',
    ],
    [
      'a bad gate name',
      { 'Node Swap': [{ version: '1.22', stage: 'alpha', default: false }] },
      'gates.specs["Node Swap"]: "Node Swap" is not a gate name',
    ],
  ])('rejects %s, naming file and key path', (_label, raw, message) => {
    const error = configErrorOf(() => parseSpecs(raw, inline));
    expect(error.message).toContain(message);
    expect(error.message.startsWith(`${CONFIG}: `)).toBe(true);
    expect(error.file).toBe(CONFIG);
  });

  it('sets keyPath on the error', () => {
    const error = configErrorOf(() =>
      parseSpecs({ NodeSwap: [{ version: '1.22', stage: 'x', default: false }] }, inline),
    );
    expect(error.keyPath).toBe('gates.specs.NodeSwap[0].stage');
  });

  it('rejects __proto__ as a gate name instead of touching the prototype', () => {
    const raw: unknown = JSON.parse('{"__proto__": [{"version": "1.22", "stage": "alpha", "default": false}]}');
    expect(configErrorOf(() => parseSpecs(raw, inline)).message).toContain('is not a gate name');
  });
});

describe('parseKubernetesFeatureList', () => {
  const where = { file: '/k8s/versioned_feature_list.yaml', keyPath: '' };
  const k8sEntry = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
    default: false,
    lockToDefault: false,
    preRelease: 'Alpha',
    version: '1.22',
    ...over,
  });

  it('reads the upstream shape', () => {
    const specs = parseKubernetesFeatureList(
      [
        {
          name: 'NodeSwap',
          versionedSpecs: [
            k8sEntry(),
            k8sEntry({ preRelease: 'Beta', version: '1.28' }),
            k8sEntry({ preRelease: 'Beta', version: '1.30', default: true }),
            k8sEntry({ preRelease: 'GA', version: '1.34', default: true, lockToDefault: true }),
          ],
        },
      ],
      where,
    );
    expect(specs).toEqual({ NodeSwap: NODE_SWAP });
  });

  it.each<[string, unknown, string]>([
    ['a map instead of a list', { NodeSwap: [] }, 'expected a list of {name, versionedSpecs}'],
    ['a missing name', [{ versionedSpecs: [k8sEntry()] }], '[0].name: expected a gate name; got nothing'],
    ['an unknown feature key', [{ name: 'A', versionedSpecs: [k8sEntry()], owner: 'x' }], '[0].owner: unknown key'],
    ['empty versionedSpecs', [{ name: 'A', versionedSpecs: [] }], '[0].versionedSpecs: expected a non-empty list'],
    [
      'a duplicate name',
      [
        { name: 'A', versionedSpecs: [k8sEntry()] },
        { name: 'A', versionedSpecs: [k8sEntry()] },
      ],
      '[1].name: feature A is listed twice',
    ],
    [
      'an unknown spec key',
      [{ name: 'A', versionedSpecs: [k8sEntry({ stage: 'alpha' })] }],
      '[0].versionedSpecs[0].stage: unknown key',
    ],
    [
      'a bad preRelease',
      [{ name: 'A', versionedSpecs: [k8sEntry({ preRelease: 'Stable' })] }],
      '[0].versionedSpecs[0].preRelease: expected one of',
    ],
    [
      'a per-spec minCompatibilityVersion',
      [{ name: 'A', versionedSpecs: [k8sEntry({ minCompatibilityVersion: '1.21' })] }],
      "[0].versionedSpecs[0].minCompatibilityVersion: Kubernetes' generated list has no per-spec minimum compatibility versions",
    ],
    [
      'a missing version',
      [{ name: 'A', versionedSpecs: [{ default: false, lockToDefault: false, preRelease: 'Alpha' }] }],
      '[0].versionedSpecs[0].version: required',
    ],
  ])('rejects %s', (_label, raw, message) => {
    const error = configErrorOf(() => parseKubernetesFeatureList(raw, where));
    expect(error.message).toContain(message);
    expect(error.file).toBe(where.file);
  });
});

describe('loadSpecsFile', () => {
  const where = { file: CONFIG, keyPath: 'gates.specs' };

  it.each(['nodeswap.json', 'nodeswap.yaml', 'nodeswap-k8s.yaml'])('reads %s', (name) => {
    expect(loadSpecsFile(fixture(name), where)).toEqual({ NodeSwap: NODE_SWAP });
  });

  it('names the spec file and the config file when the file is missing', () => {
    const missing = fixture('no-such-file.yaml');
    const error = configErrorOf(() => loadSpecsFile(missing, where));
    expect(error.message).toContain(`${CONFIG}: gates.specs: cannot read spec file ${missing}`);
    expect(error.file).toBe(CONFIG);
  });

  it.each([
    ['broken.yaml', 'as YAML'],
    ['broken.json', 'as JSON'],
  ])('names both files when %s does not parse', (name, kind) => {
    const error = configErrorOf(() => loadSpecsFile(fixture(name), where));
    expect(error.message).toContain(`${CONFIG}: gates.specs: cannot parse spec file ${fixture(name)} ${kind}`);
  });

  it('refuses other extensions', () => {
    expect(configErrorOf(() => loadSpecsFile(fixture('specs.txt'), where)).message).toContain(
      'must end in .json, .yaml or .yml',
    );
  });

  it('names the spec file, the key inside it and the config file for a bad entry', () => {
    const error = configErrorOf(() => loadSpecsFile(fixture('bad-stage.yaml'), where));
    expect(error.message).toBe(
      `${fixture('bad-stage.yaml')}: NodeSwap[1].stage: expected one of prealpha, alpha, beta, ga, deprecated; got "stable" (spec file named by gates.specs in ${CONFIG})`,
    );
    expect(error.file).toBe(fixture('bad-stage.yaml'));
    expect(error.keyPath).toBe('NodeSwap[1].stage');
  });

  it('explains the YAML number trap', () => {
    expect(configErrorOf(() => loadSpecsFile(fixture('unquoted-version.yaml'), where)).message).toContain(
      'NodeSwap[1].version: expected a version string like "1.22"; got the number 1.3',
    );
  });
});

describe('parseGateSet', () => {
  const where = { file: CONFIG, keyPath: 'gates.set' };

  it.each<[unknown, Record<string, boolean>]>([
    [
      { NodeSwap: false, Other: true },
      { NodeSwap: false, Other: true },
    ],
    [{}, {}],
    ['NodeSwap=false,Other=true', { NodeSwap: false, Other: true }],
    [' NodeSwap = false , Other=true ', { NodeSwap: false, Other: true }],
    ['', {}],
    [',,A=true,', { A: true }],
    ['A=1,B=t,C=T,D=TRUE,E=true,F=True', { A: true, B: true, C: true, D: true, E: true, F: true }],
    ['A=0,B=f,C=F,D=FALSE,E=false,F=False', { A: false, B: false, C: false, D: false, E: false, F: false }],
    ['A=true,A=false', { A: false }],
  ])('%j', (raw, expected) => {
    expect(parseGateSet(raw, where)).toEqual(expected);
  });

  it.each<[unknown, string]>([
    ['NodeSwap', 'missing bool value for "NodeSwap"'],
    ['A=true,NodeSwap', 'missing bool value for "NodeSwap"'],
    ['NodeSwap=yes', 'invalid value in "NodeSwap=yes"'],
    ['NodeSwap=tRuE', 'invalid value in "NodeSwap=tRuE"'],
    ['NodeSwap=', 'invalid value in "NodeSwap="'],
    ['=true', '"" is not a gate name'],
    ['Node Swap=true', '"Node Swap" is not a gate name'],
    [{ NodeSwap: 'false' }, 'gates.set.NodeSwap: expected true or false; got "false"'],
    [['NodeSwap=false'], 'gates.set: expected an object of gate names to booleans'],
    [42, 'got the number 42'],
  ])('rejects %j, naming the token', (raw, message) => {
    const error = configErrorOf(() => parseGateSet(raw, where));
    expect(error.message).toContain(message);
    expect(error.message).toContain(CONFIG);
    expect(error.message).toContain('gates.set');
  });
});
