// Version files (package.json by default) must hold exactly the version being released or tagged.
import path from 'node:path';
import { finding } from '../codes.js';
import type { VersionFileFact } from '../facts/types.js';
import type { Finding } from '../types.js';
import { classifyVersion, describeProblems, releaseVerdict } from '../version/rules.js';
import { defineCheck } from './define.js';

const FORMAT_NAME = { json: 'JSON', yaml: 'YAML', toml: 'TOML', text: 'text' } as const;

export const versionMismatch = defineCheck({
  id: 'version-mismatch',
  codes: ['version-mismatch'],
  modes: ['release', 'tag', 'push'],
  run({ facts, subject, target }) {
    const expected = subject.version;
    const tag = subject.tag;
    if (!expected || !tag) return [];
    // A tag that is itself describe output (v2.0.0-1-gdeadbee) is the mistake nonstandard-version
    // names; its version is nothing to write into a file.
    const verdict = releaseVerdict(expected.raw, true);
    if (!verdict.ok) return [];
    // Release mode: the tag is made already, so the fix moves it; tag mode: the tag is to come.
    const tagged = !target;
    const files = target ? target.versionFiles : facts.versionFiles;
    const where = target && !target.isHead ? `at ${target.commit?.slice(0, 7)}` : 'at HEAD';
    const findings: Finding[] = [];
    for (const file of files) {
      // The default package.json may be absent (a Go project) or carry no version (a private app).
      if ((file.problem === 'missing' || file.problem === 'no-key') && !file.explicit) continue;
      const common = { paths: [file.repoPath], tag, expected: expected.raw };
      if (file.problem) {
        findings.push(
          finding('version-mismatch', {
            message: `${unreadable(file, where)}, so it cannot be compared with ${tag}`,
            hint: `${setHint(file, expected.raw)}, or remove it from "versionFiles".`,
            ...common,
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
        : ` (and ${JSON.stringify(file.value)} ${describeProblems(classified.problems)})`;
      // A value written as the tag (Helm's appVersion "v0.19.1") is fixed in the same form.
      const want = file.value !== file.version ? tag : expected.raw;
      findings.push(
        finding('version-mismatch', {
          message: `${holds(file)} ${where}, but the tag ${tag} says ${expected.raw}${extra}`,
          hint: tagged
            ? isNpmManifest(file)
              ? `The tag is already made: delete it and let npm make the commit and the tag (git tag -d ${tag} && npm version ${expected.raw}), or tag the version the file holds.`
              : `The tag is already made: ${lower(setHint(file, want))}, then move the tag to that commit (git tag -d ${tag}, and tag it again); or tag the version the file holds.`
            : isNpmManifest(file)
              ? `Set "version": "${want}" in ${file.repoPath} and commit it before tagging (npm version ${expected.raw} does both), or tag the version the file holds.`
              : `${setHint(file, want)} before tagging, or tag the version the file holds.`,
          ...common,
          actual: file.value!,
        }),
      );
    }
    return findings;
  },
});

function lower(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function isNpmManifest(file: VersionFileFact): boolean {
  return path.posix.basename(file.repoPath) === 'package.json' && file.format === 'json' && file.key === 'version';
}

/** "package.json has version 1.2.2", "VERSION holds 1.2.2", "version.go has 1.2.2 (matched by /…/)". */
function holds(file: VersionFileFact): string {
  if (file.pattern !== null) return `${file.repoPath} has ${file.value} (matched by /${file.pattern}/)`;
  if (file.key === null) return `${file.repoPath} holds ${file.value}`;
  return `${file.repoPath} has ${file.key} ${file.value}`;
}

/** Why there is no value to compare, as the start of a sentence. */
function unreadable(file: VersionFileFact, where: string): string {
  switch (file.problem) {
    case 'missing':
      return `${file.repoPath} does not exist ${where}`;
    case 'unparsable':
      return `${file.repoPath} is not valid ${FORMAT_NAME[file.format]} ${where} (${file.detail})`;
    case 'no-key':
      return `${file.repoPath} ${file.detail} ${where}`;
    case 'not-string':
      return `${file.repoPath} has ${file.key} ${where} as ${file.detail}, not as a string`;
    default:
      return `${file.repoPath} has no version ${where}`;
  }
}

/** "Set appVersion to "v1.2.3" in Chart.yaml and commit it", and the like for each kind of file. */
function setHint(file: VersionFileFact, version: string): string {
  if (file.problem === 'unparsable') return `Fix the ${FORMAT_NAME[file.format]} in ${file.repoPath} and commit it`;
  if (file.problem === 'missing')
    return isNpmManifest(file)
      ? `Commit ${file.repoPath} with "version": "${version}"`
      : `Commit ${file.repoPath} holding ${version}`;
  if (file.problem === 'not-string' && file.format === 'toml' && file.key === 'package.version')
    return `Write package.version = "${version}" in ${file.repoPath} and commit it; a crate that inherits its version (version.workspace = true) is checked through the workspace's Cargo.toml with "key": "workspace.package.version"`;
  if (file.pattern !== null)
    return `Write ${version} into ${file.repoPath} where /${file.pattern}/ captures it, and commit it`;
  if (file.key === null) return `Write exactly ${version} into ${file.repoPath} and commit it`;
  if (file.problem === 'not-string')
    return `Write ${file.key} as the string "${version}" (quoted) in ${file.repoPath} and commit it`;
  return `Set ${file.key} to "${version}" in ${file.repoPath} and commit it`;
}
