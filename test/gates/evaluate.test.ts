import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareMajorMinor,
  evaluateGates,
  formatMajorMinor,
  gateTable,
  type MajorMinor,
  parseMajorMinor,
  resolveEmulation,
  specAt,
  suggestGate,
} from '../../src/gates/index.js';
import type { Finding, GatesConfig, Stage } from '../../src/types.js';
import { e, gatesConfig, NODE_SWAP } from './helpers.js';

const mm = (s: string): MajorMinor => parseMajorMinor(s)!;

const INCIDENT_VERSION = '0.1.0-284+0214af08731054-dirty';

const gates = gatesConfig;

const codes = (findings: Finding[]): string[] => findings.map((f) => f.code);

describe('specAt', () => {
  it.each<[string, Stage, boolean, boolean, string | null]>([
    ['0.1', 'prealpha', false, false, null],
    ['1.21', 'prealpha', false, false, null],
    ['1.22', 'alpha', false, false, '1.22'], // E equal to a spec's version: inclusive
    ['1.27', 'alpha', false, false, '1.22'],
    ['1.28', 'beta', false, false, '1.28'],
    ['1.29', 'beta', false, false, '1.28'],
    ['1.30', 'beta', true, false, '1.30'],
    ['1.33', 'beta', true, false, '1.30'],
    ['1.34', 'ga', true, true, '1.34'],
    ['1.99', 'ga', true, true, '1.34'],
    ['2.0', 'ga', true, true, '1.34'],
  ])('NodeSwap at %s → %s, default %s, locked %s, since %s', (at, stage, def, locked, since) => {
    expect(specAt(NODE_SWAP, mm(at))).toEqual({ stage, default: def, lockToDefault: locked, since });
  });

  it('takes the last entry not after E, scanning from the end like Kubernetes (unsorted specs)', () => {
    const unsorted = [e('1.30', 'beta', true), e('1.22', 'alpha', false)];
    expect(specAt(unsorted, mm('1.31')).since).toBe('1.22');
    expect(specAt(unsorted, mm('1.25')).since).toBe('1.22');
  });

  it('compares major.minor only: a patch in a spec version does not hide the entry', () => {
    expect(specAt([e('1.22.5', 'alpha', false)], mm('1.22')).stage).toBe('alpha');
  });

  it('skips entries whose version is not a version', () => {
    expect(specAt([e('1.20', 'alpha', false), e('banana', 'beta', true)], mm('1.30')).since).toBe('1.20');
  });

  it('an empty list is pre-alpha', () => {
    expect(specAt([], mm('1.30'))).toEqual({ stage: 'prealpha', default: false, lockToDefault: false, since: null });
  });

  // Reference model: among entries with version <= E, the one listed last; none → pre-alpha.
  const stageArb = fc.constantFrom<Stage>('prealpha', 'alpha', 'beta', 'ga', 'deprecated');
  const versionArb = fc.record({ major: fc.nat({ max: 2 }), minor: fc.nat({ max: 6 }) });
  const entryArb = fc.record({
    version: versionArb,
    stage: stageArb,
    default: fc.boolean(),
    lockToDefault: fc.boolean(),
  });

  it('matches a reference model on arbitrary lists', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 8 }), versionArb, (raw, E) => {
        const entries = raw.map((r) => ({ ...r, version: formatMajorMinor(r.version) }));
        const candidates = raw.map((r, i) => ({ r, i })).filter(({ r }) => compareMajorMinor(r.version, E) <= 0);
        const last = candidates.at(-1);
        const expected = last
          ? {
              stage: last.r.stage,
              default: last.r.default,
              lockToDefault: last.r.lockToDefault,
              since: formatMajorMinor(last.r.version),
            }
          : { stage: 'prealpha', default: false, lockToDefault: false, since: null };
        expect(specAt(entries, E)).toEqual(expected);
      }),
    );
  });

  it('on sorted lists, is the entry with the greatest version <= E (later entry on ties)', () => {
    fc.assert(
      fc.property(fc.array(entryArb, { maxLength: 8 }), versionArb, (raw, E) => {
        const sorted = [...raw].sort((a, b) => compareMajorMinor(a.version, b.version));
        const entries = sorted.map((r) => ({ ...r, version: formatMajorMinor(r.version) }));
        let best: (typeof sorted)[number] | null = null;
        for (const r of sorted)
          if (compareMajorMinor(r.version, E) <= 0 && (!best || compareMajorMinor(r.version, best.version) >= 0))
            best = r;
        const got = specAt(entries, E);
        if (!best) expect(got.stage).toBe('prealpha');
        else
          expect(got).toEqual({
            stage: best.stage,
            default: best.default,
            lockToDefault: best.lockToDefault,
            since: formatMajorMinor(best.version),
          });
      }),
    );
  });
});

describe('resolveEmulation', () => {
  const fmt = (w: ReturnType<typeof resolveEmulation>) =>
    w && {
      N: formatMajorMinor(w.binary),
      E: formatMajorMinor(w.emulation),
      M: formatMajorMinor(w.minCompatibility),
      lower: formatMajorMinor(w.lowerBound),
    };

  it.each<[string, Partial<GatesConfig>, string, string, string, string]>([
    ['1.33.0', {}, '1.33', '1.33', '1.32', '1.30'],
    ['v1.33.2', {}, '1.33', '1.33', '1.32', '1.30'],
    ['1.33.0', { emulationFloor: '1.31' }, '1.33', '1.33', '1.32', '1.31'],
    ['1.33.0', { emulationWindow: 0 }, '1.33', '1.33', '1.33', '1.33'], // M raised to the lower bound = E
    ['1.33.0', { emulationVersion: '1.31', emulationFloor: '1.31' }, '1.33', '1.31', '1.31', '1.31'], // E at the floor
    ['1.33.0', { emulationVersion: '1.32', minCompatibilityVersion: '1.32' }, '1.33', '1.32', '1.32', '1.30'],
    ['2.0.0', {}, '2.0', '2.0', '2.0', '2.0'], // no borrow from the major
    [INCIDENT_VERSION, {}, '0.1', '0.1', '0.0', '0.0'],
    [INCIDENT_VERSION, { emulationFloor: '1.31' }, '0.1', '0.1', '1.31', '1.31'],
  ])('%s with %j → N %s, E %s, M %s, lower bound %s', (stamped, over, N, E, M, lower) => {
    expect(fmt(resolveEmulation({ gates: gates(over), stampedVersion: stamped }))).toEqual({ N, E, M, lower });
  });

  it('is null when the stamped version has no major.minor', () => {
    expect(resolveEmulation({ gates: gates(), stampedVersion: 'banana' })).toBeNull();
    expect(resolveEmulation({ gates: gates(), stampedVersion: '0214af08731054' })).toBeNull();
  });
});

describe('evaluateGates: the emulation window', () => {
  const run = (stamped: string, over: Partial<GatesConfig>) =>
    evaluateGates({ gates: gates(over), stampedVersion: stamped });

  it.each<[string, string, Partial<GatesConfig>]>([
    ['defaults', '1.33.0', {}],
    ['E = N', '1.33.0', { emulationVersion: '1.33' }],
    ['E at the window edge (N − 3)', '1.33.0', { emulationVersion: '1.30' }],
    ['E at the floor', '1.33.0', { emulationVersion: '1.31', emulationFloor: '1.31' }],
    ['M equal to E', '1.33.0', { emulationVersion: '1.32', minCompatibilityVersion: '1.32' }],
    ['M at the lower bound', '1.33.0', { emulationVersion: '1.32', minCompatibilityVersion: '1.30' }],
    ['window 0', '1.33.0', { emulationWindow: 0 }],
    ['E 0.1 against 0.1.0-284+… (equal: pre-release and build ignored)', INCIDENT_VERSION, { emulationVersion: '0.1' }],
    ['a pre-release stamped version emulating its own minor', '1.36.0-rc.1', { emulationVersion: '1.36' }],
  ])('%s: no findings', (_label, stamped, over) => {
    expect(run(stamped, over)).toEqual([]);
  });

  it.each<[string, string, Partial<GatesConfig>, string]>([
    ['E above N', '1.33.0', { emulationVersion: '1.34' }, 'emulation version 1.34 is not between [1.30, 1.33.0]'],
    [
      'E below the window',
      '1.33.0',
      { emulationVersion: '1.29' },
      'emulation version 1.29 is not between [1.30, 1.33.0]',
    ],
    [
      'E below the floor',
      '1.33.0',
      { emulationVersion: '1.30', emulationFloor: '1.31' },
      'emulation version 1.30 is not between [1.31, 1.33.0]',
    ],
    [
      'M above E',
      '1.33.0',
      { emulationVersion: '1.32', minCompatibilityVersion: '1.33' },
      'min compatibility version 1.33 is not between [1.30, 1.32]',
    ],
    [
      'M below the window',
      '1.33.0',
      { minCompatibilityVersion: '1.29' },
      'min compatibility version 1.29 is not between [1.30, 1.33]',
    ],
    [
      'a fork tag below the floor',
      '0.1.0',
      { emulationFloor: '1.31' },
      'emulation version 0.1 is not between [1.31, 0.1.0]',
    ],
  ])('%s', (_label, stamped, over, message) => {
    const findings = run(stamped, over);
    expect(codes(findings)).toEqual(['emulation-out-of-range']);
    expect(findings[0]?.message).toContain(message);
    expect(findings[0]?.hint).toMatch(/^Check the version being stamped first/);
    expect(findings[0]?.expected).toBeTruthy();
    expect(findings[0]?.actual).toBeTruthy();
  });

  it.each<[string, string, string]>([
    ['emulationVersion', '1.33.0', 'has a patch part: patch version not allowed'],
    ['emulationVersion', '1.33.1', 'has a patch part: patch version not allowed'],
    ['minCompatibilityVersion', '1.32.0', 'has a patch part: patch version not allowed'],
    ['emulationVersion', 'v1.33', 'is not plain major.minor'],
    ['emulationVersion', '1.33-rc.1', 'is not plain major.minor'],
  ])('%s %s → "%s", evaluated as major.minor', (key, value, problem) => {
    const findings = run('1.33.0', { [key]: value });
    // Only the form is wrong: 1.33 / 1.32 are inside the window, so no range finding follows.
    expect(codes(findings)).toEqual(['emulation-out-of-range']);
    expect(findings[0]?.message).toBe(`gates.${key} ${JSON.stringify(value)} ${problem}`);
    expect(findings[0]).toMatchObject({ expected: 'major.minor', actual: value });
  });

  it('a stamped version without major.minor is one finding, and gates are not evaluated', () => {
    const findings = run('banana', { set: { NodeSwap: true } });
    expect(codes(findings)).toEqual(['emulation-out-of-range']);
    expect(findings[0]?.message).toBe(
      'cannot place the emulation window: the version being stamped, "banana", has no major.minor',
    );
  });

  it('still reports unknown gates without a version', () => {
    expect(codes(run('banana', { set: { NodeSwapp: true } }))).toEqual(['emulation-out-of-range', 'gate-unknown']);
  });

  it('evaluates gates at a configured E when the stamped version is garbage', () => {
    expect(codes(run('banana', { emulationVersion: '1.20', set: { NodeSwap: true } }))).toEqual([
      'emulation-out-of-range',
      'gate-prealpha-set',
    ]);
  });
});

describe('evaluateGates: configured values', () => {
  const run = (stamped: string, set: Record<string, boolean>, over: Partial<GatesConfig> = {}) =>
    evaluateGates({ gates: gates({ set, ...over }), stampedVersion: stamped });

  it.each<[string, string, Record<string, boolean>, Partial<GatesConfig>]>([
    ['an alpha gate set true', '1.22.0', { NodeSwap: true }, {}],
    ['E equal to the first spec version', '1.33.0', { NodeSwap: true }, { emulationVersion: '1.30' }],
    ['a beta gate set false', '1.33.0', { NodeSwap: false }, {}],
    ['a locked gate set to its default', '1.34.0', { NodeSwap: true }, {}],
    ['a locked gate set to its default, far later', '1.40.0', { NodeSwap: true }, {}],
    ['AllAlpha (implicit in every Kubernetes gate set)', '1.33.0', { AllAlpha: true }, {}],
    ['AllBeta false', '1.33.0', { AllBeta: false }, {}],
    [
      'a gate at 0.1 with E = 0.1 when its specs start at 0.1',
      INCIDENT_VERSION,
      { Early: false },
      { specs: { Early: [e('0.1', 'alpha', false)] } },
    ],
  ])('%s: no findings', (_label, stamped, set, over) => {
    expect(run(stamped, set, over)).toEqual([]);
  });

  it('a locked gate set to the other value', () => {
    const findings = run('1.34.0', { NodeSwap: false });
    expect(findings).toEqual([
      expect.objectContaining({
        code: 'gate-locked',
        gate: 'NodeSwap',
        expected: 'true',
        actual: 'false',
        message:
          'cannot set feature gate NodeSwap to false: NodeSwap is locked to true at emulated version 1.34 (ga since 1.34)',
      }),
    ]);
  });

  it('a locked gate is fine one minor before the lock (emulating 1.33)', () => {
    expect(run('1.34.0', { NodeSwap: false }, { emulationVersion: '1.33' })).toEqual([]);
  });

  it.each([true, false])('a pre-alpha gate set to %s is refused whatever the value', (value) => {
    const findings = run('1.21.0', { NodeSwap: value });
    expect(codes(findings)).toEqual(['gate-prealpha-set']);
    expect(findings[0]?.message).toBe(
      `cannot set feature gate NodeSwap to ${value}: NodeSwap is pre-alpha (not available yet) at emulated version 1.21; it appears in 1.22 (alpha)`,
    );
    expect(findings[0]).toMatchObject({ gate: 'NodeSwap', expected: 'emulation version >= 1.22', actual: '1.21' });
  });

  it('a pre-alpha gate through emulation: stamped 1.33, emulating 1.30, gate born in 1.31', () => {
    const findings = run(
      '1.33.0',
      { New: true },
      { emulationVersion: '1.30', specs: { New: [e('1.31', 'alpha', false)] } },
    );
    expect(codes(findings)).toEqual(['gate-prealpha-set']);
    expect(findings[0]?.message).toContain('at emulated version 1.30; it appears in 1.31 (alpha)');
    expect(findings[0]?.hint).toContain('1.33.0 gives 1.33, emulating 1.30');
  });

  it('an explicit pre-alpha entry names the first real stage', () => {
    const findings = run(
      '1.21.0',
      { G: false },
      { specs: { G: [e('1.20', 'prealpha', false), e('1.23', 'beta', true)] } },
    );
    expect(findings[0]?.message).toContain('it appears in 1.23 (beta)');
  });

  it('a gate that never becomes available', () => {
    const findings = run('1.21.0', { G: false }, { specs: { G: [e('1.20', 'prealpha', false)] } });
    expect(findings[0]?.message).toContain('no spec in gates.specs makes it available');
  });

  it.each<[string, string | null]>([
    ['nodeswap', 'NodeSwap'],
    ['NODESWAP', 'NodeSwap'],
    ['NodeSwapp', 'NodeSwap'],
    ['NodSwap', 'NodeSwap'],
    ['allalpha', 'AllAlpha'],
    ['Banana', null],
  ])('unknown gate %s → suggestion %s', (name, suggestion) => {
    const findings = run('1.33.0', { [name]: true });
    expect(codes(findings)).toEqual(['gate-unknown']);
    expect(findings[0]).toMatchObject({ gate: name, actual: name });
    if (suggestion) {
      expect(findings[0]?.message).toBe(`unrecognized feature gate: ${name} (did you mean ${suggestion}?)`);
      expect(findings[0]?.expected).toBe(suggestion);
    } else {
      expect(findings[0]?.message).toBe(`unrecognized feature gate: ${name}`);
      expect(findings[0]?.expected).toBeUndefined();
    }
  });

  it('unknown names do not resolve through the prototype', () => {
    expect(codes(run('1.33.0', { constructor: true, toString: false }))).toEqual(['gate-unknown', 'gate-unknown']);
  });

  it('reports every bad value, in configuration order, then spec problems', () => {
    const findings = run(
      '1.34.0',
      { Typo: true, NodeSwap: false, Later: true },
      {
        specs: {
          NodeSwap: NODE_SWAP,
          Later: [e('1.35', 'alpha', false)],
          Bad: [e('1.22', 'beta', false), e('1.20', 'alpha', false)],
        },
      },
    );
    expect(codes(findings)).toEqual(['gate-unknown', 'gate-locked', 'gate-prealpha-set', 'gate-spec-invalid']);
  });

  it('suggestGate prefers a case-insensitive match, then the smallest edit', () => {
    expect(suggestGate('nodeswap', ['NodeSwap', 'NodeSwapX'])).toBe('NodeSwap');
    expect(suggestGate('NodeSwapXY', ['NodeSwap', 'NodeSwapX'])).toBe('NodeSwapX');
    expect(suggestGate('Abc', ['Xyz'])).toBeNull();
  });
});

describe('the incident', () => {
  const input = {
    gates: gates({ set: { NodeSwap: false }, emulationFloor: '1.31' }),
    stampedVersion: INCIDENT_VERSION,
  };

  it('refuses with emulation-out-of-range and gate-prealpha-set, naming the versions', () => {
    const findings = evaluateGates(input);
    expect(codes(findings)).toEqual(['emulation-out-of-range', 'gate-prealpha-set']);
    const [range, prealpha] = findings;
    expect(range?.message).toContain('emulation version 0.1 is not between [1.31, 0.1.0-284+0214af08731054-dirty]');
    expect(range).toMatchObject({ expected: '[1.31, 0.1.0-284+0214af08731054-dirty]', actual: '0.1' });
    expect(range?.hint).toMatch(/^Check the version being stamped first/);
    expect(range?.hint).toContain('0.1.0-284+0214af08731054-dirty gives 0.1, below gates.emulationFloor 1.31');
    expect(prealpha?.message).toBe(
      'cannot set feature gate NodeSwap to false: NodeSwap is pre-alpha (not available yet) at emulated version 0.1; it appears in 1.22 (alpha)',
    );
    expect(prealpha).toMatchObject({ gate: 'NodeSwap', expected: 'emulation version >= 1.22', actual: '0.1' });
    expect(prealpha?.hint).toContain('0.1.0-284+0214af08731054-dirty gives 0.1');
  });

  it('the right tag makes it pass', () => {
    expect(evaluateGates({ ...input, stampedVersion: '1.33.0' })).toEqual([]);
  });

  it('a fork tag v2.0.0 passes Kubernetes-style checks: every 1.x spec at its newest state', () => {
    expect(evaluateGates({ ...input, stampedVersion: '2.0.0' }).map((f) => f.code)).toEqual(['gate-locked']);
  });
});

describe('gateTable', () => {
  it('configured gates first in configuration order, then the rest by name', () => {
    const table = gateTable({
      gates: gates({
        specs: {
          NodeSwap: NODE_SWAP,
          beta: [e('1.30', 'beta', true)],
          Alpha: [e('1.30', 'alpha', false)],
          Zed: [e('1.40', 'alpha', false)],
        },
        set: { Zed: true, Nope: false, NodeSwap: false },
      }),
      stampedVersion: '1.34.0',
    });
    expect(table.window && formatMajorMinor(table.window.emulation)).toBe('1.34');
    expect(table.rows).toEqual([
      {
        gate: 'Zed',
        stage: 'prealpha',
        default: false,
        locked: false,
        since: null,
        value: true,
        enabled: false,
        verdict: 'prealpha-set',
      },
      {
        gate: 'Nope',
        stage: 'prealpha',
        default: false,
        locked: false,
        since: null,
        value: false,
        enabled: false,
        verdict: 'unknown',
      },
      // A refused value is not applied: NodeSwap stays at its locked default.
      {
        gate: 'NodeSwap',
        stage: 'ga',
        default: true,
        locked: true,
        since: '1.34',
        value: false,
        enabled: true,
        verdict: 'locked',
      },
      {
        gate: 'Alpha',
        stage: 'alpha',
        default: false,
        locked: false,
        since: '1.30',
        value: null,
        enabled: false,
        verdict: 'ok',
      },
      {
        gate: 'beta',
        stage: 'beta',
        default: true,
        locked: false,
        since: '1.30',
        value: null,
        enabled: true,
        verdict: 'ok',
      },
    ]);
  });

  it('agrees with evaluateGates on the verdicts', () => {
    const input = {
      gates: gates({ set: { NodeSwap: false, X: true }, emulationFloor: '1.31' }),
      stampedVersion: INCIDENT_VERSION,
    };
    expect(gateTable(input).rows.map((r) => r.verdict)).toEqual(['prealpha-set', 'unknown']);
  });

  it('has no rows when no emulation version can be determined', () => {
    expect(gateTable({ gates: gates({ set: { NodeSwap: true } }), stampedVersion: 'banana' })).toMatchObject({
      window: null,
      emulation: null,
      rows: [],
    });
  });
});
