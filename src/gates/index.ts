// Feature gates: spec parsing (inline, JSON/YAML, Kubernetes versioned_feature_list.yaml),
// lifecycle lint and evaluation at the version about to be stamped. Pure apart from reading a
// spec file in loadSpecsFile / resolveGatesConfig.

export { resolveGatesConfig } from './config.js';
export {
  DEFAULT_EMULATION_WINDOW,
  type EmulationWindow,
  evaluateGates,
  type GateEvaluationInput,
  type GateRow,
  type GateVerdict,
  gateTable,
  resolveEmulation,
  type SpecAt,
  specAt,
  suggestGate,
} from './evaluate.js';
export { lintFindings, lintSpecs, SPEC_RULES, type SpecProblem, type SpecRule } from './lint.js';
export {
  loadSpecsFile,
  normalizeStage,
  parseGateSet,
  parseKubernetesFeatureList,
  parseSpecs,
  STAGES,
  type Where,
} from './specs.js';
export {
  compareMajorMinor,
  formatMajorMinor,
  type MajorMinor,
  majorMinorOf,
  maxMajorMinor,
  parseMajorMinor,
  splitVersion,
  subtractMinor,
  type VersionParts,
} from './versions.js';
