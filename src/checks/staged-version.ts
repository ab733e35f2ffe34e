// Commit mode: the version files in the commit being made (the index git is committing) must hold
// release or allowed pre-release versions, never describe output or dirty markers, and the staged
// gate values must be valid at the staged version.
import { finding } from '../codes.js';
import { evaluateGates } from '../gates/index.js';
import { classifyVersion, describeProblems } from '../version/rules.js';
import { defineCheck } from './define.js';
import type { Finding } from '../types.js';

export const stagedVersion = defineCheck({
  id: 'staged-version',
  modes: ['commit'],
  run({ facts, config }) {
    const findings: Finding[] = [];
    let stamped: string | null = null;
    for (const file of facts.versionFiles) {
      if (file.version === null) continue; // not staged, or no version: nothing is being committed here
      stamped ??= file.version;
      const classified = classifyVersion(file.version);
      if (!classified.standard) {
        findings.push(
          finding('nonstandard-version', {
            message: `the staged ${file.repoPath} has version ${file.version}, which ${describeProblems(classified.problems)}`,
            hint: `Stage a release version (e.g. npm version ${classified.parsed ? `${classified.parsed.major}.${classified.parsed.minor}.${classified.parsed.patch}` : '1.2.3'} --no-git-tag-version, then git add ${file.repoPath}); build tools should not write describe output into tracked files.`,
            paths: [file.repoPath],
            actual: file.version,
          }),
        );
      } else if (classified.prerelease && !config.allowPrerelease) {
        findings.push(
          finding('nonstandard-version', {
            message: `the staged ${file.repoPath} has the pre-release version ${file.version}, and "allowPrerelease" is false`,
            hint: 'Stage a release version, or set "allowPrerelease": true.',
            paths: [file.repoPath],
            actual: file.version,
          }),
        );
      }
    }
    if (config.gates && stamped) findings.push(...evaluateGates({ gates: config.gates, stampedVersion: stamped }));
    return findings;
  },
});
