// pre-commit and pre-push start node only when there is something to check, and stay right for
// every way git commits (GIT_INDEX_FILE: commit -a, commit <paths>, amend, merge) and for every way
// the configuration can change. Real git, real husky, the packed tarball; a `node` first on PATH
// counts its starts.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gitEnv, Repo, tempDir } from '../helpers/git-repo.js';
import { hookedRepo, packedInstall } from '../helpers/packed.js';

beforeAll(() => {
  packedInstall();
}, 180_000);

/** A `node` first on PATH that counts its starts. */
function nodeCounter(): { env: NodeJS.ProcessEnv; starts: () => number; reset: () => void } {
  const dir = tempDir();
  const log = path.join(dir, 'starts.log');
  writeFileSync(path.join(dir, 'node'), `#!/bin/sh\necho x >> '${log}'\nexec '${process.execPath}' "$@"\n`);
  chmodSync(path.join(dir, 'node'), 0o755);
  return {
    env: { PATH: `${dir}${path.delimiter}${process.env.PATH}` },
    starts: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0),
    reset: () => writeFileSync(log, ''),
  };
}

/** A PATH with every tool of /usr/bin and /bin except node and its package managers. */
function pathWithoutNode(): string {
  const dir = tempDir();
  for (const from of ['/usr/local/bin', '/usr/bin', '/bin']) {
    if (!existsSync(from)) continue;
    for (const name of readdirSync(from)) {
      if (/^(node|nodejs|npm|npx|corepack|pnpm|yarn)$/.test(name) || existsSync(path.join(dir, name))) continue;
      symlinkSync(path.join(from, name), path.join(dir, name));
    }
  }
  return dir;
}

const pkg = (version: string) =>
  `${JSON.stringify({ name: 'demo', version, devDependencies: { husky: '^9.1.7' } }, null, 2)}\n`;

describe('pre-commit: node only when a version file, configuration or gate spec is staged', () => {
  it('a commit staging other files never starts node; staging package.json gets the full check', () => {
    const repo = hookedRepo({ version: '1.0.0' });
    const node = nodeCounter();
    repo.write('src.txt', 'a');
    repo.git('add', 'src.txt');
    expect(repo.tryGit(['commit', '-q', '-m', 'source'], node.env).code).toBe(0);
    expect(node.starts()).toBe(0);
    repo.write('package.json', pkg('1.0.1-dirty'));
    repo.git('add', 'package.json');
    const refused = repo.tryGit(['commit', '-m', 'bump'], node.env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('nonstandard-version');
    expect(node.starts()).toBeGreaterThan(0);
  });

  it('reads what git commits: commit -a, commit <paths>, amend', () => {
    const repo = hookedRepo({ version: '1.0.0', files: { 'a.txt': 'a' } });
    const node = nodeCounter();
    repo.write('package.json', pkg('1.0.1-dirty')); // in the work tree only
    repo.write('a.txt', 'changed');
    repo.git('add', 'a.txt');
    expect(repo.tryGit(['commit', '-q', '-m', 'index only'], node.env).code).toBe(0);
    expect(node.starts()).toBe(0);
    const all = repo.tryGit(['commit', '-a', '-m', 'all'], node.env);
    expect(all.code).not.toBe(0);
    expect(all.stderr).toContain('1.0.1-dirty');
    // commit <path> of another file: the temporary index holds HEAD's package.json.
    node.reset();
    repo.write('a.txt', 'again');
    expect(repo.tryGit(['commit', '-q', '-m', 'only a', 'a.txt'], node.env).code).toBe(0);
    expect(node.starts()).toBe(0);
    expect(repo.tryGit(['commit', '-m', 'pkg', 'package.json'], node.env).code).not.toBe(0);
    // amend without touching package.json: nothing relevant changes.
    node.reset();
    expect(repo.tryGit(['commit', '-q', '--amend', '-m', 'reworded'], node.env).code).toBe(0);
    expect(node.starts()).toBe(0);
    repo.git('add', 'package.json');
    expect(repo.tryGit(['commit', '--amend', '-m', 'amend with the bump'], node.env).code).not.toBe(0);
  });

  it('a merge commit that brings a bad version is checked', () => {
    const repo = hookedRepo({ version: '1.0.0', files: { 'a.txt': 'base' } });
    repo.git('checkout', '-q', '-b', 'topic');
    repo.write('package.json', pkg('1.1.0-dirty'));
    repo.write('a.txt', 'topic');
    repo.git('add', '-A');
    repo.tryGit(['commit', '-q', '-n', '-m', 'bad bump, hook skipped']);
    repo.git('checkout', '-q', 'main');
    repo.write('a.txt', 'main');
    repo.git('commit', '-q', '-am', 'conflicting');
    expect(repo.tryGit(['merge', '-q', 'topic']).code).not.toBe(0); // a conflict in a.txt
    repo.write('a.txt', 'resolved');
    repo.git('add', 'a.txt');
    const r = repo.tryGit(['commit', '--no-edit']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('1.1.0-dirty');
  });

  it('follows the configuration: version files it names, a change in the same commit, a change pulled in later', () => {
    const repo = hookedRepo({ version: '1.0.0', files: { 'chart/version.json': '{"version": "1.0.0"}\n' } });
    const node = nodeCounter();
    // The configuration names another version file in the very commit that stages a bad one.
    repo.write('.stampguardrc.json', '{ "versionFiles": ["package.json", "chart/version.json"] }\n');
    repo.write('chart/version.json', '{"version": "1.0.1-dirty"}\n');
    repo.git('add', '-A');
    const same = repo.tryGit(['commit', '-m', 'config and bad chart version'], node.env);
    expect(same.code).not.toBe(0);
    expect(same.stderr).toContain('1.0.1-dirty');
    // Committed with the good version; the generated list is now out of date (no install yet),
    // so node runs until install-hooks refreshes it.
    repo.write('chart/version.json', '{"version": "1.0.0"}\n');
    repo.git('add', '-A');
    expect(repo.tryGit(['commit', '-q', '-m', 'config'], node.env).code).toBe(0);
    repo.write('chart/version.json', '{"version": "1.0.1-dirty"}\n');
    repo.git('add', 'chart/version.json');
    expect(repo.tryGit(['commit', '-m', 'bad chart only'], node.env).code).not.toBe(0);
    repo.git('reset', '-q', 'chart/version.json');
    // After install-hooks (every npm install) the list names chart/version.json itself.
    expect(repo.stampguard(['install-hooks'])).toMatchObject({ code: 0, stderr: '' });
    expect(repo.read('.husky/_/stampguard.sh')).toContain(":(top,literal)chart/version.json'");
    node.reset();
    repo.write('other.txt', 'x');
    repo.git('add', 'other.txt');
    expect(repo.tryGit(['commit', '-q', '-m', 'other'], node.env).code).toBe(0);
    expect(node.starts()).toBe(0);
    repo.git('add', 'chart/version.json');
    const chart = repo.tryGit(['commit', '-m', 'bad chart'], node.env);
    expect(chart.code).not.toBe(0);
    expect(chart.stderr).toContain('chart/version.json');
    expect(node.starts()).toBeGreaterThan(0);
  });

  it('a configuration that appears at the root by a checkout or pull makes node run until install-hooks', () => {
    const repo = hookedRepo({ version: '1.0.0' });
    repo.git('checkout', '-q', '-b', 'with-config');
    repo.git('rm', '-q', '.stampguardrc.json'); // the starter init wrote; YAML replaces it
    repo.write('.stampguardrc.yaml', 'versionFiles: [package.json, VERSION.json]\n');
    repo.write('VERSION.json', '{"version": "1.0.0"}\n');
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'config on a branch');
    repo.git('checkout', '-q', 'main');
    expect(repo.stampguard(['install-hooks']).code).toBe(0); // generated without that configuration
    repo.git('merge', '-q', '--ff-only', 'with-config');
    repo.write('VERSION.json', '{"version": "v1.0.1-3-gdeadbee"}\n');
    repo.git('add', 'VERSION.json');
    const r = repo.tryGit(['commit', '-m', 'describe-shaped']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('nonstandard-version');
  });

  it('STAMPGUARD=0 skips with one line; a commit with nothing relevant says nothing', () => {
    const repo = hookedRepo({ version: '1.0.0' });
    repo.write('package.json', pkg('1.0.1-dirty'));
    repo.git('add', 'package.json');
    const skipped = repo.tryGit(['commit', '-q', '-m', 'skip'], { STAMPGUARD: '0' });
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toContain('STAMPGUARD=0');
    repo.write('x.txt', 'x');
    repo.git('add', 'x.txt');
    expect(repo.tryGit(['commit', '-q', '-m', 'quiet'])).toMatchObject({ code: 0, stderr: '' });
  });
});

describe('pre-push: node only when a tag is pushed', () => {
  it('a branch-only push never starts node; a tag push is checked', () => {
    const repo = hookedRepo({ version: '1.0.0' });
    const bare = path.join(tempDir(), 'remote.git');
    execFileSync('git', ['init', '-q', '--bare', bare], { env: gitEnv() });
    repo.git('remote', 'add', 'origin', bare);
    const node = nodeCounter();
    repo.commit('more', { 'b.txt': 'b' });
    expect(repo.tryGit(['push', '-q', 'origin', 'main'], node.env).code).toBe(0);
    expect(repo.tryGit(['push', '-q', 'origin', 'main:refs/heads/other'], node.env).code).toBe(0);
    expect(node.starts()).toBe(0);
    repo.tryGit(['tag', 'v9.9.9'], { STAMPGUARD: '0' });
    const refused = repo.tryGit(['push', 'origin', 'main', 'v9.9.9'], node.env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('version-mismatch');
    expect(node.starts()).toBeGreaterThan(0);
    expect(new Repo(bare).git('tag', '-l').trim()).toBe('');
  });
});

describe('pre-push under the pre-commit framework', () => {
  it("checks the tag it passes in PRE_COMMIT_* variables (it reads git's input itself)", () => {
    const repo = hookedRepo({ version: '1.0.0' });
    repo.tryGit(['tag', 'v9.9.9'], { STAMPGUARD: '0' });
    const run = (env: NodeJS.ProcessEnv) =>
      spawnSync('sh', ['.husky/_/stampguard.sh', 'pre-push', 'origin', 'url'], {
        cwd: repo.dir,
        input: '',
        encoding: 'utf8',
        env: gitEnv(env),
      });
    const tag = run({
      PRE_COMMIT_REMOTE_BRANCH: 'refs/tags/v9.9.9',
      PRE_COMMIT_TO_REF: repo.head(),
      PRE_COMMIT_LOCAL_BRANCH: 'refs/tags/v9.9.9',
    });
    expect(tag.status).toBe(1);
    expect(tag.stderr).toContain('version-mismatch');
    const branch = run({ PRE_COMMIT_REMOTE_BRANCH: 'refs/heads/main', PRE_COMMIT_TO_REF: repo.head() });
    expect(branch).toMatchObject({ status: 0, stderr: '' });
  });
});

describe('where node or stampguard is missing', () => {
  it('node not on PATH: a commit is let through with one line, a tag push is refused with one line, never a bare 127', () => {
    const repo = hookedRepo({ version: '1.0.0' });
    const bare = path.join(tempDir(), 'remote.git');
    execFileSync('git', ['init', '-q', '--bare', bare], { env: gitEnv() });
    repo.git('remote', 'add', 'origin', bare);
    repo.git('tag', 'v1.0.0');
    // The install-time node is a fallback; a machine where it is gone too (nvm uninstall) has none.
    const script = path.join(repo.dir, '.husky/_/stampguard.sh');
    writeFileSync(
      script,
      readFileSync(script, 'utf8').replace(/^sg_install_node=.*$/m, "sg_install_node='/nonexistent/node'"),
    );
    const home = tempDir();
    const env = { PATH: pathWithoutNode(), HOME: home, XDG_CONFIG_HOME: path.join(home, '.config') };
    repo.write('package.json', pkg('1.0.1'));
    repo.git('add', 'package.json');
    const commit = repo.tryGit(['commit', '-q', '-m', 'bump'], env);
    expect(commit.code).toBe(0);
    expect(commit.stderr).toContain('node is not on PATH');
    expect(commit.stderr).toContain('let through unchecked');
    expect(commit.stderr).not.toMatch(/not found|code 127/);
    const push = repo.tryGit(['push', 'origin', 'v1.0.0'], env);
    expect(push.code).not.toBe(0);
    expect(push.stderr).toContain('node is not on PATH');
    expect(push.stderr).toContain('init.sh');
    // The fix the message names: husky's init.sh puts node on PATH for hooks.
    mkdirSync(path.join(home, '.config', 'husky'), { recursive: true });
    writeFileSync(
      path.join(home, '.config', 'husky', 'init.sh'),
      `export PATH="${path.dirname(process.execPath)}:$PATH"\n`,
    );
    expect(repo.tryGit(['push', '-q', 'origin', 'v1.0.0'], env).code).toBe(0);
  });
});
