// Regenerates schema/stampguard.schema.json from the built field table (run `npm run build` first; `npm run schema` does both).
import { mkdirSync, writeFileSync } from 'node:fs';
import { configSchemaText } from '../dist/schema.js';

mkdirSync(new URL('../schema/', import.meta.url), { recursive: true });
writeFileSync(new URL('../schema/stampguard.schema.json', import.meta.url), configSchemaText());
console.log('wrote schema/stampguard.schema.json');
