// HEAD carries several release tags of different versions: a describe-based build stamps the one
// git describe names (the annotated one, the newest), which is the one checked and stamped. Say
// so, naming them all, when that is not the highest version, the one a person would expect.
import { finding } from '../codes.js';
import { compareVersions, versionFromTag } from '../version/rules.js';
import { defineCheck, listSome } from './define.js';

export const ambiguousReleaseTag = defineCheck({
  id: 'ambiguous-release-tag',
  codes: ['ambiguous-release-tag'],
  modes: ['release'],
  run({ facts, config, subject }) {
    const chosen = subject.tag;
    const chosenVersion = subject.version;
    if (!chosen || !chosenVersion || facts.tagsAtHead.length < 2) return [];
    const higher = facts.tagsAtHead.filter((name) => {
      const v = versionFromTag(name, config.tagPrefix);
      return v !== null && compareVersions(v, chosenVersion) > 0;
    });
    if (higher.length === 0) return [];
    return [
      finding('ambiguous-release-tag', {
        message: `HEAD carries ${listSome(facts.tagsAtHead)}; git describe, and so a build, takes ${chosen} (an annotated tag wins over a lightweight one, then the newest), not ${listSome(higher)}`,
        hint: `Delete the tag you did not mean (git tag -d NAME; a stray tag fetched from elsewhere is the usual cause), or make the release tag the newest annotated one on this commit.`,
        tag: chosen,
        expected: chosen,
        actual: higher.join(', '),
      }),
    ];
  },
});
