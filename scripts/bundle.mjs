// Bundles the CLI into one CommonJS file, dist/bin/cli.cjs. What a run costs before it starts git
// is mostly node loading code: one file instead of 45 small modules saves ~30 ms, and CommonJS
// instead of an ES module saves the ES module loader's own start (~9 ms on a 2-core VM; see
// bench/RESULTS.md). The library entry (dist/index.js) stays the ES modules tsc emits, with types.
// yaml and smol-toml stay outside and are loaded only when a run needs them (a YAML or TOML
// configuration, spec or version file); smol-toml also keeps its licence notice that way.
// import.meta.url, used to find the package's own files, becomes the bundle's file URL.
// src/util/import.ts (the import() of a code configuration) stays a file of its own,
// dist/bin/import.cjs: bin/stampguard.js runs the bundle through vm.Script for V8's code cache, and
// import() needs a module node loaded itself.
import { writeFileSync } from 'node:fs';
import { build } from 'esbuild';

/** The bundle requires ./import.cjs for src/util/import.ts, when a code configuration is loaded. */
const ownImport = {
  name: 'own-import',
  setup(build) {
    build.onResolve({ filter: /\/util\/import\.js$/ }, () => ({ path: 'import', namespace: 'own-import' }));
    build.onResolve({ filter: /^\.\/import\.cjs$/ }, () => ({ path: './import.cjs', external: true }));
    build.onLoad({ filter: /.*/, namespace: 'own-import' }, () => ({
      contents: "export const importModule = (specifier) => require('./import.cjs').importModule(specifier);",
      loader: 'js',
    }));
  },
};

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
  plugins: [ownImport],
});

writeFileSync(
  'dist/bin/import.cjs',
  '// import() of a code configuration for the CLI bundle: see src/util/import.ts.\n' +
    "'use strict';\n" +
    'exports.importModule = (specifier) => import(specifier);\n',
);
