// Reading gate specs: the inline/JSON/YAML map shape { Gate: [{version, stage, default, lockToDefault?}] },
// Kubernetes' generated versioned_feature_list.yaml (test/compatibility_lifecycle/reference/ in
// kubernetes/kubernetes), and configured gate values (an object or the --feature-gates flag string).
// Parsing is strict: every problem is a ConfigError naming the file and the key path. Lifecycle rules
// (order, patch versions, regressions …) are not parse errors; lint.ts reports them as findings.

import { readFileSync } from 'node:fs';
import { extname } from 'node:path';

const parseYaml = (text: string): unknown => loadYaml().parse(text);

import { ConfigError } from '../errors.js';
import type { GateSpecEntry, GateSpecs, Stage } from '../types.js';
import { describeValue } from '../util/describe.js';
import { loadYaml } from '../util/lazy.js';
import { parseGeneratedFeatureList } from './fast-list.js';
import { splitVersion } from './versions.js';

export const STAGES: readonly Stage[] = ['prealpha', 'alpha', 'beta', 'ga', 'deprecated'];

/** Where a value sits: the file it came from and its key path ("gates.specs.NodeSwap[1]"). */
export interface Where {
  file: string | null;
  keyPath: string;
  /** For a spec file: how the configuration pointed at it, added to messages. */
  via?: string;
}

// ---------------------------------------------------------------------------------------------
// Errors and small helpers shared with config.ts

/** Appends a key ("stage") or an index (1) to a key path, quoting keys that are not identifiers. */
export function keyPathJoin(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  if (!/^[A-Za-z_$][\w$]*$/.test(key)) return `${base}[${JSON.stringify(key)}]`;
  return base === '' ? key : `${base}.${key}`;
}

/** A ConfigError for the value at `where.keyPath` (+ `key`): "<file>: <key path>: <problem>". */
export function configError(where: Where, key: string | number | null, problem: string, cause?: unknown): ConfigError {
  const keyPath = key === null ? where.keyPath : keyPathJoin(where.keyPath, key);
  const located = [where.file, keyPath].filter((part) => part !== null && part !== '').join(': ');
  const via = where.via ? ` (${where.via})` : '';
  return new ConfigError(`${located === '' ? '' : `${located}: `}${problem}${via}`, {
    file: where.file,
    keyPath: keyPath === '' ? null : keyPath,
    cause,
  });
}

/** A short description of a value for "got …" in messages (one wording for the whole project). */
export { describeValue };

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Throws for the first key of `obj` that is not in `allowed`. */
export function rejectUnknownKeys(obj: Record<string, unknown>, allowed: readonly string[], where: Where): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      throw configError(where, key, `unknown key; expected one of ${allowed.join(', ')}`);
    }
  }
}

// Gate names as Kubernetes spells them (Go identifiers in practice). Names must survive the flag
// syntax "A=true,B=false", so "=", "," and whitespace are out; "__proto__" and friends are out too.
const GATE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

function checkGateName(name: string, where: Where, key: string | number | null): void {
  if (!GATE_NAME.test(name)) {
    throw configError(
      where,
      key,
      `${JSON.stringify(name)} is not a gate name; expected letters, digits, "_", "." or "-", starting with a letter or digit`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Stages

// Kubernetes spells stages "PRE-ALPHA", "ALPHA", "BETA", "" (GA, written "GA" in the generated
// YAML) and "DEPRECATED" (component-base featuregate/feature_gate.go); the YAML uses "Alpha",
// "Beta", "GA", "Deprecated". Any case is accepted.
const STAGE_SPELLINGS: Readonly<Record<string, Stage>> = {
  prealpha: 'prealpha',
  'pre-alpha': 'prealpha',
  alpha: 'alpha',
  beta: 'beta',
  ga: 'ga',
  deprecated: 'deprecated',
};

export function normalizeStage(raw: unknown): Stage | null {
  if (typeof raw !== 'string') return null;
  const key = raw.toLowerCase();
  return Object.hasOwn(STAGE_SPELLINGS, key) ? (STAGE_SPELLINGS[key] ?? null) : null;
}

// ---------------------------------------------------------------------------------------------
// Spec entries

function parseVersionField(raw: unknown, where: Where, key: string): string {
  if (typeof raw === 'number') {
    // YAML reads an unquoted 1.30 as the number 1.3: refuse rather than guess.
    throw configError(
      where,
      key,
      `expected a version string like "1.22"; got the number ${raw} (quote versions: YAML reads 1.30 as 1.3)`,
    );
  }
  if (typeof raw !== 'string')
    throw configError(where, key, `expected a version string like "1.22"; got ${describeValue(raw)}`);
  // Only garbage is a parse error; a patch part or a "v" prefix is a lifecycle finding (lint.ts).
  if (!splitVersion(raw)) throw configError(where, key, `expected a version like "1.22"; got ${describeValue(raw)}`);
  return raw;
}

function parseBooleanField(raw: unknown, where: Where, key: string): boolean {
  if (typeof raw !== 'boolean') throw configError(where, key, `expected true or false; got ${describeValue(raw)}`);
  return raw;
}

function parseStageField(raw: unknown, where: Where, key: string): Stage {
  const stage = normalizeStage(raw);
  if (!stage) throw configError(where, key, `expected one of ${STAGES.join(', ')}; got ${describeValue(raw)}`);
  return stage;
}

const ENTRY_KEYS = ['version', 'stage', 'default', 'lockToDefault', 'minCompatibilityVersion'] as const;

function parseEntry(raw: unknown, where: Where): GateSpecEntry {
  if (!isPlainObject(raw)) {
    throw configError(
      where,
      null,
      `expected an object {version, stage, default, lockToDefault?, minCompatibilityVersion?}; got ${describeValue(raw)}`,
    );
  }
  rejectUnknownKeys(raw, ENTRY_KEYS, where);
  for (const key of ['version', 'stage', 'default'] as const) {
    if (!Object.hasOwn(raw, key)) throw configError(where, key, 'required');
  }
  const entry: GateSpecEntry = {
    version: parseVersionField(raw.version, where, 'version'),
    stage: parseStageField(raw.stage, where, 'stage'),
    default: parseBooleanField(raw.default, where, 'default'),
    lockToDefault: Object.hasOwn(raw, 'lockToDefault')
      ? parseBooleanField(raw.lockToDefault, where, 'lockToDefault')
      : false,
  };
  // Kubernetes 1.35+ FeatureSpec.MinCompatibilityVersion; where it may stand is a lint rule.
  if (Object.hasOwn(raw, 'minCompatibilityVersion') && raw.minCompatibilityVersion !== undefined)
    entry.minCompatibilityVersion = parseVersionField(raw.minCompatibilityVersion, where, 'minCompatibilityVersion');
  return entry;
}

/**
 * The map shape, inline or from a JSON/YAML file:
 * `{ NodeSwap: [{ version: "1.22", stage: "alpha", default: false }, …] }`.
 * Every entry comes back with `lockToDefault` filled in.
 */
export function parseSpecs(raw: unknown, where: Where): GateSpecs {
  if (!isPlainObject(raw)) {
    throw configError(
      where,
      null,
      `expected an object mapping gate names to lists of specs (or a path to a spec file); got ${describeValue(raw)}`,
    );
  }
  const specs: GateSpecs = {};
  for (const [name, list] of Object.entries(raw)) {
    checkGateName(name, where, name);
    const at: Where = { ...where, keyPath: keyPathJoin(where.keyPath, name) };
    if (!Array.isArray(list) || list.length === 0) {
      throw configError(
        at,
        null,
        `expected a non-empty list of {version, stage, default, lockToDefault?}; got ${describeValue(list)}`,
      );
    }
    specs[name] = list.map((entry: unknown, i) => parseEntry(entry, { ...at, keyPath: keyPathJoin(at.keyPath, i) }));
  }
  return specs;
}

// The generated list's shape (test/compatibility_lifecycle/cmd/feature_gates.go, featureInfo and
// featureSpec): every spec carries exactly default, lockToDefault, preRelease and version.
const K8S_FEATURE_KEYS = ['name', 'versionedSpecs'] as const;
const K8S_SPEC_KEYS = ['default', 'lockToDefault', 'preRelease', 'version'] as const;

/** Kubernetes' versioned_feature_list.yaml: `[{name, versionedSpecs: [{default, lockToDefault, preRelease, version}]}]`. */
export function parseKubernetesFeatureList(raw: unknown, where: Where): GateSpecs {
  if (!Array.isArray(raw)) {
    throw configError(
      where,
      null,
      `expected a list of {name, versionedSpecs} (a Kubernetes versioned_feature_list.yaml); got ${describeValue(raw)}`,
    );
  }
  const specs: GateSpecs = {};
  raw.forEach((feature: unknown, i) => {
    const at: Where = { ...where, keyPath: keyPathJoin(where.keyPath, i) };
    if (!isPlainObject(feature))
      throw configError(at, null, `expected {name, versionedSpecs}; got ${describeValue(feature)}`);
    rejectUnknownKeys(feature, K8S_FEATURE_KEYS, at);
    const name = feature.name;
    if (typeof name !== 'string') throw configError(at, 'name', `expected a gate name; got ${describeValue(name)}`);
    checkGateName(name, at, 'name');
    if (Object.hasOwn(specs, name)) throw configError(at, 'name', `feature ${name} is listed twice`);
    const list = feature.versionedSpecs;
    const listAt: Where = { ...at, keyPath: keyPathJoin(at.keyPath, 'versionedSpecs') };
    if (!Array.isArray(list) || list.length === 0) {
      throw configError(
        listAt,
        null,
        `expected a non-empty list of {default, lockToDefault, preRelease, version} for ${name}; got ${describeValue(list)}`,
      );
    }
    specs[name] = list.map((spec: unknown, j): GateSpecEntry => {
      const specAt: Where = { ...listAt, keyPath: keyPathJoin(listAt.keyPath, j) };
      if (!isPlainObject(spec))
        throw configError(
          specAt,
          null,
          `expected {default, lockToDefault, preRelease, version}; got ${describeValue(spec)}`,
        );
      // Kubernetes' generator writes exactly these four keys (featureSpec in
      // test/compatibility_lifecycle/cmd/feature_gates.go drops FeatureSpec.MinCompatibilityVersion),
      // so a list carrying more was not generated by it: refuse rather than guess its meaning.
      if (Object.hasOwn(spec, 'minCompatibilityVersion')) {
        throw configError(
          specAt,
          'minCompatibilityVersion',
          `Kubernetes' generated list has no per-spec minimum compatibility versions; for ${name}, write its specs in the map shape (gates.specs or a spec file whose top level is an object), where minCompatibilityVersion is supported`,
        );
      }
      rejectUnknownKeys(spec, K8S_SPEC_KEYS, specAt);
      for (const key of ['default', 'preRelease', 'version'] as const) {
        if (!Object.hasOwn(spec, key)) throw configError(specAt, key, 'required');
      }
      return {
        version: parseVersionField(spec.version, specAt, 'version'),
        stage: parseStageField(spec.preRelease, specAt, 'preRelease'),
        default: parseBooleanField(spec.default, specAt, 'default'),
        lockToDefault: Object.hasOwn(spec, 'lockToDefault')
          ? parseBooleanField(spec.lockToDefault, specAt, 'lockToDefault')
          : false,
      };
    });
    specs[name] = restoreMinCompat(specs[name] ?? []);
  });
  return specs;
}

/**
 * What the generator leaves of a per-spec MinCompatibilityVersion: it drops the field, so the
 * FeatureSpec pair `{1.37 Beta off}, {1.37 Beta on, MinCompatibilityVersion 1.37}` (kube's
 * DRAFractionalCapacityRange in 1.37) arrives as two entries for one version that differ only in
 * their default. Kubernetes allows a second entry for a version only with a
 * MinCompatibilityVersion, and documents it for exactly this use ("to specify a different default
 * value at the same version", FeatureSpec in component-base featuregate/feature_gate.go), with the
 * version itself as the minimum. Such an entry is read that way instead of being reported as a
 * duplicate of Kubernetes' own list; any other repeat of a version stays a lint finding.
 */
function restoreMinCompat(entries: GateSpecEntry[]): GateSpecEntry[] {
  return entries.map((entry, i) => {
    const previous = i > 0 ? entries[i - 1] : undefined;
    const defaultOnly =
      previous !== undefined &&
      previous.version === entry.version &&
      previous.stage === entry.stage &&
      (previous.lockToDefault ?? false) === (entry.lockToDefault ?? false) &&
      previous.default !== entry.default &&
      previous.minCompatibilityVersion === undefined;
    return defaultOnly ? { ...entry, minCompatibilityVersion: entry.version } : entry;
  });
}

/**
 * A spec file (.json, .yaml, .yml): a top-level list is Kubernetes' versioned_feature_list.yaml,
 * an object is the map shape. `where` is the configuration key that named the file.
 */
export function loadSpecsFile(path: string, where: Where): GateSpecs {
  const via = `spec file named by ${where.keyPath || 'gates.specs'}${where.file ? ` in ${where.file}` : ''}`;
  const inFile: Where = { file: path, keyPath: '', via };
  const ext = extname(path).toLowerCase();
  if (ext !== '.json' && ext !== '.yaml' && ext !== '.yml') {
    throw configError(where, null, `spec file ${path} must end in .json, .yaml or .yml`);
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw configError(where, null, `cannot read spec file ${path}: ${reason}`, error);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let raw: unknown;
  try {
    // YAML 1.2 core schema: "yes" stays a string, duplicate keys are errors.
    // A generated Kubernetes list is read without the yaml package (fast-list.ts); anything else
    // (or a list in another shape) goes through it.
    raw = ext === '.json' ? JSON.parse(text) : (parseGeneratedFeatureList(text) ?? parseYaml(text));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw configError(
      where,
      null,
      `cannot parse spec file ${path} as ${ext === '.json' ? 'JSON' : 'YAML'}: ${reason}`,
      error,
    );
  }
  return Array.isArray(raw) ? parseKubernetesFeatureList(raw, inFile) : parseSpecs(raw, inFile);
}

// ---------------------------------------------------------------------------------------------
// Dependencies

/**
 * gates.dependencies: `{ "B": ["A"] }`, the gates each gate depends on (Kubernetes 1.35+
 * AddDependencies). Each list comes back sorted and without duplicates, as AddDependencies
 * stores it (slices.Sort, slices.Compact); whether the names exist is a lint rule, not a parse error.
 */
export function parseDependencies(raw: unknown, where: Where): Record<string, string[]> {
  if (!isPlainObject(raw)) {
    throw configError(
      where,
      null,
      `expected an object of gate names to lists of the gates they depend on, like { "B": ["A"] }; got ${describeValue(raw)}`,
    );
  }
  const out: Record<string, string[]> = {};
  for (const [name, list] of Object.entries(raw)) {
    checkGateName(name, where, name);
    if (!Array.isArray(list))
      throw configError(where, name, `expected a list of gate names, like ["A"]; got ${describeValue(list)}`);
    list.forEach((dep: unknown, i) => {
      const at: Where = { ...where, keyPath: keyPathJoin(where.keyPath, name) };
      if (typeof dep !== 'string') throw configError(at, i, `expected a gate name; got ${describeValue(dep)}`);
      checkGateName(dep, at, i);
    });
    out[name] = [...new Set(list as string[])].sort();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Configured values

// strconv.ParseBool (Go): exactly these spellings.
const GO_BOOLS: Readonly<Record<string, boolean>> = {
  '1': true,
  t: true,
  T: true,
  TRUE: true,
  true: true,
  True: true,
  '0': false,
  f: false,
  F: false,
  FALSE: false,
  false: false,
  False: false,
};

/**
 * Configured gate values: `{ NodeSwap: false }`, or Kubernetes' flag syntax "NodeSwap=false,Other=true"
 * (featureGate.Set in component-base: split on ",", skip empty items, split on the first "=", trim,
 * strconv.ParseBool). A gate set twice keeps its last value, as in Kubernetes.
 */
export function parseGateSet(raw: unknown, where: Where): Record<string, boolean> {
  const values: Record<string, boolean> = {};
  if (typeof raw === 'string') {
    for (const item of raw.split(',')) {
      if (item.length === 0) continue;
      const eq = item.indexOf('=');
      const name = (eq === -1 ? item : item.slice(0, eq)).trim();
      if (eq === -1)
        throw configError(
          where,
          null,
          `missing bool value for ${JSON.stringify(item.trim())}; expected Name=true or Name=false`,
        );
      const value = item.slice(eq + 1).trim();
      checkGateName(name, where, null);
      const parsed = Object.hasOwn(GO_BOOLS, value) ? GO_BOOLS[value] : undefined;
      if (parsed === undefined) {
        throw configError(
          where,
          null,
          `invalid value in ${JSON.stringify(item.trim())}; expected true or false (also 1, t, T, TRUE, True, 0, f, F, FALSE, False)`,
        );
      }
      values[name] = parsed;
    }
    return values;
  }
  if (!isPlainObject(raw)) {
    throw configError(
      where,
      null,
      `expected an object of gate names to booleans, or a string like "NodeSwap=false,Other=true"; got ${describeValue(raw)}`,
    );
  }
  for (const [name, value] of Object.entries(raw)) {
    checkGateName(name, where, name);
    if (typeof value !== 'boolean')
      throw configError(where, name, `expected true or false; got ${describeValue(value)}`);
    values[name] = value;
  }
  return values;
}
