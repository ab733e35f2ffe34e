// Real temporary git repositories for tests: real git binary, real commits, tags and clones.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runOnThread } from './cli-thread.js';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(PROJECT_ROOT, 'bin/stampguard.js');
/** What BIN loads. */
export const BUNDLE = path.join(PROJECT_ROOT, 'dist/bin/cli.cjs');

const created: string[] = [];

/**
 * A git environment that cannot touch an outer repository or read the user's git config.
 * NODE_EXTRA_CA_CERTS is left out too: Node 20 reads and parses that file at every start, before
 * any code runs (~40 ms on this kind of machine, twice what node takes without it; Node 22 and 24
 * read it at the first TLS connection), and the suite starts some 700 node processes, none of which
 * opens a TLS connection. The one npm install that may fetch what npm's cache lacks (the packed
 * template's, test/helpers/packed.ts) adds `registryEnv()`.
 */
export function gitEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...inherited(),
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: globalConfig(),
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
    NO_COLOR: '1',
    ...extra,
  };
}

let inheritedEnv: NodeJS.ProcessEnv | null = null;
/**
 * The test process's environment without what gitEnv leaves out, read once: no test changes
 * process.env (a test's own variables go in `extra`), and copying it is slow for how often it is
 * done: each variable goes through a native getter (~0.08 ms for the ~70 variables under `npm test`),
 * and gitEnv is called for nearly every one of the suite's ~15,000 processes.
 */
function inherited(): NodeJS.ProcessEnv {
  if (inheritedEnv) return inheritedEnv;
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (
      key.startsWith('GIT_') ||
      key === 'HUSKY' ||
      key === 'STAMPGUARD' ||
      key === 'GITHUB_ACTIONS' ||
      key === 'NODE_EXTRA_CA_CERTS' ||
      // what `npx -p pkg` / `npx -c` pass down: an npm exec in a test would fetch `node@22` for
      // CI's `npx -p node@22 -- npm test` (a user's shell has neither)
      key === 'npm_config_package' ||
      key === 'npm_config_call'
    )
      delete env[key];
  }
  // `npm test` puts node_modules/.bin of this project and of each folder above it first on PATH,
  // where `npm` is the npm a devDependency brought (10.x, for semantic-release) and not the machine's:
  // a user's shell has none of them. (Other node_modules/.bin folders stay: `npx -p node@22` puts
  // its node on PATH that way.)
  const same = (dir: string) => {
    const full = path.resolve(dir);
    return process.platform === 'win32' ? full.toLowerCase() : full;
  };
  const projectBins = new Set<string>();
  for (let dir = PROJECT_ROOT; ; dir = path.dirname(dir)) {
    projectBins.add(same(path.join(dir, 'node_modules', '.bin')));
    if (path.dirname(dir) === dir) break;
  }
  const pathKey = Object.keys(env).find((key) => key.toUpperCase() === 'PATH');
  if (pathKey && env[pathKey])
    env[pathKey] = env[pathKey]
      .split(path.delimiter)
      .filter((dir) => dir === '' || !projectBins.has(same(dir)))
      .join(path.delimiter);
  inheritedEnv = env;
  return env;
}

/** What npm needs to reach the registry as the machine is set up: its extra certificate authorities. */
export function registryEnv(): NodeJS.ProcessEnv {
  const certs = process.env.NODE_EXTRA_CA_CERTS;
  return certs === undefined ? {} : { NODE_EXTRA_CA_CERTS: certs };
}

let globalConfigFile: string | null = null;
function globalConfig(): string {
  // Test files share a worker (vitest isolate: false) and each removes its temp dirs when it ends:
  // a file left behind by an earlier file may be gone.
  if (!globalConfigFile || !existsSync(globalConfigFile)) {
    const dir = mkdtempSync(path.join(tmpdir(), 'stampguard-home-'));
    created.push(dir);
    globalConfigFile = path.join(dir, 'gitconfig');
    // No automatic housekeeping: after every commit, fetch and push, git starts `maintenance run
    // --auto` or `gc --auto`, which in repositories this small only decides there is nothing to do
    // (some 1,200 processes a run). Housekeeping through the hooks is tested by running it.
    writeFileSync(
      globalConfigFile,
      '[user]\n\tname = Test\n\temail = test@example.com\n[commit]\n\tgpgsign = false\n[tag]\n\tgpgsign = false\n[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n[maintenance]\n\tauto = false\n[receive]\n\tautogc = false\n',
    );
  }
  return globalConfigFile;
}

/**
 * TMPDIR for a release tool or package manager run: a folder of the test's own, removed with its
 * other temporary folders. The tools leave empty folders behind in the temporary directory
 * (semantic-release's npm plugin one per run, yarn classic one per `yarn run`).
 */
export function toolTmpEnv(): NodeJS.ProcessEnv {
  return { TMPDIR: tempDir('stampguard-tmp-') };
}

export function tempDir(prefix = 'stampguard-test-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

export function cleanupTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class Repo {
  constructor(readonly dir: string) {}

  git(...args: string[]): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      env: gitEnv(),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  /** git that may fail: returns code and output. */
  tryGit(args: string[], env: NodeJS.ProcessEnv = {}, input?: string): RunResult {
    const r = spawnSync('git', args, {
      cwd: this.dir,
      env: gitEnv(env),
      encoding: 'utf8',
      ...(input !== undefined && { input }),
    });
    return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
  }

  write(file: string, content: string): this {
    const full = path.join(this.dir, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
    return this;
  }

  read(file: string): string {
    return readFileSync(path.join(this.dir, file), 'utf8');
  }

  writePackage(version: string, extra: Record<string, unknown> = {}): this {
    return this.write('package.json', `${JSON.stringify({ name: 'demo', version, ...extra }, null, 2)}\n`);
  }

  commit(message = 'change', files: Record<string, string> = {}): string {
    for (const [file, content] of Object.entries(files)) this.write(file, content);
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.head();
  }

  /** n empty commits on top of HEAD, fast (git fast-import), then the work tree follows. */
  emptyCommits(n: number): string {
    const head = this.head();
    const branch = this.git('symbolic-ref', '--short', 'HEAD').trim();
    let stream = '';
    for (let i = 0; i < n; i++) {
      const msg = `commit ${i + 1}\n`;
      stream += `commit refs/heads/${branch}\ncommitter Test <test@example.com> ${1_700_000_000 + i} +0000\ndata ${msg.length}\n${msg}`;
      stream += i === 0 ? `from ${head}\n\n` : '\n';
    }
    execFileSync('git', ['fast-import', '--quiet', '--force'], { cwd: this.dir, env: gitEnv(), input: stream });
    this.git('reset', '-q', '--soft', branch);
    return this.head();
  }

  tag(name: string, options: { annotated?: boolean; at?: string } = {}): void {
    const args = options.annotated ? ['tag', '-a', '-m', name, '--', name] : ['tag', '--', name];
    if (options.at) args.push(options.at);
    this.git(...args);
  }

  head(): string {
    return headFromFiles(this.dir) ?? this.git('rev-parse', 'HEAD').trim();
  }

  /** Runs the installed bin (node_modules/.bin/stampguard), as a user's scripts and hooks do. */
  stampguard(args: string[], env: NodeJS.ProcessEnv = {}): RunResult {
    const r = spawnSync(path.join(this.dir, 'node_modules/.bin/stampguard'), args, {
      cwd: this.dir,
      env: gitEnv(env),
      encoding: 'utf8',
    });
    return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
  }

  /** Runs the built CLI in this repository. */
  cli(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {}): RunResult {
    return runCli(args, {
      cwd: options.cwd ?? this.dir,
      ...(options.env && { env: options.env }),
      ...(options.input !== undefined && { input: options.input }),
    });
  }
}

/**
 * Runs the built CLI in `cwd`, on the test process's CLI thread (see cli-thread.ts): what it
 * prints and its exit code are what bin/stampguard.js would give. STAMPGUARD_TEST_CLI=process
 * makes every such run a real process.
 */
export function runCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string }): RunResult {
  if (process.env.STAMPGUARD_TEST_CLI === 'process') return runCliProcess(args, options);
  return runOnThread(BUNDLE, args, {
    cwd: options.cwd,
    env: gitEnv(options.env),
    ...(options.input !== undefined && { input: options.input }),
  });
}

/** Runs bin/stampguard.js in a new node process, for what only a process shows. */
export function runCliProcess(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string },
): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: gitEnv(options.env),
    encoding: 'utf8',
    ...(options.input !== undefined && { input: options.input }),
  });
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

/** Like runCli, but asynchronous (for tests that run several processes at once). */
export function runCliAsync(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: gitEnv(options.env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/**
 * HEAD's commit as git wrote it in .git: a detached HEAD, or the branch's loose ref (which git
 * reads before packed-refs). Anything else (a linked worktree, a packed or missing ref, a symbolic
 * ref to a symbolic ref, a bare repository) is null, and git is asked. Saves a process for each of
 * the suite's ~700 commits made through Repo.commit.
 */
function headFromFiles(dir: string): string | null {
  const oid = /^[0-9a-f]{40}$/;
  try {
    const gitDir = path.join(dir, '.git');
    const head = readFileSync(path.join(gitDir, 'HEAD'), 'utf8').trim();
    if (oid.test(head)) return head;
    const ref = /^ref: (refs\/heads\/\S+)$/.exec(head)?.[1];
    if (!ref) return null;
    const target = readFileSync(path.join(gitDir, ref), 'utf8').trim();
    return oid.test(target) ? target : null;
  } catch {
    return null;
  }
}

/** A new repository with one commit (package.json at `version`) on branch main. */
export function makeRepo(options: { version?: string | null; files?: Record<string, string> } = {}): Repo {
  const dir = tempDir();
  execFileSync('git', ['init', '-q', '-b', 'main', dir], { env: gitEnv() });
  const repo = new Repo(dir);
  if (options.version !== null) repo.writePackage(options.version ?? '1.0.0');
  for (const [file, content] of Object.entries(options.files ?? {})) repo.write(file, content);
  repo.commit('initial');
  return repo;
}

/** An empty repository with no commits. */
export function makeEmptyRepo(): Repo {
  const dir = tempDir();
  execFileSync('git', ['init', '-q', '-b', 'main', dir], { env: gitEnv() });
  return new Repo(dir);
}

export function parseJson<T = Record<string, unknown>>(text: string): T {
  return JSON.parse(text) as T;
}
