// versionFiles entries: what each one means, and the configuration errors that name the key path.
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import type { VersionFileEntry } from '../../src/types.js';
import { formatFromName, resolveVersionFile } from '../../src/version-files/spec.js';

describe('the format and key a file name implies', () => {
  it.each([
    ['package.json', { format: 'json', keys: ['version'] }],
    ['packages/a/composer.JSON', { format: 'json', keys: ['version'] }],
    ['charts/kueue/Chart.yaml', { format: 'yaml', keys: ['version'] }],
    ['deploy/values.yml', { format: 'yaml', keys: ['version'] }],
    ['Cargo.toml', { format: 'toml', keys: ['package.version'] }],
    ['crates/x/Cargo.toml', { format: 'toml', keys: ['package.version'] }],
    ['pyproject.toml', { format: 'toml', keys: ['project.version', 'tool.poetry.version'] }],
    ['VERSION', { format: 'text', keys: [] }],
    ['version.txt', { format: 'text', keys: [] }],
    ['a.json/', { format: 'json', keys: ['version'] }],
  ])('%s', (file, expected) => {
    expect(formatFromName(file)).toEqual(expected);
  });

  it.each(['cargo.toml', 'rust.toml', 'version', 'Makefile', 'main.go', '.json', 'a/.yaml', 'VERSION.md'])(
    '%s tells nothing',
    (file) => {
      expect(formatFromName(file)).toBeNull();
    },
  );
});

describe('entries resolved', () => {
  it.each<[VersionFileEntry, ReturnType<typeof resolveVersionFile>]>([
    ['Chart.yaml', { file: 'Chart.yaml', format: 'yaml', keys: ['version'], pattern: null }],
    [
      { file: 'charts/kueue/Chart.yaml', format: 'yaml', key: 'appVersion' },
      { file: 'charts/kueue/Chart.yaml', format: 'yaml', keys: ['appVersion'], pattern: null },
    ],
    [
      { file: 'charts/kueue/Chart.yaml', key: 'appVersion' },
      { file: 'charts/kueue/Chart.yaml', format: 'yaml', keys: ['appVersion'], pattern: null },
    ],
    [
      { file: 'Cargo.toml', format: 'toml' },
      { file: 'Cargo.toml', format: 'toml', keys: ['package.version'], pattern: null },
    ],
    [
      { file: 'Cargo.toml', key: 'workspace.package.version' },
      { file: 'Cargo.toml', format: 'toml', keys: ['workspace.package.version'], pattern: null },
    ],
    [
      { file: 'RELEASE', format: 'text' },
      { file: 'RELEASE', format: 'text', keys: [], pattern: null },
    ],
    [
      { file: 'manifest', format: 'json' },
      { file: 'manifest', format: 'json', keys: ['version'], pattern: null },
    ],
    [
      { file: 'version/version.go', pattern: 'Version = "([^"]+)"' },
      { file: 'version/version.go', format: 'text', keys: [], pattern: 'Version = "([^"]+)"' },
    ],
  ])('%j', (entry, expected) => {
    expect(resolveVersionFile(entry)).toEqual(expected);
  });
});

describe('configuration errors name the key path and what was expected', () => {
  function error(versionFiles: unknown): string {
    try {
      resolveConfig({ versionFiles }, '/repo/.stampguardrc.json', '/repo');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as ConfigError).message;
    }
    throw new Error('accepted');
  }

  it.each<[unknown, RegExp]>([
    ['package.json', /versionFiles: expected an array/],
    [['package.json', 'Makefile'], /versionFiles\[1\]: expected a file whose name gives its format .*got "Makefile"/],
    [['/etc/VERSION'], /versionFiles\[0\]: expected a relative file path/],
    [['a\nb.json'], /versionFiles\[0\]: expected a relative file path .*no control characters/],
    [[3], /versionFiles\[0\]: expected a file path, or an object .*got the number 3/],
    [[{ format: 'json' }], /versionFiles\[0\]\.file: expected a relative file path/],
    [
      ['a.json', { file: 'x.json', keys: 'v' }],
      /versionFiles\[1\]\.keys: expected no such key; use file, format, key, pattern/,
    ],
    [
      [{ file: 'x.json', format: 'xml' }],
      /versionFiles\[0\]\.format: expected one of json, yaml, toml, text, got "xml"/,
    ],
    [
      [{ file: 'x.cfg', key: 'version' }],
      /versionFiles\[0\]\.format: expected one of json, yaml, toml, text \(the file name does not tell\)/,
    ],
    [['a.json', 'b.json', { file: 'VERSION', key: 'v' }], /versionFiles\[2\]\.key: expected no key: a text file/],
    [[{ file: 'x', format: 'text', key: 'v' }], /versionFiles\[0\]\.key: expected no key/],
    [[{ file: 'x.json', key: 'a..b' }], /versionFiles\[0\]\.key: expected a dotted key path/],
    [[{ file: 'x.json', key: 3 }], /versionFiles\[0\]\.key: expected a dotted key path .*got the number 3/],
    [
      [{ file: 'gradle.toml', format: 'toml' }],
      /versionFiles\[0\]\.key: expected a dotted key path such as "package\.version" \(only Cargo\.toml and pyproject\.toml have a default\)/,
    ],
    [[{ file: 'v.go', pattern: '(', key: 'x' }], /versionFiles\[0\]\.key: expected nothing next to "pattern"/],
    [[{ file: 'v.go', pattern: '(' }], /versionFiles\[0\]\.pattern: expected a regular expression \(/],
    [
      [{ file: 'v.go', pattern: 'Version = ".*"' }],
      /versionFiles\[0\]\.pattern: expected a regular expression with a capture group/,
    ],
    [
      [{ file: 'v.go', pattern: 3 }],
      /versionFiles\[0\]\.pattern: expected a regular expression \(a string\), got the number 3/,
    ],
  ])('%j', (value, message) => {
    expect(error(value)).toMatch(message);
    expect(error(value)).toContain('/repo/.stampguardrc.json: ');
  });

  it('keeps valid entries as written and marks the list as explicit', () => {
    const versionFiles = ['Chart.yaml', { file: 'Chart.yaml', key: 'appVersion' }, { file: 'v.go', pattern: '"(.+)"' }];
    const config = resolveConfig({ versionFiles }, '/repo/.stampguardrc.json', '/repo');
    expect(config.versionFiles).toEqual(versionFiles);
    expect(config.versionFilesListed).toBe(true);
  });
});

describe('the stamp section', () => {
  function error(stamp: unknown): string | null {
    try {
      resolveConfig({ stamp }, '/repo/.stampguardrc.json', '/repo');
      return null;
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as ConfigError).message;
    }
  }

  it('defaults to Kubernetes’ package and accepts a package and variable names', () => {
    expect(resolveConfig({}, null, '/repo').stamp).toEqual({ goPackage: 'k8s.io/component-base/version' });
    expect(
      resolveConfig({ stamp: { goPackage: 'main', goVariables: { gitVersion: 'Version' } } }, null, '/repo').stamp,
    ).toEqual({ goPackage: 'main', goVariables: { gitVersion: 'Version' } });
  });

  it.each<[unknown, RegExp]>([
    ['main', /stamp: expected an object/],
    [{ package: 'main' }, /stamp\.package: expected no such key; use goPackage, goVariables/],
    [{ goPackage: 'example.com/a b' }, /stamp\.goPackage: expected a Go import path/],
    [{ goPackage: "x'y" }, /stamp\.goPackage: expected a Go import path/],
    [{ goVariables: {} }, /stamp\.goVariables: expected at least one variable/],
    [
      { goVariables: { version: 'V' } },
      /stamp\.goVariables\.version: expected no such variable; use buildDate, gitCommit/,
    ],
    [{ goVariables: { gitVersion: 'Git.Version' } }, /stamp\.goVariables\.gitVersion: expected a Go identifier/],
  ])('%j', (value, message) => {
    expect(error(value)).toMatch(message);
  });
});
