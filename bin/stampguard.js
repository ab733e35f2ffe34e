#!/usr/bin/env node
// The CLI, bundled into one file by scripts/bundle.mjs (module loading is most of a run's cost).
import { run } from '../dist/bin/cli.js';

await run();
