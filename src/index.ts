// The library entry: the same report the CLI prints with --json.
export { type CheckOptions, check } from './check.js';
export { CODES } from './codes.js';
export { ConfigError, EXIT, GitError, UsageError } from './errors.js';
export type {
  Config,
  ConfigInput,
  Finding,
  FindingCode,
  GateSpecEntry,
  GateSpecs,
  Mode,
  Report,
  Severity,
  Stage,
} from './types.js';

import type { ConfigInput } from './types.js';

/** Typed helper for JavaScript configuration files: `export default defineConfig({ ... })`. */
export function defineConfig(config: ConfigInput): ConfigInput {
  return config;
}
