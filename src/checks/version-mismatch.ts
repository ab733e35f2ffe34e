// Version files (package.json by default) must hold the version being released or tagged.
import { finding } from '../codes.js';
import type { Finding } from '../types.js';
import { classifyVersion, describeProblems } from '../version/rules.js';
import { defineCheck } from './define.js';

const WHY = {
  missing: 'does not exist',
  'not-json': 'is not valid JSON',
  'no-version': 'has no "version" string',
} as const;

export const versionMismatch = defineCheck({
  id: 'version-mismatch',
  codes: ['version-mismatch'],
  modes: ['release', 'tag', 'push'],
  run({ facts, subject, target }) {
    const expected = subject.version;
    const tag = subject.tag;
    if (!expected || !tag) return [];
    const files = target ? target.versionFiles : facts.versionFiles;
    const where = target && !target.isHead ? `at ${target.commit?.slice(0, 7)}` : 'at HEAD';
    const findings: Finding[] = [];
    for (const file of files) {
      // The default package.json may be absent (a Go project) or carry no version (a private app).
      if ((file.problem === 'missing' || file.problem === 'no-version') && !file.explicit) continue;
      if (file.problem) {
        findings.push(
          finding('version-mismatch', {
            message: `${file.repoPath} ${WHY[file.problem]} ${where}, so it cannot be compared with ${tag}`,
            hint: `Commit ${file.repoPath} with "version": "${expected.raw}", or remove it from "versionFiles".`,
            paths: [file.repoPath],
            tag,
            expected: expected.raw,
          }),
        );
        continue;
      }
      // Exactly the release version: "1.1.0+0214af08731054-dirty" is not 1.1.0, whatever semver's
      // ordering (which ignores build metadata) says.
      const actual = file.version!;
      if (actual === expected.raw) continue;
      const classified = classifyVersion(actual);
      const extra = classified.standard
        ? ''
        : ` (and ${JSON.stringify(actual)} ${describeProblems(classified.problems)})`;
      findings.push(
        finding('version-mismatch', {
          message: `${file.repoPath} has version ${actual} ${where}, but the tag ${tag} says ${expected.raw}${extra}`,
          hint: `Set "version": "${expected.raw}" in ${file.repoPath} and commit it before tagging (npm version ${expected.raw} does both), or tag the version the file holds.`,
          paths: [file.repoPath],
          tag,
          expected: expected.raw,
          actual,
        }),
      );
    }
    return findings;
  },
});
