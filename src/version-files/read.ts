// Reads the version out of a version file's text, by format. The YAML and TOML parsers are loaded
// only when a file of that format is read (yaml costs ~20 ms to import, smol-toml ~10 ms).

import { loadToml, loadYaml } from '../util/lazy.js';
import { PATTERN_FLAGS, type VersionFileSpec } from './spec.js';

export type ReadProblem = 'unparsable' | 'no-key' | 'not-string';

export type ReadResult =
  | { value: string; key: string | null }
  | {
      problem: ReadProblem;
      /** The key that was looked for (the first of several), or null for text and patterns. */
      key: string | null;
      /** unparsable: the parser's message; not-string: what the value is instead; no-key: why. */
      detail: string;
    };

/** The version held by `text`, a file read as the spec says. */
export async function readVersionValue(spec: VersionFileSpec, rawText: string): Promise<ReadResult> {
  // A byte-order mark is not part of the content (JSON.parse would refuse it; npm strips it too).
  const text = rawText.startsWith('\uFEFF') ? rawText.slice(1) : rawText;
  if (spec.pattern !== null) return readPattern(spec.pattern, text);
  if (spec.format === 'text') return readText(text);
  let data: unknown;
  try {
    data = await parse(spec.format, text);
  } catch (error) {
    return { problem: 'unparsable', key: spec.keys[0] ?? null, detail: firstLine(error) };
  }
  for (const key of spec.keys) {
    const found = lookup(data, key);
    if (!found.present) continue;
    if (typeof found.value === 'string') return { value: found.value, key };
    return { problem: 'not-string', key, detail: describeData(found.value) };
  }
  return { problem: 'no-key', key: spec.keys[0] ?? null, detail: `has no ${spec.keys.join(' or ')}` };
}

async function parse(format: 'json' | 'yaml' | 'toml', text: string): Promise<unknown> {
  switch (format) {
    case 'json':
      return JSON.parse(text);
    case 'yaml': {
      const { parseDocument } = loadYaml();
      // One document; duplicate keys and other errors refuse, as Helm's parser does.
      const document = parseDocument(text, { uniqueKeys: true });
      if (document.errors.length > 0) throw document.errors[0];
      return document.toJS({ maxAliasCount: 100 });
    }
    case 'toml': {
      const { parse: parseToml } = loadToml();
      return parseToml(text);
    }
  }
}

/** The value at a dotted key path; numeric parts index arrays. */
function lookup(data: unknown, keyPath: string): { present: boolean; value?: unknown } {
  let current: unknown = data;
  for (const part of keyPath.split('.')) {
    if (Array.isArray(current) && /^(0|[1-9]\d*)$/.test(part) && Number(part) < current.length) {
      current = current[Number(part)];
      continue;
    }
    if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, part))
      return { present: false };
    current = (current as Record<string, unknown>)[part];
  }
  return { present: true, value: current };
}

// A VERSION file is read as `$(cat VERSION)` reads it: trailing newlines are not part of it.
function readText(text: string): ReadResult {
  const value = text.replace(/(?:\r?\n)+$/, '');
  if (value === '') return { problem: 'no-key', key: null, detail: 'is empty' };
  if (/[\r\n]/.test(value))
    return {
      problem: 'unparsable',
      key: null,
      detail: 'has more than one line (a text version file holds only the version)',
    };
  return { value, key: null };
}

function readPattern(source: string, text: string): ReadResult {
  const match = new RegExp(source, PATTERN_FLAGS).exec(text);
  if (!match) return { problem: 'no-key', key: null, detail: `has no text matching /${source}/` };
  const value = match[1];
  if (value === undefined)
    return { problem: 'no-key', key: null, detail: `matches /${source}/, but its first capture group is empty` };
  return { value, key: null };
}

/** The parser's message on one line, with where it is when the parser says. */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  let line = message.split('\n')[0]!.trim().replace(/:$/, '');
  // yaml's advice is for programmers: a Chart.yaml is one document.
  line = line.replace(
    /Source contains multiple documents; please use YAML\.parseAllDocuments\(\)/,
    'holds more than one YAML document',
  );
  const at = error as { line?: unknown; column?: unknown };
  if (typeof at.line === 'number' && typeof at.column === 'number' && !/\bline\b/.test(line))
    line += ` at line ${at.line}, column ${at.column}`;
  return line;
}

/** "the number 1", "true", "an object", for a value that should have been a string. */
export function describeData(value: unknown): string {
  if (value === null || value === undefined) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return `the date ${value.toISOString()}`;
  switch (typeof value) {
    case 'number':
    case 'bigint':
      return `the number ${String(value)}`;
    case 'boolean':
      return String(value);
    case 'object':
      return `a table of ${
        Object.keys(value)
          .map((k) => JSON.stringify(k))
          .join(', ') || 'nothing'
      }`;
    default:
      return typeof value;
  }
}
