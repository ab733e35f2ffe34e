import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareMajorMinor,
  formatMajorMinor,
  majorMinorOf,
  parseMajorMinor,
  splitVersion,
  subtractMinor,
} from '../../src/gates/index.js';

describe('parseMajorMinor', () => {
  it.each([
    ['1.22', { major: 1, minor: 22 }],
    ['0.0', { major: 0, minor: 0 }],
    ['0.1', { major: 0, minor: 1 }],
    ['10.100', { major: 10, minor: 100 }],
  ])('accepts %s', (input, expected) => {
    expect(parseMajorMinor(input)).toEqual(expected);
  });

  it.each([
    '1',
    '1.22.0',
    'v1.22',
    '01.22',
    '1.02',
    '1.22-alpha',
    '1.22+build',
    ' 1.22',
    '1.22 ',
    '',
    '1.',
    '.1',
    'a.b',
    '-1.2',
    '1.2.3.4',
    '99999999999999999999.1',
  ])('rejects %j', (input) => {
    expect(parseMajorMinor(input)).toBeNull();
  });
});

describe('majorMinorOf', () => {
  it.each([
    ['v1.31.0', { major: 1, minor: 31 }],
    ['0.1.0-284+0214af08731054-dirty', { major: 0, minor: 1 }],
    ['v0.1.0-284-g0214af08731054-dirty', { major: 0, minor: 1 }],
    ['1.33', { major: 1, minor: 33 }],
    ['1.33.0-alpha.2', { major: 1, minor: 33 }],
    ['1.36.0-rc.1+abc', { major: 1, minor: 36 }],
    ['v1.31', { major: 1, minor: 31 }],
    ['2.0.0', { major: 2, minor: 0 }],
  ])('%s → major.minor', (input, expected) => {
    expect(majorMinorOf(input)).toEqual(expected);
  });

  it.each(['banana', '', '1', 'v', '0214af08731054', 'v01.31.0', '1.2.3.4', '1.22 banana', 'x1.2', '1.2.03'])(
    'rejects %j',
    (input) => {
      expect(majorMinorOf(input)).toBeNull();
    },
  );

  it('reports patch and tail separately', () => {
    expect(splitVersion('0.1.0-284+0214af08731054-dirty')).toEqual({
      major: 0,
      minor: 1,
      patch: 0,
      tail: '-284+0214af08731054-dirty',
      prefixed: false,
    });
    expect(splitVersion('v1.33')).toEqual({ major: 1, minor: 33, patch: null, tail: '', prefixed: true });
  });
});

describe('compareMajorMinor', () => {
  it.each([
    ['1.31', '1.31', 0],
    ['1.31', '1.30', 1],
    ['1.9', '1.10', -1],
    ['2.0', '1.99', 1],
    ['0.1', '1.31', -1],
  ])('%s vs %s → %d', (a, b, expected) => {
    expect(compareMajorMinor(parseMajorMinor(a)!, parseMajorMinor(b)!)).toBe(expected);
  });

  it('0.1 equals 0.1.0-284+0214af08731054-dirty (patch, pre-release and build ignored)', () => {
    expect(compareMajorMinor(parseMajorMinor('0.1')!, majorMinorOf('0.1.0-284+0214af08731054-dirty')!)).toBe(0);
    expect(compareMajorMinor(parseMajorMinor('1.33')!, majorMinorOf('1.33.0-alpha.2')!)).toBe(0);
  });
});

describe('subtractMinor (Kubernetes SubtractMinor: clamp, never borrow)', () => {
  it.each([
    ['1.33', 3, '1.30'],
    ['1.33', 0, '1.33'],
    ['2.0', 3, '2.0'],
    ['0.1', 3, '0.0'],
    ['1.2', 2, '1.0'],
    ['1.2', 5, '1.0'],
  ])('%s − %d = %s', (v, d, expected) => {
    expect(formatMajorMinor(subtractMinor(parseMajorMinor(v)!, d))).toBe(expected);
  });
});

describe('properties', () => {
  const mm = fc.record({ major: fc.nat({ max: 10_000 }), minor: fc.nat({ max: 10_000 }) });

  it('format then parse is the identity', () => {
    fc.assert(
      fc.property(mm, (v) => {
        expect(parseMajorMinor(formatMajorMinor(v))).toEqual(v);
      }),
    );
  });

  it('parse then format is the identity on accepted strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('0', '1', '2', '9', '.', 'v', '-'), maxLength: 8 }), (s) => {
        expect(parseMajorMinor(s) === null || /^\d+\.\d+$/.test(s)).toBe(true);
        const parsed = parseMajorMinor(s);
        if (parsed) expect(formatMajorMinor(parsed)).toBe(s);
      }),
    );
  });

  it('majorMinorOf ignores patch, pre-release and build', () => {
    fc.assert(
      fc.property(
        mm,
        fc.nat({ max: 999 }),
        fc.constantFrom('', '-rc.1', '-284+0214af08731054-dirty', '+meta'),
        (v, patch, tail) => {
          expect(majorMinorOf(`v${formatMajorMinor(v)}.${patch}${tail}`)).toEqual(v);
        },
      ),
    );
  });

  it('compare is antisymmetric and subtractMinor never increases or changes the major', () => {
    fc.assert(
      fc.property(mm, mm, fc.nat({ max: 50 }), (a, b, d) => {
        // === rather than toBe: for equal versions -0 and 0 are the same answer (Object.is tells them apart).
        expect(compareMajorMinor(a, b) === -compareMajorMinor(b, a)).toBe(true);
        const s = subtractMinor(a, d);
        expect(s.major).toBe(a.major);
        expect(compareMajorMinor(s, a)).toBeLessThanOrEqual(0);
        expect(s.minor).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
