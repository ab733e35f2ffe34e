// `stampguard init`, `stampguard install-hooks` and `stampguard doctor`: wiring the guard into a
// repository through husky. init and install-hooks are the only commands that write, and they
// write only the files listed here; every write keeps the user's own content.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { MODULE_NAME, SEARCH_PLACES } from '../config.js';
import { GitError } from '../errors.js';
import { locateRepo } from '../git/repo.js';
import { runGit } from '../git/run.js';
import { PREFILTER_MARKER, prefilterScript } from './prefilter.js';

export const HOOK_LINES = {
  'pre-commit': 'stampguard hook pre-commit',
  'pre-push': 'stampguard hook pre-push "$@"',
} as const;

export const INSTALL_HOOKS = 'stampguard install-hooks';
const STARTER_CONFIG = '.stampguardrc.json';

export interface Action {
  /** What was (or, with --dry-run, would be) done, for people. */
  description: string;
  file: string;
  /** The new content; null for actions that are not file writes (running husky). */
  content: string | null;
  mode?: number;
}

export interface InitResult {
  /** 0 done (or nothing to do), 2 could not run. */
  code: number;
  actions: Action[];
  notes: string[];
}

/** A hook file with our line added after the user's lines, or unchanged when it is there. */
export function withHookLine(existing: string | null, line: string): string {
  if (existing === null) return `${line}\n`;
  if (existing.split(/\r?\n/).some((l) => l.trim() === line)) return existing;
  const body = existing === '' || existing.endsWith('\n') ? existing : `${existing}\n`;
  return `${body}${line}\n`;
}

/** The prepare script with husky and install-hooks in it, keeping what was there. */
export function withPrepare(existing: string | undefined): string {
  if (!existing || existing.trim() === '') return `husky && ${INSTALL_HOOKS}`;
  let script = existing.trim();
  if (!/(^|[\s;&|(])husky(\s|$|&|;|\|)/.test(script)) script = `${script} && husky`;
  if (!script.includes(INSTALL_HOOKS)) script = `${script} && ${INSTALL_HOOKS}`;
  return script;
}

/** package.json with scripts.prepare set, formatted as the file was (indent, final newline). */
export function withPackagePrepare(text: string): { text: string; prepare: string; changed: boolean } {
  const pkg = JSON.parse(text) as { scripts?: Record<string, string> };
  if (pkg === null || typeof pkg !== 'object' || Array.isArray(pkg))
    throw new Error('package.json does not hold an object');
  const before = pkg.scripts?.prepare;
  const prepare = withPrepare(before);
  if (prepare === before) return { text, prepare, changed: false };
  pkg.scripts = { ...(pkg.scripts ?? {}), prepare };
  const indent = /^\{\r?\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let out = JSON.stringify(pkg, null, indent);
  if (eol !== '\n') out = out.replace(/\n/g, eol);
  return { text: text.endsWith('\n') ? out + eol : out, prepare, changed: true };
}

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** Writes through a temporary file and a rename, so an interrupted write never leaves half a file. */
function writeAtomic(file: string, content: string, mode?: number): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.stampguard-${process.pid}.tmp`;
  writeFileSync(tmp, content, mode === undefined ? undefined : { mode });
  if (mode !== undefined) chmodSync(tmp, mode);
  renameSync(tmp, file);
}

/** Hook scripts in .git/hooks that git runs today (git's *.sample files are not hooks). */
function activeGitHooks(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => !name.endsWith('.sample') && !name.startsWith('.'));
  } catch {
    return [];
  }
}

function huskyBin(root: string): string | null {
  for (const base of [path.join(root, 'package.json'), import.meta.url]) {
    try {
      const index = createRequire(base).resolve('husky');
      return path.join(path.dirname(index), 'bin.js');
    } catch {
      // try the next place
    }
  }
  return null;
}

export interface InitOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  dryRun: boolean;
}

export async function init(options: InitOptions): Promise<InitResult> {
  const notes: string[] = [];
  if (options.env.HUSKY === '0') {
    return {
      code: 0,
      actions: [],
      notes: ['HUSKY=0 is set: hooks are not installed (husky skips installs the same way).'],
    };
  }
  let root: string;
  let gitDir: string;
  try {
    ({ root, gitDir } = await locateRepo(options.cwd));
  } catch (error) {
    if (error instanceof GitError) {
      return {
        code: 2,
        actions: [],
        notes: [
          `${error.message}. stampguard init wires git hooks, so it needs a git repository: run git init first, or run it in your clone.`,
        ],
      };
    }
    throw error;
  }
  const pkgFile = path.join(root, 'package.json');
  const pkgText = readOrNull(pkgFile);
  if (pkgText === null) {
    return {
      code: 2,
      actions: [],
      notes: [
        `${root} has no package.json. stampguard init installs its hooks through husky, which runs from the npm package at the repository root; run npm init there first, or call "stampguard check" from your own release scripts instead.`,
      ],
    };
  }
  let pkg: { devDependencies?: Record<string, string>; dependencies?: Record<string, string> };
  let prepare: ReturnType<typeof withPackagePrepare>;
  try {
    pkg = JSON.parse(pkgText) as typeof pkg;
    prepare = withPackagePrepare(pkgText);
  } catch (error) {
    return {
      code: 2,
      actions: [],
      notes: [`${pkgFile} is not valid JSON (${(error as Error).message}); fix it first. Nothing was changed.`],
    };
  }

  const actions: Action[] = [];
  const hooksPath = (await runGit(root, ['config', '--get', 'core.hooksPath'])).stdout.trim();
  // husky sets core.hooksPath: another hooks folder in use would silently stop running.
  if (hooksPath !== '' && hooksPath !== '.husky/_' && hooksPath !== '.husky') {
    return {
      code: 2,
      actions: [],
      notes: [
        `core.hooksPath is "${hooksPath}": the hooks there would stop running once husky sets it to .husky/_. Move them into .husky/ (one file per hook) and unset it (git config --unset core.hooksPath), then run stampguard init again. Nothing was changed.`,
      ],
    };
  }
  const active = activeGitHooks(path.join(gitDir, 'hooks'));
  if (active.length && hooksPath === '') {
    notes.push(
      `.git/hooks has hooks that stop running once husky sets core.hooksPath: ${active.join(', ')}. Move what they do into .husky/<hook> files.`,
    );
  }
  if (hooksPath !== '.husky/_' || !existsSync(path.join(root, '.husky', '_', 'h'))) {
    actions.push({
      description: 'run husky (sets core.hooksPath to .husky/_ and writes its hook wrappers)',
      file: '.husky/_',
      content: null,
    });
  }
  if (prepare.changed) {
    actions.push({
      description: `set the prepare script to "${prepare.prepare}"`,
      file: 'package.json',
      content: prepare.text,
    });
  }
  for (const [hook, line] of Object.entries(HOOK_LINES)) {
    const file = path.join(root, '.husky', hook);
    const before = readOrNull(file);
    const after = withHookLine(before, line);
    if (after !== before)
      actions.push({
        description: `${before === null ? 'create' : 'add a line to'} .husky/${hook}: ${line}`,
        file: `.husky/${hook}`,
        content: after,
      });
  }
  const prefilter = prefilterScript();
  const prefilterFile = path.join(root, '.husky', '_', 'reference-transaction');
  if (readOrNull(prefilterFile) !== prefilter) {
    actions.push({
      description: 'install the reference-transaction pre-filter (blocks bad local tags)',
      file: '.husky/_/reference-transaction',
      content: prefilter,
      mode: 0o755,
    });
  }
  const hasConfig =
    Boolean((pkg as Record<string, unknown>)[MODULE_NAME]) ||
    SEARCH_PLACES.slice(1).some((p) => existsSync(path.join(root, p)));
  if (!hasConfig) {
    const starter = `${JSON.stringify(
      { $schema: './node_modules/stampguard/schema/stampguard.schema.json', tagPrefix: 'v', untracked: 'error' },
      null,
      2,
    )}\n`;
    actions.push({
      description: `write a starter configuration ${STARTER_CONFIG}`,
      file: STARTER_CONFIG,
      content: starter,
    });
  }
  if (!pkg.devDependencies?.husky && !pkg.dependencies?.husky) {
    notes.push(
      'husky is not in your devDependencies; add it so the prepare script finds it on every install: npm install --save-dev husky',
    );
  }

  if (options.dryRun) return { code: 0, actions, notes: ['--dry-run: nothing was written.', ...notes] };

  for (const action of actions) {
    if (action.content === null) {
      const bin = huskyBin(root);
      if (!bin)
        return { code: 2, actions: [], notes: ['husky cannot be found; install it: npm install --save-dev husky'] };
      const run = spawnSync(process.execPath, [bin], { cwd: root, env: options.env, encoding: 'utf8' });
      const said = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim();
      if (run.status !== 0 || said !== '')
        return { code: 2, actions: [], notes: [`husky did not install the hooks: ${said || `exit ${run.status}`}`] };
      continue;
    }
    writeAtomic(path.join(root, action.file), action.content, action.mode);
  }
  notes.push('Commit .husky/, package.json and the configuration so everyone who runs npm install gets the hooks.');
  return { code: 0, actions, notes };
}

/**
 * What the prepare script runs after husky: re-creates the pre-filter, which lives in husky's
 * git-ignored folder and so is gone after a fresh clone, `git clean -X` or in a new worktree.
 * Never fails an npm install: problems are reported and the exit code stays 0.
 */
export async function installHooks(options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<string> {
  if (options.env.HUSKY === '0' || options.env.STAMPGUARD === '0') return '';
  let root: string;
  try {
    root = (await locateRepo(options.cwd)).root;
  } catch {
    return 'stampguard: not in a git repository; hooks not installed\n';
  }
  const hooksDir = path.join(root, '.husky', '_');
  if (!existsSync(hooksDir))
    return 'stampguard: .husky/_ is missing (run husky first: "husky && stampguard install-hooks"); reference-transaction hook not installed\n';
  const file = path.join(hooksDir, 'reference-transaction');
  const script = prefilterScript();
  if (readOrNull(file) !== script) writeAtomic(file, script, 0o755);
  return '';
}

export interface DoctorCheck {
  ok: boolean;
  what: string;
  fix?: string;
}

/** Are the hooks armed in this working tree? Reads only. */
export async function doctor(options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<DoctorCheck[]> {
  const location = await locateRepo(options.cwd);
  const root = location.root;
  const checks: DoctorCheck[] = [];
  const hooksPath = (await runGit(root, ['config', '--get', 'core.hooksPath'])).stdout.trim();
  checks.push(
    hooksPath === '.husky/_'
      ? { ok: true, what: 'core.hooksPath is .husky/_ (husky)' }
      : {
          ok: false,
          what: `core.hooksPath is ${hooksPath ? `"${hooksPath}"` : 'not set'}, so husky's hooks do not run`,
          fix: 'npm install (runs the prepare script), or npx stampguard init',
        },
  );
  const wrappers = ['pre-commit', 'pre-push'].filter((h) => !existsSync(path.join(root, '.husky', '_', h)));
  checks.push(
    wrappers.length === 0
      ? { ok: true, what: "husky's wrappers for pre-commit and pre-push exist" }
      : {
          ok: false,
          what: `husky's generated folder lacks ${wrappers.join(', ')} (a fresh clone, a new worktree or git clean -X removes it)`,
          fix: 'npm install, or npx husky && npx stampguard install-hooks',
        },
  );
  const prefilter = readOrNull(path.join(root, '.husky', '_', 'reference-transaction'));
  checks.push(
    prefilter === prefilterScript()
      ? { ok: true, what: 'the reference-transaction pre-filter is installed and current' }
      : {
          ok: false,
          what:
            prefilter === null
              ? 'the reference-transaction pre-filter is missing: git tag is not guarded'
              : prefilter.includes(PREFILTER_MARKER)
                ? 'the reference-transaction pre-filter is outdated'
                : ".husky/_/reference-transaction is not stampguard's",
          fix: 'npx stampguard install-hooks',
        },
  );
  for (const [hook, line] of Object.entries(HOOK_LINES)) {
    const content = readOrNull(path.join(root, '.husky', hook));
    checks.push(
      content !== null && withHookLine(content, line) === content
        ? { ok: true, what: `.husky/${hook} runs ${line}` }
        : { ok: false, what: `.husky/${hook} does not run ${line}`, fix: 'npx stampguard init' },
    );
  }
  if (!existsSync(path.join(root, 'node_modules', '.bin', 'stampguard'))) {
    checks.push({
      ok: false,
      what: 'node_modules/.bin/stampguard is missing, so the hooks cannot start the guard',
      fix: 'npm install',
    });
  }
  if (options.env.HUSKY === '0')
    checks.push({ ok: false, what: 'HUSKY=0 is set in this environment: husky skips every hook', fix: 'unset HUSKY' });
  if (options.env.STAMPGUARD === '0')
    checks.push({
      ok: false,
      what: 'STAMPGUARD=0 is set in this environment: every stampguard hook is skipped',
      fix: 'unset STAMPGUARD',
    });
  return checks;
}
