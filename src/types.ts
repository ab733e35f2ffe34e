// The plain data that flows through stampguard: facts from git → checks → findings → report.

export const MODES = ['release', 'tag', 'commit', 'push', 'preflight'] as const;
export type Mode = (typeof MODES)[number];

export type Severity = 'error' | 'warning';

export const FINDING_CODES = [
  'dirty-tree',
  'untracked-files',
  'locally-ignored-files',
  'incomplete-checkout',
  'operation-in-progress',
  'shallow-clone',
  'no-tag',
  'tag-not-semver',
  'not-on-tag',
  'ambiguous-release-tag',
  'nonstandard-version',
  'version-mismatch',
  'version-not-greater',
  'no-new-commits',
  'tag-exists',
  'tag-not-commit',
  'branch-not-allowed',
  'behind-upstream',
  'tag-not-annotated',
  'tag-not-signed',
  'emulation-out-of-range',
  'gate-unknown',
  'gate-prealpha-set',
  'gate-locked',
  'gate-spec-invalid',
  'gate-dependency-disabled',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** One line for people: what is wrong. */
  message: string;
  /** The way out. */
  hint: string;
  paths?: string[];
  gate?: string;
  tag?: string;
  expected?: string;
  actual?: string;
  /** Present (true) when the user allowed this code for this run (--allow CODE): it does not refuse. */
  allowed?: true;
}

export interface Report {
  schemaVersion: 1;
  ok: boolean;
  mode: Mode;
  repo: {
    root: string;
    head: string | null;
    branch: string | null;
    shallow: boolean;
  };
  version: {
    /** `git describe` of HEAD against release tags, with `-dirty` appended for a dirty tree. */
    describe: string | null;
    tag: string | null;
    distance: number | null;
    dirty: boolean;
    /** The release version that would be stamped, or null when not releasable. */
    stamp: string | null;
    /** A development version: valid semver, after the tag, before the next release. */
    dev: string | null;
  };
  /** The configuration used: its absolute path, or null for the defaults (or an object passed to check()). */
  config: { file: string | null };
  findings: Finding[];
}

export type UntrackedPolicy = 'error' | 'warning' | 'ignore';

/** How a project's build turns git state into a version (see README "Versions"). */
export type Convention = 'npm' | 'git-describe' | 'kubernetes';

export type Stage = 'prealpha' | 'alpha' | 'beta' | 'ga' | 'deprecated';

export interface GateSpecEntry {
  /** major.minor, e.g. "1.22" */
  version: string;
  stage: Stage;
  default: boolean;
  lockToDefault?: boolean;
  /**
   * major.minor: this entry applies only when the minimum compatibility version is at least this
   * (Kubernetes 1.35+ FeatureSpec.MinCompatibilityVersion); unset, it is inherited from the
   * previous entry.
   */
  minCompatibilityVersion?: string;
}

export type GateSpecs = Record<string, GateSpecEntry[]>;

/** Gate configuration as a user writes it. */
export interface GatesConfigInput {
  specs: GateSpecs | string;
  set?: Record<string, boolean> | string;
  emulationVersion?: string;
  minCompatibilityVersion?: string;
  emulationWindow?: number;
  emulationFloor?: string;
  /** Per gate, the gates it depends on: { "B": ["A"] } (Kubernetes 1.35+ AddDependencies). */
  dependencies?: Record<string, string[]>;
}

export type VersionFileFormat = 'json' | 'yaml' | 'toml' | 'text';

/**
 * A versionFiles entry as written: a path (the format and key follow from its name), a path with
 * a format and a dotted key, or a path with a regular expression whose first capture group is the
 * version. Paths are relative to the configuration file.
 */
export type VersionFileEntry =
  | string
  | { file: string; format?: VersionFileFormat; key?: string }
  | { file: string; pattern: string };

/** The Go variables `stamp --format ldflags` can set, by their Kubernetes names. */
export type GoVariable = 'gitVersion' | 'gitCommit' | 'gitTreeState' | 'buildDate' | 'gitMajor' | 'gitMinor';

/** The `stamp` section: how stamps for Go builds are written. */
export interface StampConfig {
  /** The Go package whose variables -ldflags sets (default k8s.io/component-base/version). */
  goPackage?: string;
  /** The variables to set and their names in goPackage (default: all six, Kubernetes' names). */
  goVariables?: Partial<Record<GoVariable, string>>;
}

/** Configuration as a user writes it (every key optional). */
export interface ConfigInput {
  tagPrefix?: string;
  untracked?: UntrackedPolicy;
  convention?: Convention;
  locallyIgnored?: UntrackedPolicy;
  incompleteCheckout?: 'error' | 'warning';
  branches?: string[];
  allowPrerelease?: boolean;
  versionFiles?: VersionFileEntry[];
  requireAnnotatedTag?: boolean;
  requireSignedTag?: boolean;
  gates?: GatesConfigInput;
  stamp?: StampConfig;
}

/** Gate configuration after loading: specs read from their file, values parsed. */
export interface GatesConfig {
  specs: GateSpecs;
  /** Where the specs came from: "inline" or a file path, for messages. */
  specsSource: string;
  set: Record<string, boolean>;
  emulationVersion: string | null;
  minCompatibilityVersion: string | null;
  emulationWindow: number;
  emulationFloor: string | null;
  /** Per gate, the gates it depends on, each list sorted and without duplicates; {} when none. */
  dependencies: Record<string, string[]>;
}

/** Configuration after validation and defaults. */
export interface Config {
  tagPrefix: string;
  untracked: UntrackedPolicy;
  /** How the build turns git state into a version; null: decided per checkout (npm with a package.json version). */
  convention: Convention | null;
  /** Untracked files ignored only by rules outside the repository's history. */
  locallyIgnored: UntrackedPolicy;
  /** A work tree missing part of the committed tree. */
  incompleteCheckout: 'error' | 'warning';
  branches: string[] | null;
  allowPrerelease: boolean;
  /** As written (validated); src/version-files/spec.ts resolves each entry's format and key. */
  versionFiles: VersionFileEntry[];
  /** Whether the configuration lists versionFiles itself (then a missing file or version is a finding). */
  versionFilesListed: boolean;
  requireAnnotatedTag: boolean;
  requireSignedTag: boolean;
  gates: GatesConfig | null;
  stamp: { goPackage: string; goVariables?: Partial<Record<GoVariable, string>> };
  /** The file the config came from, or null for defaults. */
  file: string | null;
  /**
   * Where versionFiles are relative to when it is not the configuration file's folder: a workspace
   * package checked without a configuration of its own (absolute).
   */
  baseDir?: string;
}
