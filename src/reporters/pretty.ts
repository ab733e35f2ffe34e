// The report for people: findings first (what is wrong, then the way out), then the git state,
// which is the first thing anyone debugging a version asks about.

import type { Finding, Report } from '../types.js';
import type { Colors } from './color.js';

const ACTION: Record<Report['mode'], string> = {
  release: 'release check',
  tag: 'tag check',
  commit: 'commit check',
  push: 'push check',
  preflight: 'pre-release check',
};

export function formatPretty(report: Report, c: Colors): string {
  const lines: string[] = [];
  const errors = report.findings.filter((f) => f.severity === 'error');
  const warnings = report.findings.filter((f) => f.severity === 'warning');
  const counts = [
    errors.length && `${errors.length} error${errors.length === 1 ? '' : 's'}`,
    warnings.length && `${warnings.length} warning${warnings.length === 1 ? '' : 's'}`,
  ]
    .filter(Boolean)
    .join(', ');
  if (report.ok) {
    lines.push(`${c.green('✔')} ${c.bold(`stampguard: ${ACTION[report.mode]} passed`)}${counts ? ` (${counts})` : ''}`);
  } else {
    lines.push(`${c.red('✖')} ${c.bold(`stampguard: ${ACTION[report.mode]} refused`)} (${counts})`);
  }
  for (const f of [...errors, ...warnings]) lines.push(...formatFinding(f, c));
  lines.push('', ...formatState(report, c));
  if (!report.ok) lines.push(c.dim(`Details: stampguard explain ${errors[0]?.code ?? 'CODE'}`));
  return `${lines.join('\n')}\n`;
}

/**
 * Control characters from file or tag names shown as escapes (as git quotes them), so a name
 * cannot forge lines or terminal sequences in the report.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => {
    const named: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r' };
    return named[ch] ?? `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

export function formatFinding(f: Finding, c: Colors): string[] {
  const mark = f.severity === 'error' ? c.red('✖') : c.yellow('⚠');
  return [`  ${mark} ${c.bold(f.code)}  ${printable(f.message)}`, `      ${c.cyan('→')} ${printable(f.hint)}`];
}

function formatState(report: Report, c: Colors): string[] {
  const { repo, version } = report;
  const where = repo.branch ? `branch ${repo.branch}` : repo.head ? 'detached HEAD' : 'unborn branch';
  const head = repo.head ? ` at ${repo.head.slice(0, 7)}` : '';
  let position = 'no release tag reachable';
  if (version.tag !== null && version.distance !== null) {
    position =
      version.distance === 0
        ? `on ${version.tag}`
        : `${version.distance} commit${version.distance === 1 ? '' : 's'} past ${version.tag}`;
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
  if (version.describe) lines.push(`  ${c.dim('describe:')}   ${version.describe}`);
  lines.push(`  ${c.dim('stamp:')}      ${version.stamp ? c.green(version.stamp) : 'none (not releasable)'}`);
  if (version.dev) lines.push(`  ${c.dim('dev build:')}  ${version.dev}`);
  return lines;
}
