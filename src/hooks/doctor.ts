// `stampguard doctor`: are the hooks armed in this working tree, and what does git actually run on
// commit, tag and push? Reads only (it starts the generated launcher with --version, as a hook
// would, to prove the binary resolves).
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MODULE_NAME, SEARCH_PLACES } from '../config.js';
import { locateRepo } from '../git/repo.js';
import { runGit } from '../git/run.js';
import { HOOK_SCRIPT_NAME } from './hook-script.js';
import { ignoredPaths } from './ignored.js';
import { HUSKY_DIR, HUSKY_HOOKS, layoutOf } from './init.js';
import { generatedFiles, ownPackageDir, readOrNull } from './install.js';
import { hookLine, isStampguardLine, LEGACY_LINES, USER_HOOKS } from './lines.js';
import { managerLine } from './managers.js';
import { PREFILTER_MARKER } from './prefilter.js';
import { detectManager, INSTALL_HOOKS, PREPUBLISH_SEGMENT, PREVERSION_SEGMENT } from './project.js';

export interface DoctorCheck {
  ok: boolean;
  what: string;
  fix?: string;
  /** Worth knowing, not a reason to call the hooks unarmed. */
  warning?: boolean;
}

export interface DoctorReport {
  ok: boolean;
  checks: DoctorCheck[];
  /** What git runs for each event, in order, as people would describe it. */
  runs: { commit: string[]; tag: string[]; push: string[] };
}

const executable = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The generated scripts compared without the line that records which node ran the install. */
/** The version of this running stampguard. */
function ownVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.join(ownPackageDir(), 'package.json'), 'utf8')) as { version: string })
      .version;
  } catch {
    return 'unknown';
  }
}

const comparable = (text: string | null): string | null => text?.replace(/^sg_install_node=.*$/m, '') ?? null;

export async function doctor(options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<DoctorReport> {
  const { root, commonDir } = await locateRepo(options.cwd);
  const checks: DoctorCheck[] = [];
  const runs: DoctorReport['runs'] = { commit: [], tag: [], push: [] };
  let pkg: Record<string, unknown> & { scripts?: Record<string, string> } = {};
  try {
    pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as typeof pkg;
  } catch {
    checks.push({
      ok: false,
      what: 'there is no readable package.json at the repository root',
      fix: 'npx stampguard init',
    });
  }
  const manager = detectManager(root, pkg, options.env);
  const hooksPath = (await runGit(root, ['config', '--get', 'core.hooksPath'])).stdout.trim();
  const layout = layoutOf(root, commonDir, pkg, hooksPath);
  const hooksDir = hooksPath ? path.resolve(root, hooksPath) : path.join(commonDir, 'hooks');

  // What git runs.
  describeRuns(root, hooksDir, runs, layout.config);

  if (layout.kind === 'husky') {
    checks.push(
      hooksPath === HUSKY_HOOKS
        ? { ok: true, what: `core.hooksPath is ${HUSKY_HOOKS} (husky)` }
        : {
            ok: false,
            what: `core.hooksPath is ${hooksPath ? `"${hooksPath}"` : 'not set'}, so husky's hooks do not run`,
            fix: `${manager.install} (runs the ${manager.lifecycle} script), or npx stampguard init`,
          },
    );
    const wrappers = ['h', ...USER_HOOKS].filter((h) => !existsSync(path.join(root, HUSKY_HOOKS, h)));
    checks.push(
      wrappers.length === 0
        ? { ok: true, what: "husky's wrappers for pre-commit and pre-push exist" }
        : {
            ok: false,
            what: `husky's generated folder lacks ${wrappers.join(', ')} (a fresh clone, a new worktree or git clean -X removes it)`,
            fix: `${manager.install}, or npx husky && npx stampguard install-hooks`,
          },
    );
  } else {
    const text = readOrNull(path.join(root, layout.config!)) ?? '';
    const configured = USER_HOOKS.filter((h) => {
      const line = managerLine(h, manager.install);
      return text.includes(line) || text.includes(JSON.stringify(line).slice(1, -1));
    });
    checks.push(
      configured.length === USER_HOOKS.length
        ? { ok: true, what: `${layout.config} (${layout.kind}) runs stampguard on pre-commit and pre-push` }
        : {
            ok: false,
            what: `${layout.config} (${layout.kind}) does not run stampguard on ${USER_HOOKS.filter((h) => !configured.includes(h)).join(' and ')}`,
            fix: 'npx stampguard init',
          },
    );
    for (const hook of USER_HOOKS) {
      if (!existsSync(path.join(hooksDir, hook)))
        checks.push({
          ok: false,
          what: `${path.relative(root, path.join(hooksDir, hook))} does not exist: ${layout.kind} has not installed its ${hook} hook`,
          fix:
            layout.kind === 'lefthook'
              ? 'npx lefthook install'
              : layout.kind === 'simple-git-hooks'
                ? 'npx simple-git-hooks'
                : 'pre-commit install --hook-type pre-commit --hook-type pre-push',
        });
    }
  }

  // stampguard's generated scripts: present, executable and current.
  const expected = await generatedFiles({
    root,
    hooksDir: layout.hooksDir,
    prefilterName: layout.prefilter,
    manager,
    env: options.env,
    node: process.execPath,
  }).catch(() => null);
  for (const file of expected?.files ?? []) {
    const name = path.relative(root, file.file).split(path.sep).join('/');
    const actual = readOrNull(file.file);
    const mine = name.endsWith(layout.prefilter)
      ? (actual ?? '').includes(PREFILTER_MARKER)
      : (actual ?? '').includes('stampguard');
    if (actual === null) {
      checks.push({
        ok: false,
        what: `${name} is missing${name.endsWith(layout.prefilter) ? ': git tag is not guarded' : ''}`,
        fix: 'npx stampguard install-hooks',
      });
    } else if (!mine) {
      checks.push({
        ok: false,
        what: `${name} is not stampguard's`,
        fix: `move it into ${HUSKY_DIR}/, then npx stampguard install-hooks`,
      });
    } else if (comparable(actual) !== comparable(file.content)) {
      checks.push({
        ok: false,
        what: `${name} is out of date (an older stampguard, or the configuration's version files changed since)`,
        fix: 'npx stampguard install-hooks',
      });
    } else if (!executable(file.file)) {
      checks.push({
        ok: false,
        what: `${name} is not executable, so git skips it`,
        fix: 'npx stampguard install-hooks',
      });
    } else {
      checks.push({ ok: true, what: `${name} is installed and current` });
    }
  }
  for (const problem of expected?.problems ?? [])
    checks.push({
      ok: true,
      warning: true,
      what: `a configuration could not be read (${problem}), so every commit runs the full check`,
    });

  // The lines in the user's hook files.
  for (const hook of layout.kind === 'husky' ? USER_HOOKS : []) {
    const file = `${HUSKY_DIR}/${hook}`;
    const content = readOrNull(path.join(root, file));
    const line = hookLine(hook, HUSKY_HOOKS, manager.install);
    const lines = content?.split(/\r?\n/) ?? [];
    if (lines.some((l) => l.trim() === line))
      checks.push({ ok: true, what: `${file} runs stampguard's ${hook} check` });
    else if (lines.some((l) => l.trim() === LEGACY_LINES[hook] || isStampguardLine(l, hook)))
      checks.push({ ok: false, what: `${file} has an older stampguard line`, fix: 'npx stampguard init' });
    else checks.push({ ok: false, what: `${file} does not run stampguard`, fix: 'npx stampguard init' });
  }

  // The binary, resolved exactly as the hooks resolve it.
  const script = path.join(layout.hooksDir, HOOK_SCRIPT_NAME);
  if (existsSync(script)) {
    const env = { ...options.env, PATH: `node_modules/.bin${path.delimiter}${options.env.PATH ?? ''}` };
    const probe = spawnSync('sh', [script, 'run', '--version'], { cwd: root, env, encoding: 'utf8' });
    const said = `${probe.stderr ?? ''}`.trim();
    const version = `${probe.stdout ?? ''}`.trim();
    const mine = ownVersion();
    checks.push(
      probe.status === 0 && /^\d+\.\d+\.\d+/.test(version)
        ? {
            ok: true,
            what: `the hooks start stampguard ${version}${version !== mine ? ` (this doctor is ${mine})` : ''}`,
          }
        : {
            ok: false,
            what: `the hooks cannot start stampguard: ${said.replace(/^stampguard: /, '') || `exit ${probe.status}`}`,
            fix: `${manager.install}, then npx stampguard install-hooks`,
          },
    );
  }

  // Files that must be committed.
  const configFile = [...SEARCH_PLACES.slice(1)].find((p) => existsSync(path.join(root, p)));
  const committed = [
    `${HUSKY_DIR}/pre-commit`,
    `${HUSKY_DIR}/pre-push`,
    'package.json',
    ...(configFile ? [configFile] : []),
  ];
  const ignored = await ignoredPaths(root, committed);
  for (const rule of ignored)
    checks.push({
      ok: false,
      what: `${rule.path} is ignored by git (${rule.source}:${rule.line} "${rule.pattern}"), so other clones get no hooks${rule.path === configFile ? ' and no configuration' : ''}`,
      fix: `allow it in ${rule.source} (e.g. "!/${rule.path.split('/')[0]}${rule.path.includes('/') ? '/' : ''}"), or npx stampguard init`,
    });
  if (!configFile && !Object.hasOwn(pkg, MODULE_NAME))
    checks.push({ ok: true, warning: true, what: 'no configuration file: the defaults apply' });

  // The scripts.
  const scripts = pkg.scripts ?? {};
  const install = scripts[manager.lifecycle] ?? '';
  checks.push(
    install.includes(INSTALL_HOOKS)
      ? { ok: true, what: `scripts.${manager.lifecycle} re-creates the hook scripts on every install` }
      : {
          ok: false,
          what: `scripts.${manager.lifecycle} does not run "${INSTALL_HOOKS}", so fresh clones and new worktrees get no tag hook`,
          fix: 'npx stampguard init',
        },
  );
  for (const [name, segment, why] of [
    ['preversion', PREVERSION_SEGMENT, 'npm version can commit the bump before the tag is refused'],
    ['prepublishOnly', PREPUBLISH_SEGMENT, 'npm publish does not run the release check'],
  ] as const) {
    checks.push(
      (scripts[name] ?? '').includes(segment)
        ? { ok: true, what: `scripts.${name} runs "${segment}"` }
        : {
            ok: true,
            warning: true,
            what: `scripts.${name} does not run "${segment}": ${why}`,
            fix: 'npx stampguard init',
          },
    );
  }

  if (options.env.HUSKY === '0')
    checks.push({ ok: false, what: 'HUSKY=0 is set in this environment: husky skips every hook', fix: 'unset HUSKY' });
  if (options.env.STAMPGUARD === '0')
    checks.push({
      ok: false,
      what: 'STAMPGUARD=0 is set in this environment: every stampguard hook is skipped',
      fix: 'unset STAMPGUARD',
    });
  return { ok: checks.every((c) => c.ok), checks, runs };
}

/** What git runs on commit, tag and push, from the hooks folder down to the user's lines. */
function describeRuns(root: string, hooksDir: string, runs: DoctorReport['runs'], config: string | null): void {
  const rel = (file: string) => path.relative(root, file).split(path.sep).join('/') || file;
  const event: [keyof DoctorReport['runs'], string][] = [
    ['commit', 'pre-commit'],
    ['tag', 'reference-transaction'],
    ['push', 'pre-push'],
  ];
  for (const [name, hook] of event) {
    const file = path.join(hooksDir, hook);
    const text = readOrNull(file);
    if (text === null) {
      runs[name].push(`nothing (${rel(file)} does not exist)`);
      continue;
    }
    if (!executable(file)) {
      runs[name].push(`nothing (${rel(file)} is not executable, so git skips it)`);
      continue;
    }
    if (text.includes(PREFILTER_MARKER)) {
      runs[name].push(`${rel(file)}: stampguard's tag pre-filter`);
      continue;
    }
    if (/husky|\/h"/.test(text) && text.split('\n').length <= 3) {
      const user = path.join(root, HUSKY_DIR, hook);
      const content = readOrNull(user);
      if (content === null) {
        runs[name].push(`${rel(file)} (husky), which does nothing: there is no ${rel(user)}`);
        continue;
      }
      const lines = content
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#'))
        .map((l) => (USER_HOOKS.some((h) => isStampguardLine(l, h as (typeof USER_HOOKS)[number])) ? 'stampguard' : l));
      runs[name].push(`${rel(file)} (husky) → ${rel(user)}: ${lines.join('; ') || 'nothing'}`);
      continue;
    }
    if (/SKIP_SIMPLE_GIT_HOOKS/.test(text)) {
      // simple-git-hooks' prefix ends with the block that sources $SIMPLE_GIT_HOOKS_RC.
      const body = text.split('\n');
      const rc = body.findIndex((l) => l.includes('SIMPLE_GIT_HOOKS_RC'));
      const command = body.slice(body.findIndex((l, i) => i > rc && l.startsWith('fi')) + 1);
      const shown = command
        .join(' ')
        .replace(/if \[ -f [^;]*stampguard\.sh \]; then .*? fi/g, 'stampguard')
        .replace(/f="\$\{0%\/\*\}\/stampguard-reference-transaction".*/, "stampguard's tag pre-filter")
        .replace(/\s+/g, ' ')
        .trim();
      runs[name].push(`${rel(file)} (simple-git-hooks): ${shown || 'nothing'}`);
      continue;
    }
    if (/call_lefthook|lefthook run/.test(text)) {
      const commands = lefthookCommands(root, config, hook);
      runs[name].push(`${rel(file)} (lefthook): ${commands.length ? commands.join('; ') : 'nothing configured'}`);
      continue;
    }
    runs[name].push(`${rel(file)}${/pre-commit\.com|pre_commit/.test(text) ? ' (pre-commit)' : ''}`);
  }
}

/** The command names lefthook's configuration lists for a hook (YAML or JSON, read loosely). */
function lefthookCommands(root: string, config: string | null, hook: string): string[] {
  const text = config ? readOrNull(path.join(root, config)) : null;
  if (!text || !config) return [];
  if (config.endsWith('.json')) {
    try {
      const section = (JSON.parse(text) as Record<string, { commands?: object; jobs?: { name?: string }[] }>)[hook];
      return [...Object.keys(section?.commands ?? {}), ...(section?.jobs ?? []).map((j) => j.name ?? '(job)')];
    } catch {
      return [];
    }
  }
  // A light read of the YAML: the keys under "<hook>:" → "commands:", or job names.
  const lines = text.split(/\r?\n/);
  const start = lines.indexOf(`${hook}:`);
  if (start < 0) return [];
  const names: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    const command = /^ {4}([\w.-]+):\s*$/.exec(line);
    const job = /^ {4}- name:\s*(.+)$/.exec(line);
    if (command) names.push(command[1]!);
    if (job) names.push(job[1]!.trim());
  }
  return names;
}
