// The registry: every check, in the order their findings are reported. A test keeps it complete
// (every file here is registered) and exact (every finding code is reported by one check only).
import type { Facts, TargetFacts } from '../facts/index.js';
import type { Config, Finding } from '../types.js';
import type { VersionInfo } from '../version/derive.js';
import { subjectOf } from '../version/subject.js';
import { ambiguousReleaseTag } from './ambiguous-release-tag.js';
import { behindUpstream } from './behind-upstream.js';
import { branchNotAllowed } from './branch-not-allowed.js';
import type { Check, CheckContext } from './define.js';
import { dirtyTree } from './dirty-tree.js';
import { gates } from './gates.js';
import { incompleteCheckout } from './incomplete-checkout.js';
import { locallyIgnoredFiles } from './locally-ignored-files.js';
import { noNewCommits } from './no-new-commits.js';
import { noTag } from './no-tag.js';
import { nonstandardVersion } from './nonstandard-version.js';
import { notOnTag } from './not-on-tag.js';
import { operationInProgress } from './operation-in-progress.js';
import { shallowClone } from './shallow-clone.js';
import { tagExists } from './tag-exists.js';
import { tagNotAnnotated } from './tag-not-annotated.js';
import { tagNotCommit } from './tag-not-commit.js';
import { tagNotSemver } from './tag-not-semver.js';
import { tagNotSigned } from './tag-not-signed.js';
import { untrackedFiles } from './untracked-files.js';
import { versionMismatch } from './version-mismatch.js';
import { versionNotGreater } from './version-not-greater.js';

export const CHECKS: readonly Check[] = [
  operationInProgress,
  dirtyTree,
  untrackedFiles,
  locallyIgnoredFiles,
  incompleteCheckout,
  shallowClone,
  noTag,
  tagNotSemver,
  notOnTag,
  ambiguousReleaseTag,
  nonstandardVersion,
  tagNotCommit,
  tagExists,
  versionNotGreater,
  noNewCommits,
  versionMismatch,
  tagNotAnnotated,
  tagNotSigned,
  branchNotAllowed,
  behindUpstream,
  gates,
];

/** One context per subject: each pushed tag in push mode, else the one tag or the checkout. */
export function checkContexts(facts: Facts, config: Config, version: VersionInfo): CheckContext[] {
  const context = (target: TargetFacts | null): CheckContext => ({
    facts,
    config,
    version,
    target,
    subject: subjectOf({
      mode: facts.mode,
      prefix: config.tagPrefix,
      target,
      head: facts.head,
      version,
      stagedVersion:
        facts.mode === 'commit' ? (facts.versionFiles.find((f) => f.version !== null)?.version ?? null) : null,
    }),
  });
  if (facts.mode !== 'push' && facts.mode !== 'tag') return [context(null)];
  // A ref that already holds the object (git tag -f to the same value) changes nothing.
  const targets = facts.targets.filter((t) => !t.unchanged);
  return targets.length ? targets.map(context) : facts.mode === 'push' ? [context(null)] : [];
}

/**
 * What a tag re-pointed at the commit it already names is checked for: its object's own rules
 * (git tag -f to re-annotate or sign a release changes no release, but must not trade a signed tag
 * for an unsigned or lightweight one).
 */
const TAG_OBJECT_CHECKS: ReadonlySet<Check> = new Set([tagNotAnnotated, tagNotSigned]);

export function runChecks(contexts: readonly CheckContext[]): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const context of contexts) {
    for (const check of CHECKS) {
      if (!check.modes.includes(context.facts.mode)) continue;
      if (context.target?.repointed && !TAG_OBJECT_CHECKS.has(check)) continue;
      // A tag that does not look like a release tag (deploy-prod) is not checked: it is only said so.
      if (context.target && context.subject.tag === null && check !== tagNotSemver) continue;
      for (const found of check.run(context)) {
        if (!check.codes.includes(found.code))
          throw new Error(`check ${check.id} reported ${found.code}, which it does not declare`);
        // Checks about the work tree give the same finding for every tag created at HEAD (the
        // hint may name the tag): it is reported once.
        const key = JSON.stringify([found.code, found.message, found.paths]);
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push(found);
      }
    }
  }
  // Pushing many tags: the per-tag warnings (a non-release tag is not checked) would drown the errors.
  if (contexts.length > 1) return findings.filter((f) => f.severity === 'error');
  return findings;
}
