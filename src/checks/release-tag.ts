// Release mode: HEAD must be exactly on a <prefix><strict semver> tag, and what a build would
// stamp must be a release version.
import { finding } from '../codes.js';
import { tagGlob } from '../git/describe.js';
import { classifyVersion, describeProblems } from '../version/rules.js';
import { defineCheck, listSome } from './define.js';
import type { Finding } from '../types.js';

export const releaseTag = defineCheck({
  id: 'release-tag',
  modes: ['release'],
  run({ facts, config, version }) {
    const prefix = config.tagPrefix;
    const glob = tagGlob(prefix);
    if (!facts.head) {
      return [finding('no-tag', { message: 'the branch has no commits yet, so there is nothing to release', hint: 'Commit, then tag the release commit.' })];
    }
    const short = facts.head.slice(0, 7);
    const { describe } = facts;
    if (!describe) {
      const others = facts.tags.map((t) => t.name).filter((n) => !n.startsWith(prefix));
      const hint = facts.shallow
        ? 'This is a shallow clone, so tags may be missing: git fetch --unshallow --tags.'
        : `Tag the release commit (git tag -a ${prefix}1.0.0 -m ${prefix}1.0.0), or fetch tags (git fetch --tags).` +
          (others.length ? ` Tags that do not match the prefix: ${listSome(others, 5)}; set "tagPrefix" if they are your release tags.` : '');
      return [finding('no-tag', { message: `no tag matching ${glob} is reachable from HEAD (${short})`, hint })];
    }
    const findings: Finding[] = [];
    if (!version.tagVersion) {
      findings.push(
        finding('tag-not-semver', {
          message: `the nearest release tag ${describe.tag} is not "${prefix}" followed by a strict semantic version`,
          hint: `Tag releases as ${prefix}MAJOR.MINOR.PATCH (e.g. ${prefix}1.2.3 or ${prefix}1.2.3-rc.1).`,
          tag: describe.tag,
        }),
      );
    }
    if (describe.distance > 0) {
      findings.push(
        finding('not-on-tag', {
          message: `HEAD (${short}) is ${describe.distance} commit${describe.distance === 1 ? '' : 's'} past ${describe.tag}, not on a release tag`,
          hint: `Tag this commit as the next release (git tag -a ${prefix}X.Y.Z -m ${prefix}X.Y.Z) or check out the tag you mean to build; for a non-release build use "stampguard version --dev" (${version.dev}).`,
          tag: describe.tag,
          expected: '0',
          actual: String(describe.distance),
        }),
      );
    }
    if (version.tagVersion) {
      const tagClass = classifyVersion(version.tagVersion.raw);
      if (!tagClass.standard) {
        findings.push(
          finding('nonstandard-version', {
            message: `the tag ${describe.tag} itself ${describeProblems(tagClass.problems)}`,
            hint: `Delete it (git tag -d ${describe.tag}) and tag the release with a plain version such as ${prefix}${version.tagVersion.major}.${version.tagVersion.minor}.${version.tagVersion.patch}.`,
            tag: describe.tag,
            actual: version.tagVersion.raw,
          }),
        );
      } else if (tagClass.prerelease && !config.allowPrerelease) {
        findings.push(
          finding('nonstandard-version', {
            message: `${describe.tag} is a pre-release, and "allowPrerelease" is false`,
            hint: 'Tag a release version, or set "allowPrerelease": true.',
            tag: describe.tag,
            actual: version.tagVersion.raw,
          }),
        );
      }
    }
    if (version.buildVersion && (describe.distance > 0 || version.dirty)) {
      const classified = classifyVersion(version.buildVersion);
      findings.push(
        finding('nonstandard-version', {
          message: `a build from this checkout would be stamped ${version.buildVersion}, which ${describeProblems(classified.problems) || 'is not a release version'}`,
          hint: 'Release from a clean tree exactly at a release tag; for a development build use "stampguard version --dev".',
          actual: version.buildVersion,
        }),
      );
    }
    return findings;
  },
});
