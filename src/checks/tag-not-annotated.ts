// requireAnnotatedTag: the release tag must be an annotated tag object.
import { finding } from '../codes.js';
import { defineCheck } from './define.js';

export const tagNotAnnotated = defineCheck({
  id: 'tag-not-annotated',
  codes: ['tag-not-annotated'],
  modes: ['release', 'tag', 'push'],
  run({ facts, config, subject, target }) {
    const name = subject.tag;
    if (!config.requireAnnotatedTag || !name) return [];
    // A tag being created or pushed knows its own object; otherwise the existing ref tells.
    const annotated = target ? target.annotated : (facts.tags.find((t) => t.name === name)?.annotated ?? null);
    if (annotated !== false) return [];
    return [
      finding('tag-not-annotated', {
        message: `${name} is a lightweight tag, and "requireAnnotatedTag" is set`,
        hint: `Re-create it annotated: git tag -d ${name} && git tag -a ${name} -m ${name}`,
        tag: name,
      }),
    ];
  },
});
