// What `stampguard stamp` stamps once the release check passes: the version-info record every
// format is written from. The CLI decides whether to write; formats.ts turns it into text.
import type { Inspection } from '../check.js';
import { UsageError } from '../errors.js';
import { formatMajorMinor, resolveEmulation } from '../gates/index.js';

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

export function versionInfo(
  inspection: Inspection,
  options: { dev: boolean; env: NodeJS.ProcessEnv },
): VersionInfoFile {
  const { report, config, facts } = inspection;
  const version = options.dev ? report.version.dev : report.version.stamp;
  if (!version || !facts.head) throw new UsageError('there is no version to stamp (the branch has no commits)');
  const info: VersionInfoFile = {
    version,
    release: !options.dev,
    tag: options.dev ? report.version.tag : (facts.describe?.tag ?? null),
    commit: facts.head,
    treeState: report.version.dirty ? 'dirty' : 'clean',
    buildDate: buildDate(options.env),
  };
  if (config.gates) {
    const window = resolveEmulation({ gates: config.gates, stampedVersion: version });
    if (window) {
      info.emulationVersion = formatMajorMinor(window.emulation);
      info.minCompatibilityVersion = formatMajorMinor(window.minCompatibility);
    }
  }
  return info;
}
