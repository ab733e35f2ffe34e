// Reading the version out of a file's text, per format, and the distinct problems on the way.
import { describe, expect, it } from 'vitest';
import type { VersionFileEntry } from '../../src/types.js';
import { readVersionValue } from '../../src/version-files/read.js';
import { resolveVersionFile } from '../../src/version-files/spec.js';

function read(entry: VersionFileEntry, text: string) {
  return readVersionValue(resolveVersionFile(entry), text);
}

describe('values', () => {
  it.each<[VersionFileEntry, string, string]>([
    ['package.json', '{ "name": "a", "version": "1.2.3" }', '1.2.3'],
    ['package.json', '\uFEFF{ "version": "1.2.3" }', '1.2.3'],
    ['Chart.yaml', 'apiVersion: v2\nname: kueue\nversion: 0.19.2\nappVersion: "v0.19.2"\n', '0.19.2'],
    [{ file: 'Chart.yaml', key: 'appVersion' }, 'version: 0.19.2\nappVersion: "v0.19.2"\n', 'v0.19.2'],
    [{ file: 'Chart.yaml', key: 'appVersion' }, 'appVersion: v0.14.1 # comment\n', 'v0.14.1'],
    [
      'Cargo.toml',
      '[package]\nname = "x"\nversion = "1.2.3" # comment\n\n[dependencies]\nserde = { version = "1" }\n',
      '1.2.3',
    ],
    ['Cargo.toml', "package.version = '1.2.3'\n", '1.2.3'],
    [
      { file: 'Cargo.toml', key: 'workspace.package.version' },
      '[workspace]\nmembers = ["a"]\n[workspace.package]\nversion = "2.0.0"\n',
      '2.0.0',
    ],
    ['pyproject.toml', '[project]\nname = "x"\nversion = "1.2.3"\n', '1.2.3'],
    ['pyproject.toml', '[tool.poetry]\nname = "x"\nversion = "1.2.4"\n', '1.2.4'],
    ['pyproject.toml', '[project]\nversion = "1.2.3"\n[tool.poetry]\nversion = "9.9.9"\n', '1.2.3'],
    ['VERSION', '1.2.3\n', '1.2.3'],
    ['VERSION', '1.2.3\r\n\n', '1.2.3'],
    ['VERSION', '1.2.3', '1.2.3'],
    [{ file: 'v.go', pattern: '^const Version = "([^"]+)"$' }, 'package v\n\nconst Version = "1.2.3"\n', '1.2.3'],
    [{ file: 'v.go', pattern: 'Version = "v?([^"]+)"' }, '// Version = "0.0.1" is old\nVersion = "v1.2.3"\n', '0.0.1'],
    [
      { file: 'packages.json', key: 'packages.1.version' },
      '{"packages":[{"version":"1"},{"version":"1.2.3"}]}',
      '1.2.3',
    ],
  ])('%j', async (entry, text, value) => {
    expect(await read(entry, text)).toMatchObject({ value });
  });
});

describe('problems', () => {
  it.each<[VersionFileEntry, string, { problem: string; detail: RegExp }]>([
    ['package.json', '{ "version": "1.2.3", }', { problem: 'unparsable', detail: /JSON|token|property/i }],
    ['Chart.yaml', 'version: 0.19.2\nversion: 0.19.3\n', { problem: 'unparsable', detail: /unique/i }],
    ['Chart.yaml', 'version: [0.19.2\n', { problem: 'unparsable', detail: /.+/ }],
    ['Chart.yaml', 'version: 1\n---\nversion: 2\n', { problem: 'unparsable', detail: /more than one YAML document/ }],
    ['Cargo.toml', '[package]\nversion = 1.2.3\n', { problem: 'unparsable', detail: /.+/ }],
    ['Cargo.toml', '[package]\nversion = "1"\n[package]\nname = "x"\n', { problem: 'unparsable', detail: /.+/ }],
    ['VERSION', '1.2.3\nextra\n', { problem: 'unparsable', detail: /more than one line/ }],
    ['package.json', '{ "name": "private-app" }', { problem: 'no-key', detail: /^has no version$/ }],
    ['Cargo.toml', '[package]\nname = "x"\n', { problem: 'no-key', detail: /^has no package\.version$/ }],
    [
      'pyproject.toml',
      '[project]\nname = "x"\ndynamic = ["version"]\n',
      { problem: 'no-key', detail: /project\.version or tool\.poetry\.version/ },
    ],
    ['VERSION', '\n\n', { problem: 'no-key', detail: /is empty/ }],
    [
      { file: 'v.go', pattern: 'Version = "([^"]+)"' },
      'package v\n',
      { problem: 'no-key', detail: /no text matching/ },
    ],
    [
      { file: 'v.go', pattern: 'Version = (?:"([^"]+)"|nil)' },
      'Version = nil\n',
      { problem: 'no-key', detail: /capture group is empty/ },
    ],
    ['Chart.yaml', 'version: 1.10\n', { problem: 'not-string', detail: /^the number 1\.1$/ }],
    ['package.json', '{ "version": 1 }', { problem: 'not-string', detail: /^the number 1$/ }],
    ['package.json', '{ "version": null }', { problem: 'not-string', detail: /null/ }],
    [
      'Cargo.toml',
      '[package]\nversion.workspace = true\n',
      { problem: 'not-string', detail: /^a table of "workspace"$/ },
    ],
    [{ file: 'Chart.yaml', key: 'appVersion' }, 'appVersion: [1]\n', { problem: 'not-string', detail: /^a list$/ }],
  ])('%j', async (entry, text, expected) => {
    const result = await read(entry, text);
    expect(result).toMatchObject({ problem: expected.problem });
    expect((result as { detail: string }).detail).toMatch(expected.detail);
  });
});
