// The package as users get it: `npm pack`, installed once into a template project; each test repo
// links that node_modules, so every test runs the real bin through real husky hooks.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gitEnv, PROJECT_ROOT, Repo, registryEnv, tempDir } from './git-repo.js';

let template: string | null = null;
let tarballPath: string | null = null;

/** The packed tarball (packs and installs on first use). */
export function packedTarball(): string {
  packedInstall();
  return tarballPath!;
}

/**
 * What `npm pack` puts in the tarball, hashed: the package.json "files" and the manifest. The
 * installed template is shared by every test file and every run with the same build (a pack and an
 * install cost seconds each), and rebuilt as soon as anything packed changes.
 */
function buildHash(): string {
  const hash = createHash('sha256');
  const pkg = readFileSync(path.join(PROJECT_ROOT, 'package.json'));
  hash.update(pkg);
  const walk = (file: string) => {
    const stat = statSync(file);
    if (stat.isDirectory()) for (const name of readdirSync(file).sort()) walk(path.join(file, name));
    else hash.update(`${path.relative(PROJECT_ROOT, file)}\0`).update(readFileSync(file));
  };
  for (const entry of (JSON.parse(pkg.toString()) as { files: string[] }).files) {
    if (existsSync(path.join(PROJECT_ROOT, entry))) walk(path.join(PROJECT_ROOT, entry));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Packs the project and installs the tarball (and husky) into a template folder, once per build. */
export function packedInstall(): string {
  if (template) return template;
  const shared = path.join(tmpdir(), `stampguard-packed-${buildHash()}`);
  const done = path.join(shared, 'template', 'node_modules', 'stampguard', 'package.json');
  if (!existsSync(done)) buildOnce(shared, done);
  tarballPath = path.join(shared, 'stampguard.tgz');
  template = path.join(shared, 'template');
  return template;
}

/**
 * Test files running at once on the two workers may both need the template: one builds it while
 * the other waits (a pack and an install are seconds of CPU, and building both at once doubled
 * them). The lock is a folder holding the builder's pid; a lock whose process is gone is taken over.
 */
function buildOnce(shared: string, done: string): void {
  const lock = `${shared}.lock`;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (!existsSync(done)) {
    try {
      mkdirSync(lock);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!holderAlive(lock)) rmSync(lock, { recursive: true, force: true });
      else Atomics.wait(pause, 0, 0, 100);
      continue;
    }
    try {
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      if (!existsSync(done)) build(shared);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

function holderAlive(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
  } catch {
    // Just made, its pid not written yet; or left empty by a builder that died at once.
    try {
      return Date.now() - statSync(lock).mtimeMs < 10_000;
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function build(shared: string): void {
  // Built beside the final place and renamed into it, so a half-built template is never used.
  const dir = mkdtempSync(`${shared}-building-`);
  const out = execFileSync('npm', ['pack', '--pack-destination', dir, '--silent'], {
    cwd: PROJECT_ROOT,
    env: gitEnv(),
    encoding: 'utf8',
  });
  const tarball = path.join(dir, out.trim().split('\n').pop()!);
  renameSync(tarball, path.join(dir, 'stampguard.tgz'));
  const project = path.join(dir, 'template');
  mkdirSync(project);
  writeFileSync(
    path.join(project, 'package.json'),
    JSON.stringify({ name: 'template', version: '0.0.0', private: true }),
  );
  const huskyVersion = (
    JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'node_modules/husky/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  execFileSync(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
      path.join(dir, 'stampguard.tgz'),
      `husky@${huskyVersion}`,
    ],
    { cwd: project, env: gitEnv({ HUSKY: '0', ...registryEnv() }), stdio: 'pipe' },
  );
  try {
    renameSync(dir, shared);
  } catch {
    rmSync(dir, { recursive: true, force: true }); // another test run got there first
  }
}

/**
 * A repository with package.json at `version`, the packed stampguard linked in, and `stampguard init`
 * run. An armed repository is built once per build and set of options (init runs husky, and the
 * first commit runs the hooks: ~0.4 s of node processes) and each test gets a copy of it: the
 * same files, .git and hooks, as a clone or a copied folder gives a user.
 */
export function hookedRepo(options: { version?: string; init?: boolean; files?: Record<string, string> } = {}): Repo {
  if (options.init === false) return hookedRepoIn(tempDir(), options);
  return templateRepo(['armed', options.version ?? '1.0.0', Object.entries(options.files ?? {})], (dir) =>
    hookedRepoIn(dir, options),
  );
}

const templates = new Map<string, string>();

/**
 * A copy of the repository `build` makes in an empty folder. It is built once per build of the
 * package and `key` (the builder's source is part of the key, so changing it builds anew), beside
 * the packed install, where every test file and run shares it; each call copies it with its .git
 * and hooks, and refreshes the index's stat data (the copy has new inodes and change times), as
 * git status would.
 */
export function templateRepo(key: unknown, build: (dir: string) => void): Repo {
  const id = createHash('sha256')
    .update(JSON.stringify([key, build.toString(), hookedRepoIn.toString()]))
    .digest('hex')
    .slice(0, 12);
  let template = templates.get(id);
  if (!template || !existsSync(template)) {
    template = path.join(path.dirname(packedInstall()), `repo-${id}`);
    if (!existsSync(path.join(template, '.git', 'HEAD'))) {
      const building = mkdtempSync(`${template}-building-`);
      build(building);
      try {
        renameSync(building, template);
      } catch {
        rmSync(building, { recursive: true, force: true }); // another test file got there first
      }
    }
    templates.set(id, template);
  }
  const dir = tempDir();
  cpSync(template, dir, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
  const repo = new Repo(dir);
  repo.git('update-index', '-q', '--refresh');
  return repo;
}

/** hookedRepo's repository, made in `dir` (an empty folder). */
export function hookedRepoIn(
  dir: string,
  options: { version?: string; init?: boolean; files?: Record<string, string> },
): Repo {
  const project = packedInstall();
  execFileSync('git', ['init', '-q', '-b', 'main', dir], { env: gitEnv() });
  const repo = new Repo(dir);
  symlinkSync(path.join(project, 'node_modules'), path.join(dir, 'node_modules'));
  repo.write('.gitignore', 'node_modules\n');
  repo.writePackage(options.version ?? '1.0.0', { devDependencies: { husky: '^9.1.7' } });
  for (const [file, content] of Object.entries(options.files ?? {})) repo.write(file, content);
  if (options.init !== false) {
    const r = repo.stampguard(['init']);
    if (r.code !== 0) throw new Error(`stampguard init failed: ${r.stderr}${r.stdout}`);
  }
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'initial');
  return repo;
}
