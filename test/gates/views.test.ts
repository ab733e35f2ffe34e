// The pure parts of --changes and --timeline, and the gates.dependencies parser, as tables.
import { describe, expect, it } from 'vitest';
import { gateChanges } from '../../src/gates/changes.js';
import { parseMajorMinor, resolveGatesConfig } from '../../src/gates/index.js';
import { axisVersions, timelineModel } from '../../src/gates/timeline.js';
import { escapeXml, formatTimelineSvg } from '../../src/reporters/timeline.js';
import type { GateSpecs } from '../../src/types.js';
import { configErrorOf, e, NODE_SWAP } from './helpers.js';

const mm = (s: string) => parseMajorMinor(s)!;

describe('gateChanges', () => {
  const specs: GateSpecs = {
    NodeSwap: NODE_SWAP,
    New: [e('1.31', 'alpha', false)],
    Flip: [e('1.25', 'beta', false), e('1.31', 'beta', true)],
    Old: [e('1.0', 'ga', true), e('1.31', 'deprecated', false)],
    Later: [e('1.40', 'alpha', false)],
    Quiet: [e('1.20', 'ga', true)],
  };

  it.each<[string, string, Record<string, [string, string[]]>]>([
    // NodeSwap: beta off 1.28, beta on 1.30, GA locked 1.34.
    ['1.29', '1.30', { NodeSwap: ['enabled-by-default', ['default']] }],
    ['1.33', '1.34', { NodeSwap: ['ga', ['stage', 'lock']] }],
    [
      '1.30',
      '1.31',
      {
        New: ['introduced', ['stage']],
        Flip: ['enabled-by-default', ['default']],
        Old: ['deprecated', ['stage', 'default']],
      },
    ],
    ['1.21', '1.22', { NodeSwap: ['introduced', ['stage']] }],
    ['1.35', '1.39', {}],
    ['1.33', '1.33', {}],
  ])('%s..%s', (from, to, expected) => {
    const result = gateChanges(specs, mm(from), mm(to));
    expect(Object.fromEntries(result.changes.map((c) => [c.gate, [c.group, c.kinds]]))).toEqual(expected);
  });

  it('counts the gates that exist and did not change; a gate not yet there is neither', () => {
    const result = gateChanges(specs, mm('1.35'), mm('1.36'));
    expect(result.changes).toEqual([]);
    expect(result.unchanged).toBe(5); // every gate but Later
  });

  it('names the versions at which the changes took effect', () => {
    const [change] = gateChanges({ NodeSwap: NODE_SWAP }, mm('1.27'), mm('1.34')).changes;
    expect(change?.steps).toEqual(['1.28', '1.30', '1.34']);
  });

  it('with the specs as they were at FROM, a gate missing now is removed', () => {
    const before: GateSpecs = { ...specs, Gone: [e('1.10', 'ga', true, true)] };
    const result = gateChanges(specs, mm('1.33'), mm('1.34'), before);
    expect(result.changes.find((c) => c.gate === 'Gone')).toMatchObject({ group: 'removed', to: null });
  });
});

describe('timeline model', () => {
  it.each<[string[], string[]]>([
    [
      ['1.22', '1.25'],
      ['1.22', '1.23', '1.24', '1.25'],
    ],
    [
      ['0.1', '1.2', '1.0'],
      ['0.1', '1.0', '1.1', '1.2'],
    ], // majors are not bridged
    [['2.0'], ['2.0']],
  ])('axis for %j', (seen, axis) => {
    expect(axisVersions(seen.map(mm)).map((v) => `${v.major}.${v.minor}`)).toEqual(axis);
  });

  it('bands follow the spec in force at each column; the axis runs one past the newest version', () => {
    const model = timelineModel({ specs: { NodeSwap: NODE_SWAP }, set: {} }, null);
    expect(model.versions[0]).toBe('1.22');
    expect(model.versions.at(-1)).toBe('1.35');
    expect(model.marker).toBeNull();
    expect(model.rows[0]?.bands.map((b) => [model.versions[b.start], model.versions[b.end - 1], b.stage])).toEqual([
      ['1.22', '1.27', 'alpha'],
      ['1.28', '1.29', 'beta'],
      ['1.30', '1.33', 'beta'],
      ['1.34', '1.35', 'ga'],
    ]);
  });

  it("the incident's 0.1 gets its own column before 1.x, and the marker sits on it", () => {
    const model = timelineModel(
      { specs: { NodeSwap: NODE_SWAP }, set: { NodeSwap: false } },
      { version: '0.1.0-284+0214af08731054-dirty', verdicts: new Map([['NodeSwap', 'prealpha-set']]) },
    );
    expect(model.versions.slice(0, 2)).toEqual(['0.1', '1.22']);
    expect(model.marker).toBe(0);
    expect(model.rows[0]).toMatchObject({ gate: 'NodeSwap', value: false, verdict: 'prealpha-set' });
    const svg = formatTimelineSvg(model, { source: 'gates.specs' });
    expect(svg).toContain('<line id="marker" data-version="0.1"');
    expect(svg).toContain('= false ✖');
  });

  it('escapes what it draws', () => {
    expect(escapeXml(`a<b & "c" 'd'>`)).toBe('a&#60;b &#38; &#34;c&#34; &#39;d&#39;&#62;');
    const svg = formatTimelineSvg(timelineModel({ specs: { G: [e('1.1', 'alpha', false)] }, set: {} }, null), {
      source: 'specs <&> "file".yaml',
    });
    expect(svg).toContain('specs &#60;&#38;&#62; &#34;file&#34;.yaml');
  });
});

describe('gates.dependencies in the configuration', () => {
  const where = { file: '/p/.stampguardrc.json', baseDir: '/p' };
  const specs = { A: [{ version: '1.1', stage: 'alpha', default: false }] };

  it('keeps each list sorted and without duplicates, as AddDependencies stores it', () => {
    expect(resolveGatesConfig({ specs, dependencies: { B: ['C', 'A', 'C'], D: [] } }, where).dependencies).toEqual({
      B: ['A', 'C'],
      D: [],
    });
  });

  it.each<[unknown, string]>([
    [['A'], 'gates.dependencies: expected an object of gate names'],
    [{ B: 'A' }, 'gates.dependencies.B: expected a list of gate names'],
    [{ B: [1] }, 'gates.dependencies.B[0]: expected a gate name; got the number 1'],
    [{ B: ['has space'] }, 'is not a gate name'],
    [{ 'B=C': ['A'] }, 'is not a gate name'],
  ])('%j is a configuration error', (dependencies, message) => {
    const error = configErrorOf(() => resolveGatesConfig({ specs, dependencies }, where));
    expect(error.message).toContain(message);
    expect(error.message).toContain('/p/.stampguardrc.json');
  });
});
