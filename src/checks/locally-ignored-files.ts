// Untracked files that only rules outside the repository's history ignore (.git/info/exclude,
// core.excludesFile, an untracked .gitignore): invisible to git status, visible to a build.
import { finding } from '../codes.js';
import { defineCheck, listSome, plural } from './define.js';

export const locallyIgnoredFiles = defineCheck({
  id: 'locally-ignored-files',
  codes: ['locally-ignored-files'],
  modes: ['release', 'tag', 'preflight'],
  run({ facts, config, target }) {
    if (config.locallyIgnored === 'ignore' || !facts.locallyIgnored?.length) return [];
    if (target && !target.isHead) return [];
    const paths = facts.locallyIgnored;
    return [
      finding('locally-ignored-files', {
        severity: config.locallyIgnored,
        message: `${plural(paths.length, 'untracked path')} ignored only by rules outside the repository (.git/info/exclude, core.excludesFile or an untracked .gitignore): ${listSome(paths)}`,
        hint: 'Delete them, or ignore them in a committed .gitignore; "locallyIgnored": "ignore" stops this check ("error" makes it refuse).',
        paths,
      }),
    ];
  },
});
