// Changes git was told not to look at are still seen by the release check: index bits, stat
// settings, submodule ignore settings, incomplete checkouts and ignore rules that are not part of
// the repository's history. Each test first shows that plain `git status` sees nothing.
import { execFileSync } from 'node:child_process';
import { renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitEnv, makeRepo, Repo, tempDir } from '../helpers/git-repo.js';
import {
  addSubmodule,
  checkJson,
  codes,
  expectGitSeesNothing,
  findingOf,
  globalConfigWith,
  summary,
  waitForNextSecond,
  waitForSecondStart,
} from '../helpers/trust.js';

/** A release checkout: package.json 1.0.0 and a.txt committed, HEAD tagged v1.0.0. */
function release(files: Record<string, string> = {}): Repo {
  const repo = makeRepo({ version: '1.0.0', files: { 'a.txt': 'alpha\n', ...files } });
  repo.tag('v1.0.0');
  return repo;
}

/** stampguard check passes with no finding at all. */
function expectPasses(repo: Repo): void {
  const r = checkJson(repo);
  expect(r.code, summary(r)).toBe(0);
  expect(codes(r.report)).toEqual([]);
}

function expectDirty(repo: Repo, paths: string[], options: { env?: NodeJS.ProcessEnv } = {}): void {
  const r = checkJson(repo, [], options);
  expect(r.code, summary(r)).toBe(1);
  const dirty = findingOf(r.report, 'dirty-tree');
  expect(dirty, summary(r)).toBeDefined();
  expect(dirty!.paths, summary(r)).toEqual(expect.arrayContaining(paths));
}

const OLD = 1_600_000_000;

describe('A1 index bits: assume-unchanged and skip-worktree', () => {
  it('an edited assume-unchanged file is a dirty-tree naming it', () => {
    const repo = release();
    repo.git('update-index', '--assume-unchanged', 'a.txt');
    repo.write('a.txt', 'edited after the release\n');
    expectGitSeesNothing(repo);
    expectDirty(repo, ['a.txt']);
  });

  it('an edited skip-worktree file (no sparse checkout) is a dirty-tree naming it', () => {
    const repo = release();
    repo.git('update-index', '--skip-worktree', 'a.txt');
    repo.write('a.txt', 'edited after the release\n');
    expectGitSeesNothing(repo);
    expectDirty(repo, ['a.txt']);
  });

  it('an assume-unchanged file that was not edited still passes', () => {
    const repo = release();
    repo.git('update-index', '--assume-unchanged', 'a.txt');
    expectPasses(repo);
  });
});

describe('A2 stat settings: core.ignoreStat, core.trustctime, core.checkStat', () => {
  it('core.ignoreStat=true: an edited file is a dirty-tree', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.git('config', 'core.ignoreStat', 'true');
    repo.commit('add a.txt', { 'a.txt': 'alpha\n' }); // git marks it assume-unchanged as it adds it
    repo.tag('v1.0.0');
    repo.write('a.txt', 'edited after the release, and longer\n');
    expectGitSeesNothing(repo);
    expectDirty(repo, ['a.txt']);
  });

  it('core.trustctime=false: a same-size edit with its mtime put back is a dirty-tree', () => {
    const repo = release();
    const file = path.join(repo.dir, 'a.txt');
    utimesSync(file, OLD, OLD);
    repo.git('update-index', '-q', '--refresh'); // the index records the old mtime (and this ctime)
    repo.git('config', 'core.trustctime', 'false');
    // git compares whole seconds of ctime: the edit must land in a later second than the refresh
    // for the ctime to differ at all (this is the one thing the setting hides). The kernel's file
    // clock runs a few milliseconds behind Date.now(), so the precondition is checked, not assumed.
    const recorded = /ctime: (\d+):/.exec(repo.git('ls-files', '--debug', 'a.txt'))?.[1];
    for (let attempt = 0; attempt < 5; attempt++) {
      waitForNextSecond();
      writeFileSync(file, 'ALPHA\n'); // same size, same inode
      utimesSync(file, OLD, OLD);
      if (String(Math.floor(statSync(file).ctimeMs / 1000)) !== recorded) break;
    }
    expect(String(Math.floor(statSync(file).ctimeMs / 1000))).not.toBe(recorded);
    expectGitSeesNothing(repo);
    expectDirty(repo, ['a.txt']);
  });

  it('core.checkStat=minimal: a same-size replacement with its mtime put back is a dirty-tree', () => {
    const repo = release();
    const file = path.join(repo.dir, 'a.txt');
    repo.git('config', 'core.checkStat', 'minimal');
    // The whole-second ctime that "minimal" still compares must be the one the index recorded,
    // while the inode, which it does not compare, changes. A loaded machine may cross a second
    // boundary in between: then the setup is repeated.
    for (let attempt = 0; ; attempt++) {
      repo.write('a.txt', 'alpha\n');
      waitForSecondStart();
      utimesSync(file, OLD, OLD);
      repo.git('update-index', '-q', '--refresh');
      const inode = statSync(file).ino;
      writeFileSync(`${file}.new`, 'ALPHA\n');
      renameSync(`${file}.new`, file);
      utimesSync(file, OLD, OLD);
      expect(statSync(file).ino).not.toBe(inode);
      const recorded = /ctime: (\d+):/.exec(repo.git('ls-files', '--debug', 'a.txt'))?.[1];
      if (recorded === String(Math.floor(statSync(file).ctimeMs / 1000)) || attempt === 4) break;
    }
    expectGitSeesNothing(repo);
    expectDirty(repo, ['a.txt']);
  });
});

describe('A3 submodules hidden by ignore settings', () => {
  /** A release whose submodule "sub" is hidden by `how`; returns the superproject and the submodule. */
  function hidden(how: 'gitmodules' | 'diff.ignoreSubmodules' | 'submodule.ignore'): { repo: Repo; sub: Repo } {
    const repo = makeRepo({ version: '1.0.0' });
    const sub = addSubmodule(repo, 'sub');
    if (how === 'gitmodules') {
      repo.git('config', '-f', '.gitmodules', 'submodule.sub.ignore', 'all');
      repo.commit('ignore the submodule');
    }
    repo.tag('v1.0.0');
    if (how === 'diff.ignoreSubmodules') repo.git('config', 'diff.ignoreSubmodules', 'all');
    if (how === 'submodule.ignore') repo.git('config', 'submodule.sub.ignore', 'all');
    return { repo, sub };
  }

  for (const how of ['gitmodules', 'diff.ignoreSubmodules', 'submodule.ignore'] as const) {
    const label =
      how === 'gitmodules'
        ? 'committed .gitmodules ignore = all'
        : how === 'diff.ignoreSubmodules'
          ? 'local diff.ignoreSubmodules=all'
          : 'local submodule.sub.ignore=all';

    it(`${label}: a submodule moved to another commit is a dirty-tree naming it`, () => {
      const { repo, sub } = hidden(how);
      sub.commit('moved', { 'lib.txt': 'moved\n' });
      expectGitSeesNothing(repo);
      expectDirty(repo, ['sub']);
    });

    it(`${label}: a tracked file edited inside the submodule is a dirty-tree naming it`, () => {
      const { repo, sub } = hidden(how);
      sub.write('lib.txt', 'edited\n');
      expectGitSeesNothing(repo);
      expectDirty(repo, ['sub']);
    });
  }
});

describe('A4 incomplete checkouts', () => {
  function incomplete(r: ReturnType<typeof checkJson>): void {
    expect(r.code, summary(r)).toBe(1);
    const finding = findingOf(r.report, 'incomplete-checkout');
    expect(finding, summary(r)).toBeDefined();
    expect(finding!.severity).toBe('error');
  }

  function withDirs(): Repo {
    return release({ 'some/dir/x.txt': 'x\n', 'other/y.txt': 'y\n' });
  }

  it('a sparse checkout that leaves tracked paths out is incomplete-checkout', () => {
    const repo = withDirs();
    repo.git('sparse-checkout', 'set', 'some/dir');
    expect(repo.tryGit(['ls-files', '-t', 'other/y.txt']).stdout).toBe('S other/y.txt\n');
    expectGitSeesNothing(repo);
    incomplete(checkJson(repo));
  });

  it('a de-initialised submodule (git submodule deinit -f) is incomplete-checkout', () => {
    const repo = makeRepo({ version: '1.0.0' });
    addSubmodule(repo, 'sub');
    repo.tag('v1.0.0');
    repo.git('submodule', 'deinit', '-q', '-f', 'sub');
    expectGitSeesNothing(repo);
    incomplete(checkJson(repo));
  });

  it('a clone made without initialising its submodule is incomplete-checkout', () => {
    const origin = makeRepo({ version: '1.0.0' });
    addSubmodule(origin, 'sub');
    origin.tag('v1.0.0');
    const dir = path.join(tempDir(), 'clone');
    execFileSync('git', ['clone', '-q', origin.dir, dir], { env: gitEnv() });
    const clone = new Repo(dir);
    expectGitSeesNothing(clone);
    incomplete(checkJson(clone));
  });

  it('sparse.expectFilesOutsideOfPatterns=true hides an edit outside the patterns: dirty-tree, and incomplete-checkout for what is absent', () => {
    const repo = release({ 'some/dir/x.txt': 'x\n', 'other/y.txt': 'y\n', 'third/z.txt': 'z\n' });
    repo.git('config', 'sparse.expectFilesOutsideOfPatterns', 'true');
    repo.git('sparse-checkout', 'set', 'some/dir');
    repo.write('other/y.txt', 'edited outside the sparse patterns\n');
    expectGitSeesNothing(repo);
    const r = checkJson(repo);
    incomplete(r);
    expect(findingOf(r.report, 'incomplete-checkout')?.paths, summary(r)).toEqual(['third/z.txt']);
    expect(findingOf(r.report, 'dirty-tree')?.paths, summary(r)).toEqual(expect.arrayContaining(['other/y.txt']));
  });

  it('every file of a sparse checkout present again (expectFilesOutsideOfPatterns): complete, and unedited files are clean', () => {
    const repo = withDirs();
    repo.git('config', 'sparse.expectFilesOutsideOfPatterns', 'true');
    repo.git('sparse-checkout', 'set', 'some/dir');
    repo.write('other/y.txt', 'y\n');
    const r = checkJson(repo);
    expect(r.code, summary(r)).toBe(0);
    expect(codes(r.report), summary(r)).not.toContain('incomplete-checkout');
  });

  it('"incompleteCheckout": "warning" makes it a warning: the check passes', () => {
    const repo = release({
      'some/dir/x.txt': 'x\n',
      'other/y.txt': 'y\n',
      '.stampguardrc.json': JSON.stringify({ incompleteCheckout: 'warning' }),
    });
    repo.git('sparse-checkout', 'set', 'some/dir');
    const r = checkJson(repo);
    expect(r.code, summary(r)).toBe(0);
    expect(findingOf(r.report, 'incomplete-checkout')?.severity, summary(r)).toBe('warning');
  });
});

describe('A5 files ignored only by rules outside the repository history', () => {
  function locallyIgnored(
    r: ReturnType<typeof checkJson>,
    paths: string[],
    severity: 'warning' | 'error' = 'warning',
  ): void {
    const finding = findingOf(r.report, 'locally-ignored-files');
    expect(finding, summary(r)).toBeDefined();
    expect(finding!.severity).toBe(severity);
    expect(finding!.paths, summary(r)).toEqual(expect.arrayContaining(paths));
  }

  it('.git/info/exclude: a warning listing the file (exit 0)', () => {
    const repo = release();
    writeFileSync(path.join(repo.dir, '.git/info/exclude'), 'secret.env\n');
    repo.write('secret.env', 'TOKEN=1\n');
    expectGitSeesNothing(repo);
    const r = checkJson(repo);
    expect(r.code, summary(r)).toBe(0);
    locallyIgnored(r, ['secret.env']);
  });

  it('.git/info/exclude with "locallyIgnored": "error": refused (exit 1)', () => {
    const repo = release({ '.stampguardrc.json': JSON.stringify({ locallyIgnored: 'error' }) });
    writeFileSync(path.join(repo.dir, '.git/info/exclude'), 'secret.env\n');
    repo.write('secret.env', 'TOKEN=1\n');
    const r = checkJson(repo);
    expect(r.code, summary(r)).toBe(1);
    locallyIgnored(r, ['secret.env'], 'error');
  });

  it("core.excludesFile from the user's global config: a warning listing the file", () => {
    const repo = release();
    const excludes = path.join(tempDir(), 'excludes');
    writeFileSync(excludes, '*.local\n');
    const env = { GIT_CONFIG_GLOBAL: globalConfigWith(`[core]\n\texcludesFile = ${excludes}\n`) };
    repo.write('settings.local', 'x\n');
    expect(repo.tryGit(['status', '--porcelain'], env).stdout, 'control').toBe('');
    const r = checkJson(repo, [], { env });
    expect(r.code, summary(r)).toBe(0);
    locallyIgnored(r, ['settings.local']);
  });

  it('an untracked src/.gitignore containing "*": a warning listing the files it hides', () => {
    const repo = release({ 'src/index.ts': 'export {};\n' });
    repo.write('src/.gitignore', '*\n');
    repo.write('src/extra.ts', 'export const extra = 1;\n');
    expectGitSeesNothing(repo);
    const r = checkJson(repo);
    expect(r.code, summary(r)).toBe(0);
    locallyIgnored(r, ['src/extra.ts']);
  });

  it('a file ignored by a committed .gitignore is not reported', () => {
    const repo = release({ '.gitignore': 'dist/\n' });
    repo.write('dist/out.js', 'built\n');
    expectPasses(repo);
  });

  it("git's hooks directory (husky's self-ignored .husky/_) is not build input; the same folder elsewhere is reported", () => {
    const repo = release();
    repo.write('.husky/_/.gitignore', '*\n').write('.husky/_/pre-commit', '#!/bin/sh\n').write('.husky/_/h', 'x\n');
    const reported = checkJson(repo);
    expect(findingOf(reported.report, 'locally-ignored-files')?.paths, summary(reported)).toEqual(
      expect.arrayContaining(['.husky/_/pre-commit', '.husky/_/h']),
    );
    repo.git('config', 'core.hooksPath', '.husky/_');
    expectPasses(repo);
  });
});
