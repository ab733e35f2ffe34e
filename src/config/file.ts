// Reading a configuration file (or a package.json on the way) without ever waiting on it: the file
// is opened non-blocking and checked with fstat on the open descriptor before it is read, so a
// FIFO or a device is refused at once and cannot be swapped in between the check and the read.
import { closeSync, constants, fstatSync, openSync, readFileSync, type Stats, statSync } from 'node:fs';
import { ConfigError } from '../errors.js';

/** The file's text, or null when there is nothing at that path. Anything else is a ConfigError. */
export function readRegularFile(file: string): string | null {
  let fd: number;
  try {
    // Most search places do not exist: a stat that does not throw for them is ~20× cheaper than a
    // failed open (an exception each). What is there is opened and checked on the descriptor.
    if (statSync(file, { throwIfNoEntry: false }) === undefined) return null;
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw unreadable(file, error);
  }
  try {
    const kind = fileKind(fstatSync(fd));
    if (kind !== null) {
      throw new ConfigError(`${file} is ${kind}, not a regular file; a configuration must be a regular file`, { file });
    }
    return readFileSync(fd, 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw unreadable(file, error);
  } finally {
    closeSync(fd);
  }
}

/** null for a regular file, else what it is, for the message. */
function fileKind(stats: Stats): string | null {
  if (stats.isFile()) return null;
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'the path is too long',
  EISDIR: 'it is a directory',
  EMFILE: 'too many open files',
};

function unreadable(file: string, error: unknown): ConfigError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const reason = REASONS[code] ?? (error instanceof Error ? error.message : String(error));
  const advice =
    code === 'EACCES' || code === 'EPERM'
      ? ' (stampguard reads the configuration as the user running it; make it readable, or point --config at another file)'
      : '';
  return new ConfigError(`cannot read ${file}: ${reason}${advice}`, { file, cause: error });
}
