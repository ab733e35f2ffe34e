// The command line: finds the command, runs it, turns "could not run" errors into exit 2 with a
// message and a hint. The only place that reads argv and sets process.exitCode.
import { CODES } from '../codes.js';
import { ConfigError, EXIT, GitError, isCannotRun, UsageError } from '../errors.js';
import { killRunningGit } from '../git/run.js';
import { closest } from '../util/text.js';
import { type Command, HelpRequested } from './command.js';
import { checkCommand } from './commands/check.js';
import { explainCommand } from './commands/explain.js';
import { gatesCommand } from './commands/gates.js';
import { doctorCommand, hookCommand, initCommand, installHooksCommand, uninstallCommand } from './commands/hooks.js';
import { stampCommand } from './commands/stamp.js';
import { versionCommand } from './commands/version.js';
import { colorsFor, type Io, processIo } from './io.js';

/** stampguard's own version; test/package.test.ts keeps it equal to package.json's. */
export const VERSION = '0.1.0';

/** Every command, in the order the help lists them. */
export const COMMANDS: readonly Command[] = [
  checkCommand,
  versionCommand,
  stampCommand,
  gatesCommand,
  initCommand,
  installHooksCommand,
  uninstallCommand,
  doctorCommand,
  hookCommand,
  explainCommand,
];

export function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return `stampguard — stops bad versions before they exist

Usage: stampguard COMMAND [OPTIONS]      stampguard COMMAND --help for a command's options

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}
  ${'help'.padEnd(width)}  this text; stampguard --version prints stampguard's own version

Exit codes: 0 passed (warnings allowed), 1 refused, 2 could not run.
Colour: NO_COLOR and FORCE_COLOR are honoured; --color / --no-color override.
Finding codes: ${Object.keys(CODES).join(', ')}.
`;
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  try {
    switch (name) {
      case undefined:
        io.stderr.write(helpText());
        return EXIT.CANNOT_RUN;
      case 'help':
      case '--help':
      case '-h': {
        const topic = name === 'help' ? rest[0] : undefined;
        const command = topic === undefined ? undefined : COMMANDS.find((c) => c.name === topic);
        io.stdout.write(command ? command.help : helpText());
        return EXIT.OK;
      }
      case '--version':
      case '-v':
        io.stdout.write(`${VERSION}\n`);
        return EXIT.OK;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) {
      const guess = closest(
        name,
        COMMANDS.map((c) => c.name),
      );
      throw new UsageError(
        `unknown command "${name}"${guess ? `; did you mean "${guess}"?` : ''} Run "stampguard help" for the list`,
      );
    }
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof HelpRequested) {
      io.stdout.write(COMMANDS.find((c) => c.name === error.command)?.help ?? helpText());
      return EXIT.OK;
    }
    if (!isCannotRun(error)) throw error;
    const c = colorsFor(io.stderr, io);
    io.stderr.write(`${c.red('stampguard: could not run:')} ${error.message}\n`);
    const hint =
      error instanceof GitError
        ? error.hint
        : error instanceof ConfigError
          ? configHint(error)
          : 'Run "stampguard help" for usage.';
    if (hint) io.stderr.write(`  ${c.cyan('→')} ${hint}\n`);
    return EXIT.CANNOT_RUN;
  }
}

function configHint(error: ConfigError): string {
  return error.file
    ? `Fix ${error.file}${error.keyPath ? ` at "${error.keyPath}"` : ''}; the configuration reference is in the README.`
    : 'See the configuration reference in the README.';
}

/** What bin/stampguard.js runs. */
export async function run(): Promise<void> {
  // git runs in process groups of its own: take them down with us.
  process.once('exit', killRunningGit);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killRunningGit();
      process.kill(process.pid, signal); // and die of it, as without a handler
    });
  }
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    // A bug, not a refusal: exit 1 would read as "refused", so it is 2 ("could not run"), with
    // the whole stack for the report.
    process.stderr.write(
      `stampguard: internal error (please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = EXIT.CANNOT_RUN;
  }
}
