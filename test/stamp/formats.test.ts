// The stamp formats, value by value: each one read back by its real consumer (sh, bash, dash,
// make, node) or, for -ldflags, by the Go toolchain's own splitting rules (go-flags.ts).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { envValue, formatFromFile, goValues, jsonText, ldflags, renderStamp } from '../../src/stamp/index.js';
import type { VersionInfoFile } from '../../src/stamp/info.js';
import { tempDir } from '../helpers/git-repo.js';
import { ldflagsArguments, linkerStrings, splitQuoted } from './go-flags.js';

const COMMIT = '0214af08731054e3c0a4f3b1f3a8e5c3d9b7a6f1';

function info(extra: Partial<VersionInfoFile> = {}): VersionInfoFile {
  return {
    version: '1.33.2',
    release: true,
    tag: 'v1.33.2',
    commit: COMMIT,
    treeState: 'clean',
    buildDate: '2023-11-14T22:13:20Z',
    ...extra,
  };
}

// Values a git tag name can hold (git check-ref-format allows all of these; it refuses control
// characters, space, ~ ^ : ? * [ \ and "..", so newlines never come from git).
const NASTY = [
  'v1;touch${IFS}pwned',
  "v1'$(touch${IFS}pwned)'",
  'v1"`touch${IFS}pwned`"',
  "it's",
  "''",
  '$',
  '$$',
  "$'",
  'a$(MAKE)b',
  '${HOME}',
  '#comment',
  '!x&y|z<a>b',
  'a\u2028b\u2029c',
  'nbsp\u00a0x',
  '%=,+@/:-',
  '',
];

describe('env: sh, bash and dash read every value exactly, and nothing runs', () => {
  const shells = ['sh', 'bash', 'dash'].filter((sh) => spawnSync(sh, ['-c', ':']).status === 0);

  it('has the shells to test with', () => {
    expect(shells).toContain('sh');
    expect(shells).toContain('bash');
  });

  it.each(shells)('%s', (shell) => {
    const dir = tempDir();
    const lines = NASTY.map((value, i) => `V${i}=${envValue(`V${i}`, value)}`).join('\n');
    writeFileSync(path.join(dir, 'v.env'), `${lines}\n`);
    // Print each variable NUL-terminated so the exact bytes come back.
    const script = `. ./v.env && ${NASTY.map((_, i) => `printf '%s\\0' "$V${i}"`).join(' && ')}`;
    const out = execFileSync(shell, ['-c', script], { cwd: dir, encoding: 'utf8' });
    expect(out.split('\0').slice(0, -1)).toEqual(NASTY);
    expect(existsSync(path.join(dir, 'pwned'))).toBe(false);
  });

  it('control: the same values written bare do run code when sourced', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'v.env'), 'GIT_TAG=v1;touch${IFS}pwned\n');
    execFileSync('sh', ['-c', '. ./v.env'], { cwd: dir });
    expect(existsSync(path.join(dir, 'pwned'))).toBe(true);
  });

  it('random strings without control characters come back exactly through sh', () => {
    const values = fc.sample(
      fc
        .string({
          unit: fc.oneof(
            fc.constantFrom(...'\'"$`\\!#;&|<>(){}[]*?~ =%\u2028'),
            fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
          ),
          maxLength: 12,
        })
        .filter((s) => !/[\x00-\x1f\x7f]/.test(s)),
      { numRuns: 300, seed: 7 },
    );
    const dir = tempDir();
    writeFileSync(path.join(dir, 'v.env'), values.map((v, i) => `V${i}=${envValue('V', v)}\n`).join(''));
    const script = `. ./v.env && ${values.map((_, i) => `printf '%s\\0' "$V${i}"`).join(' && ')}`;
    const out = execFileSync('sh', ['-c', script], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 24 });
    expect(out.split('\0').slice(0, -1)).toEqual(values);
  });

  it('plain values stay bare, so make, docker --env-file and dotenv read them as sh does', () => {
    for (const value of [
      '1.33.2',
      'v1.33.2',
      COMMIT,
      '2023-11-14T22:13:20Z',
      'clean',
      '1.33.2-rc.1+build.5',
      'pkg@1.0.0',
      '',
    ])
      expect(envValue('X', value)).toBe(value);
    expect(envValue('X', 'a b')).toBe("'a b'");
    expect(envValue('X', "it's")).toBe("'it'\\''s'");
    expect(envValue('X', 'a$b')).toBe("'a$''b'");
  });

  it('refuses a control character, which no git ref name holds and make would read as a new line', () => {
    expect(() => envValue('GIT_TAG', 'a\nb')).toThrow(UsageError);
    expect(() => envValue('GIT_TAG', 'a\tb')).toThrow(/GIT_TAG.*control character/);
  });
});

describe('env: a Makefile that includes the file expands nothing from a value', () => {
  const hasMake = spawnSync('make', ['--version']).status === 0;

  it.runIf(hasMake)('make reads plain values exactly and never expands "$" in a quoted one', () => {
    const dir = tempDir();
    const tag = 'v1$(MAKE)${MAKE}$$(info${IFS}x)';
    writeFileSync(path.join(dir, 'v.env'), renderStamp(info({ tag }), 'env'));
    // $(info …) prints make's own value of each variable, with no shell in between.
    writeFileSync(
      path.join(dir, 'Makefile'),
      'include v.env\n$(info $(VERSION)|$(GIT_VERSION)|$(GIT_COMMIT)|$(GIT_TAG))\nall: ; @:\n',
    );
    const out = execFileSync('make', ['-s', '--no-print-directory'], { cwd: dir, encoding: 'utf8' });
    // One line: "$(info x)" inside the tag did not run. Make sees each "$'" as an empty variable,
    // so the tag arrives mangled but inert; sh reads it exactly (above).
    expect(out).toBe(`1.33.2|v1.33.2|${COMMIT}|'v1'(MAKE)'{MAKE}''(info'{IFS}x)'\n`);
    // sh reads the same file exactly.
    expect(execFileSync('sh', ['-c', '. ./v.env && printf %s "$GIT_TAG"'], { cwd: dir, encoding: 'utf8' })).toBe(tag);
  });

  it.runIf(hasMake)('control: the same tag written bare is expanded by make', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'v.env'), 'GIT_TAG=v1$(MAKE)\n');
    writeFileSync(path.join(dir, 'Makefile'), 'include v.env\n$(info $(GIT_TAG))\nall: ; @:\n');
    const out = execFileSync('make', ['-s', '--no-print-directory'], { cwd: dir, encoding: 'utf8' });
    expect(out.trim()).toBe('v1make');
  });
});

describe('json, js and ts', () => {
  it('JSON.stringify output, with U+2028 and U+2029 escaped so every JavaScript parser reads it', () => {
    const text = jsonText({ tag: 'a\u2028b\u2029c"\\' });
    expect(text).not.toMatch(/[\u2028\u2029]/);
    expect(text).toContain('a\\u2028b\\u2029c\\"\\\\');
    expect(JSON.parse(text)).toEqual({ tag: 'a\u2028b\u2029c"\\' });
  });

  it('the three module forms', () => {
    const value = info();
    expect(JSON.parse(renderStamp(value, 'json'))).toEqual(value);
    expect(renderStamp(value, 'js')).toContain('export const versionInfo = {');
    expect(renderStamp(value, 'ts')).toContain('} as const;');
  });

  it('formats from file names', () => {
    expect(
      ['v.json', 'v.js', 'v.mjs', 'v.ts', 'v.mts', 'v.env', '.env', 'build/.ENV', 'V.JSON'].map(formatFromFile),
    ).toEqual(['json', 'js', 'js', 'ts', 'ts', 'env', 'env', 'env', 'json']);
    expect(['v.yaml', 'v.cjs', 'ldflags', 'v', 'v.env.bak'].map(formatFromFile)).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('Kubernetes variables and ldflags', () => {
  it('gitVersion keeps the "v", gitMinor gets "+" after a pre-release (hack/lib/version.sh)', () => {
    expect(goValues(info())).toEqual({
      buildDate: '2023-11-14T22:13:20Z',
      gitCommit: COMMIT,
      gitTreeState: 'clean',
      gitVersion: 'v1.33.2',
      gitMajor: '1',
      gitMinor: '33',
    });
    expect(goValues(info({ version: '1.34.0-rc.1' }))).toMatchObject({ gitVersion: 'v1.34.0-rc.1', gitMinor: '34+' });
    expect(goValues(info({ version: '1.34.0+build.5' }))).toMatchObject({ gitMinor: '34' });
    expect(goValues(info({ version: '1.33.3-dev.4+g0214af0.dirty', treeState: 'dirty' }))).toMatchObject({
      gitMinor: '33+',
      gitTreeState: 'dirty',
    });
  });

  it("is Kubernetes' -X 'package.name=value' list, in its order, with the full commit id", () => {
    expect(ldflags(info(), { goPackage: 'k8s.io/component-base/version' })).toBe(
      [
        "-X 'k8s.io/component-base/version.buildDate=2023-11-14T22:13:20Z'",
        `-X 'k8s.io/component-base/version.gitCommit=${COMMIT}'`,
        "-X 'k8s.io/component-base/version.gitTreeState=clean'",
        "-X 'k8s.io/component-base/version.gitVersion=v1.33.2'",
        "-X 'k8s.io/component-base/version.gitMajor=1'",
        "-X 'k8s.io/component-base/version.gitMinor=33'",
      ].join(' '),
    );
  });

  it('goVariables picks and renames the variables', () => {
    const text = ldflags(info(), {
      goPackage: 'sigs.k8s.io/kueue/pkg/version',
      goVariables: { gitVersion: 'GitVersion', gitCommit: 'GitCommit', buildDate: 'BuildDate' },
    });
    expect(linkerStrings(ldflagsArguments(text))).toEqual(
      new Map([
        ['sigs.k8s.io/kueue/pkg/version.BuildDate', '2023-11-14T22:13:20Z'],
        ['sigs.k8s.io/kueue/pkg/version.GitCommit', COMMIT],
        ['sigs.k8s.io/kueue/pkg/version.GitVersion', 'v1.33.2'],
      ]),
    );
  });

  it('cmd/go and the linker read back exactly the values, for any semantic version', () => {
    const identifier = fc.stringMatching(/^[0-9A-Za-z-]{1,8}$/).filter((s) => !/^0\d/.test(s));
    const semver = fc
      .tuple(
        fc.nat(999),
        fc.nat(999),
        fc.nat(999),
        fc.array(identifier, { maxLength: 3 }),
        fc.array(fc.stringMatching(/^[0-9A-Za-z-]{1,8}$/), { maxLength: 3 }),
      )
      .map(
        ([a, b, c, pre, build]) =>
          `${a}.${b}.${c}${pre.length ? `-${pre.join('.')}` : ''}${build.length ? `+${build.join('.')}` : ''}`,
      );
    fc.assert(
      fc.property(semver, fc.constantFrom('clean', 'dirty'), (version, treeState) => {
        const value = info({ version, treeState });
        const strings = linkerStrings(ldflagsArguments(ldflags(value, { goPackage: 'main' })));
        expect(Object.fromEntries([...strings].map(([k, v]) => [k.slice('main.'.length), v]))).toEqual(goValues(value));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a value that a build command line would reinterpret, instead of guessing a quoting', () => {
    expect(() => ldflags(info({ buildDate: "1970'01" }), { goPackage: 'main' })).toThrow(UsageError);
    expect(() => ldflags(info({ buildDate: '1970 01' }), { goPackage: 'main' })).toThrow(/buildDate/);
    expect(() => ldflags(info({ commit: '$(id)' }), { goPackage: 'main' })).toThrow(/gitCommit/);
  });

  it('the splitter follows cmd/internal/quoted.Split', () => {
    expect(splitQuoted(` -X 'a.b=c d' "e f"g\th\n`)).toEqual(['-X', 'a.b=c d', 'e f', 'g', 'h']);
    expect(splitQuoted(`a'b'c`)).toEqual(["a'b'c"]);
    expect(() => splitQuoted(`-X 'a`)).toThrow(/unterminated ' string/);
    expect(() => ldflagsArguments('main=-X a.b=c')).toThrow(/pattern/);
  });
});
