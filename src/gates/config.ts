// The `gates` section of the configuration: validated strictly, specs loaded from their file,
// values parsed. Problems with the versions themselves (a patch part, a window that excludes the
// stamped version) are findings from evaluate.ts, not configuration errors: they depend on the
// version being stamped. Only what can never be right (garbage, wrong types) is rejected here.

import { resolve } from 'node:path';
import type { GatesConfig } from '../types.js';
import { DEFAULT_EMULATION_WINDOW } from './evaluate.js';
import {
  configError,
  describeValue,
  isPlainObject,
  loadSpecsFile,
  parseDependencies,
  parseGateSet,
  parseSpecs,
  rejectUnknownKeys,
  type Where,
} from './specs.js';
import { splitVersion } from './versions.js';

const GATES_KEYS = [
  'specs',
  'set',
  'emulationVersion',
  'minCompatibilityVersion',
  'emulationWindow',
  'emulationFloor',
  'dependencies',
] as const;

function optionalVersion(raw: Record<string, unknown>, key: string, where: Where): string | null {
  if (!Object.hasOwn(raw, key) || raw[key] === undefined) return null;
  const value = raw[key];
  if (typeof value !== 'string') {
    throw configError(
      where,
      key,
      `expected a major.minor version string like "1.33"; got ${describeValue(value)}${typeof value === 'number' ? ' (quote it: YAML and JSON numbers lose the trailing zero of 1.30)' : ''}`,
    );
  }
  if (!splitVersion(value))
    throw configError(where, key, `expected a major.minor version like "1.33"; got ${describeValue(value)}`);
  return value;
}

/**
 * Validates the `gates` object. `where.file` is the configuration file (for messages) and
 * `where.baseDir` its folder: a string `specs` is a path relative to it.
 */
export function resolveGatesConfig(raw: unknown, where: { file: string | null; baseDir: string }): GatesConfig {
  const at: Where = { file: where.file, keyPath: 'gates' };
  if (!isPlainObject(raw))
    throw configError(at, null, `expected an object with specs, set, emulationVersion, …; got ${describeValue(raw)}`);
  rejectUnknownKeys(raw, GATES_KEYS, at);

  if (!Object.hasOwn(raw, 'specs') || raw.specs === undefined) {
    throw configError(
      at,
      'specs',
      'required: the gate specs, inline or as a path to a JSON/YAML file or a Kubernetes versioned_feature_list.yaml',
    );
  }
  const specsWhere: Where = { file: where.file, keyPath: 'gates.specs' };
  let specs: GatesConfig['specs'];
  let specsSource: string;
  if (typeof raw.specs === 'string') {
    if (raw.specs.trim() === '')
      throw configError(specsWhere, null, 'expected a path to a spec file; got an empty string');
    specsSource = resolve(where.baseDir, raw.specs); // normalises absolute paths as well as relative ones
    specs = loadSpecsFile(specsSource, specsWhere);
  } else {
    specs = parseSpecs(raw.specs, specsWhere);
    specsSource = 'inline';
  }

  const set =
    Object.hasOwn(raw, 'set') && raw.set !== undefined
      ? parseGateSet(raw.set, { file: where.file, keyPath: 'gates.set' })
      : {};

  let emulationWindow = DEFAULT_EMULATION_WINDOW;
  if (Object.hasOwn(raw, 'emulationWindow') && raw.emulationWindow !== undefined) {
    const w = raw.emulationWindow;
    if (typeof w !== 'number' || !Number.isSafeInteger(w) || w < 0) {
      throw configError(
        at,
        'emulationWindow',
        `expected a non-negative integer (minors the emulation version may trail the stamped version; default ${DEFAULT_EMULATION_WINDOW}); got ${describeValue(w)}`,
      );
    }
    emulationWindow = w;
  }

  return {
    specs,
    specsSource,
    set,
    emulationVersion: optionalVersion(raw, 'emulationVersion', at),
    minCompatibilityVersion: optionalVersion(raw, 'minCompatibilityVersion', at),
    emulationWindow,
    emulationFloor: optionalVersion(raw, 'emulationFloor', at),
    dependencies:
      Object.hasOwn(raw, 'dependencies') && raw.dependencies !== undefined
        ? parseDependencies(raw.dependencies, { file: where.file, keyPath: 'gates.dependencies' })
        : {},
  };
}
