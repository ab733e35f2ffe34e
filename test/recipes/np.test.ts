// The np recipe with the real np 11: `"preversion": "stampguard check --mode preflight"`, which
// np's `npm version` step runs. Offline: --no-publish (np's registry checks and `npm whoami` run
// only when it publishes), --yolo (no reinstall, no tests), --no-release-draft; the registry is
// pointed at a closed port, so any registry call would fail the test. The demo
// (examples/release-tools/np) shows the refusal and a release; the test after it adds the control.
import { beforeAll, describe, expect, it } from 'vitest';
import { packedInstall } from '../helpers/packed.js';
import { type Project, RECIPE_TIMEOUT, releaseProject, runDemo, runTool, tagsOf } from './helpers.js';

beforeAll(() => {
  packedInstall();
}, 180_000);

const OFFLINE = ['--no-publish', '--yolo', '--no-release-draft'];
const PREVERSION = 'stampguard check --mode preflight';

/** A package at v1.0.0 (released from main only) with one more commit, pushed. */
function project(options: { preversion?: boolean } = {}): Project {
  const p = releaseProject({
    tools: ['np'],
    packageJson: {
      name: 'np-recipe-demo',
      version: '1.0.0',
      ...(options.preversion !== false && { scripts: { preversion: PREVERSION } }),
      stampguard: { branches: ['main'] },
    },
  });
  p.repo.git('tag', '-a', 'v1.0.0', '-m', 'v1.0.0');
  p.repo.commit('a feature');
  p.repo.git('push', '-q', '--follow-tags');
  return p;
}

const np = (p: Project, args: string[]) => runTool(p.repo, 'np', [...args, ...OFFLINE]);
const version = (p: Project) => (JSON.parse(p.repo.read('package.json')) as { version: string }).version;

describe('np with stampguard in preversion', { timeout: RECIPE_TIMEOUT }, () => {
  it('demo.sh: np --any-branch outside "branches" is refused in preversion (nothing bumped), then np minor on main: preversion passes, npm commits and tags v1.1.0, np pushes it', () => {
    const r = runDemo('np');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '== np minor --any-branch on a branch outside "branches": preversion refuses, nothing is bumped',
        '  ✖ branch-not-allowed  the current branch experiment is not one of the release branches (main)',
        'Details: stampguard explain branch-not-allowed',
        '== np minor on main: npm version commits and tags v1.1.0, np pushes',
        `> ${PREVERSION}`,
        'stampguard: pre-release check passed',
        'HEAD is tagged v1.1.0',
        'remote has v1.1.0',
        '== done',
        '',
      ].join('\n'),
    );
  });

  it('np --any-branch from a branch outside "branches" is refused before npm bumps anything; np alone would release it', () => {
    const p = project();
    p.repo.git('switch', '-q', '-c', 'experiment');
    p.repo.commit('an experiment');
    const head = p.repo.head();
    const r = np(p, ['minor', '--any-branch']);
    expect(r.code).not.toBe(0);
    const out = r.stdout + r.stderr;
    expect(out).toContain('branch-not-allowed');
    expect(out).toContain('the current branch experiment is not one of the release branches (main)');
    expect(out).toContain('Command failed with exit code 1: npm version minor');
    expect(p.repo.head()).toBe(head);
    expect(tagsOf(p.repo)).toEqual(['v1.0.0']);
    expect(version(p)).toBe('1.0.0');
    expect(p.repo.git('status', '--porcelain')).toBe('');

    // Control: the same release without the preversion script.
    const control = project({ preversion: false });
    control.repo.git('switch', '-q', '-c', 'experiment');
    control.repo.commit('an experiment');
    expect(np(control, ['minor', '--any-branch']).code).toBe(0);
    expect(control.repo.git('describe', '--exact-match').trim()).toBe('v1.1.0');
  });
});
