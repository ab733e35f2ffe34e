// A configuration that cannot be read is exit 2 at once, naming the file: never a hang (a FIFO),
// never the defaults in its place (a file the user cannot read), never an empty configuration
// (a directory, a device).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo } from '../helpers/git-repo.js';
import { runCliAsNobody, runCliBounded } from './helpers.js';

function fifo(file: string): void {
  rmSync(file, { force: true });
  execFileSync('mkfifo', [file]);
}

describe('files that are not regular files', () => {
  it('a .stampguardrc.json that is a FIFO is exit 2 at once, naming it', () => {
    const repo = makeRepo();
    repo.write('.gitignore', '.stampguardrc.json\n').commit('ignore');
    fifo(path.join(repo.dir, '.stampguardrc.json'));
    const r = runCliBounded(['check'], { cwd: repo.dir });
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path.join(repo.dir, '.stampguardrc.json')} is a FIFO, not a regular file`);
  });

  it('a package.json that is a FIFO is exit 2 at once, in a subfolder the search passes through too', () => {
    const repo = makeRepo({ files: { 'sub/keep': '' } });
    repo.write('.gitignore', 'sub/package.json\n').commit('ignore');
    fifo(path.join(repo.dir, 'sub/package.json'));
    const r = runCliBounded(['check'], { cwd: path.join(repo.dir, 'sub') });
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path.join(repo.dir, 'sub/package.json')} is a FIFO, not a regular file`);
  });

  it('--config naming a FIFO, a character device or a directory is exit 2', () => {
    const repo = makeRepo();
    repo.tag('v1.0.0');
    const pipe = path.join(repo.dir, '.git', 'sg.json');
    fifo(pipe);
    const dir = path.join(repo.dir, '.git', 'sg-dir');
    mkdirSync(dir);
    for (const [file, kind] of [
      [pipe, 'a FIFO'],
      ['/dev/null', 'a character device'],
      [dir, 'a directory'],
    ] as const) {
      const r = runCliBounded(['check', '--config', file], { cwd: repo.dir });
      expect(r.timedOut, file).toBe(false);
      expect(r.code, file).toBe(2);
      expect(r.stderr, file).toContain(`${file} is ${kind}, not a regular file`);
    }
  });

  it('a directory in a search place is exit 2, not skipped', () => {
    const repo = makeRepo({ files: { '.stampguardrc.yaml/keep': '' } });
    repo.tag('v1.0.0');
    const r = runCliBounded(['check'], { cwd: repo.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path.join(repo.dir, '.stampguardrc.yaml')} is a directory, not a regular file`);
  });
});

describe('a configuration the user cannot read', () => {
  it('is exit 2 naming the file, not the defaults (run as another user: root reads anything)', () => {
    // A local configuration that git does not track, so git's view of the tree is the same
    // whether the file can be read or not.
    const repo = makeRepo({ files: { '.gitignore': '.stampguardrc.json\n' } });
    repo.tag('v1.0.0');
    repo.write('.stampguardrc.json', '{ "branches": ["release-*"] }\n');
    const config = path.join(repo.dir, '.stampguardrc.json');
    // Control: the same user reads the same file while it is readable, and the policy applies.
    const readable = runCliAsNobody(['check'], { cwd: repo.dir, reachable: [repo.dir] });
    expect(readable.stdout + readable.stderr).toContain('branch-not-allowed');
    expect(readable.code).toBe(1);
    chmodSync(config, 0o000);
    const r = runCliAsNobody(['check'], { cwd: repo.dir, reachable: [repo.dir] });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot read ${config}: permission denied`);
  });

  it('a search place inside a folder the user cannot enter is exit 2, naming it', () => {
    const repo = makeRepo({ files: { '.config/stampguardrc.json': '{ "branches": ["release-*"] }\n' } });
    repo.tag('v1.0.0');
    const dotConfig = path.join(repo.dir, '.config');
    const ok = runCliAsNobody(['check'], { cwd: repo.dir, reachable: [repo.dir] });
    expect(ok.stdout + ok.stderr).toContain('branch-not-allowed');
    expect(ok.code).toBe(1);
    chmodSync(dotConfig, 0o700);
    const r = runCliAsNobody(['check'], { cwd: repo.dir, reachable: [repo.dir] });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot read ${path.join(dotConfig, 'stampguardrc')}: permission denied`);
  });
});
