import fc from 'fast-check';
import semverCompare from 'semver/functions/compare.js';
import semverInc from 'semver/functions/inc.js';
import semverValid from 'semver/functions/valid.js';
import { describe, expect, it } from 'vitest';
import {
  classifyVersion,
  compareVersions,
  describeProblems,
  devVersion,
  type ParsedVersion,
  PROBLEM_TEXT,
  parseStrictSemver,
  type VersionProblem,
  versionFromTag,
} from '../../src/version/rules.js';

const parse = (text: string): ParsedVersion => {
  const parsed = parseStrictSemver(text);
  if (!parsed) throw new Error(`test setup: ${text} is not strict semver`);
  return parsed;
};
const sorted = (problems: readonly VersionProblem[]) => [...problems].sort();
const sign = (n: number) => (n > 0 ? 1 : n < 0 ? -1 : 0);

// ---------------------------------------------------------------------------------------------
// Arbitraries

const hexString = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: min, maxLength: max });
/** A commit id as the rules define it: 7–40 hex digits with at least one digit and one letter. */
const commitIdArb = hexString(7, 40).filter((s) => /\d/.test(s) && /[a-f]/.test(s));

const numericId = fc.nat().map(String);
const alnumId = fc.stringMatching(/^[0-9A-Za-z-]{0,4}[A-Za-z-][0-9A-Za-z-]{0,4}$/);
const buildIdRaw = fc.stringMatching(/^[0-9A-Za-z-]{1,10}$/);

/**
 * Identifiers that could be read as a commit id or a dirty marker: the pieces between "-" that are
 * hex of four or more characters containing a letter (optionally after "g"), "g" + hex, or "dirty".
 * Deliberately broader than the rules, so generated "clean" versions are clean by any reading.
 */
const looksSuspicious = (id: string) =>
  id
    .split('-')
    .some(
      (piece) =>
        /^dirty$/i.test(piece) ||
        /^g[0-9a-f]{4,}$/i.test(piece) ||
        (/^[0-9a-f]{4,}$/i.test(piece) && /[a-f]/i.test(piece)),
    );

const cleanPreId = fc.oneof(
  numericId,
  alnumId.filter((id) => !looksSuspicious(id)),
);
const cleanBuildId = buildIdRaw.filter((id) => !looksSuspicious(id));

interface Parts {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
  build: string[];
}
const partsArb = (pre: fc.Arbitrary<string>, build: fc.Arbitrary<string>): fc.Arbitrary<Parts> =>
  fc.record({
    major: fc.nat(),
    minor: fc.nat(),
    patch: fc.nat(),
    prerelease: fc.array(pre, { maxLength: 4 }),
    build: fc.array(build, { maxLength: 3 }),
  });
const render = (p: Parts) =>
  `${p.major}.${p.minor}.${p.patch}${p.prerelease.length ? `-${p.prerelease.join('.')}` : ''}${p.build.length ? `+${p.build.join('.')}` : ''}`;

const cleanPartsArb = partsArb(cleanPreId, cleanBuildId);
const cleanVersionArb = cleanPartsArb.map(render);
const coreArb = fc.tuple(fc.nat(), fc.nat(), fc.nat()).map(([a, b, c]) => `${a}.${b}.${c}`);

// ---------------------------------------------------------------------------------------------

describe('parseStrictSemver', () => {
  it.each<[string, Omit<ParsedVersion, 'raw'>]>([
    ['0.0.0', { major: 0, minor: 0, patch: 0, prerelease: [], build: [] }],
    ['1.2.3', { major: 1, minor: 2, patch: 3, prerelease: [], build: [] }],
    ['10.20.30', { major: 10, minor: 20, patch: 30, prerelease: [], build: [] }],
    ['1.2.3-rc.1', { major: 1, minor: 2, patch: 3, prerelease: ['rc', '1'], build: [] }],
    ['1.0.0-alpha.beta', { major: 1, minor: 0, patch: 0, prerelease: ['alpha', 'beta'], build: [] }],
    ['1.0.0-0.3.7', { major: 1, minor: 0, patch: 0, prerelease: ['0', '3', '7'], build: [] }],
    ['1.0.0-x-y-z.--', { major: 1, minor: 0, patch: 0, prerelease: ['x-y-z', '--'], build: [] }],
    ['1.0.0-0a.01a', { major: 1, minor: 0, patch: 0, prerelease: ['0a', '01a'], build: [] }],
    ['1.2.3+build.5', { major: 1, minor: 2, patch: 3, prerelease: [], build: ['build', '5'] }],
    ['1.2.3+001', { major: 1, minor: 2, patch: 3, prerelease: [], build: ['001'] }],
    ['1.2.3-rc.1+build.5', { major: 1, minor: 2, patch: 3, prerelease: ['rc', '1'], build: ['build', '5'] }],
    [
      '0.1.0-284+0214af08731054-dirty',
      { major: 0, minor: 1, patch: 0, prerelease: ['284'], build: ['0214af08731054-dirty'] },
    ],
    ['0.1.0-284-g0214af0-dirty', { major: 0, minor: 1, patch: 0, prerelease: ['284-g0214af0-dirty'], build: [] }],
    ['9007199254740991.0.0', { major: Number.MAX_SAFE_INTEGER, minor: 0, patch: 0, prerelease: [], build: [] }],
  ])('accepts %j', (input, expected) => {
    expect(parseStrictSemver(input)).toEqual({ ...expected, raw: input });
  });

  it.each([
    '',
    'v1.2.3',
    'V1.2.3',
    '=1.2.3',
    ' 1.2.3',
    '1.2.3 ',
    '1.2.3\n',
    '1.2',
    '1',
    '1.2.3.4',
    '01.2.3',
    '1.02.3',
    '1.2.03',
    '1.2.3-',
    '1.2.3+',
    '1.2.3-01',
    '1.2.3-rc.01',
    '1.2.3-rc..1',
    '1.2.3-rc.',
    '1.2.3+build..1',
    '1.2.3-rc_1',
    '1.2.3+b@d',
    '1.2.3-é',
    '-1.2.3',
    '1.-2.3',
    'a.b.c',
    '0214af08731054',
    '9007199254740992.0.0',
    '1.99999999999999999999.0',
    `1.2.3-${'a'.repeat(252)}`, // 258 characters
  ])('rejects %j', (input) => {
    expect(parseStrictSemver(input)).toBeNull();
  });

  it('accepts exactly 256 characters and rejects 257', () => {
    const at = `1.2.3-${'a'.repeat(250)}`;
    expect(at).toHaveLength(256);
    expect(parseStrictSemver(at)).not.toBeNull();
    expect(parseStrictSemver(`${at}a`)).toBeNull();
  });

  it('round-trips generated versions field by field (property)', () => {
    fc.assert(
      fc.property(partsArb(fc.oneof(numericId, alnumId), buildIdRaw), (parts) => {
        const text = render(parts);
        expect(parseStrictSemver(text)).toEqual({ ...parts, raw: text });
      }),
    );
  });

  // Oracle: the semver package. It also accepts a leading "v"/"=" and surrounding whitespace,
  // which strict parsing must not; otherwise both must agree.
  const semverishChar = fc.constantFrom(
    '0',
    '1',
    '2',
    '9',
    '.',
    '.',
    '.',
    '-',
    '+',
    'a',
    'Z',
    'v',
    '=',
    ' ',
    '\n',
    '_',
  );
  const semverish = fc.oneof(
    fc.string({ unit: semverishChar, maxLength: 16 }),
    // near misses: a valid version with one random edit
    fc
      .tuple(
        partsArb(fc.oneof(numericId, alnumId), buildIdRaw).map(render),
        fc.nat(),
        fc.nat(),
        semverishChar,
        fc.constantFrom('insert', 'delete', 'replace'),
      )
      .map(([v, at, len, ch, op]) => {
        const i = at % (v.length + 1);
        if (op === 'insert') return v.slice(0, i) + ch + v.slice(i);
        if (op === 'delete') return v.slice(0, i) + v.slice(i + 1 + (len % 2));
        return v.slice(0, i) + ch + v.slice(i + 1);
      }),
  );

  it('agrees with semver.valid on strings without a "v"/"=" prefix or surrounding whitespace (property)', () => {
    fc.assert(
      fc.property(semverish, (text) => {
        const semverAccepts = semverValid(text) !== null && text === text.trim() && !/^[v=]/i.test(text);
        expect(parseStrictSemver(text) !== null).toBe(semverAccepts);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('classifyVersion: standard versions', () => {
  it.each<[string, boolean]>([
    ['1.2.3', false],
    ['0.0.0', false],
    ['1.2.3-rc.1', true],
    ['1.2.3+build.5', false],
    ['1.0.0-alpha.beta', true],
    ['1.0.0-alpha', true],
    ['1.0.0-0.3.7', true],
    ['1.0.0-x.7.z.92', true],
    ['1.2.3-rc.1+build.5', true],
    ['1.2.3+20240101', false], // build date: digits only, not a commit id
    ['1.2.3+20240101.1', false],
    ['1.2.3+build.20240101120000', false],
    ['1.2.3-deadbeef', true], // a word made of hex letters has no digit: not a commit id
    ['1.0.0-beta.face', true],
    ['1.0.0-cafe', true],
    ['1.2.3-dev.5', true],
    ['1.2.3-rc-1', true],
    ['1.2.3-abc123', true], // 6 hex characters: shorter than an id without "g"
    ['1.2.3-gamma', true], // "g" followed by non-hex
    ['1.2.3-g12', true], // "g" + fewer than 4 hex digits
    ['1.2.3-dirtyish', true],
    ['1.2.3-undirty', true],
    ['2.0.0-rc.1.2', true],
  ])('%j is standard (prerelease=%s)', (input, prerelease) => {
    const c = classifyVersion(input);
    expect(c.problems).toEqual([]);
    expect(c.standard).toBe(true);
    expect(c.prerelease).toBe(prerelease);
    expect(c.parsed).toEqual(parseStrictSemver(input));
  });
});

describe('classifyVersion: nonstandard versions', () => {
  it.each<[string, VersionProblem[]]>([
    // Kubernetes' hack/lib/version.sh rewrite of describe output
    ['0.1.0-284+0214af08731054-dirty', ['commit-id', 'dirty-marker']],
    ['1.1.0-alpha.0.6+0214af08731054', ['commit-id']],
    // raw describe output
    ['v0.1.0-284-g0214af0', ['not-semver', 'describe-output']],
    ['v0.1.0-284-g0214af0-dirty', ['not-semver', 'describe-output', 'dirty-marker']],
    ['0.1.0-284-g0214af0-dirty', ['describe-output', 'dirty-marker']],
    ['0.1.0-284-g0214af0', ['describe-output']],
    ['1.0.0-rc.1-2-g658fd48', ['describe-output']],
    ['v1.0.0-rc.1-2-g658fd48-dirty', ['not-semver', 'describe-output', 'dirty-marker']],
    ['0.1.0-0-gabcd', ['describe-output']],
    ['0.1.0-3-g0214af08731054abcdef0123456789abcdef0123', ['describe-output']],
    // dirty markers
    ['1.2.3-dirty', ['dirty-marker']],
    ['1.2.3+dirty', ['dirty-marker']],
    ['1.2.3-DIRTY', ['dirty-marker']],
    ['1.2.3-rc.1.Dirty', ['dirty-marker']],
    ['1.2.3-rc-dirty', ['dirty-marker']],
    ['1.2.3+build.5.dirty', ['dirty-marker']],
    ['1.2.3-dirty-dirty', ['dirty-marker']],
    // commit ids
    ['0214af08731054', ['bare-commit-id', 'not-semver']],
    ['0214af0', ['bare-commit-id', 'not-semver']],
    ['0214af08731054abcdef0123456789abcdef0123', ['bare-commit-id', 'not-semver']],
    ['0.1.1-dev.284+g0214af0.dirty', ['commit-id', 'dirty-marker']],
    ['0.1.0+284.g0214af0', ['commit-id']],
    ['0.1.0-284.g0214af0.dirty', ['commit-id', 'dirty-marker']],
    ['1.2.3-g0214af0', ['commit-id']],
    ['1.2.3+g1234', ['commit-id']],
    ['1.2.3+0214af0', ['commit-id']],
    ['1.0.0-beta+exp.sha.5114f85', ['commit-id']], // the semver.org example carries a commit id
    // not strict semver
    ['v1.2.3', ['not-semver']],
    ['V1.2.3', ['not-semver']],
    ['=1.2.3', ['not-semver']],
    ['01.2.3', ['not-semver']],
    ['1.2', ['not-semver']],
    ['1.2.3.4', ['not-semver']],
    [' 1.2.3', ['not-semver']],
    ['1.2.3 ', ['not-semver']],
    ['1.2.3\n', ['not-semver']],
    ['', ['not-semver']],
    ['1.2.3-01', ['not-semver']],
    ['1.2.3-rc.01', ['not-semver']],
    ['9007199254740992.0.0', ['not-semver']],
    ['latest', ['not-semver']],
    ['v1.2.3-rc.1', ['not-semver']],
  ])('%j → %j', (input, problems) => {
    const c = classifyVersion(input);
    expect(sorted(c.problems)).toEqual(sorted(problems));
    expect(c.standard).toBe(false);
  });

  it('"v1.2.3" is parsed for reporting but not standard', () => {
    const c = classifyVersion('v1.2.3-rc.1');
    expect(c.parsed).toMatchObject({ major: 1, minor: 2, patch: 3, prerelease: ['rc', '1'] });
    expect(c.prerelease).toBe(true);
  });

  it('garbage has no parsed version', () => {
    expect(classifyVersion('1.2').parsed).toBeNull();
    expect(classifyVersion('1.2').prerelease).toBe(false);
  });

  it('`git describe --always --dirty` output without tags is nonstandard', () => {
    const c = classifyVersion('0214af0-dirty');
    expect(c.standard).toBe(false);
    expect(c.problems).toEqual(expect.arrayContaining(['not-semver', 'dirty-marker']));
  });

  it('problems are listed once each', () => {
    for (const input of [
      'v0.1.0-284-g0214af0-dirty-dirty',
      '1.2.3+0214af0.0214af1.dirty.dirty',
      '1.2.3-g0214af0.g0214af1',
    ]) {
      const { problems } = classifyVersion(input);
      expect(new Set(problems).size).toBe(problems.length);
    }
  });
});

describe('classifyVersion properties', () => {
  it('(a) every strict release or pre-release semver without id-like identifiers is standard', () => {
    fc.assert(
      fc.property(cleanPartsArb, (parts) => {
        const text = render(parts);
        const c = classifyVersion(text);
        expect(c.problems).toEqual([]);
        expect(c.standard).toBe(true);
        expect(c.prerelease).toBe(parts.prerelease.length > 0);
        expect(c.parsed).toEqual({ ...parts, raw: text });
      }),
      { numRuns: 500 },
    );
  });

  const maybeV = fc.constantFrom('', 'v');
  const preOpt = fc.array(cleanPreId, { maxLength: 2 }).map((ids) => (ids.length ? `-${ids.join('.')}` : ''));
  const buildOpt = fc.array(cleanBuildId, { maxLength: 2 }).map((ids) => (ids.length ? `+${ids.join('.')}` : ''));

  it('(b1) "<core>[-pre]-N-g<hex>" (describe shape) is never standard', () => {
    fc.assert(
      fc.property(
        maybeV,
        coreArb,
        preOpt,
        fc.nat(),
        hexString(4, 40),
        fc.constantFrom('', '-dirty'),
        buildOpt,
        (v, core, pre, n, hex, dirty, build) => {
          const text = `${v}${core}${pre}-${n}-g${hex}${dirty}${build}`;
          const c = classifyVersion(text);
          expect(c.standard).toBe(false);
          expect(c.problems).toContain('describe-output');
          expect(c.problems).not.toContain('commit-id');
          if (v) expect(c.problems).toContain('not-semver');
          if (dirty) expect(c.problems).toContain('dirty-marker');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('(b2) "<core>[-pre]+…<commit id>…" is never standard', () => {
    const gOpt = fc.constantFrom('', 'g');
    fc.assert(
      fc.property(
        maybeV,
        coreArb,
        preOpt,
        fc.array(cleanBuildId, { maxLength: 2 }),
        gOpt,
        commitIdArb,
        fc.array(cleanBuildId, { maxLength: 2 }),
        (v, core, pre, before, g, id, after) => {
          const text = `${v}${core}${pre}+${[...before, g + id, ...after].join('.')}`;
          const c = classifyVersion(text);
          expect(c.standard).toBe(false);
          expect(c.problems).toContain('commit-id');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('(b3) a "dirty" identifier anywhere, in any case, is never standard', () => {
    const dirtyWord = fc
      .array(fc.boolean(), { minLength: 5, maxLength: 5 })
      .map((upper) => [...'dirty'].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch)).join(''));
    const placement = fc.constantFrom('pre', 'pre-hyphen', 'build', 'build-hyphen');
    fc.assert(
      fc.property(
        coreArb,
        fc.array(cleanPreId, { maxLength: 2 }),
        fc.array(cleanBuildId, { maxLength: 2 }),
        dirtyWord,
        placement,
        (core, pre, build, word, where) => {
          let text: string;
          if (where === 'pre') text = `${core}-${[...pre, word].join('.')}${build.length ? `+${build.join('.')}` : ''}`;
          else if (where === 'pre-hyphen')
            text = `${core}-${pre.length ? `${pre.join('.')}-` : ''}${word}${build.length ? `+${build.join('.')}` : ''}`;
          else if (where === 'build')
            text = `${core}${pre.length ? `-${pre.join('.')}` : ''}+${[...build, word].join('.')}`;
          else
            text = `${core}${pre.length ? `-${pre.join('.')}` : ''}+${build.length ? `${build.join('.')}-` : ''}${word}`;
          const c = classifyVersion(text);
          expect(c.standard).toBe(false);
          expect(c.problems).toContain('dirty-marker');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a leading "v" or surrounding whitespace always makes a clean version nonstandard, and only "not-semver"', () => {
    fc.assert(
      fc.property(
        cleanVersionArb,
        fc.constantFrom(['v', ''], [' ', ''], ['', ' '], ['', '\n'], ['\t', '']),
        (text, [before, after]) => {
          const c = classifyVersion(`${before}${text}${after}`);
          expect(c.standard).toBe(false);
          expect(c.problems).toEqual(['not-semver']);
        },
      ),
    );
  });

  it('a bare commit id is always reported as one', () => {
    fc.assert(
      fc.property(commitIdArb, (id) => {
        const c = classifyVersion(id);
        expect(c.standard).toBe(false);
        expect(c.problems).toContain('bare-commit-id');
      }),
    );
  });
});

describe('describeProblems', () => {
  it.each<[VersionProblem[], string]>([
    [[], ''],
    [['not-semver'], 'is not strict semver'],
    [['bare-commit-id'], 'is a bare commit id'],
    [['commit-id'], 'carries a commit id'],
    [['dirty-marker'], 'carries a dirty-tree marker'],
    [['commit-id', 'dirty-marker'], 'carries a commit id and a dirty-tree marker'],
    [
      ['describe-output', 'dirty-marker'],
      'carries a commit distance and id (git describe output) and a dirty-tree marker',
    ],
    [
      ['not-semver', 'describe-output', 'dirty-marker'],
      'is not strict semver and carries a commit distance and id (git describe output) and a dirty-tree marker',
    ],
    [['bare-commit-id', 'not-semver'], 'is a bare commit id and is not strict semver'],
    // "carries" phrases are merged after the others whatever the input order
    [['dirty-marker', 'not-semver'], 'is not strict semver and carries a dirty-tree marker'],
  ])('%j → %j', (problems, expected) => {
    expect(describeProblems(problems)).toBe(expected);
  });

  it('mentions every problem exactly once (property)', () => {
    const all = Object.keys(PROBLEM_TEXT) as VersionProblem[];
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...all)), (problems) => {
        const text = describeProblems(problems);
        for (const p of all) {
          const phrase = PROBLEM_TEXT[p].replace(/^carries /, '');
          expect(text.split(phrase).length - 1).toBe(problems.includes(p) ? 1 : 0);
        }
        expect(text.split('carries').length - 1).toBe(
          problems.some((p) => PROBLEM_TEXT[p].startsWith('carries ')) ? 1 : 0,
        );
      }),
    );
  });
});

describe('compareVersions', () => {
  // semver.org §11 precedence example, plus build metadata being ignored.
  const chain = [
    '0.9.9',
    '1.0.0-0',
    '1.0.0-alpha',
    '1.0.0-alpha.1',
    '1.0.0-alpha.beta',
    '1.0.0-beta',
    '1.0.0-beta.2',
    '1.0.0-beta.11',
    '1.0.0-rc.1',
    '1.0.0',
    '1.0.1-dev.0',
    '1.0.1',
    '1.1.0',
    '1.10.0',
    '2.0.0',
  ];

  it.each(chain.slice(1).map((b, i) => [chain[i]!, b]))('%s < %s', (a, b) => {
    expect(compareVersions(parse(a), parse(b))).toBe(-1);
    expect(compareVersions(parse(b), parse(a))).toBe(1);
  });

  it.each([
    ['1.0.0+a', '1.0.0+b'],
    ['1.0.0', '1.0.0+20240101'],
    ['1.0.0-rc.1+x', '1.0.0-rc.1'],
  ])('%s = %s (build metadata is ignored)', (a, b) => {
    expect(compareVersions(parse(a), parse(b))).toBe(0);
  });

  it('is antisymmetric and agrees with semver.compare (property)', () => {
    const v = partsArb(fc.oneof(numericId, alnumId), buildIdRaw).map((p) => parse(render(p)));
    fc.assert(
      fc.property(v, v, (a, b) => {
        const ab = compareVersions(a, b);
        expect(sign(ab)).toBe(-sign(compareVersions(b, a)));
        expect(ab).toBe(semverCompare(a.raw, b.raw));
        expect(compareVersions(a, a)).toBe(0);
      }),
    );
  });
});

describe('devVersion', () => {
  it.each<[string | null, number, string | null, boolean, string]>([
    ['1.2.3', 5, '0214af08731054', true, '1.2.4-dev.5+g0214af0.dirty'],
    ['1.2.3', 5, '0214af08731054', false, '1.2.4-dev.5+g0214af0'],
    ['1.2.3', 0, null, true, '1.2.4-dev.0+dirty'],
    ['1.2.3', 7, null, false, '1.2.4-dev.7'],
    ['1.1.0-alpha.0', 6, '0214af08731054', false, '1.1.0-alpha.0.dev.6+g0214af0'],
    ['1.1.0-alpha.0', 6, '0214af08731054', true, '1.1.0-alpha.0.dev.6+g0214af0.dirty'],
    ['1.2.3+build.5', 1, 'abcdef0', false, '1.2.4-dev.1+gabcdef0'],
    ['1.2.3-rc.1+build.5', 1, 'abcdef0', false, '1.2.3-rc.1.dev.1+gabcdef0'],
    [null, 12, '0214af0', false, '0.0.0-dev.12+g0214af0'],
    [null, 0, null, false, '0.0.0-dev.0'],
    [null, 3, '0214af0', true, '0.0.0-dev.3+g0214af0.dirty'],
  ])('base %s, distance %i, commit %s, dirty %s → %s', (base, distance, commit, dirty, expected) => {
    expect(devVersion(base === null ? null : parse(base), distance, commit, dirty)).toBe(expected);
  });

  const baseArb = partsArb(fc.oneof(numericId, alnumId), buildIdRaw).map((p) => parse(render(p)));
  const commitArb = hexString(7, 40);

  it('(c) base < dev < next patch release, for any distance, commit and dirty flag (property)', () => {
    fc.assert(
      fc.property(baseArb, fc.nat(), commitArb, fc.boolean(), (base, distance, commit, dirty) => {
        const dev = devVersion(base, distance, commit, dirty);
        const next = semverInc(base.raw, 'patch');
        expect(next).not.toBeNull();
        expect(semverCompare(base.raw, dev)).toBe(-1);
        expect(semverCompare(dev, next!)).toBe(-1);
      }),
      { numRuns: 500 },
    );
  });

  it('dev versions are strict semver, grow with distance, and are never standard (property)', () => {
    fc.assert(
      fc.property(
        fc.option(baseArb, { nil: null }),
        fc.nat(),
        fc.nat(),
        commitArb,
        fc.boolean(),
        (base, d1, d2, commit, dirty) => {
          const a = devVersion(base, d1, commit, dirty);
          const b = devVersion(base, d2, commit, dirty);
          expect(parseStrictSemver(a)).not.toBeNull();
          expect(sign(semverCompare(a, b))).toBe(sign(d1 - d2));
          expect(classifyVersion(a).standard).toBe(false);
          // Without a tag, every dev version sorts before any release.
          if (base === null) expect(semverCompare(a, '0.0.0')).toBe(-1);
        },
      ),
    );
  });

  it('the build metadata carries the first 7 characters of the commit and the dirty flag', () => {
    fc.assert(
      fc.property(
        fc.option(baseArb, { nil: null }),
        fc.nat(),
        commitArb,
        fc.boolean(),
        (base, distance, commit, dirty) => {
          const parsed = parse(devVersion(base, distance, commit, dirty));
          expect(parsed.build).toEqual(dirty ? [`g${commit.slice(0, 7)}`, 'dirty'] : [`g${commit.slice(0, 7)}`]);
          expect(parsed.prerelease.slice(-2)).toEqual(['dev', String(distance)]);
        },
      ),
    );
  });
});

describe('versionFromTag', () => {
  it.each<[string, string, string]>([
    ['v1.2.3', 'v', '1.2.3'],
    ['v0.1.0-284-g0214af0', 'v', '0.1.0-284-g0214af0'], // strict semver, caught by classifyVersion instead
    ['release-1.0.0-rc.1', 'release-', '1.0.0-rc.1'],
    ['pkg@2.0.0+build.1', 'pkg@', '2.0.0+build.1'],
    ['1.2.3', '', '1.2.3'],
    ['vv1.2.3', 'vv', '1.2.3'],
  ])('%j with prefix %j → %j', (tag, prefix, raw) => {
    expect(versionFromTag(tag, prefix)?.raw).toBe(raw);
  });

  it.each<[string, string]>([
    ['v1.2.3', ''], // the "v" is not stripped without a prefix
    ['1.2.3', 'v'],
    ['release-1.2.3', 'v'],
    ['V1.2.3', 'v'],
    ['vv1.2.3', 'v'],
    ['v 1.2.3', 'v'],
    ['v1.2.3 ', 'v'],
    ['v1.2', 'v'],
    ['v1.2.3.4', 'v'],
    ['v01.2.3', 'v'],
    ['v1.2.3-', 'v'],
    ['v1.2.3-rc.01', 'v'],
    ['v', 'v'],
    ['', 'v'],
    ['vlatest', 'v'],
    ['v1.2.3-rc..1', 'v'],
    ['v1.2.3-1-gdeadbee_dirty', 'v'],
  ])('%j with prefix %j → null', (tag, prefix) => {
    expect(versionFromTag(tag, prefix)).toBeNull();
  });

  it('(d) round-trips <prefix><strict semver> for any prefix (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), partsArb(fc.oneof(numericId, alnumId), buildIdRaw), (prefix, parts) => {
        const text = render(parts);
        expect(versionFromTag(prefix + text, prefix)).toEqual({ ...parts, raw: text });
      }),
    );
  });

  it('(d) rejects "v" + anything that is not strict semver (property)', () => {
    const garbageChar = fc.constantFrom('0', '1', '9', '.', '.', '-', '+', 'a', 'g', 'v', ' ', '=', '_');
    const garbage = fc.oneof(
      fc.string({ unit: garbageChar, maxLength: 14 }),
      fc.string({ maxLength: 14 }),
      // strict versions with something stuck on the front or back
      fc
        .tuple(
          cleanVersionArb,
          fc.constantFrom('v', 'V', '=', ' ', '0', '-'),
          fc.constantFrom('', ' ', '.', '-', '+', '\n', '.0'),
        )
        .map(([v, a, b]) => `${a}${v}${b}`),
    );
    fc.assert(
      fc.property(garbage, (g) => {
        // semver.valid is more permissive than strict parsing, so whatever it rejects must be rejected.
        fc.pre(semverValid(g) === null || g !== g.trim() || /^[v=V]/.test(g));
        expect(versionFromTag(`v${g}`, 'v')).toBeNull();
      }),
      { numRuns: 500 },
    );
  });
});
