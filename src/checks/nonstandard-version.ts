// A version that would be stamped or committed must be a release version: no commit distance, no
// commit id, no dirty marker, and no pre-release unless allowed. One rule (releaseVerdict), four
// places it is applied: the release tag itself, what a build from the checkout would stamp, a tag
// being created or pushed, and the version files being committed.
import path from 'node:path';
import { finding } from '../codes.js';
import type { Finding } from '../types.js';
import { coreVersion, describeProblems, releaseVerdict } from '../version/rules.js';
import { defineCheck } from './define.js';

const PRERELEASE_HINT = 'Tag a release version, or set "allowPrerelease": true.';

export const nonstandardVersion = defineCheck({
  id: 'nonstandard-version',
  codes: ['nonstandard-version'],
  modes: ['release', 'tag', 'push', 'commit'],
  run({ facts, config, version, subject, target }) {
    const prefix = config.tagPrefix;
    const findings: Finding[] = [];
    if (facts.mode === 'commit') {
      for (const file of facts.versionFiles) {
        // Not staged, unreadable or without a version: nothing is being committed here.
        if (file.version === null || file.value === null) continue;
        // The tag prefix is allowed in front ("v0.19.2" in a Chart's appVersion), nothing else.
        const verdict = releaseVerdict(file.version, config.allowPrerelease);
        if (verdict.ok) continue;
        const parsed = verdict.classified.parsed;
        const what = (kind: string) =>
          file.key === null
            ? `the staged ${file.repoPath} holds ${kind}`
            : `the staged ${file.repoPath} has ${kind === 'version' ? file.key : `the ${kind} ${file.key}`}`;
        const npm = path.posix.basename(file.repoPath) === 'package.json' && file.key === 'version';
        findings.push(
          finding('nonstandard-version', {
            message:
              verdict.reason === 'nonstandard'
                ? `${what('version')} ${file.value}, which ${describeProblems(verdict.classified.problems)}`
                : `${what('pre-release')} ${file.value}, and "allowPrerelease" is false`,
            hint:
              verdict.reason === 'nonstandard'
                ? npm
                  ? `Stage a release version (e.g. npm version ${parsed ? coreVersion(parsed) : '1.2.3'} --no-git-tag-version, then git add ${file.repoPath}); build tools should not write describe output into tracked files.`
                  : `Stage a release version${parsed ? ` such as ${coreVersion(parsed)}` : ''} in ${file.repoPath}; build tools should not write describe output into tracked files.`
                : 'Stage a release version, or set "allowPrerelease": true.',
            paths: [file.repoPath],
            actual: file.value,
          }),
        );
      }
      return findings;
    }

    // The tag a version comes from: the one created or pushed, or (release mode) the nearest
    // release tag, whose own name is wrong whether or not HEAD is on it.
    const tag = target ? subject.tag : (facts.describe?.tag ?? null);
    const tagVersion = target ? subject.version : version.tagVersion;
    if (tag && tagVersion) {
      const raw = tagVersion.raw;
      const verdict = releaseVerdict(raw, config.allowPrerelease);
      if (!verdict.ok) {
        const release = `${prefix}${coreVersion(tagVersion)}`;
        if (verdict.reason === 'prerelease') {
          findings.push(
            finding('nonstandard-version', {
              message: `${tag} is a pre-release, and "allowPrerelease" is false`,
              hint: PRERELEASE_HINT,
              tag,
              actual: raw,
            }),
          );
        } else if (target) {
          findings.push(
            finding('nonstandard-version', {
              message: `${tag} ${describeProblems(verdict.classified.problems)}; it would stamp ${raw}`,
              hint: `Tag a plain release version such as ${release}.`,
              tag,
              actual: raw,
            }),
          );
        } else {
          findings.push(
            finding('nonstandard-version', {
              message: `the tag ${tag} itself ${describeProblems(verdict.classified.problems)}`,
              hint: `Delete it (git tag -d ${tag}) and tag the release with a plain version such as ${release}.`,
              tag,
              actual: raw,
            }),
          );
        }
      }
    }

    // Release mode: what a build from this checkout would stamp when it is not exactly a clean tag.
    // (An npm build stamps package.json's version, which version-mismatch and commit mode hold to.)
    if (
      facts.mode === 'release' &&
      version.convention !== 'npm' &&
      facts.describe &&
      version.buildVersion &&
      (facts.describe.distance > 0 || version.dirty)
    ) {
      const verdict = releaseVerdict(version.buildVersion, true);
      findings.push(
        finding('nonstandard-version', {
          message: `a build from this checkout would be stamped ${version.buildVersion}, which ${verdict.ok ? 'is not a release version' : describeProblems(verdict.classified.problems)}`,
          hint: 'Release from a clean tree exactly at a release tag; for a development build use "stampguard version --dev".',
          actual: version.buildVersion,
        }),
      );
    }
    return findings;
  },
});
