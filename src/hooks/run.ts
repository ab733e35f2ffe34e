// Entry points for the git hooks: `stampguard hook NAME [ARGS]`, with git's stdin. Returns the
// exit code and the text for stderr (git shows hook output to the user); prints nothing itself.
import { inspect } from '../check.js';
import type { CheckContext } from '../checks/define.js';
import { runChecks } from '../checks/index.js';
import { loadConfig } from '../config.js';
import { UsageError } from '../errors.js';
import { createdTags, parsePrePush, parseRefTransaction, pushedTags } from '../git/hook-input.js';
import { locateRepo, readRefs } from '../git/repo.js';
import { buildReport } from '../report.js';
import type { Colors } from '../reporters/color.js';
import { formatPretty } from '../reporters/pretty.js';
import type { FindingCode, Report } from '../types.js';
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

/**
 * The properties of a tag object itself. A tag re-pointed at the commit it already names (git tag -f
 * to re-annotate or sign it) changes no release: only these are checked for it, so a dirty tree or
 * an existing newer tag does not refuse it, while replacing a signed tag with an unsigned or
 * lightweight one under requireSignedTag/requireAnnotatedTag still does.
 */
const TAG_OBJECT_CODES: ReadonlySet<FindingCode> = new Set<FindingCode>(['tag-not-annotated', 'tag-not-signed']);

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
  const existing = new Map(refs.tags.map((t) => [t.name, t]));
  // Tags that are not release tags, and updates that change nothing (tag -f to the same value), pass.
  const todo = candidates.filter(
    ({ tag, oid }) => isReleaseTagName(tag, config.tagPrefix) && existing.get(tag)?.object !== oid,
  );
  if (todo.length === 0) return { code: 0, output: '' };
  const { facts, version, contexts } = await inspect({ cwd: context.cwd, mode: 'tag', createdTags: todo });
  const repointed = (c: CheckContext) => {
    const before = c.target ? existing.get(c.target.tag) : undefined;
    return before !== undefined && c.target?.commit !== null && before.target === c.target?.commit;
  };
  const seen = new Set<string>();
  const findings = [
    ...runChecks(contexts.filter((c) => !repointed(c))),
    ...runChecks(contexts.filter(repointed)).filter((f) => TAG_OBJECT_CODES.has(f.code)),
  ].filter((f) => {
    const key = JSON.stringify(f);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return report('reference-transaction', buildReport(facts, version, contexts, findings), context);
}

function report(hook: HookName, r: Report, context: HookContext): HookResult {
  if (r.ok) {
    // Quiet on success; warnings are still worth a line each.
    const warnings = r.findings.filter((f) => f.severity === 'warning');
    return { code: 0, output: warnings.map((f) => `stampguard: ${f.code}: ${f.message}\n`).join('') };
  }
  return { code: 1, output: `${formatPretty(r, context.colors)}${BYPASS[hook]}\n` };
}
