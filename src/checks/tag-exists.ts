// A tag being created must not move an existing tag to another commit.
import { finding } from '../codes.js';
import { defineCheck } from './define.js';

export const tagExists = defineCheck({
  id: 'tag-exists',
  codes: ['tag-exists'],
  modes: ['tag', 'push'],
  run({ facts, subject, target }) {
    if (!target || !subject.version || !target.commit) return [];
    const { tag, commit } = target;
    const existing = facts.tags.find((t) => t.name === tag);
    if (!existing || existing.target === commit) return [];
    return [
      finding('tag-exists', {
        message: `${tag} already exists and points at ${existing.target.slice(0, 7)}, not ${commit.slice(0, 7)}`,
        hint: `Choose a new version; if ${tag} is wrong and unpublished, delete it first (git tag -d ${tag}).`,
        tag,
        expected: commit,
        actual: existing.target,
      }),
    ];
  },
});
