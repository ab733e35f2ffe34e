// The data formats, chosen by the file name as cosmiconfig chooses its loaders: package.json is
// strict JSON (npm reads it), *.json and *.jsonc are JSON that may carry // and /* */ comments,
// *.yaml, *.yml and the extension-less .stampguardrc are YAML. Code formats (*.js, *.mjs, *.cjs,
// *.ts) are loaded by code.ts, and only when the user allows it.
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { loadYaml } from '../util/lazy.js';

export type Format = 'package' | 'json' | 'yaml' | 'code';

const CODE_EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts'];

/** The format of a configuration file by its name; null for an extension stampguard cannot read. */
export function formatOf(file: string): Format | null {
  const base = path.basename(file);
  if (base === 'package.json') return 'package';
  const ext = path.extname(base);
  if (ext === '.json' || ext === '.jsonc') return 'json';
  if (ext === '.yaml' || ext === '.yml' || ext === '') return 'yaml';
  if (CODE_EXTENSIONS.includes(ext)) return 'code';
  return null;
}

export function isCodeFile(file: string): boolean {
  return formatOf(file) === 'code';
}

/**
 * The value a data file holds: for package.json its "stampguard" key. undefined means "nothing
 * there" (an empty file, a document that is only comments or null, a package.json without the key).
 */
export async function parseData(
  file: string,
  text: string,
  format: Exclude<Format, 'code'>,
  label = file,
): Promise<unknown> {
  if (format === 'package') {
    const pkg = parseJson(file, text, false, label);
    if (pkg === null || typeof pkg !== 'object' || Array.isArray(pkg)) {
      throw new ConfigError(`${label}: expected a JSON object`, { file });
    }
    return (pkg as Record<string, unknown>).stampguard ?? undefined;
  }
  if (text.trim() === '') return undefined;
  if (format === 'json') {
    if (blankComments(text).trim() === '') return undefined;
    return parseJson(file, text, true, label) ?? undefined;
  }
  const { parseDocument } = loadYaml();
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) {
    const at = problem.linePos?.[0];
    const message = (problem.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError(`${label}${at ? `:${at.line}:${at.col}` : ''}: ${message}`, { file, cause: problem });
  }
  return doc.toJS() ?? undefined;
}

/** JSON.parse, optionally after blanking comments, with errors located as file:line:column. */
export function parseJson(file: string, text: string, comments: boolean, label = file): unknown {
  const source = comments ? blankComments(text) : text;
  try {
    return JSON.parse(source);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = errorOffset(message, source);
    const where = offset === null ? '' : `:${lineColumn(source, offset)}`;
    throw new ConfigError(`${label}${where}: ${cleanJsonMessage(message)}`, { file, cause: error });
  }
}

/**
 * The text with every comment outside strings replaced by spaces (newlines kept), so that
 * JSON.parse reports the same line and column as the file has. An unterminated block comment is
 * left as it is for JSON.parse to reject.
 */
export function blankComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (ch === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? text.length : end;
      out += ' '.repeat(stop - i);
      i = stop;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) {
        out += text.slice(i);
        break;
      }
      out += text.slice(i, end + 2).replace(/[^\n]/g, ' ');
      i = end + 2;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** The index just past the string that starts at `start` (a double quote), or the line's end. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') i++;
    else if (ch === '"') return i + 1;
    else if (ch === '\n') return i; // an unterminated string: JSON.parse will say so
  }
  return text.length;
}

function errorOffset(message: string, source: string): number | null {
  const position = /at position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) {
    const lines = source.split('\n').slice(0, Number(lineCol[1]) - 1);
    return lines.reduce((sum, line) => sum + line.length + 1, 0) + Number(lineCol[2]) - 1;
  }
  if (/Unexpected end of JSON input/.test(message)) return source.length;
  return null;
}

function lineColumn(source: string, offset: number): string {
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${line}:${column}`;
}

function cleanJsonMessage(message: string): string {
  return message.replace(/ in JSON at position \d+.*$/, '').replace(/ \(line \d+ column \d+\)$/, '');
}
