// --format github: one workflow command per finding, then one summary line, to the byte
// (https://docs.github.com/actions/reference/workflow-commands-for-github-actions).
import { describe, expect, it } from 'vitest';
import { formatAnnotation, formatGithub } from '../../src/reporters/github.js';
import type { Finding } from '../../src/types.js';
import { entry, reportOf, type Scenario } from '../helpers/facts.js';

const lines = (...text: string[]) => `${text.join('\n')}\n`;
const github = (s: Scenario) => formatGithub(reportOf(s));
const noUpstream = {
  status: { upstream: null, ahead: null, behind: null },
  remotes: ['origin'],
  remotesWithBranch: ['origin'],
};

describe('github: the summary line', () => {
  it('passed, naming the version stamped', () => {
    expect(github({})).toBe('stampguard: release check passed, stamp 1.2.3\n');
  });

  it('passed with a warning: the warning is an annotation', () => {
    expect(github({ facts: noUpstream })).toBe(
      lines(
        '::warning title=stampguard behind-upstream::the branch main has no upstream, so stampguard cannot tell whether it is behind origin%0ASet one: git branch --set-upstream-to=origin/main',
        'stampguard: release check passed, stamp 1.2.3',
      ),
    );
  });

  it('refused with one error says "1 error"', () => {
    expect(github({ facts: { status: { behind: 1 } } })).toBe(
      lines(
        '::error title=stampguard behind-upstream::main is 1 commit behind origin/main (as of the last fetch)%0APull first (git pull), then release; "stampguard check --fetch" refreshes origin/main before checking.',
        'stampguard: release check refused (1 error)',
      ),
    );
  });

  it('refused with several findings, in report order; a finding about one file names it', () => {
    const out = github({
      facts: {
        describe: { tag: 'v1.2.3', distance: 2, abbrev: '0214af08731054' },
        ...noUpstream,
        status: { ...noUpstream.status, entries: [entry.modified('src/a.ts'), entry.untracked('notes.txt')] },
      },
      config: { convention: 'kubernetes' },
    });
    expect(out).toBe(
      lines(
        '::error file=src/a.ts,title=stampguard dirty-tree::1 tracked file changed: src/a.ts%0ACommit or stash it (git stash) before releasing.',
        '::error file=notes.txt,title=stampguard untracked-files::1 untracked path: notes.txt%0ACommit them, delete them or add them to .gitignore (or set "untracked": "warning" to only warn).',
        '::error title=stampguard not-on-tag::HEAD (0214af0) is 2 commits past v1.2.3, not on a release tag%0ATag this commit as the next release (git tag -a vX.Y.Z -m vX.Y.Z) or check out the tag you mean to build; for a non-release build use "stampguard version --dev" (1.2.3-2+0214af08731054-dirty).',
        '::error title=stampguard nonstandard-version::a build from this checkout would be stamped 1.2.3-2+0214af08731054-dirty, which carries a commit id and a dirty-tree marker%0ARelease from a clean tree exactly at a release tag; for a development build use "stampguard version --dev".',
        '::warning title=stampguard behind-upstream::the branch main has no upstream, so stampguard cannot tell whether it is behind origin%0ASet one: git branch --set-upstream-to=origin/main',
        'stampguard: release check refused (4 errors)',
      ),
    );
  });

  it.each([
    ['tag', {}, 'stampguard: tag check passed, stamp 1.2.3\n'],
    ['push', {}, 'stampguard: push check passed, stamp 1.2.3\n'],
    ['commit', {}, 'stampguard: commit check passed\n'],
    ['preflight', {}, 'stampguard: pre-release check passed\n'],
  ] as const)('%s mode', (mode, _, expected) => {
    expect(github({ facts: { mode } })).toBe(expected);
  });
});

describe('github: escaping', () => {
  const base: Finding = { code: 'dirty-tree', severity: 'error', message: 'm', hint: 'h' };
  const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

  it('several paths: no file property', () => {
    expect(formatAnnotation({ ...base, paths: ['a.ts', 'b.ts'] })).toBe('::error title=stampguard dirty-tree::m%0Ah');
  });

  it('workflow-command syntax in a file name stays data: % , : newline (shown as \\r\\n, not a line break)', () => {
    const annotation = formatAnnotation({ ...base, message: '50% done\r\n::stop-commands::x', paths: ['a,b:c%.ts'] });
    expect(annotation).toBe(
      '::error file=a%2Cb%3Ac%25.ts,title=stampguard dirty-tree::50%25 done\\r\\n::stop-commands::x%0Ah',
    );
    expect(annotation.split('\n')).toHaveLength(1);
  });

  it('a path with ESC and a C1 control: escaped in the message and the file property, never raw', () => {
    const out = github({ facts: { status: { entries: [entry.modified('evil\x1b[31m\u009b2J.ts')] } } });
    expect(out.split('\n')[0]).toBe(
      '::error file=evil\\x1b[31m\\x9b2J.ts,title=stampguard dirty-tree::1 tracked file changed: evil\\x1b[31m\\x9b2J.ts%0ACommit or stash it (git stash) before releasing.',
    );
    expect(out).not.toMatch(RAW);
  });

  it('a path with a right-to-left override: escaped, never raw', () => {
    const out = github({ facts: { status: { entries: [entry.untracked('invoice\u202efdp.exe')] } } });
    expect(out.split('\n')[0]).toBe(
      '::error file=invoice\\u202efdp.exe,title=stampguard untracked-files::1 untracked path: invoice\\u202efdp.exe%0ACommit them, delete them or add them to .gitignore (or set "untracked": "warning" to only warn).',
    );
    expect(out).not.toMatch(RAW);
  });

  it('a branch name with a C1 control in a message', () => {
    const out = github({ facts: { branch: 'rel\u0085x' }, config: { branches: ['main'] } });
    expect(out.split('\n')[0]).toBe(
      '::error title=stampguard branch-not-allowed::the current branch rel\\x85x is not one of the release branches (main)%0ASwitch to a release branch, or add "rel\\x85x" to "branches" in the configuration.',
    );
    expect(out).not.toMatch(RAW);
  });
});
