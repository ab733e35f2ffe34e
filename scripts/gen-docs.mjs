// Regenerates docs/codes.md from the built catalogue (run `npm run build` first; `npm run docs` does both).
import { writeFileSync } from 'node:fs';
import { codesMarkdown } from '../dist/docs.js';

writeFileSync(new URL('../docs/codes.md', import.meta.url), codesMarkdown());
console.log('wrote docs/codes.md');
