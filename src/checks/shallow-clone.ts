// A shallow clone has truncated history: tags and distances cannot be trusted.
import { finding } from '../codes.js';
import { defineCheck } from './define.js';

export const shallowClone = defineCheck({
  id: 'shallow-clone',
  codes: ['shallow-clone'],
  modes: ['release', 'preflight'],
  run({ facts }) {
    if (!facts.shallow) return [];
    return [
      finding('shallow-clone', {
        message: 'this is a shallow clone: history and tags are incomplete, so the version cannot be trusted',
        hint: 'Run git fetch --unshallow --tags (in GitHub Actions: actions/checkout with fetch-depth: 0).',
      }),
    ];
  },
});
