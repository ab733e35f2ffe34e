// Entry points for the git hooks: `stampguard hook NAME [ARGS]`, with git's stdin. Returns the
// exit code and the text for stderr (git shows hook output to the user); prints nothing itself.
import { inspect } from '../check.js';
import { loadConfig } from '../config/index.js';
import { UsageError } from '../errors.js';
import { createdTags, parsePrePush, parseRefTransaction, pushedTags } from '../git/hook-input.js';
import { locateRepo, readRefs } from '../git/repo.js';
import type { Colors } from '../reporters/color.js';
import { formatPretty } from '../reporters/pretty.js';
import type { Report } from '../types.js';
import { isReleaseTagName } from '../version/rules.js';

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

/** A local tag creation or move, already filtered by the shell pre-filter; checked once more here. */
async function referenceTransaction(args: readonly string[], context: HookContext): Promise<HookResult> {
  if (args[0] !== 'prepared') return { code: 0, output: '' };
  const candidates = createdTags(parseRefTransaction(context.stdin));
  if (candidates.length === 0) return { code: 0, output: '' };
  const location = await locateRepo(context.cwd);
  const [config, refs] = await Promise.all([
    loadConfig({ cwd: context.cwd, root: location.root }),
    readRefs(location.root),
  ]);
  // Tags that are not release tags, and updates that change nothing (tag -f to the same value), pass.
  const todo = candidates.filter(
    ({ tag, oid }) => isReleaseTagName(tag, config.tagPrefix) && refs.tags.find((t) => t.name === tag)?.object !== oid,
  );
  if (todo.length === 0) return { code: 0, output: '' };
  return report(
    'reference-transaction',
    (await inspect({ cwd: context.cwd, mode: 'tag', createdTags: todo })).report,
    context,
  );
}

function report(hook: HookName, r: Report, context: HookContext): HookResult {
  if (r.ok) {
    // Quiet on success; warnings are still worth a line each.
    const warnings = r.findings.filter((f) => f.severity === 'warning');
    return { code: 0, output: warnings.map((f) => `stampguard: ${f.code}: ${f.message}\n`).join('') };
  }
  return { code: 1, output: `${formatPretty(r, context.colors)}${BYPASS[hook]}\n` };
}
