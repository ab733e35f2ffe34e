// What `stampguard stamp` stamps once the release check passes: the version-info record every
// format is written from. The CLI decides whether to write; formats.ts turns it into text.
import { UsageError } from '../errors.js';
import { formatMajorMinor, resolveEmulation } from '../gates/index.js';
import type { GatesConfig, Report } from '../types.js';

export interface VersionInfoFile {
  version: string;
  /** true for a release version, false for a development version (stamp --dev). */
  release: boolean;
  tag: string | null;
  commit: string;
  treeState: 'clean' | 'dirty';
  buildDate: string;
  emulationVersion?: string;
  minCompatibilityVersion?: string;
}

/** The build date: SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/) or now. */
export function buildDate(env: NodeJS.ProcessEnv, now: () => Date = () => new Date()): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '')
    return now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  if (!/^\d{1,15}$/.test(epoch))
    throw new UsageError(`SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, got "${epoch}"`);
  return new Date(Number(epoch) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The record for a checked checkout: its report, and the gates for the emulation versions. */
export function versionInfo(
  checked: { report: Report; gates: GatesConfig | null },
  options: { dev: boolean; env: NodeJS.ProcessEnv },
): VersionInfoFile {
  const { report, gates } = checked;
  const version = options.dev ? report.version.dev : report.version.stamp;
  const head = report.repo.head;
  if (!head) throw new UsageError('there is no version to stamp (the branch has no commits)');
  if (!version)
    throw new UsageError(
      'there is no version to stamp: no release tag is reachable from HEAD, and the "kubernetes" convention derives every version from git describe, which needs one (tag a release, or choose another convention)',
    );
  const info: VersionInfoFile = {
    version,
    release: !options.dev,
    // A release is exactly on its tag; a development build names the tag it descends from.
    tag: report.version.tag,
    commit: head,
    treeState: report.version.dirty ? 'dirty' : 'clean',
    buildDate: buildDate(options.env),
  };
  if (gates) {
    const window = resolveEmulation({ gates, stampedVersion: version });
    if (window) {
      info.emulationVersion = formatMajorMinor(window.emulation);
      info.minCompatibilityVersion = formatMajorMinor(window.minCompatibility);
    }
  }
  return info;
}
