// Versions compare exactly: build metadata carrying a commit id or a dirty marker is never equal to
// a release tag, an uppercase commit id is still describe-shaped, and a dev version never sorts
// below the highest reachable release.
import semver from 'semver';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRepo } from '../helpers/git-repo.js';
import { hookedRepo, packedInstall } from '../helpers/packed.js';
import { checkJson, codes, summary, tagsOf, withRemote } from '../helpers/trust.js';

beforeAll(() => {
  packedInstall();
}, 180_000);

const HUSKY = { devDependencies: { husky: '^9.1.7' } };
const DESCRIBE_METADATA = '1.1.0+0214af08731054-dirty';

describe('C10 a version file with describe build metadata is not the release version', () => {
  it('release check: package.json 1.1.0+0214af08731054-dirty with v1.1.0 on HEAD is version-mismatch', () => {
    const repo = makeRepo({ version: DESCRIBE_METADATA });
    repo.tag('v1.1.0');
    const r = checkJson(repo);
    expect(r.code, summary(r)).toBe(1);
    expect(codes(r.report), summary(r)).toContain('version-mismatch');
  });

  it('the tag hook refuses git tag v1.1.0 (tag absent), naming version-mismatch', () => {
    const repo = hookedRepo({ version: '1.1.0' });
    repo.writePackage(DESCRIBE_METADATA, HUSKY);
    expect(repo.tryGit(['commit', '-q', '-am', 'metadata'], { STAMPGUARD: '0', HUSKY: '0' }).code).toBe(0);
    const r = repo.tryGit(['tag', 'v1.1.0']);
    expect(r.code, r.stderr).not.toBe(0);
    expect(r.stderr).toContain('version-mismatch');
    expect(tagsOf(repo)).toEqual([]);
  });

  it('pre-push refuses pushing v1.1.0 (remote lacks it), naming version-mismatch', () => {
    const repo = hookedRepo({ version: '1.1.0' });
    const remote = withRemote(repo);
    repo.writePackage(DESCRIBE_METADATA, HUSKY);
    expect(repo.tryGit(['commit', '-q', '-am', 'metadata'], { STAMPGUARD: '0', HUSKY: '0' }).code).toBe(0);
    expect(repo.tryGit(['tag', 'v1.1.0'], { STAMPGUARD: '0' }).code).toBe(0);
    const r = repo.tryGit(['push', 'origin', 'v1.1.0']);
    expect(r.code, r.stderr).not.toBe(0);
    expect(r.stderr).toContain('version-mismatch');
    expect(tagsOf(remote)).toEqual([]);
  });
});

describe('C11 an uppercase commit id is describe-shaped', () => {
  const UPPER = '1.0.1+0214AF08731054';

  it('commit mode: a staged package.json 1.0.1+0214AF08731054 is nonstandard-version', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.writePackage(UPPER);
    repo.git('add', 'package.json');
    const r = checkJson(repo, ['--mode', 'commit']);
    expect(r.code, summary(r)).toBe(1);
    expect(codes(r.report), summary(r)).toContain('nonstandard-version');
  });

  it('a real git commit through the pre-commit hook is refused', () => {
    const repo = hookedRepo({ version: '1.0.0' });
    const before = repo.head();
    repo.writePackage(UPPER, HUSKY);
    repo.git('add', 'package.json');
    const r = repo.tryGit(['commit', '-m', 'bump']);
    expect(r.code, r.stderr).not.toBe(0);
    expect(r.stderr).toContain('nonstandard-version');
    expect(repo.head()).toBe(before);
  });
});

describe('C12 a dev version never sorts below the highest reachable release', () => {
  it('v1.0.0, then a non-strict v1.1, then one more commit: version --dev sorts above 1.0.0', () => {
    const repo = makeRepo({ version: '1.0.0' });
    repo.tag('v1.0.0');
    repo.commit('second');
    repo.tag('v1.1');
    repo.commit('third');
    const r = repo.cli(['version', '--dev']);
    expect(r.code, r.stderr).toBe(0);
    const dev = r.stdout.trim();
    expect(semver.valid(dev), dev).not.toBeNull();
    expect(semver.gt(dev, '1.0.0'), `${dev} > 1.0.0`).toBe(true);
  });
});
