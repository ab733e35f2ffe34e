// TypeScript configurations load without writing anything next to them, with Node's own type
// stripping where Node has it, else with the project's TypeScript 5/6 transpileModule in memory;
// otherwise they are refused with a message that says what would work.
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo, PROJECT_ROOT, type Repo, tempDir } from '../helpers/git-repo.js';

/** Whether the Node running the tests (and the CLI) strips TypeScript types itself. */
const nodeStripsTypes = Boolean((process.features as { typescript?: string | false }).typescript);

const CONFIG = `import { readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ConfigInput } from 'stampguard';
import { releaseBranches } from './policy.ts';

// What is in this folder while the configuration runs: a compiled copy would show up here.
writeFileSync(process.env.STAMPGUARD_TEST_LISTING as string, JSON.stringify(readdirSync(fileURLToPath(new URL('.', import.meta.url)))));
const config: ConfigInput = { branches: releaseBranches, requireAnnotatedTag: false };
export default config;
`;

const POLICY = `export const releaseBranches: string[] = ['release-*'];\n`;

/**
 * A stand-in for TypeScript 5's package: its transpileModule removes the type syntax the two files
 * above use and records that it ran. The test is about where stampguard finds a transpiler and
 * what it does with the output (memory, not disk), not about TypeScript's own transform.
 */
const STAND_IN = `exports.version = '5.9.3';
exports.transpileModule = (input, options) => {
  require('node:fs').appendFileSync(process.env.STAMPGUARD_TEST_TRANSPILED, options.fileName + '\\n');
  const outputText = input
    .replace(/^import type .*$/m, '')
    .replace(/: ConfigInput/, '')
    .replace(/ as string/, '')
    .replace(/: string\\[\\]/, '');
  return { outputText };
};
`;

function tsRepo(typescript: 'stand-in' | 'real-7' | 'none'): Repo {
  const repo = makeRepo({
    files: { '.gitignore': 'node_modules\n', 'stampguard.config.ts': CONFIG, 'policy.ts': POLICY },
  });
  repo.tag('v1.0.0');
  const modules = path.join(repo.dir, 'node_modules');
  mkdirSync(modules);
  symlinkSync(PROJECT_ROOT, path.join(modules, 'stampguard'));
  if (typescript === 'stand-in') {
    mkdirSync(path.join(modules, 'typescript'));
    writeFileSync(path.join(modules, 'typescript/package.json'), '{ "name": "typescript", "version": "5.9.3" }');
    writeFileSync(path.join(modules, 'typescript/index.js'), STAND_IN);
  } else if (typescript === 'real-7') {
    symlinkSync(path.join(PROJECT_ROOT, 'node_modules/typescript'), path.join(modules, 'typescript'));
  }
  return repo;
}

function probes(): { env: NodeJS.ProcessEnv; listing: () => string[] | null; transpiled: () => string[] } {
  const dir = tempDir('stampguard-ts-');
  const listing = path.join(dir, 'listing.json');
  const transpiled = path.join(dir, 'transpiled.txt');
  writeFileSync(transpiled, '');
  return {
    env: { STAMPGUARD_TEST_LISTING: listing, STAMPGUARD_TEST_TRANSPILED: transpiled },
    listing: () => {
      try {
        return (JSON.parse(readFileSync(listing, 'utf8')) as string[]).sort();
      } catch {
        return null;
      }
    },
    transpiled: () => readFileSync(transpiled, 'utf8').split('\n').filter(Boolean),
  };
}

const COMMITTED = ['.git', '.gitignore', 'node_modules', 'package.json', 'policy.ts', 'stampguard.config.ts'];

describe('stampguard.config.ts', () => {
  it("loads in memory with the project's TypeScript transpiler (or Node's type stripping): nothing is written", () => {
    const repo = tsRepo('stand-in');
    const probe = probes();
    const r = repo.cli(['check'], { env: probe.env });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('branch-not-allowed'); // the configuration and its import were used
    expect(r.code).toBe(1);
    expect(probe.listing()).toEqual(COMMITTED);
    const status = repo.git('status', '--porcelain', '--ignored', '--untracked-files=all').split('\n');
    expect(status.filter((line) => line !== '' && !line.startsWith('!! node_modules/'))).toEqual([]);
    // Node 22.18+ strips the types itself; older Node used the project's transpiler, for both files.
    expect(probe.transpiled()).toEqual(
      nodeStripsTypes ? [] : [path.join(repo.dir, 'stampguard.config.ts'), path.join(repo.dir, 'policy.ts')],
    );
  });

  it('with TypeScript 7 (no JavaScript API) on a Node without type stripping, is refused with what would work', () => {
    const repo = tsRepo('real-7');
    const probe = probes();
    const r = repo.cli(['check'], { env: probe.env });
    if (nodeStripsTypes) {
      expect(r.stdout).toContain('branch-not-allowed');
      expect(r.code).toBe(1);
      return;
    }
    const file = path.join(repo.dir, 'stampguard.config.ts');
    expect(r.stderr).toContain(`cannot load ${file}:`);
    expect(r.stderr).toContain(`Node ${process.version} does not strip TypeScript types`);
    expect(r.stderr).toContain('typescript 7.0.2');
    expect(r.stderr).toMatch(/stampguard\.config\.mjs/); // the way out
    expect(r.code).toBe(2);
    expect(probe.listing()).toBeNull(); // not executed
  });

  it('without any TypeScript, is refused the same way', () => {
    const repo = tsRepo('none');
    const r = repo.cli(['check'], { env: probes().env });
    if (nodeStripsTypes) {
      expect(r.code).toBe(1);
      return;
    }
    expect(r.stderr).toContain('no typescript package');
    expect(r.code).toBe(2);
  });
});
