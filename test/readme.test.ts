// The README tells the truth: every sh block either runs here, in a scratch repository, or is marked
// <!-- illustrative -->; every transcript ("$ stampguard …" and what it printed) is what stampguard
// prints in the situation the README describes; every json block parses and every configuration in
// it passes the validator of the build; every link resolves; every finding code and every option of
// every command's --help is documented.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, gitEnv, makeRepo, PROJECT_ROOT, type Repo, type RunResult, runCli, tempDir } from './helpers/git-repo.js';
import { fencedBlocks, headings, linkTargets, section } from './helpers/markdown.js';
import { hookedRepo, packedInstall } from './helpers/packed.js';

const README = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
const BLOCKS = fencedBlocks(README);
const ILLUSTRATIVE = '<!-- illustrative -->';

/** The build under test, as users load it. */
async function fromDist<T>(file: string): Promise<T> {
  return (await import(pathToFileURL(path.join(PROJECT_ROOT, 'dist', file)).href)) as T;
}

// ---------------------------------------------------------------------------------------------
// Scratch repositories for the situations the README shows

const EXAMPLE_GATES = path.join(PROJECT_ROOT, 'examples/kubernetes-gates/versioned_feature_list.yaml');
const K8S_LIST = path.join(PROJECT_ROOT, 'test/fixtures/gates/kubernetes-versioned_feature_list.yaml');

/** package.json at 1.4.0, tagged v1.4.0 (annotated), plus any files. */
function releasedRepo(files: Record<string, string> = {}): Repo {
  const repo = makeRepo({ version: '1.4.0', files });
  repo.tag('v1.4.0', { annotated: true });
  return repo;
}

/** The example's gates: Kubernetes' NodeSwap lifecycle, one configured value, Kubernetes' floor. */
function gatesConfig(set: string, extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ ...extra, gates: { specs: './versioned_feature_list.yaml', set, emulationFloor: '1.31' } }, null, 2)}\n`;
}

/** The incident: a Go project built the Kubernetes way, an unrelated v0.1.0 284 commits back, a local patch. */
function incidentRepo(): Repo {
  const repo = makeRepo({
    version: null,
    files: {
      'main.go': 'package main\n',
      'versioned_feature_list.yaml': readFileSync(EXAMPLE_GATES, 'utf8'),
      '.stampguardrc.json': gatesConfig('NodeSwap=false', { convention: 'kubernetes' }),
    },
  });
  repo.tag('v0.1.0');
  repo.emptyCommits(284);
  repo.write('main.go', 'package main\n// local patch\n');
  return repo;
}

/** A repository released at v1.33.0 with the example's gates, NodeSwap set to a value valid through 1.35. */
function gatesRepo(set: string): Repo {
  const repo = makeRepo({
    version: '1.33.0',
    files: {
      'versioned_feature_list.yaml': readFileSync(EXAMPLE_GATES, 'utf8'),
      '.stampguardrc.json': gatesConfig(set),
    },
  });
  repo.tag('v1.33.0', { annotated: true });
  return repo;
}

// ---------------------------------------------------------------------------------------------
// sh blocks

/**
 * Runs a README block as a user would type it, in the repository: `sh -e`, `npx stampguard` and
 * `stampguard` start the given build (the packed one where the repository links node_modules).
 */
function runBlock(repo: Repo, block: string, env: NodeJS.ProcessEnv = {}): RunResult {
  const packed = path.join(repo.dir, 'node_modules/stampguard/bin/stampguard.js');
  const entry = existsSync(packed) ? packed : BIN;
  const script = `npx() { "$@"; }\nstampguard() { node "$SG_ENTRY" "$@"; }\n${block}`;
  const r = spawnSync('sh', ['-e', '-c', script], {
    cwd: repo.dir,
    env: gitEnv({ ...env, SG_ENTRY: entry }),
    encoding: 'utf8',
  });
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

interface Ran {
  /** The start of the block's first line, enough to find it. */
  starts: string;
  run(block: string): void;
}

/** The blocks this test runs, found by their first line; every other sh block must say it is illustrative. */
const RUN: Ran[] = [
  {
    starts: 'npx stampguard check      # is this checkout releasable?',
    run(block) {
      const repo = releasedRepo();
      const r = runBlock(repo, block);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain('✔ stampguard: release check passed');
      expect(r.stdout.endsWith('\n1.4.0\n')).toBe(true);
      expect(r.code).toBe(0);
      repo.write('index.js', 'edited\n');
      expect(runBlock(repo, block).code).toBe(1);
    },
  },
  {
    starts: 'npx stampguard init        # --dry-run',
    run(block) {
      // package.json with husky in devDependencies and the packed stampguard linked, not yet initialised.
      const repo = hookedRepo({ version: '1.4.0', init: false, files: { 'index.js': 'console.log(1)\n' } });
      const r = runBlock(repo, block);
      expect(r.stdout + r.stderr).toContain('Hooks are armed.');
      expect(r.code).toBe(0);
      expect(repo.git('status', '--porcelain')).toBe('');
      // The README's refusal: a tag on a dirty tree is not created.
      repo.write('index.js', 'console.log(2)\n');
      const dirty = repo.tryGit(['tag', '-a', 'v1.4.0', '-m', 'v1.4.0']);
      expect(dirty.stderr).toContain('✖ dirty-tree  1 tracked file changed: index.js');
      expect(dirty.stderr).toContain('fatal: ref updates aborted by hook');
      expect(dirty.code).toBe(128);
      expect(repo.git('tag', '-l')).toBe('');
      repo.git('checkout', '--', 'index.js');
      expect(repo.tryGit(['tag', '-a', 'v1.4.0', '-m', 'v1.4.0']).code).toBe(0);
    },
  },
  {
    starts: 'npx stampguard gates --changes 1.33..1.35',
    run(block) {
      const repo = gatesRepo('NodeSwap=true');
      const r = runBlock(repo, block);
      expect(r.stdout).toContain('Feature gate changes from 1.33 to 1.35');
      expect(r.stdout).toMatch(/Graduated to GA \(1\)\n\* NodeSwap +beta → GA, locked +in 1\.34/);
      expect(r.stderr).toContain('stampguard: drew 1 gate across 1.22–1.35, 1.33.0 marked, into gates.svg');
      expect(r.code).toBe(0);
      expect(readFileSync(path.join(repo.dir, 'gates.svg'), 'utf8')).toContain('data-gate="NodeSwap"');
      // With NodeSwap=false, --changes says the configuration is refused at 1.35 (exit 1).
      const refused = gatesRepo('NodeSwap=false');
      const changes = refused.cli(['gates', '--changes', '1.33..1.35']);
      expect(changes.stdout).toContain('At 1.35 the configuration is refused');
      expect(changes.code).toBe(1);
    },
  },
  {
    starts: 'stampguard stamp --out build/version.json',
    run(block) {
      const repo = releasedRepo({ '.gitignore': 'build/\n' });
      const r = runBlock(repo, block);
      expect(r.code).toBe(0);
      const stamp = JSON.parse(repo.read('build/version.json'));
      expect(stamp).toMatchObject({ version: '1.4.0', release: true, tag: 'v1.4.0', commit: repo.head() });
      expect(stamp.commit).toMatch(/^[0-9a-f]{40}$/);
      // Refused: nothing is written.
      rmSync(path.join(repo.dir, 'build'), { recursive: true });
      repo.write('notes.txt', 'untracked\n');
      expect(runBlock(repo, block).code).toBe(1);
      expect(existsSync(path.join(repo.dir, 'build'))).toBe(false);
    },
  },
];

describe('README sh blocks', () => {
  beforeAll(() => {
    packedInstall();
  }, 180_000);

  const sh = BLOCKS.filter((b) => b.lang === 'sh');

  it('every sh block runs in this test or is marked illustrative', () => {
    const unmarked = sh.filter((b) => b.before !== ILLUSTRATIVE && !RUN.some((r) => b.text.startsWith(r.starts)));
    expect(unmarked.map((b) => `README.md:${b.line}: ${b.text.split('\n')[0]}`)).toEqual([]);
    expect(sh.filter((b) => b.before === ILLUSTRATIVE).length).toBeGreaterThan(0);
  });

  it.each(RUN.map((r) => [r.starts, r] as const))('runs: %s', (starts, ran) => {
    const found = sh.filter((b) => b.text.startsWith(starts));
    expect(found, `one README sh block starts with ${starts}`).toHaveLength(1);
    const block = found[0]!;
    expect(block.before, `README.md:${block.line} runs in this test: not illustrative`).not.toBe(ILLUSTRATIVE);
    ran.run(block.text);
  });
});

// ---------------------------------------------------------------------------------------------
// Transcripts: "$ command" lines and the output under them

/** Commit ids and configuration paths differ from run to run; the rest must be the same. */
function normalise(text: string): string {
  return text
    .replace(/\/\S*\/\.stampguardrc\.json/g, '<config>')
    .replace(/[0-9a-f]{7,40}/g, '<id>')
    .trimEnd();
}

interface Transcript {
  line: number;
  steps: { command: string; output: string }[];
}

function transcripts(): Transcript[] {
  return BLOCKS.filter((b) => b.lang === '' && b.text.startsWith('$ ')).map((b) => {
    const steps: { command: string; output: string }[] = [];
    for (const line of b.text.trimEnd().split('\n')) {
      if (line.startsWith('$ ')) steps.push({ command: line.slice(2), output: '' });
      else steps.at(-1)!.output += `${line}\n`;
    }
    return { line: b.line, steps };
  });
}

/** The situation each transcript was taken in, by its first command and a line of its output. */
const SITUATIONS: { command: string; output: string; repo: () => Repo; env?: NodeJS.ProcessEnv }[] = [
  { command: 'npx stampguard check', output: 'release check refused (5 errors)', repo: incidentRepo },
  { command: 'npx stampguard check', output: 'release check passed', repo: () => releasedRepo() },
  {
    command: 'npx stampguard check --allow untracked-files',
    output: 'ALLOWED',
    repo: () => {
      const starter = {
        $schema: './node_modules/stampguard/schema/stampguard.schema.json',
        tagPrefix: 'v',
        untracked: 'error',
      };
      const repo = releasedRepo({ '.stampguardrc.json': `${JSON.stringify(starter, null, 2)}\n` });
      repo.write('notes.txt', '');
      return repo;
    },
  },
  {
    command: 'npx stampguard check',
    output: 'untracked: expected one of error, warning, ignore',
    repo: () => releasedRepo({ '.stampguardrc.json': '{ "untracked": "sometimes" }\n' }),
  },
  { command: 'npx stampguard gates --at 1.35', output: 'locked', repo: () => gatesRepo('NodeSwap=false') },
  {
    command: 'stampguard stamp --format env',
    output: 'VERSION=1.4.0',
    repo: () => releasedRepo(),
    env: { SOURCE_DATE_EPOCH: '1700000000' },
  },
];

describe('README transcripts are what stampguard prints', () => {
  const all = transcripts();

  it('each transcript has its situation here, and each situation its transcript', () => {
    const matched = all.map((t) => SITUATIONS.filter((s) => matches(t, s)).length);
    expect(matched.map((n, i) => `README.md:${all[i]!.line}: ${n} situations`)).toEqual(
      all.map((t) => `README.md:${t.line}: 1 situations`),
    );
    for (const s of SITUATIONS)
      expect(
        all.filter((t) => matches(t, s)),
        s.command,
      ).toHaveLength(1);
  });

  it.each(all.map((t) => [`README.md:${t.line}: $ ${t.steps[0]!.command}`, t] as const))('%s', (_name, t) => {
    const situation = SITUATIONS.find((s) => matches(t, s))!;
    const repo = situation.repo();
    for (const step of t.steps) {
      const args = step.command.replace(/^npx /, '').split(' ');
      expect(args[0]).toBe('stampguard');
      const r = runCli(args.slice(1), { cwd: repo.dir, ...(situation.env && { env: situation.env }) });
      expect(normalise(r.stdout + r.stderr), step.command).toBe(normalise(step.output));
    }
  });
});

function matches(t: Transcript, s: (typeof SITUATIONS)[number]): boolean {
  return t.steps[0]!.command === s.command && t.steps[0]!.output.includes(s.output);
}

// ---------------------------------------------------------------------------------------------
// JSON

describe('README json blocks', () => {
  const json = BLOCKS.filter((b) => b.lang === 'json' || b.lang === 'jsonc');

  it('every ```json block is JSON (no comments: those go in ```jsonc)', () => {
    const bad = json
      .filter((b) => b.lang === 'json')
      .flatMap((b) => {
        try {
          JSON.parse(b.text);
          return [];
        } catch (error) {
          return [`README.md:${b.line}: ${(error as Error).message}`];
        }
      });
    expect(bad).toEqual([]);
  });

  it('every configuration in them passes the validator (json strictly, jsonc with its comments)', async () => {
    const { resolveConfig, FIELDS } = await fromDist<typeof import('../src/config.js')>('config.js');
    const { blankComments } = await fromDist<typeof import('../src/config/parse.js')>('config/parse.js');
    const fields = new Set(['$schema', ...Object.keys(FIELDS)]);
    let validated = 0;
    for (const b of json) {
      const value = JSON.parse(b.lang === 'jsonc' ? blankComments(b.text) : b.text) as Record<string, unknown>;
      const config =
        'stampguard' in value ? value.stampguard : Object.keys(value).some((k) => fields.has(k)) ? value : null;
      if (config === null) continue;
      const specs = (config as { gates?: { specs?: unknown } }).gates?.specs;
      const where = folderWithSpecs(typeof specs === 'string' ? specs : null);
      expect(
        () => resolveConfig(config, path.join(where, '.stampguardrc.json'), where),
        `README.md:${b.line}`,
      ).not.toThrow();
      validated++;
    }
    expect(validated).toBeGreaterThanOrEqual(5);
  });
});

/** A folder holding the spec file a configuration names (Kubernetes' real list for YAML). */
function folderWithSpecs(relative: string | null): string {
  const dir = tempDir('stampguard-readme-');
  if (relative === null) return dir;
  const file = path.resolve(dir, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  if (/\.ya?ml$/.test(file)) copyFileSync(K8S_LIST, file);
  else writeFileSync(file, JSON.stringify({ NodeSwap: [{ version: '1.22', stage: 'alpha', default: false }] }));
  return dir;
}

// ---------------------------------------------------------------------------------------------
// Links, codes, options

describe('README links', () => {
  const slugs = new Set(headings(README).map((h) => h.slug));
  const targets = linkTargets(README);

  it('every #anchor is a heading', () => {
    const anchors = targets.filter((t) => t.startsWith('#'));
    expect(anchors.length).toBeGreaterThan(40);
    expect(anchors.filter((a) => !slugs.has(a.slice(1)))).toEqual([]);
  });

  it('every relative link is a file or folder of the repository (and its #anchor a heading there)', () => {
    const relative = targets.filter((t) => !t.startsWith('#') && !/^[a-z]+:/i.test(t));
    expect(relative.length).toBeGreaterThan(5);
    const broken = relative.filter((target) => {
      const [file, anchor] = target.split('#') as [string, string | undefined];
      const full = path.join(PROJECT_ROOT, file);
      if (!existsSync(full)) return true;
      if (anchor === undefined) return false;
      return !headings(readFileSync(full, 'utf8')).some((h) => h.slug === anchor);
    });
    expect(broken).toEqual([]);
  });

  it('the contents list every section', () => {
    const contents = section(README, 'Contents');
    const missing = headings(README)
      .filter((h) => h.level === 2 && h.text !== 'Contents')
      .filter((h) => !contents.includes(`](#${h.slug})`));
    expect(missing.map((h) => h.text)).toEqual([]);
  });
});

/** The options a command's help offers: in its usage lines and its option lines (not in its prose). */
function optionsOf(help: string): Set<string> {
  const lines = help.split('\n').filter((line) => /^(Usage:|\s+stampguard |\s+--)/.test(line));
  return new Set(lines.flatMap((line) => line.match(/--[a-z][a-z-]*/g) ?? []));
}

describe('README reference', () => {
  it('names every finding code', async () => {
    const { CODES } = await fromDist<typeof import('../src/codes.js')>('codes.js');
    expect(Object.keys(CODES).filter((code) => !README.includes(`\`${code}\``))).toEqual([]);
  });

  it('the Commands section has every command and every option its --help prints', async () => {
    const { COMMANDS, helpText } = await fromDist<typeof import('../src/cli/index.js')>('cli/index.js');
    const commands = section(README, 'Commands');
    const missing: string[] = [];
    for (const command of COMMANDS) {
      if (!commands.includes(`stampguard ${command.name}`)) missing.push(command.name);
      for (const option of optionsOf(command.help))
        if (!commands.includes(`\`${option}`)) missing.push(`${command.name} ${option}`);
    }
    for (const option of new Set(helpText().match(/--[a-z][a-z-]*/g) ?? []))
      if (!commands.includes(option)) missing.push(`stampguard ${option}`);
    expect(missing).toEqual([]);
    expect(COMMANDS.length).toBe(10);
  });

  it('that --help is what each command prints', async () => {
    const { COMMANDS } = await fromDist<typeof import('../src/cli/index.js')>('cli/index.js');
    for (const command of COMMANDS) {
      const r = runCli([command.name, '--help'], { cwd: PROJECT_ROOT });
      expect(r.stdout, command.name).toBe(command.help);
      expect(r.code).toBe(0);
    }
  });
});
