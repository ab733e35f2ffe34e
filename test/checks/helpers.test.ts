// The hand-built facts (test/helpers/facts.ts) are what the parsers and the pipeline produce, so
// the pure tests cannot drift from a real run.
import { describe, expect, it } from 'vitest';
import { parseVersionFile, versionFileEntries } from '../../src/facts/version-files.js';
import { parseStatusV2 } from '../../src/git/status.js';
import { parseShowRef } from '../../src/git/tags.js';
import {
  config,
  contextOf,
  entry,
  facts,
  HEAD,
  PARENT,
  runAll,
  tagRef,
  target,
  versionFile,
  world,
} from '../helpers/facts.js';

const Z = '0'.repeat(40);
const MODE = '100644 100644 100644';

describe('the fact builders', () => {
  it.each([
    ['modified', entry.modified('src/a.ts'), `1 .M N... ${MODE} ${Z} ${Z} src/a.ts`],
    ['staged', entry.staged('src/a.ts'), `1 M. N... ${MODE} ${Z} ${Z} src/a.ts`],
    ['added', entry.added('src/new.ts'), `1 A. N... 000000 100644 100644 ${Z} ${Z} src/new.ts`],
    ['deleted', entry.deleted('old.ts'), `1 .D N... 100644 100644 000000 ${Z} ${Z} old.ts`],
    ['renamed', entry.renamed('a.ts', 'b.ts'), `2 R. N... ${MODE} ${Z} ${Z} R100 b.ts\0a.ts`],
    ['copied', entry.copied('a.ts', 'c.ts'), `2 C. N... ${MODE} ${Z} ${Z} C100 c.ts\0a.ts`],
    ['unmerged', entry.unmerged('x.ts'), `u UU N... ${MODE} 100644 ${Z} ${Z} ${Z} x.ts`],
    ['submodule', entry.submodule('lib', 'SC..'), `1 .M SC.. 160000 160000 160000 ${Z} ${Z} lib`],
    ['untracked', entry.untracked('tmp.log'), '? tmp.log'],
    ['ignored', entry.ignored('dist'), '! dist'],
  ])('entry.%s is what git status --porcelain=v2 -z parses to', (_, built, record) => {
    expect(parseStatusV2(`${record}\0`).entries).toEqual([built]);
  });

  it('tagRef is what git show-ref --tags -d parses to, lightweight and annotated', () => {
    const annotated = tagRef('v1.2.3', HEAD);
    const lightweight = tagRef('v1.2.2', PARENT, false);
    const output = [
      `${annotated.object} refs/tags/v1.2.3`,
      `${HEAD} refs/tags/v1.2.3^{}`,
      `${PARENT} refs/tags/v1.2.2`,
      '',
    ].join('\n');
    expect(parseShowRef(output)).toEqual([annotated, lightweight]);
  });

  it('versionFile is what reading package.json gives', async () => {
    const [entry] = versionFileEntries(config(), '/repo');
    const options = { explicit: false, tagPrefix: 'v' };
    expect(versionFile('1.2.3')).toEqual(await parseVersionFile(entry!, '{"version":"1.2.3"}', options));
    expect(versionFile(null, { value: null, problem: 'missing', explicit: true })).toEqual(
      await parseVersionFile(entry!, null, { ...options, explicit: true }),
    );
  });

  it('each mode has the shape gatherFacts gives it', () => {
    expect(facts().versionFiles).toEqual([versionFile('1.2.3')]);
    expect(facts({ mode: 'tag' }).versionFiles).toEqual([]);
    expect(facts({ mode: 'tag' }).targets).toEqual([target('v1.2.3')]);
    expect(facts({ mode: 'push' })).toMatchObject({ branch: 'main', describe: null, status: { entries: [] } });
    expect(facts({ mode: 'commit' })).toMatchObject({ describe: null, tags: [], targets: [] });
    expect(facts({ mode: 'preflight' })).toMatchObject({ describe: null, commitCount: null, versionFiles: [] });
    // head and branch are where gatherFacts reads them: the status.
    expect(facts({ branch: null, head: PARENT }).status).toMatchObject({ branch: null, oid: PARENT });
  });

  it('the default worlds are clean: no finding in any mode', () => {
    for (const mode of ['release', 'tag', 'push', 'commit', 'preflight'] as const) {
      expect(world({ facts: { mode } }).contexts.length, mode).toBe(1);
      expect(runAll({ facts: { mode } }), mode).toEqual([]);
    }
    expect(contextOf().subject).toEqual({
      tag: 'v1.2.3',
      version: expect.objectContaining({ raw: '1.2.3' }),
      commit: HEAD,
      gatesAt: '1.2.3',
    });
  });
});
