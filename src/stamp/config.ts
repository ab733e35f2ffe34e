// The `stamp` configuration section: the Go package and variables `stamp --format ldflags` sets.
// Pure validation; config.ts words the problem.
import type { GoVariable, StampConfig } from '../types.js';

/** Kubernetes' version package (staging/src/k8s.io/component-base/version/base.go). */
export const DEFAULT_GO_PACKAGE = 'k8s.io/component-base/version';

/** The variables, in the order Kubernetes' hack/lib/version.sh (kube::version::ldflags) sets them. */
export const GO_VARIABLES = [
  'buildDate',
  'gitCommit',
  'gitTreeState',
  'gitVersion',
  'gitMajor',
  'gitMinor',
] as const satisfies readonly GoVariable[];

// A Go import path as golang.org/x/mod/module.CheckImportPath allows its characters (letters,
// digits, "-._~+", "/" between elements), or "main". No spaces or quotes: the path goes into
// -X 'path.name=value' unquoted.
export const GO_PACKAGE_RE = /^[A-Za-z0-9._~+-]+(?:\/[A-Za-z0-9._~+-]+)*$/;
// A Go identifier, ASCII only.
export const GO_IDENTIFIER_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface StampProblem {
  keyPath: string;
  expected: string;
  value: unknown;
}

/** Why the `stamp` value is invalid, or null. */
export function stampConfigProblem(value: unknown, key: string): StampProblem | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { keyPath: key, expected: 'an object { "goPackage", "goVariables" }', value };
  const object = value as Record<string, unknown>;
  for (const name of Object.keys(object)) {
    if (name !== 'goPackage' && name !== 'goVariables')
      return { keyPath: `${key}.${name}`, expected: 'no such key; use goPackage, goVariables', value: object[name] };
  }
  if ('goPackage' in object && (typeof object.goPackage !== 'string' || !GO_PACKAGE_RE.test(object.goPackage)))
    return {
      keyPath: `${key}.goPackage`,
      expected:
        'a Go import path such as "k8s.io/component-base/version" or "main" (letters, digits, - . _ ~ +, / between parts)',
      value: object.goPackage,
    };
  if ('goVariables' in object) {
    const variables = object.goVariables;
    const at = `${key}.goVariables`;
    if (variables === null || typeof variables !== 'object' || Array.isArray(variables))
      return {
        keyPath: at,
        expected: `an object mapping some of ${GO_VARIABLES.join(', ')} to Go variable names`,
        value: variables,
      };
    const entries = Object.entries(variables);
    if (entries.length === 0) return { keyPath: at, expected: 'at least one variable to set', value: variables };
    for (const [name, goName] of entries) {
      if (!(GO_VARIABLES as readonly string[]).includes(name))
        return {
          keyPath: `${at}.${name}`,
          expected: `no such variable; use ${GO_VARIABLES.join(', ')}`,
          value: goName,
        };
      if (typeof goName !== 'string' || !GO_IDENTIFIER_RE.test(goName))
        return { keyPath: `${at}.${name}`, expected: 'a Go identifier such as "GitVersion"', value: goName };
    }
  }
  return null;
}

/** A valid `stamp` value with the default package filled in. */
export function resolveStampConfig(value: StampConfig): {
  goPackage: string;
  goVariables?: Partial<Record<GoVariable, string>>;
} {
  return {
    goPackage: value.goPackage ?? DEFAULT_GO_PACKAGE,
    ...(value.goVariables !== undefined && { goVariables: { ...value.goVariables } }),
  };
}
