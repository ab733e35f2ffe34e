// --json: exactly the report object (CONTRACT.md, schemaVersion 1), pretty-printed, one document.
import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/reporters/json.js';
import { entry, reportOf } from '../helpers/facts.js';

describe('json', () => {
  it("passed: the whole document, in the contract's key order", () => {
    expect(formatJson(reportOf())).toBe(`{
  "schemaVersion": 1,
  "ok": true,
  "mode": "release",
  "repo": {
    "root": "/home/dev/app",
    "head": "0214af08731054c1d9e4f1b2a3c4d5e6f7a8b9c0",
    "branch": "main",
    "shallow": false
  },
  "version": {
    "describe": "v1.2.3",
    "tag": "v1.2.3",
    "distance": 0,
    "dirty": false,
    "stamp": "1.2.3",
    "dev": "1.2.4-dev.0+g0214af0"
  },
  "config": {
    "file": null
  },
  "findings": []
}
`);
  });

  it('refused: findings with their fields, stamp null', () => {
    const report = reportOf({
      facts: { status: { entries: [entry.modified('src/a.ts')] } },
      config: { convention: 'kubernetes' },
    });
    expect(formatJson(report)).toBe(`{
  "schemaVersion": 1,
  "ok": false,
  "mode": "release",
  "repo": {
    "root": "/home/dev/app",
    "head": "0214af08731054c1d9e4f1b2a3c4d5e6f7a8b9c0",
    "branch": "main",
    "shallow": false
  },
  "version": {
    "describe": "v1.2.3-dirty",
    "tag": "v1.2.3",
    "distance": 0,
    "dirty": true,
    "stamp": null,
    "dev": "1.2.3-dirty"
  },
  "config": {
    "file": null
  },
  "findings": [
    {
      "code": "dirty-tree",
      "severity": "error",
      "message": "1 tracked file changed: src/a.ts",
      "hint": "Commit or stash it (git stash) before releasing.",
      "paths": [
        "src/a.ts"
      ]
    },
    {
      "code": "nonstandard-version",
      "severity": "error",
      "message": "a build from this checkout would be stamped 1.2.3-dirty, which carries a dirty-tree marker",
      "hint": "Release from a clean tree exactly at a release tag; for a development build use \\"stampguard version --dev\\".",
      "actual": "1.2.3-dirty"
    }
  ]
}
`);
  });

  it('commit mode: no dev version, no stamp', () => {
    const parsed = JSON.parse(formatJson(reportOf({ facts: { mode: 'commit' } })));
    expect(parsed.version).toEqual({ describe: null, tag: null, distance: null, dirty: false, stamp: null, dev: null });
  });

  it('one document that parses back to the report', () => {
    const report = reportOf({ facts: { status: { entries: [entry.modified('a\nb.ts'), entry.untracked('x')] } } });
    const out = formatJson(report);
    expect(out.endsWith('}\n')).toBe(true);
    expect(JSON.parse(out)).toEqual(report);
  });

  it('control characters and bidi controls in names are \\u escapes, never raw, and parse back the same', () => {
    const path = 'evil\x1b[31m\u009b2J\u202efdp.exe';
    const report = reportOf({ facts: { branch: 'main\u2067', status: { entries: [entry.modified(path)] } } });
    const out = formatJson(report);
    expect(out).toContain('"evil\\u001b[31m\\u009b2J\\u202efdp.exe"');
    expect(out).toContain('"branch": "main\\u2067"');
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
    expect(JSON.parse(out)).toEqual(report);
  });
});
