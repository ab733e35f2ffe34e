// Configuration: the field table, the defaults and strict validation → Config, or a ConfigError
// naming the file, the key path and what was expected. The field table below is the single
// definition the validator, the defaults and the JSON Schema (schema.ts) are built from. Finding
// and reading the configuration is in config/ (config/index.ts).
import { ConfigError } from './errors.js';
import { resolveGatesConfig } from './gates/config.js';
import { globProblem } from './glob.js';
import { DEFAULT_GO_PACKAGE, resolveStampConfig, stampConfigProblem } from './stamp/config.js';
import type { Config, GatesConfig, StampConfig, VersionFileEntry } from './types.js';
import { describeValue } from './util/describe.js';
import { versionFilesProblem } from './version-files/spec.js';

export { describeValue };

export const MODULE_NAME = 'stampguard';

// The places searched in each folder, in this order (cosmiconfig's default places, with
// stampguard.config.json added; config/search.ts says how the search differs from cosmiconfig's).
export const SEARCH_PLACES = [
  'package.json',
  `.${MODULE_NAME}rc`,
  `.${MODULE_NAME}rc.json`,
  `.${MODULE_NAME}rc.yaml`,
  `.${MODULE_NAME}rc.yml`,
  `.${MODULE_NAME}rc.js`,
  `.${MODULE_NAME}rc.ts`,
  `.${MODULE_NAME}rc.mjs`,
  `.${MODULE_NAME}rc.cjs`,
  `.config/${MODULE_NAME}rc`,
  `.config/${MODULE_NAME}rc.json`,
  `.config/${MODULE_NAME}rc.yaml`,
  `.config/${MODULE_NAME}rc.yml`,
  `.config/${MODULE_NAME}rc.js`,
  `.config/${MODULE_NAME}rc.ts`,
  `.config/${MODULE_NAME}rc.mjs`,
  `.config/${MODULE_NAME}rc.cjs`,
  `${MODULE_NAME}.config.js`,
  `${MODULE_NAME}.config.ts`,
  `${MODULE_NAME}.config.mjs`,
  `${MODULE_NAME}.config.cjs`,
  `${MODULE_NAME}.config.json`,
];

type FieldKind =
  | { kind: 'string'; default: string; check?: (value: string) => string | null }
  | { kind: 'enum'; values: readonly string[]; default: string | null }
  | { kind: 'boolean'; default: boolean }
  | { kind: 'string-array'; default: string[] | null; check?: (value: string) => string | null }
  | { kind: 'version-files'; default: string[] }
  | { kind: 'gates' }
  | { kind: 'stamp' };

export type FieldSpec = FieldKind & { description: string };

export const FIELDS = {
  tagPrefix: {
    kind: 'string',
    default: 'v',
    description: 'Release tags are <tagPrefix><semver>, e.g. "v" for v1.2.3, "pkg@" for pkg@1.2.3, "" for 1.2.3.',
    check: (value) =>
      isValidRefName(`refs/tags/${value}1.2.3`)
        ? null
        : 'a prefix that makes valid git tag names (git check-ref-format: no spaces, ~ ^ : ? * [ \\, "..", "//", "@{", control characters, or a part starting with "." or ending in ".lock")',
  },
  untracked: {
    kind: 'enum',
    values: ['error', 'warning', 'ignore'],
    default: 'error',
    description: 'What untracked, non-ignored files are: an error, a warning, or not checked.',
  },
  convention: {
    kind: 'enum',
    values: ['npm', 'git-describe', 'kubernetes'],
    default: null,
    description:
      'How your build turns git state into a version: "npm" (the package.json version), "git-describe" (git describe --tags --dirty --always), "kubernetes" (hack/lib/version.sh: untracked files count as dirty, v1.2.3-4+<sha>-dirty). Default: "npm" when a package.json version file holds a version, else "git-describe".',
  },
  locallyIgnored: {
    kind: 'enum',
    values: ['error', 'warning', 'ignore'],
    default: 'warning',
    description:
      'What untracked files ignored only by rules outside the repository (.git/info/exclude, core.excludesFile, an untracked .gitignore) are: an error, a warning, or not checked.',
  },
  incompleteCheckout: {
    kind: 'enum',
    values: ['error', 'warning'],
    default: 'error',
    description:
      'What a checkout missing part of the committed tree (sparse checkout, uninitialised submodules, absent skip-worktree files) is: an error or a warning.',
  },
  branches: {
    kind: 'string-array',
    default: null,
    description: 'Branches (globs; "!" negates) that releases and tags may come from. Default: any branch.',
    check: globProblem,
  },
  allowPrerelease: {
    kind: 'boolean',
    default: true,
    description: 'Whether pre-release versions such as v1.2.0-rc.1 may be released and tagged.',
  },
  versionFiles: {
    kind: 'version-files',
    default: ['package.json'],
    description:
      'Files, relative to the configuration file, whose version must equal the tag: a path (*.json, *.yaml/*.yml: key "version"; Cargo.toml: package.version; pyproject.toml: project.version or tool.poetry.version; VERSION, *.txt: the whole file), { "file", "format", "key" } or { "file", "pattern" } (a regular expression whose first capture group is the version).',
  },
  requireAnnotatedTag: {
    kind: 'boolean',
    default: false,
    description: 'Release tags must be annotated tags.',
  },
  requireSignedTag: {
    kind: 'boolean',
    default: false,
    description: 'Release tags must carry a signature that git verify-tag accepts.',
  },
  gates: {
    kind: 'gates',
    description: 'Kubernetes-style versioned feature gates, checked against the version being stamped.',
  },
  stamp: {
    kind: 'stamp',
    description:
      "How `stampguard stamp --format ldflags` writes a Go build's version variables: goPackage (default k8s.io/component-base/version) and goVariables (which of gitVersion, gitCommit, gitTreeState, buildDate, gitMajor, gitMinor to set, under which Go names; default: all six, Kubernetes' names).",
  },
} as const satisfies Record<string, FieldSpec>;

type FieldName = keyof typeof FIELDS;

export const DEFAULT_CONFIG: Config = {
  tagPrefix: FIELDS.tagPrefix.default,
  untracked: FIELDS.untracked.default as Config['untracked'],
  convention: FIELDS.convention.default,
  locallyIgnored: FIELDS.locallyIgnored.default as Config['locallyIgnored'],
  incompleteCheckout: FIELDS.incompleteCheckout.default as Config['incompleteCheckout'],
  branches: FIELDS.branches.default,
  allowPrerelease: FIELDS.allowPrerelease.default,
  versionFiles: [...FIELDS.versionFiles.default],
  versionFilesListed: false,
  requireAnnotatedTag: FIELDS.requireAnnotatedTag.default,
  requireSignedTag: FIELDS.requireSignedTag.default,
  gates: null,
  stamp: { goPackage: DEFAULT_GO_PACKAGE },
  file: null,
};

/** git check-ref-format's rules for a full ref name (git-check-ref-format(1)). */
export function isValidRefName(name: string): boolean {
  if (
    name === '@' ||
    name.endsWith('/') ||
    name.endsWith('.') ||
    name.includes('..') ||
    name.includes('//') ||
    name.includes('@{')
  )
    return false;
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) return false;
  return name.split('/').every((part) => part !== '' && !part.startsWith('.') && !part.endsWith('.lock'));
}

/** Validates a raw configuration object; `file` is used for messages and to resolve relative paths. */
export function resolveConfig(raw: unknown, file: string | null, baseDir: string, label?: string): Config {
  const where = label ?? file ?? 'configuration';
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(`${where}: expected an object, got ${describeValue(raw)}`, { file, keyPath: '' });
  }
  const config: Config = { ...DEFAULT_CONFIG, versionFiles: [...DEFAULT_CONFIG.versionFiles], file };
  for (const [key, value] of Object.entries(raw)) {
    if (key === '$schema') {
      // Editors read it; stampguard only checks that it is what editors expect.
      if (typeof value !== 'string')
        throw new ConfigError(
          `${where}: $schema: expected a string (the schema's URL or path), got ${describeValue(value)}`,
          { file, keyPath: '$schema' },
        );
      continue;
    }
    if (!Object.hasOwn(FIELDS, key)) {
      throw new ConfigError(`${where}: unknown key "${key}"; expected one of ${Object.keys(FIELDS).join(', ')}`, {
        file,
        keyPath: key,
      });
    }
    const name = key as FieldName;
    const spec: FieldSpec = FIELDS[name];
    const fail = (expected: string, keyPath: string = key, got: unknown = value): never => {
      throw new ConfigError(`${where}: ${keyPath}: expected ${expected}, got ${describeValue(got)}`, {
        file,
        keyPath,
      });
    };
    switch (spec.kind) {
      case 'string': {
        if (typeof value !== 'string') fail('a string');
        const problem = spec.check?.(value as string);
        if (problem) fail(problem);
        (config as unknown as Record<string, unknown>)[name] = value;
        break;
      }
      case 'enum':
        if (typeof value !== 'string' || !spec.values.includes(value)) fail(`one of ${spec.values.join(', ')}`);
        (config as unknown as Record<string, unknown>)[name] = value;
        break;
      case 'boolean':
        if (typeof value !== 'boolean') fail('true or false');
        (config as unknown as Record<string, unknown>)[name] = value;
        break;
      case 'string-array': {
        if (!Array.isArray(value)) fail('an array of strings');
        (value as unknown[]).forEach((item, i) => {
          if (typeof item !== 'string') fail('a string', `${key}[${i}]`, item);
          const problem = spec.check?.(item as string);
          if (problem) {
            throw new ConfigError(`${where}: ${key}[${i}]: expected ${problem}, got ${JSON.stringify(item)}`, {
              file,
              keyPath: `${key}[${i}]`,
            });
          }
        });
        (config as unknown as Record<string, unknown>)[name] = [...(value as string[])];
        break;
      }
      case 'version-files': {
        const problem = versionFilesProblem(value, key);
        if (problem) fail(problem.expected, problem.keyPath, problem.value);
        config.versionFiles = structuredClone(value as VersionFileEntry[]);
        config.versionFilesListed = true;
        break;
      }
      case 'gates':
        config.gates = resolveGatesConfig(value, { file, baseDir }) satisfies GatesConfig;
        break;
      case 'stamp': {
        const problem = stampConfigProblem(value, key);
        if (problem) fail(problem.expected, problem.keyPath, problem.value);
        config.stamp = resolveStampConfig(value as StampConfig);
        break;
      }
    }
  }
  return config;
}
