// Release mode: a release build must be exactly at a release tag.
import { finding } from '../codes.js';
import { defineCheck, plural } from './define.js';

export const notOnTag = defineCheck({
  id: 'not-on-tag',
  codes: ['not-on-tag'],
  modes: ['release'],
  run({ facts, config, version }) {
    const { describe } = facts;
    if (!facts.head || !describe || describe.distance === 0) return [];
    const prefix = config.tagPrefix;
    return [
      finding('not-on-tag', {
        message: `HEAD (${facts.head.slice(0, 7)}) is ${plural(describe.distance, 'commit')} past ${describe.tag}, not on a release tag`,
        hint: `Tag this commit as the next release (git tag -a ${prefix}X.Y.Z -m ${prefix}X.Y.Z) or check out the tag you mean to build; for a non-release build use "stampguard version --dev" (${version.dev}).`,
        tag: describe.tag,
        expected: '0',
        actual: String(describe.distance),
      }),
    ];
  },
});
