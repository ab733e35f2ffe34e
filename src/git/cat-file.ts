// Objects by name through `git cat-file --batch`, with every request made in the same tick of the
// event loop sent to one process: the version files at a commit and the peel of a tag object are
// asked for separately but cost one git process.
import { gitFailure, runGit } from './run.js';

export interface CatObject {
  oid: string;
  type: string;
  content: Buffer;
}

export interface ObjectReader {
  /** An object by any name cat-file understands ("<rev>:<path>", "<oid>^{commit}"); null when missing. */
  get(name: string): Promise<CatObject | null>;
}

export function objectReader(root: string, env?: NodeJS.ProcessEnv): ObjectReader {
  let queue: { name: string; resolve: (value: CatObject | null) => void; reject: (error: unknown) => void }[] = [];
  const flush = async () => {
    const batch = queue;
    queue = [];
    try {
      const found = await catFile(
        root,
        batch.map((q) => q.name),
        env,
      );
      for (const [i, q] of batch.entries()) q.resolve(found[i] ?? null);
    } catch (error) {
      for (const q of batch) q.reject(error);
    }
  };
  return {
    get(name) {
      return new Promise((resolve, reject) => {
        if (queue.length === 0) setImmediate(() => void flush());
        queue.push({ name, resolve, reject });
      });
    },
  };
}

/** One `git cat-file --batch` for the names, in order; null for a name git reports missing. */
export async function catFile(
  root: string,
  names: readonly string[],
  env?: NodeJS.ProcessEnv,
): Promise<(CatObject | null)[]> {
  if (names.length === 0) return [];
  if (names.some((n) => n.includes('\n'))) throw new Error('cat-file names cannot hold a newline');
  const result = await runGit(root, ['cat-file', '--batch'], {
    input: names.map((n) => `${n}\n`).join(''),
    ...(env && { env }),
  });
  if (result.code !== 0) throw gitFailure(['cat-file', '--batch'], result);
  const bytes = result.stdoutBytes;
  const found: (CatObject | null)[] = [];
  let offset = 0;
  for (let i = 0; i < names.length; i++) {
    const eol = bytes.indexOf(10, offset);
    if (eol === -1) break;
    const header = bytes.subarray(offset, eol).toString('utf8');
    offset = eol + 1;
    const match = /^([0-9a-f]+) (\w+) (\d+)$/.exec(header);
    if (!match) {
      found.push(null); // "<name> missing" or "ambiguous"
      continue;
    }
    const size = Number(match[3]);
    found.push({ oid: match[1]!, type: match[2]!, content: bytes.subarray(offset, offset + size) });
    offset += size + 1;
  }
  return found;
}
