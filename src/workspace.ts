// Workspaces: the packages of an npm, pnpm or Yarn workspace, and which package a tag belongs to.
// A package's release tags are <its tagPrefix><version>: its own configuration's tagPrefix, or,
// without one, "<name>@" as changesets writes them (@acme/web@1.2.3). Other styles (Go modules'
// "web/v1.2.3", "web-v1.2.3") are a tagPrefix in the package's configuration ("web/v", "web-v").
// Read from the work tree: the root package.json's "workspaces" (an array, or { packages }) and
// pnpm-workspace.yaml's "packages".
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { globToRegExp } from './glob.js';
import { loadYaml } from './util/lazy.js';

export interface WorkspacePackage {
  /** The package folder, relative to the repository root ("packages/web"), with "/" separators. */
  dir: string;
  /** package.json's "name", or null. */
  name: string | null;
}

export interface Workspace {
  /** Where the globs came from: "package.json" or "pnpm-workspace.yaml". */
  source: string;
  packages: WorkspacePackage[];
}

/** The workspace at the repository root, or null when the root declares none. */
export async function findWorkspace(root: string): Promise<Workspace | null> {
  const declared = (await pnpmGlobs(root)) ?? npmGlobs(root);
  if (!declared) return null;
  return { source: declared.source, packages: expand(root, declared.globs) };
}

function npmGlobs(root: string): { source: string; globs: string[] } | null {
  const pkg = readJson(path.join(root, 'package.json'));
  const field = pkg?.workspaces;
  const globs = Array.isArray(field) ? field : Array.isArray(field?.packages) ? field.packages : null;
  if (!globs) return null;
  return { source: 'package.json', globs: globs.filter((g: unknown): g is string => typeof g === 'string') };
}

async function pnpmGlobs(root: string): Promise<{ source: string; globs: string[] } | null> {
  let text: string;
  try {
    text = readFileSync(path.join(root, 'pnpm-workspace.yaml'), 'utf8');
  } catch {
    return null;
  }
  const { parse } = loadYaml();
  const doc = parse(text) as { packages?: unknown } | null;
  const globs = Array.isArray(doc?.packages) ? doc.packages.filter((g): g is string => typeof g === 'string') : [];
  return { source: 'pnpm-workspace.yaml', globs };
}

// biome-ignore lint/suspicious/noExplicitAny: package.json is whatever the file holds
function readJson(file: string): any {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** The folders the globs match that hold a package.json ("!glob" excludes). */
function expand(root: string, globs: readonly string[]): WorkspacePackage[] {
  const include = globs.filter((g) => !g.startsWith('!')).map((g) => globToRegExp(clean(g)));
  const exclude = globs.filter((g) => g.startsWith('!')).map((g) => globToRegExp(clean(g.slice(1))));
  const found: WorkspacePackage[] = [];
  const walk = (rel: string, depth: number) => {
    if (depth > 6) return;
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(path.join(root, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const dir = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (include.some((re) => re.test(dir)) && !exclude.some((re) => re.test(dir))) {
        const pkg = readJson(path.join(root, dir, 'package.json'));
        if (pkg) found.push({ dir, name: typeof pkg.name === 'string' ? pkg.name : null });
      }
      walk(dir, depth + 1);
    }
  };
  walk('', 0);
  return found.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}

/** "./packages/*" and "packages/*\/" are "packages/*". */
function clean(glob: string): string {
  return glob.replace(/^\.\//, '').replace(/\/+$/, '');
}

/** The package a folder (relative to the root) is in, the innermost one. */
export function packageOf(workspace: Workspace, dir: string): WorkspacePackage | null {
  const rel = dir.split(path.sep).join('/');
  let best: WorkspacePackage | null = null;
  for (const pkg of workspace.packages) {
    if ((rel === pkg.dir || rel.startsWith(`${pkg.dir}/`)) && (!best || pkg.dir.length > best.dir.length)) best = pkg;
  }
  return best;
}

/**
 * The package a tag belongs to: the one whose prefix (from `prefixOf`) the tag starts with,
 * followed by a digit; the longest prefix wins (so "@acme/web-api@" beats "@acme/web@").
 */
export function packageOfTag<P>(tag: string, candidates: readonly P[], prefixOf: (pkg: P) => string): P | null {
  let best: { pkg: P; length: number } | null = null;
  for (const pkg of candidates) {
    const prefix = prefixOf(pkg);
    if (prefix === '' || !tag.startsWith(prefix) || !/^[0-9]/.test(tag.slice(prefix.length))) continue;
    if (!best || prefix.length > best.length) best = { pkg, length: prefix.length };
  }
  return best?.pkg ?? null;
}
