// check(): locate the repository, load the configuration, gather facts, run the checks, build the
// report. The library entry and the CLI both call this; it prints nothing.
import path from 'node:path';
import { runChecks } from './checks/index.js';
import { loadConfig, resolveConfig } from './config.js';
import { UsageError } from './errors.js';
import { gatherFacts, type Facts } from './facts.js';
import { locateRepo } from './git/repo.js';
import { deriveVersion, type VersionInfo } from './version/derive.js';
import { versionFromTag } from './version/rules.js';
import type { Config, ConfigInput, Finding, Mode, Report } from './types.js';

export interface CheckOptions {
  /** Directory inside the repository (default: process.cwd()). */
  cwd?: string;
  /** release (default), tag, commit or push. */
  mode?: Mode;
  /** tag mode: the tag about to be created. */
  tag?: string;
  /** tag mode: the revision the tag will point at (default HEAD). */
  target?: string;
  /** A configuration file to use instead of searching, or a configuration object. */
  config?: string | ConfigInput;
}

export async function check(options: CheckOptions = {}): Promise<Report> {
  return (await inspect(options)).report;
}

export interface Inspection {
  report: Report;
  facts: Facts;
  config: Config;
  version: VersionInfo;
}

/** check() with its working parts, for commands that need more than the report (gates, stamp). */
export async function inspect(options: CheckOptions = {}): Promise<Inspection> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const mode = options.mode ?? 'release';
  if (mode === 'tag' && !options.tag) throw new UsageError('tag mode needs the tag to check: --tag NAME');
  // The configuration is loaded before the work tree is scanned: a TypeScript config makes
  // cosmiconfig write a temporary file next to it while loading.
  const location = await locateRepo(cwd);
  const cfg = await configFor(options, cwd, location.root);
  const request = { mode, ...(options.tag !== undefined && { tag: options.tag }), ...(options.target !== undefined && { target: options.target }) };
  const facts = await gatherFacts(location, cfg, request);
  if (mode === 'tag' && !facts.head && !options.target) throw new UsageError('there is no commit to tag yet (the branch is unborn)');
  if (facts.target && facts.target.commit === null) throw new UsageError(`${options.target} does not name a commit`);
  const version = deriveVersion(facts, cfg.tagPrefix, cfg.untracked);
  const findings = runChecks({ facts, config: cfg, version });
  return { report: buildReport(mode, facts, version, cfg, findings), facts, config: cfg, version };
}

async function configFor(options: CheckOptions, cwd: string, root: string): Promise<Config> {
  if (typeof options.config === 'object') return resolveConfig(options.config, null, cwd);
  return loadConfig({ cwd, root, ...(options.config !== undefined && { configFile: options.config }) });
}

function buildReport(mode: Mode, facts: Facts, version: VersionInfo, config: Config, findings: Finding[]): Report {
  const ok = !findings.some((f) => f.severity === 'error');
  let stamp: string | null = null;
  if (ok) {
    if (mode === 'tag' && facts.target) stamp = versionFromTag(facts.target.tag, config.tagPrefix)?.raw ?? null;
    else if (mode === 'release') stamp = version.tagVersion?.raw ?? null;
  }
  return {
    schemaVersion: 1,
    ok,
    mode,
    repo: { root: facts.root, head: facts.head, branch: facts.branch, shallow: facts.shallow },
    version: {
      describe: version.describe,
      tag: version.tag,
      distance: version.distance,
      dirty: version.dirty,
      stamp,
      dev: version.dev,
    },
    findings,
  };
}
