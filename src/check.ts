// check(): locate the repository, load the configuration, gather facts, run the checks, build the
// report. The library entry, the CLI and the hooks all call this; it prints nothing.
import path from 'node:path';
import { runChecks } from './checks/index.js';
import { hasTypeScriptConfig, loadConfig, loadStagedConfig, resolveConfig } from './config.js';
import { UsageError } from './errors.js';
import { gatherFacts, parseVersionFile, type FactCache, type Facts } from './facts.js';
import { configOverrides, fetchUpstream, locateRepo, protectRepo, submoduleConfigKeys, readBlobs, readHead, readRefs, readRepoConfig, readStatus, type RepoLocation } from './git/repo.js';
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
  /** tag mode: the object the tag will point at (default HEAD). */
  target?: string;
  /** push mode: the tags being pushed and the objects they point at. */
  pushedTags?: readonly { tag: string; oid: string }[];
  /** A configuration file to use instead of searching, or a configuration object. */
  config?: string | ConfigInput;
  /** release mode: `git fetch` first so behind-upstream sees the remote's latest commits. */
  fetch?: boolean;
}

export interface Inspection {
  report: Report;
  facts: Facts;
  config: Config;
  version: VersionInfo;
}

export async function check(options: CheckOptions = {}): Promise<Report> {
  return (await inspect(options)).report;
}

/** check() with its working parts, for commands that need more than the report (gates, stamp). */
export async function inspect(options: CheckOptions = {}): Promise<Inspection> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const mode = options.mode ?? 'release';
  if (mode === 'tag' && !options.tag) throw new UsageError('tag mode needs the tag to check: --tag NAME');
  // Where the repository is, and (one git config call) which commands its own config would make
  // git run: those are overridden before anything reads the work tree.
  const [location, repoConfig] = await Promise.all([locateRepo(cwd), readRepoConfig(cwd)]);
  const submoduleKeys = submoduleConfigKeys(location.commonDir);
  protectRepo(location.root, submoduleKeys.length ? configOverrides(repoConfig.listing, submoduleKeys) : repoConfig.overrides);
  if (mode === 'commit') return inspectCommit(location, cwd, options);
  if (mode === 'push') return inspectPush(location, await configFor(options, cwd, location.root), options.pushedTags ?? []);
  if (options.fetch) await fetchUpstream(location.root);
  // The work-tree scan is the long pole (over 100 ms on 100k files): it starts now, next to the
  // configuration search, unless a TypeScript configuration is about to be loaded, which makes
  // cosmiconfig write a temporary file next to it that the scan would see.
  const cache: FactCache = { refs: readRefs(location.root), remotes: repoConfig.remotes };
  if (!hasTypeScriptConfig(cwd, location.root)) cache.status = readStatus(location.root, { untracked: 'normal' });
  cache.refs!.catch(() => undefined);
  cache.status?.catch(() => undefined);
  const config = await configFor(options, cwd, location.root);
  const request = { mode, ...(options.tag !== undefined && { tag: options.tag }), ...(options.target !== undefined && { target: options.target }) };
  const facts = await gatherFacts(location, config, request, cache);
  if (mode === 'tag' && !facts.head && !options.target) throw new UsageError('there is no commit to tag yet (the branch is unborn)');
  if (facts.target && facts.target.commit === null) throw new UsageError(`${options.target} does not name a commit`);
  const version = deriveVersion(facts, config.tagPrefix, config.untracked);
  const findings = runChecks({ facts, config, version });
  return { report: buildReport(mode, facts, version, config, findings), facts, config, version };
}

async function configFor(options: CheckOptions, cwd: string, root: string): Promise<Config> {
  if (typeof options.config === 'object') return resolveConfig(options.config, null, cwd);
  return loadConfig({ cwd, root, ...(options.config !== undefined && { configFile: options.config }) });
}

/**
 * Commit mode reads the index git is committing (GIT_INDEX_FILE in a hook, so `git commit -a` and
 * `git commit <paths>` are seen as git will commit them), never the working tree.
 */
async function inspectCommit(location: RepoLocation, cwd: string, options: CheckOptions): Promise<Inspection> {
  const { root } = location;
  // The staged package.json is nearly always wanted (the default version file, often the
  // configuration too): it is read once, next to HEAD, while the configuration is searched.
  const stagedPackage = readBlobs(root, '', ['package.json']);
  stagedPackage.catch(() => undefined);
  const readStaged = async (repoPath: string) => (await (repoPath === 'package.json' ? stagedPackage : readBlobs(root, '', [repoPath]))).get(repoPath) ?? null;
  const [config, head] = await Promise.all([
    typeof options.config === 'object'
      ? Promise.resolve(resolveConfig(options.config, null, cwd))
      : loadStagedConfig({ cwd, root, readStaged, ...(options.config !== undefined && { configFile: options.config }) }),
    readHead(root),
  ]);
  const configDir = config.file ? path.dirname(config.file) : root;
  const entries = config.versionFiles.map((file) => ({ file, repoPath: path.relative(root, path.resolve(configDir, file)).split(path.sep).join('/') }));
  const others = entries.map((e) => e.repoPath).filter((p) => p !== 'package.json');
  const [pkgBlob, otherBlobs] = await Promise.all([stagedPackage, readBlobs(root, '', others)]);
  const blobs = new Map([...pkgBlob, ...otherBlobs]);
  const facts: Facts = {
    mode: 'commit',
    root,
    head: head.head,
    branch: head.branch,
    shallow: location.shallow,
    operation: location.operation,
    status: { oid: head.head, branch: head.branch, upstream: null, ahead: null, behind: null, entries: [] },
    untrackedScanned: false,
    tags: [],
    describe: null,
    commitCount: null,
    target: null,
    versionFiles: entries.map((e) => parseVersionFile(e.file, e.repoPath, blobs.get(e.repoPath) ?? null, true)),
    branchesContainingHead: null,
    signature: null,
    remotes: null,
  };
  const version = deriveVersion(facts, config.tagPrefix, config.untracked);
  const findings = runChecks({ facts, config, version });
  const report = buildReport('commit', facts, version, config, findings);
  report.version.dev = null; // a commit has no version of its own yet
  return { report, facts, config, version };
}

/** Push mode: each tag being pushed passes the tag checks for its own commit. */
async function inspectPush(location: RepoLocation, config: Config, pushed: readonly { tag: string; oid: string }[]): Promise<Inspection> {
  const cache: FactCache = {};
  const findings: Finding[] = [];
  let last: { facts: Facts; version: VersionInfo } | null = null;
  for (const { tag, oid } of pushed) {
    const facts = await gatherFacts(location, config, { mode: 'push', tag, target: oid }, cache);
    const version = deriveVersion(facts, config.tagPrefix, config.untracked);
    findings.push(...runChecks({ facts, config, version }).filter((f) => f.severity === 'error' || pushed.length === 1));
    last = { facts, version };
  }
  if (!last) {
    const facts = await gatherFacts(location, config, { mode: 'push' }, cache);
    last = { facts, version: deriveVersion(facts, config.tagPrefix, config.untracked) };
  }
  const report = buildReport('push', last.facts, last.version, config, findings);
  if (pushed.length !== 1) report.version.stamp = null;
  return { report, facts: last.facts, config, version: last.version };
}

function buildReport(mode: Mode, facts: Facts, version: VersionInfo, config: Config, findings: Finding[]): Report {
  const ok = !findings.some((f) => f.severity === 'error');
  let stamp: string | null = null;
  if (ok) {
    if (facts.target) stamp = versionFromTag(facts.target.tag, config.tagPrefix)?.raw ?? null;
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
