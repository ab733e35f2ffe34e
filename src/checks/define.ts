import type { Facts, TargetFacts } from '../facts/index.js';
import type { Config, Finding, FindingCode, Mode } from '../types.js';
import type { VersionInfo } from '../version/derive.js';
import type { Subject } from '../version/subject.js';

export interface CheckContext {
  facts: Facts;
  config: Config;
  /** HEAD's version: describe, dirty, the build and dev versions (release, tag, preflight). */
  version: VersionInfo;
  /** The version under scrutiny: the release tag and version the check is about. */
  subject: Subject;
  /** Tag and push modes: the tag being created or pushed (push mode runs the checks once per tag). */
  target: TargetFacts | null;
}

export interface Check {
  id: string;
  /** Every code the check may report; a test keeps each code reported by exactly one check. */
  codes: readonly FindingCode[];
  modes: readonly Mode[];
  run(context: CheckContext): Finding[];
}

/** Identity function that exists for inference and to keep every check the same shape. */
export function defineCheck<const C extends Check>(check: C): C {
  return check;
}

export { listSome, plural } from '../util/text.js';
