// Version files: where each configured file is in the repository, and the version it holds. The
// text comes from git (a commit's tree or the index), never from the working tree.
import path from 'node:path';
import type { Config } from '../types.js';
import { readVersionValue } from '../version-files/read.js';
import { resolveVersionFile, type VersionFileSpec } from '../version-files/spec.js';
import type { VersionFileFact } from './types.js';

export interface ResolvedVersionFile extends VersionFileSpec {
  /** Relative to the repository root, as git names it. */
  repoPath: string;
}

/** The configured version files, resolved, with their paths relative to the repository root. */
export function versionFileEntries(config: Config, root: string): ResolvedVersionFile[] {
  // Relative to the configuration file; for defaults, or a --config file outside the repository, to
  // the root; for a workspace package without a configuration of its own, to the package.
  const inside = config.file !== null && !path.relative(root, config.file).startsWith('..');
  const configDir = config.baseDir ?? (config.file && inside ? path.dirname(config.file) : root);
  return config.versionFiles.map((entry) => {
    const spec = resolveVersionFile(entry);
    return {
      ...spec,
      repoPath: path.relative(root, path.resolve(configDir, spec.file)).split(path.sep).join('/'),
    };
  });
}

/**
 * The version a file's text holds; null text means the file is absent (or not a file) there.
 * `tagPrefix`: a value that is the tag name itself (Helm's appVersion "v0.19.2" for the tag
 * v0.19.2) stands for the version after the prefix.
 */
export async function parseVersionFile(
  entry: ResolvedVersionFile,
  text: string | null,
  options: { explicit: boolean; tagPrefix: string },
): Promise<VersionFileFact> {
  const fact: VersionFileFact = {
    file: entry.file,
    repoPath: entry.repoPath,
    format: entry.format,
    key: entry.keys[0] ?? null,
    pattern: entry.pattern,
    value: null,
    version: null,
    problem: null,
    detail: null,
    explicit: options.explicit,
  };
  if (text === null) return { ...fact, problem: 'missing' };
  const read = await readVersionValue(entry, text);
  if ('problem' in read) return { ...fact, key: read.key, problem: read.problem, detail: read.detail };
  return { ...fact, key: read.key, value: read.value, version: withoutTagPrefix(read.value, options.tagPrefix) };
}

/** "v0.19.2" → "0.19.2" with the tag prefix "v"; anything else as it is. */
export function withoutTagPrefix(value: string, prefix: string): string {
  return prefix !== '' && value.startsWith(prefix) && /^[0-9]/.test(value.slice(prefix.length))
    ? value.slice(prefix.length)
    : value;
}

/** The version package.json holds (the npm manifest among the version files), or null. */
export function manifestVersion(files: readonly VersionFileFact[]): string | null {
  const manifest = files.find(
    (f) => path.posix.basename(f.repoPath) === 'package.json' && f.format === 'json' && f.key === 'version',
  );
  return manifest?.value ?? null;
}
