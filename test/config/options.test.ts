// The library fails closed: a check() option that is misspelt, of the wrong type or not allowed
// with the chosen mode is a UsageError naming the option, the value and what is allowed, never a
// report that passes because nothing was checked.
import { describe, expect, it } from 'vitest';
import { type CheckOptions, check } from '../../src/check.js';
import { UsageError } from '../../src/errors.js';
import { makeRepo } from '../helpers/git-repo.js';

/** A checkout the release check refuses: not on a tag, an edited file, an untracked file. */
function refusedRepo(): string {
  const repo = makeRepo({ files: { 'a.txt': 'a' } });
  repo.tag('v1.0.0');
  repo.commit('after the tag', { 'b.txt': 'b' });
  repo.write('a.txt', 'edited').write('new.txt', 'untracked');
  return repo.dir;
}

async function usageError(options: unknown): Promise<string> {
  try {
    await check(options as CheckOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`check(${JSON.stringify(options)}) did not throw`);
}

describe('check() options', () => {
  it('the control: valid options refuse this checkout', async () => {
    const cwd = refusedRepo();
    const report = await check({ cwd, mode: 'release' });
    expect(report.ok).toBe(false);
    expect(report.findings.length).toBeGreaterThanOrEqual(3);
  });

  it.each([
    [
      { mode: 'Release' },
      'mode: expected one of release, tag, commit, push, preflight, got "Release"; did you mean "release"?',
    ],
    [{ mode: 'prefligth' }, 'got "prefligth"; did you mean "preflight"?'],
    [{ mode: 'deploy' }, 'mode: expected one of release, tag, commit, push, preflight, got "deploy"'],
    [{ mode: 3 }, 'mode: expected one of release, tag, commit, push, preflight, got the number 3'],
    [{ mod: 'release' }, 'unknown option "mod"; did you mean "mode"?'],
    [{ Fetch: true }, 'unknown option "Fetch"; did you mean "fetch"?'],
    [{ fetch: 'yes' }, 'fetch: expected true or false, got "yes"'],
    [{ cwd: 7 }, 'cwd: expected a directory path, got the number 7'],
    [{ cwd: '' }, 'cwd: expected a directory path, got ""'],
    [{ config: 5 }, 'config: expected a file path or a configuration object, got the number 5'],
    [{ config: ['x'] }, 'config: expected a file path or a configuration object, got an array'],
    [{ noCodeConfig: 1 }, 'noCodeConfig: expected true or false, got the number 1'],
    [{ mode: 'tag', tag: 5 }, 'tag: expected a tag name, got the number 5'],
    [{ mode: 'push', pushedTags: 'v1.0.0' }, 'pushedTags: expected an array of { tag, oid }, got "v1.0.0"'],
    [
      { mode: 'push', pushedTags: [{ tag: 'v1.0.0' }] },
      'pushedTags[0]: expected { tag, oid } with two strings, got an object',
    ],
    [{ tag: 'v1.0.0' }, 'tag goes with mode "tag"'],
    [{ mode: 'release', target: 'HEAD' }, 'target goes with mode "tag"'],
    [{ mode: 'release', pushedTags: [] }, 'pushedTags goes with mode "push"'],
    [{ mode: 'tag', tag: 'v1.0.1', fetch: true }, 'fetch goes with mode "release" or "preflight"'],
  ])('%j', async (options, message) => {
    const cwd = refusedRepo();
    expect(await usageError({ cwd, ...options })).toContain(message);
  });

  it('options must be an object', async () => {
    expect(await usageError('release')).toContain('check(): expected an options object, got "release"');
    expect(await usageError(null)).toContain('check(): expected an options object, got null');
  });

  it('undefined values are the same as leaving an option out', async () => {
    const cwd = refusedRepo();
    const report = await check({ cwd, mode: undefined, config: undefined, fetch: undefined });
    expect(report.mode).toBe('release');
    expect(report.ok).toBe(false);
  });
});
