// Untracked, non-ignored files: build tools pick files up by glob, so they can end up in a release.
import { finding } from '../codes.js';
import { untrackedEntries } from '../git/status.js';
import { defineCheck, listSome, plural } from './define.js';

export const untrackedFiles = defineCheck({
  id: 'untracked-files',
  codes: ['untracked-files'],
  modes: ['release', 'tag', 'preflight'],
  run({ facts, config, target }) {
    if (config.untracked === 'ignore') return [];
    if (target && !target.isHead) return [];
    const untracked = untrackedEntries(facts.status.entries);
    if (untracked.length === 0) return [];
    return [
      finding('untracked-files', {
        severity: config.untracked === 'warning' ? 'warning' : 'error',
        message: `${plural(untracked.length, 'untracked path')}: ${listSome(untracked.map((e) => e.path))}`,
        hint: 'Commit them, delete them or add them to .gitignore (or set "untracked": "warning" to only warn).',
        paths: untracked.map((e) => e.path),
      }),
    ];
  },
});
