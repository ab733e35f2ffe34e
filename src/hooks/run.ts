// Entry points for the git hooks: `stampguard hook NAME [ARGS]`, with git's stdin. Returns the
// exit code and the text for stderr (git shows hook output to the user); prints nothing itself.
import { inspect } from '../check.js';
import { UsageError } from '../errors.js';
import { createdTags, parsePrePush, parseRefTransaction, pushedTags } from '../git/hook-input.js';
import type { Colors } from '../reporters/color.js';
import { formatPretty } from '../reporters/pretty.js';
import type { Report } from '../types.js';

export const HOOK_NAMES = ['pre-commit', 'pre-push', 'reference-transaction'] as const;
export type HookName = (typeof HOOK_NAMES)[number];

export interface HookResult {
  code: number;
  output: string;
}

export interface HookContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin: string;
  colors: Colors;
}

const BYPASS: Record<HookName, string> = {
  'pre-commit': 'To commit anyway: git commit --no-verify (or STAMPGUARD=0 git commit ...).',
  'pre-push': 'To push anyway: git push --no-verify (or STAMPGUARD=0 git push ...).',
  'reference-transaction': 'To create the tag anyway: STAMPGUARD=0 git tag ...',
};

export async function runHook(name: string, args: readonly string[], context: HookContext): Promise<HookResult> {
  if (!(HOOK_NAMES as readonly string[]).includes(name)) {
    throw new UsageError(`unknown hook "${name}"; stampguard handles ${HOOK_NAMES.join(', ')}`);
  }
  const hook = name as HookName;
  if (context.env.STAMPGUARD === '0') return { code: 0, output: `stampguard: ${hook} check skipped (STAMPGUARD=0)\n` };
  switch (hook) {
    case 'pre-commit':
      return report(hook, (await inspect({ cwd: context.cwd, mode: 'commit' })).report, context);
    case 'pre-push': {
      const tags = pushedTags(parsePrePush(context.stdin));
      if (tags.length === 0) return { code: 0, output: '' }; // branch pushes and deletions pass
      return report(hook, (await inspect({ cwd: context.cwd, mode: 'push', pushedTags: tags })).report, context);
    }
    case 'reference-transaction':
      return referenceTransaction(args, context);
  }
}

/**
 * A local tag creation or move, already filtered by the shell pre-filter. The core decides the
 * rest: which package a tag belongs to, a ref that already holds the object (nothing changes), a
 * tag re-pointed at the commit it already names (only the tag object's own rules apply).
 */
async function referenceTransaction(args: readonly string[], context: HookContext): Promise<HookResult> {
  if (args[0] !== 'prepared') return { code: 0, output: '' };
  const candidates = createdTags(parseRefTransaction(context.stdin));
  if (candidates.length === 0) return { code: 0, output: '' };
  const { report: r } = await inspect({ cwd: context.cwd, mode: 'tag', createdTags: candidates });
  // A tag that is not a release tag (deploy-prod) is none of this hook's business: no line for it.
  const findings = r.findings.filter((f) => !(f.code === 'tag-not-semver' && f.severity === 'warning'));
  return report('reference-transaction', { ...r, findings }, context);
}

function report(hook: HookName, r: Report, context: HookContext): HookResult {
  if (r.ok) {
    // Quiet on success; warnings are still worth a line each.
    const warnings = r.findings.filter((f) => f.severity === 'warning');
    return { code: 0, output: warnings.map((f) => `stampguard: ${f.code}: ${f.message}\n`).join('') };
  }
  return { code: 1, output: `${formatPretty(r, context.colors)}${BYPASS[hook]}\n` };
}
