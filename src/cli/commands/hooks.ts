// The commands that wire stampguard into git: init, install-hooks, uninstall, doctor, and the hook
// entry point the hook scripts call.
import path from 'node:path';
import { EXIT, UsageError } from '../../errors.js';
import { doctor } from '../../hooks/doctor.js';
import { type InitResult, init, installHooks } from '../../hooks/init.js';
import { HOOK_NAMES, runHook } from '../../hooks/run.js';
import { uninstall } from '../../hooks/uninstall.js';
import { type Command, parse } from '../command.js';
import type { Io } from '../io.js';
import { colorsFor, readStdin } from '../io.js';

export const initCommand: Command = {
  name: 'init',
  summary: 'install the hooks (through husky), the npm lifecycle guards and a starter configuration',
  help: `Usage: stampguard init [--dry-run] [--no-scripts] [--cwd DIR]

Install the hooks with husky: a line in .husky/pre-commit (commit mode) and .husky/pre-push (push
mode), and stampguard's scripts in husky's folder .husky/_ (a reference-transaction pre-filter that
guards "git tag", and the pre-commit/pre-push pre-filters). Add "husky && stampguard install-hooks"
to the install script (prepare; postinstall under Yarn 2+), and the npm lifecycle guards
preversion ("stampguard check --mode preflight") and prepublishOnly ("stampguard check"), keeping
your own commands after them. Write a starter configuration if there is none. Files that must be
committed but are ignored by .gitignore get allow-list lines. Idempotent; keeps file modes.

Options:
  --dry-run         say what would be done, write nothing
  --no-scripts      leave preversion and prepublishOnly alone
  --cwd DIR         the repository (default: the current directory)
`,
  async run(args, io) {
    const { values } = parse('init', args, {
      'dry-run': { type: 'boolean' },
      'no-scripts': { type: 'boolean' },
      cwd: { type: 'string' },
    });
    const dryRun = Boolean(values['dry-run']);
    const result = await init({
      cwd: path.resolve(io.cwd, values.cwd ?? '.'),
      env: io.env,
      dryRun,
      scripts: !values['no-scripts'],
    });
    if (result.code === 0 && result.actions.length === 0 && !dryRun && io.env.HUSKY !== '0') {
      io.stdout.write(
        `${colorsFor(io.stdout, io, values).green('✔')} stampguard: hooks already installed; nothing to change\n`,
      );
    }
    printResult(result, dryRun, io, values);
    return result.code;
  },
};

function printResult(
  result: InitResult,
  dryRun: boolean,
  io: Io,
  values: { color?: boolean; 'no-color'?: boolean },
): void {
  const c = colorsFor(io.stdout, io, values);
  for (const action of result.actions)
    io.stdout.write(`${dryRun ? 'would ' : `${c.green('✔')} `}${action.description}\n`);
  for (const note of result.notes)
    (result.code === 0 ? io.stdout : io.stderr).write(
      `${result.code === 0 ? c.cyan('→') : c.red('stampguard: could not finish:')} ${note}\n`,
    );
}

export const uninstallCommand: Command = {
  name: 'uninstall',
  summary: 'remove exactly what init added, keep everything else',
  help: `Usage: stampguard uninstall [--dry-run] [--cwd DIR]

Remove what stampguard init added: its lines in .husky/pre-commit and .husky/pre-push (a file that
held only that line is deleted), its scripts in .husky/_, its segments of the prepare/postinstall,
preversion and prepublishOnly scripts, its allow-list lines in .gitignore, and the starter
configuration if it is unchanged. husky and your own hooks and scripts stay. Then remove the
package itself (npm uninstall stampguard).

Options:
  --dry-run         say what would be removed, change nothing
  --cwd DIR         the repository (default: the current directory)
`,
  async run(args, io) {
    const { values } = parse('uninstall', args, { 'dry-run': { type: 'boolean' }, cwd: { type: 'string' } });
    const dryRun = Boolean(values['dry-run']);
    const result = await uninstall({ cwd: path.resolve(io.cwd, values.cwd ?? '.'), dryRun });
    printResult(result, dryRun, io, values);
    return result.code;
  },
};

export const installHooksCommand: Command = {
  name: 'install-hooks',
  summary: "re-create stampguard's hook scripts in husky's folder (the prepare script runs it)",
  help: `Usage: stampguard install-hooks

Re-create stampguard's generated scripts in husky's folder (.husky/_/): the reference-transaction
pre-filter that guards "git tag", and stampguard.sh, the pre-commit/pre-push pre-filter the hook
lines call. A fresh clone, a new worktree or "git clean -X" leaves the folder without them. The prepare script runs it after
husky. Never fails an install: problems are reported and the exit code stays 0.
`,
  async run(args, io) {
    parse('install-hooks', args, {});
    io.stderr.write(await installHooks({ cwd: io.cwd, env: io.env }));
    return EXIT.OK;
  },
};

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'tell whether the hooks are armed in this working tree, what git runs, and how to fix it',
  help: `Usage: stampguard doctor [--json] [--cwd DIR]

Tell whether the hooks are armed in this working tree (exit 0) or not (exit 1), how to fix each
problem, and what git runs on commit, tag and push. It starts stampguard the way the hooks do
(the generated launcher, with --version) to prove they can. Otherwise reads only.

Options:
  --json            the checks as JSON
  --cwd DIR         the repository (default: the current directory)
  --color, --no-color
`,
  async run(args, io) {
    const { values } = parse('doctor', args, { json: { type: 'boolean' }, cwd: { type: 'string' } });
    const result = await doctor({ cwd: path.resolve(io.cwd, values.cwd ?? '.'), env: io.env });
    const c = colorsFor(io.stdout, io, values);
    if (values.json) {
      io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      for (const x of result.checks)
        io.stdout.write(
          `${x.ok ? (x.warning ? c.yellow('!') : c.green('✔')) : c.red('✖')} ${x.what}${x.fix ? `\n    ${c.cyan('→')} ${x.fix}` : ''}\n`,
        );
      io.stdout.write('What git runs here:\n');
      for (const [event, steps] of Object.entries(result.runs))
        io.stdout.write(`  on ${event.padEnd(6)} ${steps.join('\n              ')}\n`);
      io.stdout.write(
        result.ok ? 'Hooks are armed.\n' : 'Hooks are NOT armed: commits, tags and pushes are not guarded here.\n',
      );
    }
    return result.ok ? EXIT.OK : EXIT.REFUSED;
  },
};

export const hookCommand: Command = {
  name: 'hook',
  summary: "entry point for the hook scripts (reads git's stdin)",
  help: `Usage: stampguard hook ${HOOK_NAMES.join('|')} [ARGS]

The entry point the hook scripts call, with git's own arguments and stdin. STAMPGUARD=0 skips
every hook with a one-line notice; HUSKY=0 skips husky's hooks.
`,
  async run(args, io) {
    // The arguments after the hook name are git's (a remote name, a URL, a state), never options.
    const [name, ...rest] = args;
    if (name === '--help' || name === '-h') {
      io.stdout.write(hookCommand.help);
      return EXIT.OK;
    }
    if (!name) throw new UsageError(`usage: stampguard hook ${HOOK_NAMES.join('|')} [ARGS]`);
    const stdin = name === 'pre-commit' ? '' : await readStdin(io);
    const result = await runHook(name, rest, { cwd: io.cwd, env: io.env, stdin, colors: colorsFor(io.stderr, io) });
    io.stderr.write(result.output);
    return result.code;
  },
};
