// The library entry: the same report the CLI prints with --json.
export { check, type CheckOptions } from './check.js';
export { ConfigError, GitError, UsageError, EXIT } from './errors.js';
export { CODES } from './codes.js';
export type { Config, ConfigInput, Finding, FindingCode, Mode, Report, Severity, GateSpecEntry, GateSpecs, Stage } from './types.js';

import type { ConfigInput } from './types.js';

/** Typed helper for JavaScript configuration files: `export default defineConfig({ ... })`. */
export function defineConfig(config: ConfigInput): ConfigInput {
  return config;
}
