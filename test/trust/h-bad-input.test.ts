// Bad input gets exit 2 or a finding, never a hang or a silent default: FIFOs where files belong,
// a configuration the user cannot read, timeouts no timer can hold, stamp files whose values are
// shell or code, and control characters from file and branch names in the reports.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, gitEnv, makeRepo, type Repo, tempDir } from '../helpers/git-repo.js';
import { checkJson, runCliTimed, summary } from '../helpers/trust.js';

function release(files: Record<string, string> = {}): Repo {
  const repo = makeRepo({ version: '1.0.0', files });
  repo.tag('v1.0.0');
  return repo;
}

describe('H24 a FIFO where a file belongs', () => {
  for (const file of ['.stampguardrc.json', 'package.json']) {
    it(`${file} as a FIFO: exit 2 at once, naming it`, () => {
      const repo = release();
      rmSync(path.join(repo.dir, file), { force: true });
      execFileSync('mkfifo', [path.join(repo.dir, file)]);
      const r = runCliTimed(['check'], { cwd: repo.dir, limitMs: 20_000 });
      expect(r.killed, `still running after ${r.ms} ms`).toBeNull();
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(file);
    });
  }
});

describe('H25 a configuration the running user cannot read', () => {
  it('mode 000 .stampguardrc.json, run as another user: exit 2 naming the file (never the defaults)', () => {
    // The config asks for annotated tags; the tag is lightweight, so the defaults would pass.
    const repo = release({ '.stampguardrc.json': JSON.stringify({ requireAnnotatedTag: true }) });
    const config = path.join(repo.dir, '.stampguardrc.json');
    chmodSync(repo.dir, 0o755);
    chmodSync(config, 0o000);
    // Old stat data recorded by root, so git (as the other user) has no reason to open the file.
    utimesSync(config, 1_600_000_000, 1_600_000_000);
    repo.git('update-index', '-q', '--refresh');
    const home = tempDir('stampguard-nobody-');
    chmodSync(home, 0o755);
    const globalConfig = path.join(home, 'gitconfig');
    writeFileSync(globalConfig, '[safe]\n\tdirectory = *\n[user]\n\tname = Test\n\temail = test@example.com\n');
    const env = gitEnv({ HOME: home, GIT_CONFIG_GLOBAL: globalConfig });
    const asNobody = (cmd: string[]) =>
      spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', ...cmd], {
        cwd: repo.dir,
        env,
        encoding: 'utf8',
      });

    const cat = asNobody(['cat', config]);
    expect(cat.status, 'control: the other user cannot read it').not.toBe(0);
    const status = asNobody(['git', 'status', '--porcelain']);
    expect(status.status, `control: the other user can run git here: ${status.stderr}`).toBe(0);

    const r = asNobody([process.execPath, BIN, 'check', '--json']);
    expect(r.status, `${r.stderr}${r.stdout}`).toBe(2);
    expect(r.stderr).toContain('.stampguardrc.json');
  });
});

describe('H26 STAMPGUARD_GIT_TIMEOUT_MS', () => {
  for (const value of ['1e10', 'Infinity', '2147483648']) {
    it(`${value}: a normal check (exit 0 on a clean release)`, () => {
      const repo = release();
      const r = checkJson(repo, [], { env: { STAMPGUARD_GIT_TIMEOUT_MS: value } });
      expect(r.code, summary(r)).toBe(0);
      expect(r.report?.version.stamp).toBe('1.0.0');
    });
  }

  for (const value of ['abc', '0', '-5']) {
    it(`${JSON.stringify(value)}: exit 2 naming the variable`, () => {
      const repo = release();
      const r = repo.cli(['check'], { env: { STAMPGUARD_GIT_TIMEOUT_MS: value } });
      expect(r.code, `${r.stderr}${r.stdout}`).toBe(2);
      expect(r.stderr).toContain('STAMPGUARD_GIT_TIMEOUT_MS');
    });
  }
});

describe('H27 stamp files carry tag names as data', () => {
  // Every name is accepted by git check-ref-format (checked below); git refuses newlines and other
  // control characters in ref names, so those cannot reach a stamp file through a tag.
  const NASTY = [
    'v1;touch${IFS}pwned',
    'v1$(touch${IFS}pwned)',
    'v1`touch${IFS}pwned`',
    "v1';touch${IFS}pwned;'",
    'v1";touch${IFS}pwned;"',
    "v1'$(touch${IFS}pwned)'",
    'v1"$(touch${IFS}pwned)"',
    'v1|touch${IFS}pwned',
    'v1&&touch${IFS}pwned',
    'v1>pwned',
    'v1#$HOME',
    'v1"\'`$(touch${IFS}pwned)',
  ];

  function stampAll(repo: Repo, out: string): Record<string, string> {
    const files: Record<string, string> = {};
    for (const ext of ['env', 'json', 'js', 'mjs', 'ts']) {
      const file = path.join(out, `v.${ext}`);
      const r = repo.cli(['stamp', '--dev', '--out', file]);
      expect(r.code, `stamp --out v.${ext}: ${r.stderr}`).toBe(0);
      files[ext] = file;
    }
    return files;
  }

  it('sourcing v.env with sh and bash runs nothing and yields the exact tag; JSON, JS and TS outputs hold it exactly', () => {
    const repo = makeRepo({ version: '1.0.0' });
    const out = tempDir('stampguard-stamp-');
    writeFileSync(path.join(out, 'package.json'), JSON.stringify({ type: 'module' })); // .js is ESM here
    const wrong: string[] = [];
    const modules: { name: string; ext: string; url: string }[] = [];
    for (const name of NASTY) {
      expect(repo.tryGit(['check-ref-format', `refs/tags/${name}`]).code, name).toBe(0);
      repo.commit(name);
      repo.git('tag', name);
      const files = stampAll(repo, out);
      for (const shell of ['sh', 'bash']) {
        const sourced = spawnSync(shell, ['-c', '. ./v.env && printf %s "$GIT_TAG"'], {
          cwd: out,
          encoding: 'utf8',
          env: gitEnv(),
        });
        if (sourced.stdout !== name)
          wrong.push(`${shell}: ${JSON.stringify(name)} → ${JSON.stringify(sourced.stdout)} ${sourced.stderr.trim()}`);
      }
      if (existsSync(path.join(out, 'pwned')) || existsSync(path.join(repo.dir, 'pwned')))
        wrong.push(`${JSON.stringify(name)}: sourcing ran a command (pwned exists)`);
      rmSync(path.join(out, 'pwned'), { force: true });
      const json = JSON.parse(readFileSync(files.json!, 'utf8')) as { tag: string };
      if (json.tag !== name) wrong.push(`json: ${JSON.stringify(name)} → ${JSON.stringify(json.tag)}`);
      // Imported below, all in one node process: a copy of each module under its own name.
      for (const ext of ['js', 'mjs']) {
        const copy = path.join(out, `m${modules.length}.${ext}`);
        copyFileSync(files[ext]!, copy);
        modules.push({ name, ext, url: pathToFileURL(copy).href });
      }
      // Node 20 cannot run TypeScript: the object literal in the .ts output must be exact JSON.
      const ts = readFileSync(files.ts!, 'utf8');
      const literal = /export const versionInfo = ([\s\S]*?) as const;/.exec(ts)?.[1];
      if (!literal || (JSON.parse(literal) as { tag: string }).tag !== name)
        wrong.push(`ts: ${JSON.stringify(name)} → ${literal ?? 'no literal'}`);
    }
    const imported = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const tags = [];
        for (const url of JSON.parse(process.argv[1])) {
          try { tags.push((await import(url)).versionInfo.tag); } catch (error) { tags.push({ error: String(error) }); }
        }
        process.stdout.write(JSON.stringify(tags));`,
        JSON.stringify(modules.map((m) => m.url)),
      ],
      { cwd: out, encoding: 'utf8' },
    );
    expect(imported.status, imported.stderr).toBe(0);
    const tags = JSON.parse(imported.stdout) as unknown[];
    expect(tags).toHaveLength(NASTY.length * 2);
    modules.forEach(({ name, ext }, i) => {
      if (tags[i] !== name) wrong.push(`${ext}: ${JSON.stringify(name)} → ${JSON.stringify(tags[i])}`);
    });
    expect(readdirSync(out)).not.toContain('pwned');
    expect(wrong).toEqual([]);
  });
});

describe('H28 control characters never reach the terminal raw', () => {
  it('--format github with file names holding ESC, BEL, CR and a newline: none of them raw in stdout, no injected command', () => {
    const repo = release();
    for (const name of ['esc\x1b[31mred.txt', 'bell\x07.txt', 'cr\r.txt', 'nl\n::error::injected.txt'])
      repo.write(name, 'x\n');
    const r = repo.cli(['check', '--format', 'github']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('untracked-files');
    expect(r.stdout).not.toMatch(/[\x1b\x07\r]/);
    expect(r.stdout.split('\n').filter((line) => line.startsWith('::error::injected'))).toEqual([]);
  });

  for (const [label, char] of [
    ['a C1 control (U+009B)', '\u009b'],
    ['a bidi override (U+202E)', '\u202e'],
  ] as const) {
    it(`the pretty report with ${label} in the branch name prints it escaped`, () => {
      const repo = release();
      const branch = `rel${char}esaeler`;
      expect(repo.tryGit(['check-ref-format', '--branch', branch]).code).toBe(0);
      repo.git('checkout', '-q', '-b', branch);
      const r = repo.cli(['check']);
      expect(r.code, r.stderr).toBe(0);
      expect(`${r.stdout}${r.stderr}`).toContain('rel');
      expect(r.stdout.includes(char), 'raw character in stdout').toBe(false);
      expect(r.stderr.includes(char), 'raw character in stderr').toBe(false);
    });
  }
});
