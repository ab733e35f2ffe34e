// Feature gates: spec parsing (inline, JSON/YAML, Kubernetes versioned_feature_list.yaml),
// lifecycle lint and evaluation at the version about to be stamped. Pure apart from reading a
// spec file in loadSpecsFile / resolveGatesConfig.

export {
  compareMajorMinor,
  formatMajorMinor,
  majorMinorOf,
  maxMajorMinor,
  parseMajorMinor,
  splitVersion,
  subtractMinor,
  type MajorMinor,
  type VersionParts,
} from './versions.js';
export {
  STAGES,
  loadSpecsFile,
  normalizeStage,
  parseGateSet,
  parseKubernetesFeatureList,
  parseSpecs,
  type Where,
} from './specs.js';
export { SPEC_RULES, lintFindings, lintSpecs, type SpecProblem, type SpecRule } from './lint.js';
export {
  DEFAULT_EMULATION_WINDOW,
  evaluateGates,
  gateTable,
  resolveEmulation,
  specAt,
  suggestGate,
  type EmulationWindow,
  type GateEvaluationInput,
  type GateRow,
  type GateVerdict,
  type SpecAt,
} from './evaluate.js';
export { resolveGatesConfig } from './config.js';
