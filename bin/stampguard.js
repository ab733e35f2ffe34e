#!/usr/bin/env node
// The CLI, bundled into one CommonJS file by scripts/bundle.mjs (loading code is most of a short
// run's cost). bin/package.json makes this file CommonJS too, so node never starts its ES module
// loader for a hook.
require('../dist/bin/cli.cjs').run();
