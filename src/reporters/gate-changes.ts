// `stampguard gates --changes FROM..TO`: the changes grouped for release notes, as text or JSON.
// Returns a string; never prints.

import pc from 'picocolors';
import { CHANGE_GROUPS, CHANGE_TITLES, type ChangeGroup, type GateChange, type GateChanges } from '../gates/changes.js';
import { formatMajorMinor, type GatesReport, type SpecAt } from '../gates/index.js';
import type { Stage } from '../types.js';
import { formatFinding } from './pretty.js';

const STAGE: Readonly<Record<Stage, string>> = {
  prealpha: 'pre-alpha',
  alpha: 'alpha',
  beta: 'beta',
  ga: 'GA',
  deprecated: 'deprecated',
};

const state = (s: SpecAt): string =>
  `${STAGE[s.stage]}, ${s.default ? 'on' : 'off'}${s.lockToDefault ? ', locked' : ''}`;

function describe(change: GateChange): string {
  if (!change.to) return `was ${state(change.from)}; not in the current specs`;
  if (change.group === 'introduced') return state(change.to);
  const parts: string[] = [];
  if (change.kinds.includes('stage')) parts.push(`${STAGE[change.from.stage]} → ${STAGE[change.to.stage]}`);
  if (change.kinds.includes('default'))
    parts.push(`${change.from.default ? 'on' : 'off'} → ${change.to.default ? 'on' : 'off'} by default`);
  if (change.kinds.includes('lock')) parts.push(change.to.lockToDefault ? 'locked' : 'unlocked');
  if (!change.kinds.includes('default') && !change.kinds.includes('lock'))
    parts.push(change.to.default ? 'on by default' : 'off by default');
  return parts.join(', ');
}

export interface ChangesView {
  changes: GateChanges;
  /** The gates evaluated at TO, for the configured values and the exit code. */
  report: GatesReport;
  set: Readonly<Record<string, boolean>>;
  source: string;
}

export function groupChanges(changes: GateChanges): [ChangeGroup, GateChange[]][] {
  return CHANGE_GROUPS.map((group): [ChangeGroup, GateChange[]] => [
    group,
    changes.changes.filter((c) => c.group === group),
  ]).filter(([, list]) => list.length > 0);
}

export function formatChanges(view: ChangesView, opts: { color: boolean }): string {
  const c = pc.createColors(opts.color);
  const { changes, report, set } = view;
  const from = formatMajorMinor(changes.from);
  const to = formatMajorMinor(changes.to);
  const lines = [`${c.bold(`Feature gate changes from ${from} to ${to}`)} (${view.source})`];
  const groups = groupChanges(changes);
  const width = Math.max(0, ...changes.changes.map((ch) => ch.gate.length)) + 2;
  for (const [group, list] of groups) {
    lines.push('', c.bold(`${CHANGE_TITLES[group]} (${list.length})`));
    for (const change of list) {
      const mark = Object.hasOwn(set, change.gate) ? '*' : ' ';
      const steps = change.steps.length > 0 ? c.dim(`  in ${change.steps.join(', ')}`) : '';
      lines.push(`${mark} ${change.gate.padEnd(width)}${describe(change)}${steps}`);
    }
  }
  if (groups.length === 0) lines.push('', `No gate changes between ${from} and ${to}.`);
  lines.push(
    '',
    `${changes.changes.length} gate${changes.changes.length === 1 ? '' : 's'} changed, ${changes.unchanged} unchanged.${Object.keys(set).length > 0 ? ' * marks configured gates.' : ''}`,
  );
  // The configured values at TO: what a build of TO would refuse.
  const configured = report.evaluation.rows.filter((row) => row.value !== null);
  if (configured.length > 0) {
    const bad = report.findings.filter((f) => f.severity === 'error');
    lines.push(
      bad.length === 0
        ? c.green(`All ${configured.length} configured gate${configured.length === 1 ? '' : 's'} valid at ${to}.`)
        : c.red(`At ${to} the configuration is refused:`),
    );
    for (const f of bad) lines.push(...formatFinding(f, c));
  }
  return `${lines.join('\n')}\n`;
}

export function changesJson(view: ChangesView): unknown {
  const spec = (s: SpecAt | null) =>
    s && { stage: s.stage, default: s.default, locked: s.lockToDefault, since: s.since };
  return {
    schemaVersion: 1,
    ok: view.report.ok,
    from: formatMajorMinor(view.changes.from),
    to: formatMajorMinor(view.changes.to),
    specsSource: view.source,
    groups: groupChanges(view.changes).map(([group, list]) => ({
      group,
      title: CHANGE_TITLES[group],
      gates: list.map((change) => ({
        gate: change.gate,
        changes: change.kinds,
        from: spec(change.from),
        to: spec(change.to),
        steps: change.steps,
        value: Object.hasOwn(view.set, change.gate) ? view.set[change.gate] : null,
      })),
    })),
    unchanged: view.changes.unchanged,
    findings: view.report.findings,
  };
}
