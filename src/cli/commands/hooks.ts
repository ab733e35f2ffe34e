// The commands that wire stampguard into git: init, install-hooks, doctor, and the hook entry
// point the hook scripts call.
import path from 'node:path';
import { EXIT, UsageError } from '../../errors.js';
import { doctor, init, installHooks } from '../../hooks/init.js';
import { HOOK_NAMES, runHook } from '../../hooks/run.js';
import { type Command, parse } from '../command.js';
import { colorsFor, readStdin } from '../io.js';

export const initCommand: Command = {
  name: 'init',
  summary: 'install the hooks (through husky) and a starter configuration',
  help: `Usage: stampguard init [--dry-run] [--cwd DIR]

Install the hooks with husky: pre-commit (commit mode), pre-push (push mode) and a
reference-transaction pre-filter that guards "git tag"; add "husky && stampguard install-hooks"
to the prepare script; write a starter configuration if there is none. Idempotent; keeps
existing hook lines and prepare commands.

Options:
  --dry-run         say what would be done, write nothing
  --cwd DIR         the repository (default: the current directory)
`,
  async run(args, io) {
    const { values } = parse('init', args, { 'dry-run': { type: 'boolean' }, cwd: { type: 'string' } });
    const dryRun = Boolean(values['dry-run']);
    const result = await init({ cwd: path.resolve(io.cwd, values.cwd ?? '.'), env: io.env, dryRun });
    const c = colorsFor(io.stdout, io, values);
    const verb = dryRun ? 'would' : result.code === 0 ? '' : 'could not';
    if (result.code === 0 && result.actions.length === 0 && !dryRun && io.env.HUSKY !== '0') {
      io.stdout.write(`${c.green('✔')} stampguard: hooks already installed; nothing to change\n`);
    }
    for (const action of result.actions)
      io.stdout.write(`${verb ? `${verb} ` : `${c.green('✔')} `}${action.description}\n`);
    for (const note of result.notes)
      (result.code === 0 ? io.stdout : io.stderr).write(
        `${result.code === 0 ? c.cyan('→') : c.red('stampguard: could not run:')} ${note}\n`,
      );
    return result.code;
  },
};

export const installHooksCommand: Command = {
  name: 'install-hooks',
  summary: "re-create stampguard's hook scripts in husky's folder (the prepare script runs it)",
  help: `Usage: stampguard install-hooks

Re-create the reference-transaction pre-filter in husky's generated folder (.husky/_/), which a
fresh clone, a new worktree or "git clean -X" leaves without it. The prepare script runs it after
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
  summary: 'tell whether the hooks are armed in this working tree, and how to fix it',
  help: `Usage: stampguard doctor [--json] [--cwd DIR]

Tell whether the hooks are armed in this working tree (exit 0) or not (exit 1), and how to fix
each problem. Reads only.

Options:
  --json            the checks as JSON
  --cwd DIR         the repository (default: the current directory)
  --color, --no-color
`,
  async run(args, io) {
    const { values } = parse('doctor', args, { json: { type: 'boolean' }, cwd: { type: 'string' } });
    const checks = await doctor({ cwd: path.resolve(io.cwd, values.cwd ?? '.'), env: io.env });
    const c = colorsFor(io.stdout, io, values);
    const ok = checks.every((x) => x.ok);
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ ok, checks }, null, 2)}\n`);
    } else {
      for (const x of checks)
        io.stdout.write(
          `${x.ok ? c.green('✔') : c.red('✖')} ${x.what}${x.fix ? `\n    ${c.cyan('→')} ${x.fix}` : ''}\n`,
        );
      io.stdout.write(
        ok ? 'Hooks are armed.\n' : 'Hooks are NOT armed: commits, tags and pushes are not guarded here.\n',
      );
    }
    return ok ? EXIT.OK : EXIT.REFUSED;
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
