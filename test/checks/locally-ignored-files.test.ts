import { describe, expect, it } from 'vitest';
import { locallyIgnoredFiles } from '../../src/checks/locally-ignored-files.js';
import { type Case, expectFindings, modesReporting, runCheck } from '../helpers/facts.js';

const hidden = { locallyIgnored: ['secret.env', 'src/gen.go'] };

const cases: Case[] = [
  ['nothing ignored by local rules', {}, []],
  ['not looked for (null)', { facts: { locallyIgnored: null } }, []],
  [
    'a warning by default, listing the paths',
    { facts: hidden },
    [
      {
        code: 'locally-ignored-files',
        severity: 'warning',
        paths: ['secret.env', 'src/gen.go'],
        message: ['2 untracked paths ignored only by rules outside the repository', 'secret.env, src/gen.go'],
        hint: ['committed .gitignore', '"locallyIgnored": "ignore"'],
      },
    ],
  ],
  [
    'an error when configured so',
    { facts: hidden, config: { locallyIgnored: 'error' } },
    [{ code: 'locally-ignored-files', severity: 'error', paths: ['secret.env', 'src/gen.go'] }],
  ],
  ['not checked when configured so', { facts: hidden, config: { locallyIgnored: 'ignore' } }, []],
];

describe('locally-ignored-files', () => {
  it.each(cases)('%s', (_, scenario, expected) => {
    expectFindings(runCheck(locallyIgnoredFiles, scenario), expected);
  });

  it('runs where the work tree is what gets built (release, tag, preflight)', () => {
    expect(modesReporting('locally-ignored-files', () => ({ facts: hidden }))).toEqual(['release', 'tag', 'preflight']);
  });
});
