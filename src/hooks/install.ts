// The generated hook scripts: how the hooks start stampguard in this checkout (resolved the way the
// package manager installed it), which staged paths need the commit check (from the
// configurations), and the files written into the folder git runs hooks from. `init` and
// `install-hooks` write them; `doctor` regenerates them in memory to see whether they are current.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config/index.js';
import { versionFileEntries } from '../facts/version-files.js';
import { runGit } from '../git/run.js';
import { HOOK_SCRIPT_NAME, hookScript, relevantPathspecs } from './hook-script.js';
import { prefilterScript } from './prefilter.js';
import type { PackageManager } from './project.js';
import type { Runtime } from './shell.js';

/** A file stampguard generates into the hooks folder. */
export interface GeneratedFile {
  /** Absolute path. */
  file: string;
  content: string;
  mode: number;
}

const CLI_ENTRY = 'bin/stampguard.js';

/** Is `file` inside `dir` (or equal to it)? */
export function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** A path for the generated scripts: relative to the root when inside it, so a moved clone keeps working. */
function fromRoot(root: string, file: string): string {
  if (!isInside(file, root)) return file;
  return path.relative(root, file).split(path.sep).join('/');
}

/** This running copy of stampguard's package folder. */
export function ownPackageDir(): string {
  // dist/bin/cli.cjs (the bundle) and dist/hooks/install.js are both two levels below the package.
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
}

/** Where the project's installed stampguard is: node_modules, Yarn Plug'n'Play, or null. */
export function installedPackageDir(root: string): string | null {
  if (existsSync(path.join(root, 'node_modules', 'stampguard', 'package.json')))
    return path.join(root, 'node_modules', 'stampguard');
  const pnp = path.join(root, '.pnp.cjs');
  if (existsSync(pnp)) {
    try {
      // .pnp.cjs exports Yarn's PnP API when required; it resolves without patching this process.
      const api = createRequire(import.meta.url)(pnp) as {
        resolveRequest(request: string, issuer: string): string | null;
      };
      const resolved = api.resolveRequest('stampguard/package.json', `${root}${path.sep}`);
      if (resolved) return path.dirname(resolved);
    } catch {
      // not resolvable through PnP: try node's resolution
    }
  }
  try {
    return path.dirname(createRequire(path.join(root, 'package.json')).resolve('stampguard/package.json'));
  } catch {
    return null;
  }
}

/** How the hooks start stampguard: the project's install, or (not installed) this copy. */
export function resolveRuntime(root: string, manager: PackageManager, node: string | null): Runtime {
  const dir = installedPackageDir(root) ?? ownPackageDir();
  const entry = path.join(dir, CLI_ENTRY);
  const zip = /^(.*?\.zip)[/\\]/.exec(entry)?.[1];
  const pnp = zip !== undefined || manager.pnp;
  const nodeArgs: string[] = [];
  if (pnp) {
    nodeArgs.push('--require', '{root}/.pnp.cjs');
    if (existsSync(path.join(root, '.pnp.loader.mjs')))
      nodeArgs.push('--experimental-loader', '{root}/.pnp.loader.mjs');
  }
  return {
    nodeArgs,
    entry: fromRoot(root, entry),
    probe: fromRoot(root, zip ?? entry),
    node,
    install: manager.install,
  };
}

export interface RelevantPaths {
  /** Version files and gate spec files named by configurations, relative to the root. */
  paths: string[];
  /** The configuration files they came from, relative to the root. */
  configs: string[];
  /** Configurations that could not be read: the commit pre-filter then always runs the check. */
  problems: string[];
}

/**
 * Every configuration in the repository (the root's and each package's), and the files they name.
 * Candidates are found with git (tracked and untracked, not ignored), then loaded as `check` loads
 * them. A JavaScript/TypeScript configuration is not executed when STAMPGUARD_NO_CODE_CONFIG=1.
 */
export async function relevantPaths(root: string, env: NodeJS.ProcessEnv): Promise<RelevantPaths> {
  const result = await runGit(root, [
    'ls-files',
    '-z',
    '--cached',
    '--others',
    '--exclude-standard',
    '--',
    ...relevantPathspecs([]),
  ]).catch(() => null);
  if (result?.code !== 0) {
    return { paths: [], configs: [], problems: ['git ls-files failed: the configuration files could not be listed'] };
  }
  const listed = result.stdout.split('\0').filter(Boolean);
  const dirs = [...new Set(listed.map((f) => path.posix.dirname(f)))].sort();
  const paths = new Set<string>();
  const configs = new Set<string>();
  const problems: string[] = [];
  for (const dir of dirs) {
    const cwd = path.join(root, dir);
    const code = listed.some(
      (f) => path.posix.dirname(f) === dir && /(^|\/)(\.stampguardrc|stampguard\.config)\.(c|m)?(j|t)s$/.test(f),
    );
    if (code && env.STAMPGUARD_NO_CODE_CONFIG === '1') {
      problems.push(
        `${dir === '.' ? '' : `${dir}/`}: a JavaScript configuration, not run (STAMPGUARD_NO_CODE_CONFIG=1)`,
      );
      continue;
    }
    try {
      const config = await loadConfig({ cwd, root });
      if (!config.file) continue;
      const configPath = fromRoot(root, config.file);
      const named: string[] = [];
      if (config.versionFilesListed) named.push(...versionFileEntries(config, root).map((e) => e.repoPath));
      const specs = config.gates?.specsSource;
      if (specs && specs !== 'inline' && path.isAbsolute(specs)) named.push(fromRoot(root, specs));
      for (const p of named) paths.add(p);
      // A package.json configuration changes with every version bump; it is watched only when it names files.
      if (path.basename(config.file) !== 'package.json' || named.length > 0) configs.add(configPath);
    } catch (error) {
      problems.push(`${dir === '.' ? 'the root' : dir}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { paths: [...paths].sort(), configs: [...configs].sort(), problems };
}

/** The files stampguard keeps in the hooks folder `hooksDir` (absolute). */
export async function generatedFiles(options: {
  root: string;
  hooksDir: string;
  /** The pre-filter's file name: reference-transaction, or a name another hook manager's hook execs. */
  prefilterName?: string;
  manager: PackageManager;
  env: NodeJS.ProcessEnv;
  node: string | null;
  proc?: string;
}): Promise<{ files: GeneratedFile[]; problems: string[]; runtime: Runtime }> {
  const runtime = resolveRuntime(options.root, options.manager, options.node);
  const relevant = await relevantPaths(options.root, options.env);
  const prefilterOptions = { runtime, ...(options.proc !== undefined && { proc: options.proc }) };
  const script = hookScript({
    runtime,
    paths: relevant.paths,
    configs: relevant.configs,
    always: relevant.problems.length > 0,
  });
  return {
    runtime,
    problems: relevant.problems,
    files: [
      {
        file: path.join(options.hooksDir, options.prefilterName ?? 'reference-transaction'),
        content: prefilterScript(prefilterOptions),
        mode: 0o755,
      },
      { file: path.join(options.hooksDir, HOOK_SCRIPT_NAME), content: script, mode: 0o755 },
    ],
  };
}

export function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
