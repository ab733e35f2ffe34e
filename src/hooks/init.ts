// `stampguard init` and `stampguard install-hooks`: wiring the guard into a repository through
// husky. They are the only commands (with uninstall) that write, and they write only the files
// listed in their actions; every write keeps the user's content and the file's mode.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { MODULE_NAME, SEARCH_PLACES } from '../config.js';
import { GitError } from '../errors.js';
import { locateRepo } from '../git/repo.js';
import { runGit } from '../git/run.js';
import { IGNORE_BLOCK, type IgnoreRule, ignoredPaths, withAllowList } from './ignored.js';
import { generatedFiles, installedPackageDir, isInside, readOrNull } from './install.js';
import { hookLine, USER_HOOKS, withHookLine } from './lines.js';
import { findOtherManagers } from './managers.js';
import {
  detectManager,
  editScripts,
  type PackageManager,
  PREPUBLISH_SEGMENT,
  PREVERSION_SEGMENT,
  withGuard,
  withInstallScript,
} from './project.js';

export const STARTER_CONFIG = '.stampguardrc.json';
export const STARTER_CONFIG_TEXT = `${JSON.stringify(
  { $schema: './node_modules/stampguard/schema/stampguard.schema.json', tagPrefix: 'v', untracked: 'error' },
  null,
  2,
)}\n`;
export const HUSKY_DIR = '.husky';
export const HUSKY_HOOKS = '.husky/_';

export interface Action {
  /** What was (or, with --dry-run, would be) done, for people. */
  description: string;
  /** Relative to the repository root. */
  file: string;
  /** The new content; null for actions that are not file writes (running husky). */
  content: string | null;
  /** The mode for a new file; an existing file keeps its own. */
  mode?: number;
}

export interface InitResult {
  /** 0 done (or nothing to do), 2 could not run (or could not finish). */
  code: number;
  actions: Action[];
  notes: string[];
}

/** Writes through a temporary file and a rename, so an interrupted write never leaves half a file; keeps the mode. */
export function writeAtomic(file: string, content: string, mode?: number): void {
  mkdirSync(path.dirname(file), { recursive: true });
  let keep: number | undefined;
  try {
    keep = statSync(file).mode & 0o7777;
  } catch {
    keep = mode;
  }
  const tmp = `${file}.stampguard-${process.pid}.tmp`;
  writeFileSync(tmp, content);
  if (keep !== undefined) chmodSync(tmp, keep);
  renameSync(tmp, file);
}

export function huskyBin(root: string): string | null {
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
  /** Add the npm lifecycle guards (preversion, prepublishOnly); --no-scripts turns this off. */
  scripts: boolean;
}

interface Project {
  root: string;
  commonDir: string;
  pkgFile: string;
  pkgText: string;
  pkg: Record<string, unknown> & {
    scripts?: Record<string, string>;
    devDependencies?: Record<string, string>;
    dependencies?: Record<string, string>;
  };
  manager: PackageManager;
}

/** The repository and its root package.json, or the reason init cannot run there. */
async function openProject(cwd: string, env: NodeJS.ProcessEnv): Promise<Project | InitResult> {
  let root: string;
  let commonDir: string;
  try {
    ({ root, commonDir } = await locateRepo(cwd));
  } catch (error) {
    if (error instanceof GitError) {
      return fail(
        `${error.message}. stampguard wires git hooks, so it needs a git repository: run git init first, or run it in your clone.`,
      );
    }
    throw error;
  }
  const pkgFile = path.join(root, 'package.json');
  const pkgText = readOrNull(pkgFile);
  if (pkgText === null) {
    return fail(
      `${root} has no package.json. stampguard installs its hooks through husky, which runs from the npm package at the repository root; run npm init there first, or call "stampguard check" from your own release scripts instead.`,
    );
  }
  let pkg: Project['pkg'];
  try {
    pkg = JSON.parse(pkgText) as Project['pkg'];
    if (pkg === null || typeof pkg !== 'object' || Array.isArray(pkg)) throw new Error('it does not hold an object');
  } catch (error) {
    return fail(`${pkgFile} is not valid JSON (${(error as Error).message}); fix it first. Nothing was changed.`);
  }
  return { root, commonDir, pkgFile, pkgText, pkg, manager: detectManager(root, pkg, env) };
}

function fail(note: string): InitResult {
  return { code: 2, actions: [], notes: [note] };
}

async function gitConfig(root: string, key: string): Promise<string> {
  return (await runGit(root, ['config', '--get', key])).stdout.trim();
}

export async function init(options: InitOptions): Promise<InitResult> {
  if (options.env.HUSKY === '0') {
    return {
      code: 0,
      actions: [],
      notes: ['HUSKY=0 is set: hooks are not installed (husky skips installs the same way).'],
    };
  }
  const project = await openProject(options.cwd, options.env);
  if ('code' in project) return project;
  const { root, pkg, manager } = project;
  const notes: string[] = [];

  const hooksPath = await gitConfig(root, 'core.hooksPath');
  const others = findOtherManagers(root, pkg, hooksPath);
  if (others.refusal) return fail(others.refusal);
  // husky sets core.hooksPath: another hooks folder in use would silently stop running.
  if (hooksPath !== '' && hooksPath !== HUSKY_HOOKS && hooksPath !== HUSKY_DIR) {
    return fail(
      `core.hooksPath is "${hooksPath}": the hooks there would stop running once husky sets it to ${HUSKY_HOOKS}. Move them into ${HUSKY_DIR}/ (one file per hook) and unset it (git config --unset core.hooksPath), then run stampguard init again. Nothing was changed.`,
    );
  }
  if (hooksPath === '' && others.gitHooks.length) {
    return fail(
      `.git/hooks has hooks that would stop running once husky sets core.hooksPath: ${others.gitHooks.join(', ')}. Move what they do into ${HUSKY_DIR}/<hook> files (husky runs those) and delete them from .git/hooks, then run stampguard init again. Nothing was changed.`,
    );
  }

  const actions: Action[] = [];
  if (hooksPath !== HUSKY_HOOKS || !existsSync(path.join(root, HUSKY_HOOKS, 'h'))) {
    actions.push({
      description: `run husky (sets core.hooksPath to ${HUSKY_HOOKS} and writes its hook wrappers)`,
      file: HUSKY_HOOKS,
      content: null,
    });
  }
  const installed = installedPackageDir(root);
  const scripts = editScripts(project.pkgText, (s) => ({
    [manager.lifecycle]: withInstallScript(s[manager.lifecycle], true),
    ...(options.scripts && {
      preversion: withGuard(s.preversion, PREVERSION_SEGMENT),
      prepublishOnly: withGuard(s.prepublishOnly, PREPUBLISH_SEGMENT),
    }),
  }));
  if (scripts.changed) {
    actions.push({
      description: `set ${Object.entries(scripts.scripts)
        .map(([name, value]) => `scripts.${name} to "${value}"`)
        .join(', ')} in package.json`,
      file: 'package.json',
      content: scripts.text,
    });
  }
  for (const hook of USER_HOOKS) {
    const file = `${HUSKY_DIR}/${hook}`;
    const before = readOrNull(path.join(root, file));
    const line = hookLine(hook, HUSKY_HOOKS, manager.install);
    const after = withHookLine(before, line, hook);
    if (after !== before)
      actions.push({
        description: `${before === null ? 'create' : 'add stampguard to'} ${file}`,
        file,
        content: after,
      });
  }
  const hasConfig =
    Object.hasOwn(pkg, MODULE_NAME) || SEARCH_PLACES.slice(1).some((p) => existsSync(path.join(root, p)));
  if (!hasConfig) {
    actions.push({
      description: `write a starter configuration ${STARTER_CONFIG}`,
      file: STARTER_CONFIG,
      content: STARTER_CONFIG_TEXT,
    });
  }

  // Files that must be committed must not be ignored (npm's template-oss .gitignore starts with "/*").
  const committed = [`${HUSKY_DIR}/pre-commit`, `${HUSKY_DIR}/pre-push`, 'package.json'];
  if (!hasConfig) committed.push(STARTER_CONFIG);
  const ignored = await ignoredPaths(root, committed);
  if (ignored.length) {
    const gitignore = path.join(root, '.gitignore');
    const fixed = withAllowList(readOrNull(gitignore), ignored);
    if (fixed !== null) {
      actions.push({
        description: `allow ${ignored.map((i) => i.path).join(', ')} in .gitignore (ignored by ${describeRules(ignored)})`,
        file: '.gitignore',
        content: fixed,
      });
    }
  }

  if (!pkg.devDependencies?.husky && !pkg.dependencies?.husky) {
    notes.push(
      `husky is not in your devDependencies; add it so the ${manager.lifecycle} script finds it on every install: ${addDev(manager, 'husky')}`,
    );
  }
  if (!installed || (!isInside(installed, root) && !installed.includes('.zip'))) {
    notes.push(
      `stampguard itself is not installed in this project, so the hooks will say "not installed": ${addDev(manager, 'stampguard')}`,
    );
  }

  if (options.dryRun) {
    actions.push({
      description: `write stampguard's hook scripts into ${HUSKY_HOOKS}/ (reference-transaction, stampguard.sh)`,
      file: HUSKY_HOOKS,
      content: null,
    });
    return { code: 0, actions, notes: ['--dry-run: nothing was written.', ...notes] };
  }

  for (const action of actions) {
    if (action.content === null) {
      const said = runHusky(root, options.env);
      if (said !== null) return { code: 2, actions: [], notes: [said] };
      continue;
    }
    writeAtomic(path.join(root, action.file), action.content, action.mode);
  }
  const generated = await writeGenerated(root, manager, options.env);
  actions.push(...generated.actions);
  notes.push(...generated.notes);

  const still = await ignoredPaths(root, committed);
  if (still.length) {
    return {
      code: 2,
      actions,
      notes: [
        ...notes,
        `${still.map((i) => i.path).join(', ')} ${still.length === 1 ? 'is' : 'are'} still ignored by git (${describeRules(still)}), so other clones would get neither the hooks nor the configuration. Allow them in that file, or commit them with git add -f, then run stampguard doctor.`,
      ],
    };
  }
  const toAdd = [
    HUSKY_DIR,
    'package.json',
    ...(hasConfig ? [] : [STARTER_CONFIG]),
    ...(ignored.length ? ['.gitignore'] : []),
  ];
  notes.push(
    `Commit ${toAdd.join(', ')} so everyone who runs ${manager.install} gets the hooks: git add ${toAdd.join(' ')}`,
  );
  return { code: 0, actions, notes };
}

function describeRules(rules: readonly IgnoreRule[]): string {
  return [...new Set(rules.map((r) => `${r.source}:${r.line} "${r.pattern}"`))].join(', ');
}

function addDev(manager: PackageManager, name: string): string {
  return {
    npm: `npm install --save-dev ${name}`,
    pnpm: `pnpm add --save-dev ${name}`,
    yarn: `yarn add --dev ${name}`,
    'yarn-berry': `yarn add --dev ${name}`,
  }[manager.name];
}

/** Runs husky's installer; null when it worked, else what it said. */
function runHusky(root: string, env: NodeJS.ProcessEnv): string | null {
  const bin = huskyBin(root);
  if (!bin) return 'husky cannot be found; install it: npm install --save-dev husky';
  const run = spawnSync(process.execPath, [bin], { cwd: root, env, encoding: 'utf8' });
  const said = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim();
  if (run.status !== 0 || said !== '') return `husky did not install the hooks: ${said || `exit ${run.status}`}`;
  return null;
}

/** Writes the generated scripts into husky's folder; what changed, and problems worth a note. */
async function writeGenerated(
  root: string,
  manager: PackageManager,
  env: NodeJS.ProcessEnv,
): Promise<{ actions: Action[]; notes: string[] }> {
  const hooksDir = path.join(root, HUSKY_HOOKS);
  const { files, problems } = await generatedFiles({ root, hooksDir, manager, env, node: process.execPath });
  const actions: Action[] = [];
  for (const f of files) {
    if (readOrNull(f.file) === f.content) continue;
    writeAtomic(f.file, f.content, f.mode);
    // A rewritten file keeps its mode in writeAtomic; these must be executable whatever they were.
    chmodSync(f.file, f.mode);
    actions.push({
      description: `write ${path.relative(root, f.file).split(path.sep).join('/')}`,
      file: f.file,
      content: f.content,
    });
  }
  const notes = problems.map(
    (p) => `a configuration could not be read (${p}), so every commit runs the full check until it is fixed`,
  );
  return { actions, notes };
}

/**
 * What the install script runs after husky: re-creates the generated scripts, which live in husky's
 * git-ignored folder and so are gone after a fresh clone, `git clean -X` or in a new worktree, and
 * which record the configuration's version files. Never fails an install: problems are reported
 * and the exit code stays 0.
 */
export async function installHooks(options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<string> {
  if (options.env.HUSKY === '0' || options.env.STAMPGUARD === '0') return '';
  let root: string;
  try {
    root = (await locateRepo(options.cwd)).root;
  } catch {
    return 'stampguard: not in a git repository; hooks not installed\n';
  }
  if (!existsSync(path.join(root, HUSKY_HOOKS))) {
    return `stampguard: ${HUSKY_HOOKS} is missing (husky runs first: "husky && stampguard install-hooks"); stampguard's hook scripts not installed\n`;
  }
  let pkg: Record<string, unknown> = {};
  try {
    pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    // the package manager reports a broken package.json itself
  }
  try {
    const { notes } = await writeGenerated(root, detectManager(root, pkg, options.env), options.env);
    return notes.map((n) => `stampguard: ${n}\n`).join('');
  } catch (error) {
    return `stampguard: could not write the hook scripts: ${error instanceof Error ? error.message : String(error)}\n`;
  }
}

export { IGNORE_BLOCK };
