// The line stampguard adds to a user's hook file (.husky/pre-commit, .husky/pre-push) or to another
// hook manager's configuration. It is committed, so it must keep working wherever the generated
// script is missing (a fresh clone before npm install, stampguard removed): then it prints one line
// and lets the commit or push through instead of failing with "not found".
import { HOOK_SCRIPT_NAME } from './hook-script.js';

export type UserHook = 'pre-commit' | 'pre-push';
export const USER_HOOKS: readonly UserHook[] = ['pre-commit', 'pre-push'];

/** What 0.1.0 wrote; init replaces these lines, uninstall and doctor recognise them. */
export const LEGACY_LINES: Record<UserHook, string> = {
  'pre-commit': 'stampguard hook pre-commit',
  'pre-push': 'stampguard hook pre-push "$@"',
};

/**
 * The hook command. `dir` is the generated hooks folder as seen from the work tree root, where git
 * runs hooks (".husky/_"), or a shell expression for it.
 */
export function hookLine(hook: UserHook, dir: string, install: string): string {
  const script = `${dir}/${HOOK_SCRIPT_NAME}`;
  const what = hook === 'pre-commit' ? 'this commit is' : 'tags pushed now are';
  const args = hook === 'pre-push' ? ' "$@"' : '';
  return `if [ -f ${script} ]; then sh ${script} ${hook}${args}; else echo "stampguard: ${script} is missing, so ${what} not checked: run ${install} (npx stampguard uninstall removes this line)" >&2; fi`;
}

/** Is this line one stampguard wrote for `hook` (any version, any folder)? */
export function isStampguardLine(line: string, hook: UserHook): boolean {
  const trimmed = line.trim();
  return (
    trimmed === LEGACY_LINES[hook] || (trimmed.includes(`${HOOK_SCRIPT_NAME} ${hook}`) && /stampguard/.test(trimmed))
  );
}

/** The hook file with `line` in it: added after the user's lines, or replacing an older stampguard line. */
export function withHookLine(existing: string | null, line: string, hook: UserHook): string {
  if (existing === null) return `${line}\n`;
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const lines = existing.split(/\r?\n/);
  if (lines.some((l) => l.trim() === line)) return existing;
  const at = lines.findIndex((l) => isStampguardLine(l, hook));
  if (at >= 0) {
    lines[at] = line;
    return lines.join(eol);
  }
  const body = existing === '' || /\r?\n$/.test(existing) ? existing : `${existing}${eol}`;
  return `${body}${line}${eol}`;
}

/** The hook file without stampguard's line; null when nothing but blank lines would remain. */
export function withoutHookLine(existing: string, hook: UserHook): string | null {
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const kept = existing.split(/\r?\n/).filter((l) => !isStampguardLine(l, hook));
  const text = kept.join(eol);
  return text.trim() === '' ? null : text;
}
