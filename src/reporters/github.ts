// GitHub Actions workflow commands, one annotation per finding
// (https://docs.github.com/actions/reference/workflow-commands-for-github-actions).
import type { Finding, Report } from '../types.js';
import { plural } from '../util/text.js';
import { printable } from './escape.js';
import { ACTION } from './pretty.js';

// Names are made printable first (no control or direction character reaches the log), then the
// workflow-command escapes keep every annotation on one line.
function escapeData(text: string): string {
  return printable(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatAnnotation(f: Finding): string {
  // An allowed error is a warning annotation that says so.
  const level = f.severity === 'error' && !f.allowed ? 'error' : 'warning';
  const props = [`title=${escapeProperty(`stampguard ${f.code}${f.allowed ? ' (allowed by --allow)' : ''}`)}`];
  if (f.paths && f.paths.length === 1) props.unshift(`file=${escapeProperty(f.paths[0]!)}`);
  // Message and hint on two lines of one annotation: printable() would show the newline as "\n".
  return `::${level} ${props.join(',')}::${escapeData(f.message)}%0A${escapeData(f.hint)}`;
}

export function formatGithub(report: Report): string {
  const lines = report.findings.map(formatAnnotation);
  const errors = report.findings.filter((f) => f.severity === 'error' && !f.allowed).length;
  const summary = report.ok
    ? `stampguard: ${ACTION[report.mode]} passed${report.version.stamp ? `, stamp ${printable(report.version.stamp)}` : ''}`
    : `stampguard: ${ACTION[report.mode]} refused (${plural(errors, 'error')})`;
  lines.push(summary);
  return `${lines.join('\n')}\n`;
}
