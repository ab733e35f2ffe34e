// The changesets recipe with the real @changesets/cli in an npm workspace of three packages:
// `changeset version`, then a guarded `changeset publish` that creates the per-package tags
// (@acme/a@1.1.0). The packages are private, so publish only tags and never needs a registry.
// The demo (examples/release-tools/changesets) shows a refusal and a release; the tests after it,
// the control and the gates.
import { beforeAll, describe, expect, it } from 'vitest';
import { packedInstall } from '../helpers/packed.js';
import { type Project, RECIPE_TIMEOUT, releaseProject, runDemo, runNpm, runTool, tagsOf } from './helpers.js';

beforeAll(() => {
  packedInstall();
}, 180_000);

const ROOT = {
  name: 'acme-workspace',
  private: true,
  workspaces: ['packages/*'],
  scripts: {
    guard: 'stampguard check --mode preflight && npm run guard:tag --workspaces --if-present',
    release: 'npm run guard && changeset publish',
  },
};

// Each package checks its next tag, unless that tag exists already (the package is not being
// released: changesets skips it too).
const GUARD_TAG =
  'git rev-parse -q --verify "refs/tags/$npm_package_name@$npm_package_version" >/dev/null || stampguard check --mode tag --tag "$npm_package_name@$npm_package_version"';

// A gate that is locked on from 1.1: setting it off is fine for 1.0.x releases, not from 1.1.0.
const GATES = {
  specs: {
    LegacyExport: [
      { version: '1.0', stage: 'beta', default: false },
      { version: '1.1', stage: 'ga', default: true, lockToDefault: true },
    ],
  },
  set: { LegacyExport: false },
};

function pkg(name: string, stampguard: Record<string, unknown> = {}): string {
  return `${JSON.stringify(
    {
      name: `@acme/${name}`,
      version: '1.0.0',
      private: true,
      scripts: { 'guard:tag': GUARD_TAG },
      stampguard: { tagPrefix: `@acme/${name}@`, ...stampguard },
    },
    null,
    2,
  )}\n`;
}

const CHANGESETS_CONFIG = JSON.stringify({
  changelog: '@changesets/cli/changelog',
  commit: false,
  access: 'restricted',
  baseBranch: 'main',
  updateInternalDependencies: 'patch',
  privatePackages: { version: true, tag: true },
});

/** The workspace at @acme/{a,b,c}@1.0.0 with a changeset (a: minor, b: patch or `bType`) committed. */
function workspace(options: { bGates?: boolean; bType?: string } = {}): Project {
  const p = releaseProject({
    tools: ['@changesets/cli'],
    packageJson: ROOT,
    files: {
      '.changeset/config.json': CHANGESETS_CONFIG,
      'packages/a/package.json': pkg('a'),
      'packages/b/package.json': pkg('b', options.bGates ? { gates: GATES } : {}),
      'packages/c/package.json': pkg('c'),
    },
  });
  for (const name of ['a', 'b', 'c']) p.repo.git('tag', '-a', `@acme/${name}@1.0.0`, '-m', `@acme/${name}@1.0.0`);
  p.repo.commit('a changeset', {
    '.changeset/brave-cats.md': `---\n"@acme/a": minor\n"@acme/b": ${options.bType ?? 'patch'}\n---\n\nA feature in a, a change in b.\n`,
  });
  p.repo.git('push', '-q', '--follow-tags');
  return p;
}

const NEW_TAGS = ['@acme/a@1.1.0', '@acme/b@1.0.1'];
const OLD_TAGS = ['@acme/a@1.0.0', '@acme/b@1.0.0', '@acme/c@1.0.0'];
const versionAt = (p: Project, rev: string, file: string) =>
  (JSON.parse(p.repo.git('show', `${rev}:${file}`)) as { version: string }).version;

describe('changesets in a workspace, publish guarded by stampguard', { timeout: RECIPE_TIMEOUT }, () => {
  it('demo.sh: the uncommitted bump is refused and nothing tagged; committed, each released package is checked and tagged at the release commit', () => {
    const r = runDemo('changesets');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '== changeset version: a → 1.1.0, b → 1.0.1',
        '== the bump is not committed yet: the guard refuses, nothing is tagged',
        '  ✖ dirty-tree  3 tracked files changed: .changeset/brave-cats.md (deleted), packages/a/package.json, packages/b/package.json',
        '  ✖ untracked-files  2 untracked paths: packages/a/CHANGELOG.md, packages/b/CHANGELOG.md',
        'Details: stampguard explain dirty-tree',
        "== committed: each released package's tag is checked, then changeset publish tags them",
        '✔ stampguard: pre-release check passed',
        '> @acme/a@1.1.0 guard:tag',
        '✔ stampguard: tag check passed',
        '> @acme/b@1.0.1 guard:tag',
        '✔ stampguard: tag check passed',
        '> @acme/c@1.0.0 guard:tag', // its tag exists: not checked again
        '🦋  New tag:  @acme/a@1.1.0',
        '🦋  New tag:  @acme/b@1.0.1',
        '@acme/a@1.1.0 is at HEAD, where packages/a/package.json says 1.1.0',
        '@acme/b@1.0.1 is at HEAD, where packages/b/package.json says 1.0.1',
        ...[...OLD_TAGS, ...NEW_TAGS].sort().map((tag) => `remote has ${tag}`),
        '== done',
        '',
      ].join('\n'),
    );
  });

  it('the version bump not committed yet: the guard refuses and no tag is made; changeset publish alone tags the old commit', () => {
    const p = workspace();
    expect(runTool(p.repo, 'changeset', ['version']).code).toBe(0);
    const r = runNpm(p.repo, ['run', 'release']);
    expect(r.code).not.toBe(0);
    const out = r.stdout + r.stderr;
    expect(out).toContain(
      'dirty-tree  3 tracked files changed: .changeset/brave-cats.md (deleted), packages/a/package.json, packages/b/package.json',
    );
    expect(out).toContain('untracked-files  2 untracked paths: packages/a/CHANGELOG.md, packages/b/CHANGELOG.md');
    expect(tagsOf(p.repo).sort()).toEqual(OLD_TAGS);

    // Control: changesets itself does not look at the tree, and tags a commit whose package.json
    // still says 1.0.0.
    const control = runTool(p.repo, 'changeset', ['publish']);
    expect(control.code).toBe(0);
    expect(tagsOf(p.repo)).toContain('@acme/a@1.1.0');
    expect(versionAt(p, '@acme/a@1.1.0', 'packages/a/package.json')).toBe('1.0.0');
  });

  it("a package's own gates are evaluated at its next version: b at 1.1.0 reaches the lock, and nothing is tagged", () => {
    const p = workspace({ bGates: true, bType: 'minor' });
    expect(runTool(p.repo, 'changeset', ['version']).code).toBe(0);
    p.repo.commit('Version packages');
    const r = runNpm(p.repo, ['run', 'release']);
    expect(r.code).not.toBe(0);
    const out = r.stdout + r.stderr;
    expect(out).toContain('> @acme/b@1.1.0 guard:tag');
    expect(out).toContain('gate-locked');
    expect(out).toContain('LegacyExport');
    expect(out).not.toContain('New tag:');
    expect(tagsOf(p.repo).sort()).toEqual(OLD_TAGS);

    // The same gates at a patch release of b are fine.
    const patch = workspace({ bGates: true });
    expect(runTool(patch.repo, 'changeset', ['version']).code).toBe(0);
    patch.repo.commit('Version packages');
    expect(runNpm(patch.repo, ['run', 'release']).code).toBe(0);
    expect(tagsOf(patch.repo)).toContain('@acme/b@1.0.1');
  });
});
