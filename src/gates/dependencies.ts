// Feature gate dependencies (Kubernetes 1.35+, kubernetes/component-base featuregate/feature_gate.go
// at 349fbe06, introduced in 480217f9): `AddDependencies(map[Feature][]Feature)` registers, per
// feature, the features it needs; kube declares them in pkg/features/kube_features.go
// (defaultKubernetesFeatureGateDependencies, e.g. DRAAdminAccess: {DynamicResourceAllocation}).
// The generated versioned_feature_list.yaml does not carry them (its featureSpec has only default,
// lockToDefault, preRelease and version), so stampguard reads them from gates.dependencies.
//
// Two kinds of rules:
// - registration (AddDependencies, a component panics at start-up): both ends known, no feature
//   depending on a less stable one, no default-on feature depending on a default-off one, no
//   locked feature depending on an unlocked one — checked at every version the dependent's specs
//   name — and no cycles. These are gate-spec-invalid problems;
// - use (unsafeSetFromMap, after the values are applied): an enabled feature whose dependencies
//   are not all enabled is refused with "%s is enabled, but depends on features that are
//   disabled: %v". These are gate-dependency-disabled findings.

import type { GateSpecEntry, GatesConfig, Stage } from '../types.js';
import { closest } from '../util/text.js';
import type { SpecProblem } from './lint.js';
import { knownEntries, knownNames, type SpecAt, specAt } from './spec-at.js';
import { majorMinorOf } from './versions.js';

export interface DependencyProblem {
  /** The enabled gate. */
  gate: string;
  /** Its dependencies that are disabled, in Kubernetes' order (sorted). */
  disabled: string[];
}

/**
 * The use rule: every enabled gate named in `dependencies` whose dependencies are not all
 * enabled. `enabled` holds every known gate's state at the emulated version; unknown names are
 * skipped here (the registration rules report them).
 */
export function dependencyProblems(
  dependencies: Readonly<Record<string, readonly string[]>>,
  enabled: ReadonlyMap<string, boolean>,
): DependencyProblem[] {
  const problems: DependencyProblem[] = [];
  // Kubernetes ranges over a Go map (random order); sorted here so output is stable.
  for (const gate of Object.keys(dependencies).sort()) {
    if (enabled.get(gate) !== true) continue;
    const disabled = (dependencies[gate] ?? []).filter((dep) => enabled.get(dep) === false);
    if (disabled.length > 0) problems.push({ gate, disabled });
  }
  return problems;
}

/** Kubernetes' message for a use problem: `B is enabled, but depends on features that are disabled: [A C]`. */
export function dependencyMessage(problem: DependencyProblem): string {
  return `${problem.gate} is enabled, but depends on features that are disabled: [${problem.disabled.join(' ')}]`;
}

// stabilityOrder in feature_gate.go: a feature may not depend on a less stable one; alpha may
// depend on pre-alpha; nothing but a deprecated feature may depend on a deprecated one.
const STABILITY: Readonly<Record<Stage, number>> = { deprecated: 0, prealpha: 1, alpha: 1, beta: 2, ga: 3 };

// The spelling Kubernetes prints for a stage (its prerelease constants; GA is "" there).
export const K8S_STAGE: Readonly<Record<Stage, string>> = {
  prealpha: 'PRE-ALPHA',
  alpha: 'ALPHA',
  beta: 'BETA',
  ga: 'GA',
  deprecated: 'DEPRECATED',
};

/** Each entry's own-or-inherited minimum compatibility version (AddVersioned's completion). */
function completedMins(entries: readonly GateSpecEntry[]): (string | null)[] {
  let last: string | null = null;
  return entries.map((entry, i) => {
    last = entry.minCompatibilityVersion ?? (i > 0 ? last : null);
    return last;
  });
}

/** The first registration rule a dependency breaks, checking the dependent's entries newest first. */
function pairProblem(
  gate: string,
  entries: readonly GateSpecEntry[],
  dep: string,
  depEntries: readonly GateSpecEntry[],
) {
  const mins = completedMins(entries);
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i];
    const version = entry ? majorMinorOf(entry.version) : null;
    if (!entry || !version) continue;
    const min = mins[i] ?? null;
    // The dependency's spec in force at the version the dependent's entry names.
    const depSpec: SpecAt = specAt(depEntries, version, min === null ? null : majorMinorOf(min));
    const at = `at version ${entry.version}`;
    if (STABILITY[entry.stage] > STABILITY[depSpec.stage]) {
      return {
        index: i,
        rule: 'dependency-less-stable' as const,
        message: `${K8S_STAGE[entry.stage]} feature ${gate} cannot depend on ${K8S_STAGE[depSpec.stage]} feature ${dep} ${at}`,
      };
    }
    if (entry.default && !depSpec.default) {
      return {
        index: i,
        rule: 'dependency-default-disabled' as const,
        message: `default-enabled feature ${gate} cannot depend on default-disabled feature ${dep} ${at}`,
      };
    }
    if ((entry.lockToDefault ?? false) && !depSpec.lockToDefault) {
      return {
        index: i,
        rule: 'dependency-unlocked' as const,
        message: `locked-to-default feature ${gate} cannot depend on unlocked feature ${dep} ${at}`,
      };
    }
  }
  return null;
}

/** The registration rules for gates.dependencies, as gate-spec-invalid problems. */
export function lintDependencies(gates: Pick<GatesConfig, 'specs' | 'dependencies'>): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const dependencies = gates.dependencies ?? {};
  const known = knownNames(gates);
  const didYouMean = (name: string): string => {
    const guess = closest(name, known);
    return guess ? ` (did you mean ${guess}?)` : '';
  };
  for (const gate of Object.keys(dependencies).sort()) {
    const entries = knownEntries(gates, gate);
    if (!entries) {
      problems.push({
        gate,
        index: -1,
        rule: 'dependency-unknown-gate',
        message: `cannot add dependency for unknown feature ${gate}${didYouMean(gate)}`,
      });
      continue;
    }
    for (const dep of dependencies[gate] ?? []) {
      const depEntries = knownEntries(gates, dep);
      if (!depEntries) {
        problems.push({
          gate,
          index: -1,
          rule: 'dependency-unknown',
          dependency: dep,
          message: `cannot add dependency from ${gate} to unknown feature ${dep}${didYouMean(dep)}`,
        });
        continue;
      }
      const problem = pairProblem(gate, entries, dep, depEntries);
      if (problem) problems.push({ gate, dependency: dep, ...problem });
    }
  }
  // Cycles: Kubernetes' depth-first search, reporting each feature where a cycle closes once.
  const visited = new Set<string>();
  const finished = new Set<string>();
  const reported = new Set<string>();
  const visit = (gate: string): void => {
    if (finished.has(gate)) return;
    if (visited.has(gate)) {
      if (!reported.has(gate)) {
        reported.add(gate);
        problems.push({
          gate,
          index: -1,
          rule: 'dependency-cycle',
          message: `cycle detected with feature ${gate}`,
        });
      }
      return;
    }
    visited.add(gate);
    for (const dep of dependencies[gate] ?? []) visit(dep);
    finished.add(gate);
  };
  for (const gate of Object.keys(dependencies).sort()) visit(gate);
  return problems;
}
