// Projects for the release-tool recipes: a real git repository with a local bare remote, and a
// node_modules as a user's project has it: stampguard and husky from the packed tarball, the release
// tool (a devDependency of this repository, so no registry is needed) linked next to them.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { gitEnv, PROJECT_ROOT, Repo, type RunResult, tempDir, toolTmpEnv } from '../helpers/git-repo.js';
import { packedInstall, packedTarball } from '../helpers/packed.js';

/**
 * A test that runs a release tool several times: about 10 s on an idle machine, several times
 * that on a shared one. A hung tool still fails: every run is killed after 120 s.
 */
export const RECIPE_TIMEOUT = 180_000;

/** Where the release tools are installed: this repository's devDependencies. */
export const TOOLS = path.join(PROJECT_ROOT, 'node_modules');

/** A registry nobody listens on: a release tool that reached for the network would fail the test. */
export const CLOSED_REGISTRY = 'http://127.0.0.1:9/';

/**
 * The environment a release runs in: git isolated as in every test, no update checks, the
 * registry unreachable, and none of the npm_package_* / npm_lifecycle_* variables of an outer
 * `npm test` (a user's shell has none).
 */
export function toolEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = gitEnv({
    NO_UPDATE_NOTIFIER: '1',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_registry: CLOSED_REGISTRY,
    npm_config_fetch_retries: '0', // fail at once instead of retrying for minutes
    ...toolTmpEnv(),
  });
  for (const key of Object.keys(env)) {
    if (/^npm_(package|lifecycle)_/.test(key) || key === 'npm_command' || key === 'INIT_CWD' || key === 'CI')
      delete env[key];
  }
  return { ...env, ...extra };
}

export interface Project {
  repo: Repo;
  /** The bare repository `origin` points at. */
  remote: Repo;
  /** `origin` as a file:// URL (semantic-release's notes generator parses the URL). */
  remoteUrl: string;
}

/**
 * A repository on `main` with one commit ("chore: initial"), pushed to a fresh bare remote with
 * an upstream set. `tools` are package names linked from this repository's node_modules.
 */
export function releaseProject(options: {
  tools: string[];
  packageJson: Record<string, unknown>;
  files?: Record<string, string | ((remoteUrl: string) => string)>;
  /** Run `stampguard init` (husky hooks, the tag pre-filter) before the first commit; an array adds options. */
  hooks?: boolean | string[];
}): Project {
  const dir = tempDir('stampguard-recipe-');
  const bare = path.join(tempDir('stampguard-remote-'), 'remote.git');
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', bare], { env: gitEnv() });
  const remoteUrl = `file://${bare}`;
  execFileSync('git', ['init', '-q', '-b', 'main', dir], { env: gitEnv() });
  const repo = new Repo(dir);
  linkModules(dir, options.tools);
  repo.write('.gitignore', 'node_modules\n');
  repo.write('package.json', `${JSON.stringify(options.packageJson, null, 2)}\n`);
  for (const [file, content] of Object.entries(options.files ?? {}))
    repo.write(file, typeof content === 'function' ? content(remoteUrl) : content);
  if (options.hooks) {
    const r = repo.stampguard(['init', ...(Array.isArray(options.hooks) ? options.hooks : [])]);
    if (r.code !== 0) throw new Error(`stampguard init failed: ${r.stderr}${r.stdout}`);
  }
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'chore: initial');
  repo.git('remote', 'add', 'origin', remoteUrl);
  repo.git('push', '-q', '-u', 'origin', 'main');
  return { repo, remote: new Repo(bare), remoteUrl };
}

/** node_modules with symlinks: stampguard and husky as installed from the tarball, then the tools. */
function linkModules(dir: string, tools: string[]): void {
  const modules = path.join(dir, 'node_modules');
  mkdirSync(path.join(modules, '.bin'), { recursive: true });
  const installed = path.join(packedInstall(), 'node_modules');
  const sources = [
    ...['stampguard', 'husky'].map((name) => ({ name, from: path.join(installed, name) })),
    ...tools.map((name) => ({ name, from: path.join(TOOLS, name) })),
  ];
  for (const { name, from } of sources) {
    mkdirSync(path.dirname(path.join(modules, name)), { recursive: true });
    symlinkSync(from, path.join(modules, name), 'dir');
    const manifest = JSON.parse(readFileSync(path.join(from, 'package.json'), 'utf8')) as {
      name: string;
      bin?: string | Record<string, string>;
    };
    const bins =
      typeof manifest.bin === 'string'
        ? { [manifest.name.replace(/^@[^/]+\//, '')]: manifest.bin }
        : (manifest.bin ?? {});
    for (const [bin, file] of Object.entries(bins))
      symlinkSync(path.join('..', name, file), path.join(modules, '.bin', bin));
  }
}

/** Runs a program from the project's node_modules/.bin (as `npx tool` would), in the project. */
export function runTool(repo: Repo, bin: string, args: string[], env: NodeJS.ProcessEnv = {}): RunResult {
  const r = spawnSync(path.join(repo.dir, 'node_modules/.bin', bin), args, {
    cwd: repo.dir,
    env: toolEnv(env),
    encoding: 'utf8',
    input: '',
    timeout: 120_000,
  });
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs npm in the project. */
export function runNpm(repo: Repo, args: string[], env: NodeJS.ProcessEnv = {}): RunResult {
  const r = spawnSync('npm', args, {
    cwd: repo.dir,
    env: toolEnv({ npm_config_loglevel: 'warn', ...env }),
    encoding: 'utf8',
    input: '',
    timeout: 120_000,
  });
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

export const tagsOf = (repo: Repo): string[] => repo.git('tag', '-l').split('\n').filter(Boolean);

/**
 * Runs examples/release-tools/NAME/demo.sh as a user runs it: stampguard and husky installed with
 * npm (stampguard from the packed tarball, through npm's cache), the release tool from this
 * repository's devDependencies. A demo is its tool's test of the steps it shows, with checks of its
 * own (it stops at the first that fails); the tool's other tests take what the demo does not show.
 */
export function runDemo(name: string): RunResult {
  // The demo installs the tarball and husky@9 as a user does, with --prefer-offline: the template
  // install (packedTarball) has just put every package and manifest that needs in npm's cache, so it
  // reaches no registry, and its node processes start without NODE_EXTRA_CA_CERTS (see gitEnv).
  const env = gitEnv({ STAMPGUARD_PACKAGE: packedTarball(), NO_UPDATE_NOTIFIER: '1', ...toolTmpEnv() });
  for (const key of Object.keys(env))
    if (/^npm_(package|lifecycle)_/.test(key) || key === 'INIT_CWD' || key === 'CI') delete env[key];
  const r = spawnSync('sh', [path.join(PROJECT_ROOT, 'examples/release-tools', name, 'demo.sh')], {
    env,
    encoding: 'utf8',
    timeout: RECIPE_TIMEOUT - 10_000,
  });
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}
