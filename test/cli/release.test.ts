// The built CLI in real temporary repositories: one test per finding code of release mode, the
// incident, exit codes, and the JSON report's shape.
import { chownSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { makeEmptyRepo, makeRepo, parseJson, type Repo, runCli, tempDir } from '../helpers/git-repo.js';

function check(repo: Repo, ...args: string[]) {
  const r = repo.cli(['check', '--json', ...args]);
  expect(r.stderr).toBe('');
  return { code: r.code, report: parseJson<Report>(r.stdout) };
}

const codes = (report: Report) => report.findings.map((f) => f.code);

function releasedRepo(version = '1.2.3'): Repo {
  const repo = makeRepo({ version });
  repo.tag(`v${version}`, { annotated: true });
  return repo;
}

describe('release mode: a releasable checkout', () => {
  it('passes exactly on a release tag with a clean tree, and version prints the plain version', () => {
    const repo = releasedRepo('1.2.3');
    const { code, report } = check(repo);
    expect(code).toBe(0);
    expect(report).toMatchObject({
      schemaVersion: 1,
      ok: true,
      mode: 'release',
      repo: { root: repo.dir, head: repo.head(), branch: 'main', shallow: false },
      version: {
        describe: 'v1.2.3',
        tag: 'v1.2.3',
        distance: 0,
        dirty: false,
        stamp: '1.2.3',
        dev: `1.2.4-dev.0+g${repo.head().slice(0, 7)}`,
      },
      findings: [],
    });
    const version = repo.cli(['version']);
    expect(version).toEqual({ code: 0, stdout: '1.2.3\n', stderr: '' });
  });

  it('prints a readable summary in pretty mode', () => {
    const repo = releasedRepo('2.0.0');
    const r = repo.cli(['check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('stampguard: release check passed');
    expect(r.stdout).toContain('on v2.0.0');
    expect(r.stdout).toContain('stamp:      2.0.0');
    expect(r.stdout).not.toMatch(/\u001b\[/); // NO_COLOR=1
  });

  it('picks the highest release tag when HEAD carries several', () => {
    const repo = makeRepo({ version: '4.9.24' });
    repo.tag('v4.9.24-rc.2');
    repo.tag('v4.9.24', { annotated: true });
    const { code, report } = check(repo);
    expect(code).toBe(0);
    expect(report.version.stamp).toBe('4.9.24');
  });

  it('passes with a lightweight tag and from a subdirectory', () => {
    const repo = makeRepo({ version: '0.3.0', files: { 'src/a.txt': 'a' } });
    repo.tag('v0.3.0');
    const r = repo.cli(['version'], { cwd: path.join(repo.dir, 'src') });
    expect(r).toMatchObject({ code: 0, stdout: '0.3.0\n' });
  });
});

describe('release mode: each refusal', () => {
  it('dirty-tree lists modified, staged, deleted and renamed paths', () => {
    const repo = makeRepo({
      version: '1.0.0',
      files: { 'a.txt': 'a', 'b.txt': 'b', 'c.txt': 'c', 'old name.txt': 'x' },
    });
    repo.tag('v1.0.0');
    repo.write('a.txt', 'changed');
    repo.write('b.txt', 'staged');
    repo.git('add', 'b.txt');
    repo.git('rm', '-q', 'c.txt');
    repo.git('mv', 'old name.txt', 'new name.txt');
    const { code, report } = check(repo);
    expect(code).toBe(1);
    const dirty = report.findings.find((f) => f.code === 'dirty-tree')!;
    expect(dirty.severity).toBe('error');
    expect(dirty.paths?.sort()).toEqual(['a.txt', 'b.txt', 'c.txt', 'new name.txt']);
    expect(dirty.message).toContain('4 tracked files changed');
    expect(dirty.message).toContain('old name.txt → new name.txt');
    expect(dirty.hint).toMatch(/Commit or stash/);
    expect(report.version).toMatchObject({ dirty: true, stamp: null, describe: 'v1.0.0-dirty' });
    // An npm build stamps package.json's version, not describe output: no describe-derived stamp.
    expect(codes(report)).not.toContain('nonstandard-version');
  });

  it('dirty-tree lists at most ten paths in the message and all of them in the report', () => {
    const repo = makeRepo({
      version: '1.0.0',
      files: Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`f${i}.txt`, 'x'])),
    });
    repo.tag('v1.0.0');
    for (let i = 0; i < 15; i++) repo.write(`f${i}.txt`, 'y');
    const { report } = check(repo);
    const dirty = report.findings.find((f) => f.code === 'dirty-tree')!;
    expect(dirty.paths).toHaveLength(15);
    expect(dirty.message).toContain('and 5 more');
  });

  it('untracked-files follows the untracked policy', () => {
    const repo = releasedRepo('1.0.0');
    repo.write('notes.txt', 'x');
    repo.write('build/out.js', 'x');
    const refused = check(repo);
    expect(refused.code).toBe(1);
    const finding = refused.report.findings.find((f) => f.code === 'untracked-files')!;
    expect(finding.severity).toBe('error');
    expect(finding.paths?.sort()).toEqual(['build/', 'notes.txt']);

    repo.write('.stampguardrc.json', JSON.stringify({ untracked: 'warning' }));
    const warned = check(repo);
    expect(warned.code).toBe(0);
    expect(warned.report.findings.map((f) => [f.code, f.severity])).toEqual([['untracked-files', 'warning']]);
    expect(warned.report.version.stamp).toBe('1.0.0');

    repo.write('.stampguardrc.json', JSON.stringify({ untracked: 'ignore' }));
    const ignored = check(repo);
    expect(ignored.code).toBe(0);
    expect(ignored.report.findings).toEqual([]);
  });

  it('ignored files do not count', () => {
    const repo = makeRepo({ version: '1.0.0', files: { '.gitignore': 'dist/\n' } });
    repo.tag('v1.0.0');
    repo.write('dist/bundle.js', 'x');
    expect(check(repo).code).toBe(0);
  });

  it('operation-in-progress during a merge with conflicts', () => {
    const repo = makeRepo({ version: '1.0.0', files: { 'a.txt': 'base\n' } });
    repo.git('checkout', '-q', '-b', 'other');
    repo.commit('other', { 'a.txt': 'other\n' });
    repo.git('checkout', '-q', 'main');
    repo.commit('main', { 'a.txt': 'main\n' });
    repo.tag('v1.0.0');
    expect(repo.tryGit(['merge', 'other']).code).not.toBe(0);
    const { code, report } = check(repo);
    expect(code).toBe(1);
    expect(codes(report)).toEqual(expect.arrayContaining(['operation-in-progress', 'dirty-tree']));
    expect(report.findings.find((f) => f.code === 'operation-in-progress')!.message).toContain('merge');
    expect(report.findings.find((f) => f.code === 'dirty-tree')!.message).toContain('a.txt (unmerged)');
  });

  it('operation-in-progress during a rebase and a bisect', () => {
    const repo = makeRepo({ version: '1.0.0', files: { 'a.txt': 'base\n' } });
    repo.git('checkout', '-q', '-b', 'topic');
    repo.commit('topic', { 'a.txt': 'topic\n' });
    repo.git('checkout', '-q', 'main');
    repo.commit('main', { 'a.txt': 'main\n' });
    repo.git('checkout', '-q', 'topic');
    expect(repo.tryGit(['rebase', 'main']).code).not.toBe(0);
    const rebasing = check(repo).report.findings.find((f) => f.code === 'operation-in-progress');
    expect(rebasing?.message).toContain('rebase');
    expect(rebasing?.hint).toContain('git rebase --abort');
    repo.git('rebase', '--abort');

    repo.git('bisect', 'start');
    const bisecting = check(repo).report.findings.find((f) => f.code === 'operation-in-progress');
    expect(bisecting?.message).toContain('bisect');
    expect(bisecting?.hint).toContain('git bisect reset');
  });

  it('shallow-clone in a --depth 1 clone, with the command that fixes it', () => {
    const origin = releasedRepo('1.0.0');
    origin.commit('next', { 'x.txt': 'x' });
    const dir = path.join(tempDir(), 'shallow');
    origin.tryGit(['clone', '-q', '--depth', '1', `file://${origin.dir}`, dir]);
    const clone = new (origin.constructor as new (dir: string) => Repo)(dir);
    const { code, report } = check(clone);
    expect(code).toBe(1);
    expect(report.repo.shallow).toBe(true);
    expect(codes(report)).toEqual(expect.arrayContaining(['shallow-clone', 'no-tag']));
    expect(report.findings.find((f) => f.code === 'shallow-clone')!.hint).toContain('git fetch --unshallow --tags');
    expect(report.findings.find((f) => f.code === 'shallow-clone')!.hint).toContain('fetch-depth: 0');
    // A development version from whatever tags the clone has is printed, but never silently.
    const dev = clone.cli(['version', '--dev']);
    expect(dev.code).toBe(0);
    expect(dev.stdout).toMatch(/^0\.0\.0-dev\.1\+g[0-9a-f]{7}\n$/);
    expect(dev.stderr).toContain('shallow clone');
    expect(dev.stderr).toContain('git fetch --unshallow --tags');
    const stamped = clone.cli(['stamp', '--dev', '--format', 'env']);
    expect(stamped.stderr).toContain('shallow clone');
    // A full clone says nothing of the kind.
    expect(origin.cli(['version', '--dev']).stderr).toBe('');
  });

  it('no-tag without any tag, naming tags that do not match the prefix', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.tag('release-1.0.0');
    const { code, report } = check(repo);
    expect(code).toBe(1);
    expect(codes(report)).toEqual(['no-tag']);
    expect(report.findings[0]!.hint).toContain('release-1.0.0');
    expect(report.version).toMatchObject({
      describe: null,
      tag: null,
      distance: null,
      stamp: null,
      dev: `0.0.0-dev.1+g${repo.head().slice(0, 7)}`,
    });
  });

  it('no-tag on an unborn branch, and version --dev still answers in a repo with commits only', () => {
    const repo = makeEmptyRepo();
    const { code, report } = check(repo);
    expect(code).toBe(1);
    expect(codes(report)).toEqual(['no-tag']);
    expect(report.repo).toMatchObject({ head: null, branch: 'main' });
    expect(repo.cli(['version', '--dev']).code).toBe(1);
  });

  it('tag-not-semver when the nearest v-tag is not strict semver', () => {
    const repo = makeRepo({ version: '1.2.3' });
    repo.tag('v1.2.3.4');
    const { code, report } = check(repo);
    expect(code).toBe(1);
    expect(codes(report)).toContain('tag-not-semver');
    expect(report.findings.find((f) => f.code === 'tag-not-semver')!.tag).toBe('v1.2.3.4');
  });

  it('not-on-tag names the distance and the tag', () => {
    const repo = releasedRepo('1.0.0');
    repo.commit('one more');
    repo.commit('two more');
    const { code, report } = check(repo);
    expect(code).toBe(1);
    const finding = report.findings.find((f) => f.code === 'not-on-tag')!;
    expect(finding.message).toContain('2 commits past v1.0.0');
    expect(finding).toMatchObject({ tag: 'v1.0.0', expected: '0', actual: '2' });
    const r = repo.cli(['version']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('not-on-tag');
    expect(repo.cli(['version', '--dev']).stdout).toMatch(/^1\.0\.1-dev\.2\+g[0-9a-f]{7}\n$/);
  });

  it('nonstandard-version for a release tag named like describe output', () => {
    const repo = makeRepo({ version: '1.0.0-1-gdeadbee' });
    repo.tag('v1.0.0-1-gdeadbee');
    const { code, report } = check(repo);
    expect(code).toBe(1);
    const finding = report.findings.find((f) => f.code === 'nonstandard-version')!;
    expect(finding.message).toContain('git describe output');
    expect(report.version.stamp).toBeNull();
  });

  it('nonstandard-version for a pre-release when allowPrerelease is false', () => {
    const repo = makeRepo({ version: '1.0.0-rc.1' });
    repo.tag('v1.0.0-rc.1');
    expect(check(repo).code).toBe(0);
    repo.write('.stampguardrc.json', JSON.stringify({ allowPrerelease: false }));
    repo.commit('config');
    repo.tag('v1.0.0-rc.2');
    repo.writePackage('1.0.0-rc.2');
    repo.commit('bump');
    repo.git('tag', '-f', 'v1.0.0-rc.2');
    const { report } = check(repo);
    expect(codes(report)).toContain('nonstandard-version');
    expect(report.findings.find((f) => f.code === 'nonstandard-version')!.message).toContain('allowPrerelease');
  });

  it('version-mismatch when package.json disagrees with the tag', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.tag('v1.1.0');
    const { code, report } = check(repo);
    expect(code).toBe(1);
    expect(report.findings).toEqual([
      expect.objectContaining({
        code: 'version-mismatch',
        paths: ['package.json'],
        tag: 'v1.1.0',
        expected: '1.1.0',
        actual: '1.0.0',
      }),
    ]);
  });

  it('version-mismatch for configured version files, relative to the config file', () => {
    const repo = makeRepo({ version: '2.0.0', files: { 'sub/manifest.json': '{"version":"1.9.0"}' } });
    repo.write(
      '.stampguardrc.json',
      JSON.stringify({ versionFiles: ['package.json', 'sub/manifest.json', 'missing.json'] }),
    );
    repo.commit('config');
    repo.tag('v2.0.0');
    const { report } = check(repo);
    const mismatches = report.findings.filter((f) => f.code === 'version-mismatch');
    expect(mismatches.map((f) => f.paths?.[0]).sort()).toEqual(['missing.json', 'sub/manifest.json']);
    expect(mismatches.find((f) => f.paths?.[0] === 'missing.json')!.message).toContain('does not exist');
  });

  it('a repository without package.json, or with one without a version, needs no version file', () => {
    const repo = makeRepo({ version: null, files: { 'main.go': 'package main\n' } });
    repo.tag('v0.5.0');
    expect(check(repo).code).toBe(0);
    const app = makeRepo({ version: null, files: { 'package.json': '{ "name": "app", "private": true }\n' } });
    app.tag('v2.0.0');
    expect(check(app).code).toBe(0);
    // Listed in the configuration, a file without a version is a mismatch.
    app.write('.stampguardrc.json', JSON.stringify({ versionFiles: ['package.json'], untracked: 'ignore' }));
    expect(check(app).report.findings.map((f) => f.code)).toEqual(['version-mismatch']);
  });

  it('branch-not-allowed outside the configured branches; a detached HEAD inside one passes', () => {
    const repo = makeRepo({
      version: '1.0.0',
      files: { '.stampguardrc.json': JSON.stringify({ branches: ['main', 'release-*'] }) },
    });
    repo.tag('v1.0.0');
    expect(check(repo).code).toBe(0);
    repo.git('checkout', '-q', '-b', 'feature');
    const refused = check(repo);
    expect(refused.code).toBe(1);
    expect(refused.report.findings[0]).toMatchObject({
      code: 'branch-not-allowed',
      actual: 'feature',
      expected: 'main, release-*',
    });
    repo.git('checkout', '-q', '-b', 'release-1.0');
    expect(check(repo).code).toBe(0);
    repo.git('checkout', '-q', '--detach', 'v1.0.0');
    expect(check(repo).code).toBe(0); // main contains it
    repo.git('checkout', '-q', 'feature');
    repo.commit('feature work');
    repo.tag('v1.1.0');
    repo.writePackage('1.1.0');
    repo.commit('bump');
    repo.git('tag', '-f', 'v1.1.0');
    repo.git('checkout', '-q', '--detach', 'v1.1.0');
    const detached = check(repo);
    expect(detached.report.findings.map((f) => f.code)).toEqual(['branch-not-allowed']);
    expect(detached.report.findings[0]!.message).toContain('detached');
  });
});

describe('the incident', () => {
  it('v0.1.0 284 commits back and a dirty tree is refused with the git state explained', () => {
    // A Kubernetes-style build: hack/lib/version.sh stamps the describe-derived version.
    const repo = makeRepo({
      version: '0.1.0',
      files: { 'main.go': 'package main\n', '.stampguardrc.json': '{ "convention": "kubernetes" }\n' },
    });
    repo.tag('v0.1.0');
    const head = repo.emptyCommits(284);
    repo.write('main.go', 'package main // local change\n');
    const { code, report } = check(repo);
    expect(code).toBe(1);
    expect(codes(report)).toEqual(expect.arrayContaining(['dirty-tree', 'not-on-tag', 'nonstandard-version']));
    const abbrev = head.slice(0, 14);
    expect(report.version).toEqual({
      describe: `v0.1.0-284-g${abbrev}-dirty`,
      tag: 'v0.1.0',
      distance: 284,
      dirty: true,
      stamp: null,
      dev: `0.1.0-284+${abbrev}-dirty`,
    });
    const nonstandard = report.findings.find((f) => f.code === 'nonstandard-version')!;
    expect(nonstandard.actual).toBe(`0.1.0-284+${abbrev}-dirty`);
    expect(report.findings.find((f) => f.code === 'not-on-tag')!.message).toContain('284 commits past v0.1.0');
    const pretty = repo.cli(['check']);
    expect(pretty.code).toBe(1);
    expect(pretty.stdout).toContain('284 commits past v0.1.0 · dirty');
    expect(pretty.stdout).toContain('main.go');
  });
});

describe('exit code 2: could not run', () => {
  it('outside a git repository', () => {
    const dir = tempDir();
    const r = runCli(['check'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('not a git repository');
    expect(r.stderr).toContain('--cwd');
  });

  it('with --json, stdout stays empty and stderr explains', () => {
    const r = runCli(['check', '--json'], { cwd: tempDir() });
    expect(r).toMatchObject({ code: 2, stdout: '' });
  });

  it('in a bare repository', () => {
    const origin = releasedRepo();
    const bare = path.join(tempDir(), 'bare.git');
    origin.git('clone', '-q', '--bare', origin.dir, bare);
    const r = runCli(['check'], { cwd: bare });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bare repository');
  });

  it('with a configuration file that is not valid JSON', () => {
    const repo = releasedRepo();
    repo.write('.stampguardrc.json', '{ "untracked": ');
    const r = repo.cli(['check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.stampguardrc.json');
  });

  it('with an unknown key or a wrong type, naming the key path', () => {
    const repo = releasedRepo();
    repo.write('.stampguardrc.json', JSON.stringify({ untraked: 'error' }));
    let r = repo.cli(['check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown key "untraked"');
    repo.write('.stampguardrc.json', JSON.stringify({ branches: ['main', 3] }));
    r = repo.cli(['check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('branches[1]: expected a string');
    repo.write('.stampguardrc.json', JSON.stringify({ branches: ['release-[0-9'] }));
    r = repo.cli(['check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('branches[0]');
  });

  it('with a bad package.json "stampguard" key', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.writePackage('1.0.0', { stampguard: { untracked: 'sometimes' } });
    const r = repo.cli(['check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('untracked: expected one of error, warning, ignore');
    expect(r.stderr).toContain('package.json');
  });

  it('with bad arguments', () => {
    const repo = releasedRepo();
    expect(repo.cli(['check', '--mode', 'sideways']).code).toBe(2);
    expect(repo.cli(['check', '--format', 'xml']).code).toBe(2);
    expect(repo.cli(['check', '--bogus']).code).toBe(2);
    expect(repo.cli(['frobnicate']).code).toBe(2);
    expect(repo.cli(['check', '--config', 'nope.json']).stderr).toContain('does not exist');
  });

  it('when git refuses the repository for dubious ownership, without adding safe.directory', () => {
    if (process.getuid?.() !== 0) return; // needs root to hand the repository to another user
    const repo = releasedRepo();
    const chownAll = (dir: string, uid: number) => {
      chownSync(dir, uid, uid);
      for (const entry of readdirSync(dir)) {
        const full = path.join(dir, entry);
        if (statSync(full).isDirectory()) chownAll(full, uid);
        else chownSync(full, uid, uid);
      }
    };
    chownAll(repo.dir, 65534);
    const r = repo.cli(['check']);
    chownAll(repo.dir, 0);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('dubious ownership');
    expect(r.stderr).toContain('never adds safe.directory');
  });
});

describe('many tags', () => {
  it('handles thousands of tags, mixed semver and not', () => {
    const repo = makeRepo({ version: '9.9.9' });
    const head = repo.head();
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const name = i % 5 === 0 ? `v1.${i}.0.1` : i % 7 === 0 ? `build-${i}` : `v1.${i}.0`;
      lines.push(`create refs/tags/${name} ${head}`);
    }
    repo.tryGit(['update-ref', '--stdin'], {}, `${lines.join('\n')}\n`);
    repo.tag('v9.9.9');
    const { code, report } = check(repo);
    expect(code).toBe(0);
    expect(report.version.stamp).toBe('9.9.9');
  });
});

describe('formats', () => {
  it('--format github prints one annotation per finding', () => {
    const repo = releasedRepo('1.0.0');
    repo.write('package.json', '{"version":"1.0.0","x":1}');
    repo.write('extra.txt', 'x');
    const r = repo.cli(['check', '--format', 'github']);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(2); // dirty-tree, untracked-files
    expect(lines).toContain(lines.find((l) => l.startsWith('::error file=package.json,title=stampguard dirty-tree::')));
  });

  it('selects github annotations when GITHUB_ACTIONS=true unless a format is given', () => {
    const repo = releasedRepo('1.0.0');
    repo.write('x.txt', 'x');
    expect(repo.cli(['check'], { env: { GITHUB_ACTIONS: 'true' } }).stdout).toMatch(/^::error /);
    expect(repo.cli(['check', '--format', 'pretty'], { env: { GITHUB_ACTIONS: 'true' } }).stdout).toMatch(/refused/);
  });

  it('colours only when asked or on a terminal', () => {
    const repo = releasedRepo('1.0.0');
    expect(repo.cli(['check'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } }).stdout).toMatch(/\u001b\[/);
    expect(repo.cli(['check'], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } }).stdout).not.toMatch(/\u001b\[/);
    expect(repo.cli(['check'], { env: { NO_COLOR: '', FORCE_COLOR: '0' } }).stdout).not.toMatch(/\u001b\[/);
  });
});

describe('explain', () => {
  it('explains a code and refuses an unknown one', () => {
    const dir = tempDir();
    const r = runCli(['explain', 'dirty-tree'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('dirty-tree: Tracked files have uncommitted changes');
    expect(r.stdout).toContain('Fix:');
    expect(runCli(['explain', 'nope'], { cwd: dir }).code).toBe(2);
  });
});

describe('no development version', () => {
  it('the kubernetes convention without a reachable tag says so, not "no commits"', () => {
    const repo = makeRepo({
      files: { 'main.go': 'package main\n', '.stampguardrc.json': '{ "convention": "kubernetes" }\n' },
    });
    const dev = repo.cli(['version', '--dev']);
    expect(dev.code).toBe(1);
    expect(dev.stdout).toBe('');
    expect(dev.stderr).toContain('no release tag is reachable from HEAD');
    expect(dev.stderr).not.toContain('no commits');
    const stamp = repo.cli(['stamp', '--dev']);
    expect(stamp.code).toBe(2);
    expect(stamp.stderr).toContain('no release tag is reachable from HEAD');
    // Once a release is tagged there is one.
    repo.tag('v0.1.0');
    repo.commit('next');
    const tagged = repo.cli(['version', '--dev']);
    expect(tagged.code, tagged.stderr).toBe(0);
    expect(tagged.stdout).toMatch(/^0\.1\.0-1\+[0-9a-f]{14}\n$/);
  });

  it('a repository without commits says the branch has no commits', () => {
    const repo = makeEmptyRepo();
    const dev = repo.cli(['version', '--dev']);
    expect(dev.code).toBe(1);
    expect(dev.stderr).toContain('the branch has no commits yet');
  });
});
