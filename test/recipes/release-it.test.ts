// The release-it recipe with the real release-it: stampguard in its `before:init` and `after:bump`
// hooks, and stampguard's own git tag hook guarding the tag release-it creates; `--ci
// --no-npm.publish` against a local bare remote. The demo (examples/release-tools/release-it) shows
// the refusals in both hooks and a release; the tests after it, what it does not show.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/git-repo.js';
import { packedInstall } from '../helpers/packed.js';
import { type Project, RECIPE_TIMEOUT, releaseProject, runDemo, runNpm, tagsOf } from './helpers.js';

beforeAll(() => {
  packedInstall();
}, 180_000);

const RECIPE = {
  git: { commitMessage: 'chore: release v${version}', tagName: 'v${version}' },
  npm: { publish: false },
  github: { release: false },
  hooks: {
    'before:init': 'stampguard check --mode preflight',
    'after:bump': 'stampguard gates --at ${version}',
  },
};

// A gate that is locked on from 1.1: setting it off is fine for 1.0.x releases, not from 1.1.0.
const GATES_CONFIG = JSON.stringify({
  gates: {
    specs: {
      LegacyExport: [
        { version: '1.0', stage: 'beta', default: false },
        { version: '1.1', stage: 'ga', default: true, lockToDefault: true },
      ],
    },
    set: { LegacyExport: false },
  },
});

/** A project at v1.0.0 with one more commit, pushed; `releaseIt` is its .release-it.json. */
function project(options: { releaseIt?: unknown; hooks?: boolean | string[] } = {}): Project {
  const p = releaseProject({
    tools: ['release-it'],
    hooks: options.hooks ?? false,
    packageJson: { name: 'demo', version: '1.0.0', private: true, scripts: { release: 'release-it' } },
    files: {
      '.release-it.json': JSON.stringify(options.releaseIt ?? RECIPE, null, 2),
      'stampguard.config.json': GATES_CONFIG,
    },
  });
  p.repo.git('tag', '-a', 'v1.0.0', '-m', 'v1.0.0');
  p.repo.commit('feat: a feature');
  p.repo.git('push', '-q', '--follow-tags');
  return p;
}

const releaseIt = (p: Project, increment: string, extra: string[] = []) =>
  runNpm(p.repo, ['run', 'release', '--', '--ci', '--increment', increment, '--no-npm.publish', ...extra]);
const version = (p: Project) => (JSON.parse(p.repo.read('package.json')) as { version: string }).version;

/** release-it's configuration without stampguard's hooks, outside the repository (for controls). */
function plainConfig(): string {
  const file = path.join(tempDir(), 'release-it.json');
  writeFileSync(file, JSON.stringify({ ...RECIPE, hooks: {} }));
  return file;
}

/**
 * HEAD once release-it's rollback is done, or after 10 s. release-it rolls back in a process 'exit'
 * handler, which can start its `git reset --hard HEAD~1` but not wait for it: the reset finishes
 * after release-it has exited, usually before the test looks, not always (seen on a busy machine).
 */
function headAfterRollback(p: Project, expected: string): string {
  const deadline = Date.now() + 10_000;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  let head = p.repo.head();
  while (head !== expected && Date.now() < deadline) {
    Atomics.wait(pause, 0, 0, 20);
    head = p.repo.head();
  }
  return head;
}

describe('release-it with stampguard in its hooks', { timeout: RECIPE_TIMEOUT }, () => {
  it('demo.sh: before:init refuses an untracked file, after:bump a locked gate at 1.1.0 (nothing committed or tagged), then a patch release is committed, tagged and pushed', () => {
    const r = runDemo('release-it');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '== an untracked file: before:init refuses, nothing is bumped',
        '  ✖ untracked-files  1 untracked path: notes.txt',
        'Details: stampguard explain untracked-files',
        '== a minor release: after:bump finds LegacyExport locked at 1.1.0; nothing committed or tagged',
        '✔ stampguard check --mode preflight',
        '✖ stampguard gates --at 1.1.0',
        '  LegacyExport=false: locked to true since 1.1',
        '== a patch release: commit, tag v1.0.1 (the tag hook checks it too), push',
        '✔ stampguard check --mode preflight',
        '✔ stampguard gates --at 1.0.1',
        'committed: chore: release v1.0.1',
        'HEAD is tagged v1.0.1',
        'remote has v1.0.1',
        '== done',
        '',
      ].join('\n'),
    );
  });

  it('an untracked file stops release-it in before:init; release-it alone would commit and tag', () => {
    const p = project();
    p.repo.write('notes.txt', 'draft\n');
    const head = p.repo.head();
    const r = releaseIt(p, 'patch');
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain('untracked-files  1 untracked path: notes.txt');
    expect(p.repo.head()).toBe(head);
    expect(tagsOf(p.repo)).toEqual(['v1.0.0']);
    expect(version(p)).toBe('1.0.0');
    expect(p.repo.git('status', '--porcelain')).toBe('?? notes.txt\n');

    // Control: release-it's own clean-tree check looks at tracked files only.
    const control = releaseIt(p, 'patch', ['--config', plainConfig()]);
    expect(control.code).toBe(0);
    expect(tagsOf(p.repo)).toEqual(['v1.0.0', 'v1.0.1']);
  });

  it("stampguard's tag hook guards the tag release-it creates: refused, and release-it rolls its commit back", () => {
    // Only the tag hook: no stampguard in release-it's hooks and no preversion script (init
    // --no-scripts), so release-it gets as far as `git tag`.
    const p = project({ hooks: ['--no-scripts'], releaseIt: { ...RECIPE, hooks: {} } });
    p.repo.write('notes.txt', 'draft\n');
    const head = p.repo.head();
    const r = releaseIt(p, 'patch');
    expect(r.code).not.toBe(0);
    const out = r.stdout + r.stderr;
    expect(out).toContain('✔ Git commit');
    expect(out).toContain('stampguard: tag check refused');
    expect(out).toContain('untracked-files  1 untracked path: notes.txt');
    expect(out).toContain('Rolling back changes');
    expect(headAfterRollback(p, head)).toBe(head);
    expect(tagsOf(p.repo)).toEqual(['v1.0.0']);
    expect(tagsOf(p.remote)).toEqual(['v1.0.0']);
    expect(version(p)).toBe('1.0.0');

    // With the file gone the same release goes through the hooks.
    p.repo.git('clean', '-fdq');
    const ok = releaseIt(p, 'patch');
    expect(ok.code).toBe(0);
    expect(tagsOf(p.remote)).toEqual(['v1.0.0', 'v1.0.1']);
  });

  it("with init's preversion script, release-it's npm version step stops before anything is committed", () => {
    const p = project({ hooks: true, releaseIt: { ...RECIPE, hooks: {} } });
    p.repo.write('notes.txt', 'draft\n');
    const head = p.repo.head();
    const r = releaseIt(p, 'patch');
    expect(r.code).not.toBe(0);
    const out = r.stdout + r.stderr;
    expect(out).toContain('✖ npm version');
    expect(out).toContain('stampguard check --mode preflight');
    expect(out).not.toContain('✔ Git commit');
    expect(p.repo.head()).toBe(head);
    expect(tagsOf(p.repo)).toEqual(['v1.0.0']);
  });
});
