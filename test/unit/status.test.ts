import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseStatusV2,
  type StatusEntry,
  type StatusFacts,
  trackedChanges,
  untrackedEntries,
} from '../../src/git/status.js';

// Fixtures follow `git status --porcelain=v2 --branch -z` (git-status(1)).
const H = '1111111111111111111111111111111111111111';
const I = '2222222222222222222222222222222222222222';
const OID = 'a10c0b80a10c0b80a10c0b80a10c0b80a10c0b80';

const changed = (xy: string, path: string, sub = 'N...') => `1 ${xy} ${sub} 100644 100644 100644 ${H} ${I} ${path}`;
const renamed = (xy: string, score: string, path: string, from: string, sub = 'N...') =>
  `2 ${xy} ${sub} 100644 100644 100644 ${H} ${I} ${score} ${path}\0${from}`;
const unmerged = (xy: string, path: string, sub = 'N...') =>
  `u ${xy} ${sub} 100644 100644 100644 100644 ${H} ${I} ${OID} ${path}`;
const z = (...records: string[]) => records.map((r) => `${r}\0`).join('');

const EMPTY: StatusFacts = { oid: null, branch: null, upstream: null, ahead: null, behind: null, entries: [] };

describe('parseStatusV2: records', () => {
  it.each<[string, string, StatusEntry[]]>([
    ['ordinary change', z(changed('.M', 'mod.txt')), [{ kind: 'changed', xy: '.M', path: 'mod.txt' }]],
    ['staged add', z(changed('A.', 'new.txt')), [{ kind: 'changed', xy: 'A.', path: 'new.txt' }]],
    ['staged and unstaged', z(changed('MM', 'both.txt')), [{ kind: 'changed', xy: 'MM', path: 'both.txt' }]],
    ['deletion', z(changed('.D', 'gone.txt')), [{ kind: 'changed', xy: '.D', path: 'gone.txt' }]],
    ['type change', z(changed('T.', 'link')), [{ kind: 'changed', xy: 'T.', path: 'link' }]],
    [
      'rename R100',
      z(renamed('R.', 'R100', 'renamed with space.txt', 'renameme.txt')),
      [{ kind: 'renamed', xy: 'R.', path: 'renamed with space.txt', from: 'renameme.txt' }],
    ],
    [
      'rename R075 with worktree change',
      z(renamed('RM', 'R75', 'b.txt', 'a.txt')),
      [{ kind: 'renamed', xy: 'RM', path: 'b.txt', from: 'a.txt' }],
    ],
    [
      'copy C75',
      z(renamed('C.', 'C75', 'copy.txt', 'orig.txt')),
      [{ kind: 'copied', xy: 'C.', path: 'copy.txt', from: 'orig.txt' }],
    ],
    ['copy C100', z(renamed('C.', 'C100', 'c', 'o')), [{ kind: 'copied', xy: 'C.', path: 'c', from: 'o' }]],
    ['unmerged UU', z(unmerged('UU', 'conflict.txt')), [{ kind: 'unmerged', xy: 'UU', path: 'conflict.txt' }]],
    ['unmerged AA', z(unmerged('AA', 'both added.txt')), [{ kind: 'unmerged', xy: 'AA', path: 'both added.txt' }]],
    ['unmerged DU', z(unmerged('DU', 'x')), [{ kind: 'unmerged', xy: 'DU', path: 'x' }]],
    ['untracked', z('? untracked.txt'), [{ kind: 'untracked', xy: '??', path: 'untracked.txt' }]],
    ['untracked directory', z('? dir/'), [{ kind: 'untracked', xy: '??', path: 'dir/' }]],
    ['ignored', z('! ignored.log'), [{ kind: 'ignored', xy: '!!', path: 'ignored.log' }]],
  ])('%s', (_name, input, entries) => {
    expect(parseStatusV2(input)).toEqual({ ...EMPTY, entries });
  });

  it('parses a sample recorded from git 2.39, in order', () => {
    const input = z(
      `# branch.oid ${OID}`,
      '# branch.head main',
      changed('.M', 'mod.txt'),
      renamed('R.', 'R100', 'renamed with space.txt', 'renameme.txt'),
      changed('.M', 'sm', 'S.M.'),
      unmerged('UU', 'conflict.txt'),
      '? untracked.txt',
      '! ignored.log',
    );
    expect(parseStatusV2(input)).toEqual({
      ...EMPTY,
      oid: OID,
      branch: 'main',
      entries: [
        { kind: 'changed', xy: '.M', path: 'mod.txt' },
        { kind: 'renamed', xy: 'R.', path: 'renamed with space.txt', from: 'renameme.txt' },
        { kind: 'changed', xy: '.M', path: 'sm', submodule: 'S.M.' },
        { kind: 'unmerged', xy: 'UU', path: 'conflict.txt' },
        { kind: 'untracked', xy: '??', path: 'untracked.txt' },
        { kind: 'ignored', xy: '!!', path: 'ignored.log' },
      ],
    });
  });

  it.each(['', '\0', '\0\0\0'])('no records in %j', (input) => {
    expect(parseStatusV2(input)).toEqual(EMPTY);
  });

  it('parses output without the final NUL', () => {
    expect(parseStatusV2(changed('.M', 'a')).entries).toEqual([{ kind: 'changed', xy: '.M', path: 'a' }]);
  });
});

describe('parseStatusV2: paths are the rest of the record and never quoted', () => {
  it.each([
    ['spaces', 'dir with space/file name.txt'],
    ['leading and trailing spaces', '  padded  '],
    ['several spaces in a row', 'a   b'],
    ['newline', 'line\nbreak.txt'],
    ['carriage return', 'cr\r.txt'],
    ['tab', 'tab\there.txt'],
    ['double quotes', '"quoted".txt'],
    ['single quote', "it's.txt"],
    ['backslash', 'back\\slash.txt'],
    ['non-ASCII', 'répertoire/日本語.txt'],
    ['emoji', 'smile😀.txt'],
    ['leading dash', '-rf'],
    ['double dash', '--force'],
    ['looks like a header', '# branch.head evil'],
    ['looks like a record', '1 .M N... x'],
    ['looks like an untracked record', '? other'],
    ['NUL-free control bytes', '\u0001\u001f\u007f'],
  ])('%s', (_name, path) => {
    const input = z(
      changed('.M', path),
      renamed('R.', 'R100', path, path),
      unmerged('UU', path),
      `? ${path}`,
      `! ${path}`,
    );
    expect(parseStatusV2(input).entries).toEqual([
      { kind: 'changed', xy: '.M', path },
      { kind: 'renamed', xy: 'R.', path, from: path },
      { kind: 'unmerged', xy: 'UU', path },
      { kind: 'untracked', xy: '??', path },
      { kind: 'ignored', xy: '!!', path },
    ]);
  });

  it.each([
    ['an ordinary record', changed('.M', 'x')],
    ['a header', '# branch.head evil'],
    ['an untracked record', '? other'],
    ['a rename record', `2 R. N... 100644 100644 100644 ${H} ${I} R100 fake`],
    ['a path with spaces', 'old name with spaces'],
    ['a leading dash', '-old'],
  ])('the original path of a rename is the next NUL field even when it looks like %s', (_name, from) => {
    const input = z(renamed('R.', 'R100', 'new', from), changed('.M', 'after'));
    expect(parseStatusV2(input).entries).toEqual([
      { kind: 'renamed', xy: 'R.', path: 'new', from },
      { kind: 'changed', xy: '.M', path: 'after' },
    ]);
  });

  it('consecutive renames keep their original paths paired', () => {
    const input = z(renamed('R.', 'R100', 'b', 'a'), renamed('C.', 'C50', 'd', 'c'), '? e');
    expect(parseStatusV2(input).entries).toEqual([
      { kind: 'renamed', xy: 'R.', path: 'b', from: 'a' },
      { kind: 'copied', xy: 'C.', path: 'd', from: 'c' },
      { kind: 'untracked', xy: '??', path: 'e' },
    ]);
  });
});

describe('parseStatusV2: submodules', () => {
  it.each([
    ['S.M.', 'tracked changes inside'],
    ['SC..', 'new commit'],
    ['S..U', 'untracked files inside'],
    ['SCMU', 'everything'],
    ['S...', 'submodule, no changes flagged'],
  ])('%s (%s) is kept on the entry', (sub) => {
    const input = z(changed('.M', 'sm', sub), renamed('R.', 'R100', 'sm2', 'sm1', sub), unmerged('UU', 'sm3', sub));
    expect(parseStatusV2(input).entries).toEqual([
      { kind: 'changed', xy: '.M', path: 'sm', submodule: sub },
      { kind: 'renamed', xy: 'R.', path: 'sm2', from: 'sm1', submodule: sub },
      { kind: 'unmerged', xy: 'UU', path: 'sm3', submodule: sub },
    ]);
  });

  it('N... is not a submodule and leaves no submodule field', () => {
    const [entry] = parseStatusV2(z(changed('.M', 'file'))).entries;
    expect(entry).toEqual({ kind: 'changed', xy: '.M', path: 'file' });
    expect(entry).not.toHaveProperty('submodule');
  });
});

describe('parseStatusV2: headers', () => {
  it.each<[string, string[], Partial<StatusFacts>]>([
    ['branch and oid', [`# branch.oid ${OID}`, '# branch.head main'], { oid: OID, branch: 'main' }],
    ['unborn branch', ['# branch.oid (initial)', '# branch.head main'], { oid: null, branch: 'main' }],
    ['detached HEAD', [`# branch.oid ${OID}`, '# branch.head (detached)'], { oid: OID, branch: null }],
    ['branch with slashes and dashes', ['# branch.head feature/x-1'], { branch: 'feature/x-1' }],
    [
      'upstream and ahead/behind',
      [`# branch.oid ${OID}`, '# branch.head main', '# branch.upstream origin/main', '# branch.ab +3 -12'],
      { oid: OID, branch: 'main', upstream: 'origin/main', ahead: 3, behind: 12 },
    ],
    [
      'in sync with upstream',
      ['# branch.upstream origin/main', '# branch.ab +0 -0'],
      { upstream: 'origin/main', ahead: 0, behind: 0 },
    ],
    ['upstream without ab (gone)', ['# branch.upstream origin/gone'], { upstream: 'origin/gone' }],
    ['malformed ab is ignored', ['# branch.ab 3 12'], {}],
    ['stash header is ignored', ['# stash 4'], {}],
    ['unknown header is ignored', ['# branch.future something'], {}],
  ])('%s', (_name, records, expected) => {
    expect(parseStatusV2(z(...records))).toEqual({ ...EMPTY, ...expected });
  });

  it('headers and entries mix', () => {
    const facts = parseStatusV2(z('# branch.oid (initial)', '# branch.head (detached)', '? a'));
    expect(facts).toEqual({ ...EMPTY, entries: [{ kind: 'untracked', xy: '??', path: 'a' }] });
  });
});

describe('parseStatusV2: unknown record types', () => {
  it.each(['3 something new', 'x foo bar', 'Z', '~ tilde', '  leading space'])('skips %j', (record) => {
    const facts = parseStatusV2(z(changed('.M', 'before'), record, '? after'));
    expect(facts.entries).toEqual([
      { kind: 'changed', xy: '.M', path: 'before' },
      { kind: 'untracked', xy: '??', path: 'after' },
    ]);
  });
});

describe('trackedChanges / untrackedEntries', () => {
  const entries = parseStatusV2(
    z(
      changed('.M', 'a'),
      renamed('R.', 'R100', 'c', 'b'),
      renamed('C.', 'C60', 'e', 'd'),
      unmerged('UU', 'f'),
      '? g',
      '! h',
    ),
  ).entries;

  it('tracked changes are everything but untracked and ignored', () => {
    expect(trackedChanges(entries).map((e) => e.path)).toEqual(['a', 'c', 'e', 'f']);
  });

  it('untracked entries exclude ignored ones', () => {
    expect(untrackedEntries(entries).map((e) => e.path)).toEqual(['g']);
  });
});

// ---------------------------------------------------------------------------------------------
// Property: serialise random facts to porcelain v2 -z ourselves, parse, get the same facts back.

const awkwardChar = fc.constantFrom(
  ' ',
  '\n',
  '\t',
  '\r',
  '"',
  "'",
  '\\',
  '-',
  '#',
  '?',
  '!',
  '/',
  '.',
  'é',
  '日',
  '😀',
  '\u2028',
  '\u00a0',
);
const pathChar = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 3 },
  { arbitrary: awkwardChar, weight: 2 },
);
const pathArb = fc.string({ unit: pathChar, minLength: 1, maxLength: 30 }).filter((p) => !p.includes('\0'));

const codeChar = fc.constantFrom('.', 'M', 'T', 'A', 'D', 'R', 'C', 'U');
const xyArb = fc.tuple(codeChar, codeChar).map(([x, y]) => x + y);
const subArb = fc.oneof(
  fc.constant<string | undefined>(undefined),
  fc
    .tuple(fc.constantFrom('C', '.'), fc.constantFrom('M', '.'), fc.constantFrom('U', '.'))
    .map(([c, m, u]) => `S${c}${m}${u}`),
);
const hexArb = (len: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: len, maxLength: len });
const modeArb = fc.constantFrom('000000', '100644', '100755', '120000', '160000');

type Generated = { entry: StatusEntry; record: string };

const withSub = (entry: StatusEntry, sub: string | undefined): StatusEntry =>
  sub ? { ...entry, submodule: sub } : entry;

const changedArb: fc.Arbitrary<Generated> = fc
  .record({
    xy: xyArb,
    sub: subArb,
    path: pathArb,
    m: fc.array(modeArb, { minLength: 3, maxLength: 3 }),
    h: hexArb(40),
    i: hexArb(40),
  })
  .map(({ xy, sub, path, m, h, i }) => ({
    entry: withSub({ kind: 'changed', xy, path }, sub),
    record: `1 ${xy} ${sub ?? 'N...'} ${m.join(' ')} ${h} ${i} ${path}\0`,
  }));

const renamedArb: fc.Arbitrary<Generated> = fc
  .record({
    xy: xyArb,
    sub: subArb,
    path: pathArb,
    from: pathArb,
    copy: fc.boolean(),
    score: fc.integer({ min: 0, max: 100 }),
    h: hexArb(40),
    i: hexArb(40),
  })
  .map(({ xy, sub, path, from, copy, score, h, i }) => ({
    entry: withSub({ kind: copy ? 'copied' : 'renamed', xy, path, from }, sub),
    record: `2 ${xy} ${sub ?? 'N...'} 100644 100644 100644 ${h} ${i} ${copy ? 'C' : 'R'}${score} ${path}\0${from}\0`,
  }));

const unmergedArb: fc.Arbitrary<Generated> = fc
  .record({ xy: xyArb, sub: subArb, path: pathArb, h: fc.array(hexArb(40), { minLength: 3, maxLength: 3 }) })
  .map(({ xy, sub, path, h }) => ({
    entry: withSub({ kind: 'unmerged', xy, path }, sub),
    record: `u ${xy} ${sub ?? 'N...'} 100644 100644 100644 100644 ${h.join(' ')} ${path}\0`,
  }));

const untrackedArb: fc.Arbitrary<Generated> = fc
  .record({ path: pathArb, ignored: fc.boolean() })
  .map(({ path, ignored }) => ({
    entry: ignored ? { kind: 'ignored', xy: '!!', path } : { kind: 'untracked', xy: '??', path },
    record: `${ignored ? '!' : '?'} ${path}\0`,
  }));

// A future record type with a single NUL field: skipped, contributes no entry.
const unknownArb = fc
  .tuple(fc.constantFrom('3', 'x', 'v', '*'), pathArb)
  .map(([type, rest]) => ({ entry: null, record: `${type} ${rest}\0` }));

const branchNameArb = fc.stringMatching(/^[a-z][a-z0-9/_.-]{0,20}$/);

const headerArb = fc.record({
  oid: fc.option(hexArb(40), { nil: null }),
  branch: fc.option(branchNameArb, { nil: null }),
  upstream: fc.option(fc.record({ name: branchNameArb, ab: fc.option(fc.tuple(fc.nat(), fc.nat()), { nil: null }) }), {
    nil: null,
  }),
  stash: fc.option(fc.nat(), { nil: null }),
});

describe('parseStatusV2: round-trip property', () => {
  it('parse(serialise(facts)) gives the facts back', () => {
    fc.assert(
      fc.property(
        headerArb,
        fc.array(fc.oneof(changedArb, renamedArb, unmergedArb, untrackedArb, unknownArb), { maxLength: 12 }),
        (header, items) => {
          let output = `# branch.oid ${header.oid ?? '(initial)'}\0# branch.head ${header.branch ?? '(detached)'}\0`;
          if (header.upstream) {
            output += `# branch.upstream ${header.upstream.name}\0`;
            if (header.upstream.ab) output += `# branch.ab +${header.upstream.ab[0]} -${header.upstream.ab[1]}\0`;
          }
          if (header.stash !== null) output += `# stash ${header.stash}\0`;
          output += items.map((item) => item.record).join('');

          const expected: StatusFacts = {
            oid: header.oid,
            branch: header.branch,
            upstream: header.upstream?.name ?? null,
            ahead: header.upstream?.ab?.[0] ?? null,
            behind: header.upstream?.ab?.[1] ?? null,
            entries: items.flatMap((item) => (item.entry ? [item.entry] : [])),
          };
          expect(parseStatusV2(output)).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('the number of entries equals the number of known records, whatever the paths', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(changedArb, renamedArb, unmergedArb, untrackedArb), { maxLength: 20 }), (items) => {
        const entries = parseStatusV2(items.map((item) => item.record).join('')).entries;
        expect(entries).toHaveLength(items.length);
        expect(entries.map((e) => e.kind)).toEqual(items.map((item) => item.entry.kind));
      }),
    );
  });
});
