// The release branch must not be behind its upstream, read from the local remote-tracking refs
// (`--fetch` refreshes them first). No upstream is a warning when the repository has remotes.
import { finding } from '../codes.js';
import { defineCheck, plural } from './define.js';

export const behindUpstream = defineCheck({
  id: 'behind-upstream',
  codes: ['behind-upstream'],
  modes: ['release', 'preflight'],
  run({ facts }) {
    const { status } = facts;
    if (facts.branch === null || !facts.head) return [];
    if (status.upstream === null) {
      if (!facts.remotes || facts.remotes.length === 0) return []; // a local-only repository has nothing to be behind
      return [
        finding('behind-upstream', {
          severity: 'warning',
          message: `the branch ${facts.branch} has no upstream, so stampguard cannot tell whether it is behind ${facts.remotes.join(', ')}`,
          hint: facts.remotesWithBranch?.length
            ? `Set one: git branch --set-upstream-to=${facts.remotesWithBranch[0]}/${facts.branch}`
            : `${facts.remotes[0]} has no branch ${facts.branch} yet (or it was not fetched): push it and set it as the upstream with git push -u ${facts.remotes[0]} ${facts.branch}, or git fetch ${facts.remotes[0]} if it is there.`,
        }),
      ];
    }
    if (!status.behind) return [];
    return [
      finding('behind-upstream', {
        message: `${facts.branch} is ${plural(status.behind, 'commit')} behind ${status.upstream} (as of the last fetch)`,
        hint: `Pull first (git pull), then release; "stampguard check --fetch" refreshes ${status.upstream} before checking.`,
        expected: '0',
        actual: String(status.behind),
      }),
    ];
  },
});
