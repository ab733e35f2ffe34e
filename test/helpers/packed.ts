// The package as users get it: `npm pack`, installed once into a template project; each test repo
// links that node_modules, so every test runs the real bin through real husky hooks.
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gitEnv, PROJECT_ROOT, Repo, tempDir } from './git-repo.js';

let template: string | null = null;
let tarballPath: string | null = null;

/** The packed tarball (packs and installs on first use). */
export function packedTarball(): string {
  packedInstall();
  return tarballPath!;
}

/** Packs the project and installs the tarball (and husky) into a template folder, once per file. */
export function packedInstall(): string {
  if (template) return template;
  const dir = tempDir('stampguard-pack-');
  const out = execFileSync('npm', ['pack', '--pack-destination', dir, '--silent'], {
    cwd: PROJECT_ROOT,
    env: gitEnv(),
    encoding: 'utf8',
  });
  const tarball = path.join(dir, out.trim().split('\n').pop()!);
  tarballPath = tarball;
  const project = path.join(dir, 'template');
  mkdirSync(project);
  writeFileSync(
    path.join(project, 'package.json'),
    JSON.stringify({ name: 'template', version: '0.0.0', private: true }),
  );
  const huskyVersion = (
    JSON.parse(
      execFileSync('node', ['-p', 'JSON.stringify(require("./node_modules/husky/package.json"))'], {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
      }),
    ) as { version: string }
  ).version;
  execFileSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball, `husky@${huskyVersion}`],
    {
      cwd: project,
      env: gitEnv({ HUSKY: '0' }),
      stdio: 'pipe',
    },
  );
  template = project;
  return project;
}

/** A repository with package.json at `version`, the packed stampguard linked in, and `stampguard init` run. */
export function hookedRepo(options: { version?: string; init?: boolean; files?: Record<string, string> } = {}): Repo {
  const project = packedInstall();
  const dir = tempDir();
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
