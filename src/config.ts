// Configuration: cosmiconfig search → strict validation → Config, or a ConfigError naming the
// file, the key path and what was expected. The field table below is the single definition the
// validator, the defaults and the JSON Schema (schema.ts) are built from.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './errors.js';
import { resolveGatesConfig } from './gates/config.js';
import { globProblem } from './glob.js';
import type { Config, GatesConfig } from './types.js';
import { describeValue } from './util/describe.js';

export { describeValue };

export const MODULE_NAME = 'stampguard';

// cosmiconfig's default places, in its order. TypeScript configs need the optional `typescript`
// package and make cosmiconfig write a temporary file next to them while loading.
export const SEARCH_PLACES = [
  'package.json',
  `.${MODULE_NAME}rc`,
  `.${MODULE_NAME}rc.json`,
  `.${MODULE_NAME}rc.yaml`,
  `.${MODULE_NAME}rc.yml`,
  `.${MODULE_NAME}rc.js`,
  `.${MODULE_NAME}rc.ts`,
  `.${MODULE_NAME}rc.mjs`,
  `.${MODULE_NAME}rc.cjs`,
  `.config/${MODULE_NAME}rc`,
  `.config/${MODULE_NAME}rc.json`,
  `.config/${MODULE_NAME}rc.yaml`,
  `.config/${MODULE_NAME}rc.yml`,
  `.config/${MODULE_NAME}rc.js`,
  `.config/${MODULE_NAME}rc.ts`,
  `.config/${MODULE_NAME}rc.mjs`,
  `.config/${MODULE_NAME}rc.cjs`,
  `${MODULE_NAME}.config.js`,
  `${MODULE_NAME}.config.ts`,
  `${MODULE_NAME}.config.mjs`,
  `${MODULE_NAME}.config.cjs`,
  `${MODULE_NAME}.config.json`,
];

type FieldKind =
  | { kind: 'string'; default: string; check?: (value: string) => string | null }
  | { kind: 'enum'; values: readonly string[]; default: string }
  | { kind: 'boolean'; default: boolean }
  | { kind: 'string-array'; default: string[] | null; check?: (value: string) => string | null }
  | { kind: 'gates' };

export type FieldSpec = FieldKind & { description: string };

export const FIELDS = {
  tagPrefix: {
    kind: 'string',
    default: 'v',
    description: 'Release tags are <tagPrefix><semver>, e.g. "v" for v1.2.3, "pkg@" for pkg@1.2.3, "" for 1.2.3.',
    check: (value) =>
      isValidRefName(`refs/tags/${value}1.2.3`)
        ? null
        : 'a prefix that makes valid git tag names (git check-ref-format: no spaces, ~ ^ : ? * [ \\, "..", "//", "@{", control characters, or a part starting with "." or ending in ".lock")',
  },
  untracked: {
    kind: 'enum',
    values: ['error', 'warning', 'ignore'],
    default: 'error',
    description: 'What untracked, non-ignored files are: an error, a warning, or not checked.',
  },
  branches: {
    kind: 'string-array',
    default: null,
    description: 'Branches (globs; "!" negates) that releases and tags may come from. Default: any branch.',
    check: globProblem,
  },
  allowPrerelease: {
    kind: 'boolean',
    default: true,
    description: 'Whether pre-release versions such as v1.2.0-rc.1 may be released and tagged.',
  },
  versionFiles: {
    kind: 'string-array',
    default: ['package.json'],
    description: 'JSON files, relative to the configuration file, whose "version" must equal the tag.',
    check: (value) => (value === '' || path.isAbsolute(value) ? 'a relative file path' : null),
  },
  requireAnnotatedTag: {
    kind: 'boolean',
    default: false,
    description: 'Release tags must be annotated tags.',
  },
  requireSignedTag: {
    kind: 'boolean',
    default: false,
    description: 'Release tags must carry a signature that git verify-tag accepts.',
  },
  gates: {
    kind: 'gates',
    description: 'Kubernetes-style versioned feature gates, checked against the version being stamped.',
  },
} as const satisfies Record<string, FieldSpec>;

type FieldName = keyof typeof FIELDS;

export const DEFAULT_CONFIG: Config = {
  tagPrefix: FIELDS.tagPrefix.default,
  untracked: FIELDS.untracked.default as Config['untracked'],
  branches: FIELDS.branches.default,
  allowPrerelease: FIELDS.allowPrerelease.default,
  versionFiles: [...FIELDS.versionFiles.default],
  versionFilesListed: false,
  requireAnnotatedTag: FIELDS.requireAnnotatedTag.default,
  requireSignedTag: FIELDS.requireSignedTag.default,
  gates: null,
  file: null,
};

/** git check-ref-format's rules for a full ref name (git-check-ref-format(1)). */
export function isValidRefName(name: string): boolean {
  if (
    name === '@' ||
    name.endsWith('/') ||
    name.endsWith('.') ||
    name.includes('..') ||
    name.includes('//') ||
    name.includes('@{')
  )
    return false;
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) return false;
  return name.split('/').every((part) => part !== '' && !part.startsWith('.') && !part.endsWith('.lock'));
}

/** Validates a raw configuration object; `file` is used for messages and to resolve relative paths. */
export function resolveConfig(raw: unknown, file: string | null, baseDir: string, label?: string): Config {
  const where = label ?? file ?? 'configuration';
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(`${where}: expected an object, got ${describeValue(raw)}`, { file, keyPath: '' });
  }
  const config: Config = { ...DEFAULT_CONFIG, versionFiles: [...DEFAULT_CONFIG.versionFiles], file };
  for (const [key, value] of Object.entries(raw)) {
    if (key === '$schema') {
      // Editors read it; stampguard only checks that it is what editors expect.
      if (typeof value !== 'string')
        throw new ConfigError(
          `${where}: $schema: expected a string (the schema's URL or path), got ${describeValue(value)}`,
          { file, keyPath: '$schema' },
        );
      continue;
    }
    if (!Object.hasOwn(FIELDS, key)) {
      throw new ConfigError(`${where}: unknown key "${key}"; expected one of ${Object.keys(FIELDS).join(', ')}`, {
        file,
        keyPath: key,
      });
    }
    const name = key as FieldName;
    const spec: FieldSpec = FIELDS[name];
    const fail = (expected: string, keyPath: string = key): never => {
      throw new ConfigError(`${where}: ${keyPath}: expected ${expected}, got ${describeValue(value)}`, {
        file,
        keyPath,
      });
    };
    switch (spec.kind) {
      case 'string': {
        if (typeof value !== 'string') fail('a string');
        const problem = spec.check?.(value as string);
        if (problem) fail(problem);
        (config as unknown as Record<string, unknown>)[name] = value;
        break;
      }
      case 'enum':
        if (typeof value !== 'string' || !spec.values.includes(value)) fail(`one of ${spec.values.join(', ')}`);
        (config as unknown as Record<string, unknown>)[name] = value;
        break;
      case 'boolean':
        if (typeof value !== 'boolean') fail('true or false');
        (config as unknown as Record<string, unknown>)[name] = value;
        break;
      case 'string-array': {
        if (!Array.isArray(value)) fail('an array of strings');
        (value as unknown[]).forEach((item, i) => {
          if (typeof item !== 'string') fail('a string', `${key}[${i}]`);
          const problem = spec.check?.(item as string);
          if (problem) {
            throw new ConfigError(`${where}: ${key}[${i}]: expected ${problem}, got ${JSON.stringify(item)}`, {
              file,
              keyPath: `${key}[${i}]`,
            });
          }
        });
        (config as unknown as Record<string, unknown>)[name] = [...(value as string[])];
        if (name === 'versionFiles') config.versionFilesListed = true;
        break;
      }
      case 'gates':
        config.gates = resolveGatesConfig(value, { file, baseDir }) satisfies GatesConfig;
        break;
    }
  }
  return config;
}

export interface LoadConfigOptions {
  /** Where the search starts (the user's directory). */
  cwd: string;
  /** The repository root: a configuration found above it is not this repository's. */
  root: string;
  /** An explicit file (--config); no search. */
  configFile?: string;
}

/** Finds and validates the configuration; defaults when there is none. */
export async function loadConfig(options: LoadConfigOptions): Promise<Config> {
  const found = await findConfig(options);
  if (!found) return defaults();
  return resolveConfig(unwrapDefault(found.config, found.filepath), found.filepath, path.dirname(found.filepath));
}

/**
 * The configuration as it is staged, for commit mode: the file is found in the working tree as
 * usual, but a JSON or YAML configuration (or package.json's "stampguard" key) is read from the
 * index when it is there, so the commit's own configuration is what gets checked. JavaScript
 * configurations cannot be evaluated from the index and are used as they are on disk.
 */
export async function loadStagedConfig(
  options: LoadConfigOptions & { readStaged: (repoPath: string) => Promise<string | null> },
): Promise<Config> {
  const found = await findConfig(options);
  if (!found) return defaults();
  const file = found.filepath;
  const repoPath = path.relative(options.root, file).split(path.sep).join('/');
  const isScript = /\.(c|m)?(j|t)s$/.test(file);
  const staged = isScript ? null : await options.readStaged(repoPath);
  if (staged === null) return resolveConfig(unwrapDefault(found.config, file), file, path.dirname(file));
  const label = `${file} (staged)`;
  let raw: unknown;
  try {
    if (path.basename(file) === 'package.json') {
      const pkg = JSON.parse(staged) as { stampguard?: unknown };
      if (pkg.stampguard === undefined) return defaults();
      raw = pkg.stampguard;
    } else {
      const { parse } = await import('yaml'); // YAML is a superset of JSON
      raw = parse(staged);
    }
  } catch (error) {
    throw new ConfigError(`cannot read the staged configuration ${label}: ${errorText(error)}`, { file, cause: error });
  }
  if (raw === null || raw === undefined) return defaults();
  return resolveConfig(raw, file, path.dirname(file), label);
}

function defaults(): Config {
  return { ...DEFAULT_CONFIG, versionFiles: [...DEFAULT_CONFIG.versionFiles] };
}

function unwrapDefault(raw: unknown, file: string): unknown {
  // ES module configs may export `default`; cosmiconfig already unwraps it, but a CommonJS module
  // exporting { default } is common enough to accept as well. Data files are taken as written.
  if (!/\.(c|m)?(j|t)s$/.test(file)) return raw;
  if (raw && typeof raw === 'object' && 'default' in raw && Object.keys(raw).length === 1)
    return (raw as { default: unknown }).default;
  return raw;
}

/**
 * The folders cosmiconfig's "project" search visits: from cwd up to the first folder with a
 * package.json, never above the repository root.
 */
function searchDirs(cwd: string, root: string): string[] {
  const dirs: string[] = [];
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    dirs.push(dir);
    if (existsSync(path.join(dir, 'package.json')) || dir === root || path.dirname(dir) === dir || !isInside(dir, root))
      break;
  }
  return dirs;
}

/** Is there any file cosmiconfig would consider? Checked with a few stat calls before loading it. */
function hasCandidate(dirs: readonly string[]): boolean {
  return dirs.some((dir) =>
    SEARCH_PLACES.some((place) => {
      const file = path.join(dir, place);
      if (!existsSync(file)) return false;
      if (place !== 'package.json') return true;
      try {
        return Object.hasOwn(JSON.parse(readFileSync(file, 'utf8')) as object, MODULE_NAME);
      } catch {
        return true; // let cosmiconfig report the broken file
      }
    }),
  );
}

/** Would loading the configuration load a TypeScript file (which makes cosmiconfig write a temporary file)? */
export function hasTypeScriptConfig(cwd: string, root: string): boolean {
  return searchDirs(cwd, root).some((dir) =>
    SEARCH_PLACES.some((place) => place.endsWith('.ts') && existsSync(path.join(dir, place))),
  );
}

async function findConfig(options: LoadConfigOptions): Promise<{ filepath: string; config: unknown } | null> {
  // Most runs in a repository without any configuration file skip loading cosmiconfig (~10 ms).
  if (!options.configFile && !hasCandidate(searchDirs(options.cwd, options.root))) return null;
  const { cosmiconfig } = await import('cosmiconfig');
  // Creating the explorer already reads package.json in the current directory (cosmiconfig's
  // meta configuration), so a broken package.json fails here.
  let explorer: ReturnType<typeof cosmiconfig>;
  try {
    explorer = cosmiconfig(MODULE_NAME, { searchPlaces: SEARCH_PLACES, searchStrategy: 'project', cache: false });
  } catch (error) {
    const file = path.join(process.cwd(), 'package.json');
    throw new ConfigError(`cannot read configuration: ${file}: ${errorText(error)}`, { file, cause: error });
  }
  let result: Awaited<ReturnType<typeof explorer.search>>;
  if (options.configFile) {
    const file = path.resolve(options.cwd, options.configFile);
    if (!existsSync(file)) throw new ConfigError(`cannot read configuration file ${file}: it does not exist`, { file });
    try {
      result = await explorer.load(file);
    } catch (error) {
      throw new ConfigError(`cannot read configuration file ${file}: ${errorText(error)}`, { file, cause: error });
    }
    if (!result) throw new ConfigError(`cannot read configuration file ${file}: it does not exist`, { file });
  } else {
    try {
      result = await explorer.search(options.cwd);
    } catch (error) {
      const file = /in (\/[^:]+):/.exec(errorText(error))?.[1] ?? null;
      throw new ConfigError(`cannot read configuration: ${errorText(error)}`, { file, cause: error });
    }
    if (result && !isInside(result.filepath, options.root)) result = null;
  }
  if (!result || result.isEmpty) return null;
  return { filepath: result.filepath, config: result.config };
}

function isInside(file: string, root: string): boolean {
  const relative = path.relative(root, file);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
