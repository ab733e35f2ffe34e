// yaml and smol-toml are loaded only when a run reads a YAML or TOML file (each costs milliseconds
// to load, on every run otherwise), and with require: the CLI is a CommonJS bundle, where import()
// would start node's ES module loader for them (~10 ms more).
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

export const loadYaml = (): typeof import('yaml') => load('yaml') as typeof import('yaml');
export const loadToml = (): typeof import('smol-toml') => load('smol-toml') as typeof import('smol-toml');
