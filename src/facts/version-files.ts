// Version files: where each configured file is in the repository, and the version it holds.
import path from 'node:path';
import type { Config } from '../types.js';
import type { VersionFileFact } from './types.js';

/** The configured version files with their paths relative to the repository root. */
export function versionFileEntries(config: Config, root: string): { file: string; repoPath: string }[] {
  // Relative to the configuration file; for defaults, or a --config file outside the repository, to the root.
  const inside = config.file !== null && !path.relative(root, config.file).startsWith('..');
  const configDir = config.file && inside ? path.dirname(config.file) : root;
  return config.versionFiles.map((file) => ({
    file,
    repoPath: path.relative(root, path.resolve(configDir, file)).split(path.sep).join('/'),
  }));
}

/** The "version" of a JSON version file's text; null text means the file is absent. */
export function parseVersionFile(
  file: string,
  repoPath: string,
  text: string | null,
  explicit: boolean,
): VersionFileFact {
  const fact: VersionFileFact = { file, repoPath, version: null, problem: null, explicit };
  if (text === null) return { ...fact, problem: 'missing' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ...fact, problem: 'not-json' };
  }
  const version = json && typeof json === 'object' ? (json as { version?: unknown }).version : undefined;
  if (typeof version !== 'string') return { ...fact, problem: 'no-version' };
  return { ...fact, version };
}
