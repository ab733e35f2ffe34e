// Feature gates: spec parsing (inline, JSON/YAML, Kubernetes versioned_feature_list.yaml),
// lifecycle lint, dependencies, evaluation at the version about to be stamped (evaluate.ts
// decides, findings.ts words), and the views of a whole list: --changes and --timeline. Pure apart
// from reading a spec file in loadSpecsFile / resolveGatesConfig.

export { resolveGatesConfig } from './config.js';
export {
  type DependencyProblem,
  dependencyMessage,
  dependencyProblems,
  K8S_STAGE,
  lintDependencies,
} from './dependencies.js';
export {
  DEFAULT_EMULATION_WINDOW,
  type EmulationWindow,
  evaluate,
  firstAvailableAfter,
  type GateEvaluation,
  type GateEvaluationInput,
  type GateRow,
  type GateVerdict,
  gateTable,
  type MalformedVersion,
  resolveEmulation,
  suggestGate,
} from './evaluate.js';
export { parseGeneratedFeatureList } from './fast-list.js';
export {
  evaluateGates,
  type GatesReport,
  gateFindings,
  gatesReport,
  lintFindings,
  specProblemFindings,
} from './findings.js';
export { lintSpecs, SPEC_RULES, type SpecProblem, type SpecRule } from './lint.js';
export { IMPLICIT_GATES, knownEntries, knownNames, type SpecAt, specAt } from './spec-at.js';
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
