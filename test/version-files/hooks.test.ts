// Version files in other formats through the installed package and its real hooks: the packed
// tarball must bring its TOML and YAML readers along, and git commit / git tag must use them.
import { describe, expect, it } from 'vitest';
import { hookedRepo } from '../helpers/packed.js';

const CONFIG = JSON.stringify({
  versionFiles: ['package.json', 'Cargo.toml', { file: 'charts/demo/Chart.yaml', key: 'appVersion' }],
});

function repo() {
  return hookedRepo({
    version: '1.0.0',
    files: {
      '.stampguardrc.json': CONFIG,
      'Cargo.toml': '[package]\nname = "demo"\nversion = "1.0.0"\n',
      'charts/demo/Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 1.0.0\nappVersion: "v1.0.0"\n',
    },
  });
}

describe('TOML and YAML version files through the installed hooks', () => {
  it('git commit refuses describe output staged into Cargo.toml', () => {
    const r = repo();
    const before = r.head();
    r.write('Cargo.toml', '[package]\nname = "demo"\nversion = "1.0.0-3-g0214af0"\n');
    r.git('add', 'Cargo.toml');
    const commit = r.tryGit(['commit', '-m', 'bump']);
    expect(commit.code).not.toBe(0);
    expect(commit.stderr).toContain('nonstandard-version');
    expect(commit.stderr).toContain('Cargo.toml has package.version 1.0.0-3-g0214af0');
    expect(r.head()).toBe(before);
  });

  it('git tag refuses a tag the chart’s appVersion does not match, and creates the one it does', () => {
    const r = repo();
    const wrong = r.tryGit(['tag', '-a', '-m', 'v1.0.1', 'v1.0.1']);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain(
      'charts/demo/Chart.yaml has appVersion v1.0.0 at HEAD, but the tag v1.0.1 says 1.0.1',
    );
    expect(r.tryGit(['rev-parse', '-q', '--verify', 'refs/tags/v1.0.1']).code).not.toBe(0);
    expect(r.tryGit(['tag', '-a', '-m', 'v1.0.0', 'v1.0.0']).code).toBe(0);
    const ldflags = r.stampguard(['stamp', '--format', 'ldflags']);
    expect(ldflags.code, ldflags.stderr).toBe(0);
    expect(ldflags.stdout).toContain("-X 'k8s.io/component-base/version.gitVersion=v1.0.0'");
  });
});
