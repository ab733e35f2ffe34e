// Hand-built facts for the pure tests: checks and reporters run on plain data, with no git and no
// processes. The defaults are one consistent world per mode, shaped the way gatherFacts shapes it
// (src/facts/index.ts): a clean checkout of main releasing 1.2.3, package.json at 1.2.3, the
// previous release v1.2.2 one commit back. A test then states only the one thing it changes.
//
// The version and the contexts are computed by the code's own functions (checkoutVersion,
// checkContexts), so the subject a check sees here is the subject it sees in a real run.

import { expect } from 'vitest';
import type { Check, CheckContext } from '../../src/checks/define.js';
import { checkContexts, runChecks } from '../../src/checks/index.js';
import { DEFAULT_CONFIG } from '../../src/config.js';
import {
  checkoutVersion,
  type Facts,
  type Signature,
  type TargetFacts,
  type VersionFileFact,
} from '../../src/facts/index.js';
import type { StatusEntry, StatusFacts } from '../../src/git/status.js';
import type { TagRef } from '../../src/git/tags.js';
import { buildReport } from '../../src/report.js';
import type { Config, Finding, FindingCode, Mode, Report, Severity } from '../../src/types.js';
import type { VersionInfo } from '../../src/version/derive.js';
import type { Subject } from '../../src/version/subject.js';

export const ROOT = '/home/dev/app';
/** HEAD: the release commit. */
export const HEAD = '0214af08731054c1d9e4f1b2a3c4d5e6f7a8b9c0';
/** HEAD's parent, where the previous release v1.2.2 is. */
export const PARENT = '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432';
/** A commit on another line of history. */
export const ELSEWHERE = 'c0ffee0123456789abcdef0123456789abcdef01';
/** The annotated tag object of the tag being created or pushed. */
export const TAG_OBJECT = '5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b';

// ---------------------------------------------------------------------------------------------
// Pieces

/** The configuration after loading, with defaults (src/config.ts DEFAULT_CONFIG). */
export function config(over: Partial<Config> = {}): Config {
  return { ...DEFAULT_CONFIG, versionFiles: [...DEFAULT_CONFIG.versionFiles], ...over };
}

/** A version file as facts read it: package.json at the given version unless overridden. */
export function versionFile(version: string | null, over: Partial<VersionFileFact> = {}): VersionFileFact {
  return {
    file: 'package.json',
    repoPath: 'package.json',
    format: 'json',
    key: 'version',
    pattern: null,
    value: version,
    version,
    problem: null,
    detail: null,
    explicit: false,
    ...over,
  };
}

/** A tag ref as `git show-ref --tags -d` reports it (src/git/tags.ts). */
export function tagRef(name: string, target: string, annotated = true): TagRef {
  return { name, object: annotated ? `${target.slice(0, 20)}${'0'.repeat(20)}` : target, target, annotated };
}

/** Status entries, exactly as parseStatusV2 returns them for git's porcelain v2 records. */
export const entry = {
  modified: (path: string): StatusEntry => ({ kind: 'changed', xy: '.M', path }),
  staged: (path: string): StatusEntry => ({ kind: 'changed', xy: 'M.', path }),
  added: (path: string): StatusEntry => ({ kind: 'changed', xy: 'A.', path }),
  deleted: (path: string): StatusEntry => ({ kind: 'changed', xy: '.D', path }),
  renamed: (from: string, path: string): StatusEntry => ({ kind: 'renamed', xy: 'R.', path, from }),
  copied: (from: string, path: string): StatusEntry => ({ kind: 'copied', xy: 'C.', path, from }),
  unmerged: (path: string): StatusEntry => ({ kind: 'unmerged', xy: 'UU', path }),
  /** A submodule; state "SC.." = new commits, "S.M." = modified content, "S..U" = untracked files only. */
  submodule: (path: string, state: string): StatusEntry => ({ kind: 'changed', xy: '.M', path, submodule: state }),
  untracked: (path: string): StatusEntry => ({ kind: 'untracked', xy: '??', path }),
  ignored: (path: string): StatusEntry => ({ kind: 'ignored', xy: '!!', path }),
};

/**
 * A tag being created (tag mode, at HEAD, an annotated tag object as the reference-transaction
 * hook passes it) with package.json at the tag's version at the tagged commit.
 */
export function target(tag: string, over: Partial<TargetFacts> = {}): TargetFacts {
  return {
    tag,
    commit: HEAD,
    isHead: true,
    annotated: true,
    objectType: 'tag',
    object: TAG_OBJECT,
    unchanged: false,
    repointed: false,
    reachableReleases: [],
    versionFiles: [versionFile(tag.replace(/^v/, ''))],
    signature: null,
    ...over,
  };
}

/** A tag being pushed: as target(), but push mode never looks at the work tree (isHead false). */
export function pushed(tag: string, over: Partial<TargetFacts> = {}): TargetFacts {
  return target(tag, { isHead: false, ...over });
}

export function signature(tag: string, valid: boolean, detail = valid ? '' : 'error: no signature found'): Signature {
  return { tag, valid, detail };
}

// ---------------------------------------------------------------------------------------------
// Facts per mode

export type FactsOverrides = Partial<Omit<Facts, 'status'>> & { status?: Partial<StatusFacts> };

const CLEAN_STATUS: StatusFacts = {
  oid: HEAD,
  branch: 'main',
  upstream: 'origin/main',
  ahead: 0,
  behind: 0,
  entries: [],
};
/** What push and commit facts carry for status: they never scan the work tree. */
const NO_STATUS: StatusFacts = { oid: null, branch: null, upstream: null, ahead: null, behind: null, entries: [] };

function base(mode: Mode): Facts {
  return {
    mode,
    root: ROOT,
    head: HEAD,
    branch: 'main',
    shallow: false,
    operation: null,
    status: CLEAN_STATUS,
    hidden: { assumeUnchanged: [], skipWorktree: [] },
    incomplete: [],
    locallyIgnored: [],
    tags: [tagRef('v1.2.2', PARENT), tagRef('v1.2.3', HEAD)],
    describe: { tag: 'v1.2.3', distance: 0, abbrev: HEAD.slice(0, 14) },
    highestReachable: null,
    tagsAtHead: ['v1.2.3'],
    commitCount: null,
    targets: [],
    versionFiles: [],
    branchesContainingHead: null,
    signature: null,
    remotes: null,
    remotesWithBranch: null,
  };
}

/** The default world of each mode, as gatherFacts leaves it. */
const DEFAULTS: Record<Mode, () => Facts> = {
  // HEAD is exactly on v1.2.3; the version files are read at HEAD.
  release: () => ({ ...base('release'), versionFiles: [versionFile('1.2.3')] }),
  // v1.2.3 is being created at HEAD; describe finds v1.2.2 one commit back.
  tag: () => ({
    ...base('tag'),
    tags: [tagRef('v1.2.2', PARENT)],
    describe: { tag: 'v1.2.2', distance: 1, abbrev: HEAD.slice(0, 14) },
    targets: [target('v1.2.3')],
  }),
  // v1.2.3 exists at HEAD and is being pushed; push facts read the branch, not the work tree.
  push: () => ({
    ...base('push'),
    status: NO_STATUS,
    locallyIgnored: null,
    describe: null,
    targets: [pushed('v1.2.3')],
  }),
  // package.json is staged at 1.2.3; commit facts read the index, not the work tree or tags.
  commit: () => ({
    ...base('commit'),
    status: { ...NO_STATUS, oid: HEAD, branch: 'main' },
    locallyIgnored: null,
    tags: [],
    describe: null,
    versionFiles: [versionFile('1.2.3', { explicit: true })],
  }),
  // Before the bump: the tree and the branch matter, HEAD's tag is not looked at.
  preflight: () => ({ ...base('preflight'), describe: null }),
};

/**
 * Facts for a mode (`over.mode`, default release) with overrides. `status` is merged into the
 * mode's status; `head` and `branch` are copied into the status unless it sets its own, since
 * gatherFacts takes them from there.
 */
export function facts(over: FactsOverrides = {}): Facts {
  const mode = over.mode ?? 'release';
  const defaults = DEFAULTS[mode]();
  const { status, ...rest } = over;
  const merged: Facts = { ...defaults, ...rest, status: { ...defaults.status } };
  if (mode !== 'push') {
    if (over.head !== undefined) merged.status.oid = over.head;
    if (over.branch !== undefined) merged.status.branch = over.branch;
  }
  Object.assign(merged.status, status);
  return merged;
}

// ---------------------------------------------------------------------------------------------
// Version, subject, contexts: computed the way check.ts computes them

/** HEAD's version, as check.ts derives it from the facts; `over` replaces fields after that. */
export function versionOf(f: Facts, c: Config = config(), over: Partial<VersionInfo> = {}): VersionInfo {
  return { ...checkoutVersion(f, c), ...over };
}

/** A test case's inputs: overrides of the mode's facts, of the configuration and of the derived version. */
export interface Scenario {
  facts?: FactsOverrides;
  config?: Partial<Config>;
  version?: Partial<VersionInfo>;
  /** Finding codes allowed for the run (--allow). */
  allow?: FindingCode[];
}

export interface World {
  facts: Facts;
  config: Config;
  version: VersionInfo;
  contexts: CheckContext[];
}

export function world(s: Scenario = {}): World {
  const f = facts(s.facts);
  const c = config(s.config);
  const v = versionOf(f, c, s.version);
  return { facts: f, config: c, version: v, contexts: checkContexts(f, c, v) };
}

/** The one context of a scenario (a checkout, or one tag); throws when there is not exactly one. */
export function contextOf(s: Scenario = {}): CheckContext {
  const { contexts } = world(s);
  if (contexts.length !== 1) throw new Error(`test setup: expected one context, got ${contexts.length}`);
  return contexts[0]!;
}

/** The version under scrutiny in a scenario, as checkContexts decides it. */
export function subjectOf(s: Scenario = {}): Subject {
  return contextOf(s).subject;
}

/**
 * Runs one check on every context of the scenario, directly (no registry, no dedup). The mode
 * must be one the check runs in: silence in the other modes is tested through runChecks.
 */
export function runCheck(check: Check, s: Scenario = {}): Finding[] {
  const w = world(s);
  if (!check.modes.includes(w.facts.mode)) throw new Error(`test setup: ${check.id} does not run in ${w.facts.mode}`);
  return w.contexts.flatMap((context) => check.run(context));
}

/** Every check through the registry, as check.ts runs them. */
export function runAll(s: Scenario = {}): Finding[] {
  return runChecks(world(s).contexts);
}

/** The modes, of all five, in which the registry reports `code` for the scenario each mode is given. */
export function modesReporting(code: FindingCode, scenario: (mode: Mode) => Scenario): Mode[] {
  const modes: Mode[] = ['release', 'tag', 'push', 'commit', 'preflight'];
  return modes.filter((mode) => {
    const s = scenario(mode);
    return runAll({ ...s, facts: { ...s.facts, mode } }).some((f) => f.code === code);
  });
}

/** The report check.ts would build for a scenario: every check through the registry. */
export function reportOf(s: Scenario = {}): Report {
  const w = world(s);
  return buildReport(w.facts, w.version, w.contexts, runChecks(w.contexts), {
    configFile: w.config.file,
    ...(s.allow && { allow: s.allow }),
  });
}

// ---------------------------------------------------------------------------------------------
// Expected findings, as table rows

export interface Expected {
  code: FindingCode;
  severity: Severity;
  paths?: string[];
  tag?: string;
  gate?: string;
  expected?: string;
  actual?: string;
  /** Words the message must contain (the ones that carry meaning). */
  message?: string[];
  /** Words the hint must contain: the way out. */
  hint?: string[];
}

/** A table row: what the case is, what it changes, the findings it gives. */
export type Case = readonly [description: string, scenario: Scenario, expected: readonly Expected[]];

const KEY_FIELDS = ['code', 'severity', 'paths', 'tag', 'gate', 'expected', 'actual'] as const;

function keyFields(f: Finding | Expected): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of KEY_FIELDS) if (f[key] !== undefined) out[key] = f[key];
  return out;
}

/**
 * The findings, in order, have exactly the expected code, severity and key fields (a field the row
 * leaves out must be absent), and their message and hint contain the expected words.
 */
export function expectFindings(found: readonly Finding[], expected: readonly Expected[]): void {
  expect(found.map(keyFields)).toEqual(expected.map(keyFields));
  expected.forEach((want, i) => {
    const got = found[i]!;
    for (const word of want.message ?? []) expect(got.message, `finding ${i} (${got.code}) message`).toContain(word);
    for (const word of want.hint ?? []) expect(got.hint, `finding ${i} (${got.code}) hint`).toContain(word);
  });
}
