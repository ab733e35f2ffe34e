// Typed errors that mean "could not run" (exit 2). Anything else is a bug and is rethrown.

export const EXIT = { OK: 0, REFUSED: 1, CANNOT_RUN: 2 } as const;

/** A configuration file or value is unreadable or invalid. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly file: string | null;
  readonly keyPath: string | null;

  constructor(message: string, options: { file?: string | null; keyPath?: string | null; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.file = options.file ?? null;
    this.keyPath = options.keyPath ?? null;
  }
}

/** git is missing, too old, or the directory is not something stampguard can inspect. */
export class GitError extends Error {
  override name = 'GitError';
  readonly hint: string;

  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.hint = options.hint ?? '';
  }
}

/** Bad command-line usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function isCannotRun(error: unknown): error is ConfigError | GitError | UsageError {
  return error instanceof ConfigError || error instanceof GitError || error instanceof UsageError;
}
