// Installs shaped like real repositories, from the packed tarball: an npm template-oss .gitignore,
// npm's lifecycle, removing stampguard again. doctor is asserted to tell the truth in each.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gitEnv, type Repo } from '../helpers/git-repo.js';
import { hookedRepo, packedInstall } from '../helpers/packed.js';

beforeAll(() => {
  packedInstall();
}, 180_000);

// The shape of npm's template-oss .gitignore (node-semver and most npm-org repositories).
const TEMPLATE_OSS_GITIGNORE = `# This file is automatically added by @npmcli/template-oss. Do not edit.

# ignore everything in the root
/*

# keep these
!**/.gitignore
!/.github/
!/.gitignore
!/bin/
!/lib/
!/package.json
!/README*
!/test/
`;

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

describe('ignored outputs', () => {
  it('a template-oss .gitignore: doctor fails while .husky and the configuration are ignored; init allows them', () => {
    const repo = hookedRepo({ init: false, files: { '.gitignore': TEMPLATE_OSS_GITIGNORE } });
    // What 0.1.0 did: the hooks were written into ignored paths. doctor must not call that armed.
    const bare = spawnSync('node', [path.join(repo.dir, 'node_modules/husky/bin.js')], {
      cwd: repo.dir,
      env: gitEnv(),
    });
    expect(bare.status).toBe(0);
    repo.write('.husky/pre-commit', 'npm test\n');
    expect(repo.tryGit(['check-ignore', '-q', '.husky/pre-commit']).code).toBe(0);
    const before = doctor(repo);
    expect(before.code).toBe(1);
    expect(
      before.report.checks.some(
        (c) => !c.ok && /\.husky\/pre-commit is ignored by git \(\.gitignore:4 "\/\*"\)/.test(c.what),
      ),
    ).toBe(true);

    const init = repo.stampguard(['init']);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('allow .husky/pre-commit, .husky/pre-push, .stampguardrc.json in .gitignore');
    expect(repo.read('.gitignore')).toContain('!/.husky/\n!/.stampguardrc.json\n');
    for (const f of ['.husky/pre-commit', '.husky/pre-push', '.stampguardrc.json'])
      expect(repo.tryGit(['check-ignore', '-q', f]).code, f).toBe(1);
    expect(repo.tryGit(['check-ignore', '-q', '.husky/_/reference-transaction']).code).toBe(0); // husky's own folder stays ignored
    // The README's git add works.
    expect(repo.tryGit(['add', '.husky', 'package.json', '.stampguardrc.json', '.gitignore']).code).toBe(0);
    expect(doctor(repo).code).toBe(0);
  });

  it('a rule outside the project (.git/info/exclude) is explained, not edited, and init does not claim success', () => {
    const repo = hookedRepo({ init: false });
    repo.write('.git/info/exclude', '.husky/\n');
    const r = repo.stampguard(['init']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '.husky/pre-commit, .husky/pre-push are still ignored by git (.git/info/exclude:1 ".husky/")',
    );
    expect(r.stderr).toContain('git add -f');
    expect(repo.read('.gitignore')).toBe('node_modules\n');
    expect(doctor(repo).code).toBe(1);
    // Once committed (git add -f), ignore rules no longer apply and doctor agrees.
    repo.git('add', '-f', '.husky/pre-commit', '.husky/pre-push');
    expect(doctor(repo).code).toBe(0);
  });
});

describe('uninstall', () => {
  it('removes exactly what init added and keeps everything else', () => {
    const repo = hookedRepo({ init: false, version: '1.0.0' });
    repo.writePackage('1.0.0', {
      scripts: { prepare: 'npm run build', build: 'true', preversion: 'npm test', test: 'true' },
      devDependencies: { husky: '^9.1.7' },
    });
    repo.write('.husky/pre-commit', 'npm test\n');
    const original = { pkg: repo.read('package.json'), preCommit: repo.read('.husky/pre-commit') };
    expect(repo.stampguard(['init']).code).toBe(0);
    repo.git('add', '-A');
    repo.git('commit', '-q', '-m', 'stampguard');
    const r = repo.stampguard(['uninstall']);
    expect(r.code).toBe(0);
    const pkg = JSON.parse(repo.read('package.json'));
    expect(pkg.scripts).toEqual({
      prepare: 'npm run build && husky',
      build: 'true',
      preversion: 'npm test',
      test: 'true',
    });
    expect(repo.read('.husky/pre-commit')).toBe(original.preCommit);
    expect(existsSync(path.join(repo.dir, '.husky/pre-push'))).toBe(false); // init created it with only its line
    expect(existsSync(path.join(repo.dir, '.husky/_/reference-transaction'))).toBe(false);
    expect(existsSync(path.join(repo.dir, '.husky/_/stampguard.sh'))).toBe(false);
    expect(existsSync(path.join(repo.dir, '.stampguardrc.json'))).toBe(false); // the unchanged starter
    expect(existsSync(path.join(repo.dir, '.husky/_/pre-commit'))).toBe(true); // husky stays
    expect(r.stdout).toContain('npm uninstall stampguard');
    // Nothing of stampguard runs any more; the user's hook still does.
    repo.write('scratch.txt', 'dirty');
    expect(repo.tryGit(['tag', 'v1.0.0']).code).toBe(0);
    expect(repo.stampguard(['uninstall']).stdout).toContain('nothing of stampguard was found');
  });

  it('hooks left behind by npm uninstall stampguard degrade to one line; npm install and git commit keep working', () => {
    const repo = hookedRepo({ version: '1.0.0' });
    // The package is gone (npm uninstall stampguard), its hooks and install script are not.
    const modules = path.join(repo.dir, 'node_modules');
    execFileSync('rm', [modules]);
    execFileSync('mkdir', ['-p', path.join(modules, '.bin')]);
    execFileSync('ln', ['-s', path.join(packedInstall(), 'node_modules', 'husky'), path.join(modules, 'husky')]);
    execFileSync('ln', ['-s', '../husky/bin.js', path.join(modules, '.bin', 'husky')]);
    repo.write('package.json', repo.read('package.json').replace('1.0.0', '1.0.1'));
    repo.git('add', 'package.json');
    const commit = repo.tryGit(['commit', '-q', '-m', 'bump']);
    expect(commit.code).toBe(0);
    expect(commit.stderr.trim().split('\n')).toHaveLength(1);
    expect(commit.stderr).toContain('stampguard: not installed here');
    const scratch = repo.tryGit(['tag', 'v1.0.1']);
    expect(scratch.code).toBe(0);
    expect(scratch.stderr).toContain('not installed');
    // npm runs the prepare script on install: it must not fail with 127.
    const prepare = spawnSync('npm', ['run', 'prepare'], { cwd: repo.dir, env: gitEnv(), encoding: 'utf8' });
    expect(prepare.status).toBe(0);
    expect(prepare.stdout).toContain('stampguard is not installed');
    // A fresh clone where husky re-creates its folder without stampguard's scripts.
    execFileSync('rm', ['-f', path.join(repo.dir, '.husky/_/stampguard.sh')]);
    repo.write('b.txt', 'b');
    repo.git('add', 'b.txt');
    const fresh = repo.tryGit(['commit', '-q', '-m', 'more']);
    expect(fresh.code).toBe(0);
    expect(fresh.stderr).toContain('stampguard.sh is missing');
  });
});

describe('doctor lists what git runs', () => {
  it('on commit, tag and push, down to the lines in the hook files', () => {
    const repo = hookedRepo({ init: false });
    repo.write('.husky/pre-commit', 'npm test\n');
    expect(repo.stampguard(['init']).code).toBe(0);
    const { code, report } = doctor(repo);
    expect(code).toBe(0);
    expect(report.runs.commit).toEqual(['.husky/_/pre-commit (husky) → .husky/pre-commit: npm test; stampguard']);
    expect(report.runs.tag).toEqual([".husky/_/reference-transaction: stampguard's tag pre-filter"]);
    expect(report.runs.push).toEqual(['.husky/_/pre-push (husky) → .husky/pre-push: stampguard']);
    expect(report.checks.some((c) => c.ok && /the hooks start stampguard 0\.1\.0/.test(c.what))).toBe(true);
    const text = repo.stampguard(['doctor']).stdout;
    expect(text).toContain('What git runs here:');
    expect(readFileSync(path.join(repo.dir, '.husky/pre-commit'), 'utf8')).toContain('npm test');
  });
});
