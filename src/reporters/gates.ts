// The `stampguard gates` table: where the emulation window sits, then one row per gate with its
// stage, default and lock at the emulated version and the configured value. Configured gates come
// first (marked "*"); problems are spelled out under the table. Everything shown was decided by
// gates/evaluate.ts and worded by gates/findings.ts. Returns a string; never prints.

import pc from 'picocolors';
import { formatMajorMinor, type GateRow, type GatesReport } from '../gates/index.js';
import type { Stage } from '../types.js';
import { formatFinding } from './pretty.js';

const STAGE_LABEL: Readonly<Record<Stage, string>> = {
  prealpha: 'pre-alpha',
  alpha: 'alpha',
  beta: 'beta',
  ga: 'GA',
  deprecated: 'deprecated',
};

const VERDICT_LABEL: Readonly<Record<GateRow['verdict'], string>> = {
  ok: 'ok',
  unknown: 'unknown gate',
  'prealpha-set': 'not available yet',
  locked: 'locked',
  'dependency-disabled': 'needs disabled gates',
};

export function formatGates(report: GatesReport, opts: { color: boolean }): string {
  const c = pc.createColors(opts.color);
  const { window, rows, stampedVersion } = report.evaluation;
  const lines: string[] = [];
  // The window, dependency and spec problems have no row of their own: their findings follow the table.
  const extra = report.findings
    .filter((f) => ['emulation-out-of-range', 'gate-spec-invalid', 'gate-dependency-disabled'].includes(f.code))
    .flatMap((f) => formatFinding(f, c));
  const done = (): string =>
    `${[...lines, ...(extra.length > 0 && lines.at(-1) !== '' ? [''] : []), ...extra].join('\n')}\n`;

  if (window) {
    const fmt = formatMajorMinor;
    const eOut = !window.emulationInRange;
    const mOut = !window.minCompatibilityInRange;
    lines.push(
      `${c.bold('Feature gates')} at emulated version ${c.bold(fmt(window.emulation))} (stamped version ${stampedVersion})`,
    );
    lines.push(
      `  emulation ${fmt(window.emulation)}${eOut ? c.red(' (out of range)') : ''}` +
        ` · min compatibility ${fmt(window.minCompatibility)}${mOut ? c.red(' (out of range)') : ''}` +
        ` · allowed [${fmt(window.lowerBound)}, ${fmt(window.binary)}]` +
        (window.empty ? c.red(' (empty: the lower bound is above the stamped version)') : ''),
    );
  } else {
    lines.push(
      `${c.bold('Feature gates')}: the version ${JSON.stringify(stampedVersion)} has no major.minor, so there is no emulation window`,
    );
  }
  if (rows.length === 0) {
    lines.push(
      '',
      window ? 'No gates are defined.' : 'Set gates.emulationVersion or pass a version (--at 1.33) to see the gates.',
    );
    return done();
  }

  const header = ['', 'GATE', 'STAGE', 'DEFAULT', 'LOCKED', 'SINCE', 'SET', 'VERDICT'];
  const cells = rows.map((row) => [
    row.value === null ? '' : '*',
    row.gate,
    row.verdict === 'unknown' ? '?' : STAGE_LABEL[row.stage],
    row.verdict === 'unknown' ? '?' : String(row.default),
    row.verdict === 'unknown' ? '?' : row.locked ? 'yes' : 'no',
    row.since ?? '-',
    row.value === null ? '-' : String(row.value),
    row.value === null ? '' : VERDICT_LABEL[row.verdict],
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((cell) => (cell[i] ?? '').length)));
  // Pad before colouring so that escape codes never disturb the alignment.
  const render = (cell: readonly string[]): string =>
    cell
      .map((text, i) => (i === cell.length - 1 ? text : text.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();

  lines.push('', c.bold(render(header)));
  rows.forEach((row, i) => {
    const text = render(cells[i] ?? []);
    if (row.value === null) lines.push(c.dim(text));
    else if (row.verdict === 'ok') lines.push(`${text.slice(0, -VERDICT_LABEL.ok.length)}${c.green(VERDICT_LABEL.ok)}`);
    else lines.push(c.red(text));
  });

  const configured = rows.filter((row) => row.value !== null);
  const bad = configured.filter((row) => row.verdict !== 'ok');
  lines.push('');
  if (configured.length === 0) {
    lines.push(`${rows.length} gates known; none configured (gates.set). * marks configured gates.`);
  } else if (bad.length === 0) {
    lines.push(
      `${c.green(
        `All ${configured.length} configured gate${configured.length === 1 ? '' : 's'} valid at ${report.evaluation.emulation ? formatMajorMinor(report.evaluation.emulation) : 'the emulated version'}.`,
      )} * marks configured gates.`,
    );
  } else {
    lines.push(
      c.red(
        `${bad.length} of ${configured.length} configured gate${configured.length === 1 ? '' : 's'} cannot be set:`,
      ),
    );
    for (const row of bad) lines.push(`  ${row.gate}=${row.value}: ${explain(row)}`);
    lines.push('Run "stampguard check" for hints; the version being stamped is the first thing to check.');
  }
  return done();
}

function explain(row: GateRow): string {
  switch (row.verdict) {
    case 'unknown':
      return 'no such gate (names are case-sensitive)';
    case 'prealpha-set':
      return 'pre-alpha at this version, cannot be set to any value';
    case 'locked':
      return `locked to ${row.default}${row.since ? ` since ${row.since}` : ''}`;
    case 'dependency-disabled':
      return 'depends on gates that are disabled (see below)';
    case 'ok':
      return 'ok';
  }
}
