import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES } from '../src/codes.js';
import { codesMarkdown } from '../src/docs.js';
import { FINDING_CODES } from '../src/types.js';
import { PROJECT_ROOT, runCli, tempDir } from './helpers/git-repo.js';

describe('finding-code catalogue', () => {
  it('docs/codes.md is generated from src/codes.ts and up to date (npm run docs)', () => {
    const onDisk = readFileSync(path.join(PROJECT_ROOT, 'docs/codes.md'), 'utf8');
    expect(onDisk).toBe(codesMarkdown());
    for (const code of FINDING_CODES) expect(onDisk).toContain(`\n## ${code}\n`);
  });

  it('every code has a title, an explanation with a fix, and works with "stampguard explain"', () => {
    const cwd = tempDir();
    for (const code of FINDING_CODES) {
      expect(CODES[code].explain).toMatch(/Fix:/);
      const r = runCli(['explain', code], { cwd });
      expect(r.code, code).toBe(0);
      expect(r.stdout).toContain(CODES[code].title);
    }
  });

  it('the help text lists every code', () => {
    const r = runCli(['help'], { cwd: tempDir() });
    for (const code of FINDING_CODES) expect(r.stdout).toContain(code);
  });
});
