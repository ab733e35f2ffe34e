// The library's options, checked before anything runs: a misspelt option, a value of the wrong
// type or an option that does not go with the mode is a UsageError naming the option, the value
// and what is allowed (with the closest option or value when there is one). A typo never turns
// into a check that checks nothing and passes.
import { CODES, isFindingCode } from './codes.js';
import { UsageError } from './errors.js';
import { type ConfigInput, type FindingCode, MODES, type Mode } from './types.js';
import { describeValue } from './util/describe.js';
import { closest } from './util/text.js';

/** What check() and inspect() take. */
export interface CheckOptions {
  /** Directory inside the repository (default: process.cwd()). */
  cwd?: string;
  /** release (default), tag, commit, push or preflight. */
  mode?: Mode;
  /** tag mode: the tag about to be created. */
  tag?: string;
  /** tag mode: the object the tag will point at (default HEAD). */
  target?: string;
  /** push mode: the tags being pushed and the objects they point at. */
  pushedTags?: readonly { tag: string; oid: string }[];
  /** tag mode: several tags created at once and the objects they will hold (the reference-transaction hook). */
  createdTags?: readonly { tag: string; oid: string }[];
  /** A configuration file to use instead of searching, or a configuration object. */
  config?: string | ConfigInput;
  /** release and preflight modes: `git fetch` first so behind-upstream sees the remote's latest commits. */
  fetch?: boolean;
  /** Finding codes allowed for this run: kept in the report, marked allowed, not refusing (--allow). */
  allow?: readonly FindingCode[];
  /**
   * false: version files are neither read nor compared with the tag (for a release tool that
   * writes them after this check, as semantic-release's npm plugin does in its prepare step).
   */
  versionFiles?: boolean;
  /** Refuse a JavaScript/TypeScript configuration file instead of running it (also STAMPGUARD_NO_CODE_CONFIG=1). */
  noCodeConfig?: boolean;
  /** One package of a workspace (a folder): its configuration, version file and tag prefix (--package DIR). */
  package?: string;
}

type Rule = (value: unknown) => string | null;

const isString = (value: unknown): value is string => typeof value === 'string';
const boolean: Rule = (value) => (typeof value === 'boolean' ? null : 'true or false');
const tagList: Rule = (value) => {
  if (!Array.isArray(value)) return 'an array of { tag, oid }';
  const bad = value.findIndex((item) => !isTagAndOid(item));
  return bad === -1 ? null : `[${bad}]: { tag, oid } with two strings`;
};

function isTagAndOid(item: unknown): boolean {
  if (item === null || typeof item !== 'object') return false;
  const { tag, oid } = item as { tag?: unknown; oid?: unknown };
  return isString(tag) && isString(oid);
}

/** One rule per option: a new CheckOptions field without a rule does not compile. */
const RULES: { [K in keyof Required<CheckOptions>]: Rule } = {
  cwd: (value) => (isString(value) && value !== '' ? null : 'a directory path'),
  mode: (value) =>
    isString(value) && (MODES as readonly string[]).includes(value) ? null : `one of ${MODES.join(', ')}`,
  tag: (value) => (isString(value) && value !== '' ? null : 'a tag name'),
  target: (value) => (isString(value) && value !== '' ? null : 'a revision (a commit id, a branch, HEAD)'),
  pushedTags: tagList,
  createdTags: tagList,
  config: (value) =>
    (isString(value) && value !== '') || (value !== null && typeof value === 'object' && !Array.isArray(value))
      ? null
      : 'a file path or a configuration object',
  fetch: boolean,
  noCodeConfig: boolean,
  allow: (value) =>
    Array.isArray(value) && value.every((code) => isString(code) && isFindingCode(code))
      ? null
      : `an array of finding codes (${Object.keys(CODES).join(', ')})`,
  versionFiles: boolean,
  package: (value) => (isString(value) && value !== '' ? null : 'a package folder'),
};

/** Options that only mean something in some modes. */
const MODES_OF: Partial<Record<keyof CheckOptions, readonly Mode[]>> = {
  tag: ['tag'],
  target: ['tag'],
  createdTags: ['tag'],
  pushedTags: ['push'],
  fetch: ['release', 'preflight'],
};

export function validateOptions(options: unknown): asserts options is CheckOptions {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new UsageError(`check(): expected an options object, got ${describeValue(options)}`);
  }
  const names = Object.keys(RULES);
  const given = Object.entries(options).filter(([, value]) => value !== undefined);
  for (const [name, value] of given) {
    if (!Object.hasOwn(RULES, name)) {
      const guess = closest(name, names);
      throw new UsageError(
        `check(): unknown option "${name}"${guess ? `; did you mean "${guess}"?` : ''} (options: ${names.join(', ')})`,
      );
    }
    const expected = RULES[name as keyof CheckOptions](value);
    if (expected === null) continue;
    const sub = expected.startsWith('[') ? expected.slice(0, expected.indexOf(']') + 1) : '';
    const shown = sub ? (value as unknown[])[Number(sub.slice(1, -1))] : value;
    const guess = name === 'mode' && isString(value) ? closest(value, MODES) : null;
    throw new UsageError(
      `check(): ${name}${sub}: expected ${sub ? expected.slice(sub.length + 2) : expected}, got ${describeValue(shown)}${guess ? `; did you mean "${guess}"?` : ''}`,
    );
  }
  const mode = ((options as CheckOptions).mode ?? 'release') as Mode;
  for (const [name, value] of given) {
    if (value === false) continue; // fetch: false asks for nothing
    const modes = MODES_OF[name as keyof CheckOptions];
    if (modes && !modes.includes(mode)) {
      throw new UsageError(
        `check(): ${name} goes with mode ${modes.map((m) => `"${m}"`).join(' or ')}, and the mode is "${mode}"${(options as CheckOptions).mode === undefined ? ' (the default)' : ''}`,
      );
    }
  }
}
