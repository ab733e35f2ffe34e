// The report for people: findings first (what is wrong, then the way out), then the git state,
// which is the first thing anyone debugging a version asks about.

import type { Finding, Report } from '../types.js';
import { plural } from '../util/text.js';
import type { Colors } from './color.js';
import { printable } from './escape.js';

export { printable } from './escape.js';

/** What each mode checks, in the words every reporter uses. */
export const ACTION: Record<Report['mode'], string> = {
  release: 'release check',
  tag: 'tag check',
  commit: 'commit check',
  push: 'push check',
  preflight: 'pre-release check',
};

export function formatPretty(report: Report, c: Colors): string {
  const lines: string[] = [];
  const errors = report.findings.filter((f) => f.severity === 'error' && !f.allowed);
  const allowed = report.findings.filter((f) => f.allowed);
  const warnings = report.findings.filter((f) => f.severity === 'warning' && !f.allowed);
  const counts = [
    errors.length && plural(errors.length, 'error'),
    warnings.length && plural(warnings.length, 'warning'),
    allowed.length && `${allowed.length} allowed by --allow`,
  ]
    .filter(Boolean)
    .join(', ');
  if (report.ok) {
    lines.push(`${c.green('✔')} ${c.bold(`stampguard: ${ACTION[report.mode]} passed`)}${counts ? ` (${counts})` : ''}`);
  } else {
    lines.push(`${c.red('✖')} ${c.bold(`stampguard: ${ACTION[report.mode]} refused`)} (${counts})`);
  }
  for (const f of [...errors, ...allowed, ...warnings]) lines.push(...formatFinding(f, c));
  lines.push('', ...formatState(report, c), formatConfig(report, c));
  if (!report.ok) lines.push(c.dim(`Details: stampguard explain ${errors[0]?.code ?? 'CODE'}`));
  return `${lines.join('\n')}\n`;
}

export function formatFinding(f: Finding, c: Colors): string[] {
  // An allowed finding is shown as loudly as an error: it was let through on purpose, once.
  const mark = f.allowed ? c.yellow('‼') : f.severity === 'error' ? c.red('✖') : c.yellow('⚠');
  const code = f.allowed ? `${c.bold(f.code)} ${c.yellow('ALLOWED')}` : c.bold(f.code);
  return [`  ${mark} ${code}  ${printable(f.message)}`, `      ${c.cyan('→')} ${printable(f.hint)}`];
}

/** Which configuration was used: the first thing to look at when a check surprises. */
function formatConfig(report: Report, c: Colors): string {
  return `  ${c.dim('config:')}     ${report.config.file ? printable(report.config.file) : 'none found (defaults)'}`;
}

function formatState(report: Report, c: Colors): string[] {
  const { repo, version } = report;
  const where = repo.branch ? `branch ${printable(repo.branch)}` : repo.head ? 'detached HEAD' : 'unborn branch';
  const head = repo.head ? ` at ${repo.head.slice(0, 7)}` : '';
  let position = 'no release tag reachable';
  if (version.tag !== null && version.distance !== null) {
    const tag = printable(version.tag);
    position = version.distance === 0 ? `on ${tag}` : `${plural(version.distance, 'commit')} past ${tag}`;
  }
  // Commit and push modes look at staged content and existing commits, not at the work tree or HEAD's tag.
  if (report.mode === 'commit' || report.mode === 'push') return [`  ${c.dim('git state:')}  ${where}${head}`];
  if (report.mode === 'preflight') {
    const tree = [version.dirty ? c.yellow('dirty') : 'clean', repo.shallow ? c.yellow('shallow clone') : null].filter(
      Boolean,
    );
    return [`  ${c.dim('git state:')}  ${[`${where}${head}`, ...tree].join(' · ')}`];
  }
  const state = [
    `${where}${head}`,
    position,
    version.dirty ? c.yellow('dirty') : 'clean',
    repo.shallow ? c.yellow('shallow clone') : null,
  ].filter(Boolean);
  const lines = [`  ${c.dim('git state:')}  ${state.join(' · ')}`];
  if (version.describe) lines.push(`  ${c.dim('describe:')}   ${printable(version.describe)}`);
  lines.push(
    `  ${c.dim('stamp:')}      ${version.stamp ? c.green(printable(version.stamp)) : 'none (not releasable)'}`,
  );
  if (version.dev) lines.push(`  ${c.dim('dev build:')}  ${printable(version.dev)}`);
  return lines;
}
