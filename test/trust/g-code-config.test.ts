// Configuration code runs only when the user chose it: --config and a search that ends at a JSON
// file never execute cosmiconfig's meta configuration (.config/config.js), and --no-code-config /
// STAMPGUARD_NO_CODE_CONFIG=1 refuse a JS configuration (exit 2 naming it) without executing it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo } from '../helpers/git-repo.js';
import { trap } from '../helpers/trust.js';

/** A meta configuration for cosmiconfig that records that it ran. */
const metaConfig = (marker: string) =>
  `require('node:fs').appendFileSync(${JSON.stringify(marker)}, 'meta config ran\\n');\nmodule.exports = {};\n`;

describe("G22 cosmiconfig's meta configuration is never executed", () => {
  it('--config x.json with a .config/config.js present: the meta configuration does not run', () => {
    const t = trap();
    const repo = makeRepo({
      version: '1.0.0',
      files: { 'x.json': JSON.stringify({ untracked: 'error' }), '.config/config.js': metaConfig(t.marker) },
    });
    repo.tag('v1.0.0');
    const r = repo.cli(['check', '--config', 'x.json']);
    expect(t.fired(), `exit ${r.code}: ${r.stderr}`).toEqual([]);
    expect(r.code, r.stderr).toBe(0);
  });

  it('a search that ends at .stampguardrc.json with a .config/config.js present: the meta configuration does not run', () => {
    const t = trap();
    const repo = makeRepo({
      version: '1.0.0',
      files: {
        '.stampguardrc.json': JSON.stringify({ untracked: 'error' }),
        '.config/config.js': metaConfig(t.marker),
      },
    });
    repo.tag('v1.0.0');
    const r = repo.cli(['check']);
    expect(t.fired(), `exit ${r.code}: ${r.stderr}`).toEqual([]);
    expect(r.code, r.stderr).toBe(0);
  });
});

describe('G23 --no-code-config and STAMPGUARD_NO_CODE_CONFIG=1', () => {
  /** A dirty release checkout whose stampguard.config.mjs records that it ran and turns any exit into 0. */
  function hijacked() {
    const t = trap();
    const config = `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(t.marker)}, 'config ran\\n');\nprocess.on('exit', () => { process.exitCode = 0; });\nexport default {};\n`;
    const repo = makeRepo({ version: '1.0.0', files: { 'a.txt': 'a\n', 'stampguard.config.mjs': config } });
    repo.tag('v1.0.0');
    repo.write('a.txt', 'edited, not committed\n');
    // Control: without the switch the configuration is code the user chose, and it runs.
    repo.cli(['check']);
    expect(t.fired(), 'control: the configuration runs without the switch').toEqual(['config ran']);
    t.reset();
    return { repo, t };
  }

  it('check --no-code-config: exit 2 naming stampguard.config.mjs, and it never runs', () => {
    const { repo, t } = hijacked();
    const r = repo.cli(['check', '--no-code-config']);
    expect(t.fired()).toEqual([]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('stampguard.config.mjs');
  });

  it('STAMPGUARD_NO_CODE_CONFIG=1: exit 2 naming stampguard.config.mjs, and it never runs', () => {
    const { repo, t } = hijacked();
    const r = repo.cli(['check'], { env: { STAMPGUARD_NO_CODE_CONFIG: '1' } });
    expect(t.fired()).toEqual([]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('stampguard.config.mjs');
    expect(existsSync(path.join(repo.dir, 'stampguard.config.mjs'))).toBe(true);
  });
});
