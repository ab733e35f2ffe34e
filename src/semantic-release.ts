// stampguard/semantic-release: the guard as a semantic-release plugin.
//
//   verifyConditions  runs first, before any version is computed: the preflight checks (clean tree,
//                     no operation in progress, release branch, not behind upstream, not shallow).
//   verifyRelease     runs once semantic-release knows the next version: the tag it is about to
//                     create (nextRelease.gitTag at nextRelease.gitHead) gets the tag checks, so the
//                     feature gates are evaluated at nextRelease.version, the version being stamped.
//                     Version files are not compared there: @semantic-release/npm (or an exec
//                     plugin) writes the new version in the prepare step, which comes after.
//
// A refusal is thrown the way semantic-release prints errors well: one error per finding with
// `code`, `details` and `semanticRelease: true` (the shape of @semantic-release/error), gathered
// in an AggregateError, whose members semantic-release lists one by one.
import path from 'node:path';
import type { Finding, FindingCode, Report } from './index.js';
import { CODES, ConfigError, check, GitError, UsageError } from './index.js';

/** The plugin's options, as written next to it in the semantic-release configuration. */
export interface PluginConfig {
  /** A stampguard configuration file to use instead of searching (relative to semantic-release's cwd). */
  config?: string;
  /** Finding codes that are reported, loudly, as allowed instead of refusing the release. */
  allow?: FindingCode | FindingCode[];
  /** The directory to check, relative to semantic-release's cwd (default: that cwd). */
  cwd?: string;
}

/** The parts of semantic-release's context this plugin reads. */
export interface ReleaseContext {
  cwd?: string;
  logger?: { log(message: string, ...args: unknown[]): void; warn?(message: string, ...args: unknown[]): void };
  nextRelease?: { version?: string; gitTag?: string; gitHead?: string };
}

/** An error semantic-release prints as `CODE message`, then `details` rendered as Markdown. */
export class StampguardReleaseError extends Error {
  override name = 'SemanticReleaseError';
  readonly code: string;
  readonly details: string;
  readonly semanticRelease = true;

  constructor(message: string, code: string, details: string) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

const PLUGIN = 'stampguard/semantic-release';

interface Options {
  cwd: string;
  config: string | undefined;
  allow: ReadonlySet<FindingCode>;
}

/** semantic-release's verifyConditions step: the preflight checks. */
export async function verifyConditions(pluginConfig: PluginConfig = {}, context: ReleaseContext = {}): Promise<void> {
  const options = readOptions(pluginConfig, context);
  const report = await run(() =>
    check({ cwd: options.cwd, mode: 'preflight', ...(options.config !== undefined && { config: options.config }) }),
  );
  const refusals = settle(report.findings, options, context, 'verifyConditions');
  if (refusals.length) throw refuse(refusals, 'the pre-release checks');
  context.logger?.log(
    `stampguard: pre-release checks passed on ${report.repo.branch ?? 'a detached HEAD'} at ${short(report.repo.head)}`,
  );
}

/** semantic-release's verifyRelease step: the tag about to be created, and the gates at its version. */
export async function verifyRelease(pluginConfig: PluginConfig = {}, context: ReleaseContext = {}): Promise<void> {
  const options = readOptions(pluginConfig, context);
  const next = context.nextRelease;
  if (!next?.gitTag || !next.version) {
    throw new StampguardReleaseError(
      'verifyRelease was called without nextRelease.gitTag and nextRelease.version',
      'ESTAMPGUARDCONTEXT',
      `${PLUGIN} reads the tag and version semantic-release is about to release; run it as a semantic-release plugin (semantic-release 24 or later).`,
    );
  }
  const report = await run(() =>
    check({
      cwd: options.cwd,
      mode: 'tag',
      tag: next.gitTag!,
      target: next.gitHead ?? 'HEAD',
      // The version files are bumped in semantic-release's prepare step, after this one.
      versionFiles: false,
      ...(options.config !== undefined && { config: options.config }),
    }),
  );
  const findings = report.findings.map((f) =>
    f.code === 'tag-not-semver' && f.severity === 'warning' ? tagFormatMismatch(f, next.gitTag!) : f,
  );
  const refusals = settle(findings, options, context, 'verifyRelease');
  if (refusals.length) throw refuse(refusals, `the tag ${next.gitTag}`);
  context.logger?.log(
    `stampguard: ${next.gitTag} at ${short(next.gitHead ?? report.repo.head)} passes the tag checks at version ${next.version}`,
  );
}

/**
 * In tag mode a tag that does not look like a release tag is only a warning (it is not checked at
 * all). Here the tag is semantic-release's release tag, so a mismatch between its tagFormat and
 * stampguard's tagPrefix would let the release through unchecked: it refuses instead.
 */
function tagFormatMismatch(f: Finding, tag: string): Finding {
  return {
    ...f,
    severity: 'error',
    message: `semantic-release is about to create ${tag}, which stampguard does not recognise as a release tag, so it could not check it`,
    hint: `Make "tagPrefix" in the stampguard configuration match semantic-release's "tagFormat" (tagFormat "v\${version}" is tagPrefix "v").`,
  };
}

function readOptions(pluginConfig: PluginConfig, context: ReleaseContext): Options {
  // semantic-release passes its global options merged with the plugin's own, so only the keys
  // this plugin owns are read; each is checked, and a wrong one stops the release.
  const { config, allow, cwd } = pluginConfig ?? {};
  if (config !== undefined && (typeof config !== 'string' || config === ''))
    throw optionError('config', 'a path to a stampguard configuration file', config);
  if (cwd !== undefined && (typeof cwd !== 'string' || cwd === '')) throw optionError('cwd', 'a directory path', cwd);
  const allowed = allow === undefined ? [] : Array.isArray(allow) ? allow : [allow];
  for (const code of allowed as unknown[]) {
    if (typeof code !== 'string' || !Object.hasOwn(CODES, code))
      throw optionError('allow', `finding codes (${Object.keys(CODES).join(', ')})`, code);
  }
  const base = path.resolve(context.cwd ?? process.cwd());
  return {
    cwd: cwd === undefined ? base : path.resolve(base, cwd),
    config: config === undefined ? undefined : path.resolve(base, config),
    allow: new Set(allowed),
  };
}

function optionError(key: string, expected: string, got: unknown): StampguardReleaseError {
  return new StampguardReleaseError(
    `The ${PLUGIN} option "${key}" must be ${expected}; got ${JSON.stringify(got) ?? String(got)}`,
    'EINVALIDSTAMPGUARDOPTION',
    `Fix "${key}" in the plugin's options, for example \`["${PLUGIN}", { "allow": ["untracked-files"] }]\`.`,
  );
}

/** Runs check(); the errors that mean "could not run" become errors semantic-release prints well. */
async function run(fn: () => Promise<Report>): Promise<Report> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new StampguardReleaseError(
        error.message,
        'ESTAMPGUARDCONFIG',
        `Fix the stampguard configuration${error.file ? ` in \`${error.file}\`` : ''}; \`npx stampguard check\` shows the same error.`,
      );
    }
    if (error instanceof GitError)
      throw new StampguardReleaseError(
        error.message,
        'ESTAMPGUARDGIT',
        error.hint || 'stampguard could not read the repository with git.',
      );
    if (error instanceof UsageError)
      throw new StampguardReleaseError(
        error.message,
        'ESTAMPGUARDUSAGE',
        `Check the ${PLUGIN} options and the release context.`,
      );
    throw error;
  }
}

/** Logs warnings and allowed findings; returns the errors that refuse the release. */
function settle(findings: readonly Finding[], options: Options, context: ReleaseContext, step: string): Finding[] {
  const warn = (message: string) => (context.logger?.warn ?? context.logger?.log)?.call(context.logger, message);
  const refusals: Finding[] = [];
  for (const f of findings) {
    if (f.severity === 'error' && options.allow.has(f.code)) {
      warn(
        `stampguard: ALLOWED ${f.code}: ${f.message} (allowed by the plugin's "allow" option; ${step} would refuse it otherwise)`,
      );
    } else if (f.severity === 'error') {
      refusals.push(f);
    } else {
      warn(`stampguard: ${f.code}: ${f.message}. ${f.hint}`);
    }
  }
  return refusals;
}

function refuse(findings: readonly Finding[], what: string): AggregateError {
  const errors = findings.map((f) => new StampguardReleaseError(f.message, f.code, details(f)));
  return new AggregateError(errors, `stampguard refused ${what}: ${findings.map((f) => f.code).join(', ')}`);
}

function details(f: Finding): string {
  const lines = [f.hint];
  if (f.paths?.length) {
    const shown = f.paths.slice(0, 10).map((p) => `\`${p}\``);
    lines.push(`Paths: ${shown.join(', ')}${f.paths.length > 10 ? ` and ${f.paths.length - 10} more` : ''}`);
  }
  if (f.expected !== undefined || f.actual !== undefined)
    lines.push(`Expected ${f.expected ?? '—'}, found ${f.actual ?? '—'}.`);
  // Allowing these would not help: git refuses to move an existing tag, and a tag stampguard does
  // not recognise would go unchecked.
  const allowable = f.code !== 'tag-exists' && f.code !== 'tag-not-semver';
  lines.push(
    `\`npx stampguard explain ${f.code}\` says more.${allowable ? ` To release anyway, list "${f.code}" in the plugin's "allow" option.` : ''}`,
  );
  return lines.join('\n\n');
}

function short(sha: string | null | undefined): string {
  return sha ? sha.slice(0, 7) : 'no commit';
}
