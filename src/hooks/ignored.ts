// Files init writes that must be committed (.husky/pre-commit, the configuration) must not be
// ignored by git, or other clones get neither hooks nor configuration while this one looks armed.
// npm's template-oss .gitignore starts with "/*" and allow-lists entries; a generated project may
// ignore ".husky". git check-ignore says which rule ignores what.
import { runGit } from '../git/run.js';

export interface IgnoreRule {
  /** The path (relative to the root) that is ignored. */
  path: string;
  /** The file holding the rule (".gitignore", ".git/info/exclude", a global excludes file). */
  source: string;
  line: number;
  pattern: string;
}

/** Which of `paths` git would ignore (tracked files never are). One `git check-ignore -v`. */
export async function ignoredPaths(root: string, paths: readonly string[]): Promise<IgnoreRule[]> {
  const result = await runGit(root, ['check-ignore', '-v', '-z', '--stdin'], { input: `${paths.join('\0')}\0` });
  if (result.code !== 0) return []; // 1: nothing ignored
  const fields = result.stdout.split('\0');
  const rules: IgnoreRule[] = [];
  for (let i = 0; i + 3 < fields.length; i += 4) {
    const [source, line, pattern, file] = fields.slice(i, i + 4) as [string, string, string, string];
    // -v also reports paths that a negated ("!") pattern keeps.
    if (pattern.startsWith('!')) continue;
    rules.push({ path: file, source, line: Number(line), pattern });
  }
  return rules;
}

export const IGNORE_BLOCK =
  '# stampguard: its hook files and configuration are committed (npx stampguard uninstall removes these lines)';

/** The root-level negation that keeps `file` (a path from the root) and its folder. */
function allowEntry(file: string): string {
  const first = file.split('/')[0]!;
  return file.includes('/') ? `!/${first}/` : `!/${file}`;
}

/**
 * The root .gitignore with allow-list lines for the ignored paths, or null when a rule outside it
 * ignores them (.git/info/exclude, a global excludes file, a nested .gitignore): those are not the
 * project's to change, so init explains instead.
 */
export function withAllowList(existing: string | null, ignored: readonly IgnoreRule[]): string | null {
  if (ignored.some((r) => r.source !== '.gitignore')) return null;
  const entries = [...new Set(ignored.map((r) => allowEntry(r.path)))];
  const text = existing ?? '';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const present = new Set(text.split(/\r?\n/).map((l) => l.trim()));
  const missing = entries.filter((e) => !present.has(e));
  if (missing.length === 0) return null;
  const body = text === '' || /\r?\n$/.test(text) ? text : `${text}${eol}`;
  return `${body}${present.has(IGNORE_BLOCK) ? '' : `${IGNORE_BLOCK}${eol}`}${missing.join(eol)}${eol}`;
}

/** The .gitignore without the lines withAllowList added; unchanged when they are not there. */
export function withoutAllowList(existing: string): string {
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const lines = existing.split(/\r?\n/);
  const at = lines.findIndex((l) => l.trim() === IGNORE_BLOCK);
  if (at < 0) return existing;
  let end = at + 1;
  while (end < lines.length && /^!\/[^/]+\/?$/.test(lines[end]!.trim())) end++;
  lines.splice(at, end - at);
  return lines.join(eol);
}
