import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { evaluateGates, resolveGatesConfig } from '../../src/gates/index.js';
import { configErrorOf } from './helpers.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/gates/', import.meta.url));
const CONFIG = `${FIXTURES}stampguard.config.json`; // need not exist: only names the file in messages
const where = { file: CONFIG, baseDir: dirname(CONFIG) };

const NODE_SWAP_INLINE = [
  { version: '1.22', stage: 'alpha', default: false },
  { version: '1.28', stage: 'beta', default: false },
  { version: '1.30', stage: 'beta', default: true },
  { version: '1.34', stage: 'ga', default: true, lockToDefault: true },
];

describe('resolveGatesConfig', () => {
  it('applies defaults', () => {
    expect(resolveGatesConfig({ specs: { NodeSwap: NODE_SWAP_INLINE } }, where)).toEqual({
      specs: { NodeSwap: NODE_SWAP_INLINE.map((s) => ({ lockToDefault: false, ...s })) },
      specsSource: 'inline',
      set: {},
      emulationVersion: null,
      minCompatibilityVersion: null,
      emulationWindow: 3,
      emulationFloor: null,
      dependencies: {},
    });
  });

  it('reads every key (the contract example)', () => {
    const config = resolveGatesConfig(
      {
        specs: { NodeSwap: NODE_SWAP_INLINE },
        set: { NodeSwap: false },
        emulationVersion: '1.33',
        minCompatibilityVersion: '1.32',
        emulationWindow: 3,
        emulationFloor: '1.31',
      },
      where,
    );
    expect(config).toMatchObject({
      set: { NodeSwap: false },
      emulationVersion: '1.33',
      minCompatibilityVersion: '1.32',
      emulationWindow: 3,
      emulationFloor: '1.31',
    });
    expect(evaluateGates({ gates: config, stampedVersion: '1.33.0' })).toEqual([]);
  });

  it('accepts the flag string for set', () => {
    expect(resolveGatesConfig({ specs: { NodeSwap: NODE_SWAP_INLINE }, set: 'NodeSwap=false' }, where).set).toEqual({
      NodeSwap: false,
    });
  });

  it.each(['nodeswap.json', './nodeswap.yaml', 'kubernetes-versioned_feature_list.yaml'])(
    'loads specs from %s relative to the config folder',
    (path) => {
      const config = resolveGatesConfig({ specs: path, set: { NodeSwap: false } }, where);
      expect(config.specsSource).toBe(`${FIXTURES}${path.replace('./', '')}`);
      expect(config.specs.NodeSwap?.[0]).toEqual({
        version: '1.22',
        stage: 'alpha',
        default: false,
        lockToDefault: false,
      });
    },
  );

  it('loads specs from an absolute path', () => {
    expect(
      resolveGatesConfig({ specs: `${FIXTURES}nodeswap.json` }, { file: null, baseDir: '/nowhere' }).specs.NodeSwap,
    ).toHaveLength(4);
  });

  it('keeps version-looking strings with a patch for evaluate to report', () => {
    const config = resolveGatesConfig({ specs: { NodeSwap: NODE_SWAP_INLINE }, emulationVersion: '1.33.0' }, where);
    expect(config.emulationVersion).toBe('1.33.0');
    expect(evaluateGates({ gates: config, stampedVersion: '1.33.0' }).map((f) => f.code)).toEqual([
      'emulation-out-of-range',
    ]);
  });

  it.each<[string, unknown, string, string | null]>([
    ['gates not an object', 'NodeSwap=false', 'gates: expected an object', 'gates'],
    [
      'an unknown key',
      { specs: {}, emulation: '1.33' },
      'gates.emulation: unknown key; expected one of specs, set, emulationVersion, minCompatibilityVersion, emulationWindow, emulationFloor',
      'gates.emulation',
    ],
    ['missing specs', { set: { NodeSwap: false } }, 'gates.specs: required', 'gates.specs'],
    ['specs a number', { specs: 3 }, 'gates.specs: expected an object mapping gate names', 'gates.specs'],
    ['specs an empty path', { specs: ' ' }, 'gates.specs: expected a path to a spec file', 'gates.specs'],
    [
      'a missing spec file',
      { specs: 'nope.yaml' },
      `gates.specs: cannot read spec file ${FIXTURES}nope.yaml`,
      'gates.specs',
    ],
    [
      'a bad stage inline',
      { specs: { NodeSwap: [{ version: '1.22', stage: 'stable', default: false }] } },
      'gates.specs.NodeSwap[0].stage: expected one of prealpha, alpha, beta, ga, deprecated; got "stable"',
      'gates.specs.NodeSwap[0].stage',
    ],
    [
      'set with a string value',
      { specs: {}, set: { NodeSwap: 'false' } },
      'gates.set.NodeSwap: expected true or false; got "false"',
      'gates.set.NodeSwap',
    ],
    [
      'set with a bad flag token',
      { specs: {}, set: 'NodeSwap=nope' },
      'gates.set: invalid value in "NodeSwap=nope"',
      'gates.set',
    ],
    [
      'emulationVersion garbage',
      { specs: {}, emulationVersion: 'banana' },
      'gates.emulationVersion: expected a major.minor version like "1.33"; got "banana"',
      'gates.emulationVersion',
    ],
    [
      'emulationVersion a number',
      { specs: {}, emulationVersion: 1.3 },
      'gates.emulationVersion: expected a major.minor version string like "1.33"; got the number 1.3',
      'gates.emulationVersion',
    ],
    [
      'minCompatibilityVersion null',
      { specs: {}, minCompatibilityVersion: null },
      'gates.minCompatibilityVersion: expected a major.minor version string like "1.33"; got null',
      'gates.minCompatibilityVersion',
    ],
    [
      'emulationFloor garbage',
      { specs: {}, emulationFloor: '1.31 please' },
      'gates.emulationFloor: expected a major.minor version like "1.33"',
      'gates.emulationFloor',
    ],
    [
      'emulationWindow negative',
      { specs: {}, emulationWindow: -1 },
      'gates.emulationWindow: expected a non-negative integer',
      'gates.emulationWindow',
    ],
    [
      'emulationWindow fractional',
      { specs: {}, emulationWindow: 1.5 },
      'gates.emulationWindow: expected a non-negative integer',
      'gates.emulationWindow',
    ],
    [
      'emulationWindow a string',
      { specs: {}, emulationWindow: '3' },
      'gates.emulationWindow: expected a non-negative integer',
      'gates.emulationWindow',
    ],
  ])('%s → ConfigError naming the file and key path', (_label, raw, message, keyPath) => {
    const error = configErrorOf(() => resolveGatesConfig(raw, where));
    expect(error.message.startsWith(`${CONFIG}: ${message}`)).toBe(true);
    expect(error.file).toBe(CONFIG);
    expect(error.keyPath).toBe(keyPath);
  });

  it('an error inside a spec file names the spec file, the key inside it and the config file', () => {
    const error = configErrorOf(() => resolveGatesConfig({ specs: 'bad-stage.yaml' }, where));
    expect(error.message).toBe(
      `${FIXTURES}bad-stage.yaml: NodeSwap[1].stage: expected one of prealpha, alpha, beta, ga, deprecated; got "stable" (spec file named by gates.specs in ${CONFIG})`,
    );
  });

  it('without a config file, messages start at the key path', () => {
    expect(
      configErrorOf(() => resolveGatesConfig({ specs: {}, emulationWindow: -1 }, { file: null, baseDir: '/' })).message,
    ).toMatch(/^gates\.emulationWindow: /);
  });

  it('rejects non-plain objects (a config module could export anything)', () => {
    expect(configErrorOf(() => resolveGatesConfig(new Map([['specs', {}]]), where)).keyPath).toBe('gates');
    expect(configErrorOf(() => resolveGatesConfig({ specs: new Date() }, where)).keyPath).toBe('gates.specs');
  });
});

describe('resolveGatesConfig on arbitrary input', () => {
  const version = fc.oneof(
    fc.constantFrom('1.33', '1.31', '0.1', '1.33.0', 'v1.2', 'banana', '', '1.30-rc.1'),
    fc.string(),
  );
  const entry = fc.record(
    {
      version: fc.oneof(version, fc.double(), fc.constant(null)),
      stage: fc.oneof(fc.constantFrom('alpha', 'BETA', 'GA', 'Deprecated', 'pre-alpha', 'stable'), fc.anything()),
      default: fc.oneof(fc.boolean(), fc.anything()),
      lockToDefault: fc.oneof(fc.boolean(), fc.anything()),
      extra: fc.anything(),
    },
    { requiredKeys: [] },
  );
  const gateName = fc.oneof(
    fc.constantFrom('NodeSwap', 'AllAlpha', '__proto__', 'constructor', 'toString', 'a b', ''),
    fc.string(),
  );
  const gatesArb = fc.record(
    {
      specs: fc.oneof(
        fc.dictionary(gateName, fc.oneof(fc.array(entry, { maxLength: 4 }), fc.anything())),
        fc.anything(),
        fc.constantFrom('missing.yaml', 'nodeswap.json'),
      ),
      set: fc.oneof(
        fc.dictionary(gateName, fc.oneof(fc.boolean(), fc.anything())),
        fc.string(),
        fc.constantFrom('NodeSwap=true,x=0', 'A', '=,='),
        fc.anything(),
      ),
      emulationVersion: fc.oneof(version, fc.anything()),
      minCompatibilityVersion: fc.oneof(version, fc.anything()),
      emulationWindow: fc.oneof(fc.integer({ min: -2, max: 10 }), fc.double(), fc.anything()),
      emulationFloor: fc.oneof(version, fc.anything()),
      unknown: fc.anything(),
    },
    { requiredKeys: [] },
  );

  it('throws nothing but ConfigError, and what it returns evaluates without throwing', () => {
    fc.assert(
      fc.property(fc.oneof(gatesArb, fc.jsonValue(), fc.anything()), version, (raw, stamped) => {
        let config: ReturnType<typeof resolveGatesConfig>;
        try {
          config = resolveGatesConfig(raw, where);
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          expect((error as ConfigError).message).toContain(CONFIG);
          return;
        }
        expect(Array.isArray(evaluateGates({ gates: config, stampedVersion: stamped }))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('random JSON text parsed into resolveGatesConfig throws nothing but ConfigError', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        try {
          resolveGatesConfig(JSON.parse(text) as unknown, where);
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
