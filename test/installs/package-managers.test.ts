// The hooks find stampguard the way each package manager installed it: npm, pnpm, yarn classic
// and Yarn Berry with Plug'n'Play (no node_modules at all). Each from the packed tarball, installed
// offline; doctor resolves the binary exactly as the hooks do.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gitEnv, Repo, tempDir } from '../helpers/git-repo.js';
import {
  install,
  localTarballs,
  MANAGERS,
  type ManagerProject,
  managerProject,
  nodeCounter,
  stampguard,
} from './helpers.js';

beforeAll(async () => {
  await localTarballs();
}, 180_000);

const pkg = (version: string, repo: Repo) => {
  const json = JSON.parse(repo.read('package.json'));
  return `${JSON.stringify({ ...json, version }, null, 2)}\n`;
};

describe.each(MANAGERS)('%s', (manager) => {
  // One installed project per manager (an install and init through the manager take seconds): the
  // first test uses it, the second clones it as a teammate or CI would.
  let project: ManagerProject;
  beforeAll(() => {
    project = managerProject(manager);
  }, 120_000);

  it('init wires the hooks, which check commits, tags and pushes, and doctor proves it', () => {
    const { repo } = project;
    expect(existsSync(path.join(repo.dir, 'node_modules'))).toBe(manager !== 'yarn-berry');
    const scripts = JSON.parse(repo.read('package.json')).scripts;
    expect(scripts[manager === 'yarn-berry' ? 'postinstall' : 'prepare']).toContain('stampguard install-hooks');
    const doctor = project.run(['doctor']);
    expect(doctor.stdout).toContain('the hooks start stampguard 0.1.0');
    expect(doctor.stdout).toContain('Hooks are armed');
    expect(doctor.code).toBe(0);
    // A commit staging a source file: node never starts.
    const node = nodeCounter();
    repo.write('src.txt', 'a');
    repo.git('add', 'src.txt');
    expect(repo.tryGit(['commit', '-q', '-m', 'source'], node.env)).toMatchObject({ code: 0, stderr: '' });
    expect(node.starts()).toBe(0);
    // A bad version is refused at the commit, not "not found".
    repo.write('package.json', pkg('1.0.1-dirty', repo));
    repo.git('add', 'package.json');
    const commit = repo.tryGit(['commit', '-m', 'bad']);
    expect(commit.code).not.toBe(0);
    expect(commit.stderr).toContain('nonstandard-version');
    repo.git('checkout', '-q', 'HEAD', '--', 'package.json');
    // A bad tag is refused, not "not checked".
    repo.write('scratch.txt', 'dirty');
    const tag = repo.tryGit(['tag', 'v1.0.0']);
    expect(tag.code).toBe(128);
    expect(tag.stderr).toContain('untracked-files');
    repo.git('clean', '-q', '-f', 'scratch.txt');
    // pre-push checks tags.
    const bare = path.join(tempDir(), 'remote.git');
    execFileSync('git', ['init', '-q', '--bare', bare], { env: gitEnv() });
    repo.git('remote', 'add', 'origin', bare);
    repo.tryGit(['tag', 'v9.0.0'], { STAMPGUARD: '0' });
    const push = repo.tryGit(['push', 'origin', 'v9.0.0']);
    expect(push.code).not.toBe(0);
    expect(push.stderr).toContain('version-mismatch');
  });

  it('a fresh clone is armed by the install alone', () => {
    const { repo } = project;
    const clone = path.join(path.dirname(repo.dir), 'clone');
    execFileSync('git', ['clone', '-q', repo.dir, clone], { env: gitEnv() });
    const cloned = new Repo(clone);
    if (manager === 'yarn-berry') cloned.write('.yarnrc.yml', repo.read('.yarnrc.yml'));
    expect(existsSync(path.join(clone, '.husky/_/stampguard.sh'))).toBe(false);
    // As CI installs a clone: the committed lockfile, unchanged (Yarn Berry's immutable install).
    const installed = install(manager, clone, { YARN_ENABLE_IMMUTABLE_INSTALLS: 'true' });
    expect(installed.code, `${installed.stdout}${installed.stderr}`).toBe(0);
    expect(existsSync(path.join(clone, '.husky/_/stampguard.sh'))).toBe(true);
    expect(existsSync(path.join(clone, '.husky/_/reference-transaction'))).toBe(true);
    cloned.write('scratch.txt', 'dirty');
    const tag = cloned.tryGit(['tag', 'v1.0.0']);
    expect(tag.code).toBe(128);
    expect(tag.stderr).toContain('untracked-files');
    expect(stampguard(manager, clone, ['doctor']).code).toBe(0);
  });
});
