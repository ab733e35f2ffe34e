// Loading the configuration: an explicit file (--config) and nothing else, or the nearest one the
// search finds; a code configuration runs only when code configurations are allowed; the result
// is validated by resolveConfig and names its file (Config.file, absolute; null for the defaults).
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONFIG, resolveConfig } from '../config.js';
import { ConfigError, UsageError } from '../errors.js';
import type { Config } from '../types.js';
import { loadCodeFile } from './code.js';
import { readRegularFile } from './file.js';
import { formatOf, parseData } from './parse.js';
import { type Found, searchConfig } from './search.js';

export interface LoadConfigOptions {
  /** Where the search starts (the user's directory); a relative configFile is relative to it. */
  cwd: string;
  /** The repository root: the search never goes above it. */
  root: string;
  /** An explicit file (--config): that file and nothing else, inside the repository or not. */
  configFile?: string;
  /** Refuse a JavaScript or TypeScript configuration (exit 2) instead of running it. */
  noCodeConfig?: boolean;
}

/** The environment variable that does what --no-code-config does, for hooks and CI. */
export const NO_CODE_CONFIG_ENV = 'STAMPGUARD_NO_CODE_CONFIG';

/** Finds and validates the configuration; the defaults when there is none. */
export async function loadConfig(options: LoadConfigOptions): Promise<Config> {
  const refuseCode = codeConfigRefused(options.noCodeConfig);
  for await (const found of candidates(options)) {
    const raw = await rawConfigOf(found, refuseCode);
    if (raw === undefined || raw === null) {
      if (options.configFile !== undefined) return defaults(found.file); // chosen, and empty
      continue;
    }
    return resolveConfig(raw, found.file, path.dirname(found.file));
  }
  return defaults(null);
}

/** Is running a code configuration refused? The option, or STAMPGUARD_NO_CODE_CONFIG=1. */
export function codeConfigRefused(option: boolean | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = env[NO_CODE_CONFIG_ENV];
  let fromEnv = false;
  if (raw !== undefined) {
    const value = raw.trim().toLowerCase();
    if (value === '1' || value === 'true') fromEnv = true;
    else if (value !== '0' && value !== 'false' && value !== '') {
      throw new UsageError(
        `${NO_CODE_CONFIG_ENV} must be 1 or 0 (true, false and empty are accepted too), got ${JSON.stringify(raw)}`,
      );
    }
  }
  return option === true || fromEnv;
}

/** The explicit file, or the search's candidates in order. */
export async function* candidates(options: LoadConfigOptions): AsyncGenerator<Found> {
  if (options.configFile === undefined) {
    yield* searchConfig(options.cwd, options.root);
    return;
  }
  yield await explicitFile(realDirOf(path.resolve(options.cwd, options.configFile)));
}

async function explicitFile(file: string): Promise<Found> {
  const format = formatOf(file);
  if (format === null) {
    throw new ConfigError(
      `cannot read configuration file ${file}: stampguard reads .json, .jsonc, .yaml, .yml, .js, .mjs, .cjs and .ts files (and package.json's "stampguard" key), not "${path.extname(file)}"`,
      { file },
    );
  }
  const text = readRegularFile(file);
  if (text === null) throw new ConfigError(`cannot read configuration file ${file}: it does not exist`, { file });
  if (format === 'code') return { file, format };
  const value = await parseData(file, text, format);
  if (format === 'package' && value === undefined) {
    throw new ConfigError(`${file} has no "stampguard" key; put the configuration there, or name another file`, {
      file,
    });
  }
  return { file, format: 'data', value };
}

/** The raw configuration a candidate holds, running a code file only when that is allowed. */
export async function rawConfigOf(found: Found, refuseCode: boolean): Promise<unknown> {
  if (found.format === 'data') return found.value;
  if (refuseCode) throw codeRefused(found.file);
  return unwrapDefault(await loadCodeFile(found.file));
}

function codeRefused(file: string): ConfigError {
  return new ConfigError(
    `${file} is a code configuration (JavaScript or TypeScript), and code configurations are not run under ` +
      `--no-code-config or ${NO_CODE_CONFIG_ENV}=1. Use a data configuration (.stampguardrc.json, .stampguardrc.yaml ` +
      `or a "stampguard" key in package.json), or drop the switch for a checkout whose code you trust.`,
    { file },
  );
}

/** A CommonJS module exporting `{ default }` (transpiled ES modules do) is taken as its default. */
function unwrapDefault(raw: unknown): unknown {
  if (raw && typeof raw === 'object' && 'default' in raw && Object.keys(raw).length === 1)
    return (raw as { default: unknown }).default;
  return raw;
}

/** The path with its folder's symbolic links resolved (the file itself may be a link: it is read through it). */
function realDirOf(file: string): string {
  try {
    return path.join(realpathSync.native(path.dirname(file)), path.basename(file));
  } catch {
    return file;
  }
}

export function defaults(file: string | null): Config {
  return { ...DEFAULT_CONFIG, versionFiles: [...DEFAULT_CONFIG.versionFiles], file };
}
