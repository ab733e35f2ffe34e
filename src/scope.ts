// Which configuration applies to what. Outside a workspace: the one configuration found. In a
// workspace (npm, pnpm or Yarn), a tag being created or pushed belongs to the package whose tag
// prefix it carries, and is checked with that package's configuration and version file; commit
// mode classifies every package's staged version; --package DIR checks one package.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, loadStagedConfig, resolveConfig } from './config/index.js';
import { UsageError } from './errors.js';
import type { FactRequest } from './facts/index.js';
import type { Repository } from './git/reader.js';
import type { CheckOptions } from './options.js';
import type { Config } from './types.js';
import { findWorkspace, packageOfTag, type WorkspacePackage } from './workspace.js';

export interface Scope {
  config: Config;
  request: FactRequest;
}

export async function scopesFor(
  options: CheckOptions,
  request: FactRequest,
  cwd: string,
  repo: Repository,
): Promise<Scope[]> {
  if (typeof options.config === 'object') return [{ config: resolveConfig(options.config, null, cwd), request }];
  if (options.package !== undefined) {
    const dir = path.resolve(cwd, options.package);
    const relative = path.relative(repo.root, dir);
    if (relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new UsageError(`--package ${options.package}: ${dir} is not inside the repository ${repo.root}`);
    }
    const name = packageName(dir);
    if (name === undefined) throw new UsageError(`--package ${options.package}: ${dir} has no package.json`);
    return [{ config: packageConfig(dir, name, await configAt(options, request.mode, dir, repo)), request }];
  }
  const config = await configAt(options, request.mode, cwd, repo);
  // A configuration named with --config is the one to use, whatever the tags are.
  if (options.config !== undefined) return [{ config, request }];
  const workspace = request.mode === 'commit' || request.tags.length ? await findWorkspace(repo.root) : null;
  if (!workspace) return [{ config, request }];
  if (request.mode === 'commit') {
    return [
      { config, request: { ...request, stagedManifests: workspace.packages.map((p) => `${p.dir}/package.json`) } },
    ];
  }
  // Each tag to the package whose prefix it carries; the rest to the configuration found at cwd.
  const packages = await Promise.all(
    workspace.packages.map(async (pkg: WorkspacePackage) => {
      const dir = path.join(repo.root, pkg.dir);
      return { pkg, config: packageConfig(dir, pkg.name, await configAt(options, request.mode, dir, repo)) };
    }),
  );
  const groups = new Map<Config, FactRequest['tags'][number][]>();
  for (const wanted of request.tags) {
    const owner = packageOfTag(wanted.tag, packages, (p) => p.config.tagPrefix)?.config ?? config;
    groups.set(owner, [...(groups.get(owner) ?? []), wanted]);
  }
  return [...groups].map(([owner, tags]) => ({ config: owner, request: { ...request, tags } }));
}

/** The configuration found from a folder: as staged in commit mode (the commit's own configuration). */
async function configAt(
  options: CheckOptions,
  mode: FactRequest['mode'],
  cwd: string,
  repo: Repository,
): Promise<Config> {
  const search = {
    cwd,
    root: repo.root,
    ...(typeof options.config === 'string' && { configFile: options.config }),
    ...(options.noCodeConfig !== undefined && { noCodeConfig: options.noCodeConfig }),
  };
  if (mode !== 'commit') return loadConfig(search);
  return loadStagedConfig({
    ...search,
    readStaged: async (repoPath) => (await repo.read.files('', [repoPath])).get(repoPath) ?? null,
  });
}

/**
 * A package's configuration: its own, when the search found one inside the package; otherwise the
 * one found above it, with the package's release tags ("<name>@", as changesets writes them) and
 * the package's own package.json as its version file.
 */
export function packageConfig(dir: string, name: string | null, found: Config): Config {
  if (found.file && isInside(found.file, dir)) return found;
  return {
    ...found,
    tagPrefix: name ? `${name}@` : found.tagPrefix,
    versionFiles: ['package.json'],
    versionFilesListed: false,
    baseDir: dir,
  };
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** package.json's name in a folder: a string, null without one, undefined without a package.json. */
function packageName(dir: string): string | null | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(dir, 'package.json'), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const pkg = JSON.parse(text) as { name?: unknown } | null;
    return typeof pkg?.name === 'string' ? pkg.name : null;
  } catch {
    return null;
  }
}
