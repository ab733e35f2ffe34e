// The configuration as it is staged, for commit mode: the file is found in the working tree as
// usual, but a data configuration inside the repository (JSON, YAML, package.json's "stampguard"
// key) is read from the index when it is there, so the commit's own configuration is what gets
// checked. Code configurations cannot be evaluated from the index and are used as they are on
// disk (under the same rule: refused with --no-code-config); a file outside the repository
// (--config) is read from disk.
import path from 'node:path';
import { resolveConfig } from '../config.js';
import type { Config } from '../types.js';
import { candidates, codeConfigRefused, defaults, type LoadConfigOptions, rawConfigOf } from './load.js';
import { formatOf, parseData } from './parse.js';
import { isInside } from './search.js';

export async function loadStagedConfig(
  options: LoadConfigOptions & { readStaged: (repoPath: string) => Promise<string | null> },
): Promise<Config> {
  const refuseCode = codeConfigRefused(options.noCodeConfig);
  for await (const found of candidates(options)) {
    const file = found.file;
    const format = formatOf(file);
    const staged =
      found.format === 'data' && format !== null && format !== 'code' && isInside(file, options.root)
        ? await options.readStaged(path.relative(options.root, file).split(path.sep).join('/'))
        : null;
    if (staged === null || format === null || format === 'code') {
      const raw = await rawConfigOf(found, refuseCode);
      if (raw === undefined || raw === null) {
        if (options.configFile !== undefined) return defaults(file);
        continue;
      }
      return resolveConfig(raw, file, path.dirname(file));
    }
    // The staged text is the commit's configuration: when it holds nothing, the commit has none.
    const raw = await parseData(file, staged, format, `${file} (staged)`);
    if (raw === undefined || raw === null) return defaults(null);
    return resolveConfig(raw, file, path.dirname(file), `${file} (staged)`);
  }
  return defaults(null);
}
