// stampguard/semantic-release inside the real semantic-release (dry-run unless said otherwise),
// against a local bare remote, with the plugin resolved from the packed tarball as users get it.
// The demo (examples/release-tools/semantic-release) runs semantic-release's CLI: a dry run, the
// refusals in both steps and a real release. The tests after it take what the demo does not show;
// their dry runs call semantic-release's JavaScript API in this worker.

import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { type RunResult, tempDir } from '../helpers/git-repo.js';
import { packedInstall } from '../helpers/packed.js';
import { type Project, RECIPE_TIMEOUT, releaseProject, runDemo, runTool, TOOLS, tagsOf, toolEnv } from './helpers.js';

beforeAll(() => {
  packedInstall();
}, 180_000);

const PLUGIN = 'stampguard/semantic-release';
const ANALYZER = '@semantic-release/commit-analyzer';
const NOTES = '@semantic-release/release-notes-generator';
/** Without stampguard: what semantic-release alone does with the same repository. */
const WITHOUT_STAMPGUARD = { plugins: [ANALYZER, NOTES] };

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

/**
 * A project at v1.0.0 (a lightweight tag, as semantic-release makes them) with semantic-release's
 * usual "0.0.0-development" in package.json, and one more commit with `message`, pushed.
 */
function project(
  options: {
    message?: string;
    plugins?: unknown[];
    files?: Record<string, string>;
    releaserc?: Record<string, unknown>;
  } = {},
): Project {
  const p = releaseProject({
    tools: ['semantic-release'],
    packageJson: { name: 'demo', version: '0.0.0-development', private: true },
    files: {
      'README.md': '# demo\n',
      '.releaserc.json': (remoteUrl) =>
        JSON.stringify(
          {
            branches: ['main'],
            repositoryUrl: remoteUrl,
            plugins: options.plugins ?? [PLUGIN, ANALYZER, NOTES],
            ...options.releaserc,
          },
          null,
          2,
        ),
      ...options.files,
    },
  });
  p.repo.tag('v1.0.0');
  p.repo.commit(options.message ?? 'feat: a feature');
  p.repo.git('push', '-q', 'origin', 'main', '--tags');
  return p;
}

const semanticRelease = (p: Project, args: string[] = [], env: NodeJS.ProcessEnv = {}) =>
  runTool(p.repo, 'semantic-release', ['--no-ci', ...args], env);

type Release = (
  options: Record<string, unknown>,
  context: { cwd: string; env: NodeJS.ProcessEnv; stdout: Writable; stderr: Writable },
) => Promise<unknown>;

/**
 * A dry run through semantic-release's JavaScript API, in this worker: what its CLI calls once it
 * has parsed its arguments (`--no-ci --dry-run` is `{ ci: false, dryRun: true }`), with the
 * project as cwd and the same environment. Loading semantic-release is most of what a run costs
 * (~1 s of node on this kind of machine); here it loads once per worker. The plugins these
 * projects use keep no state between runs; @semantic-release/npm does (it verifies once per
 * process), so the projects that use it run the CLI. Code 1 when semantic-release rejects, as the
 * CLI exits; its output is the logger's (the CLI also prints the rejected error's stack).
 */
async function dryRun(p: Project, options: Record<string, unknown> = {}): Promise<RunResult> {
  const url = pathToFileURL(path.join(TOOLS, 'semantic-release/index.js')).href;
  const { default: release } = (await import(url)) as { default: Release };
  const out = { stdout: '', stderr: '' };
  const sink = (key: 'stdout' | 'stderr') =>
    new Writable({
      write(chunk, _encoding, done) {
        out[key] += String(chunk);
        done();
      },
    });
  const context = { cwd: p.repo.dir, env: toolEnv(), stdout: sink('stdout'), stderr: sink('stderr') };
  const code = await release({ ci: false, dryRun: true, ...options }, context).then(
    () => 0,
    () => 1,
  );
  return { code, ...out };
}

describe('stampguard/semantic-release in semantic-release', { timeout: RECIPE_TIMEOUT }, () => {
  it('demo.sh: a dry run passes at 1.0.1, an untracked file is refused in verifyConditions, a real release passes the tag checks before the npm plugin writes the version, a locked gate at 1.1.0 is refused in verifyRelease', () => {
    const r = runDemo('semantic-release');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/ at [0-9a-f]{7}\b/g, ' at <commit>')).toBe(
      [
        '== fix: a dry run passes both steps, at the next version 1.0.1',
        'stampguard: pre-release checks passed on main at <commit>',
        'stampguard: v1.0.1 at <commit> passes the tag checks at version 1.0.1',
        '== an untracked file: refused in verifyConditions',
        'untracked-files 1 untracked path: notes.txt',
        '== the release: tag v1.0.1 pushed, then the npm plugin writes 1.0.1 into package.json',
        'stampguard: pre-release checks passed on main at <commit>',
        'stampguard: v1.0.1 at <commit> passes the tag checks at version 1.0.1',
        'Write version 1.0.1 to package.json',
        'remote has v1.0.1',
        'package.json says 1.0.1',
        '== feat: 1.1.0 reaches the LegacyExport lock, refused in verifyRelease',
        'stampguard: pre-release checks passed on main at <commit>',
        'gate-locked cannot set feature gate LegacyExport to false: LegacyExport is locked to true at emulated version 1.1 (ga since 1.1)',
        '== done',
        '',
      ].join('\n'),
    );
  });

  it('passes a clean repository and logs the next version; loaded from the project; package.json not compared in verifyRelease', async () => {
    const p = project();
    const r = await dryRun(p);
    expect(r.stderr).not.toContain('Failed step');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Loaded plugin "verifyConditions" from "${PLUGIN}"`);
    expect(r.stdout).toContain(`Loaded plugin "verifyRelease" from "${PLUGIN}"`);
    expect(r.stdout).toContain('stampguard: pre-release checks passed on main');
    expect(r.stdout).toContain('The next release version is 1.1.0');
    expect(r.stdout).toContain(
      `stampguard: v1.1.0 at ${p.repo.head().slice(0, 7)} passes the tag checks at version 1.1.0`,
    );
    // semantic-release looks next to itself first, then in the project: only the project has it.
    expect(() => createRequire(path.join(TOOLS, 'semantic-release/package.json')).resolve(PLUGIN)).toThrow();
    const resolved = realpathSync(createRequire(path.join(p.repo.dir, 'package.json')).resolve(PLUGIN));
    expect(resolved.startsWith(realpathSync(packedInstall()))).toBe(true);
    // verifyRelease does not compare package.json with the tag (@semantic-release/npm bumps it
    // later); the control: tag mode itself refuses this tag, because package.json holds the placeholder.
    const cli = p.repo.stampguard(['check', '--mode', 'tag', '--tag', 'v1.1.0']);
    expect(cli.code).toBe(1);
    expect(cli.stdout + cli.stderr).toContain(
      'version-mismatch  package.json has version 0.0.0-development at HEAD, but the tag v1.1.0 says 1.1.0',
    );
  });

  it('a dirty tree stops the release in verifyConditions, naming the files; semantic-release alone would go on', async () => {
    const p = project();
    p.repo.write('README.md', '# demo, edited\n');
    p.repo.write('notes.txt', 'draft\n');
    const control = await dryRun(p, WITHOUT_STAMPGUARD);
    expect(control.code).toBe(0);
    expect(control.stdout).toContain('The next release version is 1.1.0');

    const r = await dryRun(p);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Failed step "verifyConditions" of plugin "${PLUGIN}"`);
    expect(r.stderr).toContain('dirty-tree 1 tracked file changed: README.md');
    expect(r.stderr).toContain('Commit or stash it (git stash) before starting the release.');
    expect(r.stderr).toContain('untracked-files 1 untracked path: notes.txt');
    expect(r.stdout).not.toContain('The next release version');
  });

  it('evaluates the gates at nextRelease.version: a fix (1.0.1) passes, a feature (1.1.0) reaches the lock and is refused in verifyRelease', async () => {
    const p = project({ message: 'fix: a fix', files: { 'stampguard.config.json': GATES_CONFIG } });
    const patch = await dryRun(p);
    expect(patch.stderr).not.toContain('Failed step');
    expect(patch.code).toBe(0);
    expect(patch.stdout).toContain('stampguard: v1.0.1 at');
    expect(patch.stdout).toContain('passes the tag checks at version 1.0.1');

    p.repo.commit('feat: a feature');
    p.repo.git('push', '-q');
    const minor = await dryRun(p);
    expect(minor.code).toBe(1);
    expect(minor.stdout).toContain('stampguard: pre-release checks passed');
    expect(minor.stdout).toContain('The next release version is 1.1.0');
    expect(minor.stderr).toContain(`Failed step "verifyRelease" of plugin "${PLUGIN}"`);
    expect(minor.stderr).toContain(
      'gate-locked cannot set feature gate LegacyExport to false: LegacyExport is locked to true at emulated version 1.1',
    );
    expect(minor.stderr).toContain('Remove LegacyExport from gates.set or set it to true');
  });

  it('refuses a next tag that already exists on another commit, which a dry run alone does not notice', async () => {
    const p = project();
    p.repo.git('switch', '-q', '-c', 'elsewhere');
    const other = p.repo.commit('feat: elsewhere');
    p.repo.tag('v1.1.0');
    p.repo.git('switch', '-q', 'main');
    const control = await dryRun(p, WITHOUT_STAMPGUARD);
    expect(control.code).toBe(0);
    expect(control.stdout).toContain('The next release version is 1.1.0');

    const r = await dryRun(p);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Failed step "verifyRelease" of plugin "${PLUGIN}"`);
    expect(r.stderr).toContain(
      `tag-exists v1.1.0 already exists and points at ${other.slice(0, 7)}, not ${p.repo.head().slice(0, 7)}`,
    );
  });

  it("with the git hooks armed: versionFiles [] for the placeholder version; the tag hook refuses semantic-release's tag over the package.json the npm plugin rewrote, so the release step runs with STAMPGUARD=0", () => {
    const p = releaseProject({
      tools: ['semantic-release'],
      hooks: true,
      packageJson: { name: 'demo', version: '0.0.0-development', private: true },
      files: {
        '.releaserc.json': (remoteUrl) =>
          JSON.stringify({
            branches: ['main'],
            repositoryUrl: remoteUrl,
            plugins: [PLUGIN, ANALYZER, NOTES, ['@semantic-release/npm', { npmPublish: false }]],
          }),
      },
    });
    // The hooks compare every local tag with package.json, which holds a placeholder here...
    const placeholder = p.repo.tryGit(['tag', 'v1.0.0']);
    expect(placeholder.code).not.toBe(0);
    expect(placeholder.stderr).toContain('version-mismatch  package.json has version 0.0.0-development');
    // ...until the configuration says there is no version file to compare.
    const config = JSON.parse(p.repo.read('.stampguardrc.json')) as Record<string, unknown>;
    p.repo.commit('chore: no version files', {
      '.stampguardrc.json': JSON.stringify({ ...config, versionFiles: [] }, null, 2),
    });
    expect(p.repo.tryGit(['tag', 'v1.0.0']).code).toBe(0);
    p.repo.commit('feat: a feature');
    expect(p.repo.tryGit(['push', '-q', 'origin', 'main', '--tags']).code).toBe(0);

    const refused = semanticRelease(p);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('passes the tag checks at version 1.1.0');
    expect(refused.stdout).toContain('Write version 1.1.0 to package.json');
    expect(refused.stderr).toContain(`git tag v1.1.0 ${p.repo.head()}`);
    expect(refused.stderr).toContain('stampguard: tag check refused');
    expect(refused.stderr).toContain('dirty-tree  1 tracked file changed: package.json');
    expect(tagsOf(p.repo)).toEqual(['v1.0.0']);

    p.repo.git('checkout', '--', 'package.json');
    const released = semanticRelease(p, [], { STAMPGUARD: '0' });
    expect(released.stderr).not.toContain('Failed step');
    expect(released.code).toBe(0);
    expect(p.remote.git('tag', '-l').split('\n')).toContain('v1.1.0');
  });
});

describe('plugin options', { timeout: RECIPE_TIMEOUT }, () => {
  it('allow: an allowed finding is logged as ALLOWED and does not refuse', async () => {
    const p = project({ plugins: [[PLUGIN, { allow: ['untracked-files'] }], ANALYZER, NOTES] });
    p.repo.write('notes.txt', 'draft\n');
    const r = await dryRun(p);
    expect(r.stderr).not.toContain('Failed step');
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toContain(
      `stampguard: ALLOWED untracked-files: 1 untracked path: notes.txt (allowed by the plugin's "allow" option`,
    );
  });

  it('a misspelt code in allow stops the release and lists the codes', async () => {
    const p = project({ plugins: [[PLUGIN, { allow: ['untracked'] }], ANALYZER, NOTES] });
    const r = await dryRun(p);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `EINVALIDSTAMPGUARDOPTION The ${PLUGIN} option "allow" must be finding codes (dirty-tree, untracked-files,`,
    );
    expect(r.stderr).toContain('got "untracked"');
  });

  it('config: gates from a configuration file named in the options', async () => {
    const p = project({
      plugins: [[PLUGIN, { config: 'release/stampguard.json' }], ANALYZER, NOTES],
      files: { 'release/stampguard.json': GATES_CONFIG },
    });
    const r = await dryRun(p);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('gate-locked');
  });

  it("a tagFormat stampguard's tagPrefix does not match is refused, not waved through unchecked", async () => {
    const p = project({ releaserc: { tagFormat: 'release-${version}' } });
    p.repo.tag('release-1.0.0', { at: 'v1.0.0' });
    p.repo.git('push', '-q', 'origin', '--tags');
    const r = await dryRun(p);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('The next release version is 1.1.0');
    expect(r.stderr).toContain(
      'tag-not-semver semantic-release is about to create release-1.1.0, which stampguard does not recognise as a release tag',
    );
    expect(r.stderr).toContain('tagFormat');
  });
});

describe('the plugin module, called as semantic-release calls it', { timeout: RECIPE_TIMEOUT }, () => {
  type Plugin = {
    verifyConditions(config: object, context: object): Promise<void>;
    verifyRelease(config: object, context: object): Promise<void>;
  };
  const load = async (): Promise<Plugin> =>
    (await import(path.join(packedInstall(), 'node_modules/stampguard/dist/semantic-release.js'))) as Plugin;
  const logger = () => {
    const lines: string[] = [];
    return { lines, log: (m: string) => lines.push(m), warn: (m: string) => lines.push(`warn: ${m}`) };
  };

  it('cwd: a package in a subdirectory is checked with its own configuration and tag prefix', async () => {
    const plugin = await load();
    const p = releaseProject({
      tools: [],
      packageJson: { name: 'root', private: true },
      files: {
        'packages/api/package.json': JSON.stringify({
          name: '@acme/api',
          version: '1.0.0',
          stampguard: { tagPrefix: '@acme/api@', gates: JSON.parse(GATES_CONFIG).gates },
        }),
      },
    });
    p.repo.tag('@acme/api@1.0.0');
    p.repo.commit('fix(api): something worth a release'); // semantic-release releases commits since the last tag
    const log = logger();
    const context = (version: string) => ({
      cwd: p.repo.dir,
      logger: log,
      nextRelease: { version, gitTag: `@acme/api@${version}`, gitHead: p.repo.head() },
    });
    await plugin.verifyRelease({ cwd: 'packages/api' }, context('1.0.1'));
    expect(log.lines).toContain(
      `stampguard: @acme/api@1.0.1 at ${p.repo.head().slice(0, 7)} passes the tag checks at version 1.0.1`,
    );
    const refused = await plugin.verifyRelease({ cwd: 'packages/api' }, context('1.1.0')).then(
      () => null,
      (e: unknown) => e as AggregateError,
    );
    expect(refused).toBeInstanceOf(AggregateError);
    expect(refused!.errors.map((e: { code: string }) => e.code)).toEqual(['gate-locked']);
    expect(refused!.errors[0]).toMatchObject({ name: 'SemanticReleaseError', semanticRelease: true });
    // Control: from the root, with the root's defaults (no gates, prefix "v"), the same tag is not a release tag.
    await expect(plugin.verifyRelease({}, context('1.1.0'))).rejects.toMatchObject({
      errors: [expect.objectContaining({ code: 'tag-not-semver' })],
    });
  });

  it('could-not-run errors come out as errors semantic-release prints well', async () => {
    const plugin = await load();
    await expect(plugin.verifyConditions({}, { cwd: tempDir() })).rejects.toMatchObject({
      code: 'ESTAMPGUARDGIT',
      semanticRelease: true,
      message: expect.stringContaining('not a git repository'),
    });
    const p = project();
    await expect(plugin.verifyRelease({}, { cwd: p.repo.dir })).rejects.toMatchObject({
      code: 'ESTAMPGUARDCONTEXT',
      semanticRelease: true,
    });
    p.repo.write('broken.json', '{ "tagPrefix": 3 }');
    await expect(plugin.verifyConditions({ config: 'broken.json' }, { cwd: p.repo.dir })).rejects.toMatchObject({
      code: 'ESTAMPGUARDCONFIG',
      semanticRelease: true,
    });
  });
});
