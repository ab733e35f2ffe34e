import type { Report } from '../types.js';
import { escapeJsonText } from './escape.js';

/** The report as one JSON document (pretty-printed), with no raw control or direction characters. */
export function formatJson(report: Report): string {
  return `${escapeJsonText(JSON.stringify(report, null, 2))}\n`;
}
