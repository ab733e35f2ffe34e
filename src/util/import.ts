// import() of a code configuration, in a module of its own. The CLI bundle keeps this module as a
// separate file (dist/bin/import.cjs, see scripts/bundle.mjs): bin/stampguard.js compiles the bundle
// with vm.Script to use V8's code cache, and import() inside a vm.Script has no module loader
// (on Node 20 not even with vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER once the script comes
// from the cache). A file node loads itself has one.
export const importModule = (specifier: string): Promise<unknown> => import(specifier);
