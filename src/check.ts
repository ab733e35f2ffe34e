// check(): locate the repository, load the configuration, gather the facts, run the checks, build
// the report. The library entry, the CLI and the hooks all call this; it prints nothing.
import path from 'node:path';
import type { CheckContext } from './checks/define.js';
import { checkContexts, runChecks } from './checks/index.js';
import { loadConfig, loadStagedConfig, resolveConfig } from './config/index.js';
import { UsageError } from './errors.js';
import { checkoutVersion, type FactRequest, type Facts, gatherFacts, startReads } from './facts/index.js';
import { openRepository, type Repository } from './git/reader.js';
import { type CheckOptions, validateOptions } from './options.js';
import { buildReport } from './report.js';
import type { Config, Mode, Report } from './types.js';
import type { VersionInfo } from './version/derive.js';

export type { CheckOptions } from './options.js';

export interface Inspection {
  report: Report;
  facts: Facts;
  config: Config;
  version: VersionInfo;
  /** The version under scrutiny, per subject (one, or one per pushed tag). */
  contexts: CheckContext[];
}

export async function check(options: CheckOptions = {}): Promise<Report> {
  return (await inspect(options)).report;
}

/** check() with its working parts, for commands that need more than the report (gates, stamp). */
export async function inspect(options: CheckOptions = {}): Promise<Inspection> {
  validateOptions(options);
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const request = factRequest(options);
  const repo = await openRepository(cwd);
  if (options.fetch) await repo.fetch();
  startReads(repo, request.mode);
  const loaded = await configFor(options, request.mode, cwd, repo);
  const config = options.versionFiles === false ? { ...loaded, versionFiles: [] } : loaded;
  const facts = await gatherFacts(repo, config, request);
  const version = checkoutVersion(facts, config);
  const contexts = checkContexts(facts, config, version);
  const findings = runChecks(contexts);
  const report = buildReport(facts, version, contexts, findings, {
    configFile: config.file,
    ...(options.allow && { allow: options.allow }),
  });
  return { report, facts, config, version, contexts };
}

function factRequest(options: CheckOptions): FactRequest {
  const mode = options.mode ?? 'release';
  if (mode === 'push') return { mode, tags: (options.pushedTags ?? []).map(({ tag, oid }) => ({ tag, object: oid })) };
  if (mode !== 'tag') return { mode, tags: [] };
  if (options.createdTags) return { mode, tags: options.createdTags.map(({ tag, oid }) => ({ tag, object: oid })) };
  if (!options.tag) throw new UsageError('tag mode needs the tag to check: --tag NAME');
  return { mode, tags: [{ tag: options.tag, ...(options.target !== undefined && { object: options.target }) }] };
}

/**
 * The configuration: an object given by the caller, a file (--config), or the one found by
 * searching. Commit mode reads it as staged, so the commit's own configuration is what is checked.
 */
async function configFor(options: CheckOptions, mode: Mode, cwd: string, repo: Repository): Promise<Config> {
  if (typeof options.config === 'object') return resolveConfig(options.config, null, cwd);
  const search = {
    cwd,
    root: repo.root,
    ...(options.config !== undefined && { configFile: options.config }),
    ...(options.noCodeConfig !== undefined && { noCodeConfig: options.noCodeConfig }),
  };
  if (mode !== 'commit') return loadConfig(search);
  return loadStagedConfig({
    ...search,
    readStaged: async (repoPath) => (await repo.read.files('', [repoPath])).get(repoPath) ?? null,
  });
}
