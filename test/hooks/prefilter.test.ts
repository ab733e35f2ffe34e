// The reference-transaction pre-filter on its own: which inputs reach node and which never do.
// A stand-in for node_modules/.bin/stampguard records each call, so "node started" is observable.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prefilterScript } from '../../src/hooks/prefilter.js';
import { gitEnv, tempDir } from '../helpers/git-repo.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const Z = '0'.repeat(40);

function setup() {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'hook'), prefilterScript());
  mkdirSync(path.join(dir, 'node_modules/.bin'), { recursive: true });
  const bin = path.join(dir, 'node_modules/.bin/stampguard');
  writeFileSync(bin, '#!/bin/sh\necho "$@" > called\ncat > stdin\nexit "${FAKE_EXIT:-0}"\n');
  chmodSync(bin, 0o755);
  return dir;
}

/** Runs the hook under `sh -e` (as strict as husky runs scripts), optionally below a parent whose command line is `parent`. */
function run(dir: string, state: string, input: string, options: { env?: NodeJS.ProcessEnv; parent?: string } = {}) {
  const hook = `sh -e ./hook ${state}`;
  // The extra "; true" keeps the outer shell alive, so it is the hook's parent process.
  const args = options.parent ? ['-c', `${hook}; code=$?; true; exit $code`, options.parent] : ['-e', './hook', state];
  const r = spawnSync('sh', args, { cwd: dir, input, env: gitEnv(options.env), encoding: 'utf8' });
  const called = existsSync(path.join(dir, 'called'));
  return {
    code: r.status,
    stderr: r.stderr,
    called,
    stdin: called ? readFileSync(path.join(dir, 'stdin'), 'utf8') : null,
  };
}

describe('reference-transaction pre-filter', () => {
  it('starts the guard once for a tag creation in the prepared state, with only the tag lines', () => {
    const dir = setup();
    const r = run(dir, 'prepared', `${Z} ${A} refs/heads/main\n${Z} ${B} refs/tags/v1.0.0\n`);
    expect(r).toMatchObject({ code: 0, called: true });
    expect(readFileSync(path.join(dir, 'called'), 'utf8').trim()).toBe('hook reference-transaction prepared');
    expect(r.stdin).toBe(`${Z} ${B} refs/tags/v1.0.0\n`);
  });

  it('passes a refusal through as its exit code', () => {
    const dir = setup();
    expect(run(dir, 'prepared', `${Z} ${B} refs/tags/v1.0.0\n`, { env: { FAKE_EXIT: '1' } }).code).toBe(1);
  });

  it.each([
    ['committed', `${Z} ${B} refs/tags/v1.0.0\n`],
    ['aborted', `${Z} ${B} refs/tags/v1.0.0\n`],
    ['preparing', `${Z} ${B} refs/tags/v1.0.0\n`], // a state newer git adds
    ['prepared', `${A} ${B} refs/heads/main\n`], // a commit
    ['prepared', `${A} ${Z} refs/tags/v1.0.0\n`], // a deletion
    ['prepared', `${Z} ${Z} refs/tags/v1.0.0\n`], // git tag -d on 2.39
    ['prepared', `ref:refs/heads/a ref:refs/heads/b HEAD\n`], // symref shape of newer git
    ['prepared', ''], // nothing on stdin
    ['prepared', 'garbage without spaces\n\n\n'],
  ])('never starts node for state %s with %j', (state, input) => {
    const dir = setup();
    const r = run(dir, state, input);
    expect(r).toMatchObject({ code: 0, called: false });
  });

  it.each(['fetch', 'pull', 'clone', 'pack-refs', 'gc', 'maintenance', 'remote', 'receive-pack'])(
    'lets tags through when the parent git command is %s',
    (command) => {
      const dir = setup();
      const r = run(dir, 'prepared', `${Z} ${B} refs/tags/v1.0.0\n`, { parent: `git ${command} origin` });
      expect(r).toMatchObject({ code: 0, called: false });
    },
  );

  it('still checks when the parent is git tag', () => {
    const dir = setup();
    expect(run(dir, 'prepared', `${Z} ${B} refs/tags/v1.0.0\n`, { parent: 'git tag v1.0.0' }).called).toBe(true);
  });

  it('honours HUSKY=0 silently and STAMPGUARD=0 with a notice', () => {
    const dir = setup();
    expect(run(dir, 'prepared', `${Z} ${B} refs/tags/v1.0.0\n`, { env: { HUSKY: '0' } })).toMatchObject({
      code: 0,
      called: false,
      stderr: '',
    });
    const skipped = run(dir, 'prepared', `${Z} ${B} refs/tags/v1.0.0\n`, { env: { STAMPGUARD: '0' } });
    expect(skipped).toMatchObject({ code: 0, called: false });
    expect(skipped.stderr).toContain('STAMPGUARD=0');
  });

  it('lets the update through with a notice when stampguard is not installed', () => {
    const dir = setup();
    writeFileSync(path.join(dir, 'node_modules/.bin/stampguard'), '');
    chmodSync(path.join(dir, 'node_modules/.bin/stampguard'), 0o644);
    const r = run(dir, 'prepared', `${Z} ${B} refs/tags/v1.0.0\n`);
    expect(r).toMatchObject({ code: 0, called: false });
    expect(r.stderr).toContain('npm install');
  });

  it('handles 100,000 ref lines without starting node for non-tag refs', () => {
    const dir = setup();
    const lines = Array.from({ length: 100_000 }, (_, i) => `${Z} ${A} refs/heads/b${i}\n`).join('');
    const r = run(dir, 'prepared', lines);
    expect(r).toMatchObject({ code: 0, called: false });
  });
});
