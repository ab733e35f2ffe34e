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
import {
  findOtherManagers,
  GIT_HOOKS_DIR,
  type ManagerKind,
  type OtherManagers,
  SIMPLE_PREFILTER,
  SIMPLE_RT_COMMAND,
  withLefthook,
  withPreCommit,
  withSimpleGitHooks,
} from './managers.js';
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

/** Where stampguard's generated scripts live and who runs them. */
export interface Layout {
  kind: 'husky' | ManagerKind;
  /** The folder git runs hooks from (absolute): the generated scripts go there. */
  hooksDir: string;
  /** The pre-filter's file name there. */
  prefilter: string;
  /** The other manager's configuration file, relative to the root. */
  config: string | null;
}

/** The layout of this repository: husky's, or the hook manager already in charge. */
export function layoutOf(
  root: string,
  commonDir: string,
  pkg: Record<string, unknown>,
  hooksPath: string,
): Layout & { others: OtherManagers } {
  const gitHooksDir = hooksPath ? path.resolve(root, hooksPath) : path.join(commonDir, 'hooks');
  const others = findOtherManagers(root, pkg, gitHooksDir);
  if (hooksPath === HUSKY_HOOKS || hooksPath === HUSKY_DIR || others.kind === null) {
    return {
      kind: 'husky',
      hooksDir: path.join(root, HUSKY_HOOKS),
      prefilter: 'reference-transaction',
      config: null,
      others,
    };
  }
  return {
    kind: others.kind,
    hooksDir: gitHooksDir,
    prefilter: others.kind === 'simple-git-hooks' ? SIMPLE_PREFILTER : 'reference-transaction',
    config: others.config,
    others,
  };
}

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
  const workspaces = Object.hasOwn(pkg, 'workspaces') || existsSync(path.join(root, 'pnpm-workspace.yaml'));
  if (path.resolve(options.cwd) !== root || workspaces) {
    notes.push(
      `installed at the ${workspaces ? 'workspace' : 'repository'} root ${root}: one set of hooks serves every package`,
    );
  }

  const hooksPath = await gitConfig(root, 'core.hooksPath');
  const layout = layoutOf(root, project.commonDir, pkg, hooksPath);
  if (layout.others.refusal) return fail(layout.others.refusal);
  if (layout.kind !== 'husky') return initOther(project, layout, options);
  // husky sets core.hooksPath: another hooks folder in use would silently stop running.
  if (hooksPath !== '' && hooksPath !== HUSKY_HOOKS && hooksPath !== HUSKY_DIR) {
    return fail(
      `core.hooksPath is "${hooksPath}": the hooks there would stop running once husky sets it to ${HUSKY_HOOKS}. Move them into ${HUSKY_DIR}/ (one file per hook) and unset it (git config --unset core.hooksPath), then run stampguard init again. Nothing was changed.`,
    );
  }
  if (hooksPath === '' && layout.others.gitHooks.length) {
    return fail(
      `.git/hooks has hooks that would stop running once husky sets core.hooksPath: ${layout.others.gitHooks.join(', ')}. Move what they do into ${HUSKY_DIR}/<hook> files (husky runs those) and delete them from .git/hooks, then run stampguard init again. Nothing was changed.`,
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
  const generated = await writeGenerated(root, manager, options.env, {
    hooksDir: path.join(root, HUSKY_HOOKS),
    prefilter: 'reference-transaction',
  });
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
  layout: Pick<Layout, 'hooksDir' | 'prefilter'>,
): Promise<{ actions: Action[]; notes: string[] }> {
  const { files, problems } = await generatedFiles({
    root,
    hooksDir: layout.hooksDir,
    prefilterName: layout.prefilter,
    manager,
    env,
    node: process.execPath,
  });
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
  let commonDir: string;
  try {
    ({ root, commonDir } = await locateRepo(options.cwd));
  } catch {
    return 'stampguard: not in a git repository; hooks not installed\n';
  }
  let pkg: Record<string, unknown> = {};
  try {
    pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    // the package manager reports a broken package.json itself
  }
  const layout = layoutOf(root, commonDir, pkg, await gitConfig(root, 'core.hooksPath'));
  if (layout.kind === 'husky' && !existsSync(layout.hooksDir)) {
    return `stampguard: ${HUSKY_HOOKS} is missing (husky runs first: "husky && stampguard install-hooks"); stampguard's hook scripts not installed\n`;
  }
  try {
    const { notes } = await writeGenerated(root, detectManager(root, pkg, options.env), options.env, layout);
    return notes.map((n) => `stampguard: ${n}\n`).join('');
  } catch (error) {
    return `stampguard: could not write the hook scripts: ${error instanceof Error ? error.message : String(error)}\n`;
  }
}

/**
 * init where lefthook, simple-git-hooks or the pre-commit framework owns the hooks: stampguard's
 * commands go into their configuration, the generated scripts into git's hooks folder.
 */
async function initOther(project: Project, layout: Layout, options: InitOptions): Promise<InitResult> {
  const { root, manager } = project;
  const kind = layout.kind as ManagerKind;
  const config = layout.config!;
  const notes: string[] = [];
  const actions: Action[] = [];
  const configText = readOrNull(path.join(root, config)) ?? '';
  let configAfter: string | null;
  let pkgText = project.pkgText;
  if (kind === 'simple-git-hooks') {
    if (!config.endsWith('.json')) {
      return fail(
        `simple-git-hooks is configured in ${config}, which stampguard does not edit (it is code). Add these entries to it, then run stampguard init again:\n  "pre-commit": <your command> && ${hookLine('pre-commit', GIT_HOOKS_DIR, manager.install)}\n  "pre-push": <your command> && ${hookLine('pre-push', GIT_HOOKS_DIR, manager.install)}\n  "reference-transaction": ${SIMPLE_RT_COMMAND}\nNothing was changed.`,
      );
    }
    const current = (
      config === 'package.json' ? project.pkg['simple-git-hooks'] : configText.trim() ? JSON.parse(configText) : {}
    ) as Record<string, unknown>;
    const edited = withSimpleGitHooks(current ?? {}, manager.install);
    if (typeof edited === 'string') return fail(edited);
    if (config === 'package.json') {
      const pkg = JSON.parse(pkgText) as Record<string, unknown>;
      pkg['simple-git-hooks'] = edited;
      pkgText = reformatLike(project.pkgText, pkg);
      configAfter = null;
    } else {
      configAfter = `${JSON.stringify(edited, null, 2)}\n`;
    }
  } else if (kind === 'lefthook') {
    configAfter = await withLefthook(config, configText, manager.install);
    if (configAfter === null) {
      return fail(
        `lefthook is configured in ${config} (TOML), which stampguard does not edit. Add a "stampguard" command to pre-commit (run: ${hookLine('pre-commit', GIT_HOOKS_DIR, manager.install)}) and to pre-push (the same with pre-push, plus use_stdin = true and files = "git ls-files package.json"), then run stampguard init again. Nothing was changed.`,
      );
    }
  } else {
    configAfter = await withPreCommit(configText, manager.install);
    notes.push(
      'the pre-commit framework is not tested with stampguard (it is Python). After committing, run: pre-commit install --hook-type pre-commit --hook-type pre-push. It runs pre-push hooks only when new commits are pushed, so a tag-only push may not be checked there; the release check still is.',
    );
  }
  if (configAfter !== null && configAfter !== configText)
    actions.push({ description: `add stampguard's commands to ${config}`, file: config, content: configAfter });

  // The pre-filter goes straight into git's hooks folder (lefthook and pre-commit do not manage it).
  const prefilterFile = path.join(layout.hooksDir, layout.prefilter);
  const existing = readOrNull(prefilterFile);
  if (existing !== null && !existing.includes('# stampguard reference-transaction pre-filter')) {
    return fail(
      `${path.relative(root, prefilterFile)} exists and is not stampguard's; it would be replaced by stampguard's tag pre-filter. Move what it does elsewhere, delete it, then run stampguard init again. Nothing was changed.`,
    );
  }

  const scripts = editScripts(pkgText, (s) => ({
    [manager.lifecycle]: withInstallScript(s[manager.lifecycle], false),
    ...(options.scripts && {
      preversion: withGuard(s.preversion, PREVERSION_SEGMENT),
      prepublishOnly: withGuard(s.prepublishOnly, PREPUBLISH_SEGMENT),
    }),
  }));
  if (scripts.changed || pkgText !== project.pkgText) {
    actions.push({
      description: `update package.json${
        scripts.changed
          ? ` (${Object.keys(scripts.scripts)
              .map((n) => `scripts.${n}`)
              .join(', ')})`
          : ''
      }${pkgText !== project.pkgText ? ' (simple-git-hooks)' : ''}`,
      file: 'package.json',
      content: scripts.text,
    });
  }
  const hasConfig =
    Object.hasOwn(project.pkg, MODULE_NAME) || SEARCH_PLACES.slice(1).some((p) => existsSync(path.join(root, p)));
  if (!hasConfig)
    actions.push({
      description: `write a starter configuration ${STARTER_CONFIG}`,
      file: STARTER_CONFIG,
      content: STARTER_CONFIG_TEXT,
    });
  if (options.dryRun) {
    actions.push({
      description: `write stampguard's hook scripts into ${path.relative(root, layout.hooksDir) || '.'}/`,
      file: layout.hooksDir,
      content: null,
    });
    return { code: 0, actions, notes: ['--dry-run: nothing was written.', ...notes] };
  }
  for (const action of actions) writeAtomic(path.join(root, action.file), action.content!);
  const generated = await writeGenerated(root, manager, options.env, layout);
  actions.push(...generated.actions);
  notes.push(...generated.notes);
  // Let the manager write its own hook files for pre-commit and pre-push.
  const installer =
    kind === 'lefthook' ? ['lefthook', 'install'] : kind === 'simple-git-hooks' ? ['simple-git-hooks'] : null;
  if (installer) {
    const bin = path.join(root, 'node_modules', '.bin', installer[0]!);
    const run = existsSync(bin)
      ? spawnSync(bin, installer.slice(1), { cwd: root, env: options.env, encoding: 'utf8' })
      : null;
    if (run?.status === 0) actions.push({ description: `run ${installer.join(' ')}`, file: config, content: null });
    else notes.push(`run ${installer.join(' ')} so ${kind} writes its hooks for pre-commit and pre-push`);
  }
  const toAdd = [config, 'package.json', ...(hasConfig ? [] : [STARTER_CONFIG])].filter(
    (v, i, a) => a.indexOf(v) === i,
  );
  notes.push(
    `Commit ${toAdd.join(', ')} so everyone who runs ${manager.install} gets the hooks: git add ${toAdd.join(' ')}`,
  );
  return { code: 0, actions, notes };
}

/** JSON text of `value`, indented and ended like `like`. */
function reformatLike(like: string, value: unknown): string {
  const indent = /^\{\r?\n([ \t]+)"/.exec(like)?.[1] ?? '  ';
  const eol = like.includes('\r\n') ? '\r\n' : '\n';
  let out = JSON.stringify(value, null, indent);
  if (eol !== '\n') out = out.replace(/\n/g, eol);
  return /\r?\n$/.test(like) ? out + eol : out;
}

export { IGNORE_BLOCK };
