// The version under scrutiny, decided once per mode: which release tag and version a check is
// about, and the version the feature gates are evaluated at. Checks, facts (which tag's signature
// to verify) and the report (what would be stamped) all read it from here.
import type { Mode } from '../types.js';
import type { VersionInfo } from './derive.js';
import { isReleaseTagName, type ParsedVersion, versionFromTag } from './rules.js';

export interface Subject {
  /**
   * The release tag in question: the tag being created or pushed, or the release tag HEAD is
   * exactly on. Only names that look like release tags (<prefix><digit>…); null otherwise.
   */
  tag: string | null;
  /** Its version when the tag is <prefix><strict semver>; in commit mode, the staged version. */
  version: ParsedVersion | null;
  /** The commit the tag names (null in commit mode). */
  commit: string | null;
  /**
   * The version a build would stamp, at which feature gates are evaluated: the subject's version,
   * or, when the checkout is not releasable, what a describe-based build stamps anyway (that is
   * how 0.1.0-284+…-dirty met NodeSwap=false).
   */
  gatesAt: string | null;
}

export interface SubjectInput {
  mode: Mode;
  prefix: string;
  /** tag and push modes: the tag being created or pushed and the commit it names. */
  target: { tag: string; commit: string | null } | null;
  head: string | null;
  version: Pick<VersionInfo, 'tag' | 'distance' | 'dirty' | 'tagVersion' | 'buildVersion'>;
  /** commit mode: the first staged version found in the version files. */
  stagedVersion?: string | null;
}

const NONE: Subject = { tag: null, version: null, commit: null, gatesAt: null };

export function subjectOf(input: SubjectInput): Subject {
  const { mode, prefix, target, version } = input;
  switch (mode) {
    case 'tag':
    case 'push': {
      if (!target) return NONE;
      const parsed = versionFromTag(target.tag, prefix);
      return {
        tag: isReleaseTagName(target.tag, prefix) ? target.tag : null,
        version: parsed,
        commit: target.commit,
        gatesAt: parsed?.raw ?? null,
      };
    }
    case 'release': {
      const onTag = version.tag !== null && version.distance === 0;
      const tag = releaseTagOnHead(version, prefix);
      return {
        tag,
        version: onTag ? version.tagVersion : null,
        commit: onTag ? input.head : null,
        gatesAt: onTag && version.tagVersion && !version.dirty ? version.tagVersion.raw : version.buildVersion,
      };
    }
    case 'commit': {
      const staged = input.stagedVersion ?? null;
      return { tag: null, version: null, commit: null, gatesAt: staged };
    }
    case 'preflight':
      return NONE;
  }
}

/** The release tag HEAD is exactly on, from describe's answer (tag and distance). */
export function releaseTagOnHead(
  describe: { tag: string | null; distance: number | null } | null,
  prefix: string,
): string | null {
  if (!describe?.tag || describe.distance !== 0) return null;
  return isReleaseTagName(describe.tag, prefix) ? describe.tag : null;
}

/** The release version a passing check stamps: the subject's tag version (release, tag and push modes). */
export function stampedVersion(mode: Mode, subject: Subject): string | null {
  if (mode === 'commit' || mode === 'preflight') return null;
  return subject.version?.raw ?? null;
}
