// "branches": releases and tags come from release branches only.
import { finding } from '../codes.js';
import { matchesAny } from '../glob.js';
import { defineCheck } from './define.js';

export const branchNotAllowed = defineCheck({
  id: 'branch-not-allowed',
  codes: ['branch-not-allowed'],
  modes: ['release', 'tag', 'preflight'],
  run({ facts, config }) {
    const patterns = config.branches;
    if (!patterns || !facts.head) return [];
    const allowed = patterns.join(', ');
    if (facts.branch !== null) {
      if (matchesAny(facts.branch, patterns)) return [];
      return [
        finding('branch-not-allowed', {
          message: `the current branch ${facts.branch} is not one of the release branches (${allowed})`,
          hint: `Switch to a release branch, or add "${facts.branch}" to "branches" in the configuration.`,
          expected: allowed,
          actual: facts.branch,
        }),
      ];
    }
    // A detached HEAD (CI checks out tags this way) is fine when an allowed branch contains it.
    if (facts.branchesContainingHead && facts.branchesContainingHead.length > 0) return [];
    return [
      finding('branch-not-allowed', {
        message: `HEAD is detached at ${facts.head.slice(0, 7)}, and no release branch (${allowed}) contains it`,
        hint: 'Check out a release branch, or fetch it so its remote-tracking ref contains this commit (git fetch origin).',
        expected: allowed,
        actual: 'detached HEAD',
      }),
    ];
  },
});
