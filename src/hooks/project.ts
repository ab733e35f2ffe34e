// The project around the repository: its package manager, and the package.json scripts stampguard
// adds (the install script that re-arms the hooks, and the npm lifecycle guards). Pure functions
// over file contents; init and uninstall do the reading and writing.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type ManagerName = 'npm' | 'pnpm' | 'yarn' | 'yarn-berry';

export interface PackageManager {
  name: ManagerName;
  /** Yarn Berry with Plug'n'Play: no node_modules, binaries resolved through .pnp.cjs. */
  pnp: boolean;
  /** The lifecycle script that runs on every install: Yarn Berry does not run the root's "prepare". */
  lifecycle: 'prepare' | 'postinstall';
  /** The command that installs dependencies, for messages. */
  install: string;
}

/** Which package manager a project uses: packageManager field, then lockfiles, then the running one. */
export function detectManager(root: string, pkg: Record<string, unknown>, env: NodeJS.ProcessEnv = {}): PackageManager {
  const declared = typeof pkg.packageManager === 'string' ? pkg.packageManager : '';
  const agent = env.npm_config_user_agent ?? '';
  const has = (file: string) => existsSync(path.join(root, file));
  let name: ManagerName;
  if (/^pnpm@/.test(declared)) name = 'pnpm';
  else if (/^yarn@1\./.test(declared)) name = 'yarn';
  else if (/^yarn@/.test(declared)) name = 'yarn-berry';
  else if (/^npm@/.test(declared)) name = 'npm';
  else if (has('pnpm-lock.yaml') || has('pnpm-workspace.yaml')) name = 'pnpm';
  else if (has('.yarnrc.yml') || has('.pnp.cjs')) name = 'yarn-berry';
  else if (has('yarn.lock')) name = isBerryLockfile(path.join(root, 'yarn.lock')) ? 'yarn-berry' : 'yarn';
  else if (has('package-lock.json') || has('npm-shrinkwrap.json')) name = 'npm';
  else if (/^pnpm\//.test(agent)) name = 'pnpm';
  else if (/^yarn\/1\./.test(agent)) name = 'yarn';
  else if (/^yarn\//.test(agent)) name = 'yarn-berry';
  else name = 'npm';
  const pnp = name === 'yarn-berry' && (has('.pnp.cjs') || nodeLinker(root) === 'pnp');
  return {
    name,
    pnp,
    lifecycle: name === 'yarn-berry' ? 'postinstall' : 'prepare',
    install: { npm: 'npm install', pnpm: 'pnpm install', yarn: 'yarn install', 'yarn-berry': 'yarn install' }[name],
  };
}

function isBerryLockfile(file: string): boolean {
  try {
    return readFileSync(file, 'utf8').includes('__metadata:');
  } catch {
    return false;
  }
}

/** Yarn Berry's nodeLinker from .yarnrc.yml ("pnp" when unset, Yarn's default). */
function nodeLinker(root: string): string {
  try {
    const text = readFileSync(path.join(root, '.yarnrc.yml'), 'utf8');
    return /^nodeLinker:\s*["']?([\w-]+)/m.exec(text)?.[1] ?? 'pnp';
  } catch {
    return 'pnp';
  }
}

// The script segments stampguard adds. uninstall removes exactly these.
export const INSTALL_HOOKS = 'stampguard install-hooks';
/** After husky: re-creates stampguard's hook scripts; a one-line notice when stampguard is gone. */
export const INSTALL_SEGMENT = `(${INSTALL_HOOKS} || echo stampguard is not installed, so its hooks do nothing: npx stampguard uninstall removes them)`;
export const PREVERSION_SEGMENT = 'stampguard check --mode preflight';
export const PREPUBLISH_SEGMENT = 'stampguard check';

const HUSKY_WORD = /(^|[\s;&|(])husky(\s|$|&|;|\||\))/;

/** The install script with husky and install-hooks in it, keeping what was there. */
export function withInstallScript(existing: string | undefined, husky: boolean): string {
  let script = (existing ?? '').trim();
  // 0.1.0 wrote the bare command; the guarded form replaces it.
  script = script.replace(/(^|&&\s*)stampguard install-hooks(?=\s*(&&|$))/, `$1${INSTALL_SEGMENT}`);
  if (husky && !HUSKY_WORD.test(script)) script = script ? `${script} && husky` : 'husky';
  if (!script.includes(INSTALL_HOOKS)) script = script ? `${script} && ${INSTALL_SEGMENT}` : INSTALL_SEGMENT;
  return script;
}

/** A lifecycle script with stampguard's guard run first, keeping the user's command after it. */
export function withGuard(existing: string | undefined, segment: string): string {
  const script = (existing ?? '').trim();
  if (script.includes(segment)) return script;
  return script ? `${segment} && ${script}` : segment;
}

/** The script without what withInstallScript or withGuard added; undefined when nothing is left. */
export function withoutSegment(existing: string | undefined, segment: string): string | undefined {
  if (existing === undefined) return undefined;
  const escaped = segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const script = existing
    .replace(new RegExp(`^\\s*${escaped}\\s*&&\\s*`), '')
    .replace(new RegExp(`\\s*&&\\s*${escaped}(?=\\s*(&&|$))`), '')
    .replace(new RegExp(`^\\s*${escaped}\\s*$`), '')
    .trim();
  return script === '' ? undefined : script;
}

export interface PackageEdit {
  text: string;
  changed: boolean;
  /** script name → new value (undefined: removed), for messages. */
  scripts: Record<string, string | undefined>;
}

/** package.json with scripts changed, formatted as the file was (indent, line endings, final newline). */
export function editScripts(
  text: string,
  edit: (scripts: Record<string, string>) => Record<string, string | undefined>,
): PackageEdit {
  const pkg = JSON.parse(text) as { scripts?: Record<string, string> };
  if (pkg === null || typeof pkg !== 'object' || Array.isArray(pkg))
    throw new Error('package.json does not hold an object');
  const before = { ...(pkg.scripts ?? {}) };
  const wanted = edit(before);
  const changes: Record<string, string | undefined> = {};
  const scripts: Record<string, string> = { ...before };
  for (const [name, value] of Object.entries(wanted)) {
    if (before[name] === value) continue;
    changes[name] = value;
    if (value === undefined) delete scripts[name];
    else scripts[name] = value;
  }
  if (Object.keys(changes).length === 0) return { text, changed: false, scripts: {} };
  if (Object.keys(scripts).length === 0 && pkg.scripts !== undefined && Object.keys(before).length > 0) {
    delete pkg.scripts;
  } else {
    pkg.scripts = scripts;
  }
  const indent = /^\{\r?\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let out = JSON.stringify(pkg, null, indent);
  if (eol !== '\n') out = out.replace(/\n/g, eol);
  return { text: /\r?\n$/.test(text) ? out + eol : out, changed: true, scripts: changes };
}
