// The data formats: JSON configurations may carry comments (the README's reference block is
// pasted into a file and used as it is), YAML as before, package.json strict JSON; a parse error
// names the file, line and column.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo, PROJECT_ROOT } from '../helpers/git-repo.js';

const COMMENTED = `{
  // Releases come from release branches only.
  "branches": ["release/*", "main"], /* a glob "release/*" is not a comment */
  "tagPrefix": "v", // "//" inside a string stays: ${JSON.stringify('a//b')}
  "untracked": "warning"
}
`;

/** The first \`\`\`jsonc block of the README's Configuration section. */
function readmeReference(): string {
  const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Configuration\n'));
  const block = /```jsonc\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('README.md: no ```jsonc block in the Configuration section');
  return block;
}

describe('JSON with comments', () => {
  it.each(['.stampguardrc.json', 'stampguard.config.json', '.config/stampguardrc.json'])('in %s', (place) => {
    const repo = makeRepo({ files: { [place]: COMMENTED, 'notes.txt': '' } });
    repo.tag('v1.0.0');
    repo.write('new.txt', 'untracked'); // a warning under "untracked": "warning", so it was read
    const r = repo.cli(['check']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('untracked-files');
    expect(r.code).toBe(0);
  });

  it('in a --config FILE.jsonc, and in a staged configuration (commit mode reads the index)', () => {
    const repo = makeRepo({ files: { 'ci/sg.jsonc': COMMENTED } });
    repo.tag('v1.0.0');
    expect(repo.cli(['check', '--config', 'ci/sg.jsonc']).code).toBe(0);
    // Staged with a wrong value, valid on disk: the staged text (comments and all) is what is read.
    repo.write('.stampguardrc.json', COMMENTED.replace('"warning"', '"sometimes"'));
    repo.git('add', '.stampguardrc.json');
    repo.write('.stampguardrc.json', COMMENTED);
    const staged = repo.cli(['check', '--mode', 'commit']);
    expect(staged.stderr).toContain('.stampguardrc.json (staged): untracked: expected one of error, warning, ignore');
    expect(staged.code).toBe(2);
  });

  it("the README's reference block, pasted into .stampguardrc.json, is a working configuration", () => {
    const repo = makeRepo({ files: { '.stampguardrc.json': readmeReference() } });
    repo.tag('v1.0.0');
    const r = repo.cli(['check']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('a syntax error names the file, line and column', () => {
    const repo = makeRepo({ files: { '.stampguardrc.json': '{\n  // fine\n  "tagPrefix": "v",,\n}\n' } });
    const r = repo.cli(['check']);
    expect(r.stderr).toContain(`${path.join(repo.dir, '.stampguardrc.json')}:3:20: `);
    expect(r.code).toBe(2);
  });

  it('package.json stays strict JSON, as npm reads it', () => {
    const repo = makeRepo();
    repo.write('package.json', '{ "name": "demo", "version": "1.0.0", // no\n "stampguard": {} }\n');
    const r = repo.cli(['check']);
    expect(r.stderr).toContain(`${path.join(repo.dir, 'package.json')}:1:39: `);
    expect(r.code).toBe(2);
  });
});

describe('YAML and the extension-less .stampguardrc', () => {
  it.each([
    ['.stampguardrc', 'branches: [release-*]   # YAML, with a comment\n'],
    ['.stampguardrc', '{ "branches": ["release-*"] }\n'],
    ['.stampguardrc.yml', 'branches:\n  - release-*\n'],
  ])('%s: %j', (place, text) => {
    const repo = makeRepo({ files: { [place]: text } });
    repo.tag('v1.0.0');
    const r = repo.cli(['check']);
    expect(r.stdout).toContain('branch-not-allowed');
    expect(r.code).toBe(1);
  });

  it('an empty file is passed over, as cosmiconfig does: the search goes on', () => {
    const repo = makeRepo({
      files: { 'sub/.stampguardrc.yaml': '# nothing yet\n', '.stampguardrc.json': '{ "branches": ["release-*"] }' },
    });
    repo.tag('v1.0.0');
    const r = repo.cli(['check'], { cwd: path.join(repo.dir, 'sub') });
    expect(r.stdout).toContain('branch-not-allowed');
    expect(r.code).toBe(1);
  });

  it('a JSON file holding only comments is passed over like an empty one', () => {
    const repo = makeRepo({
      files: {
        'sub/.stampguardrc.json': '// nothing yet\n/* later: branches */\n',
        '.stampguardrc.json': '{ "branches": ["release-*"] }',
      },
    });
    repo.tag('v1.0.0');
    const r = repo.cli(['check'], { cwd: path.join(repo.dir, 'sub') });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('branch-not-allowed');
    expect(r.code).toBe(1);
  });
});
