// Version files in every format, on real repositories through the CLI: read from git (the commit
// or the index, never the working tree), compared exactly with the tag, and each way of failing
// reported as its own problem.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo, PROJECT_ROOT, parseJson, type Repo } from '../helpers/git-repo.js';

interface Finding {
  code: string;
  message: string;
  hint: string;
  paths?: string[];
  expected?: string;
  actual?: string;
}
interface Report {
  ok: boolean;
  findings: Finding[];
}

const KUEUE_CHART = path.join(PROJECT_ROOT, 'test/fixtures/version-files/kueue-Chart.yaml');

function json(repo: Repo, args: string[], input?: string): { code: number; report: Report } {
  const r = repo.cli([...args, '--json'], input === undefined ? {} : { input });
  expect(r.stdout, r.stderr).not.toBe('');
  return { code: r.code, report: parseJson<Report>(r.stdout) };
}

function codes(report: Report): string[] {
  return report.findings.map((f) => f.code);
}

const config = (versionFiles: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ versionFiles, ...extra });

describe("Kueue's real charts/kueue/Chart.yaml (v0.19.2)", () => {
  const chart = readFileSync(KUEUE_CHART, 'utf8');
  const KUEUE_CONFIG = config([
    'charts/kueue/Chart.yaml',
    { file: 'charts/kueue/Chart.yaml', format: 'yaml', key: 'appVersion' },
  ]);

  it('is the upstream file, byte for byte (see test/fixtures/version-files/README.md)', () => {
    expect(createHash('sha256').update(readFileSync(KUEUE_CHART)).digest('hex')).toBe(
      '8bb13af25a6d9a72490b4b09bd547bd59c648eb54c734bedce633963d851a128',
    );
    expect(chart).toMatch(/^version: 0\.19\.2$/m);
    expect(chart).toMatch(/^appVersion: "v0\.19\.2"$/m);
  });

  it('matches its tag v0.19.2 at the release: version 0.19.2 and appVersion "v0.19.2" both pass', () => {
    const repo = makeRepo({
      version: null,
      files: { 'charts/kueue/Chart.yaml': chart, '.stampguardrc.json': KUEUE_CONFIG },
    });
    repo.tag('v0.19.2', { annotated: true });
    const { code, report } = json(repo, ['check']);
    expect(report.findings).toEqual([]);
    expect(code).toBe(0);
  });

  it('refuses another tag, naming each key with the value the file holds and the one it should', () => {
    const repo = makeRepo({
      version: null,
      files: { 'charts/kueue/Chart.yaml': chart, '.stampguardrc.json': KUEUE_CONFIG },
    });
    const { code, report } = json(repo, ['check', '--tag', 'v0.19.3']);
    expect(code).toBe(1);
    expect(report.findings).toEqual([
      expect.objectContaining({
        code: 'version-mismatch',
        message: 'charts/kueue/Chart.yaml has version 0.19.2 at HEAD, but the tag v0.19.3 says 0.19.3',
        hint: expect.stringContaining('Set version to "0.19.3" in charts/kueue/Chart.yaml'),
        expected: '0.19.3',
        actual: '0.19.2',
      }),
      expect.objectContaining({
        code: 'version-mismatch',
        message: 'charts/kueue/Chart.yaml has appVersion v0.19.2 at HEAD, but the tag v0.19.3 says 0.19.3',
        // Written the way the file writes it: with the tag's "v".
        hint: expect.stringContaining('Set appVersion to "v0.19.3" in charts/kueue/Chart.yaml'),
        actual: 'v0.19.2',
      }),
    ]);
    // Kueue's release bump (its "Prepare release" commits) edits both lines; then the tag passes.
    repo.commit('Prepare release v0.19.3', {
      'charts/kueue/Chart.yaml': chart.replace('version: 0.19.2', 'version: 0.19.3').replace('"v0.19.2"', '"v0.19.3"'),
    });
    expect(json(repo, ['check', '--tag', 'v0.19.3']).code).toBe(0);
  });

  it('an appVersion with any other prefix or suffix is a mismatch: only the tag itself or its version match', () => {
    for (const appVersion of ['V0.19.2', 'v0.19.2-dirty', ' v0.19.2', '0.19.2+build']) {
      const repo = makeRepo({
        version: null,
        files: {
          'charts/kueue/Chart.yaml': chart.replace('"v0.19.2"', JSON.stringify(appVersion)),
          '.stampguardrc.json': KUEUE_CONFIG,
        },
      });
      repo.tag('v0.19.2');
      const { report } = json(repo, ['check']);
      expect(codes(report), appVersion).toEqual(['version-mismatch']);
      expect(report.findings[0]!.actual).toBe(appVersion);
    }
  });
});

describe('each format at a release', () => {
  const FILES: Record<string, string> = {
    'Cargo.toml':
      '[package]\nname = "demo"\nversion = "1.4.0"\nedition = "2021"\n\n[dependencies]\nserde = { version = "1.0" }\n',
    'py/pyproject.toml': '[project]\nname = "demo"\nversion = "1.4.0"\n',
    'poetry/pyproject.toml': '[tool.poetry]\nname = "demo"\nversion = "1.4.0"\n',
    VERSION: '1.4.0\n',
    'version/version.go': 'package version\n\n// Version is set at release.\nconst Version = "1.4.0"\n',
    'deploy/chart/Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 1.4.0\nappVersion: "v1.4.0"\n',
  };
  const ENTRIES = [
    'package.json',
    'Cargo.toml',
    'py/pyproject.toml',
    'poetry/pyproject.toml',
    'VERSION',
    { file: 'version/version.go', pattern: '^const Version = "([^"]*)"$' },
    'deploy/chart/Chart.yaml',
    { file: 'deploy/chart/Chart.yaml', key: 'appVersion' },
  ];

  it('all agree with v1.4.0: the check passes', () => {
    const repo = makeRepo({ version: '1.4.0', files: { ...FILES, '.stampguardrc.json': config(ENTRIES) } });
    repo.tag('v1.4.0');
    expect(json(repo, ['check']).report.findings).toEqual([]);
  });

  it('each one that disagrees is named with its key', () => {
    const repo = makeRepo({ version: '1.4.0', files: { ...FILES, '.stampguardrc.json': config(ENTRIES) } });
    const { report } = json(repo, ['check', '--tag', 'v1.5.0']);
    expect(report.findings.map((f) => f.message)).toEqual([
      'package.json has version 1.4.0 at HEAD, but the tag v1.5.0 says 1.5.0',
      'Cargo.toml has package.version 1.4.0 at HEAD, but the tag v1.5.0 says 1.5.0',
      'py/pyproject.toml has project.version 1.4.0 at HEAD, but the tag v1.5.0 says 1.5.0',
      'poetry/pyproject.toml has tool.poetry.version 1.4.0 at HEAD, but the tag v1.5.0 says 1.5.0',
      'VERSION holds 1.4.0 at HEAD, but the tag v1.5.0 says 1.5.0',
      'version/version.go has 1.4.0 (matched by /^const Version = "([^"]*)"$/) at HEAD, but the tag v1.5.0 says 1.5.0',
      'deploy/chart/Chart.yaml has version 1.4.0 at HEAD, but the tag v1.5.0 says 1.5.0',
      'deploy/chart/Chart.yaml has appVersion v1.4.0 at HEAD, but the tag v1.5.0 says 1.5.0',
    ]);
    expect(report.findings[0]!.hint).toContain('npm version 1.5.0');
    expect(report.findings[4]!.hint).toContain('Write exactly 1.5.0 into VERSION');
  });

  it('compares exactly: build metadata in a version file is not the tag', () => {
    const repo = makeRepo({ version: '1.1.0+0214af08731054-dirty' });
    repo.tag('v1.1.0');
    const { code, report } = json(repo, ['check']);
    expect(code).toBe(1);
    expect(report.findings[0]).toMatchObject({ code: 'version-mismatch', actual: '1.1.0+0214af08731054-dirty' });
    expect(report.findings[0]!.message).toContain('carries a commit id and a dirty-tree marker');
  });

  it('paths are relative to the configuration file', () => {
    const repo = makeRepo({
      version: null,
      files: { 'sub/VERSION': '2.0.0\n', 'sub/.stampguardrc.json': config(['VERSION']) },
    });
    repo.tag('v2.0.0');
    const r = repo.cli(['check', '--json', '--config', 'sub/.stampguardrc.json']);
    expect(parseJson<Report>(r.stdout).findings).toEqual([]);
    const wrong = repo.cli(['check', '--json', '--tag', 'v2.0.1', '--config', 'sub/.stampguardrc.json']);
    expect(parseJson<Report>(wrong.stdout).findings.find((f) => f.code === 'version-mismatch')!.message).toBe(
      'sub/VERSION holds 2.0.0 at HEAD, but the tag v2.0.1 says 2.0.1',
    );
  });
});

describe('each way a version file can fail is its own problem', () => {
  it.each<[string, unknown, string, string, RegExp]>([
    [
      'missing',
      'Chart.yaml',
      'other.txt',
      'x',
      /^Chart\.yaml does not exist at HEAD, so it cannot be compared with v1\.0\.0$/,
    ],
    [
      'unparsable YAML',
      'Chart.yaml',
      'Chart.yaml',
      'version: 1.0.0\nversion: 1.0.1\n',
      /^Chart\.yaml is not valid YAML at HEAD \(Map keys must be unique at line 2, column 1\), so/,
    ],
    [
      'unparsable TOML',
      'Cargo.toml',
      'Cargo.toml',
      '[package]\nversion = 1.0.0\n',
      /^Cargo\.toml is not valid TOML at HEAD \(Invalid TOML document: .* at line 2, column \d+\), so/,
    ],
    [
      'no such key',
      'Cargo.toml',
      'Cargo.toml',
      '[package]\nname = "x"\n',
      /^Cargo\.toml has no package\.version at HEAD, so it cannot be compared with v1\.0\.0$/,
    ],
    [
      'a dynamic pyproject version',
      'pyproject.toml',
      'pyproject.toml',
      '[project]\nname = "x"\ndynamic = ["version"]\n',
      /^pyproject\.toml has no project\.version or tool\.poetry\.version at HEAD/,
    ],
    ['an empty VERSION', 'VERSION', 'VERSION', '\n', /^VERSION is empty at HEAD/],
    [
      'a pattern without a match',
      { file: 'v.go', pattern: 'Version = "([^"]+)"' },
      'v.go',
      'package v\n',
      /^v\.go has no text matching \/Version = "\(\[\^"\]\+\)"\/ at HEAD/,
    ],
    [
      'a number, not a string',
      'Chart.yaml',
      'Chart.yaml',
      'version: 1.10\n',
      /^Chart\.yaml has version at HEAD as the number 1\.1, not as a string, so it cannot be compared with v1\.0\.0$/,
    ],
    [
      'a workspace-inherited crate version',
      'Cargo.toml',
      'Cargo.toml',
      '[package]\nname = "x"\nversion.workspace = true\n',
      /^Cargo\.toml has package\.version at HEAD as a table of "workspace", not as a string/,
    ],
  ])('%s', (_name, entry, file, content, message) => {
    const repo = makeRepo({ version: null, files: { [file]: content, '.stampguardrc.json': config([entry]) } });
    repo.tag('v1.0.0');
    const { code, report } = json(repo, ['check']);
    expect(code).toBe(1);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ code: 'version-mismatch', expected: '1.0.0' });
    expect(report.findings[0]!.message).toMatch(message);
    expect(report.findings[0]!.hint).not.toBe('');
  });

  it('the hint for a crate that inherits its version points to the workspace key', () => {
    const repo = makeRepo({
      version: null,
      files: { 'Cargo.toml': '[package]\nversion.workspace = true\n', '.stampguardrc.json': config(['Cargo.toml']) },
    });
    repo.tag('v1.0.0');
    expect(json(repo, ['check']).report.findings[0]!.hint).toContain('"key": "workspace.package.version"');
  });

  it('a default package.json that is absent or has no version is still fine (a Go project, a private app)', () => {
    const go = makeRepo({ version: null, files: { 'main.go': 'package main\n' } });
    go.tag('v1.0.0');
    expect(json(go, ['check']).report.findings).toEqual([]);
    const app = makeRepo({ version: null, files: { 'package.json': '{"name":"app","private":true}' } });
    app.tag('v1.0.0');
    expect(json(app, ['check']).report.findings).toEqual([]);
  });
});

describe('read from git, never from the working tree', () => {
  it('push mode reads the version files at the pushed tag’s commit', () => {
    const repo = makeRepo({
      version: null,
      files: {
        VERSION: '1.0.0\n',
        'Chart.yaml': 'version: 0.9.0\n',
        '.stampguardrc.json': config(['VERSION', 'Chart.yaml']),
      },
    });
    const old = repo.head();
    repo.tag('v1.0.0', { at: old });
    repo.commit('bump', { 'Chart.yaml': 'version: 1.0.0\n' });
    const line = `refs/tags/v1.0.0 ${repo.git('rev-parse', 'v1.0.0').trim()} refs/tags/v1.0.0 ${'0'.repeat(40)}\n`;
    const { code, report } = json(repo, ['check', '--mode', 'push'], line);
    expect(code).toBe(1);
    expect(report.findings.map((f) => f.message)).toEqual([
      `Chart.yaml has version 0.9.0 at ${old.slice(0, 7)}, but the tag v1.0.0 says 1.0.0`,
    ]);
  });

  it('commit mode classifies what is staged in every format, not the working tree', () => {
    const entries = [
      'Cargo.toml',
      'VERSION',
      { file: 'Chart.yaml', key: 'appVersion' },
      { file: 'v.go', pattern: 'Version = "([^"]+)"' },
      'pyproject.toml',
    ];
    const clean = {
      'Cargo.toml': '[package]\nversion = "1.2.3"\n',
      VERSION: '1.2.3\n',
      'Chart.yaml': 'appVersion: "v1.2.3"\n',
      'v.go': 'const Version = "1.2.3"\n',
      'pyproject.toml': '[tool.poetry]\nversion = "1.2.3"\n',
    };
    const repo = makeRepo({ version: null, files: { ...clean, '.stampguardrc.json': config(entries) } });
    expect(json(repo, ['check', '--mode', 'commit']).report.findings).toEqual([]);
    // Stage describe-shaped versions, then put clean ones back in the working tree only.
    repo.write('Cargo.toml', '[package]\nversion = "1.2.3+0214af0"\n');
    repo.write('VERSION', '1.2.3-dirty\n');
    repo.write('Chart.yaml', 'appVersion: "v1.2.3-5-g0214af0"\n');
    repo.write('v.go', 'const Version = "1.2.4-0.20240101-0214af08731054"\n');
    repo.write('pyproject.toml', '[tool.poetry]\nversion = "1.2.3-1+0214af08731054-dirty"\n');
    repo.git('add', '-A');
    for (const [file, content] of Object.entries(clean)) repo.write(file, content);
    const { code, report } = json(repo, ['check', '--mode', 'commit']);
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.code, f.actual])).toEqual([
      ['nonstandard-version', '1.2.3+0214af0'],
      ['nonstandard-version', '1.2.3-dirty'],
      ['nonstandard-version', 'v1.2.3-5-g0214af0'],
      ['nonstandard-version', '1.2.4-0.20240101-0214af08731054'],
      ['nonstandard-version', '1.2.3-1+0214af08731054-dirty'],
    ]);
    expect(report.findings[2]!.message).toBe(
      'the staged Chart.yaml has appVersion v1.2.3-5-g0214af0, which carries a commit distance and id (git describe output)',
    );
    // And the other way round: clean versions staged, describe output only in the working tree.
    repo.git('add', '-A');
    repo.write('VERSION', '1.2.3-dirty\n');
    expect(json(repo, ['check', '--mode', 'commit']).report.findings).toEqual([]);
  });
});
