// Every example's script runs, so examples cannot rot.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitEnv, PROJECT_ROOT } from './helpers/git-repo.js';
import { packedTarball } from './helpers/packed.js';

describe('examples', () => {
  it('release-check/demo.sh walks through a release', () => {
    const r = spawnSync('sh', [path.join(PROJECT_ROOT, 'examples/release-check/demo.sh')], {
      env: gitEnv(),
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('stampguard version → 1.0.0');
    expect(r.stdout).toContain('release check refused');
    expect(r.stdout).toContain('== done');
  });

  it('kubernetes-gates/demo.sh reproduces the incident, then passes once tagged correctly', () => {
    const r = spawnSync('sh', [path.join(PROJECT_ROOT, 'examples/kubernetes-gates/demo.sh')], {
      env: gitEnv(),
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('gate-prealpha-set');
    expect(r.stdout).toContain('emulation version 0.1 is not between [1.31,');
    expect(r.stdout).toMatch(/NodeSwap\s+beta\s+true\s+no\s+1\.30\s+false\s+ok/);
    expect(r.stdout).toContain('== done');
  });

  it('release-script/demo.sh refuses, builds a dev version, then a release build', () => {
    const r = spawnSync('sh', [path.join(PROJECT_ROOT, 'examples/release-script/demo.sh')], {
      env: gitEnv(),
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/built app 0\.0\.0-dev\.1\+g[0-9a-f]{7}/);
    expect(r.stdout).toContain('built app 2.0.0');
    expect(r.stdout).toContain('== done');
  });

  it('npm-package/demo.sh: hooks, npm version and prepublishOnly with the packed package', () => {
    const r = spawnSync('sh', [path.join(PROJECT_ROOT, 'examples/npm-package/demo.sh')], {
      env: gitEnv({ STAMPGUARD_PACKAGE: packedTarball() }),
      encoding: 'utf8',
    });
    expect(r.stderr).not.toContain('expected');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('v1.1.0');
    expect(r.stdout).toContain('== done');
  }, 120_000);
});
