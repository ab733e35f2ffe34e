// The plain data that flows through stampguard: facts from git → checks → findings → report.

export const MODES = ['release', 'tag', 'commit', 'push', 'preflight'] as const;
export type Mode = (typeof MODES)[number];

export type Severity = 'error' | 'warning';

export const FINDING_CODES = [
  'dirty-tree',
  'untracked-files',
  'operation-in-progress',
  'shallow-clone',
  'no-tag',
  'tag-not-semver',
  'not-on-tag',
  'nonstandard-version',
  'version-mismatch',
  'version-not-greater',
  'tag-exists',
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
  findings: Finding[];
}

export type UntrackedPolicy = 'error' | 'warning' | 'ignore';

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

/** Configuration as a user writes it (every key optional). */
export interface ConfigInput {
  tagPrefix?: string;
  untracked?: UntrackedPolicy;
  branches?: string[];
  allowPrerelease?: boolean;
  versionFiles?: string[];
  requireAnnotatedTag?: boolean;
  requireSignedTag?: boolean;
  gates?: GatesConfigInput;
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
  branches: string[] | null;
  allowPrerelease: boolean;
  versionFiles: string[];
  /** Whether the configuration lists versionFiles itself (then a missing file or version is a finding). */
  versionFilesListed: boolean;
  requireAnnotatedTag: boolean;
  requireSignedTag: boolean;
  gates: GatesConfig | null;
  /** The file the config came from, or null for defaults. */
  file: string | null;
}
