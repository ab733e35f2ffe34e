import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Describe, formatDescribe, parseDescribe, tagGlob } from '../../src/git/describe.js';

// `git describe --tags --long` shapes (git-describe(1)): <tag>-<distance>-g<abbrev>,
// parsed from the right because tags may contain "-".

describe('parseDescribe', () => {
  it.each<[string, Describe]>([
    ['v1.0.0-0-g658fd48', { tag: 'v1.0.0', distance: 0, abbrev: '658fd48' }],
    ['v0.1.0-284-g0214af0', { tag: 'v0.1.0', distance: 284, abbrev: '0214af0' }],
    ['v1.0.0-rc.1-2-g658fd48', { tag: 'v1.0.0-rc.1', distance: 2, abbrev: '658fd48' }],
    ['v1.0.0-2-g658fd48fb25f', { tag: 'v1.0.0', distance: 2, abbrev: '658fd48fb25f' }],
    ['v1-0-gabcd', { tag: 'v1', distance: 0, abbrev: 'abcd' }],
    [
      'v1-1-g0123456789abcdef0123456789abcdef01234567',
      { tag: 'v1', distance: 1, abbrev: '0123456789abcdef0123456789abcdef01234567' },
    ],
    // A tag that itself looks like describe output: the rightmost triple wins.
    ['v1.0.0-1-gdeadbee-3-gabc1234', { tag: 'v1.0.0-1-gdeadbee', distance: 3, abbrev: 'abc1234' }],
    ['v1.0.0-1-gdeadbee-0-gdeadbee', { tag: 'v1.0.0-1-gdeadbee', distance: 0, abbrev: 'deadbee' }],
    ['release-2024-01-01-7-g1234567', { tag: 'release-2024-01-01', distance: 7, abbrev: '1234567' }],
    ['my-tag--5-gabcdef0', { tag: 'my-tag-', distance: 5, abbrev: 'abcdef0' }],
    ['pkg@1.2.3-10-gfffffff', { tag: 'pkg@1.2.3', distance: 10, abbrev: 'fffffff' }],
    ['v2.0.0-00012-g1234', { tag: 'v2.0.0', distance: 12, abbrev: '1234' }],
    ['日本-3-gabcd', { tag: '日本', distance: 3, abbrev: 'abcd' }],
    // git's own stdout ends with a newline.
    ['v1.0.0-2-g658fd48\n', { tag: 'v1.0.0', distance: 2, abbrev: '658fd48' }],
    ['v1.0.0-2-g658fd48\r\n', { tag: 'v1.0.0', distance: 2, abbrev: '658fd48' }],
  ])('%j', (input, expected) => {
    expect(parseDescribe(input)).toEqual(expected);
  });

  it.each([
    '',
    '\n',
    'v1.0.0', // no --long
    'v1.0.0-dirty',
    'v1.0.0-2-g658fd48-dirty', // --dirty output is never parsed
    'v1.0.0-2-g658fd48-modified',
    'v1.0.0-2-658fd48', // missing "g"
    'v1.0.0-2-gxyz1234', // not hex
    'v1.0.0-2-g658FD48', // upper-case hex is not git output
    'v1.0.0-2-g658', // abbreviation shorter than 4
    `v1.0.0-2-g${'a'.repeat(65)}`, // longer than a SHA-256 id
    'v1.0.0--g658fd48', // empty distance
    'v1.0.0-x-g658fd48', // non-numeric distance
    'v1.0.0-+2-g658fd48',
    '-2-g658fd48', // empty tag
    '658fd48', // --always output
    'v1.0.0 2 g658fd48',
    'v1.0.0-2-g658fd48 trailing',
    'fatal: No names found, cannot describe anything.',
  ])('rejects %j', (input) => {
    expect(parseDescribe(input)).toBeNull();
  });
});

describe('formatDescribe', () => {
  it.each<[Describe, boolean, string]>([
    [{ tag: 'v1.0.0', distance: 0, abbrev: '658fd48' }, false, 'v1.0.0'],
    [{ tag: 'v1.0.0', distance: 0, abbrev: '658fd48' }, true, 'v1.0.0-dirty'],
    [{ tag: 'v1.0.0', distance: 2, abbrev: '658fd48' }, false, 'v1.0.0-2-g658fd48'],
    [{ tag: 'v1.0.0', distance: 2, abbrev: '658fd48' }, true, 'v1.0.0-2-g658fd48-dirty'],
    [{ tag: 'v0.1.0', distance: 284, abbrev: '0214af08731054' }, true, 'v0.1.0-284-g0214af08731054-dirty'],
    [{ tag: 'v1.0.0-rc.1', distance: 0, abbrev: 'abcd' }, false, 'v1.0.0-rc.1'],
    [{ tag: 'v1.0.0-1-gdeadbee', distance: 3, abbrev: 'abc1234' }, false, 'v1.0.0-1-gdeadbee-3-gabc1234'],
  ])('%j dirty=%s → %s', (d, dirty, expected) => {
    expect(formatDescribe(d, dirty)).toBe(expected);
  });
});

describe('tagGlob', () => {
  it.each([
    ['v', 'v[0-9]*'],
    ['', '[0-9]*'],
    ['release-', 'release-[0-9]*'],
    ['pkg@', 'pkg@[0-9]*'],
    ['a/b/', 'a/b/[0-9]*'],
    ['rel*', 'rel\\*[0-9]*'],
    ['rel?', 'rel\\?[0-9]*'],
    ['[x]', '\\[x\\][0-9]*'],
    ['back\\', 'back\\\\[0-9]*'],
    ['*?[]\\', '\\*\\?\\[\\]\\\\[0-9]*'],
  ])('%j → %j', (prefix, expected) => {
    expect(tagGlob(prefix)).toBe(expected);
  });

  it('leaves no unescaped glob character from the prefix (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (prefix) => {
        const glob = tagGlob(prefix);
        expect(glob.endsWith('[0-9]*')).toBe(true);
        const escaped = glob.slice(0, -'[0-9]*'.length);
        // Un-escaping gives the prefix back, and every glob character is preceded by a backslash.
        let unescaped = '';
        for (let i = 0; i < escaped.length; i++) {
          const ch = escaped[i]!;
          if (ch === '\\') {
            const next = escaped[i + 1];
            expect(next).toBeDefined();
            expect('*?[]\\').toContain(next);
            unescaped += next;
            i++;
          } else {
            expect('*?[]').not.toContain(ch);
            unescaped += ch;
          }
        }
        expect(unescaped).toBe(prefix);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Property: any tag git accepts, with any distance and abbreviation, formats and parses back.
// Tag names come from git, so on top of "non-empty, no NUL, no newline" they obey
// git-check-ref-format(1): no ASCII control characters (so no "\r" or "\t"), no space, none of
// ~ ^ : ? * [ \, and they do not start with "-". Non-ASCII characters, including Unicode spaces
// and line separators, are allowed by git (verified with git 2.39: `git tag $'v1\u2028x'` and
// `git tag $'\u00a0v1'` succeed and describe prints them as-is).

const hex = '0123456789abcdef';
const abbrevArb = fc.string({ unit: fc.constantFrom(...hex), minLength: 4, maxLength: 40 });
const tagChar = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 4 },
  {
    arbitrary: fc.constantFrom('-', '.', '/', '@', 'g', '0', '1', 'v', 'é', '日', '😀', '\u00a0', '\u2028', '\ufeff'),
    weight: 2,
  },
);
const gitTagArb = fc
  .string({ unit: tagChar, minLength: 1, maxLength: 24 })
  .filter((t) => !/[\u0000-\u0020\u007f~^:?*[\\]/.test(t) && !t.startsWith('-'));

describe('parseDescribe ∘ formatDescribe round-trip', () => {
  it('plain ASCII tags (including ones that look like describe output) round-trip', () => {
    const asciiTag = fc.stringMatching(/^[A-Za-z0-9._@/][A-Za-z0-9._@/+-]{0,30}$/);
    fc.assert(
      fc.property(asciiTag, fc.nat(), abbrevArb, (tag, distance, abbrev) => {
        const text = `${tag}-${distance}-g${abbrev}`;
        expect(parseDescribe(text)).toEqual({ tag, distance, abbrev });
        expect(parseDescribe(`${text}\n`)).toEqual({ tag, distance, abbrev });
      }),
    );
  });

  it('tags built from describe-shaped pieces round-trip through formatDescribe', () => {
    const piece = fc.oneof(
      fc.tuple(fc.nat(), abbrevArb).map(([n, a]) => `${n}-g${a}`),
      fc.stringMatching(/^[a-z0-9.]{1,6}$/),
    );
    const tagArb = fc.array(piece, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('-'));
    fc.assert(
      fc.property(
        tagArb,
        fc.integer({ min: 1, max: 2 ** 31 }),
        abbrevArb,
        fc.boolean(),
        (tag, distance, abbrev, dirty) => {
          const d = { tag, distance, abbrev };
          const text = formatDescribe(d, false);
          expect(parseDescribe(text)).toEqual(d);
          expect(formatDescribe(d, dirty)).toBe(dirty ? `${text}-dirty` : text);
          // On the tag itself (distance 0) the text is the bare tag.
          expect(formatDescribe({ ...d, distance: 0 }, dirty)).toBe(dirty ? `${tag}-dirty` : tag);
        },
      ),
    );
  });

  it('any tag name git accepts round-trips', () => {
    fc.assert(
      fc.property(gitTagArb, fc.nat(), abbrevArb, (tag, distance, abbrev) => {
        // `--long` output, exactly as git prints it (with its trailing newline).
        expect(parseDescribe(`${tag}-${distance}-g${abbrev}\n`)).toEqual({ tag, distance, abbrev });
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['a Unicode line separator inside the tag', 'v1.0.0\u2028x'],
    ['a Unicode paragraph separator inside the tag', 'v1\u2029'],
    ['a leading no-break space', '\u00a0v1.0.0'],
    ['a leading byte-order mark', '\ufeffv1.0.0'],
  ])('a git-valid tag with %s round-trips', (_name, tag) => {
    expect(parseDescribe(`${tag}-3-gabc1234\n`)).toEqual({ tag, distance: 3, abbrev: 'abc1234' });
  });
});
