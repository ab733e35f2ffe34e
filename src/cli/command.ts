// The shape of a command and the one argument parser every command uses: strict options, its own
// --help, and an unknown option answered with what is wrong and the closest option that exists.
import path from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { CODES, isFindingCode } from '../codes.js';
import { UsageError } from '../errors.js';
import type { CheckOptions } from '../options.js';
import type { FindingCode } from '../types.js';
import { closest } from '../util/text.js';
import type { Io } from './io.js';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every command understands. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
} as const satisfies Options;

/** Options of the commands that inspect a repository. */
export const REPO_OPTIONS = {
  cwd: { type: 'string' },
  config: { type: 'string' },
  'no-code-config': { type: 'boolean' },
} as const satisfies Options;

/** --package DIR: one package of a workspace. */
const PACKAGE_OPTION = {
  package: { type: 'string' },
} as const satisfies Options;

const PACKAGE_HELP = `  --package DIR     one package of a workspace: its configuration, its package.json and its
                    release tags (its tagPrefix, or "<name>@" as changesets writes them)`;

/** --allow CODE (repeatable), on the commands that can refuse a release. */
const ALLOW_OPTION = {
  allow: { type: 'string', multiple: true },
} as const satisfies Options;

const ALLOW_HELP = `  --allow CODE      let this finding code through for this run (repeatable, or CODE,CODE):
                    it stays in the report, marked ALLOWED ("allowed": true in JSON), and
                    does not refuse. Each code is allowed on its own.`;

/** The options of the commands that run the release check (check, version, stamp). */
export const CHECK_OPTIONS = { ...REPO_OPTIONS, ...ALLOW_OPTION, ...PACKAGE_OPTION } as const satisfies Options;

/** The help lines of CHECK_OPTIONS, after a command's own; `cwd` says what --cwd names. */
export function checkOptionsHelp(cwd: string): string {
  return `${ALLOW_HELP}\n  --cwd DIR         ${cwd}\n${PACKAGE_HELP}\n${CONFIG_HELP}`;
}

/**
 * What CHECK_OPTIONS say, as check() takes it: a relative --cwd is resolved against the
 * command's own directory (io.cwd), never the process's.
 */
export function sharedCheckOptions(
  values: { cwd?: string; config?: string; 'no-code-config'?: boolean; allow?: string[]; package?: string },
  io: Pick<Io, 'cwd'>,
): Pick<CheckOptions, 'cwd' | 'config' | 'noCodeConfig' | 'allow' | 'package'> & { cwd: string } {
  return {
    cwd: path.resolve(io.cwd, values.cwd ?? '.'),
    ...(values.config !== undefined && { config: values.config }),
    ...(values['no-code-config'] && { noCodeConfig: true }),
    allow: allowedCodes(values.allow),
    ...(values.package !== undefined && { package: values.package }),
  };
}

/** The codes of --allow, each a known finding code (a typo is a usage error, never a silent no-op). */
export function allowedCodes(values: readonly string[] | undefined): FindingCode[] {
  const codes = (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  for (const code of codes) {
    if (!isFindingCode(code)) {
      const guess = closest(code, Object.keys(CODES));
      throw new UsageError(
        `--allow ${code}: no such finding code${guess ? `; did you mean ${guess}?` : ''} (stampguard explain CODE lists them)`,
      );
    }
  }
  return codes as FindingCode[];
}

/** The help lines of REPO_OPTIONS' configuration options, the same in every command. */
export const CONFIG_HELP = `  --config FILE     use this configuration file instead of searching for one
  --no-code-config  refuse a JavaScript/TypeScript configuration (exit 2) instead of running
                    it, for checkouts you do not trust; STAMPGUARD_NO_CODE_CONFIG=1 does the same`;

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The whole `stampguard NAME --help` text. */
  help: string;
  run(args: string[], io: Io): Promise<number> | number;
}

/** "stampguard NAME --help": thrown by parse, answered by the dispatcher with the command's help. */
export class HelpRequested extends Error {
  constructor(readonly command: string) {
    super(`help for ${command}`);
  }
}

export interface Parsed<T extends Options> {
  values: ReturnType<
    typeof parseArgs<{ options: T & typeof COMMON_OPTIONS; allowPositionals: true; strict: true }>
  >['values'];
  positionals: string[];
}

/**
 * Parses a command's arguments. strict: "--tag -h" is an error (write --tag=-h), so an option
 * value is never taken for --help; an unknown option names the command and suggests the closest.
 */
export function parse<T extends Options>(command: string, args: string[], options: T, maxPositionals = 0): Parsed<T> {
  const all = { ...COMMON_OPTIONS, ...options };
  let parsed: Parsed<T>;
  try {
    parsed = parseArgs({ args, options: all, allowPositionals: true, strict: true }) as unknown as Parsed<T>;
  } catch (error) {
    throw usageFromParseError(command, error as Error & { code?: string }, all);
  }
  if ((parsed.values as { help?: boolean }).help) throw new HelpRequested(command);
  if (parsed.positionals.length > maxPositionals) {
    throw new UsageError(
      `unexpected argument "${parsed.positionals[maxPositionals]}" for "stampguard ${command}"; see "stampguard ${command} --help"`,
    );
  }
  return parsed;
}

function usageFromParseError(command: string, error: Error & { code?: string }, options: Options): UsageError {
  const text = error.message.replace(/^TypeError \[[A-Z_]+\]: /, '');
  const known = Object.entries(options).flatMap(([name, spec]) => [
    `--${name}`,
    ...(spec.short ? [`-${spec.short}`] : []),
  ]);
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /Unknown option '([^']+)'/.exec(text)?.[1] ?? '';
    const name = option.split('=')[0] ?? option;
    const guess = closest(
      name,
      known.filter((k) => k.startsWith('--')),
    );
    return new UsageError(
      `"stampguard ${command}" has no option ${name}${guess ? `; did you mean ${guess}?` : ''} (see "stampguard ${command} --help")`,
    );
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const option = /Option '(?:-\w, )?(--[\w-]+)/.exec(text)?.[1];
    if (option && options[option.slice(2)]?.type === 'string') {
      return new UsageError(
        `${option} needs a value: ${option} VALUE, or ${option}=VALUE when the value starts with "-" (see "stampguard ${command} --help")`,
      );
    }
    if (option) return new UsageError(`${option} takes no value (see "stampguard ${command} --help")`);
  }
  return new UsageError(`${text} (see "stampguard ${command} --help")`);
}
