// The registry: every check, in the order their findings are reported.
import { behindUpstream } from './behind-upstream.js';
import { branchAllowed } from './branch.js';
import type { Check, CheckContext } from './define.js';
import { dirtyTree } from './dirty-tree.js';
import { gates } from './gates.js';
import { newTag } from './new-tag.js';
import { operationInProgress } from './operation-in-progress.js';
import { releaseTag } from './release-tag.js';
import { shallowClone } from './shallow-clone.js';
import { stagedVersion } from './staged-version.js';
import { tagObject } from './tag-object.js';
import { untrackedFiles } from './untracked-files.js';
import { versionFiles } from './version-files.js';
import type { Finding } from '../types.js';

export const CHECKS: readonly Check[] = [
  operationInProgress,
  dirtyTree,
  untrackedFiles,
  shallowClone,
  releaseTag,
  newTag,
  versionFiles,
  tagObject,
  branchAllowed,
  behindUpstream,
  gates,
  stagedVersion,
];

export function runChecks(context: CheckContext): Finding[] {
  return CHECKS.filter((check) => check.modes.includes(context.facts.mode)).flatMap((check) => check.run(context));
}
