// Shared by the gate tests: the NodeSwap lifecycle from kubernetes/pkg/features, a GatesConfig
// builder and a ConfigError catcher.
import { expect } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import type { GateSpecEntry, GatesConfig, Stage } from '../../src/types.js';

export const e = (version: string, stage: Stage, def: boolean, lockToDefault = false): GateSpecEntry => ({
  version,
  stage,
  default: def,
  lockToDefault,
});

/** NodeSwap: alpha 1.22, beta 1.28, on by default 1.30, GA and locked 1.34. */
export const NODE_SWAP = [
  e('1.22', 'alpha', false),
  e('1.28', 'beta', false),
  e('1.30', 'beta', true),
  e('1.34', 'ga', true, true),
];

/** A resolved gates configuration with the defaults resolveGatesConfig applies. */
export function gatesConfig(over: Partial<GatesConfig> = {}): GatesConfig {
  return {
    specs: { NodeSwap: NODE_SWAP },
    specsSource: 'inline',
    set: {},
    emulationVersion: null,
    minCompatibilityVersion: null,
    emulationWindow: 3,
    emulationFloor: null,
    dependencies: {},
    ...over,
  };
}

/** Runs fn, expects a ConfigError, returns it. */
export function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}
