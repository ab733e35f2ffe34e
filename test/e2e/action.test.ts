// The composite GitHub Action: action.yml's step, run the way the runner runs it.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { gitEnv, PROJECT_ROOT, type Repo, tempDir } from '../helpers/git-repo.js';
import { hookedRepo, packedInstall } from '../helpers/packed.js';

beforeAll(() => {
  packedInstall();
}, 180_000);

interface Action {
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: { id: string; run: string; env: Record<string, string> }[] };
}

function runAction(repo: Repo, inputs: Record<string, string>, extraEnv: NodeJS.ProcessEnv = {}) {
  const action = parse(readFileSync(path.join(PROJECT_ROOT, 'action.yml'), 'utf8')) as Action;
  const step = action.runs.steps[0]!;
  const output = path.join(tempDir(), 'github-output');
  writeFileSync(output, '');
  const env: NodeJS.ProcessEnv = {
    GITHUB_ACTION_PATH: PROJECT_ROOT,
    GITHUB_OUTPUT: output,
    GITHUB_ACTIONS: 'true',
    ...extraEnv,
  };
  for (const [name, expr] of Object.entries(step.env)) {
    const input = /inputs\.([\w-]+)/.exec(expr)![1]!;
    env[name] = inputs[input] ?? '';
  }
  // The runner starts the step in the working-directory input.
  const cwd = path.join(repo.dir, inputs['working-directory'] ?? '.');
  const r = spawnSync('bash', ['-c', step.run], { cwd, env: gitEnv(env), encoding: 'utf8' });
  const outputs = Object.fromEntries(
    readFileSync(output, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(/=(.*)/s).slice(0, 2)),
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, outputs, action };
}

describe('action.yml', () => {
  it('is a composite action whose outputs come from the guard step', () => {
    const action = parse(readFileSync(path.join(PROJECT_ROOT, 'action.yml'), 'utf8')) as Action;
    expect(action.runs.using).toBe('composite');
    expect(action.outputs.version!.value).toBe('${{ steps.guard.outputs.version }}');
  });

  it('passes and outputs the version on a clean release checkout', () => {
    const repo = hookedRepo({ version: '2.3.0' });
    repo.git('tag', 'v2.3.0');
    const r = runAction(repo, { mode: 'release' });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('::error');
    expect(r.outputs).toEqual({ ok: 'true', version: '2.3.0' });
  });

  it('refuses with one annotation per finding and an empty version', () => {
    const repo = hookedRepo({ version: '2.3.0' });
    repo.git('tag', 'v2.3.0');
    repo.write('stray.txt', 'x');
    const r = runAction(repo, { mode: 'release' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=stray.txt,title=stampguard untracked-files::/m);
    expect(r.outputs).toEqual({ ok: 'false', version: '' });
  });

  it('checks a tag about to be created in tag mode', () => {
    const repo = hookedRepo({ version: '2.4.0' });
    expect(runAction(repo, { mode: 'tag', tag: 'v2.4.0' }).outputs).toEqual({ ok: 'true', version: '2.4.0' });
    const bad = runAction(repo, { mode: 'tag', tag: 'v2.5.0' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('::error file=package.json,title=stampguard version-mismatch::');
  });
});

/** An `npx` first on PATH that records its arguments and fails, so a registry fallback is visible. */
function npxStandIn(): { env: NodeJS.ProcessEnv; calls: () => string } {
  const dir = tempDir();
  const log = path.join(dir, 'npx.log');
  writeFileSync(path.join(dir, 'npx'), `#!/bin/sh\necho "$*" >> '${log}'\nexit 3\n`);
  chmodSync(path.join(dir, 'npx'), 0o755);
  return {
    env: { PATH: `${dir}${path.delimiter}${process.env.PATH}` },
    calls: () => (existsSync(log) ? readFileSync(log, 'utf8') : ''),
  };
}

describe('action.yml in a workspace', () => {
  function workspace(): Repo {
    const repo = hookedRepo({ version: '0.0.0' });
    const pkg = JSON.parse(repo.read('package.json'));
    repo.write('package.json', `${JSON.stringify({ ...pkg, private: true, workspaces: ['packages/*'] }, null, 2)}\n`);
    repo.write(
      'packages/api/package.json',
      `${JSON.stringify({ name: '@acme/api', version: '1.2.0', stampguard: { tagPrefix: '@acme/api@' } }, null, 2)}\n`,
    );
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'workspace');
    return repo;
  }

  it('runs the stampguard installed at the workspace root from a package folder, and outputs the bare version', () => {
    const repo = workspace();
    const npx = npxStandIn();
    const r = runAction(repo, { mode: 'tag', tag: '@acme/api@1.2.0', 'working-directory': 'packages/api' }, npx.env);
    expect(r.stderr).not.toContain('npm registry');
    expect(npx.calls()).toBe('');
    expect(r.code).toBe(0);
    expect(r.outputs).toEqual({ ok: 'true', version: '1.2.0' });
    repo.git('tag', '@acme/api@1.2.0');
    const release = runAction(repo, { mode: 'release', 'working-directory': 'packages/api' }, npx.env);
    expect(release.outputs).toEqual({ ok: 'true', version: '1.2.0' });
  });

  it('falls back to the registry only when the project has no stampguard, and says so', () => {
    const repo = workspace();
    execFileSync('rm', [path.join(repo.dir, 'node_modules')]);
    const npx = npxStandIn();
    const r = runAction(repo, { mode: 'release', 'stampguard-version': '0.1.0' }, npx.env);
    expect(r.stderr).toContain('not installed in this project');
    expect(npx.calls()).toContain('--yes stampguard@0.1.0 check --format github --mode release');
    expect(r.outputs).toEqual({ ok: 'false', version: '' });
  });
});
