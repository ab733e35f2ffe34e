// stampguard stamp: writes a version-info file only when the release check passes.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitEnv, makeRepo, parseJson, Repo, tempDir } from '../helpers/git-repo.js';

describe('stampguard stamp', () => {
  it('writes JSON, ES module and .env files with SOURCE_DATE_EPOCH as the build date', () => {
    const repo = makeRepo({ version: '1.4.0', files: { '.gitignore': 'build/\n' } });
    repo.tag('v1.4.0', { annotated: true });
    const env = { SOURCE_DATE_EPOCH: '1700000000' };
    expect(repo.cli(['stamp', '--out', 'build/version.json'], { env }).code).toBe(0);
    const info = JSON.parse(repo.read('build/version.json'));
    expect(info).toEqual({
      version: '1.4.0',
      release: true,
      tag: 'v1.4.0',
      commit: repo.head(),
      treeState: 'clean',
      buildDate: '2023-11-14T22:13:20Z',
    });
    expect(repo.cli(['stamp', '--out', 'build/version.mjs'], { env }).code).toBe(0);
    const mod = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import v, { version } from ${JSON.stringify(path.join(repo.dir, 'build/version.mjs'))}; console.log(version, v.commit)`,
      ],
      { encoding: 'utf8' },
    );
    expect(mod.trim()).toBe(`1.4.0 ${repo.head()}`);
    expect(repo.cli(['stamp', '--out', 'build/version.ts'], { env }).code).toBe(0);
    expect(repo.read('build/version.ts')).toContain('} as const;');
    expect(repo.cli(['stamp', '--out', 'build/version.env'], { env }).code).toBe(0);
    expect(repo.read('build/version.env')).toBe(
      `VERSION=1.4.0\nRELEASE=true\nGIT_TAG=v1.4.0\nGIT_COMMIT=${repo.head()}\nGIT_TREE_STATE=clean\nBUILD_DATE=2023-11-14T22:13:20Z\n`,
    );
    // Two stamps of the same commit with the same SOURCE_DATE_EPOCH are identical (reproducible builds).
    const again = repo.cli(['stamp'], { env });
    expect(JSON.parse(again.stdout)).toEqual(info);
  });

  it('writes nothing when the release check refuses', () => {
    const repo = makeRepo({ version: '1.4.0' });
    repo.tag('v1.4.0');
    repo.write('package.json', '{"version":"1.4.0","edited":true}');
    const r = repo.cli(['stamp', '--out', 'build/version.json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('dirty-tree');
    expect(r.stderr).toContain('nothing was stamped');
    expect(existsSync(path.join(repo.dir, 'build'))).toBe(false);
  });

  it('--dev stamps the development version, marked as such', () => {
    const repo = makeRepo({ version: '1.4.0' });
    repo.tag('v1.4.0');
    repo.commit('more');
    repo.write('x.txt', 'dirty');
    const out = path.join(tempDir(), 'v.json');
    expect(repo.cli(['stamp', '--dev', '--out', out]).code).toBe(0);
    const info = JSON.parse(readFileSync(out, 'utf8'));
    expect(info).toMatchObject({ release: false, treeState: 'dirty', tag: 'v1.4.0', commit: repo.head() });
    expect(info.version).toMatch(/^1\.4\.1-dev\.1\+g[0-9a-f]{7}\.dirty$/);
  });

  it('adds emulation and minimum compatibility versions when gates are configured', () => {
    const specs = { NodeSwap: [{ version: '1.22', stage: 'alpha', default: false }] };
    const repo = makeRepo({
      version: '1.33.2',
      files: { '.stampguardrc.json': JSON.stringify({ gates: { specs, emulationVersion: '1.32' } }) },
    });
    repo.tag('v1.33.2');
    const info = parseJson<Record<string, unknown>>(repo.cli(['stamp']).stdout);
    expect(info).toMatchObject({ version: '1.33.2', emulationVersion: '1.32', minCompatibilityVersion: '1.31' });
  });

  it('rejects an unknown extension and a bad SOURCE_DATE_EPOCH before writing anything', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.tag('v1.0.0');
    expect(repo.cli(['stamp', '--out', 'v.yaml']).code).toBe(2);
    const bad = repo.cli(['stamp', '--out', 'v.json'], { env: { SOURCE_DATE_EPOCH: 'yesterday' } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('SOURCE_DATE_EPOCH');
    expect(existsSync(path.join(repo.dir, 'v.json'))).toBe(false);
  });
});

describe('behind-upstream', () => {
  function cloned(): { repo: Repo; other: Repo } {
    const origin = makeRepo({ version: '1.0.0' });
    origin.tag('v1.0.0');
    const bare = path.join(tempDir(), 'origin.git');
    execFileSync('git', ['clone', '-q', '--bare', origin.dir, bare], { env: gitEnv() });
    const a = path.join(tempDir(), 'a');
    const b = path.join(tempDir(), 'b');
    execFileSync('git', ['clone', '-q', bare, a], { env: gitEnv() });
    execFileSync('git', ['clone', '-q', bare, b], { env: gitEnv() });
    return { repo: new Repo(a), other: new Repo(b) };
  }

  it('refuses when the branch is behind its upstream as of the last fetch, and --fetch looks first', () => {
    const { repo, other } = cloned();
    expect(repo.cli(['check', '--json']).code).toBe(0);
    other.commit('someone else');
    other.git('push', '-q', 'origin', 'main');
    expect(repo.cli(['check', '--json']).code).toBe(0); // not fetched yet: local refs say up to date
    const fetched = repo.cli(['check', '--json', '--fetch']);
    expect(fetched.code).toBe(1);
    const finding = parseJson<{ findings: { code: string; message: string; actual?: string }[] }>(fetched.stdout)
      .findings[0]!;
    expect(finding).toMatchObject({ code: 'behind-upstream', actual: '1' });
    expect(finding.message).toContain('1 commit behind origin/main');
  });

  it('warns when the branch has no upstream in a repository with remotes, and is silent without remotes', () => {
    const { repo } = cloned();
    repo.git('checkout', '-q', '-b', 'local-only');
    const r = repo.cli(['check', '--json']);
    expect(r.code).toBe(0);
    expect(parseJson<{ findings: { code: string; severity: string }[] }>(r.stdout).findings).toEqual([
      expect.objectContaining({ code: 'behind-upstream', severity: 'warning' }),
    ]);
    const local = makeRepo({ version: '1.0.0' });
    local.tag('v1.0.0');
    expect(parseJson<{ findings: unknown[] }>(local.cli(['check', '--json']).stdout).findings).toEqual([]);
  });
});
