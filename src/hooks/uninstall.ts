// `stampguard uninstall`: removes exactly what init added (its scripts in package.json, its lines in
// the hook files, its generated scripts, its .gitignore lines, the starter configuration when it is
// unchanged) and keeps everything else, husky included.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { GitError } from '../errors.js';
import { locateRepo } from '../git/repo.js';
import { runGit } from '../git/run.js';
import { HOOK_SCRIPT_MARKER, HOOK_SCRIPT_NAME } from './hook-script.js';
import { withoutAllowList } from './ignored.js';
import {
  type Action,
  HUSKY_DIR,
  HUSKY_HOOKS,
  type InitResult,
  layoutOf,
  STARTER_CONFIG,
  STARTER_CONFIG_TEXT,
  writeAtomic,
} from './init.js';
import { readOrNull } from './install.js';
import { USER_HOOKS, withoutHookLine } from './lines.js';
import { SIMPLE_PREFILTER, withoutLefthook, withoutPreCommit, withoutSimpleGitHooks } from './managers.js';
import { PREFILTER_MARKER } from './prefilter.js';
import {
  editScripts,
  INSTALL_HOOKS,
  INSTALL_SEGMENT,
  PREPUBLISH_SEGMENT,
  PREVERSION_SEGMENT,
  withoutSegment,
} from './project.js';

export async function uninstall(options: { cwd: string; dryRun: boolean }): Promise<InitResult> {
  let root: string;
  let commonDir: string;
  try {
    ({ root, commonDir } = await locateRepo(options.cwd));
  } catch (error) {
    if (error instanceof GitError) return { code: 2, actions: [], notes: [`${error.message}.`] };
    throw error;
  }
  const actions: (Action & { remove?: boolean })[] = [];

  let pkgText = readOrNull(path.join(root, 'package.json'));
  let pkg: Record<string, unknown> = {};
  try {
    pkg = pkgText === null ? {} : (JSON.parse(pkgText) as Record<string, unknown>);
  } catch {
    // reported below
  }
  const hooksPath = (await runGit(root, ['config', '--get', 'core.hooksPath'])).stdout.trim();
  const layout = layoutOf(root, commonDir, pkg, hooksPath);
  const notes: string[] = [];
  // Another hook manager's configuration: stampguard's commands come out of it.
  if (layout.kind !== 'husky' && layout.config) {
    const file = layout.config;
    const text = readOrNull(path.join(root, file)) ?? '';
    let after = text;
    if (layout.kind === 'lefthook') after = await withoutLefthook(file, text);
    else if (layout.kind === 'pre-commit') after = await withoutPreCommit(text);
    else if (file === 'package.json' && pkgText !== null) {
      const cleaned = {
        ...pkg,
        'simple-git-hooks': withoutSimpleGitHooks(pkg['simple-git-hooks'] as Record<string, unknown>),
      };
      const indent = /^\{\r?\n([ \t]+)"/.exec(pkgText)?.[1] ?? '  ';
      pkgText = `${JSON.stringify(cleaned, null, indent)}${pkgText.endsWith('\n') ? '\n' : ''}`;
    } else if (file.endsWith('.json')) {
      after = `${JSON.stringify(withoutSimpleGitHooks(JSON.parse(text) as Record<string, unknown>), null, 2)}\n`;
    }
    if (after !== text)
      actions.push({ description: `remove stampguard's commands from ${file}`, file, content: after });
    if (layout.kind === 'simple-git-hooks')
      notes.push('run npx simple-git-hooks so it removes the reference-transaction hook it wrote for stampguard');
  }
  if (pkgText !== null) {
    try {
      const edit = editScripts(pkgText, (s) => {
        const out: Record<string, string | undefined> = {};
        for (const name of ['prepare', 'postinstall'])
          if (s[name]?.includes(INSTALL_HOOKS))
            out[name] = withoutSegment(withoutSegment(s[name], INSTALL_SEGMENT), INSTALL_HOOKS);
        if (s.preversion !== undefined) out.preversion = withoutSegment(s.preversion, PREVERSION_SEGMENT);
        if (s.prepublishOnly !== undefined) out.prepublishOnly = withoutSegment(s.prepublishOnly, PREPUBLISH_SEGMENT);
        return out;
      });
      if (edit.changed || pkgText !== readOrNull(path.join(root, 'package.json')))
        actions.push({
          description: `edit package.json: ${Object.entries(edit.scripts).length === 0 ? "remove stampguard's simple-git-hooks commands" : ''}${Object.entries(
            edit.scripts,
          )
            .map(([name, value]) =>
              value === undefined ? `remove scripts.${name}` : `set scripts.${name} back to "${value}"`,
            )
            .join(', ')}`,
          file: 'package.json',
          content: edit.text,
        });
    } catch (error) {
      return {
        code: 2,
        actions: [],
        notes: [`package.json is not valid JSON (${(error as Error).message}); fix it first. Nothing was changed.`],
      };
    }
  }

  for (const hook of layout.kind === 'husky' ? USER_HOOKS : []) {
    const file = `${HUSKY_DIR}/${hook}`;
    const before = readOrNull(path.join(root, file));
    if (before === null) continue;
    const after = withoutHookLine(before, hook);
    if (after === before) continue;
    actions.push(
      after === null
        ? { description: `delete ${file} (it held only stampguard's line)`, file, content: null, remove: true }
        : { description: `remove stampguard's line from ${file}`, file, content: after },
    );
  }

  for (const [name, marker] of [
    [layout.kind === 'simple-git-hooks' ? SIMPLE_PREFILTER : 'reference-transaction', PREFILTER_MARKER],
    [HOOK_SCRIPT_NAME, HOOK_SCRIPT_MARKER],
  ] as const) {
    const dir = layout.kind === 'husky' ? path.join(root, HUSKY_HOOKS) : layout.hooksDir;
    const file = path.relative(root, path.join(dir, name)).split(path.sep).join('/');
    if (readOrNull(path.join(root, file))?.includes(marker))
      actions.push({ description: `delete ${file}`, file, content: null, remove: true });
  }

  const gitignore = readOrNull(path.join(root, '.gitignore'));
  if (gitignore !== null) {
    const after = withoutAllowList(gitignore);
    if (after !== gitignore)
      actions.push({
        description: "remove stampguard's allow-list lines from .gitignore",
        file: '.gitignore',
        content: after,
      });
  }

  const config = readOrNull(path.join(root, STARTER_CONFIG));
  if (config === STARTER_CONFIG_TEXT) {
    actions.push({
      description: `delete the starter configuration ${STARTER_CONFIG} (unchanged)`,
      file: STARTER_CONFIG,
      content: null,
      remove: true,
    });
  } else if (config !== null) {
    notes.push(`${STARTER_CONFIG} was changed since init, so it stays; delete it yourself if you no longer want it.`);
  }

  if (options.dryRun) return { code: 0, actions, notes: ['--dry-run: nothing was changed.', ...notes] };
  for (const action of actions) {
    const file = path.join(root, action.file);
    if (action.remove) rmSync(file, { force: true });
    else if (action.content !== null) writeAtomic(file, action.content);
  }
  notes.push(
    actions.length
      ? 'husky and core.hooksPath stay as they are (other hooks may use them). Now remove the package: npm uninstall stampguard'
      : 'nothing of stampguard was found to remove.',
  );
  return { code: 0, actions, notes };
}
