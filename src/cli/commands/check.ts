// stampguard check: run the guard in one of its modes and print the report.
import { type CheckOptions, check } from '../../check.js';
import { UsageError } from '../../errors.js';
import { parsePrePush, pushedTags } from '../../git/hook-input.js';
import { exitCode } from '../../report.js';
import { FORMATS, type Format, formatReport } from '../../reporters/index.js';
import { MODES, type Mode } from '../../types.js';
import { CHECK_OPTIONS, type Command, checkOptionsHelp, parse, sharedCheckOptions } from '../command.js';
import { colorsFor, readStdin } from '../io.js';

export const checkCommand: Command = {
  name: 'check',
  summary: 'run the guard: is this checkout (or this tag, commit, push) releasable?',
  help: `Usage: stampguard check [--mode M] [--tag NAME] [--fetch] [--allow CODE]... [--format F] [--json] [--package DIR] [--cwd DIR] [--config FILE] [--no-code-config]

Run the guard and print its report. Exit 0 passed (warnings allowed), 1 refused, 2 could not run.

Modes (--mode):
  release     the checkout as it is (default): clean tree, exactly on a release tag, version
              files equal to the tag, allowed branch, not behind upstream, gates valid
  tag         a tag about to be created (--tag NAME, at HEAD; implies --mode tag)
  commit      the staged content: version files and configuration in the index
  push        the tags in pre-push lines ("<local ref> <oid> <remote ref> <oid>") on stdin
  preflight   before a version bump: clean tree, no operation, branch, upstream, not shallow

Options:
  --tag NAME        the tag to check in tag mode (write --tag=NAME when NAME starts with "-")
  --fetch           git fetch first, so behind-upstream compares with the remote's latest
                    commits (the one option that writes to the repository: remote-tracking refs)
  --format F        pretty (default), json or github (GitHub Actions annotations; the default
                    when GITHUB_ACTIONS=true)
  --json            the same as --format json: exactly one JSON document on stdout
${checkOptionsHelp('the repository to check (default: the current directory)')}
  --color, --no-color
`,
  async run(args, io) {
    const { values } = parse('check', args, {
      ...CHECK_OPTIONS,
      mode: { type: 'string' },
      tag: { type: 'string' },
      format: { type: 'string' },
      json: { type: 'boolean' },
      fetch: { type: 'boolean' },
    });
    const mode = (values.mode ?? (values.tag !== undefined ? 'tag' : 'release')) as Mode;
    if (!MODES.includes(mode)) throw new UsageError(`--mode must be one of ${MODES.join(', ')}, got "${values.mode}"`);
    if (values.tag !== undefined && mode !== 'tag') throw new UsageError('--tag goes with --mode tag');
    const format = (
      values.json ? 'json' : (values.format ?? (io.env.GITHUB_ACTIONS === 'true' ? 'github' : 'pretty'))
    ) as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be ${FORMATS.join(', ')}, got "${format}"`);
    const options: CheckOptions = {
      mode,
      ...sharedCheckOptions(values, io),
      ...(values.tag !== undefined && { tag: values.tag }),
    };
    if (values.fetch) {
      if (mode !== 'release' && mode !== 'preflight')
        throw new UsageError('--fetch goes with release and preflight modes');
      options.fetch = true;
    }
    // Push mode reads the refs being pushed as git gives them to pre-push, from stdin.
    if (mode === 'push') options.pushedTags = pushedTags(parsePrePush(await readStdin(io)));
    const report = await check(options);
    io.stdout.write(formatReport(format, report, colorsFor(io.stdout, io, values)));
    return exitCode(report);
  },
};
