// The way out each refusal names works when followed: each test takes the command from the hint
// as the report gives it, runs it in the same scenario, and checks again.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '../../src/types.js';
import { gitEnv, makeRepo, parseJson, type Repo, tempDir } from '../helpers/git-repo.js';

function check(repo: Repo, ...args: string[]): { code: number; report: Report } {
  const r = repo.cli(['check', '--json', ...args]);
  return { code: r.code, report: parseJson<Report>(r.stdout) };
}

function finding(report: Report, code: string): Finding {
  const found = report.findings.find((f) => f.code === code);
  expect(found, `${code} in ${JSON.stringify(report.findings)}`).toBeDefined();
  return found!;
}

/** The first command in a hint that starts with one of the words, up to a ")" or the end of the sentence. */
function commandIn(hint: string, start: string): string {
  const at = hint.indexOf(start);
  expect(at, `"${start}" in the hint: ${hint}`).toBeGreaterThanOrEqual(0);
  const rest = hint.slice(at);
  const end = rest.search(/\)|, or |[.;](\s|$)/);
  return (end === -1 ? rest : rest.slice(0, end)).trim();
}

/** Runs a hint's command as a person would type it, in the repository. */
function follow(repo: Repo, command: string): void {
  const r = spawnSync('sh', ['-c', command], { cwd: repo.dir, env: gitEnv(), encoding: 'utf8' });
  expect(r.status, `${command}\n${r.stdout}${r.stderr}`).toBe(0);
}

describe('hints that work when followed', () => {
  it('release: package.json disagrees with the tag already made; the hint deletes it and lets npm version redo both', () => {
    const repo = makeRepo({ version: '1.0.1' });
    repo.tag('v1.0.2', { annotated: true });
    const before = check(repo);
    expect(before.code).toBe(1);
    const command = commandIn(finding(before.report, 'version-mismatch').hint, 'git tag -d');
    expect(command).toBe('git tag -d v1.0.2 && npm version 1.0.2');
    follow(repo, command);
    const after = check(repo);
    expect(after.report.findings).toEqual([]);
    expect(after.code).toBe(0);
    expect(after.report.version.stamp).toBe('1.0.2');
  });

  it('tag: a describe-shaped tag gets no advice to write it into package.json; the plain version it names does the job', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.tag('v1.0.0');
    repo.commit('next');
    const bad = check(repo, '--tag', 'v2.0.0-1-gdeadbee');
    expect(bad.code).toBe(1);
    expect(bad.report.findings.map((f) => f.code)).toEqual(['nonstandard-version']);
    const plain = /such as (v\S+?)\.$/.exec(finding(bad.report, 'nonstandard-version').hint)?.[1];
    expect(plain).toBe('v2.0.0');
    const next = check(repo, '--tag', plain!);
    const command = commandIn(finding(next.report, 'version-mismatch').hint, 'npm version');
    expect(command).toBe('npm version 2.0.0 does both');
    follow(repo, 'npm version 2.0.0');
    expect(repo.git('describe', '--tags').trim()).toBe('v2.0.0');
    expect(check(repo).code).toBe(0);
  });

  it('no upstream, and the remote has no such branch: the hint pushes it with -u instead of naming a branch that does not exist', () => {
    const origin = path.join(tempDir(), 'origin.git');
    const repo = makeRepo({ version: '1.0.0' });
    execFileSync('git', ['init', '-q', '--bare', origin], { env: gitEnv() });
    repo.git('remote', 'add', 'origin', origin);
    repo.git('push', '-q', '-u', 'origin', 'main');
    repo.git('switch', '-q', '-c', 'main2');
    repo.tag('v1.0.0');
    const before = check(repo);
    const hint = finding(before.report, 'behind-upstream').hint;
    expect(hint).not.toContain('--set-upstream-to=origin/main2');
    const command = commandIn(hint, 'git push -u');
    expect(command).toBe('git push -u origin main2');
    follow(repo, command);
    const after = check(repo);
    expect(after.report.findings).toEqual([]);
    expect(after.code).toBe(0);
  });

  it('no upstream, and the remote has the branch: --set-upstream-to names it, and it works', () => {
    const origin = path.join(tempDir(), 'origin.git');
    const repo = makeRepo({ version: '1.0.0' });
    execFileSync('git', ['init', '-q', '--bare', origin], { env: gitEnv() });
    repo.git('remote', 'add', 'origin', origin);
    repo.git('push', '-q', 'origin', 'main');
    repo.tag('v1.0.0');
    const command = commandIn(finding(check(repo).report, 'behind-upstream').hint, 'git branch');
    expect(command).toBe('git branch --set-upstream-to=origin/main');
    follow(repo, command);
    expect(check(repo).report.findings).toEqual([]);
  });

  it('no tag: the hint tags the version package.json holds, not always 1.0.0', () => {
    const repo = makeRepo({ version: '2.0.0' });
    const before = check(repo);
    const command = commandIn(finding(before.report, 'no-tag').hint, 'git tag');
    expect(command).toBe('git tag -a v2.0.0 -m v2.0.0');
    follow(repo, command);
    const after = check(repo);
    expect(after.code).toBe(0);
    expect(after.report.version.stamp).toBe('2.0.0');
  });

  it('no tag and no package.json: 1.0.0, and that works too', () => {
    const repo = makeRepo({ version: null, files: { 'main.go': 'package main\n' } });
    const command = commandIn(finding(check(repo).report, 'no-tag').hint, 'git tag');
    expect(command).toBe('git tag -a v1.0.0 -m v1.0.0');
    follow(repo, command);
    expect(check(repo).code).toBe(0);
  });
});
