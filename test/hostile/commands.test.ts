// The guard never executes commands a repository configures for itself (core.fsmonitor, clean
// filters, signing programs), and takes tag names that look like options, shell code or describe
// output as data. Each trap is first shown to fire under plain git, so the test cannot pass
// because the trap was broken.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/types.js';
import { gitEnv, makeRepo, parseJson, Repo, type RunResult, runCli, tempDir } from '../helpers/git-repo.js';

const ZERO = '0'.repeat(40);

interface Trap {
  dir: string;
  marker: string;
  /** A script that appends "<label> <args>" to the marker; `filter` scripts also copy stdin to stdout. */
  script(label: string, kind?: 'filter' | 'fail' | 'ok'): string;
  fired(): string[];
  reset(): void;
}

function trap(): Trap {
  const dir = tempDir('stampguard-trap-');
  const marker = path.join(dir, 'MARKER');
  return {
    dir,
    marker,
    script(label, kind = 'ok') {
      const file = path.join(dir, `${label}.sh`);
      const tail = kind === 'filter' ? 'cat' : kind === 'fail' ? 'exit 1' : 'exit 0';
      writeFileSync(file, `#!/bin/sh\necho "${label} $*" >> '${marker}'\n${tail}\n`);
      chmodSync(file, 0o755);
      return file;
    },
    fired: () => (existsSync(marker) ? readFileSync(marker, 'utf8').split('\n').filter(Boolean) : []),
    reset: () => rmSync(marker, { force: true }),
  };
}

let clock = Date.now() / 1000 + 3600;
/** New mtime, same size: git must re-read the file (and run its clean filter) to know it is unchanged. */
function touch(file: string): void {
  clock += 10;
  utimesSync(file, clock, clock);
}

/** A tag object whose message ends in a signature block (nothing valid: only git's dispatch matters). */
/** Control: plain `git status` runs the filter on a touched file; then `check` must not. */
function expectFilterFiresOnlyUnderGit(repo: Repo, t: Trap, file: string): void {
  touch(path.join(repo.dir, file));
  repo.tryGit(['status', '--porcelain']);
  expect(t.fired()).toHaveLength(1); // control
  t.reset();
  touch(path.join(repo.dir, file));
  expect(repo.cli(['check']).code).toBe(0);
  expect(t.fired()).toEqual([]);
}

function signedLookingTag(repo: Repo, name: string, commit: string, kind: 'PGP' | 'SSH'): void {
  const sig = kind === 'PGP' ? 'iQEzBAABCAAdFiEEfakefakefake\n=abcd' : 'U1NIU0lHAAAAAQ==';
  const body = `object ${commit}\ntype commit\ntag ${name}\ntagger Test <test@example.com> 1700000000 +0000\n\n${name}\n-----BEGIN ${kind} SIGNATURE-----\n${sig}\n-----END ${kind} SIGNATURE-----\n`;
  const oid = execFileSync('git', ['mktag'], { cwd: repo.dir, env: gitEnv(), input: body, encoding: 'utf8' }).trim();
  repo.git('update-ref', `refs/tags/${name}`, oid);
}

const GATES = { specs: { Widget: [{ version: '1.0', stage: 'beta', default: true }] }, set: 'Widget=true' };

/**
 * v0.9.0 (SSH-signed-looking) → v1.0.0 (PGP-signed-looking) at HEAD, requireSignedTag and gates
 * configured, a clean filter on *.txt, and every trap set in .git/config.
 */
function boobyTrapped(t: Trap): Repo {
  const repo = makeRepo({
    version: '0.9.0',
    files: { '.gitattributes': '*.txt filter=trap\n', 'a.txt': 'hello\n', 'sub/b.txt': 'b\n' },
  });
  signedLookingTag(repo, 'v0.9.0', repo.head(), 'SSH');
  repo.writePackage('1.0.0');
  repo.write('.stampguardrc.json', JSON.stringify({ requireSignedTag: true, gates: GATES }));
  repo.commit('1.0.0');
  signedLookingTag(repo, 'v1.0.0', repo.head(), 'PGP');
  writeFileSync(path.join(repo.dir, '.git/allowed_signers'), '');
  repo.git('config', 'core.fsmonitor', t.script('fsmonitor', 'fail'));
  repo.git('config', 'filter.trap.clean', t.script('clean', 'filter'));
  repo.git('config', 'filter.trap.smudge', t.script('smudge', 'filter'));
  repo.git('config', 'gpg.program', t.script('gpg'));
  repo.git('config', 'gpg.ssh.program', t.script('ssh-keygen'));
  repo.git('config', 'gpg.ssh.allowedSignersFile', path.join(repo.dir, '.git/allowed_signers'));
  return repo;
}

/** Every command and hook entry point that reads the repository. */
function everyCommand(repo: Repo): { args: string[]; input?: string; cwd?: string }[] {
  const head = repo.head();
  const v100 = repo.git('rev-parse', 'v1.0.0').trim();
  const v090 = repo.git('rev-parse', 'v0.9.0').trim();
  const pushLines = `refs/tags/v1.0.0 ${v100} refs/tags/v1.0.0 ${ZERO}\nrefs/tags/v0.9.0 ${v090} refs/tags/v0.9.0 ${ZERO}\n`;
  return [
    { args: ['check'] },
    { args: ['check', '--json'] },
    { args: ['check', '--format', 'github'] },
    { args: ['check', '--tag', 'v1.0.1'] },
    { args: ['check', '--mode', 'commit'] },
    { args: ['check', '--mode', 'push'], input: pushLines },
    { args: ['check'], cwd: path.join(repo.dir, 'sub') },
    { args: ['check', '--cwd', path.join(repo.dir, 'sub')], cwd: tempDir() },
    { args: ['version'] },
    { args: ['version', '--dev'] },
    { args: ['version', '--json'] },
    { args: ['gates'] },
    { args: ['gates', '--json'] },
    { args: ['stamp', '--dev'] },
    { args: ['hook', 'pre-commit'] },
    { args: ['hook', 'pre-push', 'origin', 'url'], input: pushLines },
    { args: ['hook', 'reference-transaction', 'prepared'], input: `${ZERO} ${head} refs/tags/v1.0.1\n` },
  ];
}

function runAll(repo: Repo, t: Trap, env: NodeJS.ProcessEnv): RunResult[] {
  const results: RunResult[] = [];
  for (const { args, input, cwd } of everyCommand(repo)) {
    touch(path.join(repo.dir, 'a.txt'));
    touch(path.join(repo.dir, 'sub/b.txt'));
    const r = runCli(args, { cwd: cwd ?? repo.dir, env, ...(input !== undefined && { input }) });
    // git itself races here: ssh-keygen rejects the malformed SSH signature and exits before git
    // has written the payload to it, and git verify-tag dies of SIGPIPE (about 1 run in 100 with
    // plain git too). stampguard then cannot decide and says so (exit 2); any other exit 2 is a bug.
    if (r.code === 2)
      expect(r.stderr, args.join(' ')).toMatch(/^stampguard: could not run: git verify-tag was killed by SIGPIPE/);
    else expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBeLessThan(2);
    expect(t.fired(), `after stampguard ${args.join(' ')}`).toEqual([]);
    results.push(r);
  }
  return results;
}

describe('commands configured in the repository are never run', () => {
  it('plain git runs every trap (the control): fsmonitor and the clean filter on status, gpg and ssh-keygen on verify-tag', () => {
    const t = trap();
    const repo = boobyTrapped(t);
    touch(path.join(repo.dir, 'a.txt'));
    repo.tryGit(['status', '--porcelain']);
    repo.tryGit(['verify-tag', 'v1.0.0']);
    repo.tryGit(['verify-tag', 'v0.9.0']);
    const labels = new Set(t.fired().map((line) => line.split(' ')[0]));
    expect([...labels].sort()).toEqual(['clean', 'fsmonitor', 'gpg', 'ssh-keygen']);
  });

  it('check, version, gates, stamp and every hook entry point run none of them, from the root, a subdirectory or --cwd', () => {
    const t = trap();
    const repo = boobyTrapped(t);
    const env = { GNUPGHOME: tempDir('stampguard-gnupg-') };
    const [check, json] = runAll(repo, t, env);
    // The verdicts are still computed: the tree is clean (unfiltered "hello" is what was committed),
    // and the fake signature is refused by the real verifier, not accepted by the repository's.
    expect(check!.code).toBe(1);
    const report = parseJson<Report>(json!.stdout);
    expect(report.findings.map((f) => f.code)).toEqual(['tag-not-signed']);
    expect(report.version.dirty).toBe(false);
  });

  it('a filter set through include.path or in the worktree config is overridden too', () => {
    const t = trap();
    const repo = makeRepo({ version: '1.0.0', files: { '.gitattributes': '*.txt filter=inc\n', 'a.txt': 'hello\n' } });
    repo.tag('v1.0.0');
    writeFileSync(
      path.join(repo.dir, '.git/extra.config'),
      `[filter "inc"]\n\tclean = ${t.script('included', 'filter')}\n`,
    );
    repo.git('config', 'include.path', 'extra.config');
    expectFilterFiresOnlyUnderGit(repo, t, 'a.txt');

    repo.git('config', '--unset', 'include.path');
    repo.git('config', 'extensions.worktreeConfig', 'true');
    repo.git('config', '--worktree', 'filter.inc.clean', t.script('worktree', 'filter'));
    expectFilterFiresOnlyUnderGit(repo, t, 'a.txt');
  });

  it('a required local filter cannot be switched off: exit 2 naming the filter, and it still never runs', () => {
    const t = trap();
    const repo = makeRepo({ version: '1.0.0', files: { '.gitattributes': '*.txt filter=req\n', 'a.txt': 'hello\n' } });
    repo.tag('v1.0.0');
    repo.git('config', 'filter.req.clean', t.script('required', 'filter'));
    repo.git('config', 'filter.req.required', 'true');
    touch(path.join(repo.dir, 'a.txt'));
    const r = repo.cli(['check', '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("clean filter 'req' failed");
    expect(t.fired()).toEqual([]);
  });

  it('a local filter that changes content is not run, so a touched file reads as changed (the documented safe side)', () => {
    const t = trap();
    const repo = makeRepo({ version: '1.0.0', files: { '.gitattributes': '*.txt filter=upper\n' } });
    const upper = path.join(t.dir, 'upper.sh');
    writeFileSync(upper, `#!/bin/sh\necho upper >> '${t.marker}'\ntr a-z A-Z\n`);
    chmodSync(upper, 0o755);
    repo.git('config', 'filter.upper.clean', upper);
    repo.commit('filtered file', { 'a.txt': 'hello\n' }); // stored as HELLO
    repo.tag('v1.0.0');
    // Stat data recorded by git itself (filter on), older than the index: not racily clean.
    utimesSync(path.join(repo.dir, 'a.txt'), 1_600_000_000, 1_600_000_000);
    repo.git('update-index', '-q', '--refresh');
    t.reset();
    expect(repo.cli(['check']).code).toBe(0); // stat data fresh: nothing is re-read
    touch(path.join(repo.dir, 'a.txt'));
    const { code, stdout } = repo.cli(['check', '--json']);
    expect(code).toBe(1);
    expect(parseJson<Report>(stdout).findings.find((f) => f.code === 'dirty-tree')?.paths).toEqual(['a.txt']);
    expect(t.fired()).toEqual([]);
  });

  // A submodule's own config lives in the superproject's .git/modules/<name>/config: it is as
  // much "the repository's own config" as .git/config, and `git status` recurses into it.
  it("a clean filter set in a submodule's own config is not run either", () => {
    const t = trap();
    const lib = makeRepo({ version: null, files: { '.gitattributes': '*.txt filter=subtrap\n', 'lib.txt': 'lib\n' } });
    const repo = makeRepo({ version: '1.0.0' });
    repo.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', lib.dir, 'libs/sub');
    repo.commit('submodule');
    repo.tag('v1.0.0');
    const sub = new Repo(path.join(repo.dir, 'libs/sub'));
    sub.git('config', 'filter.subtrap.clean', t.script('submodule-clean', 'filter'));
    sub.git('config', 'core.fsmonitor', t.script('submodule-fsmonitor', 'fail'));
    touch(path.join(sub.dir, 'lib.txt'));
    repo.tryGit(['status', '--porcelain']);
    expect(t.fired().some((l) => l.startsWith('submodule-clean'))).toBe(true); // control
    t.reset();
    touch(path.join(sub.dir, 'lib.txt'));
    const r = repo.cli(['check']);
    expect(r.code).toBe(0);
    expect(t.fired()).toEqual([]);
  });

  // The one documented exception (README, Security): --fetch is an explicit request to run
  // `git fetch`, and it runs exactly as the user's own `git fetch` would, remote configuration
  // included. Without --fetch, nothing from the remote configuration runs.
  it('check --fetch runs git fetch as the user would (the documented opt-in); check alone never does', () => {
    const t = trap();
    const repo = makeRepo({ version: '1.0.0' });
    repo.tag('v1.0.0');
    const bare = path.join(tempDir(), 'remote.git');
    execFileSync('git', ['clone', '-q', '--bare', repo.dir, bare], { env: gitEnv() });
    repo.git('remote', 'add', 'origin', bare);
    repo.git('fetch', '-q', 'origin');
    repo.git('branch', '-q', '-u', 'origin/main');
    repo.git('config', 'remote.origin.uploadpack', `${t.script('uploadpack')}; git-upload-pack`);
    repo.tryGit(['fetch', '-q', 'origin']);
    expect(t.fired()).toHaveLength(1); // control
    t.reset();
    expect(repo.cli(['check']).code).toBeLessThan(2);
    expect(t.fired()).toEqual([]);
    const r = repo.cli(['check', '--fetch']);
    expect(r.code).toBeLessThan(2);
    expect(t.fired()).toHaveLength(1);
  });
});

describe("commands from the user's own (global) config are honoured", () => {
  function globalConfig(extra: string): string {
    const file = path.join(tempDir('stampguard-global-'), 'gitconfig');
    writeFileSync(file, `[user]\n\tname = Test\n\temail = test@example.com\n[init]\n\tdefaultBranch = main\n${extra}`);
    return file;
  }

  it('a clean filter from GIT_CONFIG_GLOBAL runs, and the status is computed through it', () => {
    const t = trap();
    const upper = path.join(t.dir, 'global-upper.sh');
    writeFileSync(upper, `#!/bin/sh\necho global >> '${t.marker}'\ntr a-z A-Z\n`);
    chmodSync(upper, 0o755);
    const env = { GIT_CONFIG_GLOBAL: globalConfig(`[filter "g"]\n\tclean = ${upper}\n`) };
    const repo = makeRepo({ version: '1.0.0', files: { '.gitattributes': '*.txt filter=g\n' } });
    repo.write('a.txt', 'hello\n');
    execFileSync('git', ['add', 'a.txt'], { cwd: repo.dir, env: gitEnv(env) }); // stored as HELLO
    execFileSync('git', ['commit', '-q', '-m', 'filtered'], { cwd: repo.dir, env: gitEnv(env) });
    repo.tag('v1.0.0');
    expect(repo.git('cat-file', '-p', 'HEAD:a.txt')).toBe('HELLO\n');
    t.reset();

    touch(path.join(repo.dir, 'a.txt'));
    const honoured = repo.cli(['check', '--json'], { env });
    expect(t.fired().length).toBeGreaterThan(0); // the user's filter ran
    expect(parseJson<Report>(honoured.stdout).findings).toEqual([]); // and "hello" → "HELLO" matched
    expect(honoured.code).toBe(0);

    // The same repository without the user's filter: the file reads as changed.
    touch(path.join(repo.dir, 'a.txt'));
    const without = repo.cli(['check', '--json']);
    expect(without.code).toBe(1);
    expect(parseJson<Report>(without.stdout).findings.map((f) => f.code)).toContain('dirty-tree');
  });

  it("when the repository redefines the user's filter, the user's command runs and the repository's does not", () => {
    const t = trap();
    const env = { GIT_CONFIG_GLOBAL: globalConfig(`[filter "both"]\n\tclean = ${t.script('users', 'filter')}\n`) };
    const repo = makeRepo({ version: '1.0.0', files: { '.gitattributes': '*.txt filter=both\n', 'a.txt': 'hello\n' } });
    repo.tag('v1.0.0');
    repo.git('config', 'filter.both.clean', t.script('repos', 'filter'));
    t.reset();
    touch(path.join(repo.dir, 'a.txt'));
    expect(repo.cli(['check'], { env }).code).toBe(0);
    const labels = t.fired().map((l) => l.split(' ')[0]);
    expect(labels).toContain('users');
    expect(labels).not.toContain('repos');
  });
});

describe('tag names are data', () => {
  // Each is checked with git check-ref-format first: only names git accepts as tags are used.
  const NON_RELEASE = ['-h', '--help', '--end-of-options', '$(touch${IFS}PWNED)', '`touch${IFS}PWNED`'];
  const NOT_SEMVER = [
    'v1.0.0;touch${IFS}PWNED',
    'v1.0.0$(touch${IFS}PWNED)',
    'v1.0.0`touch${IFS}PWNED`',
    'v1.0.0|touch${IFS}PWNED',
    'v1.0.0&&touch${IFS}PWNED',
    'v1.0.0>PWNED',
    "v1.0.0';touch${IFS}PWNED;'",
  ];
  const DESCRIBE_SHAPED = ['v1.0.0-1-gdeadbee', 'v1.0.0-dirty', 'v1.0.0-284-g0214af08731054-dirty'];

  function acceptedByGit(repo: Repo, name: string): void {
    expect(repo.tryGit(['check-ref-format', `refs/tags/${name}`]).code, name).toBe(0);
  }

  function noPwned(...dirs: string[]): void {
    for (const dir of dirs) expect(existsSync(path.join(dir, 'PWNED')), dir).toBe(false);
  }

  it('check --tag=NAME: option-like and shell-like names are checked by the tag rules, nothing is executed', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.tag('v0.9.0');
    const outcomes: Record<string, { code: number; errors: string[]; warnings: string[] }> = {};
    for (const name of [...NON_RELEASE, ...NOT_SEMVER, ...DESCRIBE_SHAPED]) {
      acceptedByGit(repo, name);
      const r = repo.cli(['check', `--tag=${name}`, '--json']);
      expect(r.stderr, name).toBe('');
      const report = parseJson<Report>(r.stdout);
      expect(
        report.findings.every((f) => f.tag === undefined || f.tag === name),
        name,
      ).toBe(true);
      outcomes[name] = {
        code: r.code,
        errors: report.findings.filter((f) => f.severity === 'error').map((f) => f.code),
        warnings: report.findings.filter((f) => f.severity === 'warning').map((f) => f.code),
      };
    }
    for (const name of NON_RELEASE)
      expect(outcomes[name], name).toEqual({ code: 0, errors: [], warnings: ['tag-not-semver'] });
    for (const name of NOT_SEMVER) expect(outcomes[name], name).toMatchObject({ code: 1, errors: ['tag-not-semver'] });
    for (const name of DESCRIBE_SHAPED) {
      expect(outcomes[name]!.code, name).toBe(1);
      expect(outcomes[name]!.errors, name).toContain('nonstandard-version');
    }
    noPwned(repo.dir, path.dirname(repo.dir));
    expect(repo.git('tag', '-l')).toBe('v0.9.0\n'); // a check creates nothing
  });

  // `--tag -h` (a space, not "=") must not turn into "print the help and exit 0": a release
  // script running `stampguard check --tag "$TAG" --json` would pass without any check and read
  // help text where it expects JSON. A usage error (exit 2, nothing on stdout) or a check of the
  // tag as data are both fine.
  it('check --tag -h and --tag --help never exit 0 without checking, and --json never prints anything but JSON', () => {
    const repo = makeRepo({ version: '1.0.0' });
    for (const name of ['-h', '--help']) {
      const r = repo.cli(['check', '--tag', name, '--json']);
      if (r.code === 2) {
        expect(r.stdout, name).toBe('');
        expect(r.stderr, name).toMatch(/^stampguard: could not run: /);
      } else {
        const report = parseJson<Report>(r.stdout); // throws on help text
        expect(report.mode, name).toBe('tag');
        expect(report.findings.find((f) => f.code === 'tag-not-semver')?.message, name).toContain(name);
      }
    }
  });

  it('hostile tags already in the repository (made with update-ref) are data for check, version, push and the tag hook', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.tag('v1.0.0');
    const before = repo.head();
    repo.writePackage('1.1.0');
    const head = repo.commit('1.1.0');
    const hostile = [...NON_RELEASE, ...NOT_SEMVER, ...DESCRIBE_SHAPED];
    for (const name of hostile) {
      acceptedByGit(repo, name);
      repo.git('update-ref', `refs/tags/${name}`, before);
    }
    expect(repo.git('tag', '-l').split('\n').filter(Boolean)).toHaveLength(hostile.length + 1);

    // HEAD is one past all of them: not releasable, but every name is handled as a name.
    const release = repo.cli(['check', '--json']);
    expect(release.code).toBe(1);
    expect(parseJson<Report>(release.stdout).findings.map((f) => f.code)).toContain('not-on-tag');
    expect(repo.cli(['version']).code).toBe(1);

    // Tagging HEAD v1.1.0 is fine: the hostile tags are neither greater nor in the way.
    const tagCheck = repo.cli(['check', '--tag=v1.1.0', '--json']);
    expect(parseJson<Report>(tagCheck.stdout).findings).toEqual([]);
    expect(tagCheck.code).toBe(0);
    // An existing hostile name at another commit: tag-exists, not an option to git.
    const exists = repo.cli(['check', '--tag=v1.0.0;touch${IFS}PWNED', '--json']);
    expect(exists.code).toBe(1);
    expect(parseJson<Report>(exists.stdout).findings.map((f) => f.code)).toEqual(
      expect.arrayContaining(['tag-not-semver']),
    );

    // Pushing them: non-release names pass, the rest are refused by name.
    const push = (name: string) =>
      repo.cli(['hook', 'pre-push', 'origin', 'url'], {
        input: `refs/tags/${name} ${before} refs/tags/${name} ${ZERO}\n`,
      });
    for (const name of NON_RELEASE) expect(push(name).code, name).toBe(0);
    for (const name of [...NOT_SEMVER, ...DESCRIBE_SHAPED]) {
      const r = push(name);
      expect(r.code, name).toBe(1);
      expect(r.stderr, name).toContain(name);
    }
    // The tag hook, for a new hostile tag at HEAD.
    const created = (name: string) =>
      repo.cli(['hook', 'reference-transaction', 'prepared'], { input: `${ZERO} ${head} refs/tags/${name}\n` });
    expect(created('-h').code).toBe(0);
    expect(created('v1.1.0$(touch${IFS}PWNED)').code).toBe(1);
    expect(created('v1.1.0-1-gdeadbee').code).toBe(1);
    noPwned(repo.dir, path.dirname(repo.dir));
  });
});
