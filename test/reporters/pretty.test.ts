// The pretty report, to the byte: findings first (errors, then warnings), the git state after,
// with and without colour. Reports are built by the pipeline from hand-built facts
// (test/helpers/facts.ts), so they are the reports a real run gives.
import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { formatPretty } from '../../src/reporters/pretty.js';
import type { Report } from '../../src/types.js';
import { entry, reportOf, type Scenario } from '../helpers/facts.js';

const plain = pc.createColors(false);
const lines = (...text: string[]) => `${text.join('\n')}\n`;
const pretty = (s: Scenario) => formatPretty(reportOf(s), plain);
const past = (distance: number) => ({ describe: { tag: 'v1.2.3', distance, abbrev: '0214af08731054' } });
const noUpstream = {
  status: { upstream: null, ahead: null, behind: null },
  remotes: ['origin'],
  remotesWithBranch: ['origin'],
};

describe('pretty: release mode', () => {
  it('passed', () => {
    expect(pretty({})).toBe(
      lines(
        '✔ stampguard: release check passed',
        '',
        '  git state:  branch main at 0214af0 · on v1.2.3 · clean',
        '  describe:   v1.2.3',
        '  stamp:      1.2.3',
        '  dev build:  1.2.4-dev.0+g0214af0',
        '  config:     none found (defaults)',
      ),
    );
  });

  it('passed with one warning', () => {
    expect(pretty({ facts: noUpstream })).toBe(
      lines(
        '✔ stampguard: release check passed (1 warning)',
        '  ⚠ behind-upstream  the branch main has no upstream, so stampguard cannot tell whether it is behind origin',
        '      → Set one: git branch --set-upstream-to=origin/main',
        '',
        '  git state:  branch main at 0214af0 · on v1.2.3 · clean',
        '  describe:   v1.2.3',
        '  stamp:      1.2.3',
        '  dev build:  1.2.4-dev.0+g0214af0',
        '  config:     none found (defaults)',
      ),
    );
  });

  it('passed with two warnings', () => {
    const out = pretty({
      facts: { ...noUpstream, status: { ...noUpstream.status, entries: [entry.untracked('notes.txt')] } },
      config: { untracked: 'warning' },
    });
    expect(out.split('\n')[0]).toBe('✔ stampguard: release check passed (2 warnings)');
  });

  it('refused with one error', () => {
    expect(pretty({ facts: { status: { behind: 1 } } })).toBe(
      lines(
        '✖ stampguard: release check refused (1 error)',
        '  ✖ behind-upstream  main is 1 commit behind origin/main (as of the last fetch)',
        '      → Pull first (git pull), then release; "stampguard check --fetch" refreshes origin/main before checking.',
        '',
        '  git state:  branch main at 0214af0 · on v1.2.3 · clean',
        '  describe:   v1.2.3',
        '  stamp:      none (not releasable)',
        '  dev build:  1.2.4-dev.0+g0214af0',
        '  config:     none found (defaults)',
        'Details: stampguard explain behind-upstream',
      ),
    );
  });

  it('refused with several findings: errors first, warnings after, the first error explained', () => {
    const out = pretty({
      facts: {
        ...past(2),
        ...noUpstream,
        status: { ...noUpstream.status, entries: [entry.modified('src/a.ts'), entry.untracked('notes.txt')] },
      },
      config: { convention: 'kubernetes' },
    });
    expect(out).toBe(
      lines(
        '✖ stampguard: release check refused (4 errors, 1 warning)',
        '  ✖ dirty-tree  1 tracked file changed: src/a.ts',
        '      → Commit or stash it (git stash) before releasing.',
        '  ✖ untracked-files  1 untracked path: notes.txt',
        '      → Commit them, delete them or add them to .gitignore (or set "untracked": "warning" to only warn).',
        '  ✖ not-on-tag  HEAD (0214af0) is 2 commits past v1.2.3, not on a release tag',
        '      → Tag this commit as the next release (git tag -a vX.Y.Z -m vX.Y.Z) or check out the tag you mean to build; for a non-release build use "stampguard version --dev" (1.2.3-2+0214af08731054-dirty).',
        '  ✖ nonstandard-version  a build from this checkout would be stamped 1.2.3-2+0214af08731054-dirty, which carries a commit id and a dirty-tree marker',
        '      → Release from a clean tree exactly at a release tag; for a development build use "stampguard version --dev".',
        '  ⚠ behind-upstream  the branch main has no upstream, so stampguard cannot tell whether it is behind origin',
        '      → Set one: git branch --set-upstream-to=origin/main',
        '',
        '  git state:  branch main at 0214af0 · 2 commits past v1.2.3 · dirty',
        '  describe:   v1.2.3-2-g0214af08731054-dirty',
        '  stamp:      none (not releasable)',
        '  dev build:  1.2.3-2+0214af08731054-dirty',
        '  config:     none found (defaults)',
        'Details: stampguard explain dirty-tree',
      ),
    );
  });

  it('the state line: one commit past, detached, shallow', () => {
    const out = pretty({ facts: { ...past(1), branch: null, shallow: true } });
    expect(out).toContain('\n  git state:  detached HEAD at 0214af0 · 1 commit past v1.2.3 · clean · shallow clone\n');
  });

  it('the state line: no tag reachable', () => {
    expect(pretty({ facts: { describe: null, tags: [], commitCount: 5 } })).toContain(
      lines(
        '  git state:  branch main at 0214af0 · no release tag reachable · clean',
        '  stamp:      none (not releasable)',
        '  dev build:  0.0.0-dev.5+g0214af0',
      ),
    );
  });

  it('the state line: an unborn branch (git names the branch, there is no commit)', () => {
    expect(pretty({ facts: { head: null, describe: null, tags: [], versionFiles: [] } })).toContain(
      lines('  git state:  branch main · no release tag reachable · clean', '  stamp:      none (not releasable)'),
    );
  });
});

describe('pretty: the state line of each mode', () => {
  it('tag: HEAD and the tag it descends from, and the version the new tag stamps', () => {
    expect(pretty({ facts: { mode: 'tag' } })).toBe(
      lines(
        '✔ stampguard: tag check passed',
        '',
        '  git state:  branch main at 0214af0 · 1 commit past v1.2.2 · clean',
        '  describe:   v1.2.2-1-g0214af08731054',
        '  stamp:      1.2.3',
        '  dev build:  1.2.3-dev.1+g0214af0',
        '  config:     none found (defaults)',
      ),
    );
  });

  it('commit: the branch and HEAD only (the commit is not made yet)', () => {
    expect(pretty({ facts: { mode: 'commit' } })).toBe(
      lines(
        '✔ stampguard: commit check passed',
        '',
        '  git state:  branch main at 0214af0',
        '  config:     none found (defaults)',
      ),
    );
  });

  it('push: the branch and HEAD only (the tags pushed are existing commits)', () => {
    expect(pretty({ facts: { mode: 'push', branch: 'main' } })).toBe(
      lines(
        '✔ stampguard: push check passed',
        '',
        '  git state:  branch main at 0214af0',
        '  config:     none found (defaults)',
      ),
    );
  });

  it('preflight: the branch, HEAD and the tree (no tag yet)', () => {
    expect(pretty({ facts: { mode: 'preflight' } })).toBe(
      lines(
        '✔ stampguard: pre-release check passed',
        '',
        '  git state:  branch main at 0214af0 · clean',
        '  config:     none found (defaults)',
      ),
    );
  });

  it('preflight refused: dirty and shallow', () => {
    expect(pretty({ facts: { mode: 'preflight', shallow: true, status: { entries: [entry.modified('a.ts')] } } })).toBe(
      lines(
        '✖ stampguard: pre-release check refused (2 errors)',
        '  ✖ dirty-tree  1 tracked file changed: a.ts',
        '      → Commit or stash it (git stash) before starting the release.',
        '  ✖ shallow-clone  this is a shallow clone: history and tags are incomplete, so the version cannot be trusted',
        '      → Run git fetch --unshallow --tags (in GitHub Actions: actions/checkout with fetch-depth: 0).',
        '',
        '  git state:  branch main at 0214af0 · dirty · shallow clone',
        '  config:     none found (defaults)',
        'Details: stampguard explain dirty-tree',
      ),
    );
  });
});

describe('pretty: colour', () => {
  // picocolors' sequences: bold 1/22, dim 2/22, red 31/39, green 32/39, yellow 33/39, cyan 36/39.
  const bold = (s: string) => `\x1b[1m${s}\x1b[22m`;
  const dim = (s: string) => `\x1b[2m${s}\x1b[22m`;
  const red = (s: string) => `\x1b[31m${s}\x1b[39m`;
  const green = (s: string) => `\x1b[32m${s}\x1b[39m`;
  const yellow = (s: string) => `\x1b[33m${s}\x1b[39m`;
  const cyan = (s: string) => `\x1b[36m${s}\x1b[39m`;
  const colour = pc.createColors(true);

  it('passed', () => {
    expect(formatPretty(reportOf(), colour)).toBe(
      lines(
        `${green('✔')} ${bold('stampguard: release check passed')}`,
        '',
        `  ${dim('git state:')}  branch main at 0214af0 · on v1.2.3 · clean`,
        `  ${dim('describe:')}   v1.2.3`,
        `  ${dim('stamp:')}      ${green('1.2.3')}`,
        `  ${dim('dev build:')}  1.2.4-dev.0+g0214af0`,
        `  ${dim('config:')}     none found (defaults)`,
      ),
    );
  });

  it('refused, with an error and a warning, dirty', () => {
    const report = reportOf({
      facts: { ...noUpstream, status: { ...noUpstream.status, entries: [entry.modified('a.ts')] } },
    });
    report.findings = report.findings.filter((f) => f.code !== 'nonstandard-version');
    expect(formatPretty(report, colour)).toBe(
      lines(
        `${red('✖')} ${bold('stampguard: release check refused')} (1 error, 1 warning)`,
        `  ${red('✖')} ${bold('dirty-tree')}  1 tracked file changed: a.ts`,
        `      ${cyan('→')} Commit or stash it (git stash) before releasing.`,
        `  ${yellow('⚠')} ${bold('behind-upstream')}  the branch main has no upstream, so stampguard cannot tell whether it is behind origin`,
        `      ${cyan('→')} Set one: git branch --set-upstream-to=origin/main`,
        '',
        `  ${dim('git state:')}  branch main at 0214af0 · on v1.2.3 · ${yellow('dirty')}`,
        `  ${dim('describe:')}   v1.2.3-dirty`,
        `  ${dim('stamp:')}      none (not releasable)`,
        `  ${dim('dev build:')}  1.2.4-dev.0+g0214af0.dirty`,
        `  ${dim('config:')}     none found (defaults)`,
        dim('Details: stampguard explain dirty-tree'),
      ),
    );
  });

  it('no colour: not one escape sequence', () => {
    const out = pretty({ facts: { ...past(3), shallow: true, status: { entries: [entry.modified('a.ts')] } } });
    expect(out).not.toContain('\x1b');
  });
});

describe('pretty: names that carry control characters or bidi overrides', () => {
  // Nothing from a file, branch or tag name may reach the terminal raw: C0 and C1 controls and
  // DEL as \xNN (\n, \t, \r by name), Unicode bidi controls as \uNNNN, so a name can neither
  // forge a line, send a terminal sequence, nor reorder what is shown around it.
  const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

  it('a path with ESC, a newline and a C1 CSI is escaped in the finding', () => {
    const out = pretty({ facts: { status: { entries: [entry.modified('evil\x1b[31m\nfake\u009b2J.ts')] } } });
    expect(out).toContain('  ✖ dirty-tree  1 tracked file changed: evil\\x1b[31m\\nfake\\x9b2J.ts\n');
    expect(out).not.toMatch(RAW);
  });

  it('a path with a right-to-left override is escaped in the finding', () => {
    const out = pretty({ facts: { status: { entries: [entry.modified('invoice\u202efdp.exe')] } } });
    expect(out).toContain('  ✖ dirty-tree  1 tracked file changed: invoice\\u202efdp.exe\n');
    expect(out).not.toMatch(RAW);
  });

  it('a branch name with a C1 control and bidi controls is escaped in the git state line', () => {
    // git allows any byte from 0x80 up in ref names: U+009B is CSI for 8-bit terminals.
    const out = pretty({ facts: { branch: 'main\u009b2J\u202e\u2067x' } });
    expect(out).toContain('\n  git state:  branch main\\x9b2J\\u202e\\u2067x at 0214af0 · on v1.2.3 · clean\n');
    expect(out).not.toMatch(RAW);
  });

  it('a tag name with a bidi override is escaped in the git state and describe lines', () => {
    const tag = 'v1.2.3\u202e';
    const out = pretty({ facts: { describe: { tag, distance: 0, abbrev: '0214af08731054' } } });
    expect(out).toContain(
      '  git state:  branch main at 0214af0 · on v1.2.3\\u202e · clean\n  describe:   v1.2.3\\u202e\n',
    );
    expect(out).not.toMatch(RAW);
  });

  it('a hand-built report: every field a name can reach is escaped', () => {
    const report: Report = {
      ...reportOf(),
      repo: { root: '/r', head: '0214af08731054c1d9e4f1b2a3c4d5e6f7a8b9c0', branch: 'b\u0085r', shallow: false },
    };
    expect(formatPretty(report, plain)).toContain('branch b\\x85r at 0214af0');
  });
});
