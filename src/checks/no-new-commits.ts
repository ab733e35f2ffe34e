// A new release needs changes: a release tag on a commit that already carries another release
// has no commits since it (release-it's requireCommits). Promoting a release candidate to its
// release on the same commit (v1.2.0-rc.2 → v1.2.0) is the one exception: that is the point of a
// candidate.
import { finding } from '../codes.js';
import { compareVersions, coreVersion, isReleaseTagName, versionFromTag } from '../version/rules.js';
import { defineCheck, listSome } from './define.js';

export const noNewCommits = defineCheck({
  id: 'no-new-commits',
  codes: ['no-new-commits'],
  modes: ['tag'],
  run({ facts, config, subject, target }) {
    const version = subject.version;
    if (!target || !version || !target.commit) return [];
    const prefix = config.tagPrefix;
    const others = facts.tags.filter((t) => {
      if (t.target !== target.commit || t.name === target.tag || !isReleaseTagName(t.name, prefix)) return false;
      const other = versionFromTag(t.name, prefix);
      // A candidate promoted: the earlier tag is a pre-release of this very release.
      const promoted =
        other !== null &&
        other.prerelease.length > 0 &&
        version.prerelease.length === 0 &&
        coreVersion(other) === coreVersion(version) &&
        compareVersions(other, version) < 0;
      return !promoted;
    });
    if (others.length === 0) return [];
    const names = others.map((t) => t.name);
    return [
      finding('no-new-commits', {
        message: `${target.tag} would tag ${target.commit.slice(0, 7)}, which already carries ${listSome(names)}: there are no commits since that release`,
        hint: `Commit the changes you mean to release first, or, if ${names[0]} is the wrong name for this commit, delete it (git tag -d ${names[0]}) before tagging ${target.tag}.`,
        tag: target.tag,
        actual: names.join(', '),
      }),
    ];
  },
});
