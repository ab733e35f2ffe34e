// stampguard gates: every feature gate's stage, default and lock at a version, next to the
// configured values; --changes FROM..TO for release notes; --timeline for the picture. The
// pipeline (evaluate, then word) is gates/findings.ts gatesReport, shared with `check`.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inspect } from '../../check.js';
import { loadConfig } from '../../config/index.js';
import { EXIT, GitError, UsageError } from '../../errors.js';
import { gateChanges } from '../../gates/changes.js';
import {
  formatMajorMinor,
  type GateVerdict,
  gatesReport,
  loadSpecsFile,
  type MajorMinor,
  majorMinorOf,
} from '../../gates/index.js';
import { timelineModel } from '../../gates/timeline.js';
import { locateRepo } from '../../git/repo.js';
import { colorEnabled } from '../../reporters/color.js';
import { changesJson, formatChanges } from '../../reporters/gate-changes.js';
import { formatGates } from '../../reporters/gates.js';
import { formatTimelineHtml, formatTimelineSvg } from '../../reporters/timeline.js';
import type { Config, GatesConfig } from '../../types.js';
import { plural } from '../../util/text.js';
import { CONFIG_HELP, type Command, parse, REPO_OPTIONS } from '../command.js';

export const gatesCommand: Command = {
  name: 'gates',
  summary: "show every feature gate's stage, default and lock at a version; --changes, --timeline",
  help: `Usage: stampguard gates [--at VERSION] [--json] [--cwd DIR] [--config FILE] [--no-code-config]
       stampguard gates --changes FROM..TO [--from-specs FILE] [--json]
       stampguard gates --timeline --out FILE.svg|FILE.html [--at VERSION]

Every feature gate in the specs, configured ones first: its stage, default and lock at a version,
next to its configured value and a verdict. Exit 1 when a configured value, a dependency or the emulation window is
invalid there.

Options:
  --at VERSION      the version to evaluate at (1.33 or 1.33.0); default: the version a build
                    from this checkout would stamp. Works outside a repository.
  --changes FROM..TO
                    what changes for each gate between the spec in force at FROM and at TO
                    (new, graduated, deprecated, default flips, locks), grouped for release
                    notes; exit 1 when the configured values are invalid at TO
  --from-specs FILE with --changes: the specs as they were at FROM (an older list); gates it has
                    and the current specs do not are listed as removed
  --timeline        draw every gate's stages across versions, the version to be stamped (or
                    --at) marked and configured gates highlighted; needs --out
  --out FILE        where --timeline writes: FILE.svg, or FILE.html (the SVG in a page)
  --json            the table or the changes as JSON
  --cwd DIR         the repository (default: the current directory)
${CONFIG_HELP}
  --color, --no-color
`,
  async run(args, io) {
    const { values } = parse('gates', args, {
      ...REPO_OPTIONS,
      at: { type: 'string' },
      json: { type: 'boolean' },
      changes: { type: 'string' },
      'from-specs': { type: 'string' },
      timeline: { type: 'boolean' },
      out: { type: 'string' },
    });
    const cwd = path.resolve(io.cwd, values.cwd ?? '.');
    const color = colorEnabled(io.stdout, io.env, values['no-color'] ? false : values.color ? true : undefined);

    // Option combinations first, before any work.
    if (values.changes !== undefined && values.timeline)
      throw new UsageError('--changes and --timeline are separate views; use one');
    if (values.changes !== undefined && values.at !== undefined)
      throw new UsageError('--changes FROM..TO names its own versions; leave out --at');
    if (values['from-specs'] !== undefined && values.changes === undefined)
      throw new UsageError('--from-specs goes with --changes FROM..TO');
    if (values.timeline && values.json)
      throw new UsageError('--timeline writes a picture; --json is for the table and --changes');
    if (values.out !== undefined && !values.timeline) throw new UsageError('--out goes with --timeline');
    const range = values.changes === undefined ? null : parseRange(values.changes);
    const out = values.timeline ? timelineTarget(values.out, cwd) : null;

    if (range) {
      const config = await configOnly(cwd, values.config, Boolean(values['no-code-config']));
      const gates = requireGates(config);
      const previous =
        values['from-specs'] === undefined
          ? undefined
          : loadSpecsFile(path.resolve(cwd, values['from-specs']), { file: null, keyPath: '--from-specs' });
      const changes = gateChanges(gates.specs, range.from, range.to, previous);
      const report = gatesReport({ gates, stampedVersion: formatMajorMinor(range.to) });
      const view = { changes, report, set: gates.set, source: sourceOf(gates) };
      io.stdout.write(values.json ? `${JSON.stringify(changesJson(view), null, 2)}\n` : formatChanges(view, { color }));
      return report.ok ? EXIT.OK : EXIT.REFUSED;
    }

    const { config, stampedVersion } = await configAndVersion(
      cwd,
      values.at,
      values.config,
      Boolean(values['no-code-config']),
    );
    const gates = requireGates(config);
    const report = gatesReport({ gates, stampedVersion });

    if (out) {
      refuseGitDir(out.file, await gitDirsOf(cwd));
      const verdicts = new Map<string, GateVerdict>(report.evaluation.rows.map((row) => [row.gate, row.verdict]));
      const model = timelineModel(gates, { version: stampedVersion, verdicts });
      const text =
        out.format === 'svg'
          ? formatTimelineSvg(model, { source: sourceOf(gates) })
          : formatTimelineHtml(model, { source: sourceOf(gates) });
      writeFileAtomic(out.file, text);
      io.stderr.write(
        `stampguard: drew ${plural(model.rows.length, 'gate')} across ${model.versions[0] ?? '?'}–${model.versions.at(-1) ?? '?'}, ${stampedVersion} marked, into ${path.relative(io.cwd, out.file) || out.file}\n`,
      );
      return report.ok ? EXIT.OK : EXIT.REFUSED;
    }

    if (values.json) {
      const w = report.evaluation.window;
      const window = w && {
        binary: formatMajorMinor(w.binary),
        emulation: formatMajorMinor(w.emulation),
        minCompatibility: formatMajorMinor(w.minCompatibility),
        lowerBound: formatMajorMinor(w.lowerBound),
      };
      const windowStatus = w && {
        empty: w.empty,
        emulationInRange: w.emulationInRange,
        minCompatibilityInRange: w.minCompatibilityInRange,
      };
      io.stdout.write(
        `${JSON.stringify(
          {
            schemaVersion: 1,
            ok: report.ok,
            version: stampedVersion,
            specsSource: gates.specsSource,
            window,
            windowStatus,
            gates: report.evaluation.rows,
            dependencies: report.evaluation.dependencies,
            findings: report.findings,
          },
          null,
          2,
        )}\n`,
      );
    } else {
      io.stdout.write(formatGates(report, { color }));
    }
    return report.ok ? EXIT.OK : EXIT.REFUSED;
  },
};

function sourceOf(gates: GatesConfig): string {
  return gates.specsSource === 'inline' ? 'gates.specs' : gates.specsSource;
}

function requireGates(config: Config): GatesConfig {
  if (!config.gates) {
    throw new UsageError(
      `no feature gates are configured${config.file ? ` in ${config.file}` : ''}; add a "gates" section (see docs/gates.md)`,
    );
  }
  return config.gates;
}

const VERSION = /^v?(\d+\.\d+)(?:\.\d+)?$/;

function parseRange(text: string): { from: MajorMinor; to: MajorMinor } {
  const [a, b, ...rest] = text.split('..');
  const from = a === undefined ? null : VERSION.exec(a.trim());
  const to = b === undefined ? null : VERSION.exec(b.trim());
  const fromMM = from?.[1] ? majorMinorOf(from[1]) : null;
  const toMM = to?.[1] ? majorMinorOf(to[1]) : null;
  if (rest.length > 0 || !fromMM || !toMM)
    throw new UsageError(`--changes expects FROM..TO with two versions, such as 1.33..1.35; got "${text}"`);
  if (fromMM.major > toMM.major || (fromMM.major === toMM.major && fromMM.minor > toMM.minor))
    throw new UsageError(`--changes ${text}: FROM comes after TO; write the older version first`);
  return { from: fromMM, to: toMM };
}

function timelineTarget(out: string | undefined, cwd: string): { file: string; format: 'svg' | 'html' } {
  if (out === undefined) throw new UsageError('--timeline needs --out FILE.svg or --out FILE.html');
  const file = path.resolve(cwd, out);
  const ext = path.extname(file).toLowerCase();
  if (ext === '.svg') return { file, format: 'svg' };
  if (ext === '.html' || ext === '.htm') return { file, format: 'html' };
  throw new UsageError(`--out ${out}: the timeline is written as .svg or .html; got "${ext || 'no extension'}"`);
}

/** Never write into a repository's git directory: not into one named .git, nor into this repository's. */
function refuseGitDir(file: string, gitDirs: readonly string[]): void {
  const inside = (dir: string): boolean => {
    const rel = path.relative(dir, file);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  if (file.split(path.sep).includes('.git') || gitDirs.some(inside)) {
    throw new UsageError(`--out ${file} is inside a .git directory; write the timeline somewhere else`);
  }
}

function writeFileAtomic(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.stampguard-${process.pid}.tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** The configuration alone: searched up to the repository root, or in cwd alone outside a repository. */
async function configOnly(cwd: string, configFile: string | undefined, noCodeConfig: boolean): Promise<Config> {
  const root = await locateRepo(cwd).then(
    (l) => l.root,
    (error: unknown) => (error instanceof GitError ? cwd : Promise.reject(error)),
  );
  return loadConfig({
    cwd,
    root,
    ...(configFile !== undefined && { configFile }),
    ...(noCodeConfig && { noCodeConfig }),
  });
}

async function configAndVersion(
  cwd: string,
  at: string | undefined,
  configFile: string | undefined,
  noCodeConfig: boolean,
): Promise<{ config: Config; stampedVersion: string }> {
  if (at !== undefined) {
    const stampedVersion = at.replace(/^v(?=\d)/, '');
    if (!/^\d+\.\d+(\.\d+)?([-+].*)?$/.test(stampedVersion))
      throw new UsageError(`--at expects a version such as 1.33 or 1.33.0, got "${at}"`);
    return { config: await configOnly(cwd, configFile, noCodeConfig), stampedVersion };
  }
  const inspection = await inspect({
    mode: 'release',
    cwd,
    ...(configFile !== undefined && { config: configFile }),
    ...(noCodeConfig && { noCodeConfig }),
  });
  const stampedVersion = inspection.contexts[0]?.subject.gatesAt ?? null;
  if (!stampedVersion) {
    throw new UsageError(
      'there is no version to evaluate the gates at: no release tag is reachable. Pass one with --at VERSION.',
    );
  }
  return { config: inspection.config, stampedVersion };
}

/** The git directories of the repository at cwd (a linked worktree has two), or none outside one. */
async function gitDirsOf(cwd: string): Promise<string[]> {
  const location = await locateRepo(cwd).then(
    (l) => l,
    (error: unknown) => (error instanceof GitError ? null : Promise.reject(error)),
  );
  return location ? [location.gitDir, location.commonDir] : [];
}
