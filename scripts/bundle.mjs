// Bundles the CLI into one CommonJS file, dist/bin/cli.cjs. What a run costs before it starts git
// is mostly node loading code: one file instead of 45 small modules saves ~30 ms, and CommonJS
// instead of an ES module saves the ES module loader's own start (~9 ms on a 2-core VM; see
// bench/RESULTS.md). The library entry (dist/index.js) stays the ES modules tsc emits, with types.
// yaml and smol-toml stay outside and are loaded only when a run needs them (a YAML or TOML
// configuration, spec or version file); smol-toml also keeps its licence notice that way.
// import.meta.url, used to find the package's own files, becomes the bundle's file URL.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/index.ts'],
  outfile: 'dist/bin/cli.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['yaml', 'smol-toml', 'husky'],
  define: { 'import.meta.url': '__bundleFileUrl' },
  banner: { js: 'const __bundleFileUrl = require("node:url").pathToFileURL(__filename).href;' },
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
});
