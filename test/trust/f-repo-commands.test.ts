// Commands the repository configures never run, for every spelling: filter values and driver names
// with unusual characters, a signing program in an unusual path, filters in a submodule's config
// written on the header line or pulled in by [include], lazy fetches of a partial clone; and a read
// never writes: no freshened split index, no temporary file next to a TypeScript configuration.
// Each trap is first shown to fire under plain git.
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  statSync,
  symlinkSync,
  utimesSync,
  watch,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitEnv, makeRepo, Repo, tempDir } from '../helpers/git-repo.js';
import { packedInstall } from '../helpers/packed.js';
import {
  addSubmodule,
  checkJson,
  codes,
  runCliAsyncTimed,
  summary,
  type Trap,
  touchFuture,
  trap,
  ZERO,
} from '../helpers/trust.js';

/** Control: plain `git status` runs the filter on a touched file; then `check` must not. */
function expectFilterFiresOnlyUnderGit(repo: Repo, t: Trap, file: string): void {
  touchFuture(path.join(repo.dir, file));
  repo.tryGit(['status', '--porcelain']);
  expect(t.fired().length, 'control: plain git status runs the filter').toBeGreaterThan(0);
  t.reset();
  touchFuture(path.join(repo.dir, file));
  const r = checkJson(repo);
  expect(t.fired(), `after stampguard check (${summary(r)})`).toEqual([]);
  expect(r.code, summary(r)).toBe(0);
}

describe('F17 unusual characters in filter values, driver names and program paths', () => {
  it('a clean filter whose value contains U+2028 is not run', () => {
    const t = trap();
    const repo = makeRepo({ version: '1.0.0', files: { '.gitattributes': '*.txt filter=ls\n', 'a.txt': 'hello\n' } });
    repo.tag('v1.0.0');
    repo.git('config', 'filter.ls.clean', `${t.script('u2028-value', 'filter')} '\u2028'`);
    expectFilterFiresOnlyUnderGit(repo, t, 'a.txt');
  });

  for (const [label, char] of [
    ['\\f', '\f'],
    ['\\v', '\v'],
    ['U+00A0', '\u00a0'],
  ] as const) {
    it(`a filter driver whose name contains ${label} is not run`, () => {
      const t = trap();
      const driver = `a${char}b`;
      const repo = makeRepo({
        version: '1.0.0',
        files: { '.gitattributes': `*.txt filter=${driver}\n`, 'a.txt': 'hello\n' },
      });
      repo.tag('v1.0.0');
      repo.git('config', `filter.${driver}.clean`, t.script('odd-driver', 'filter'));
      expectFilterFiresOnlyUnderGit(repo, t, 'a.txt');
    });
  }

  it('gpg.program at a path containing U+2028 is not run under requireSignedTag', () => {
    const t = trap();
    const repo = makeRepo({
      version: '1.0.0',
      files: { '.stampguardrc.json': JSON.stringify({ requireSignedTag: true }) },
    });
    // A tag whose message ends in a PGP signature block: git verify-tag hands it to gpg.program.
    const body = `object ${repo.head()}\ntype commit\ntag v1.0.0\ntagger Test <test@example.com> 1700000000 +0000\n\nv1.0.0\n-----BEGIN PGP SIGNATURE-----\niQEzBAABCAAdFiEEfakefakefake\n=abcd\n-----END PGP SIGNATURE-----\n`;
    const oid = execFileSync('git', ['mktag'], { cwd: repo.dir, env: gitEnv(), input: body, encoding: 'utf8' }).trim();
    repo.git('update-ref', 'refs/tags/v1.0.0', oid);
    repo.git('config', 'gpg.program', t.script('gpg-u2028', 'fail', path.join(t.dir, 'bin\u2028dir', 'gpg')));
    const env = { GNUPGHOME: tempDir('stampguard-gnupg-') };
    repo.tryGit(['verify-tag', 'v1.0.0'], env);
    expect(t.fired().length, 'control: git verify-tag runs gpg.program').toBeGreaterThan(0);
    t.reset();
    const r = checkJson(repo, [], { env });
    expect(t.fired(), summary(r)).toEqual([]);
    expect(r.code, summary(r)).toBe(1);
    expect(codes(r.report)).toContain('tag-not-signed');
  });
});

describe("F18 filters in a submodule's own config, however written", () => {
  function submoduleTrap(write: (configFile: string, script: string) => void): void {
    const t = trap();
    const repo = makeRepo({ version: '1.0.0' });
    const sub = addSubmodule(repo, 'sub', { '.gitattributes': '*.txt filter=evil\n', 'lib.txt': 'lib\n' });
    repo.tag('v1.0.0');
    write(path.join(repo.dir, '.git/modules/sub/config'), t.script('submodule-filter', 'filter'));
    touchFuture(path.join(sub.dir, 'lib.txt'));
    repo.tryGit(['status', '--porcelain']);
    expect(t.fired().length, "control: plain git status runs the submodule's filter").toBeGreaterThan(0);
    t.reset();
    touchFuture(path.join(sub.dir, 'lib.txt'));
    const r = checkJson(repo);
    expect(t.fired(), summary(r)).toEqual([]);
    expect(r.code, summary(r)).toBeLessThan(2);
  }

  it('[filter "evil"] clean = … written on the section header line', () => {
    submoduleTrap((config, script) => appendFileSync(config, `[filter "evil"] clean = ${script}\n`));
  });

  it('a filter defined in a file pulled in by [include] path = …', () => {
    submoduleTrap((config, script) => {
      writeFileSync(path.join(path.dirname(config), 'evil.config'), `[filter "evil"]\n\tclean = ${script}\n`);
      appendFileSync(config, '[include]\n\tpath = evil.config\n');
    });
  });
});

describe('F19 a partial clone is never made to fetch', () => {
  /** origin: v1.0.0 (package.json 1.0.0) then v1.1.0 (1.1.0) on HEAD, served with filters allowed. */
  function origin(): string {
    const src = makeRepo({ version: '1.0.0', files: { 'a.txt': 'a\n' } });
    src.tag('v1.0.0');
    src.writePackage('1.1.0');
    src.commit('1.1.0');
    src.tag('v1.1.0');
    const bare = path.join(tempDir(), 'origin.git');
    execFileSync('git', ['clone', '-q', '--bare', src.dir, bare], { env: gitEnv() });
    execFileSync('git', ['config', 'uploadpack.allowFilter', 'true'], { cwd: bare, env: gitEnv() });
    return bare;
  }

  /** A blob:none clone checked out at main (optionally sparse), with a trapped remote.origin.uploadpack. */
  function partialClone(bare: string, t: Trap, sparse: boolean): Repo {
    const dir = path.join(tempDir(), 'clone');
    execFileSync('git', ['clone', '-q', '--filter=blob:none', '--no-checkout', `file://${bare}`, dir], {
      env: gitEnv(),
    });
    const repo = new Repo(dir);
    if (sparse) repo.git('sparse-checkout', 'set', '--no-cone', '/a.txt');
    repo.git('checkout', '-q', 'main');
    const uploadpack = path.join(t.dir, 'uploadpack.sh');
    writeFileSync(uploadpack, `#!/bin/sh\necho "uploadpack $*" >> '${t.marker}'\nexec git-upload-pack "$@"\n`, {
      mode: 0o755,
    });
    repo.git('config', 'remote.origin.uploadpack', uploadpack);
    return repo;
  }

  const packs = (repo: Repo) => readdirSync(path.join(repo.dir, '.git/objects/pack')).sort();

  function expectNoFetch(repo: Repo, t: Trap, r: ReturnType<typeof checkJson>, before: string[]): void {
    expect(t.fired(), summary(r)).toEqual([]);
    expect(packs(repo), 'no new pack').toEqual(before);
    expect(r.code, summary(r)).not.toBe(0);
    expect(`${r.stderr}\n${r.stdout}`, summary(r)).toMatch(/locally|partial clone|promisor/i);
  }

  it('push mode for v1.0.0, whose package.json blob was never fetched: no uploadpack, no pack, says it is not local', () => {
    const bare = origin();
    const t = trap();
    const control = partialClone(bare, t, false);
    control.tryGit(['cat-file', '-p', 'v1.0.0:package.json']);
    expect(t.fired().length, 'control: git lazy-fetches through uploadpack').toBeGreaterThan(0);
    t.reset();

    const repo = partialClone(bare, t, false);
    const before = packs(repo);
    const old = repo.git('rev-parse', 'v1.0.0').trim();
    const r = checkJson(repo, ['--mode', 'push'], { input: `refs/tags/v1.0.0 ${old} refs/tags/v1.0.0 ${ZERO}\n` });
    expectNoFetch(repo, t, r, before);
  });

  it("release check in a sparse partial clone without package.json's blob: no uploadpack, no pack, says it is not local", () => {
    const bare = origin();
    const t = trap();
    const control = partialClone(bare, t, true);
    control.tryGit(['cat-file', '-p', 'HEAD:package.json']);
    expect(t.fired().length, 'control: git lazy-fetches through uploadpack').toBeGreaterThan(0);
    t.reset();

    const repo = partialClone(bare, t, true);
    expect(existsSync(path.join(repo.dir, 'package.json'))).toBe(false);
    const before = packs(repo);
    const r = checkJson(repo);
    expectNoFetch(repo, t, r, before);
  });
});

describe('F20 a split index is read, never freshened', () => {
  it('.git/sharedindex.* keeps its mtime through check, version and the other modes', () => {
    const repo = makeRepo({ version: '1.0.0', files: { 'a.txt': 'a\n' } });
    repo.tag('v1.0.0');
    repo.git('update-index', '--split-index');
    const name = readdirSync(path.join(repo.dir, '.git')).find((f) => f.startsWith('sharedindex.'));
    expect(name).toBeDefined();
    const shared = path.join(repo.dir, '.git', name!);
    const OLD = 1_600_000_000;
    utimesSync(shared, OLD, OLD);
    repo.tryGit(['--no-optional-locks', 'status', '--porcelain']);
    expect(statSync(shared).mtimeMs, 'control: even a read-only git status freshens it').not.toBe(OLD * 1000);

    const bumped: string[] = [];
    for (const args of [
      ['check'],
      ['check', '--json'],
      ['check', '--mode', 'commit'],
      ['check', '--tag', 'v1.0.1'],
      ['version'],
      ['version', '--dev'],
    ]) {
      utimesSync(shared, OLD, OLD);
      const r = repo.cli(args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBeLessThan(2);
      if (statSync(shared).mtimeMs !== OLD * 1000) bumped.push(args.join(' '));
    }
    expect(bumped, 'commands that changed the shared index mtime').toEqual([]);
  });
});

/**
 * A stand-in for the TypeScript compiler in the packed install, with the calls cosmiconfig's
 * TypeScript loader makes; it returns the source unchanged, so the configuration below is written
 * in the common subset of TypeScript and JavaScript. The test is about where files are written,
 * not about compiling.
 */
function typescriptStandIn(repoDir: string): void {
  // The repository's own node_modules: stampguard (and its .bin) from the packed install, and the
  // stand-in, so the shared install is never changed.
  const installed = path.join(packedInstall(), 'node_modules');
  mkdirSync(path.join(repoDir, 'node_modules', '.bin'), { recursive: true });
  symlinkSync(path.join(installed, 'stampguard'), path.join(repoDir, 'node_modules', 'stampguard'));
  symlinkSync('../stampguard/bin/stampguard.js', path.join(repoDir, 'node_modules', '.bin', 'stampguard'));
  const dir = path.join(repoDir, 'node_modules', 'typescript');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'typescript', version: '5.0.0-stand-in', main: 'index.js' }),
  );
  writeFileSync(
    path.join(dir, 'index.js'),
    `const fs = require('node:fs');
module.exports = {
  version: '5.0.0-stand-in',
  ModuleKind: { CommonJS: 1, ES2022: 7, ESNext: 99, Node16: 100, NodeNext: 199 },
  ModuleResolutionKind: { Node10: 2, Node16: 3, NodeNext: 99, Bundler: 100 },
  ScriptTarget: { ES2022: 9, ESNext: 99 },
  sys: { fileExists: (f) => fs.existsSync(f), readFile: (f) => fs.readFileSync(f, 'utf8') },
  findConfigFile: () => undefined,
  readConfigFile: () => ({ config: {} }),
  transpileModule: (input) => ({ outputText: input, diagnostics: [] }),
  transpile: (input) => input,
};
`,
  );
}

describe('F21 a TypeScript configuration leaves no file behind', () => {
  it('no *.mjs ever appears in the work tree during or after check, and the check passes', async () => {
    const repo = makeRepo({
      version: '1.0.0',
      files: { '.gitignore': 'node_modules\n', 'stampguard.config.ts': "export default { untracked: 'error' };\n" },
    });
    typescriptStandIn(repo.dir);
    repo.tag('v1.0.0');
    const seen = new Set<string>();
    const watcher = watch(repo.dir, (_event, file) => {
      if (file) seen.add(String(file));
    });
    const poll = setInterval(() => {
      for (const f of readdirSync(repo.dir)) seen.add(f);
    }, 2);
    try {
      const r = await runCliAsyncTimed(path.join(repo.dir, 'node_modules/.bin/stampguard'), ['check', '--json'], {
        cwd: repo.dir,
        limitMs: 25_000,
      });
      let report = null;
      try {
        report = JSON.parse(r.stdout);
      } catch {
        // reported below
      }
      expect(r.code, `${r.stderr}${r.stdout}`).toBe(0);
      expect(codes(report)).toEqual([]);
    } finally {
      clearInterval(poll);
      watcher.close();
    }
    const temporary = [...seen, ...readdirSync(repo.dir)].filter((f) => f.endsWith('.mjs'));
    expect(temporary).toEqual([]);
  });
});

describe('F19 hooks of the repository never run during a read', () => {
  for (const [label, flag] of [
    ['assume-unchanged', '--assume-unchanged'],
    ['skip-worktree', '--skip-worktree'],
  ] as const) {
    it(`a ${label} entry (read through a private index) does not run post-index-change`, () => {
      const t = trap();
      const repo = makeRepo({ version: '1.0.0', files: { 'a.txt': 'alpha\n' } });
      repo.tag('v1.0.0');
      repo.git('update-index', flag, 'a.txt');
      t.script('post-index-change', 'ok', path.join(repo.dir, '.git/hooks/post-index-change'));
      // Control: plain git runs the hook when it changes the index's flags.
      repo.git('update-index', flag.replace('--', '--no-'), 'a.txt');
      expect(t.fired().length, 'control: git update-index runs post-index-change').toBeGreaterThan(0);
      repo.git('update-index', flag, 'a.txt');
      t.reset();
      const r = checkJson(repo);
      expect(t.fired(), `after stampguard check (${summary(r)})`).toEqual([]);
      expect(r.code, summary(r)).toBe(0);
    });
  }
});
