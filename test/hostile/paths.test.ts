// Hostile path names, through real git and the built CLI: every byte git allows in a file name is
// data. The JSON report lists each path exactly (porcelain v2 -z is never quoted), nothing crashes,
// and very many untracked files are listed in full in JSON but summarised in messages.
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '../../src/types.js';
import { makeRepo, parseJson, type Repo } from '../helpers/git-repo.js';

/** `check --json`: exactly one JSON document on stdout, nothing on stderr. */
function checkJson(repo: Repo, ...args: string[]): { code: number; report: Report } {
  const r = repo.cli(['check', '--json', ...args]);
  expect(r.stderr).toBe('');
  return { code: r.code, report: parseJson<Report>(r.stdout) };
}

function findingOf(report: Report, code: Finding['code']): Finding {
  const f = report.findings.find((x) => x.code === code);
  expect(f, `${code} in ${JSON.stringify(report.findings.map((x) => x.code))}`).toBeDefined();
  return f!;
}

const sorted = (items: readonly string[]) => [...items].sort();

// Every kind of name git accepts that a naive parser or a shell would trip on.
const HOSTILE = [
  'new\nline',
  'tab\there',
  'double"quote',
  "single'quote",
  '-rf',
  'with space',
  ' leading space',
  '日本.txt',
  'semi;colon$(x)`y`',
];

// 3 nested directories of 60 characters and an 80-character file name: 263 characters in all.
const LONG_DIR = ['d'.repeat(60), 'e'.repeat(60), 'f'.repeat(60)].join('/');
const LONG = `${LONG_DIR}/${'g'.repeat(80)}`;

describe('hostile path names', () => {
  it('untracked names with newlines, tabs, quotes, a leading dash, spaces and non-ASCII are each listed exactly', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.tag('v1.0.0');
    for (const name of HOSTILE) repo.write(name, 'x');
    const { code, report } = checkJson(repo);
    expect(code).toBe(1);
    const untracked = findingOf(report, 'untracked-files');
    expect(sorted(untracked.paths!)).toEqual(sorted(HOSTILE));
    expect(untracked.message).toMatch(new RegExp(`^${HOSTILE.length} untracked paths: `));
    for (const name of HOSTILE) expect(untracked.message).toContain(name);
    // Untracked files alone do not make the tracked tree dirty.
    expect(report.findings.map((f) => f.code)).not.toContain('dirty-tree');
  });

  it('tracked names of every kind, modified, deleted and renamed, and a 263-character nested path, are dirty-tree paths exactly', () => {
    const repo = makeRepo({
      version: '1.0.0',
      files: Object.fromEntries([...HOSTILE, LONG].map((n, i) => [n, `original ${i}\n`])),
    });
    repo.tag('v1.0.0');
    expect(LONG.length).toBeGreaterThan(200);
    expect(checkJson(repo).code).toBe(0); // the names themselves are fine once committed
    const [deleted, renamed, ...modified] = [...HOSTILE, LONG];
    for (const name of modified) repo.write(name!, 'changed\n');
    repo.git('rm', '-q', '--', deleted!);
    repo.git('mv', '--', renamed!, `${renamed} → moved\n`);
    // An untracked file next to the long one (its directory is tracked, so it is listed by name).
    repo.write(`${LONG_DIR}/${'h'.repeat(80)}`, 'new\n');

    const { code, report } = checkJson(repo);
    expect(code).toBe(1);
    const dirty = findingOf(report, 'dirty-tree');
    expect(sorted(dirty.paths!)).toEqual(sorted([deleted!, `${renamed} → moved\n`, ...modified.map(String)]));
    expect(dirty.message).toContain(`${deleted} (deleted)`);
    expect(dirty.message).toContain(`${renamed} → ${renamed} → moved\n`);
    expect(dirty.message).toMatch(new RegExp(`^${HOSTILE.length + 1} tracked files changed: `));
    expect(findingOf(report, 'untracked-files').paths).toEqual([`${LONG_DIR}/${'h'.repeat(80)}`]);
    expect(report.version.dirty).toBe(true);
  });

  it.runIf(process.platform === 'linux')(
    'names that are not UTF-8 (tracked and untracked) are decoded lossily but counted and reported',
    () => {
      const repo = makeRepo({ version: '1.0.0' });
      const bytes = (...parts: (string | number[])[]) =>
        Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
      // Latin-1 "café" and a lone continuation byte: both invalid UTF-8.
      const tracked = bytes(repo.dir, '/caf', [0xe9], '.txt');
      writeFileSync(tracked, 'v1\n');
      repo.commit('latin-1 name');
      repo.tag('v1.0.0');
      expect(checkJson(repo).code).toBe(0);
      writeFileSync(tracked, 'v2\n');
      writeFileSync(bytes(repo.dir, '/x', [0x80, 0xff], 'y'), 'u');
      writeFileSync(bytes(repo.dir, '/', [0xfe], 'z'), 'u');

      const { code, report } = checkJson(repo);
      expect(code).toBe(1);
      const dirty = findingOf(report, 'dirty-tree');
      expect(dirty.paths).toHaveLength(1);
      expect(dirty.paths![0]).toMatch(/^caf\uFFFD\.txt$/);
      const untracked = findingOf(report, 'untracked-files');
      expect(untracked.paths).toHaveLength(2);
      expect(untracked.message).toMatch(/^2 untracked paths: /);
      for (const p of untracked.paths!) expect(p).toContain('\uFFFD');
      expect(sorted(untracked.paths!.map((p) => p.replace(/\uFFFD+/g, '?')))).toEqual(['?z', 'x?y']);

      // The pretty report survives the same names.
      const pretty = repo.cli(['check']);
      expect(pretty.code).toBe(1);
      expect(pretty.stdout).toContain('dirty-tree');
      expect(pretty.stdout).toContain('untracked-files');
      expect(pretty.stderr).toBe('');
    },
  );

  it('--format github keeps every annotation on one line whatever the file name contains', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.tag('v1.0.0');
    repo.write('evil\n::error title=forged::all good\r\nx,y:z%0A', 'x');
    const r = repo.cli(['check', '--format', 'github']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^::(error|warning) /);
    expect(lines.at(-1)).toMatch(/^stampguard: release check refused/);
    expect(r.stdout).toContain('file=evil\\n%3A%3Aerror title=forged%3A%3Aall good\\r\\nx%2Cy%3Az%250A');
  });

  // A hostile repository can name a file so that the human report prints a fake verdict or
  // terminal escape sequences. git itself quotes such names in its own output (core.quotePath).
  it('the pretty report prints no raw control characters from file names, so a name cannot forge a verdict line', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.tag('v1.0.0');
    const forged = 'x\n✔ stampguard: release check passed\n\x1b[2K\x1b[1A\x07';
    repo.write(forged, 'x');
    const r = repo.cli(['check']); // NO_COLOR=1 (gitEnv): no escape sequences of stampguard's own
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('untracked-files');
    expect(r.stdout.split('\n').filter((line) => line.startsWith('✔'))).toEqual([]);
    // eslint-disable-next-line no-control-regex
    expect(r.stdout).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  });
});

/** An empty file: open and close, ~10× faster here than writeFileSync(file, '') for a new file. */
const touch = (file: string) => closeSync(openSync(file, 'w'));

describe('very many untracked files', () => {
  it('10,000 untracked files in one directory: all in JSON, ten in the message, then "and 9990 more"', () => {
    const repo = makeRepo({ version: '1.0.0', files: { 'bulk/.keep': '' } });
    repo.tag('v1.0.0');
    const dir = path.join(repo.dir, 'bulk');
    for (let i = 0; i < 10_000; i++) touch(path.join(dir, `file-${i}.txt`));

    const { code, report } = checkJson(repo);
    expect(code).toBe(1);
    const untracked = findingOf(report, 'untracked-files');
    expect(untracked.paths).toHaveLength(10_000);
    expect(new Set(untracked.paths).size).toBe(10_000);
    expect(untracked.paths).toContain('bulk/file-9999.txt');
    expect(untracked.message).toMatch(
      /^10000 untracked paths: (bulk\/file-\d+\.txt, ){9}bulk\/file-\d+\.txt and 9990 more$/,
    );

    const pretty = repo.cli(['check']);
    expect(pretty.code).toBe(1);
    const line = pretty.stdout.split('\n').find((l) => l.includes('untracked-files'))!;
    expect(line).toContain('and 9990 more');
    expect(line.split(', ')).toHaveLength(10);
  });

  it('10,000 untracked files spread over 100 tracked directories, plus an untracked directory listed once', () => {
    const files: Record<string, string> = {};
    for (let d = 0; d < 100; d++) files[`dir-${d}/.keep`] = '';
    const repo = makeRepo({ version: '1.0.0', files });
    repo.tag('v1.0.0');
    for (let d = 0; d < 100; d++) {
      const dir = path.join(repo.dir, `dir-${d}`);
      for (let i = 0; i < 100; i++) touch(path.join(dir, `f${i}`));
    }
    // A directory git does not know: one entry ("fresh/"), however many files it holds.
    mkdirSync(path.join(repo.dir, 'fresh/deeper'), { recursive: true });
    for (let i = 0; i < 200; i++) touch(path.join(repo.dir, 'fresh/deeper', `n${i}`));

    const { code, report } = checkJson(repo);
    expect(code).toBe(1);
    const untracked = findingOf(report, 'untracked-files');
    expect(untracked.paths).toHaveLength(10_001);
    expect(untracked.paths).toContain('fresh/');
    expect(untracked.paths).toContain('dir-99/f99');
    expect(untracked.paths!.filter((p) => p.startsWith('fresh/'))).toEqual(['fresh/']);
    expect(untracked.message).toMatch(/^10001 untracked paths: ([^,]+, ){9}[^,]+ and 9991 more$/);
  });
});
