// A release tag being created or pushed must name a commit, not a tree or a blob.
import { finding } from '../codes.js';
import { defineCheck } from './define.js';

export const tagNotCommit = defineCheck({
  id: 'tag-not-commit',
  codes: ['tag-not-commit'],
  modes: ['tag', 'push'],
  run({ subject, target }) {
    if (!target || !subject.tag || target.commit !== null || target.objectType === null) return [];
    const what = target.objectType === 'tag' ? 'a tag object that does not lead to a commit' : `a ${target.objectType}`;
    return [
      finding('tag-not-commit', {
        message: `${target.tag} points at ${what} (${target.object?.slice(0, 12)}), not a commit`,
        hint: `Delete it (git tag -d ${target.tag}) and tag the release commit: git tag -a ${target.tag} -m ${target.tag} COMMIT`,
        tag: target.tag,
        actual: target.objectType,
      }),
    ];
  },
});
