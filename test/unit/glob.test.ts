import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globProblem, globToRegExp, matchesAny } from '../../src/glob.js';

describe('globProblem', () => {
  it.each<[string, string]>([
    ['', 'a non-empty branch pattern'],
    ['!', 'a non-empty branch pattern'],
    ['[', 'a glob whose "[" is closed by "]"'],
    ['release-[0-9', 'a glob whose "[" is closed by "]"'],
    ['!release-[0-9', 'a glob whose "[" is closed by "]"'],
    [']', 'a glob whose "]" closes a "["'],
    ['release]', 'a glob whose "]" closes a "["'],
    ['[a]]', 'a glob whose "]" closes a "["'],
    ['[[a]]', 'a glob without nested "["'],
    ['[a[b]', 'a glob without nested "["'],
  ])('%j → %j', (pattern, problem) => {
    expect(globProblem(pattern)).toBe(problem);
  });

  it.each([
    'main',
    '!main',
    '*',
    '**',
    '?',
    'release/*',
    'release/**',
    'release-[0-9]*',
    'feature-[!abc]',
    '[abc][def]',
    'v?.?',
    '!release/old/**',
    'a.b+c(d)',
    '日本',
  ])('%j is fine', (pattern) => {
    expect(globProblem(pattern)).toBeNull();
  });
});

describe('globToRegExp', () => {
  it.each<[string, string[], string[]]>([
    ['main', ['main'], ['mainx', 'xmain', 'Main', 'main/', '']],
    ['release-*', ['release-', 'release-1.0', 'release-x-y'], ['release', 'release-1/2', 'xrelease-1', 'release/1']],
    ['*', ['main', '', 'a.b-c'], ['a/b', '/']],
    ['release/*', ['release/1.0', 'release/'], ['release/1.0/hotfix', 'release', 'releases/1.0']],
    ['release/**', ['release/1.0', 'release/1.0/hotfix', 'release/'], ['release', 'other/release/1']],
    ['**', ['', 'a', 'a/b/c', '/'], []],
    ['**/main', ['a/main', 'a/b/main', '/main'], ['main', 'a/mainx']],
    ['a/**/b', ['a/x/b', 'a/x/y/b', 'a//b'], ['a/b', 'a/x/c']],
    ['v?', ['v1', 'vx'], ['v', 'v10', 'v/']],
    ['v?.?', ['v1.2'], ['v1x2', 'v12', 'v1.22']],
    ['feature-[abc]', ['feature-a', 'feature-b', 'feature-c'], ['feature-d', 'feature-', 'feature-ab', 'feature-A']],
    ['feature-[!abc]', ['feature-d', 'feature-z', 'feature-1'], ['feature-a', 'feature-c', 'feature-']],
    ['release-[0-9]*', ['release-1', 'release-10.2', 'release-9x'], ['release-x', 'release-', 'release-1/2']],
    ['[a-c][0-9]', ['a0', 'c9'], ['d0', 'a', 'a10']],
    ['[*?]', ['*', '?'], ['a', '[']],
    ['[.]', ['.'], ['a']],
    // characters with a regex meaning are literal outside a class
    ['a.b', ['a.b'], ['axb']],
    ['a+b', ['a+b'], ['aab', 'ab']],
    ['(x)', ['(x)'], ['x']],
    ['a|b', ['a|b'], ['a', 'b']],
    ['{a,b}', ['{a,b}'], ['a', 'b']],
    ['$^', ['$^'], ['']],
    ['back\\slash', ['back\\slash'], ['backslash', 'back/slash']],
    ['a-b', ['a-b'], ['ab']],
    ['日本/*', ['日本/x'], ['日本', '日本/x/y']],
  ])('%j', (pattern, matching, notMatching) => {
    const re = globToRegExp(pattern);
    for (const name of matching) expect(re.test(name), `${pattern} should match ${JSON.stringify(name)}`).toBe(true);
    for (const name of notMatching)
      expect(re.test(name), `${pattern} should not match ${JSON.stringify(name)}`).toBe(false);
  });

  // A pattern that configuration validation accepts must be usable: globProblem(p) === null is
  // what config.ts checks, and the branch check then calls matchesAny(branch, patterns).
  it.each(['[z-a]', 'release-[9-0]*', '!hotfix-[z-a]'])('%j cannot compile, so globProblem rejects it', (pattern) => {
    expect(globProblem(pattern)).toMatch(/valid character ranges/);
  });

  it('an unclosed "[" is taken literally instead of looping', () => {
    expect(globToRegExp('[abc').test('[abc')).toBe(true);
  });
});

describe('matchesAny', () => {
  it.each<[string[], string, boolean]>([
    [[], 'main', false],
    [['main'], 'main', true],
    [['main'], 'develop', false],
    [['main', 'release/*'], 'release/1.0', true],
    [['main', 'release/*'], 'feature/x', false],
    [['release/**', '!release/old/**'], 'release/new/1', true],
    [['release/**', '!release/old/**'], 'release/old/1', false],
    [['!release/old/**', 'release/**'], 'release/old/1', false], // order does not matter
    [['!release/old/**', 'release/**'], 'release/new/1', true],
    [['!main'], 'develop', false], // negations alone allow nothing
    [['!main'], 'main', false],
    [['*', '!wip-*'], 'wip-x', false],
    [['*', '!wip-*'], 'feature', true],
    [['*', '!wip-*'], 'team/feature', false], // "*" stays in one segment
    [['**', '!wip-*'], 'team/feature', true],
    [['release-[0-9]*', '!release-0*'], 'release-1.2', true],
    [['release-[0-9]*', '!release-0*'], 'release-0.9', false],
  ])('%j on %j → %s', (patterns, name, expected) => {
    expect(matchesAny(name, patterns)).toBe(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const literalChar = fc.constantFrom(...'abcXYZ019-_./+()$^{}|日é');
const literalName = fc.string({ unit: literalChar, minLength: 1, maxLength: 16 }).filter((s) => !s.startsWith('!'));
const segment = fc.string({ unit: fc.constantFrom(...'abz09-_.'), maxLength: 8 });

describe('glob properties', () => {
  it('a name without glob characters matches itself and nothing longer or shorter', () => {
    fc.assert(
      fc.property(literalName, literalChar, (name, extra) => {
        expect(matchesAny(name, [name])).toBe(true);
        expect(matchesAny(name + extra, [name])).toBe(false);
        expect(matchesAny(name.slice(1), [name])).toBe(false);
      }),
    );
  });

  it('"*" matches any one segment and never crosses "/"; "**" crosses', () => {
    fc.assert(
      fc.property(literalName, segment, segment, (prefix, a, b) => {
        expect(globToRegExp(`${prefix}*`).test(prefix + a)).toBe(true);
        expect(globToRegExp(`${prefix}*`).test(`${prefix}${a}/${b}`)).toBe(false);
        expect(globToRegExp(`${prefix}**`).test(`${prefix}${a}/${b}`)).toBe(true);
      }),
    );
  });

  it('"?" matches exactly one non-"/" character', () => {
    fc.assert(
      fc.property(literalName, fc.constantFrom(...'az09-_.é'), segment, (prefix, ch, rest) => {
        const re = globToRegExp(`${prefix}?`);
        expect(re.test(prefix + ch)).toBe(true);
        expect(re.test(prefix)).toBe(false);
        expect(re.test(`${prefix}/`)).toBe(false);
        expect(re.test(`${prefix}${ch}${ch}${rest}`)).toBe(false);
      }),
    );
  });

  it('"[set]" and "[!set]" partition single characters', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...'abcxyz0129'), { minLength: 1, maxLength: 5 }),
        fc.constantFrom(...'abcxyz0129'),
        (set, ch) => {
          const inSet = set.includes(ch);
          expect(globToRegExp(`[${set.join('')}]`).test(ch)).toBe(inSet);
          expect(globToRegExp(`[!${set.join('')}]`).test(ch)).toBe(!inSet);
        },
      ),
    );
  });

  it('a negated literal always wins over any positive patterns', () => {
    const patternArb = fc.string({
      unit: fc.constantFrom('a', 'b', '/', '-', '*', '**', '?', '[ab]', '[!a]'),
      maxLength: 6,
    });
    fc.assert(
      fc.property(literalName, fc.array(patternArb, { maxLength: 4 }), (name, positives) => {
        expect(matchesAny(name, [...positives, `!${name}`])).toBe(false);
        expect(matchesAny(name, [`!${name}`, ...positives])).toBe(false);
        expect(matchesAny(name, [...positives, '**'])).toBe(true);
      }),
    );
  });

  it('every pattern globProblem accepts compiles and can be matched', () => {
    const classArb = fc
      .tuple(
        fc.constantFrom('', '!'),
        fc.array(
          fc.oneof(
            fc.constantFrom(...'az09-_.*?\\'),
            fc.tuple(fc.constantFrom(...'az09'), fc.constantFrom(...'az09')).map(([a, b]) => `${a}-${b}`),
          ),
          { maxLength: 3 },
        ),
      )
      .map(([neg, parts]) => `[${neg}${parts.join('')}]`);
    const piece = fc.oneof(
      fc.constantFrom('a', 'z', '0', '-', '/', '.', '*', '**', '?', '!', '\\', '[', ']'),
      classArb,
    );
    const patternArb = fc.array(piece, { minLength: 1, maxLength: 6 }).map((p) => p.join(''));
    fc.assert(
      fc.property(patternArb, segment, (pattern, name) => {
        fc.pre(globProblem(pattern) === null);
        expect(() => matchesAny(name, [pattern])).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});
