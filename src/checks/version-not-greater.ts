// A tag being created must move versions forward. A push sends a tag that already exists locally,
// and an older tag may be pushed late, so only tag mode compares with the other tags.
import { finding } from '../codes.js';
import { compareVersions, type ParsedVersion, versionFromTag } from '../version/rules.js';
import { defineCheck } from './define.js';

export const versionNotGreater = defineCheck({
  id: 'version-not-greater',
  codes: ['version-not-greater'],
  modes: ['tag'],
  run({ facts, config, subject, target }) {
    const version = subject.version;
    if (!target || !version) return [];
    // No holes: the tagged commit already contains these releases, so the new one must be newer
    // than all of them, backport or not.
    const contained = highestOf(target.reachableReleases, config.tagPrefix);
    if (contained && compareVersions(version, contained.version) <= 0) {
      return [
        finding('version-not-greater', {
          message: `${target.tag} is not greater than ${contained.name}, which the tagged commit already contains`,
          hint: `Pick a version greater than ${contained.version.raw}; a backport to an older line is tagged on a commit of that line, which does not contain ${contained.name}.`,
          tag: target.tag,
          expected: `> ${contained.version.raw}`,
          actual: version.raw,
        }),
      ];
    }
    const highest = highestRelease(facts.tags, config.tagPrefix, target.tag, version);
    if (!highest || compareVersions(version, highest.version) > 0) return [];
    return [
      finding('version-not-greater', {
        message: `${target.tag} is not greater than ${highest.name}, the highest ${highest.sameLine ? `${version.major}.${version.minor}.x ` : ''}release tag`,
        hint: `Pick a version greater than ${highest.version.raw}.`,
        tag: target.tag,
        expected: `> ${highest.version.raw}`,
        actual: version.raw,
      }),
    ];
  },
});

/** The highest strict release among tag names. */
function highestOf(names: readonly string[], prefix: string): { name: string; version: ParsedVersion } | null {
  let best: { name: string; version: ParsedVersion } | null = null;
  for (const name of names) {
    const v = versionFromTag(name, prefix);
    if (v && (!best || compareVersions(v, best.version) > 0)) best = { name, version: v };
  }
  return best;
}

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
    if (v.major === version.major && v.minor === version.minor && (!line || compareVersions(v, line.version) > 0))
      line = { name, version: v };
  }
  if (line) return { ...line, sameLine: true };
  return overall ? { ...overall, sameLine: false } : null;
}
