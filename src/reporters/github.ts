// GitHub Actions workflow commands, one annotation per finding
// (https://docs.github.com/actions/reference/workflow-commands-for-github-actions).
import type { Finding, Report } from '../types.js';

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatAnnotation(f: Finding): string {
  const level = f.severity === 'error' ? 'error' : 'warning';
  const props = [`title=${escapeProperty(`stampguard ${f.code}`)}`];
  if (f.paths && f.paths.length === 1) props.unshift(`file=${escapeProperty(f.paths[0]!)}`);
  return `::${level} ${props.join(',')}::${escapeData(`${f.message}\n${f.hint}`)}`;
}

export function formatGithub(report: Report): string {
  const lines = report.findings.map(formatAnnotation);
  const summary = report.ok
    ? `stampguard: ${report.mode} check passed${report.version.stamp ? `, stamp ${report.version.stamp}` : ''}`
    : `stampguard: ${report.mode} check refused (${report.findings.filter((f) => f.severity === 'error').length} errors)`;
  lines.push(summary);
  return `${lines.join('\n')}\n`;
}
