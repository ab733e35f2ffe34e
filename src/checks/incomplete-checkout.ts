// The work tree must hold the whole committed tree: a build from a sparse checkout or without its
// submodules is not a build of the tagged commit.
import { finding } from '../codes.js';
import { defineCheck, listSome, plural } from './define.js';

const WHY = {
  sparse: 'left out by the sparse checkout',
  absent: 'skip-worktree, absent',
  submodule: 'submodule not initialised',
};

export const incompleteCheckout = defineCheck({
  id: 'incomplete-checkout',
  codes: ['incomplete-checkout'],
  modes: ['release', 'tag', 'preflight'],
  run({ facts, config, target }) {
    if (target && !target.isHead) return [];
    const parts = facts.incomplete;
    if (parts.length === 0) return [];
    const fixes = [
      parts.some((p) => p.why !== 'submodule') &&
        'git sparse-checkout disable (or git update-index --no-skip-worktree PATH and git checkout -- PATH)',
      parts.some((p) => p.why === 'submodule') && 'git submodule update --init --recursive',
    ].filter(Boolean);
    return [
      finding('incomplete-checkout', {
        severity: config.incompleteCheckout,
        message: `the work tree is missing ${plural(parts.length, 'part')} of the committed tree: ${listSome(parts.map((p) => `${p.path} (${WHY[p.why]})`))}`,
        hint: `Check out everything (${fixes.join('; ')}), or set "incompleteCheckout": "warning" if your build never needs them.`,
        paths: parts.map((p) => p.path),
      }),
    ];
  },
});
