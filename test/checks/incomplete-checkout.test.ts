import { describe, expect, it } from 'vitest';
import { incompleteCheckout } from '../../src/checks/incomplete-checkout.js';
import { type Case, ELSEWHERE, expectFindings, modesReporting, runCheck, target } from '../helpers/facts.js';

const sparse = {
  incomplete: [
    { path: 'docs/', why: 'sparse' as const },
    { path: 'tools/x.sh', why: 'absent' as const },
  ],
};
const submodule = { incomplete: [{ path: 'libs/sub', why: 'submodule' as const }] };

const cases: Case[] = [
  ['the whole tree is there', {}, []],
  [
    'a sparse checkout leaves a directory and a file out',
    { facts: sparse },
    [
      {
        code: 'incomplete-checkout',
        severity: 'error',
        paths: ['docs/', 'tools/x.sh'],
        message: ['missing 2 parts', 'docs/ (left out by the sparse checkout)', 'tools/x.sh (skip-worktree, absent)'],
        hint: ['git sparse-checkout disable', '"incompleteCheckout": "warning"'],
      },
    ],
  ],
  [
    'a submodule that is not initialised',
    { facts: submodule },
    [
      {
        code: 'incomplete-checkout',
        severity: 'error',
        paths: ['libs/sub'],
        message: ['libs/sub (submodule not initialised)'],
        hint: ['git submodule update --init --recursive'],
      },
    ],
  ],
  [
    'a warning when configured so',
    { facts: submodule, config: { incompleteCheckout: 'warning' } },
    [{ code: 'incomplete-checkout', severity: 'warning', paths: ['libs/sub'] }],
  ],
  [
    'a tag on another commit does not include the work tree',
    { facts: { mode: 'tag', ...submodule, targets: [target('v1.2.3', { commit: ELSEWHERE, isHead: false })] } },
    [],
  ],
];

describe('incomplete-checkout', () => {
  it.each(cases)('%s', (_, scenario, expected) => {
    expectFindings(runCheck(incompleteCheckout, scenario), expected);
  });

  it('runs where the work tree is what gets built (release, tag, preflight)', () => {
    expect(modesReporting('incomplete-checkout', () => ({ facts: submodule }))).toEqual([
      'release',
      'tag',
      'preflight',
    ]);
  });
});
