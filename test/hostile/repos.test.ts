// Repositories of unusual shapes, through real git and the built CLI: submodules (clean, changed,
// uninitialised), linked worktrees, sparse checkouts, no commits, detached HEAD, and broken state.
import { execFileSync } from 'node:child_process';
import { realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '../../src/types.js';
import { gitEnv, makeEmptyRepo, makeRepo, parseJson, Repo, runCli, tempDir } from '../helpers/git-repo.js';

function checkJson(repo: Repo | string, ...args: string[]): { code: number; report: Report } {
  const cwd = typeof repo === 'string' ? repo : repo.dir;
  const r = runCli(['check', '--json', ...args], { cwd });
  expect(r.stderr).toBe('');
  return { code: r.code, report: parseJson<Report>(r.stdout) };
}

const codes = (report: Report) => report.findings.map((f) => f.code);
const errors = (report: Report) => report.findings.filter((f) => f.severity === 'error').map((f) => f.code);

function findingOf(report: Report, code: Finding['code']): Finding {
  const f = report.findings.find((x) => x.code === code);
  expect(f, `${code} in ${JSON.stringify(codes(report))}`).toBeDefined();
  return f!;
}

/** A library repository, and a project at v1.0.0 that has it as submodule libs/sub. */
function withSubmodule(config?: Record<string, unknown>): { project: Repo; lib: Repo; sub: Repo } {
  const lib = makeRepo({ version: null, files: { 'lib.txt': 'one\n' } });
  const project = makeRepo({
    version: '1.0.0',
    ...(config && { files: { '.stampguardrc.json': JSON.stringify(config) } }),
  });
  project.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', lib.dir, 'libs/sub');
  project.commit('add submodule');
  project.tag('v1.0.0');
  return { project, lib, sub: new Repo(path.join(project.dir, 'libs/sub')) };
}

describe('submodules', () => {
  it('a clean, initialised submodule passes', () => {
    const { project } = withSubmodule();
    const { code, report } = checkJson(project);
    expect(report.findings).toEqual([]);
    expect(code).toBe(0);
    expect(report.version.stamp).toBe('1.0.0');
  });

  it('a modified file inside the submodule is dirty-tree naming the submodule path', () => {
    const { project, sub } = withSubmodule();
    sub.write('lib.txt', 'changed\n');
    const { code, report } = checkJson(project);
    expect(code).toBe(1);
    const dirty = findingOf(report, 'dirty-tree');
    expect(dirty.paths).toEqual(['libs/sub']);
    expect(dirty.message).toBe('1 tracked file changed: libs/sub (submodule)');
    expect(report.version.dirty).toBe(true);
  });

  it('a submodule checked out at another commit is dirty-tree naming the submodule path', () => {
    const { project, sub } = withSubmodule();
    sub.commit('moves on', { 'lib.txt': 'two\n' }); // the submodule's own tree is clean
    expect(sub.git('status', '--porcelain')).toBe('');
    const { code, report } = checkJson(project);
    expect(code).toBe(1);
    expect(findingOf(report, 'dirty-tree').paths).toEqual(['libs/sub']);
    // Committing the new pointer and tagging again makes it releasable.
    project.writePackage('1.0.1');
    project.commit('bump submodule, 1.0.1');
    project.tag('v1.0.1');
    const released = checkJson(project);
    expect(released.report.findings).toEqual([]);
    expect(released.code).toBe(0);
  });

  it('an uninitialised submodule (cloned without --recurse-submodules) is an incomplete checkout; a warning when configured so', () => {
    const { project } = withSubmodule();
    const clone = path.join(tempDir(), 'clone');
    execFileSync('git', ['clone', '-q', project.dir, clone], { env: gitEnv() });
    expect(new Repo(clone).git('submodule', 'status')).toMatch(/^-[0-9a-f]+ libs\/sub/); // "-": not initialised
    const { code, report } = checkJson(clone);
    expect(report.findings.map((f) => [f.code, f.paths])).toEqual([['incomplete-checkout', ['libs/sub']]]);
    expect(code).toBe(1);
    writeFileSync(path.join(clone, '.git', 'info', 'exclude'), '.stampguardrc.json\n');
    writeFileSync(
      path.join(clone, '.stampguardrc.json'),
      JSON.stringify({ incompleteCheckout: 'warning', locallyIgnored: 'ignore' }),
    );
    const lax = checkJson(clone);
    expect(lax.report.findings.map((f) => [f.code, f.severity])).toEqual([['incomplete-checkout', 'warning']]);
    expect(lax.code).toBe(0);
  });

  it('an untracked file that exists only inside a submodule is refused under untracked "error" and passes under "ignore"', () => {
    const strict = withSubmodule();
    strict.sub.write('scratch.txt', 'x');
    const refused = checkJson(strict.project);
    expect(refused.code).toBe(1);
    expect(refused.report.findings.flatMap((f) => f.paths ?? [])).toEqual(['libs/sub']);

    const lax = withSubmodule({ untracked: 'ignore' });
    lax.sub.write('scratch.txt', 'x');
    const passed = checkJson(lax.project);
    expect(passed.report.findings).toEqual([]);
    expect(passed.code).toBe(0);
  });

  // With "untracked": "warning" an untracked file in the project only warns; the same file one
  // level down, inside a submodule, is reported as a changed tracked file (dirty-tree, an error).
  it('an untracked file only inside a submodule follows "untracked": "warning" (a warning, not a dirty-tree error)', () => {
    const { project, sub } = withSubmodule({ untracked: 'warning' });
    sub.write('scratch.txt', 'x');
    const { code, report } = checkJson(project);
    expect(errors(report)).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('linked worktrees', () => {
  it('a check inside a linked worktree judges that worktree, not the main one, and back', () => {
    const repo = makeRepo({ version: '1.0.0', files: { 'a.txt': 'a\n' } });
    repo.tag('v1.0.0');
    const wtDir = path.join(tempDir(), 'wt');
    repo.git('worktree', 'add', '-q', '-b', 'wt-branch', wtDir);
    const wt = new Repo(wtDir);

    // The main worktree is dirty; the linked one is clean and on the tag.
    repo.write('a.txt', 'main is dirty\n');
    repo.write('main-only.txt', 'untracked\n');
    const inWt = checkJson(wt);
    expect(inWt.report.findings).toEqual([]);
    expect(inWt.code).toBe(0);
    expect(inWt.report.repo.root).toBe(realpathSync(wtDir));
    expect(inWt.report.repo.branch).toBe('wt-branch');
    const inMain = checkJson(repo);
    expect(inMain.code).toBe(1);
    expect(findingOf(inMain.report, 'dirty-tree').paths).toEqual(['a.txt']);
    expect(findingOf(inMain.report, 'untracked-files').paths).toEqual(['main-only.txt']);

    // Now the other way round.
    repo.git('checkout', '--', 'a.txt');
    execFileSync('rm', [path.join(repo.dir, 'main-only.txt')]);
    wt.write('a.txt', 'worktree is dirty\n');
    expect(checkJson(repo).code).toBe(0);
    const dirtyWt = checkJson(wt);
    expect(dirtyWt.code).toBe(1);
    expect(findingOf(dirtyWt.report, 'dirty-tree').paths).toEqual(['a.txt']);
    expect(dirtyWt.report.repo.branch).toBe('wt-branch');

    // A commit in the worktree moves only its own HEAD past the tag.
    wt.commit('worktree work');
    expect(errors(checkJson(wt).report)).toContain('not-on-tag');
    expect(checkJson(repo).code).toBe(0);
  });
});

describe('sparse checkout', () => {
  it('a clean sparse checkout is incomplete (a warning when configured so); a change inside the cone is dirty', () => {
    const repo = makeRepo({
      version: '1.0.0',
      files: { 'dir/a.txt': 'a\n', 'other/b.txt': 'b\n', 'other/deep/c.txt': 'c\n' },
    });
    repo.tag('v1.0.0');
    repo.git('sparse-checkout', 'set', 'dir');
    expect(
      repo
        .git('ls-files', '-t', 'other')
        .split('\n')
        .filter(Boolean)
        .every((l) => l.startsWith('S ')),
    ).toBe(true);
    expect(() => repo.read('other/b.txt')).toThrow();
    const incomplete = checkJson(repo);
    expect(incomplete.report.findings.map((f) => f.code)).toEqual(['incomplete-checkout']);
    expect(incomplete.code).toBe(1);
    // A build that needs only the cone: the user says so.
    writeFileSync(path.join(repo.dir, '.git', 'info', 'exclude'), '.stampguardrc.json\n');
    repo.write('.stampguardrc.json', JSON.stringify({ incompleteCheckout: 'warning', locallyIgnored: 'ignore' }));
    const { code, report } = checkJson(repo);
    expect(report.findings.map((f) => [f.code, f.severity])).toEqual([['incomplete-checkout', 'warning']]);
    expect(code).toBe(0);

    repo.write('dir/a.txt', 'changed\n');
    const dirty = checkJson(repo);
    expect(dirty.code).toBe(1);
    expect(findingOf(dirty.report, 'dirty-tree').paths).toEqual(['dir/a.txt']);
  });
});

describe('no commits, detached HEAD', () => {
  it('a repository with no commits: no-tag (exit 1), no head, and version prints nothing', () => {
    const repo = makeEmptyRepo();
    const { code, report } = checkJson(repo);
    expect(code).toBe(1);
    expect(codes(report)).toEqual(['no-tag']);
    expect(report.repo).toMatchObject({ head: null, branch: 'main' });
    expect(report.version).toMatchObject({ tag: null, stamp: null, dev: null });

    repo.write('package.json', '{"name":"x","version":"1.0.0"}\n');
    const withFiles = checkJson(repo);
    expect(withFiles.code).toBe(1);
    expect(codes(withFiles.report)).toEqual(expect.arrayContaining(['no-tag', 'untracked-files']));

    const version = repo.cli(['version']);
    expect(version.code).toBe(1);
    expect(version.stdout).toBe('');
    expect(version.stderr).toContain('no-tag');
    expect(repo.cli(['version', '--dev']).code).toBe(1);
  });

  it('a detached HEAD on the release tag passes; detached past it is not-on-tag', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.tag('v1.0.0', { annotated: true });
    repo.commit('after the release');
    repo.git('checkout', '-q', '--detach', 'v1.0.0');
    const onTag = checkJson(repo);
    expect(onTag.report.findings).toEqual([]);
    expect(onTag.code).toBe(0);
    expect(onTag.report.repo.branch).toBeNull();
    expect(onTag.report.version.stamp).toBe('1.0.0');
    expect(repo.cli(['version']).stdout).toBe('1.0.0\n');

    repo.git('checkout', '-q', '--detach', 'main');
    const past = checkJson(repo);
    expect(past.code).toBe(1);
    expect(errors(past.report)).toContain('not-on-tag');
    expect(past.report.version.distance).toBe(1);
  });

  it('a detached HEAD with branches configured: passes when an allowed branch contains it, refused when none does', () => {
    const repo = makeRepo({
      version: '1.0.0',
      files: { '.stampguardrc.json': JSON.stringify({ branches: ['main'] }) },
    });
    repo.tag('v1.0.0');
    repo.git('checkout', '-q', '--detach', 'v1.0.0');
    expect(checkJson(repo).code).toBe(0);

    repo.git('checkout', '-q', '-b', 'topic');
    repo.writePackage('1.1.0');
    repo.commit('topic release');
    repo.tag('v1.1.0');
    repo.git('checkout', '-q', '--detach', 'v1.1.0');
    const refused = checkJson(repo);
    expect(refused.code).toBe(1);
    expect(errors(refused.report)).toEqual(['branch-not-allowed']);
  });
});

describe("broken repositories: exit 2 with git's reason, never a crash", () => {
  function cannotRun(cwd: string, args: string[] = ['check', '--json']) {
    const r = runCli(args, { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^stampguard: could not run: /);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    return r.stderr;
  }

  it('a .git file pointing at a missing directory', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, '.git'), 'gitdir: /nonexistent/stampguard/.git\n');
    expect(cannotRun(dir)).toContain('not a git repository');
  });

  it('a corrupt index', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.tag('v1.0.0');
    writeFileSync(path.join(repo.dir, '.git/index'), 'garbage');
    expect(cannotRun(repo.dir)).toMatch(/git (status|ls-files) failed: .*index/);
  });

  it('a branch pointing at an object that does not exist', () => {
    const repo = makeRepo({ version: '1.0.0' });
    writeFileSync(path.join(repo.dir, '.git/refs/heads/main'), `${'1234567890'.repeat(4)}\n`);
    expect(cannotRun(repo.dir)).toContain('1234567890');
  });

  // A merge that stops on package.json leaves conflict markers in it: the configuration search
  // must report the unreadable file like any other configuration error (README: exit 2, with the
  // file), whether stampguard runs in the repository or is pointed at it with --cwd.
  it('a package.json with merge-conflict markers: exit 2 naming package.json, run from the repository or with --cwd', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.tag('v1.0.0');
    repo.git('checkout', '-q', '-b', 'other');
    repo.writePackage('1.1.0');
    repo.commit('1.1.0');
    repo.git('checkout', '-q', 'main');
    repo.writePackage('1.0.1');
    repo.commit('1.0.1');
    expect(repo.tryGit(['merge', '-q', 'other']).code).not.toBe(0);
    expect(repo.read('package.json')).toContain('<<<<<<<');

    expect(cannotRun(tempDir(), ['check', '--json', '--cwd', repo.dir])).toContain('package.json');
    expect(cannotRun(repo.dir)).toContain('package.json');
    expect(cannotRun(repo.dir, ['version'])).toContain('package.json');
  });

  it('the pre-commit hook with a valid staged package.json and a half-edited one on disk: no internal error', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.writePackage('1.0.0', { description: 'staged' });
    repo.git('add', 'package.json');
    repo.write('package.json', '{ "name": "demo", "version": ');
    const r = repo.cli(['hook', 'pre-commit']);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    // Commit mode reads the configuration from the index (README); refusing to run is acceptable too.
    expect([0, 2]).toContain(r.code);
    if (r.code === 2) expect(r.stderr).toContain('package.json');
  });
});
