// Repositories that already use another hook manager: init adds stampguard to it instead of
// switching its hooks off (husky would, by setting core.hooksPath), or refuses with the steps.
// lefthook and simple-git-hooks are real (devDependencies of stampguard); the pre-commit
// framework is Python and not installable here, so only its configuration is exercised.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gitEnv, PROJECT_ROOT, Repo, tempDir } from '../helpers/git-repo.js';
import { hookedRepo, packedInstall } from '../helpers/packed.js';

beforeAll(() => {
  packedInstall();
}, 180_000);

const LEFTHOOK = path.join(PROJECT_ROOT, 'node_modules/.bin/lefthook');
const SIMPLE_GIT_HOOKS = path.join(PROJECT_ROOT, 'node_modules/simple-git-hooks/cli.js');

function lefthookInstall(repo: Repo) {
  execFileSync(LEFTHOOK, ['install'], { cwd: repo.dir, env: gitEnv(), stdio: 'pipe' });
}
function simpleGitHooks(repo: Repo) {
  execFileSync(process.execPath, [SIMPLE_GIT_HOOKS], { cwd: repo.dir, env: gitEnv(), stdio: 'pipe' });
}

function withRemote(repo: Repo): string {
  const bare = path.join(tempDir(), 'remote.git');
  execFileSync('git', ['init', '-q', '--bare', bare], { env: gitEnv() });
  repo.git('remote', 'add', 'origin', bare);
  repo.git('push', '-q', 'origin', 'main');
  return bare;
}

function doctor(repo: Repo) {
  const r = repo.stampguard(['doctor', '--json']);
  return {
    code: r.code,
    report: JSON.parse(r.stdout) as {
      ok: boolean;
      checks: { ok: boolean; what: string }[];
      runs: Record<string, string[]>;
    },
  };
}

/** The guard works through whichever manager runs the hooks: commit, tag and push refusals. */
function expectGuarded(repo: Repo, marker: string) {
  repo.write('package.json', repo.read('package.json').replace('"version": "1.0.0"', '"version": "1.0.1-dirty"'));
  repo.git('add', 'package.json');
  const commit = repo.tryGit(['commit', '-m', 'bad']);
  expect(commit.code).not.toBe(0);
  expect(commit.stderr + commit.stdout).toContain('nonstandard-version');
  expect(commit.stdout + commit.stderr).toContain(marker); // the user's own command still runs
  repo.git('checkout', '-q', 'HEAD', '--', 'package.json');
  repo.write('scratch.txt', 'dirty');
  const tag = repo.tryGit(['tag', 'v1.0.0']);
  expect(tag.code).toBe(128);
  expect(tag.stderr).toContain('untracked-files');
  repo.git('clean', '-q', '-f', 'scratch.txt');
  const bare = withRemote(repo);
  repo.tryGit(['tag', 'v9.0.0'], { STAMPGUARD: '0' });
  const push = repo.tryGit(['push', 'origin', 'v9.0.0']);
  expect(push.code).not.toBe(0);
  expect(push.stdout + push.stderr).toContain('version-mismatch');
  expect(new Repo(bare).git('tag', '-l').trim()).toBe('');
  repo.commit('more', { 'b.txt': 'b' });
  expect(repo.tryGit(['push', '-q', 'origin', 'main']).code).toBe(0);
}

describe('lefthook', () => {
  it('init adds stampguard to lefthook.yml (keeping its comments and commands) and never switches lefthook off', () => {
    const repo = hookedRepo({
      init: false,
      files: { 'lefthook.yml': '# the team hooks\npre-commit:\n  commands:\n    lint:\n      run: echo LINT-RAN\n' },
    });
    lefthookInstall(repo);
    const r = repo.stampguard(['init']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('run lefthook install');
    expect(repo.tryGit(['config', '--get', 'core.hooksPath']).code).toBe(1); // husky did not take over
    const config = repo.read('lefthook.yml');
    expect(config).toContain('# the team hooks');
    expect(config).toContain('run: echo LINT-RAN');
    expect(config).toMatch(/stampguard:\n\s+run: '?if \[ -f "\$\(git rev-parse --git-path hooks\)"\/stampguard\.sh \]/);
    expect(config).toContain('use_stdin: true');
    expect(readFileSync(path.join(repo.dir, '.git/hooks/reference-transaction'), 'utf8')).toContain('stampguard');
    lefthookInstall(repo); // what the user runs, as init said
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'stampguard');
    const { code, report } = doctor(repo);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(code).toBe(0);
    expect(report.runs.commit).toEqual(['.git/hooks/pre-commit (lefthook): lint; stampguard']);
    expect(report.runs.tag).toEqual([".git/hooks/reference-transaction: stampguard's tag pre-filter"]);
    expectGuarded(repo, 'LINT-RAN');
    // lefthook install again keeps stampguard's tag hook, which it does not manage.
    lefthookInstall(repo);
    expect(existsSync(path.join(repo.dir, '.git/hooks/reference-transaction'))).toBe(true);
    // uninstall takes stampguard out again and leaves the team's command.
    expect(repo.stampguard(['uninstall']).code).toBe(0);
    expect(repo.read('lefthook.yml')).not.toContain('stampguard');
    expect(repo.read('lefthook.yml')).toContain('run: echo LINT-RAN');
    expect(existsSync(path.join(repo.dir, '.git/hooks/reference-transaction'))).toBe(false);
  });

  it('a TOML configuration is not edited: init says exactly what to add', () => {
    const repo = hookedRepo({ init: false, files: { 'lefthook.toml': '[pre-commit.commands.lint]\nrun = "true"\n' } });
    const r = repo.stampguard(['init']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('lefthook.toml (TOML)');
    expect(r.stderr).toContain('use_stdin = true');
    expect(repo.read('lefthook.toml')).toBe('[pre-commit.commands.lint]\nrun = "true"\n');
  });
});

describe('simple-git-hooks', () => {
  it('init appends to its commands, adds the tag hook it would otherwise delete, and keeps the user command first', () => {
    const repo = hookedRepo({ init: false });
    const pkg = JSON.parse(repo.read('package.json'));
    repo.write(
      'package.json',
      `${JSON.stringify({ ...pkg, 'simple-git-hooks': { 'pre-commit': 'echo SGH-RAN' } }, null, 2)}\n`,
    );
    simpleGitHooks(repo);
    const r = repo.stampguard(['init']);
    expect(r.code, r.stderr).toBe(0);
    expect(repo.tryGit(['config', '--get', 'core.hooksPath']).code).toBe(1);
    const config = JSON.parse(repo.read('package.json'))['simple-git-hooks'];
    expect(config['pre-commit']).toMatch(/^echo SGH-RAN && if \[ -f /);
    expect(config['reference-transaction']).toContain('exec');
    simpleGitHooks(repo);
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'stampguard');
    const { code, report } = doctor(repo);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(code).toBe(0);
    expect(report.runs.tag).toEqual([
      ".git/hooks/reference-transaction (simple-git-hooks): stampguard's tag pre-filter",
    ]);
    expectGuarded(repo, 'SGH-RAN');
    // Running simple-git-hooks again (every install) keeps the tag hook: it is in its configuration.
    simpleGitHooks(repo);
    repo.write('scratch.txt', 'dirty');
    expect(repo.tryGit(['tag', 'v1.0.0']).code).toBe(128);
  });

  it('a JavaScript configuration is not edited: init prints the entries to add', () => {
    const repo = hookedRepo({
      init: false,
      files: { '.simple-git-hooks.cjs': "module.exports = { 'pre-commit': 'true' }\n" },
    });
    const r = repo.stampguard(['init']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"reference-transaction": f="${0%/*}/stampguard-reference-transaction"');
  });
});

describe('the pre-commit framework (configuration only: it is Python)', () => {
  it('init adds a local repo with stampguard hooks, installs the tag hook directly, and doctor says pre-commit must install its hooks', () => {
    const repo = hookedRepo({
      init: false,
      files: {
        '.pre-commit-config.yaml':
          'repos:\n  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: v4.6.0\n    hooks:\n      - id: trailing-whitespace\n',
      },
    });
    const r = repo.stampguard(['init']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('not tested');
    const config = repo.read('.pre-commit-config.yaml');
    expect(config).toContain('id: trailing-whitespace');
    expect(config).toContain('id: stampguard-pre-commit');
    expect(config).toContain('stages:\n');
    repo.write('scratch.txt', 'dirty');
    expect(repo.tryGit(['tag', 'v1.0.0']).code).toBe(128);
    const { code, report } = doctor(repo);
    expect(code).toBe(1);
    expect(
      report.checks.some((c) => !c.ok && c.what.includes('pre-commit has not installed its pre-commit hook')),
    ).toBe(true);
  });
});

describe('more than one manager', () => {
  it('is refused: only one can own the hooks', () => {
    const repo = hookedRepo({
      init: false,
      files: { 'lefthook.yml': 'pre-commit:\n  commands: {}\n', '.pre-commit-config.yaml': 'repos: []\n' },
    });
    const r = repo.stampguard(['init']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('more than one hook manager');
    expect(spawnSync('git', ['config', '--get', 'core.hooksPath'], { cwd: repo.dir, env: gitEnv() }).status).toBe(1);
  });
});
