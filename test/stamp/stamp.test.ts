// stampguard stamp through the CLI on real repositories: every format written only when the
// release check passes, and read back by the program it is written for.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { BIN, gitEnv, makeRepo, PROJECT_ROOT, parseJson, type Repo, tempDir } from '../helpers/git-repo.js';
import { ldflagsArguments, linkerStrings } from './go-flags.js';

const EPOCH = { SOURCE_DATE_EPOCH: '1700000000' };
const DATE = '2023-11-14T22:13:20Z';
const STAMP = `"${process.execPath}" "${BIN}" stamp --format ldflags`;

/** Imports an ES module file in a fresh node process and prints what `expression` gives, as JSON. */
function importModule(file: string, expression = 'm'): unknown {
  const out = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(pathToFileURL(file).href)}); process.stdout.write(JSON.stringify(${expression}))`,
    ],
    { encoding: 'utf8' },
  );
  return JSON.parse(out);
}

/** A TypeScript stamp as node would run it after a TypeScript build: esbuild strips the types. */
function importTypeScript(file: string): unknown {
  const js = transformSync(readFileSync(file, 'utf8'), { loader: 'ts', format: 'esm' }).code;
  const out = path.join(tempDir(), 'stamp.mjs');
  writeFileSync(out, js);
  return importModule(out, '{ versionInfo: m.versionInfo, version: m.version, default: m.default }');
}

/** Sources an env file with a shell and returns the variables it set, read back NUL-terminated. */
function sourceEnv(shell: string, file: string, names: readonly string[]): Record<string, string> {
  const script = `. "$1" && ${names.map((n) => `printf '%s\\0' "$${n}"`).join(' && ')}`;
  const out = execFileSync(shell, ['-c', script, 'sh', file], { cwd: path.dirname(file), encoding: 'utf8' });
  const values = out.split('\0');
  return Object.fromEntries(names.map((n, i) => [n, values[i]!]));
}

describe('stampguard stamp', () => {
  it('writes JSON, ES module, TypeScript and .env files with SOURCE_DATE_EPOCH as the build date', () => {
    const repo = makeRepo({ version: '1.4.0', files: { '.gitignore': 'build/\n' } });
    repo.tag('v1.4.0', { annotated: true });
    const env = EPOCH;
    expect(repo.cli(['stamp', '--out', 'build/version.json'], { env }).code).toBe(0);
    const info = JSON.parse(repo.read('build/version.json'));
    expect(info).toEqual({
      version: '1.4.0',
      release: true,
      tag: 'v1.4.0',
      commit: repo.head(),
      treeState: 'clean',
      buildDate: DATE,
    });
    expect(repo.cli(['stamp', '--out', 'build/version.mjs'], { env }).code).toBe(0);
    expect(importModule(path.join(repo.dir, 'build/version.mjs'), '[m.version, m.default.commit]')).toEqual([
      '1.4.0',
      repo.head(),
    ]);
    expect(repo.cli(['stamp', '--out', 'build/version.ts'], { env }).code).toBe(0);
    expect(repo.read('build/version.ts')).toContain('} as const;');
    expect(importTypeScript(path.join(repo.dir, 'build/version.ts'))).toEqual({
      versionInfo: info,
      version: '1.4.0',
      default: info,
    });
    expect(repo.cli(['stamp', '--out', 'build/version.env'], { env }).code).toBe(0);
    expect(repo.read('build/version.env')).toBe(
      `VERSION=1.4.0\nRELEASE=true\nGIT_TAG=v1.4.0\nGIT_COMMIT=${repo.head()}\nGIT_TREE_STATE=clean\nBUILD_DATE=${DATE}\nGIT_VERSION=v1.4.0\nGIT_MAJOR=1\nGIT_MINOR=4\n`,
    );
    // Two stamps of the same commit with the same SOURCE_DATE_EPOCH are identical (reproducible builds).
    const again = repo.cli(['stamp'], { env });
    expect(JSON.parse(again.stdout)).toEqual(info);
  });

  it('--format picks the format for stdout or any file name; the default follows --out', () => {
    const repo = makeRepo({ version: '1.4.0', files: { '.gitignore': 'build/\n' } });
    repo.tag('v1.4.0');
    const env = repo.cli(['stamp', '--format', 'env'], { env: EPOCH });
    expect(env.code).toBe(0);
    expect(env.stdout).toMatch(/^VERSION=1\.4\.0\nRELEASE=true\n/);
    const ldflags = repo.cli(['stamp', '--format', 'ldflags'], { env: EPOCH });
    expect(ldflags.stdout).toBe(
      `-X 'k8s.io/component-base/version.buildDate=${DATE}' -X 'k8s.io/component-base/version.gitCommit=${repo.head()}' -X 'k8s.io/component-base/version.gitTreeState=clean' -X 'k8s.io/component-base/version.gitVersion=v1.4.0' -X 'k8s.io/component-base/version.gitMajor=1' -X 'k8s.io/component-base/version.gitMinor=4'\n`,
    );
    expect(repo.cli(['stamp', '--format', 'env', '--out', 'build/version.txt']).code).toBe(0);
    expect(repo.read('build/version.txt')).toMatch(/^VERSION=1\.4\.0\n/);
    expect(repo.cli(['stamp', '--out', 'build/.env']).code).toBe(0);
    expect(repo.read('build/.env')).toMatch(/^VERSION=1\.4\.0\n/);
    expect(repo.cli(['stamp', '--format', 'ldflags', '--out', 'build/ldflags']).code).toBe(0);
    expect(repo.read('build/ldflags')).toMatch(/^-X 'k8s\.io\/component-base\/version\.buildDate=/);
  });

  it('refuses in every format when the release check refuses: exit 1, nothing written, nothing on stdout', () => {
    const repo = makeRepo({ version: '1.4.0' });
    repo.tag('v1.4.0');
    repo.write('package.json', '{"version":"1.4.0","edited":true}');
    const out = tempDir();
    for (const format of ['json', 'js', 'ts', 'env', 'ldflags']) {
      for (const args of [
        ['--format', format],
        ['--format', format, '--out', path.join(out, `v.${format}`)],
      ]) {
        const r = repo.cli(['stamp', ...args]);
        expect(r.code, args.join(' ')).toBe(1);
        expect(r.stdout, args.join(' ')).toBe('');
        expect(r.stderr).toContain('dirty-tree');
        expect(r.stderr).toContain('nothing was stamped');
      }
    }
    for (const ext of ['json', 'mjs', 'ts', 'env']) {
      const r = repo.cli(['stamp', '--out', `build/version.${ext}`]);
      expect(r.code).toBe(1);
    }
    expect(readdirSync(out)).toEqual([]);
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
    const ldflags = repo.cli(['stamp', '--dev', '--format', 'ldflags']).stdout;
    const strings = linkerStrings(ldflagsArguments(ldflags));
    expect(strings.get('k8s.io/component-base/version.gitVersion')).toMatch(/^v1\.4\.1-dev\.1\+g[0-9a-f]{7}\.dirty$/);
    expect(strings.get('k8s.io/component-base/version.gitMinor')).toBe('4+');
    expect(strings.get('k8s.io/component-base/version.gitTreeState')).toBe('dirty');
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
    expect(repo.cli(['stamp', '--format', 'env']).stdout).toContain(
      'EMULATION_VERSION=1.32\nMIN_COMPATIBILITY_VERSION=1.31\n',
    );
  });

  it('rejects an unknown format or extension and a bad SOURCE_DATE_EPOCH before writing anything', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.tag('v1.0.0');
    const yaml = repo.cli(['stamp', '--out', 'v.yaml']);
    expect(yaml.code).toBe(2);
    expect(yaml.stderr).toContain('--format');
    const typo = repo.cli(['stamp', '--format', 'ldflag']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('did you mean "ldflags"?');
    expect(typo.stdout).toBe('');
    const bad = repo.cli(['stamp', '--out', 'v.json'], { env: { SOURCE_DATE_EPOCH: 'yesterday' } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('SOURCE_DATE_EPOCH');
    expect(existsSync(path.join(repo.dir, 'v.json'))).toBe(false);
    expect(existsSync(path.join(repo.dir, 'v.yaml'))).toBe(false);
  });
});

// A tag prefix git accepts (git check-ref-format refuses control characters, space, ~ ^ : ? * [ \
// and "..") that holds everything a shell, make or a JavaScript parser could trip on.
const NASTY_PREFIX = 'x\'"`$(touch${IFS}pwned)`;#!&|<>\u2028\u2029\u00a0-';

describe('every value in every format is quoted for its reader', () => {
  function nastyRepo(): { repo: Repo; tag: string } {
    const tag = `${NASTY_PREFIX}1.2.3`;
    const repo = makeRepo({
      version: '1.2.3',
      files: { '.gitignore': 'build/\n', '.stampguardrc.json': JSON.stringify({ tagPrefix: NASTY_PREFIX }) },
    });
    repo.git('tag', '-a', '-m', 'release', '--', tag);
    return { repo, tag };
  }

  it('a release tag full of shell, make and JavaScript syntax comes back exactly from json, js, ts and env', () => {
    const { repo, tag } = nastyRepo();
    expect(repo.git('tag', '--list').trim()).toBe(tag); // git took the name as it is
    for (const file of ['v.json', 'v.mjs', 'v.ts', 'v.env']) {
      const r = repo.cli(['stamp', '--out', `build/${file}`], { env: EPOCH });
      expect(r.code, `${file}: ${r.stderr}`).toBe(0);
    }
    const build = path.join(repo.dir, 'build');
    const expected = { version: '1.2.3', release: true, tag, commit: repo.head(), treeState: 'clean', buildDate: DATE };
    expect(JSON.parse(readFileSync(path.join(build, 'v.json'), 'utf8'))).toEqual(expected);
    expect(importModule(path.join(build, 'v.mjs'), 'm.default')).toEqual(expected);
    expect(importTypeScript(path.join(build, 'v.ts'))).toMatchObject({ versionInfo: expected });
    for (const file of ['v.json', 'v.mjs', 'v.ts'])
      expect(readFileSync(path.join(build, file), 'utf8')).not.toMatch(/[\u2028\u2029]/);
    for (const shell of ['sh', 'bash']) {
      expect(sourceEnv(shell, path.join(build, 'v.env'), ['GIT_TAG', 'VERSION', 'GIT_VERSION'])).toEqual({
        GIT_TAG: tag,
        VERSION: '1.2.3',
        GIT_VERSION: 'v1.2.3',
      });
    }
    expect(existsSync(path.join(build, 'pwned'))).toBe(false);
    expect(existsSync(path.join(repo.dir, 'pwned'))).toBe(false);
    // ldflags never carries the tag: gitVersion is "v" and the version.
    const strings = linkerStrings(ldflagsArguments(repo.cli(['stamp', '--format', 'ldflags']).stdout));
    expect(strings.get('k8s.io/component-base/version.gitVersion')).toBe('v1.2.3');
  });

  it('TypeScript: the stamp type-checks under strict settings', () => {
    const { repo } = nastyRepo();
    expect(repo.cli(['stamp', '--out', 'build/v.ts']).code).toBe(0);
    const check = path.join(repo.dir, 'build/check.ts');
    writeFileSync(
      check,
      "import info, { version, versionInfo } from './v.js';\nconst v: '1.2.3' = version;\nconst r: true = versionInfo.release;\nexport const all = [info, v, r];\n",
    );
    const tsc = spawnSync(
      path.join(PROJECT_ROOT, 'node_modules/.bin/tsc'),
      ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', check],
      { encoding: 'utf8', cwd: path.dirname(check) },
    );
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it('--dev with a reachable tag "v1;touch${IFS}pwned": sourcing the .env runs nothing', () => {
    const repo = makeRepo({ version: '1.0.0', files: { '.gitignore': 'build/\n' } });
    const tag = 'v1;touch${IFS}pwned';
    repo.tag(tag);
    repo.commit('after the tag');
    expect(repo.cli(['stamp', '--dev', '--out', 'build/v.env']).code).toBe(0);
    const file = path.join(repo.dir, 'build/v.env');
    for (const shell of ['sh', 'bash']) expect(sourceEnv(shell, file, ['GIT_TAG'])).toEqual({ GIT_TAG: tag });
    expect(existsSync(path.join(repo.dir, 'build/pwned'))).toBe(false);
    // Control: written bare, as stamp did before, the same line runs the command.
    writeFileSync(path.join(repo.dir, 'build/bare.env'), `GIT_TAG=${tag}\n`);
    execFileSync('sh', ['-c', '. ./bare.env'], { cwd: path.join(repo.dir, 'build') });
    expect(existsSync(path.join(repo.dir, 'build/pwned'))).toBe(true);
  });
});

describe('ldflags: go build -ldflags "$(stampguard stamp --format ldflags)"', () => {
  /** A `go` on PATH that only records its arguments, NUL-separated. */
  function fakeGo(): { dir: string; args: () => string[] | null } {
    const dir = tempDir();
    const record = path.join(dir, 'args');
    writeFileSync(path.join(dir, 'go'), `#!/bin/sh\nfor a; do printf '%s\\0' "$a"; done > '${record}'\n`);
    chmodSync(path.join(dir, 'go'), 0o755);
    return {
      dir,
      args: () => (existsSync(record) ? readFileSync(record, 'utf8').split('\0').slice(0, -1) : null),
    };
  }

  function sh(repo: Repo, script: string, pathDir: string) {
    return spawnSync('sh', ['-c', script], {
      cwd: repo.dir,
      encoding: 'utf8',
      env: gitEnv({ ...EPOCH, PATH: `${pathDir}:${process.env.PATH}` }),
    });
  }

  it('the exact shell usage hands go one -ldflags value that cmd/go and the linker read as the stamp', () => {
    const repo = makeRepo({ version: '1.33.2' });
    repo.tag('v1.33.2', { annotated: true });
    const go = fakeGo();
    const r = sh(repo, `go build -ldflags "$(${STAMP})" -o out ./cmd`, go.dir);
    expect(r.status, r.stderr).toBe(0);
    const args = go.args()!;
    expect(args.slice(0, 2)).toEqual(['build', '-ldflags']);
    expect(args.slice(3)).toEqual(['-o', 'out', './cmd']);
    const strings = linkerStrings(ldflagsArguments(args[2]!));
    expect(Object.fromEntries(strings)).toEqual({
      'k8s.io/component-base/version.buildDate': DATE,
      'k8s.io/component-base/version.gitCommit': repo.head(),
      'k8s.io/component-base/version.gitTreeState': 'clean',
      'k8s.io/component-base/version.gitVersion': 'v1.33.2',
      'k8s.io/component-base/version.gitMajor': '1',
      'k8s.io/component-base/version.gitMinor': '33',
    });
    expect(repo.head()).toMatch(/^[0-9a-f]{40}$/);
  });

  it('on refusal the substitution is empty; assigning first stops the build', () => {
    const repo = makeRepo({ version: '1.33.2' });
    repo.tag('v1.33.2');
    repo.commit('one past the tag');
    const go = fakeGo();
    // The plain form cannot see the refusal: go gets an empty -ldflags, so the binary carries
    // no version at all (never an unguarded one). The README recommends the assignment below.
    expect(sh(repo, `go build -ldflags "$(${STAMP})" ./cmd`, go.dir).status).toBe(0);
    expect(go.args()).toEqual(['build', '-ldflags', '', './cmd']);
    const safe = fakeGo();
    const r = sh(repo, `ldflags=$(${STAMP}) && go build -ldflags "$ldflags" ./cmd`, safe.dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('not-on-tag');
    expect(safe.args()).toBeNull();
  });

  const hasGo = spawnSync('go', ['version']).status === 0;

  // The real toolchain, where it is installed (apt-get install golang-go); CI may not have it.
  it.runIf(hasGo)('the real go toolchain builds a binary that prints the stamped values', () => {
    const repo = makeRepo({
      version: '1.33.2',
      files: { '.gitignore': 'gosrc/\n' },
    });
    repo.tag('v1.33.2', { annotated: true });
    // The variables as Kubernetes declares them (component-base/version/base.go), with defaults
    // that differ from anything stamped.
    const { build, binary } = goBuild(repo, 'k8s.io/component-base', {
      'version/base.go':
        'package version\n\nvar (\n\tgitMajor string\n\tgitMinor string\n\tgitVersion = "v0.0.0-master"\n\tgitCommit = "unset"\n\tgitTreeState = ""\n\tbuildDate = "1970-01-01T00:00:00Z"\n)\n\n// Get returns the stamped values.\nfunc Get() map[string]string {\n\treturn map[string]string{"gitMajor": gitMajor, "gitMinor": gitMinor, "gitVersion": gitVersion, "gitCommit": gitCommit, "gitTreeState": gitTreeState, "buildDate": buildDate}\n}\n',
      'cmd/main.go':
        'package main\n\nimport (\n\t"encoding/json"\n\t"os"\n\n\t"k8s.io/component-base/version"\n)\n\nfunc main() { _ = json.NewEncoder(os.Stdout).Encode(version.Get()) }\n',
    });
    expect(build.status, build.stderr).toBe(0);
    expect(JSON.parse(execFileSync(binary, { encoding: 'utf8' }))).toEqual({
      gitMajor: '1',
      gitMinor: '33',
      gitVersion: 'v1.33.2',
      gitCommit: repo.head(),
      gitTreeState: 'clean',
      buildDate: DATE,
    });
  });

  it.runIf(hasGo)('with Kueue-style names: goPackage and goVariables from the configuration', () => {
    const repo = makeRepo({
      version: '0.19.2',
      files: {
        '.stampguardrc.json': JSON.stringify({
          stamp: {
            goPackage: 'sigs.k8s.io/kueue/pkg/version',
            goVariables: { gitVersion: 'GitVersion', gitCommit: 'GitCommit', buildDate: 'BuildDate' },
          },
        }),
      },
    });
    repo.tag('v0.19.2', { annotated: true });
    const { build, binary } = goBuild(repo, 'sigs.k8s.io/kueue', {
      'pkg/version/version.go':
        'package version\n\nvar (\n\tGitVersion = "v0.0.0-main"\n\tGitCommit = "abcd01234"\n\tBuildDate = "2025-01-01"\n)\n',
      'cmd/main.go':
        'package main\n\nimport (\n\t"fmt"\n\n\t"sigs.k8s.io/kueue/pkg/version"\n)\n\nfunc main() { fmt.Println(version.GitVersion, version.GitCommit, version.BuildDate) }\n',
    });
    expect(build.status, build.stderr).toBe(0);
    expect(execFileSync(binary, { encoding: 'utf8' })).toBe(`v0.19.2 ${repo.head()} ${DATE}\n`);
  });
});

/** A Go module of these files outside the repository, built offline with the repository's stamp as -ldflags. */
function goBuild(repo: Repo, module: string, files: Record<string, string>) {
  const src = tempDir();
  writeFileSync(path.join(src, 'go.mod'), `module ${module}\n\ngo 1.19\n`);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(src, file)), { recursive: true });
    writeFileSync(path.join(src, file), text);
  }
  const binary = path.join(src, 'out');
  const build = spawnSync(
    'sh',
    ['-c', `cd "$1" && go build -ldflags "$(cd "$2" && ${STAMP})" -o "$3" ./cmd`, 'sh', src, repo.dir, binary],
    {
      encoding: 'utf8',
      env: gitEnv({
        ...EPOCH,
        GOCACHE: path.join(src, '.cache'),
        GOPATH: path.join(src, '.gopath'),
        GOPROXY: 'off',
        GOFLAGS: '-mod=mod',
        GOTOOLCHAIN: 'local',
        CGO_ENABLED: '0',
      }),
      timeout: 120_000,
    },
  );
  return { build, binary };
}
