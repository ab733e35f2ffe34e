// The report formats, by name: each reporter returns a string and decides nothing.
import type { Report } from '../types.js';
import type { Colors } from './color.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatPretty } from './pretty.js';

export const FORMATS = ['pretty', 'json', 'github'] as const;
export type Format = (typeof FORMATS)[number];

const REPORTERS: Record<Format, (report: Report, colors: Colors) => string> = {
  pretty: formatPretty,
  json: (report) => formatJson(report),
  github: (report) => formatGithub(report),
};

export function formatReport(format: Format, report: Report, colors: Colors): string {
  return REPORTERS[format](report, colors);
}
