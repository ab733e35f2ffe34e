// bin/stampguard.js keeps V8's code cache for the bundle in a per-user folder of the temporary
// directory. These tests run the real bin in real processes, each with a TMPDIR of its own, and
// check what a cache must never do: run code other than the file on disk, live in a folder someone
// else can write, break a run when it cannot be written, or touch the repository.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, BUNDLE, cleanupTempDirs, gitEnv, makeRepo, PROJECT_ROOT, tempDir } from './helpers/git-repo.js';

afterEach(cleanupTempDirs);

const uid = process.getuid?.() ?? null;
const folderName = uid === null ? 'stampguard-compile-cache' : `stampguard-compile-cache-${uid}`;

function run(bin: string, args: string[], tmp: string, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? tmp,
    env: gitEnv({ TMPDIR: tmp, TEMP: tmp, TMP: tmp, ...options.env }),
    encoding: 'utf8',
  });
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

/** The cache files in `tmp`'s cache folder, with their modification times. */
function cacheFiles(tmp: string): Map<string, number> {
  const dir = path.join(tmp, folderName);
  const files = new Map<string, number>();
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return files;
  }
  for (const name of names) files.set(name, statSync(path.join(dir, name)).mtimeMs);
  return files;
}

/** A copy of the package's bin and bundle, to edit: node_modules is the project's. */
function packageCopy(): { bin: string; bundle: string } {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'bin'));
  mkdirSync(path.join(dir, 'dist', 'bin'), { recursive: true });
  for (const file of ['package.json', 'bin/stampguard.js', 'bin/package.json', 'dist/bin/cli.cjs'])
    copyFileSync(path.join(PROJECT_ROOT, file), path.join(dir, file));
  symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'junction');
  return { bin: path.join(dir, 'bin/stampguard.js'), bundle: path.join(dir, 'dist/bin/cli.cjs') };
}

describe('the code cache of bin/stampguard.js', () => {
  it('is written once per command into a folder only the user can reach, then used as it is', () => {
    const tmp = tempDir();
    const first = run(BIN, ['--help'], tmp);
    expect(first.code).toBe(0);
    const written = cacheFiles(tmp);
    expect([...written.keys()]).toEqual([expect.stringMatching(/^cli-v\d+\.\d+\.\d+-.*-other\.v8$/)]);
    if (uid !== null) expect(statSync(path.join(tmp, folderName)).mode & 0o777).toBe(0o700);

    // The next run reads it and V8 accepts it: the file is not written again (a rejected cache is).
    const second = run(BIN, ['--help'], tmp);
    expect(second).toEqual(first);
    expect(cacheFiles(tmp)).toEqual(written);

    // Another command has a cache of its own (it compiles other functions).
    expect(run(BIN, ['hook', 'pre-push', 'origin', 'url'], tmp, { cwd: makeRepo().dir }).code).toBe(0);
    expect([...cacheFiles(tmp).keys()].sort()).toEqual(
      [...written.keys(), expect.stringMatching(/-hook-pre-push\.v8$/)].sort(),
    );
  });

  it('a cache V8 rejects is replaced, and the run is right', () => {
    const tmp = tempDir();
    const expected = run(BIN, ['--help'], tmp);
    const [name] = [...cacheFiles(tmp).keys()];
    const file = path.join(tmp, folderName, String(name));
    writeFileSync(file, Buffer.alloc(4096, 7));
    expect(run(BIN, ['--help'], tmp)).toEqual(expected);
    expect(readFileSync(file).equals(Buffer.alloc(4096, 7))).toBe(false);
    expect(run(BIN, ['--help'], tmp)).toEqual(expected);
  });

  it('never runs old code after the bundle changes, even at the same length', () => {
    // Control: V8 checks a cache against the source's length, not its content. Given the cache of
    // one source, it accepts it for another of the same length.
    const source = (word: string) => Module.wrap(`module.exports = '${word}';`);
    const made = new vm.Script(source('before'), { filename: 'a.js' });
    made.runInThisContext();
    const reused = new vm.Script(source('edited'), { filename: 'a.js', cachedData: made.createCachedData() });
    expect(reused.cachedDataRejected).toBe(false);

    const tmp = tempDir();
    const copy = packageCopy();
    const before = run(copy.bin, ['--help'], tmp);
    expect(before.stdout).toContain('stops bad versions before they exist');
    expect(cacheFiles(tmp).size).toBe(1);
    // An edit that keeps the length, as a patch to an installed package may.
    const text = readFileSync(copy.bundle, 'utf8');
    expect(text.split('stops bad versions before they exist').length).toBe(2);
    const edited = text.replace('stops bad versions before they exist', 'STOPS BAD VERSIONS BEFORE THEY EXIST');
    expect(edited.length).toBe(text.length);
    writeFileSync(copy.bundle, edited);
    const after = run(copy.bin, ['--help'], tmp);
    expect(after.stdout).toContain('STOPS BAD VERSIONS BEFORE THEY EXIST');
    expect(after.stdout).not.toContain('stops bad versions before they exist');
    expect(cacheFiles(tmp).size).toBe(2);
  });

  it('loads a code configuration through the cached bundle, on the run that writes it and the one that reads it', () => {
    const repo = makeRepo({ files: { 'stampguard.config.mjs': "export default { branches: ['release-*'] };\n" } });
    repo.tag('v1.0.0');
    const tmp = tempDir();
    for (const round of ['writes', 'reads']) {
      const r = run(BIN, ['check'], tmp, { cwd: repo.dir });
      expect(r.stdout, round).toContain('branch-not-allowed');
      expect(r.code, round).toBe(1);
    }
    expect(cacheFiles(tmp).size).toBe(1);
    expect(repo.git('status', '--porcelain', '--ignored')).toBe('');
  });

  it('is not used in a folder others can write, and is off under NODE_DISABLE_COMPILE_CACHE', () => {
    const tmp = tempDir();
    const expected = run(BIN, ['--help'], tempDir());
    if (uid !== null) {
      mkdirSync(path.join(tmp, folderName));
      chmodSync(path.join(tmp, folderName), 0o777);
      expect(run(BIN, ['--help'], tmp)).toEqual(expected);
      expect(cacheFiles(tmp).size).toBe(0);
      // Control: the same folder made private again is used.
      chmodSync(path.join(tmp, folderName), 0o700);
      expect(run(BIN, ['--help'], tmp)).toEqual(expected);
      expect(cacheFiles(tmp).size).toBe(1);
    }
    const off = tempDir();
    expect(run(BIN, ['--help'], off, { env: { NODE_DISABLE_COMPILE_CACHE: '1' } })).toEqual(expected);
    expect(readdirSync(off)).toEqual([]);
  });

  it('is not kept in a temporary directory inside a git work tree', () => {
    const repo = makeRepo();
    repo.tag('v1.0.0');
    const expected = run(BIN, ['check'], tempDir(), { cwd: repo.dir });
    expect(expected.code).toBe(0);
    for (const inside of [repo.dir, path.join(repo.dir, 'tmp', 'deeper')]) {
      mkdirSync(inside, { recursive: true });
      // Empty folders are no untracked files to git: the check still passes, and nothing is written.
      expect(run(BIN, ['check'], inside, { cwd: repo.dir }), inside).toEqual(expected);
      expect(cacheFiles(inside).size, inside).toBe(0);
    }
    expect(readdirSync(path.join(repo.dir, 'tmp', 'deeper'))).toEqual([]);
  });

  it('a temporary directory that cannot be used costs nothing but the cache', () => {
    const expected = run(BIN, ['--help'], tempDir());
    const missing = path.join(tempDir(), 'does', 'not', 'exist');
    expect(run(BIN, ['--help'], missing, { cwd: PROJECT_ROOT })).toEqual(expected);
    const file = path.join(tempDir(), 'a-file');
    writeFileSync(file, '');
    expect(run(BIN, ['--help'], file, { cwd: PROJECT_ROOT })).toEqual(expected);
    // The folder's name taken by a file.
    const taken = tempDir();
    writeFileSync(path.join(taken, folderName), '');
    expect(run(BIN, ['--help'], taken)).toEqual(expected);
    expect(readFileSync(path.join(taken, folderName), 'utf8')).toBe('');
  });

  it('leaves no import() in the bundle: it would fail under vm.Script', () => {
    // The module hook's source is a string the hooks thread runs, and the message names a type.
    const bundle = readFileSync(BUNDLE, 'utf8');
    const start = bundle.indexOf('HOOK_SOURCE = `');
    const end = bundle.indexOf('`;', start);
    expect(start).toBeGreaterThan(0);
    const outside = `${bundle.slice(0, start)}${bundle.slice(end)}`.replaceAll("{import('stampguard')", '');
    expect(outside.match(/(?<![\w$.])import\(/g)).toBeNull();
    expect(bundle.slice(start, end)).toContain('await import(transformer)');
    // Control: the pattern finds an import() written the way the source wrote it.
    expect('x = await import(href)'.match(/(?<![\w$.])import\(/g)).toHaveLength(1);
  });
});
