// The reference-transaction pre-filter on its own: which callers and inputs reach node and which
// never do. The hook runs below a stand-in parent whose command line is written into a stand-in
// /proc (the script takes the /proc path as a parameter), or printed by a stand-in `ps` where there
// is no /proc. A stand-in CLI entry records each start, so "node started" is observable; a logging
// `tr` shows whether the exact parse ran at all. Real git callers are in hooks.test.ts.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prefilterScript } from '../../src/hooks/prefilter.js';
import type { Runtime } from '../../src/hooks/shell.js';
import { gitEnv, makeRepo, tempDir } from '../helpers/git-repo.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const Z = '0'.repeat(40);
const TAG = `${Z} ${B} refs/tags/v1.0.0\n`;

interface Setup {
  dir: string;
  proc: string;
  bin: string;
}

/** A work tree (a real repository, so alias lookups work) with the hook, a stand-in CLI and tool stand-ins. */
function setup(options: { runtime?: Partial<Runtime>; ps?: string | null } = {}): Setup {
  const repo = makeRepo();
  const dir = repo.dir;
  const proc = path.join(tempDir(), 'proc');
  mkdirSync(proc);
  const bin = path.join(tempDir(), 'bin');
  mkdirSync(bin);
  writeFileSync(
    path.join(dir, 'fake-cli.cjs'),
    `const fs = require('fs');
fs.writeFileSync('called', process.argv.slice(2).join(' '));
fs.writeFileSync('stdin', fs.readFileSync(0, 'utf8'));
process.exitCode = Number(process.env.FAKE_EXIT || 0);
`,
  );
  const runtime: Runtime = {
    nodeArgs: [],
    entry: 'fake-cli.cjs',
    probe: 'fake-cli.cjs',
    node: null,
    install: 'npm install',
    ...options.runtime,
  };
  writeFileSync(path.join(dir, 'hook'), prefilterScript({ runtime, proc }));
  // tr logs its calls: the exact parse of the command line starts tr, the fast path does not.
  const realTr = spawnSync('sh', ['-c', 'command -v tr'], { encoding: 'utf8' }).stdout.trim();
  writeFileSync(path.join(bin, 'tr'), `#!/bin/sh\necho tr >> "${dir}/tr.log"\nexec ${realTr} "$@"\n`);
  chmodSync(path.join(bin, 'tr'), 0o755);
  if (options.ps !== undefined) {
    // A stand-in ps: BSD-style output for "ps -ww -o args= -p PID", or failing where ps is unusable.
    const body = options.ps === null ? 'exit 1' : `printf '%s\\n' '${options.ps.replace(/'/g, `'\\''`)}'`;
    writeFileSync(path.join(bin, 'ps'), `#!/bin/sh\necho "ps $*" >> "${dir}/ps.log"\n${body}\n`);
    chmodSync(path.join(bin, 'ps'), 0o755);
  }
  return { dir, proc, bin };
}

interface RunOptions {
  /** The parent's argv, written NUL-separated to <proc>/<pid>/cmdline; null: no /proc entry. */
  argv?: string[] | null;
  /** The parent holds this repository's FETCH_HEAD open (a symlink in <proc>/<pid>/fd). */
  fetchHead?: boolean;
  /** cmdline is a directory (unreadable as a file). */
  unreadable?: boolean;
  env?: NodeJS.ProcessEnv;
  path?: string;
}

/** Runs the hook as `sh hook STATE` below a stand-in parent shell (PPID = that shell's $$). */
function run(s: Setup, state: string, input: string, options: RunOptions = {}) {
  for (const f of ['called', 'stdin', 'tr.log', 'ps.log']) rmSync(path.join(s.dir, f), { force: true });
  const parent = `
p="$STAND_IN_PROC/$$"
mkdir -p "$p/fd"
if [ -n "$STAND_IN_UNREADABLE" ]; then mkdir -p "$p/cmdline"; elif [ $# -gt 0 ]; then printf '%s\\0' "$@" > "$p/cmdline"; fi
if [ -n "$STAND_IN_FETCH_HEAD" ]; then : > .git/FETCH_HEAD; ln -s "$PWD/.git/FETCH_HEAD" "$p/fd/3"; fi
sh ./hook "$HOOK_STATE"
code=$?
true
exit $code`;
  const argv = options.argv === undefined ? ['git', 'tag', 'v1.0.0'] : options.argv;
  const r = spawnSync('sh', ['-c', parent, 'parent', ...(argv ?? [])], {
    cwd: s.dir,
    input,
    encoding: 'utf8',
    env: gitEnv({
      ...options.env,
      STAND_IN_PROC: s.proc,
      HOOK_STATE: state,
      PATH: options.path ?? `${s.bin}${path.delimiter}${process.env.PATH}`,
      ...(options.fetchHead && { STAND_IN_FETCH_HEAD: '1' }),
      ...(options.unreadable && { STAND_IN_UNREADABLE: '1' }),
      ...(argv === null && { STAND_IN_NO_ARGS: '1' }),
    }),
  });
  const file = (name: string) =>
    existsSync(path.join(s.dir, name)) ? readFileSync(path.join(s.dir, name), 'utf8') : null;
  return {
    code: r.status,
    stderr: r.stderr,
    called: file('called') !== null,
    args: file('called'),
    stdin: file('stdin'),
    parsed: file('tr.log') !== null,
    ps: file('ps.log'),
  };
}

describe('reference-transaction pre-filter: states and input', () => {
  it('starts the guard for a tag creation in the prepared state with the tag line, and passes its refusal on', () => {
    const s = setup();
    const r = run(s, 'prepared', `${Z} ${A} refs/heads/main\n${TAG}`);
    expect(r).toMatchObject({ code: 0, called: true, args: 'hook reference-transaction prepared' });
    expect(r.stdin).toBe(TAG);
    expect(run(s, 'prepared', TAG, { env: { FAKE_EXIT: '1' } })).toMatchObject({ code: 1, called: true });
  });

  it.each([
    ['committed', TAG],
    ['aborted', TAG],
    ['preparing', TAG], // a state newer git adds
    ['prepared', `${A} ${B} refs/heads/main\n`], // a commit
    ['prepared', `${A} ${Z} refs/tags/v1.0.0\n`], // a deletion
    ['prepared', `${Z} ${Z} refs/tags/v1.0.0\n`], // git tag -d on 2.39
    ['prepared', `${A} ${A} refs/tags/v1.0.0\n`], // nothing changes
    ['prepared', 'ref:refs/heads/a ref:refs/heads/b HEAD\n'], // symref shape of newer git
    ['prepared', ''],
    ['prepared', 'garbage without spaces\n\n\n'],
  ])('never starts node for state %s with %j', (state, input) => {
    expect(run(setup(), state, input)).toMatchObject({ code: 0, called: false });
  });

  it('honours HUSKY=0 silently and STAMPGUARD=0 with a notice', () => {
    const s = setup();
    expect(run(s, 'prepared', TAG, { env: { HUSKY: '0' } })).toMatchObject({ code: 0, called: false, stderr: '' });
    const skipped = run(s, 'prepared', TAG, { env: { STAMPGUARD: '0' } });
    expect(skipped).toMatchObject({ code: 0, called: false });
    expect(skipped.stderr).toContain('STAMPGUARD=0');
    // A commit under STAMPGUARD=0 says nothing: there was nothing to skip.
    expect(run(s, 'prepared', `${A} ${B} refs/heads/main\n`, { env: { STAMPGUARD: '0' } }).stderr).toBe('');
  });

  it('lets the update through with one line when stampguard is no longer installed', () => {
    const s = setup({ runtime: { probe: 'node_modules/stampguard/bin/stampguard.js' } });
    const r = run(s, 'prepared', TAG);
    expect(r).toMatchObject({ code: 0, called: false });
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('not installed');
    expect(r.stderr).toContain('npx stampguard uninstall');
  });

  it('refuses with one clear line when no node can be found, and uses the install-time node when given', () => {
    const s = setup();
    // A PATH with the tools the hook uses but no node.
    const tools = path.join(tempDir(), 'tools');
    mkdirSync(tools);
    for (const tool of ['git', 'tr', 'grep', 'cat', 'sh', 'mkdir', 'ln', 'printf']) {
      const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
      if (found.startsWith('/'))
        writeFileSync(path.join(tools, tool), `#!/bin/sh\nexec ${found} "$@"\n`, { mode: 0o755 });
    }
    const home = tempDir();
    const r = run(s, 'prepared', TAG, {
      path: tools,
      env: { HOME: home, XDG_CONFIG_HOME: path.join(home, '.config') },
    });
    expect(r).toMatchObject({ code: 1, called: false });
    expect(r.stderr).toContain('node is not on PATH');
    expect(r.stderr).toContain('init.sh');
    expect(r.stderr).not.toContain('not found');
    // husky's init.sh is where users put PATH for GUI clients: it is honoured.
    mkdirSync(path.join(home, '.config', 'husky'), { recursive: true });
    writeFileSync(path.join(home, '.config', 'husky', 'init.sh'), `PATH="${path.dirname(process.execPath)}:$PATH"\n`);
    expect(
      run(s, 'prepared', TAG, { path: tools, env: { HOME: home, XDG_CONFIG_HOME: path.join(home, '.config') } }),
    ).toMatchObject({ code: 0, called: true });
    const withNode = setup({ runtime: { node: process.execPath } });
    expect(run(withNode, 'prepared', TAG, { path: tools, env: { HOME: tempDir() } })).toMatchObject({
      code: 0,
      called: true,
    });
  });

  it('reads a long transaction in one linear pass and finds a tag at its end', () => {
    const s = setup();
    const heads = Array.from({ length: 100_000 }, (_, i) => `${Z} ${A} refs/heads/b${i}\n`).join('');
    const started = Date.now();
    expect(run(s, 'prepared', heads)).toMatchObject({ code: 0, called: false });
    const withTag = run(s, 'prepared', `${heads}${TAG}${A} ${Z} refs/tags/gone\n`);
    expect(withTag).toMatchObject({ code: 0, called: true });
    expect(withTag.stdin).toBe(TAG);
    // Generous: it does not hang or go quadratic (the shell alone took over 20 s for the first run).
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe('reference-transaction pre-filter: the git command, never words in its arguments', () => {
  it.each([
    [['git', 'tag', '-a', 'v9.2.0', '-m', 'Merge pull request #42']],
    [['git', 'tag', '-a', 'v1.1.0', '-m', 'Fix fetch timeout']],
    [['git', 'tag', 'v1.1.0', 'fetch']],
    [['git', 'tag', '-a', 'v1.1.0', '-m', 'gc pack-refs clone remote pull']],
    [['git', '-c', 'x.y=1', '-C', '.', '--no-pager', 'tag', 'v1.2.0']],
    [['git', '--git-dir=.git', '--work-tree=.', 'tag', 'v1.2.0']],
    [['git', '--git-dir', '.git', 'tag', 'fetch']],
    [['git', '-c', 'x.y=1\nfetch', 'tag', 'v1.2.0']], // a newline inside a value is not a separator
    [['git', '-C', '', 'tag', 'fetch']], // an empty argument keeps its place
    [['git', '--an-option-from-a-newer-git', 'fetch']], // cannot tell: checked
    [['git-tag', 'v1.2.0']], // the dashed form: the command is in argv[0]
    [['/usr/lib/git-core/git', 'update-ref', 'refs/tags/v1.2.0', 'HEAD']],
    [['git', 'commit', '-m', 'fetch']],
    [['npm', 'version', 'patch', '-m', 'Release %s: fix pull handling']],
  ])('checks the tags of %j', (argv) => {
    const r = run(setup(), 'prepared', TAG, { argv });
    expect(r).toMatchObject({ code: 0, called: true });
  });

  it.each([
    [['git', 'fetch', 'origin']],
    [['git', 'fetch', '-q', '--no-tags', 'origin', 'refs/tags/v2.*:refs/tags/v2.*']],
    [['/usr/lib/git-core/git', 'fetch', '--update-head-ok']], // the fetch git pull starts
    [['git', '-c', 'fetch.prune=true', '--no-pager', 'fetch']],
    [['git', '--git-dir', '.git', '--work-tree=.', 'pull']],
    [['git', 'clone', 'x', 'y']],
    [['git', 'pack-refs', '--all', '--prune']],
    [['git', 'gc', '--auto']],
    [['git', 'maintenance', 'run']],
    [['git', 'remote', 'update']],
    [['git-receive-pack', '/srv/repo.git']],
    [['git.exe', 'fetch']],
    [['git', 'fast-import', '--quiet']],
  ])('lets the tags of %j through', (argv) => {
    const r = run(setup(), 'prepared', TAG, { argv });
    expect(r).toMatchObject({ code: 0, called: false });
  });

  it('decides a passing command before reading the input', () => {
    const s = setup();
    // A huge transaction from pack-refs: nothing is read, so it returns at once.
    const lines = Array.from({ length: 200_000 }, (_, i) => `${Z} ${A} refs/tags/t${i}\n`).join('');
    const started = Date.now();
    expect(run(s, 'prepared', lines, { argv: ['git', 'pack-refs', '--all'] })).toMatchObject({
      code: 0,
      called: false,
    });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('recognises a fetch that holds FETCH_HEAD open without starting a process, and only a fetch', () => {
    const s = setup();
    const fast = run(s, 'prepared', TAG, { argv: ['git', 'fetch', 'origin'], fetchHead: true });
    expect(fast).toMatchObject({ code: 0, called: false, parsed: false });
    // The same fetch without FETCH_HEAD open (git fetch --no-write-fetch-head) takes the exact parse.
    expect(run(s, 'prepared', TAG, { argv: ['git', 'fetch', 'origin'] })).toMatchObject({
      called: false,
      parsed: true,
    });
    // FETCH_HEAD open is not enough by itself: a tag command holding it is still checked.
    expect(run(s, 'prepared', TAG, { argv: ['git', 'tag', 'v1.0.0'], fetchHead: true })).toMatchObject({
      called: true,
      parsed: true,
    });
  });

  it('resolves aliases as git does, including ones set with -c', () => {
    const s = setup();
    const repo = (...args: string[]) => spawnSync('git', args, { cwd: s.dir, env: gitEnv() });
    repo('config', 'alias.t', 'tag');
    repo('config', 'alias.f', 'fetch --prune');
    repo('config', 'alias.pf', '-p f'); // an alias of an alias, with an option git allows there
    repo('config', 'alias.sh-fetch', '!git fetch'); // a shell alias runs another git: checked
    repo('config', 'alias.loop1', 'loop2');
    repo('config', 'alias.loop2', 'loop1');
    repo('config', 'alias.quoted', '"fetch"');
    expect(run(s, 'prepared', TAG, { argv: ['git', 't', 'v1.2.0'] }).called).toBe(true);
    expect(run(s, 'prepared', TAG, { argv: ['git', 'f'] }).called).toBe(false);
    expect(run(s, 'prepared', TAG, { argv: ['git', 'pf'] }).called).toBe(false);
    expect(run(s, 'prepared', TAG, { argv: ['git', 'sh-fetch'] }).called).toBe(true);
    expect(run(s, 'prepared', TAG, { argv: ['git', 'loop1'] }).called).toBe(true);
    expect(run(s, 'prepared', TAG, { argv: ['git', 'quoted'] }).called).toBe(true);
    expect(run(s, 'prepared', TAG, { argv: ['git', 'nosuchalias'] }).called).toBe(true);
    // git passes -c settings to its hooks in GIT_CONFIG_PARAMETERS.
    const viaC = { GIT_CONFIG_PARAMETERS: "'alias.mk'='fetch'" };
    expect(run(s, 'prepared', TAG, { argv: ['git', '-c', 'alias.mk=fetch', 'mk'], env: viaC }).called).toBe(false);
    expect(
      run(s, 'prepared', TAG, {
        argv: ['git', '-c', 'alias.mk=tag', 'mk', 'v1'],
        env: { GIT_CONFIG_PARAMETERS: "'alias.mk'='tag'" },
      }).called,
    ).toBe(true);
  });
});

describe('reference-transaction pre-filter: where /proc cannot tell', () => {
  it('reads the command line from a BSD-style ps when there is no /proc', () => {
    const fetch = setup({ ps: 'git -c fetch.prune=true fetch origin' });
    const r = run(fetch, 'prepared', TAG, { argv: null });
    expect(r).toMatchObject({ code: 0, called: false });
    expect(r.ps).toMatch(/^ps -ww -o args= -p \d+/);
    const tag = setup({ ps: 'git tag -a v1.1.0 -m Fix fetch timeout' });
    expect(run(tag, 'prepared', TAG, { argv: null })).toMatchObject({ code: 0, called: true });
  });

  it('falls back to ps when the /proc entry cannot be read', () => {
    const s = setup({ ps: 'git fetch' });
    const r = run(s, 'prepared', TAG, { argv: ['git', 'tag', 'v1.0.0'], unreadable: true });
    expect(r).toMatchObject({ code: 0, called: false });
    expect(r.ps).not.toBeNull();
  });

  it('lets tags through with one line where neither /proc nor ps can tell; commits stay silent', () => {
    const s = setup({ ps: null });
    const r = run(s, 'prepared', TAG, { argv: null });
    expect(r).toMatchObject({ code: 0, called: false });
    expect(r.stderr).toContain('cannot tell which git command');
    expect(r.stderr).toContain('v1.0.0');
    expect(r.stderr).toContain('pre-push');
    expect(run(s, 'prepared', `${A} ${B} refs/heads/main\n`, { argv: null })).toMatchObject({ stderr: '' });
  });
});
