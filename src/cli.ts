// The only place that reads argv, prints, and sets process.exitCode.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { check, inspect, type CheckOptions } from './check.js';
import { gateVersion } from './checks/gates.js';
import { CODES, isFindingCode } from './codes.js';
import { loadConfig } from './config.js';
import { ConfigError, EXIT, GitError, UsageError, isCannotRun } from './errors.js';
import { evaluateGates, formatMajorMinor, gateTable } from './gates/index.js';
import { parsePrePush, pushedTags } from './git/hook-input.js';
import { locateRepo } from './git/repo.js';
import { doctor, init, installHooks } from './hooks/init.js';
import { runHook } from './hooks/run.js';
import { colorEnabled, colors } from './reporters/color.js';
import { formatGates } from './reporters/gates.js';
import { formatGithub } from './reporters/github.js';
import { formatJson } from './reporters/json.js';
import { formatFinding, formatPretty } from './reporters/pretty.js';
import { formatVersionInfo, versionInfo } from './stamp.js';
import { MODES, type Mode, type Report } from './types.js';

/** stampguard's own version; test/package.test.ts keeps it equal to package.json's. */
export const VERSION = '0.1.0';

const HELP = `stampguard — stops bad versions before they exist

Usage:
  stampguard check [--mode M] [--tag NAME] [--fetch] [--format F] [--json] [--cwd DIR] [--config FILE]
      Run the guard. --mode: release (default); tag (--tag NAME: a tag about to be created at
      HEAD); commit (the staged content); push (the tags in pre-push lines on stdin);
      preflight (before a version bump: clean tree, no operation, branch, upstream, not shallow).
      --fetch: git fetch first, so behind-upstream compares with the remote's latest commits
      (the only option that writes to the repository: its remote-tracking refs).
      --format: pretty (default), json, github; --json = --format json.
  stampguard version [--dev] [--json] [--cwd DIR] [--config FILE]
      Print the version a release build from this checkout would stamp (plain semver, no
      prefix), or refuse with the findings. --dev prints a development version instead.
  stampguard stamp [--out FILE] [--dev] [--cwd DIR] [--config FILE]
      Run the release check and, only if it passes, write a version-info file (version, tag,
      commit, tree state, build date honouring SOURCE_DATE_EPOCH, emulation versions when
      gates are configured). The format follows the extension: .json, .js/.mjs/.ts, .env.
      Without --out the JSON goes to stdout. --dev stamps the development version instead.
  stampguard gates [--at VERSION] [--json] [--cwd DIR] [--config FILE]
      Every configured feature gate's stage, default and lock at a version (default: the
      version a build from this checkout would stamp) next to its configured value. Exit 1
      when a configured value or the emulation window is invalid there.
  stampguard init [--dry-run]
      Install the hooks with husky: pre-commit (commit mode), pre-push (push mode) and a
      reference-transaction pre-filter that guards "git tag"; add "husky && stampguard
      install-hooks" to the prepare script; write a starter config if there is none.
      Idempotent; keeps existing hook lines and prepare commands.
  stampguard install-hooks
      Re-create the reference-transaction pre-filter in husky's folder (the prepare script
      runs this after husky). Never fails an install.
  stampguard doctor
      Tell whether the hooks are armed in this working tree, and how to fix it if not.
  stampguard hook pre-commit|pre-push|reference-transaction [ARGS]
      Entry point for the hook scripts; reads git's stdin. STAMPGUARD=0 skips with a notice.
  stampguard explain CODE
      What a finding code means, why it blocks, how to fix it.
  stampguard help | --help        This text.
  stampguard --version            stampguard's own version.

Options:
  --no-color / --color            Override colour detection (NO_COLOR and FORCE_COLOR are honoured).

Exit codes: 0 passed (warnings allowed), 1 refused, 2 could not run.
Finding codes: ${Object.keys(CODES).join(', ')}.
`;

interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

const COMMON = {
  cwd: { type: 'string' },
  config: { type: 'string' },
  json: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

/** "stampguard <command> --help": thrown by parse, answered in main with the help text. */
class HelpRequested extends Error {}

function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  const parsed = (() => {
    try {
      // strict: "--tag -h" is an error (use --tag=-h), so an option value is never taken for --help.
      return parseArgs({ args, options: { ...COMMON, ...options }, allowPositionals: true, strict: true });
    } catch (error) {
      throw new UsageError((error as Error).message.replace(/^TypeError \[[A-Z_]+\]: /, ''));
    }
  })();
  if ((parsed.values as { help?: boolean }).help) throw new HelpRequested();
  return parsed;
}

function colorFlag(values: { color?: boolean; 'no-color'?: boolean }): boolean | undefined {
  if (values['no-color']) return false;
  if (values.color) return true;
  return undefined;
}

export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env }): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout.write(HELP);
        return command === undefined ? EXIT.CANNOT_RUN : EXIT.OK;
      case '--version':
      case '-v':
        io.stdout.write(`${VERSION}\n`);
        return EXIT.OK;
      case 'check':
        return await runCheck(rest, io);
      case 'version':
        return await runVersion(rest, io);
      case 'explain':
        return runExplain(rest, io);
      case 'gates':
        return await runGates(rest, io);
      case 'stamp':
        return await runStamp(rest, io);
      case 'init':
        return await runInit(rest, io);
      case 'install-hooks':
        io.stderr.write(await installHooks({ cwd: process.cwd(), env: io.env }));
        return EXIT.OK;
      case 'doctor':
        return await runDoctor(rest, io);
      case 'hook':
        return await runHookCommand(rest, io);
      default:
        throw new UsageError(`unknown command "${command}"; run "stampguard help" for the list`);
    }
  } catch (error) {
    if (error instanceof HelpRequested) {
      io.stdout.write(HELP);
      return EXIT.OK;
    }
    if (!isCannotRun(error)) throw error;
    const c = colors(colorEnabled(io.stderr, io.env));
    io.stderr.write(`${c.red('stampguard: could not run:')} ${error.message}\n`);
    const hint = error instanceof GitError ? error.hint : error instanceof ConfigError ? configHint(error) : 'Run "stampguard help" for usage.';
    if (hint) io.stderr.write(`  ${c.cyan('→')} ${hint}\n`);
    return EXIT.CANNOT_RUN;
  }
}

function configHint(error: ConfigError): string {
  return error.file ? `Fix ${error.file}${error.keyPath ? ` at "${error.keyPath}"` : ''}; the configuration reference is in the README.` : 'See the configuration reference in the README.';
}

function checkOptions(values: { cwd?: string; config?: string }, mode: Mode, tag?: string): CheckOptions {
  return {
    mode,
    ...(values.cwd !== undefined && { cwd: values.cwd }),
    ...(values.config !== undefined && { config: values.config }),
    ...(tag !== undefined && { tag }),
  };
}

async function runCheck(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    mode: { type: 'string' },
    tag: { type: 'string' },
    format: { type: 'string' },
    fetch: { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const mode = (values.mode ?? (values.tag !== undefined ? 'tag' : 'release')) as Mode;
  if (!MODES.includes(mode)) throw new UsageError(`--mode must be one of ${MODES.join(', ')}, got "${values.mode}"`);
  if (values.tag !== undefined && mode !== 'tag') throw new UsageError('--tag goes with --mode tag');
  const format = values.json ? 'json' : (values.format ?? (io.env.GITHUB_ACTIONS === 'true' ? 'github' : 'pretty'));
  if (!['pretty', 'json', 'github'].includes(format)) throw new UsageError(`--format must be pretty, json or github, got "${format}"`);
  const options = checkOptions(values, mode, values.tag);
  if (values.fetch) {
    if (mode !== 'release' && mode !== 'preflight') throw new UsageError('--fetch goes with release and preflight modes');
    options.fetch = true;
  }
  // Push mode reads the refs being pushed as git gives them to pre-push, from stdin.
  if (mode === 'push') options.pushedTags = pushedTags(parsePrePush(await readStdin(io)));
  const report = await check(options);
  if (format === 'json') io.stdout.write(formatJson(report));
  else if (format === 'github') io.stdout.write(formatGithub(report));
  else io.stdout.write(formatPretty(report, colors(colorEnabled(io.stdout, io.env, colorFlag(values)))));
  return exitCode(report);
}

async function runVersion(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { dev: { type: 'boolean' } });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const report = await check(checkOptions(values, 'release'));
  if (values.json) {
    io.stdout.write(formatJson(report));
    return values.dev ? (report.version.dev ? EXIT.OK : EXIT.REFUSED) : exitCode(report);
  }
  if (values.dev) {
    if (!report.version.dev) {
      io.stderr.write('stampguard: no development version: the branch has no commits yet\n');
      return EXIT.REFUSED;
    }
    io.stdout.write(`${report.version.dev}\n`);
    return EXIT.OK;
  }
  if (report.ok && report.version.stamp) {
    io.stdout.write(`${report.version.stamp}\n`);
    return EXIT.OK;
  }
  // Nothing on stdout: a script doing VERSION=$(stampguard version) must not get a half answer.
  io.stderr.write(formatPretty(report, colors(colorEnabled(io.stderr, io.env, colorFlag(values)))));
  return EXIT.REFUSED;
}

async function runGates(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { at: { type: 'string' } });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const cwd = path.resolve(values.cwd ?? process.cwd());
  let stampedVersion: string | null;
  let config;
  if (values.at !== undefined) {
    stampedVersion = values.at.replace(/^v(?=\d)/, '');
    if (!/^\d+\.\d+(\.\d+)?([-+].*)?$/.test(stampedVersion)) throw new UsageError(`--at expects a version such as 1.33 or 1.33.0, got "${values.at}"`);
    // Outside a repository the configuration is looked up from the current directory alone.
    const root = await locateRepo(cwd).then((l) => l.root, (error: unknown) => (error instanceof GitError ? cwd : Promise.reject(error)));
    config = await loadConfig({ cwd, root, ...(values.config !== undefined && { configFile: values.config }) });
  } else {
    const inspection = await inspect(checkOptions(values, 'release'));
    config = inspection.config;
    stampedVersion = gateVersion(inspection);
    if (!stampedVersion) {
      throw new UsageError('there is no version to evaluate the gates at: no release tag is reachable. Pass one with --at VERSION.');
    }
  }
  if (!config.gates) {
    throw new UsageError(`no feature gates are configured${config.file ? ` in ${config.file}` : ''}; add a "gates" section (see docs/gates.md)`);
  }
  const input = { gates: config.gates, stampedVersion };
  const table = gateTable(input);
  const findings = evaluateGates(input);
  const ok = !findings.some((f) => f.severity === 'error');
  if (values.json) {
    const w = table.window;
    const window = w && {
      binary: formatMajorMinor(w.binary),
      emulation: formatMajorMinor(w.emulation),
      minCompatibility: formatMajorMinor(w.minCompatibility),
      lowerBound: formatMajorMinor(w.lowerBound),
    };
    io.stdout.write(JSON.stringify({ schemaVersion: 1, ok, version: stampedVersion, specsSource: config.gates.specsSource, window, gates: table.rows, findings }, null, 2) + '\n');
  } else {
    const color = colorEnabled(io.stdout, io.env, colorFlag(values));
    io.stdout.write(formatGates(table, { color, stampedVersion }));
    const c = colors(color);
    // Per-gate verdicts are in the table; the window and spec problems need their own lines.
    for (const f of findings.filter((f) => f.code === 'emulation-out-of-range' || f.code === 'gate-spec-invalid')) {
      io.stdout.write(formatFinding(f, c).join('\n') + '\n');
    }
  }
  return ok ? EXIT.OK : EXIT.REFUSED;
}

async function runStamp(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { out: { type: 'string' }, dev: { type: 'boolean' } });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const cwd = path.resolve(values.cwd ?? process.cwd());
  const out = values.out === undefined ? null : path.resolve(cwd, values.out);
  if (out) formatVersionInfo({ version: '0.0.0', release: true, tag: null, commit: '', treeState: 'clean', buildDate: '' }, out); // reject a bad extension before any work
  const inspection = await inspect(checkOptions(values, 'release'));
  if (!values.dev && !inspection.report.ok) {
    io.stderr.write(formatPretty(inspection.report, colors(colorEnabled(io.stderr, io.env, colorFlag(values)))));
    io.stderr.write('stampguard: nothing was stamped.\n');
    return EXIT.REFUSED;
  }
  const info = versionInfo(inspection, { dev: Boolean(values.dev), env: io.env });
  if (!out) {
    io.stdout.write(formatVersionInfo(info, 'stdout.json'));
    return EXIT.OK;
  }
  writeFileAtomic(out, formatVersionInfo(info, out));
  io.stderr.write(`stampguard: stamped ${info.version}${info.release ? '' : ' (development build)'} into ${path.relative(process.cwd(), out) || out}\n`);
  return EXIT.OK;
}

function writeFileAtomic(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.stampguard-${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}

async function runInit(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { 'dry-run': { type: 'boolean' } });
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const result = await init({ cwd: path.resolve(values.cwd ?? process.cwd()), env: io.env, dryRun: Boolean(values['dry-run']) });
  const c = colors(colorEnabled(io.stdout, io.env, colorFlag(values)));
  const verb = values['dry-run'] ? 'would' : result.code === 0 ? '' : 'could not';
  if (result.code === 0 && result.actions.length === 0 && !values['dry-run'] && io.env.HUSKY !== '0') {
    io.stdout.write(`${c.green('✔')} stampguard: hooks already installed; nothing to change\n`);
  }
  for (const action of result.actions) io.stdout.write(`${verb ? `${verb} ` : `${c.green('✔')} `}${action.description}\n`);
  for (const note of result.notes) (result.code === 0 ? io.stdout : io.stderr).write(`${result.code === 0 ? c.cyan('→') : c.red('stampguard: could not run:')} ${note}\n`);
  return result.code;
}

async function runDoctor(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {});
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const checks = await doctor({ cwd: path.resolve(values.cwd ?? process.cwd()), env: io.env });
  const c = colors(colorEnabled(io.stdout, io.env, colorFlag(values)));
  if (values.json) {
    io.stdout.write(JSON.stringify({ ok: checks.every((x) => x.ok), checks }, null, 2) + '\n');
  } else {
    for (const x of checks) io.stdout.write(`${x.ok ? c.green('✔') : c.red('✖')} ${x.what}${x.fix ? `\n    ${c.cyan('→')} ${x.fix}` : ''}\n`);
    io.stdout.write(checks.every((x) => x.ok) ? 'Hooks are armed.\n' : 'Hooks are NOT armed: commits, tags and pushes are not guarded here.\n');
  }
  return checks.every((x) => x.ok) ? EXIT.OK : EXIT.REFUSED;
}

async function runHookCommand(args: string[], io: Io): Promise<number> {
  const [name, ...rest] = args;
  if (!name) throw new UsageError('usage: stampguard hook pre-commit|pre-push|reference-transaction [ARGS]');
  const stdin = name === 'pre-commit' ? '' : await readStdin(io);
  const result = await runHook(name, rest, { cwd: process.cwd(), env: io.env, stdin, colors: colors(colorEnabled(io.stderr, io.env)) });
  io.stderr.write(result.output);
  return result.code;
}

/** All of stdin, or "" when it is a terminal or closed. */
async function readStdin(io: Io): Promise<string> {
  const stdin = io.stdin;
  if (!stdin || stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  } catch {
    return Buffer.concat(chunks).toString('utf8');
  }
  return Buffer.concat(chunks).toString('utf8');
}

function runExplain(args: string[], io: Io): number {
  const { values, positionals } = parse(args, {});
  const code = positionals[0];
  if (values.help || code === undefined) {
    io.stdout.write(`Usage: stampguard explain CODE\nCodes: ${Object.keys(CODES).join(', ')}\n`);
    return code === undefined && !values.help ? EXIT.CANNOT_RUN : EXIT.OK;
  }
  if (!isFindingCode(code)) throw new UsageError(`unknown finding code "${code}"; known codes: ${Object.keys(CODES).join(', ')}`);
  const info = CODES[code];
  io.stdout.write(`${code}: ${info.title} (${info.severity})\n\n${info.explain}\n`);
  return EXIT.OK;
}

/** The exit code of a report: one pure rule. */
export function exitCode(report: Report): number {
  return report.ok ? EXIT.OK : EXIT.REFUSED;
}

// Run when executed as the bin (bin/stampguard.js imports this module and calls run()).
export async function run(): Promise<void> {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    // A bug, not a refusal: exit 1 would read as "refused", so it is 2 ("could not run"), with
    // the whole stack for the report.
    process.stderr.write(`stampguard: internal error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT.CANNOT_RUN;
  }
}
