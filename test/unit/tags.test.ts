import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseShowRef, type TagRef } from '../../src/git/tags.js';

// `git show-ref --head --tags -d` (git-show-ref(1)): "<oid> <ref>" lines; an annotated tag is
// followed by "<oid> refs/tags/<name>^{}" carrying the peeled commit.
const C1 = 'c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1';
const C2 = 'c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2c2';
const T1 = 'a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1';
const T2 = 'a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2';
const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('parseShowRef', () => {
  it.each<[string, string, TagRef[]]>([
    ['empty output', '', []],
    ['only a newline', '\n', []],
    [
      'lightweight tag',
      lines(`${C1} refs/tags/v1.0.0`),
      [{ name: 'v1.0.0', object: C1, target: C1, annotated: false }],
    ],
    [
      'annotated tag',
      lines(`${T1} refs/tags/v1.0.0`, `${C1} refs/tags/v1.0.0^{}`),
      [{ name: 'v1.0.0', object: T1, target: C1, annotated: true }],
    ],
    [
      'lightweight and annotated mixed',
      lines(
        `${T1} refs/tags/v1.0.0`,
        `${C1} refs/tags/v1.0.0^{}`,
        `${C2} refs/tags/v1.1.0`,
        `${T2} refs/tags/v2.0.0`,
        `${C2} refs/tags/v2.0.0^{}`,
      ),
      [
        { name: 'v1.0.0', object: T1, target: C1, annotated: true },
        { name: 'v1.1.0', object: C2, target: C2, annotated: false },
        { name: 'v2.0.0', object: T2, target: C2, annotated: true },
      ],
    ],
    [
      'HEAD line is ignored',
      lines(`${C2} HEAD`, `${C1} refs/tags/v1.0.0`),
      [{ name: 'v1.0.0', object: C1, target: C1, annotated: false }],
    ],
    [
      'branches, remotes, notes and stash are ignored',
      lines(
        `${C2} HEAD`,
        `${C2} refs/heads/main`,
        `${C2} refs/heads/refs/tags/fake`,
        `${C1} refs/remotes/origin/main`,
        `${C1} refs/notes/commits`,
        `${C1} refs/stash`,
        `${C1} refs/tags/v0.1.0`,
      ),
      [{ name: 'v0.1.0', object: C1, target: C1, annotated: false }],
    ],
    [
      'a peeled line for a branch does not touch a tag of the same name',
      lines(`${C1} refs/tags/x`, `${C2} refs/heads/x^{}`),
      [{ name: 'x', object: C1, target: C1, annotated: false }],
    ],
    ['a peeled line without its tag line is dropped', lines(`${C1} refs/tags/orphan^{}`), []],
    [
      'tag names with slashes, dashes and non-ASCII',
      lines(`${C1} refs/tags/release/v1.0.0-rc.1`, `${C2} refs/tags/pkg@1.2.3`, `${C1} refs/tags/é-日本`),
      [
        { name: 'release/v1.0.0-rc.1', object: C1, target: C1, annotated: false },
        { name: 'pkg@1.2.3', object: C2, target: C2, annotated: false },
        { name: 'é-日本', object: C1, target: C1, annotated: false },
      ],
    ],
    [
      'a tag that looks like describe output',
      lines(`${T1} refs/tags/v1.0.0-1-gdeadbee`, `${C1} refs/tags/v1.0.0-1-gdeadbee^{}`),
      [{ name: 'v1.0.0-1-gdeadbee', object: T1, target: C1, annotated: true }],
    ],
    [
      'a tag of a tag peels to the final commit line git prints',
      lines(`${T2} refs/tags/outer`, `${C2} refs/tags/outer^{}`),
      [{ name: 'outer', object: T2, target: C2, annotated: true }],
    ],
    [
      'SHA-256 object ids',
      lines(`${C1}${C1.slice(0, 24)} refs/tags/v1`),
      [{ name: 'v1', object: C1 + C1.slice(0, 24), target: C1 + C1.slice(0, 24), annotated: false }],
    ],
    [
      'output without a final newline',
      `${C1} refs/tags/v1`,
      [{ name: 'v1', object: C1, target: C1, annotated: false }],
    ],
    [
      'lines without a space are ignored',
      lines('garbage', `${C1} refs/tags/v1`),
      [{ name: 'v1', object: C1, target: C1, annotated: false }],
    ],
  ])('%s', (_name, input, expected) => {
    expect(parseShowRef(input)).toEqual(expected);
  });
});

describe('parseShowRef property', () => {
  const hex = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 40, maxLength: 40 });
  // Names git accepts are free of space, "^", control characters; keep them simple and unique.
  const name = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._/@-]{0,20}$/);
  const tag = fc.record({ name, object: hex, target: hex, annotated: fc.boolean() });

  it('serialising tags as show-ref -d does and parsing gives them back', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(tag, { selector: (t) => t.name, maxLength: 10 }),
        fc.option(hex, { nil: null }),
        fc.array(
          fc
            .tuple(hex, fc.constantFrom('refs/heads/', 'refs/remotes/origin/', 'refs/notes/'))
            .map(([h, p]) => `${h} ${p}x`),
          {
            maxLength: 3,
          },
        ),
        (tags, head, others) => {
          const expected = tags.map((t) => (t.annotated ? t : { ...t, target: t.object }));
          const out = [
            ...(head ? [`${head} HEAD`] : []),
            ...others,
            ...expected.flatMap((t) =>
              t.annotated
                ? [`${t.object} refs/tags/${t.name}`, `${t.target} refs/tags/${t.name}^{}`]
                : [`${t.object} refs/tags/${t.name}`],
            ),
          ];
          expect(parseShowRef(out.map((l) => `${l}\n`).join(''))).toEqual(expected);
        },
      ),
    );
  });
});
