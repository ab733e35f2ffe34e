// Bundles the CLI into one file, dist/bin/cli.js: loading 45 small modules costs node ~30 ms more
// than one file (see bench/). The library entry (dist/index.js) stays as tsc emits it, with types.
// yaml stays outside and is loaded only when a run needs it (a YAML configuration or spec file).
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/index.ts'],
  outfile: 'dist/bin/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['yaml', 'husky'],
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
});
