// docs/codes.md is generated from the catalogue in codes.ts (npm run docs), and a test fails
// when the file on disk differs, so the two cannot drift.
import { CODES } from './codes.js';

export function codesMarkdown(): string {
  const lines = [
    '# Finding codes',
    '',
    '<!-- Generated from src/codes.ts by `npm run docs`; edit that file, not this one. -->',
    '',
    'Every refusal names one of these codes. `stampguard explain CODE` prints the same text.',
    'Exit codes: 0 passed (warnings allowed), 1 refused (at least one error finding), 2 could not run.',
    '',
    '| code | default severity | title |',
    '| --- | --- | --- |',
    ...Object.entries(CODES).map(([code, info]) => `| [\`${code}\`](#${code}) | ${info.severity} | ${info.title} |`),
    '',
  ];
  for (const [code, info] of Object.entries(CODES)) {
    lines.push(`## ${code}`, '', `**${info.title}** (default severity: ${info.severity})`, '', info.explain, '');
  }
  return lines.join('\n');
}
