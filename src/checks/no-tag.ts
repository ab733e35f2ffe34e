// Release mode: a release version comes from a release tag; without one there is nothing to stamp.
import { finding } from '../codes.js';
import { manifestVersion } from '../facts/version-files.js';
import { tagGlob } from '../git/describe.js';
import { parseStrictSemver, releaseVerdict } from '../version/rules.js';
import { defineCheck, listSome } from './define.js';

export const noTag = defineCheck({
  id: 'no-tag',
  codes: ['no-tag'],
  modes: ['release'],
  run({ facts, config }) {
    const prefix = config.tagPrefix;
    if (!facts.head) {
      return [
        finding('no-tag', {
          message: 'the branch has no commits yet, so there is nothing to release',
          hint: 'Commit, then tag the release commit.',
        }),
      ];
    }
    if (facts.describe) return [];
    const others = facts.tags.map((t) => t.name).filter((n) => !n.startsWith(prefix));
    // The version to suggest: the one package.json holds, when it is a release version.
    const manifest = manifestVersion(facts.versionFiles);
    const first = manifest && parseStrictSemver(manifest) && releaseVerdict(manifest, true).ok ? manifest : '1.0.0';
    const hint = facts.shallow
      ? 'This is a shallow clone, so tags may be missing: git fetch --unshallow --tags.'
      : `Tag the release commit (git tag -a ${prefix}${first} -m ${prefix}${first}), or fetch tags (git fetch --tags).` +
        (others.length
          ? ` Tags that do not match the prefix: ${listSome(others, 5)}; set "tagPrefix" if they are your release tags.`
          : '');
    return [
      finding('no-tag', {
        message: `no tag matching ${tagGlob(prefix)} is reachable from HEAD (${facts.head.slice(0, 7)})`,
        hint,
      }),
    ];
  },
});
