// Tag mode: the tag about to be created must be a well-formed release tag that moves versions
// forward and does not move an existing tag.
import { finding } from '../codes.js';
import { tagGlob } from '../git/describe.js';
import { classifyVersion, compareVersions, describeProblems, versionFromTag, type ParsedVersion } from '../version/rules.js';
import { defineCheck } from './define.js';
import type { Finding } from '../types.js';

/** Does the tag name look like a release tag at all (<prefix><digit>…)? Other tags are not checked. */
export function isReleaseTagName(name: string, prefix: string): boolean {
  return name.startsWith(prefix) && /^[0-9]/.test(name.slice(prefix.length));
}

export const newTag = defineCheck({
  id: 'new-tag',
  modes: ['tag', 'push'],
  run({ facts, config }) {
    const target = facts.target;
    if (!target) return [];
    const prefix = config.tagPrefix;
    const { tag } = target;
    if (!isReleaseTagName(tag, prefix)) {
      return [
        finding('tag-not-semver', {
          severity: 'warning',
          message: `${tag} is not a release tag (release tags match ${tagGlob(prefix)}), so it is not checked`,
          hint: `Release tags are ${prefix}MAJOR.MINOR.PATCH; set "tagPrefix" if yours use another prefix.`,
          tag,
        }),
      ];
    }
    const version = versionFromTag(tag, prefix);
    if (!version) {
      return [
        finding('tag-not-semver', {
          message: `${tag} is not "${prefix}" followed by a strict semantic version`,
          hint: `Use ${prefix}MAJOR.MINOR.PATCH, e.g. ${prefix}1.2.3 or ${prefix}1.2.3-rc.1 (no leading zeros, no fourth number).`,
          tag,
        }),
      ];
    }
    const findings: Finding[] = [];
    const classified = classifyVersion(version.raw);
    if (!classified.standard) {
      findings.push(
        finding('nonstandard-version', {
          message: `${tag} ${describeProblems(classified.problems)}; it would stamp ${version.raw}`,
          hint: `Tag a plain release version such as ${prefix}${version.major}.${version.minor}.${version.patch}.`,
          tag,
          actual: version.raw,
        }),
      );
    } else if (classified.prerelease && !config.allowPrerelease) {
      findings.push(
        finding('nonstandard-version', {
          message: `${tag} is a pre-release, and "allowPrerelease" is false`,
          hint: 'Tag a release version, or set "allowPrerelease": true.',
          tag,
          actual: version.raw,
        }),
      );
    }
    const existing = facts.tags.find((t) => t.name === tag);
    if (existing && target.commit && existing.target !== target.commit) {
      findings.push(
        finding('tag-exists', {
          message: `${tag} already exists and points at ${existing.target.slice(0, 7)}, not ${target.commit.slice(0, 7)}`,
          hint: `Choose a new version; if ${tag} is wrong and unpublished, delete it first (git tag -d ${tag}).`,
          tag,
          expected: target.commit,
          actual: existing.target,
        }),
      );
    }
    // A push sends a tag that already exists locally; an older tag may be pushed late, so only a
    // tag being created is compared with the others.
    const highest = facts.mode === 'tag' ? highestRelease(facts.tags, prefix, tag, version) : null;
    if (highest && compareVersions(version, highest.version) <= 0) {
      findings.push(
        finding('version-not-greater', {
          message: `${tag} is not greater than ${highest.name}, the highest ${highest.sameLine ? `${version.major}.${version.minor}.x ` : ''}release tag`,
          hint: `Pick a version greater than ${highest.version.raw}.`,
          tag,
          expected: `> ${highest.version.raw}`,
          actual: version.raw,
        }),
      );
    }
    return findings;
  },
});

/**
 * The release a new tag must exceed. Patch releases of an older line are normal (v1.2.4 after
 * v1.3.0), so when the new tag's major.minor line already has tags it is compared within that
 * line; a new line must be greater than every existing release.
 */
export function highestRelease(
  tags: readonly { name: string }[],
  prefix: string,
  exclude: string,
  version: ParsedVersion,
): { name: string; version: ParsedVersion; sameLine: boolean } | null {
  let overall: { name: string; version: ParsedVersion } | null = null;
  let line: { name: string; version: ParsedVersion } | null = null;
  for (const { name } of tags) {
    if (name === exclude) continue;
    const v = versionFromTag(name, prefix);
    if (!v) continue;
    if (!overall || compareVersions(v, overall.version) > 0) overall = { name, version: v };
    if (v.major === version.major && v.minor === version.minor && (!line || compareVersions(v, line.version) > 0)) line = { name, version: v };
  }
  if (line) return { ...line, sameLine: true };
  return overall ? { ...overall, sameLine: false } : null;
}
