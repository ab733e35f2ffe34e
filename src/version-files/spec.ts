// versionFiles entries: what each one means (format, keys, pattern) and whether it is valid. Pure;
// config.ts calls versionFilesProblem() to validate, the facts call resolveVersionFile() to read.
//
//   "package.json"                                   json, key "version"  (any *.json)
//   "charts/kueue/Chart.yaml"                        yaml, key "version"  (any *.yaml, *.yml)
//   "Cargo.toml"                                     toml, key "package.version"
//   "pyproject.toml"                                 toml, "project.version", else "tool.poetry.version"
//   "VERSION", "version.txt"                         text: the whole file, trailing newlines dropped
//   { "file": "charts/kueue/Chart.yaml", "format": "yaml", "key": "appVersion" }
//   { "file": "version/version.go", "pattern": "Version = \"([^\"]+)\"" }
import path from 'node:path';
import type { VersionFileEntry, VersionFileFormat } from '../types.js';

export const VERSION_FILE_FORMATS = ['json', 'yaml', 'toml', 'text'] as const satisfies readonly VersionFileFormat[];

/** An entry resolved: where to read the version and how. */
export interface VersionFileSpec {
  /** As configured, relative to the configuration file. */
  file: string;
  format: VersionFileFormat;
  /**
   * Dotted key paths tried in order; the first one present is read (pyproject.toml: PEP 621's
   * project.version, then Poetry's tool.poetry.version). Empty for text files and patterns.
   */
  keys: string[];
  /** The source of a regular expression whose first capture group is the version, or null. */
  pattern: string | null;
}

/** A configuration problem in an entry, for config.ts to word as "<keyPath>: expected …, got …". */
export interface EntryProblem {
  keyPath: string;
  expected: string;
  value: unknown;
}

const ENTRY_KEYS = ['file', 'format', 'key', 'pattern'];

// Helm requires the file name Chart.yaml, Cargo Cargo.toml, PEP 518 pyproject.toml: exact case.
const NAMED_TOML: Record<string, string[]> = {
  'Cargo.toml': ['package.version'],
  'pyproject.toml': ['project.version', 'tool.poetry.version'],
};

/** The format and keys a file name implies, or null when the name does not tell. */
export function formatFromName(file: string): { format: VersionFileFormat; keys: string[] } | null {
  const base = path.posix.basename(file);
  const named = NAMED_TOML[base];
  if (named) return { format: 'toml', keys: [...named] };
  const ext = path.posix.extname(base).toLowerCase();
  if (ext === '.json') return { format: 'json', keys: ['version'] };
  if (ext === '.yaml' || ext === '.yml') return { format: 'yaml', keys: ['version'] };
  if (base === 'VERSION' || ext === '.txt') return { format: 'text', keys: [] };
  return null;
}

/** The flags every pattern is compiled with: ^ and $ match at line ends. */
export const PATTERN_FLAGS = 'm';

/** The pattern compiled, or why it cannot be used. */
export function compilePattern(source: string): RegExp | string {
  let regex: RegExp;
  try {
    regex = new RegExp(source, PATTERN_FLAGS);
  } catch (error) {
    return `a regular expression (${(error as Error).message.replace(/^Invalid regular expression: /, '')})`;
  }
  // The number of capture groups: a regex that also matches "" reports them all as undefined.
  const groups = (new RegExp(`${source}|`, PATTERN_FLAGS).exec('')?.length ?? 1) - 1;
  if (groups < 1) return 'a regular expression with a capture group around the version, e.g. Version = "([^"]+)"';
  return regex;
}

// git cat-file --batch names a file on one line: a path with a control character cannot be read.
const RELATIVE_PATH_EXPECTED = 'a relative file path (not empty, not absolute, no control characters)';

function isRelativePath(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && !path.isAbsolute(value) && !/[\x00-\x1f\x7f]/.test(value);
}

/** A dotted key path: one or more non-empty keys separated by ".". */
export function isKeyPath(value: unknown): value is string {
  return typeof value === 'string' && value.split('.').every((part) => part !== '');
}

/** Why the entry at `keyPath` is invalid, or null. */
export function entryProblem(entry: unknown, keyPath: string): EntryProblem | null {
  if (typeof entry === 'string') {
    if (!isRelativePath(entry)) return { keyPath, expected: RELATIVE_PATH_EXPECTED, value: entry };
    if (!formatFromName(entry))
      return {
        keyPath,
        expected:
          'a file whose name gives its format (*.json, *.yaml, *.yml, Cargo.toml, pyproject.toml, VERSION, *.txt), or an object { "file", "format", "key" } or { "file", "pattern" }',
        value: entry,
      };
    return null;
  }
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry))
    return {
      keyPath,
      expected: 'a file path, or an object { "file", "format", "key" } or { "file", "pattern" }',
      value: entry,
    };
  const object = entry as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    if (!ENTRY_KEYS.includes(key))
      return {
        keyPath: `${keyPath}.${key}`,
        expected: `no such key; use ${ENTRY_KEYS.join(', ')}`,
        value: object[key],
      };
  }
  if (!('file' in object)) return { keyPath: `${keyPath}.file`, expected: RELATIVE_PATH_EXPECTED, value: undefined };
  if (!isRelativePath(object.file))
    return { keyPath: `${keyPath}.file`, expected: RELATIVE_PATH_EXPECTED, value: object.file };
  const file = object.file;
  if ('pattern' in object) {
    for (const other of ['format', 'key'])
      if (other in object)
        return {
          keyPath: `${keyPath}.${other}`,
          expected: 'nothing next to "pattern" (a pattern reads the file as text)',
          value: object[other],
        };
    if (typeof object.pattern !== 'string')
      return { keyPath: `${keyPath}.pattern`, expected: 'a regular expression (a string)', value: object.pattern };
    const compiled = compilePattern(object.pattern);
    if (typeof compiled === 'string')
      return { keyPath: `${keyPath}.pattern`, expected: compiled, value: object.pattern };
    return null;
  }
  const implied = formatFromName(file);
  let format: VersionFileFormat;
  if ('format' in object) {
    if (!VERSION_FILE_FORMATS.includes(object.format as VersionFileFormat))
      return {
        keyPath: `${keyPath}.format`,
        expected: `one of ${VERSION_FILE_FORMATS.join(', ')}`,
        value: object.format,
      };
    format = object.format as VersionFileFormat;
  } else if (implied) {
    format = implied.format;
  } else {
    return {
      keyPath: `${keyPath}.format`,
      expected: `one of ${VERSION_FILE_FORMATS.join(', ')} (the file name does not tell)`,
      value: undefined,
    };
  }
  if ('key' in object) {
    if (format === 'text')
      return {
        keyPath: `${keyPath}.key`,
        expected: 'no key: a text file holds only the version (use "pattern" to pick it out of a longer file)',
        value: object.key,
      };
    if (!isKeyPath(object.key))
      return {
        keyPath: `${keyPath}.key`,
        expected: 'a dotted key path such as "version" or "package.version"',
        value: object.key,
      };
    return null;
  }
  if (format === 'toml' && implied?.format !== 'toml')
    return {
      keyPath: `${keyPath}.key`,
      expected: 'a dotted key path such as "package.version" (only Cargo.toml and pyproject.toml have a default)',
      value: undefined,
    };
  return null;
}

/** Why the versionFiles value is invalid, or null. */
export function versionFilesProblem(value: unknown, key: string): EntryProblem | null {
  if (!Array.isArray(value))
    return { keyPath: key, expected: 'an array of file paths or { "file", … } objects', value };
  for (const [i, entry] of value.entries()) {
    const problem = entryProblem(entry, `${key}[${i}]`);
    if (problem) return problem;
  }
  return null;
}

/** A valid entry (see versionFilesProblem) resolved to its format, keys and pattern. */
export function resolveVersionFile(entry: VersionFileEntry): VersionFileSpec {
  if (typeof entry === 'string') {
    const implied = formatFromName(entry);
    if (!implied) throw new Error(`versionFiles entry ${JSON.stringify(entry)} was not validated`);
    return { file: entry, ...implied, pattern: null };
  }
  if ('pattern' in entry) return { file: entry.file, format: 'text', keys: [], pattern: entry.pattern };
  const implied = formatFromName(entry.file);
  const format = entry.format ?? implied?.format;
  if (!format) throw new Error(`versionFiles entry ${JSON.stringify(entry)} was not validated`);
  if (format === 'text') return { file: entry.file, format, keys: [], pattern: null };
  const keys =
    entry.key !== undefined ? [entry.key] : implied && implied.format === format ? implied.keys : ['version'];
  return { file: entry.file, format, keys, pattern: null };
}
