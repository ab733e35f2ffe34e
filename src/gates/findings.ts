// The one place where a gate evaluation (evaluate.ts) becomes findings: every message and hint
// about gates is worded here. Order: the emulation window first (the usual root cause is the
// version), then each configured value, then dependencies, then the specs' lifecycle.

import { finding } from '../codes.js';
import type { Finding, GateSpecs } from '../types.js';
import { dependencyMessage } from './dependencies.js';
import type { GateEvaluation, GateEvaluationInput } from './evaluate.js';
import { DEFAULT_EMULATION_WINDOW, evaluate } from './evaluate.js';
import { lintSpecs, SPEC_RULES, type SpecProblem } from './lint.js';
import { formatMajorMinor as fmt } from './versions.js';

const CHECK_VERSION_FIRST =
  'Check the version being stamped first (stampguard version; git describe --tags): a wrong, unrelated or missing release tag is the usual cause.';

type Gates = GateEvaluationInput['gates'];

function windowFindings(evaluation: GateEvaluation, gates: Gates): Finding[] {
  const { stampedVersion, window } = evaluation;
  const findings: Finding[] = [];
  for (const m of evaluation.malformed) {
    const problem =
      m.problem === 'not-a-version'
        ? 'is not a version'
        : m.problem === 'patch'
          ? 'has a patch part: patch version not allowed'
          : 'is not plain major.minor';
    findings.push(
      finding('emulation-out-of-range', {
        message: `gates.${m.key} ${JSON.stringify(m.value)} ${problem}`,
        hint: `Write gates.${m.key} as major.minor${m.suggestion ? `, e.g. "${m.suggestion}"` : ' ("1.33")'}.`,
        expected: 'major.minor',
        actual: m.value,
      }),
    );
  }

  if (!window) {
    findings.push(
      finding('emulation-out-of-range', {
        message: `cannot place the emulation window: the version being stamped, ${JSON.stringify(stampedVersion)}, has no major.minor`,
        hint: `${CHECK_VERSION_FIRST} Gate values can only be checked against a version.`,
        actual: stampedVersion,
      }),
    );
    return findings;
  }

  const { binary, emulation, minCompatibility, lowerBound } = window;
  const size = Number.isSafeInteger(gates.emulationWindow) ? gates.emulationWindow : DEFAULT_EMULATION_WINDOW;
  const bounds = `[${fmt(lowerBound)}, ${stampedVersion}]`;
  const floorNote = gates.emulationFloor !== null ? ` and gates.emulationFloor ${gates.emulationFloor}` : '';

  if (!window.emulationInRange) {
    let hint: string;
    if (window.empty) {
      hint = `${CHECK_VERSION_FIRST} ${stampedVersion} gives ${fmt(binary)}, below gates.emulationFloor ${gates.emulationFloor ?? fmt(lowerBound)}, so no emulation version can be valid. If the version is right, lower gates.emulationFloor.`;
    } else if (emulation.major > binary.major || (emulation.major === binary.major && emulation.minor > binary.minor)) {
      hint = `${CHECK_VERSION_FIRST} Otherwise set gates.emulationVersion to at most ${fmt(binary)}: a component cannot emulate a version newer than itself.`;
    } else {
      hint = `${CHECK_VERSION_FIRST} Otherwise set gates.emulationVersion to at least ${fmt(lowerBound)} (gates.emulationWindow ${size}${floorNote} set the lower bound), or widen gates.emulationWindow.`;
    }
    findings.push(
      finding('emulation-out-of-range', {
        message: `emulation version ${fmt(emulation)} is not between ${bounds}${gates.emulationVersion === null ? ` (the emulation version defaults to the stamped version's ${fmt(binary)})` : ''}`,
        hint,
        expected: bounds,
        actual: fmt(emulation),
      }),
    );
  }

  // A defaulted M is max(E − 1, lowerBound): in range whenever E is, and when E is not, the
  // finding above already names the cause. So only a configured M is checked.
  if (gates.minCompatibilityVersion !== null && !window.minCompatibilityInRange) {
    const mBounds = `[${fmt(lowerBound)}, ${fmt(emulation)}]`;
    const tooHigh =
      minCompatibility.major > emulation.major ||
      (minCompatibility.major === emulation.major && minCompatibility.minor > emulation.minor);
    findings.push(
      finding('emulation-out-of-range', {
        message: `min compatibility version ${fmt(minCompatibility)} is not between ${mBounds}`,
        hint: `${CHECK_VERSION_FIRST} Otherwise set gates.minCompatibilityVersion ${tooHigh ? `to at most the emulation version ${fmt(emulation)}` : `to at least ${fmt(lowerBound)} (gates.emulationWindow ${size}${floorNote} set the lower bound)`}, or remove it to use the default.`,
        expected: mBounds,
        actual: fmt(minCompatibility),
      }),
    );
  }
  return findings;
}

function valueFindings(evaluation: GateEvaluation, gates: Gates): Finding[] {
  const { window, emulation, source, stampedVersion } = evaluation;
  const findings: Finding[] = [];
  for (const [name, value] of Object.entries(gates.set)) {
    if (Object.hasOwn(evaluation.suggestions, name)) {
      const suggestion = evaluation.suggestions[name] ?? null;
      findings.push(
        finding('gate-unknown', {
          gate: name,
          message: `unrecognized feature gate: ${name}${suggestion ? ` (did you mean ${suggestion}?)` : ''}`,
          hint: suggestion
            ? `Gate names are case-sensitive: rename ${name} to ${suggestion} in gates.set, or remove it.`
            : `No gate in ${source} has this name (names are case-sensitive). Correct it in gates.set, remove it, or add its specs.`,
          ...(suggestion ? { expected: suggestion } : {}),
          actual: name,
        }),
      );
      continue;
    }
    if (!emulation) continue;
    const E = fmt(emulation);
    const row = evaluation.rows.find((r) => r.gate === name);
    if (!row) continue;
    if (row.verdict === 'locked') {
      findings.push(
        finding('gate-locked', {
          gate: name,
          message: `cannot set feature gate ${name} to ${value}: ${name} is locked to ${row.default} at emulated version ${E} (${row.stage} since ${row.since ?? '?'})`,
          hint: `Remove ${name} from gates.set or set it to ${row.default}: a locked gate only accepts its default. If the version is wrong, check it first (stampguard version).`,
          expected: String(row.default),
          actual: String(value),
        }),
      );
    } else if (row.verdict === 'prealpha-set') {
      const appears = evaluation.appears[name] ?? null;
      const where = appears
        ? `it appears in ${appears.version} (${appears.stage})`
        : `no spec in ${source} makes it available`;
      const emulating =
        window && (window.emulation.major !== window.binary.major || window.emulation.minor !== window.binary.minor)
          ? `, emulating ${E}`
          : '';
      findings.push(
        finding('gate-prealpha-set', {
          gate: name,
          message: `cannot set feature gate ${name} to ${value}: ${name} is pre-alpha (not available yet) at emulated version ${E}; ${where}`,
          hint: `${CHECK_VERSION_FIRST} ${stampedVersion} gives ${window ? fmt(window.binary) : E}${emulating}. If the version is right, remove ${name} from gates.set${appears ? ` until ${appears.version}` : ''}.`,
          ...(appears ? { expected: `emulation version >= ${appears.version}` } : {}),
          actual: E,
        }),
      );
    }
  }
  return findings;
}

function dependencyFindings(evaluation: GateEvaluation, gates: Gates): Finding[] {
  const E = evaluation.emulation ? fmt(evaluation.emulation) : '?';
  return evaluation.dependencies.map((problem) => {
    const configured = Object.hasOwn(gates.set, problem.gate);
    const how = configured ? `set to true in gates.set` : `enabled by default at ${E}`;
    const names = problem.disabled.join(', ');
    return finding('gate-dependency-disabled', {
      gate: problem.gate,
      message: `${dependencyMessage(problem)} (at emulated version ${E})`,
      hint: `${problem.gate} is ${how}. Enable ${names} in gates.set (${problem.disabled.map((d) => `${d}=true`).join(',')}), or set ${problem.gate}=false. If the version is wrong, check it first (stampguard version).`,
      expected: problem.disabled.map((d) => `${d}=true`).join(','),
      actual: problem.disabled.map((d) => `${d}=false`).join(','),
    });
  });
}

/** One `gate-spec-invalid` finding per lifecycle problem of the specs alone. */
export function lintFindings(specs: GateSpecs, source: string): Finding[] {
  return specProblemFindings(lintSpecs(specs), source);
}

/** One `gate-spec-invalid` finding per problem; `source` says where the specs came from. */
export function specProblemFindings(problems: readonly SpecProblem[], source: string): Finding[] {
  const from = source === 'inline' ? 'gates.specs' : source;
  return problems.map((p) => {
    const rule = `Rule: ${SPEC_RULES[p.rule]}.`;
    if (p.rule.startsWith('dependency-')) {
      const entry = p.index >= 0 ? ` (its spec entry [${p.index}] in ${from})` : '';
      return finding('gate-spec-invalid', {
        gate: p.gate,
        message: `gate ${p.gate}, gates.dependencies (${p.rule}): ${p.message}`,
        hint: `Fix gates.dependencies.${p.gate}${p.dependency ? ` (its dependency ${p.dependency})` : ''} or the specs${entry}. ${rule} Kubernetes refuses to start with such dependencies.`,
        actual: p.rule,
      });
    }
    return finding('gate-spec-invalid', {
      gate: p.gate,
      message: `gate ${p.gate}, spec entry [${p.index}] (${p.rule}): ${p.message}`,
      hint: `Fix ${p.gate}[${p.index}] in ${from}. ${rule} Kubernetes refuses to start with such specs.`,
      actual: p.rule,
    });
  });
}

/** Every finding for an evaluation. */
export function gateFindings(evaluation: GateEvaluation, gates: Gates): Finding[] {
  return [
    ...windowFindings(evaluation, gates),
    ...valueFindings(evaluation, gates),
    ...dependencyFindings(evaluation, gates),
    ...specProblemFindings(evaluation.specProblems, gates.specsSource),
  ];
}

/**
 * Every problem with the gate configuration at the stamped version. When the emulation version
 * is out of range the gates are still evaluated at it, as Kubernetes does (the incident shows
 * both errors).
 */
export function evaluateGates(input: GateEvaluationInput): Finding[] {
  return gateFindings(evaluate(input), input.gates);
}

export interface GatesReport {
  evaluation: GateEvaluation;
  findings: Finding[];
  /** No finding of severity error. */
  ok: boolean;
}

/** The gates pipeline shared by `check`, `stampguard gates` and its --json: evaluate, then word. */
export function gatesReport(input: GateEvaluationInput): GatesReport {
  const evaluation = evaluate(input);
  const findings = gateFindings(evaluation, input.gates);
  return { evaluation, findings, ok: !findings.some((f) => f.severity === 'error') };
}
