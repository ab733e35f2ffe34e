// stampguard version: the version a release build from this checkout would stamp, or a refusal.
import { check } from '../../check.js';
import { EXIT } from '../../errors.js';
import { exitCode } from '../../report.js';
import { formatJson } from '../../reporters/json.js';
import { formatPretty } from '../../reporters/pretty.js';
import { CHECK_OPTIONS, type Command, checkOptionsHelp, parse, sharedCheckOptions } from '../command.js';
import { colorsFor } from '../io.js';

/**
 * A development version from a shallow clone is built from whatever tags the clone happens to
 * have (often none: 0.0.0-dev.1): printed, since it is only a dev version, but never silently.
 */
export const SHALLOW_DEV_WARNING =
  'stampguard: warning: this is a shallow clone, so tags and history may be missing and the development version may be wrong; fetch them (git fetch --unshallow --tags; in GitHub Actions, actions/checkout with fetch-depth: 0)\n';

export const versionCommand: Command = {
  name: 'version',
  summary: 'print the version a release build would stamp, or refuse',
  help: `Usage: stampguard version [--dev] [--allow CODE]... [--json] [--package DIR] [--cwd DIR] [--config FILE] [--no-code-config]

Print the version a release build from this checkout would stamp (plain semver, no prefix), or
refuse: the findings go to stderr, nothing to stdout, exit 1, so VERSION=$(stampguard version)
never gets a half answer.

Options:
  --dev             print the version a development build stamps instead: with the npm
                    convention valid semver that sorts after the nearest release and before
                    the next one (1.4.1-dev.3+g6ebf461); with git-describe and kubernetes what
                    that build stamps (describe output, or a commit id before the first tag;
                    kubernetes needs a reachable tag)
  --json            print the whole report (the same as check --json)
${checkOptionsHelp('the repository (default: the current directory)')}
  --color, --no-color
`,
  async run(args, io) {
    const { values } = parse('version', args, {
      ...CHECK_OPTIONS,
      dev: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    const report = await check({
      mode: 'release',
      ...sharedCheckOptions(values, io),
    });
    if (values.json) {
      io.stdout.write(formatJson(report));
      return values.dev ? (report.version.dev ? EXIT.OK : EXIT.REFUSED) : exitCode(report);
    }
    if (values.dev) {
      if (!report.version.dev) {
        io.stderr.write(`stampguard: no development version: ${noDevVersion(report)}\n`);
        return EXIT.REFUSED;
      }
      if (report.repo.shallow) io.stderr.write(SHALLOW_DEV_WARNING);
      io.stdout.write(`${report.version.dev}\n`);
      return EXIT.OK;
    }
    if (report.ok && report.version.stamp) {
      io.stdout.write(`${report.version.stamp}\n`);
      return EXIT.OK;
    }
    io.stderr.write(formatPretty(report, colorsFor(io.stderr, io, values)));
    return EXIT.REFUSED;
  },
};

/** Why a checkout has no development version: no commit yet, or no tag for git describe. */
export function noDevVersion(report: { repo: { head: string | null } }): string {
  return report.repo.head === null
    ? 'the branch has no commits yet'
    : 'no release tag is reachable from HEAD, and the "kubernetes" convention derives every version from git describe, which needs one (tag a release, or choose another convention)';
}
