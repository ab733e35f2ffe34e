// check(): locate the repository, load the configuration, gather the facts, run the checks, build
// the report. The library entry, the CLI and the hooks all call this; it prints nothing.
import path from 'node:path';
import type { CheckContext } from './checks/define.js';
import { checkContexts, runChecks } from './checks/index.js';
import { UsageError } from './errors.js';
import { checkoutVersion, type FactRequest, type Facts, gatherFacts, startReads } from './facts/index.js';
import { openRepository } from './git/reader.js';
import { type CheckOptions, validateOptions } from './options.js';
import { buildReport } from './report.js';
import { scopesFor } from './scope.js';
import type { Config, Finding, Report } from './types.js';
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
  const scopes = await scopesFor(options, request, cwd, repo);
  const checked = await Promise.all(
    scopes.map(async ({ config: loaded, request: scoped }) => {
      const config = options.versionFiles === false ? { ...loaded, versionFiles: [] } : loaded;
      const facts = await gatherFacts(repo, config, scoped);
      const version = checkoutVersion(facts, config);
      const contexts = checkContexts(facts, config, version);
      return { config, facts, version, contexts, findings: runChecks(contexts) };
    }),
  );
  // Several scopes (tags of several packages) share the checkout: its facts are the first's.
  const { config, facts, version } = checked[0]!;
  const contexts = checked.flatMap((c) => c.contexts);
  const report = buildReport(facts, version, contexts, dedupe(checked.flatMap((c) => c.findings)), {
    configFile: config.file,
    ...(options.allow && { allow: options.allow }),
  });
  return { report, facts, config, version, contexts };
}

/** A work-tree finding is the same for every package's tags: reported once. */
function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = JSON.stringify([f.code, f.message, f.paths]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function factRequest(options: CheckOptions): FactRequest {
  const mode = options.mode ?? 'release';
  if (mode === 'push') return { mode, tags: (options.pushedTags ?? []).map(({ tag, oid }) => ({ tag, object: oid })) };
  if (mode !== 'tag') return { mode, tags: [] };
  if (options.createdTags) return { mode, tags: options.createdTags.map(({ tag, oid }) => ({ tag, object: oid })) };
  if (!options.tag) throw new UsageError('tag mode needs the tag to check: --tag NAME');
  return { mode, tags: [{ tag: options.tag, ...(options.target !== undefined && { object: options.target }) }] };
}
