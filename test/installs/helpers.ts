// Projects installed the way each package manager installs them, without the network: the packed
// stampguard and every package it (and husky) needs are packed from the template install into local
// tarballs, and the project pins each one with the manager's overrides/resolutions; installs run
// offline (pnpm --offline, yarn --offline, Yarn Berry with enableNetwork: false). The package
// managers themselves are devDependencies of stampguard.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { gitEnv, PROJECT_ROOT, Repo, tempDir, toolTmpEnv } from '../helpers/git-repo.js';
import { packedInstall, packedTarball } from '../helpers/packed.js';

export type Manager = 'npm' | 'pnpm' | 'yarn' | 'yarn-berry';
export const MANAGERS: readonly Manager[] = ['npm', 'pnpm', 'yarn', 'yarn-berry'];

const CLI: Record<Exclude<Manager, 'npm'>, string> = {
  pnpm: path.join(PROJECT_ROOT, 'node_modules/pnpm/bin/pnpm.cjs'),
  yarn: path.join(PROJECT_ROOT, 'node_modules/yarn/bin/yarn.js'),
  'yarn-berry': path.join(PROJECT_ROOT, 'node_modules/@yarnpkg/cli-dist/bin/yarn.js'),
};

let tarballs: Record<string, string> | null = null;

/**
 * name → local tarball of every package the template install holds (stampguard: the packed one).
 * Asynchronous, so the test worker stays responsive while npm packs (vitest's RPC gives up on a
 * worker that blocks for a minute).
 */
export async function localTarballs(): Promise<Record<string, string>> {
  // An earlier test file in this worker may have removed its temp dirs, these among them.
  if (tarballs && Object.values(tarballs).every((file) => existsSync(file))) return tarballs;
  const modules = path.join(packedInstall(), 'node_modules');
  const dirs: string[] = [];
  for (const name of readdirSync(modules)) {
    if (name.startsWith('.') || name === 'stampguard') continue;
    if (name.startsWith('@')) for (const sub of readdirSync(path.join(modules, name))) dirs.push(`${name}/${sub}`);
    else dirs.push(name);
  }
  const out = tempDir('stampguard-tarballs-');
  // --ignore-scripts: packing an installed folder must not run its prepack scripts.
  const { stdout } = await promisify(execFile)(
    'npm',
    ['pack', '--ignore-scripts', '--silent', '--pack-destination', out, ...dirs.map((d) => `./${d}`)],
    { cwd: modules, env: gitEnv(), encoding: 'utf8' },
  );
  const made = stdout.trim().split('\n');
  tarballs = Object.fromEntries(dirs.map((d, i) => [d, path.join(out, made[i]!)]));
  tarballs.stampguard = packedTarball();
  return tarballs;
}

function pinned(): Record<string, string> {
  if (!tarballs) throw new Error('call localTarballs() in beforeAll first');
  return tarballs;
}

export interface ManagerRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the package manager in `dir`. */
export function pm(manager: Manager, dir: string, args: string[], env: NodeJS.ProcessEnv = {}): ManagerRun {
  const [cmd, ...pre] = manager === 'npm' ? ['npm'] : [process.execPath, CLI[manager]];
  const r = spawnSync(cmd!, [...pre, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: gitEnv({
      npm_config_loglevel: 'error',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
      YARN_ENABLE_TELEMETRY: '0',
      COREPACK_ENABLE_STRICT: '0',
      ...toolTmpEnv(),
      ...env,
    }),
  });
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

/** Installs the project's dependencies offline, the way the manager does on a clone. */
export function install(manager: Manager, dir: string, env: NodeJS.ProcessEnv = {}): ManagerRun {
  const args = {
    npm: ['install', '--offline', '--no-audit', '--no-fund'],
    pnpm: ['install', '--offline', '--store-dir', path.join(dir, '..', 'pnpm-store')],
    yarn: ['install', '--offline', '--non-interactive', '--cache-folder', path.join(dir, '..', 'yarn-cache')],
    'yarn-berry': ['install'],
  }[manager];
  return pm(manager, dir, args, env);
}

/** Runs the project's stampguard through the manager (npx, pnpm exec, yarn run, yarn). */
export function stampguard(manager: Manager, dir: string, args: string[], env: NodeJS.ProcessEnv = {}): ManagerRun {
  const via = {
    npm: ['exec', '--no', '--', 'stampguard'],
    pnpm: ['exec', 'stampguard'],
    yarn: ['run', '--silent', 'stampguard'],
    'yarn-berry': ['stampguard'],
  }[manager];
  return pm(manager, dir, [...via, ...args], env);
}

/** A `node` first on PATH that counts its starts. */
export function nodeCounter(): { env: NodeJS.ProcessEnv; starts: () => number; reset: () => void } {
  const dir = tempDir();
  const log = path.join(dir, 'starts.log');
  writeFileSync(path.join(dir, 'node'), `#!/bin/sh\necho x >> '${log}'\nexec '${process.execPath}' "$@"\n`);
  chmodSync(path.join(dir, 'node'), 0o755);
  return {
    env: { PATH: `${dir}${path.delimiter}${process.env.PATH}` },
    starts: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0),
    reset: () => writeFileSync(log, ''),
  };
}

export interface ManagerProject {
  repo: Repo;
  manager: Manager;
  run(args: string[], env?: NodeJS.ProcessEnv): ManagerRun;
}

/**
 * A git repository holding an npm package at `version`, with stampguard and husky as
 * devDependencies from local tarballs, installed by `manager`; `init` run through the manager and
 * committed unless init is false.
 */
export function managerProject(
  manager: Manager,
  options: { version?: string; init?: boolean; extra?: Record<string, unknown>; files?: Record<string, string> } = {},
): ManagerProject {
  const parent = tempDir('stampguard-pm-');
  const dir = path.join(parent, 'project');
  mkdirSync(dir);
  execFileSync('git', ['init', '-q', '-b', 'main', dir], { env: gitEnv() });
  const repo = new Repo(dir);
  const pins = pinned();
  // Relative paths, the same in every specifier: yarn classic writes them relative to the project in
  // its lockfile, and a clone next to the project must find the same files.
  const tarballDir = path.join(parent, 'tarballs');
  mkdirSync(tarballDir);
  for (const tarball of Object.values(pins)) symlinkSync(tarball, path.join(tarballDir, path.basename(tarball)));
  const file = (name: string) => `file:../tarballs/${path.basename(pins[name]!)}`;
  const others = Object.fromEntries(Object.keys(pins).map((name) => [name, file(name)]));
  const pkg: Record<string, unknown> = {
    name: 'demo',
    version: options.version ?? '1.0.0',
    private: true,
    devDependencies: { husky: file('husky'), stampguard: file('stampguard') },
    ...(manager === 'npm' && { overrides: others }),
    ...(manager === 'pnpm' && { pnpm: { overrides: others } }),
    ...((manager === 'yarn' || manager === 'yarn-berry') && { resolutions: others }),
    ...(manager === 'yarn-berry' && { packageManager: 'yarn@4.18.1' }),
    ...options.extra,
  };
  repo.write('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
  repo.write('.gitignore', 'node_modules\n.yarn/\n.pnp.*\n');
  if (manager === 'yarn-berry')
    repo.write('.yarnrc.yml', 'enableNetwork: false\nenableGlobalCache: false\nenableTelemetry: false\n');
  for (const [name, content] of Object.entries(options.files ?? {})) repo.write(name, content);
  // The first install of a new project writes its lockfile. Yarn Berry forbids that under CI=true
  // (immutable installs), which is right for a clone and wrong for the developer creating one.
  const installed = install(manager, dir, { HUSKY: '0', YARN_ENABLE_IMMUTABLE_INSTALLS: 'false' });
  if (installed.code !== 0) throw new Error(`${manager} install failed: ${installed.stderr}${installed.stdout}`);
  const project: ManagerProject = { repo, manager, run: (args, env) => stampguard(manager, dir, args, env) };
  if (options.init !== false) {
    const r = project.run(['init']);
    if (r.code !== 0) throw new Error(`stampguard init through ${manager} failed: ${r.stderr}${r.stdout}`);
  }
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'initial');
  return project;
}
