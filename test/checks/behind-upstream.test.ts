import { describe, expect, it } from 'vitest';
import { behindUpstream } from '../../src/checks/behind-upstream.js';
import { type Case, expectFindings, modesReporting, runCheck } from '../helpers/facts.js';

const behind = (n: number) => ({ status: { behind: n } });
const noUpstream = (remotes: string[] | null, remotesWithBranch: string[] | null = remotes) => ({
  status: { upstream: null, ahead: null, behind: null },
  remotes,
  remotesWithBranch,
});

const cases: Case[] = [
  ['up to date with the upstream', {}, []],
  ['ahead of the upstream', { facts: { status: { ahead: 2 } } }, []],
  [
    'one commit behind',
    { facts: behind(1) },
    [
      {
        code: 'behind-upstream',
        severity: 'error',
        expected: '0',
        actual: '1',
        message: ['main is 1 commit behind origin/main (as of the last fetch)'],
        hint: ['Pull first (git pull)', '"stampguard check --fetch" refreshes origin/main'],
      },
    ],
  ],
  [
    'several commits behind',
    { facts: behind(7) },
    [{ code: 'behind-upstream', severity: 'error', expected: '0', actual: '7', message: ['main is 7 commits behind'] }],
  ],
  ['no upstream in a repository without remotes', { facts: noUpstream([]) }, []],
  ['no upstream and no remotes read', { facts: noUpstream(null) }, []],
  [
    'no upstream although there are remotes: a warning',
    { facts: noUpstream(['origin', 'fork']) },
    [
      {
        code: 'behind-upstream',
        severity: 'warning',
        message: ['the branch main has no upstream, so stampguard cannot tell whether it is behind origin, fork'],
        hint: ['git branch --set-upstream-to=origin/main'],
      },
    ],
  ],
  [
    'no upstream, and only the second remote has the branch: that one is named',
    { facts: noUpstream(['origin', 'fork'], ['fork']) },
    [{ code: 'behind-upstream', severity: 'warning', hint: ['git branch --set-upstream-to=fork/main'] }],
  ],
  [
    'no upstream, and no remote has the branch yet: push it with -u rather than name a branch that does not exist',
    { facts: noUpstream(['origin'], []) },
    [{ code: 'behind-upstream', severity: 'warning', hint: ['git push -u origin main'] }],
  ],
  ['a detached HEAD has no upstream to be behind', { facts: { branch: null, ...behind(3) } }, []],
  ['an unborn branch', { facts: { head: null, ...behind(3) } }, []],
  [
    'before the version bump',
    { facts: { mode: 'preflight', ...behind(2) } },
    [{ code: 'behind-upstream', severity: 'error', expected: '0', actual: '2', hint: ['git pull'] }],
  ],
];

describe('behind-upstream', () => {
  it.each(cases)('%s', (_, scenario, expected) => {
    expectFindings(runCheck(behindUpstream, scenario), expected);
  });

  it('runs on the release branch (release, preflight); tags and commits are not about the branch tip', () => {
    expect(modesReporting('behind-upstream', () => ({ facts: behind(2) }))).toEqual(['release', 'preflight']);
  });
});
