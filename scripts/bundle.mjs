// Bundles the CLI into one file, dist/bin/cli.js: loading 45 small modules costs node ~30 ms more
// than one file (see bench/). The library entry (dist/index.js) stays as tsc emits it, with types.
// yaml and smol-toml stay outside and are loaded only when a run needs them (a YAML or TOML
// configuration, spec or version file); smol-toml also keeps its licence notice that way.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/index.ts'],
  outfile: 'dist/bin/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['yaml', 'smol-toml', 'husky'],
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
});
