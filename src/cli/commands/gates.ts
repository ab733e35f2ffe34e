// stampguard gates: every feature gate's stage, default and lock at a version, next to the
// configured values.
import path from 'node:path';
import { inspect } from '../../check.js';
import { loadConfig } from '../../config/index.js';
import { EXIT, GitError, UsageError } from '../../errors.js';
import { evaluateGates, formatMajorMinor, gateTable } from '../../gates/index.js';
import { locateRepo } from '../../git/repo.js';
import { colorEnabled, colors } from '../../reporters/color.js';
import { formatGates } from '../../reporters/gates.js';
import { formatFinding } from '../../reporters/pretty.js';
import type { Config } from '../../types.js';
import { CONFIG_HELP, type Command, parse, REPO_OPTIONS } from '../command.js';

export const gatesCommand: Command = {
  name: 'gates',
  summary: "show every feature gate's stage, default and lock at a version",
  help: `Usage: stampguard gates [--at VERSION] [--json] [--cwd DIR] [--config FILE] [--no-code-config]

Every configured feature gate's stage, default and lock at a version, next to its configured
value and a verdict. Exit 1 when a configured value or the emulation window is invalid there.

Options:
  --at VERSION      the version to evaluate at (1.33 or 1.33.0); default: the version a build
                    from this checkout would stamp. Works outside a repository.
  --json            the table as JSON
  --cwd DIR         the repository (default: the current directory)
${CONFIG_HELP}
  --color, --no-color
`,
  async run(args, io) {
    const { values } = parse('gates', args, { ...REPO_OPTIONS, at: { type: 'string' }, json: { type: 'boolean' } });
    const cwd = path.resolve(io.cwd, values.cwd ?? '.');
    let stampedVersion: string | null;
    let config: Config;
    if (values.at !== undefined) {
      stampedVersion = values.at.replace(/^v(?=\d)/, '');
      if (!/^\d+\.\d+(\.\d+)?([-+].*)?$/.test(stampedVersion))
        throw new UsageError(`--at expects a version such as 1.33 or 1.33.0, got "${values.at}"`);
      // Outside a repository the configuration is looked up from the current directory alone.
      const root = await locateRepo(cwd).then(
        (l) => l.root,
        (error: unknown) => (error instanceof GitError ? cwd : Promise.reject(error)),
      );
      config = await loadConfig({
        cwd,
        root,
        ...(values.config !== undefined && { configFile: values.config }),
        ...(values['no-code-config'] && { noCodeConfig: true }),
      });
    } else {
      const inspection = await inspect({
        mode: 'release',
        cwd,
        ...(values.config !== undefined && { config: values.config }),
        ...(values['no-code-config'] && { noCodeConfig: true }),
      });
      config = inspection.config;
      stampedVersion = inspection.contexts[0]?.subject.gatesAt ?? null;
      if (!stampedVersion) {
        throw new UsageError(
          'there is no version to evaluate the gates at: no release tag is reachable. Pass one with --at VERSION.',
        );
      }
    }
    if (!config.gates) {
      throw new UsageError(
        `no feature gates are configured${config.file ? ` in ${config.file}` : ''}; add a "gates" section (see docs/gates.md)`,
      );
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
      io.stdout.write(
        `${JSON.stringify(
          {
            schemaVersion: 1,
            ok,
            version: stampedVersion,
            specsSource: config.gates.specsSource,
            window,
            gates: table.rows,
            findings,
          },
          null,
          2,
        )}\n`,
      );
    } else {
      const color = colorEnabled(io.stdout, io.env, values['no-color'] ? false : values.color ? true : undefined);
      io.stdout.write(formatGates(table, { color, stampedVersion }));
      const c = colors(color);
      // Per-gate verdicts are in the table; the window and spec problems need their own lines.
      for (const f of findings.filter((f) => f.code === 'emulation-out-of-range' || f.code === 'gate-spec-invalid')) {
        io.stdout.write(`${formatFinding(f, c).join('\n')}\n`);
      }
    }
    return ok ? EXIT.OK : EXIT.REFUSED;
  },
};
