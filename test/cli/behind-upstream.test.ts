// behind-upstream: the release branch against its upstream, from local refs or after --fetch.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitEnv, makeRepo, parseJson, Repo, tempDir } from '../helpers/git-repo.js';

describe('behind-upstream', () => {
  function cloned(): { repo: Repo; other: Repo } {
    const origin = makeRepo({ version: '1.0.0' });
    origin.tag('v1.0.0');
    const bare = path.join(tempDir(), 'origin.git');
    execFileSync('git', ['clone', '-q', '--bare', origin.dir, bare], { env: gitEnv() });
    const a = path.join(tempDir(), 'a');
    const b = path.join(tempDir(), 'b');
    execFileSync('git', ['clone', '-q', bare, a], { env: gitEnv() });
    execFileSync('git', ['clone', '-q', bare, b], { env: gitEnv() });
    return { repo: new Repo(a), other: new Repo(b) };
  }

  it('refuses when the branch is behind its upstream as of the last fetch, and --fetch looks first', () => {
    const { repo, other } = cloned();
    expect(repo.cli(['check', '--json']).code).toBe(0);
    other.commit('someone else');
    other.git('push', '-q', 'origin', 'main');
    expect(repo.cli(['check', '--json']).code).toBe(0); // not fetched yet: local refs say up to date
    const fetched = repo.cli(['check', '--json', '--fetch']);
    expect(fetched.code).toBe(1);
    const finding = parseJson<{ findings: { code: string; message: string; actual?: string }[] }>(fetched.stdout)
      .findings[0]!;
    expect(finding).toMatchObject({ code: 'behind-upstream', actual: '1' });
    expect(finding.message).toContain('1 commit behind origin/main');
  });

  it('warns when the branch has no upstream in a repository with remotes, and is silent without remotes', () => {
    const { repo } = cloned();
    repo.git('checkout', '-q', '-b', 'local-only');
    const r = repo.cli(['check', '--json']);
    expect(r.code).toBe(0);
    expect(parseJson<{ findings: { code: string; severity: string }[] }>(r.stdout).findings).toEqual([
      expect.objectContaining({ code: 'behind-upstream', severity: 'warning' }),
    ]);
    const local = makeRepo({ version: '1.0.0' });
    local.tag('v1.0.0');
    expect(parseJson<{ findings: unknown[] }>(local.cli(['check', '--json']).stdout).findings).toEqual([]);
  });
});
