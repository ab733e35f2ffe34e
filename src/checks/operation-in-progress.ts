// A merge, rebase, cherry-pick, revert or bisect under way: HEAD is not a state anyone chose.
import { finding } from '../codes.js';
import type { Operation } from '../git/repo.js';
import { defineCheck } from './define.js';

const WAY_OUT: Record<Operation, string> = {
  merge: 'Finish the merge (git commit) or abort it (git merge --abort).',
  rebase: 'Finish the rebase (git rebase --continue) or abort it (git rebase --abort).',
  'cherry-pick': 'Finish the cherry-pick (git cherry-pick --continue) or abort it (git cherry-pick --abort).',
  revert: 'Finish the revert (git revert --continue) or abort it (git revert --abort).',
  bisect: 'End the bisect (git bisect reset).',
};

export const operationInProgress = defineCheck({
  id: 'operation-in-progress',
  codes: ['operation-in-progress'],
  modes: ['release', 'tag', 'preflight'],
  run({ facts }) {
    if (!facts.operation) return [];
    return [
      finding('operation-in-progress', {
        message: `a ${facts.operation} is in progress`,
        hint: WAY_OUT[facts.operation],
      }),
    ];
  },
});
