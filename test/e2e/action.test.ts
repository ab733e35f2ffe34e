// The composite GitHub Action: action.yml's step, run the way the runner runs it.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
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

function runAction(repo: Repo, inputs: Record<string, string>) {
  const action = parse(readFileSync(path.join(PROJECT_ROOT, 'action.yml'), 'utf8')) as Action;
  const step = action.runs.steps[0]!;
  const output = path.join(tempDir(), 'github-output');
  writeFileSync(output, '');
  const env: NodeJS.ProcessEnv = { GITHUB_ACTION_PATH: PROJECT_ROOT, GITHUB_OUTPUT: output, GITHUB_ACTIONS: 'true' };
  for (const [name, expr] of Object.entries(step.env)) {
    const input = /inputs\.([\w-]+)/.exec(expr)![1]!;
    env[name] = inputs[input] ?? '';
  }
  const r = spawnSync('bash', ['-c', step.run], { cwd: repo.dir, env: gitEnv(env), encoding: 'utf8' });
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
