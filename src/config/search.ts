// Finding the configuration. cosmiconfig's search places and order, its package.json rule (the
// "stampguard" key, a package.json without it is passed over) and its empty-file rule (passed
// over), with three differences, each on purpose:
//  - the search goes from the current folder up to the repository root, past package.json files
//    without a "stampguard" key (cosmiconfig's "project" search stops at the first package.json,
//    which dropped the root configuration in any subfolder with its own package.json);
//  - nothing but stampguard's own places is read: cosmiconfig also loads a "meta" configuration
//    (.config/config.{json,yaml,js,ts,…} in the process's working directory), code included;
//  - a place that exists but cannot be read (permissions, a FIFO, a directory) is an error,
//    where cosmiconfig skipped it (and a FIFO hung it).
// Data files are parsed here; code files are only located: running them is load.ts's decision.
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { SEARCH_PLACES } from '../config.js';
import { readRegularFile } from './file.js';
import { formatOf, parseData } from './parse.js';

export type Found = { file: string; format: 'code' } | { file: string; format: 'data'; value: unknown };

/** The folders searched, nearest first: from `cwd` up to and including the repository root. */
export function searchDirs(cwd: string, root: string): string[] {
  const start = realDir(cwd);
  const top = realDir(root);
  if (!isInside(start, top)) return [top];
  const dirs: string[] = [];
  for (let dir = start; ; dir = path.dirname(dir)) {
    dirs.push(dir);
    if (dir === top || path.dirname(dir) === dir) break;
  }
  return dirs;
}

/**
 * The candidates, nearest first: every search place, folder by folder, that holds something. A
 * data file is parsed here; a code file is only located (running it is the caller's decision,
 * and if it exports nothing the caller asks for the next candidate, as cosmiconfig goes on).
 */
export async function* searchConfig(cwd: string, root: string): AsyncGenerator<Found> {
  for (const dir of searchDirs(cwd, root)) {
    for (const place of SEARCH_PLACES) {
      const file = path.join(dir, place);
      const text = readRegularFile(file);
      if (text === null) continue;
      const format = formatOf(file);
      if (format === null) continue; // not reachable: every search place has a known format
      if (format === 'code') {
        if (text.trim() !== '') yield { file, format }; // an empty file is passed over unrun
        continue;
      }
      const value = await parseData(file, text, format);
      if (value !== undefined && value !== null) yield { file, format: 'data', value };
    }
  }
}

export function isInside(file: string, root: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

function realDir(dir: string): string {
  try {
    return realpathSync.native(path.resolve(dir));
  } catch {
    return path.resolve(dir);
  }
}
