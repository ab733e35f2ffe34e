// A tag stampguard derives a version from must be <prefix><strict semver>: the nearest release tag
// (release mode) or the tag being created or pushed. Tags that do not look like release tags at
// all (deploy-prod) are not checked, with a warning.
import { finding } from '../codes.js';
import { tagGlob } from '../git/describe.js';
import { isReleaseTagName, versionFromTag } from '../version/rules.js';
import { defineCheck } from './define.js';

export const tagNotSemver = defineCheck({
  id: 'tag-not-semver',
  codes: ['tag-not-semver'],
  modes: ['release', 'tag', 'push'],
  run({ facts, config, version, target }) {
    const prefix = config.tagPrefix;
    if (facts.mode === 'release') {
      const tag = facts.describe?.tag;
      if (!facts.head || !tag || version.tagVersion) return [];
      return [
        finding('tag-not-semver', {
          message: `the nearest release tag ${tag} is not "${prefix}" followed by a strict semantic version`,
          hint: `Tag releases as ${prefix}MAJOR.MINOR.PATCH (e.g. ${prefix}1.2.3 or ${prefix}1.2.3-rc.1).`,
          tag,
        }),
      ];
    }
    if (!target) return [];
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
    if (versionFromTag(tag, prefix)) return [];
    return [
      finding('tag-not-semver', {
        message: `${tag} is not "${prefix}" followed by a strict semantic version`,
        hint: `Use ${prefix}MAJOR.MINOR.PATCH, e.g. ${prefix}1.2.3 or ${prefix}1.2.3-rc.1 (no leading zeros, no fourth number).`,
        tag,
      }),
    ];
  },
});
