import { defineConfig } from 'vitest/config';
import { fastTmpdir } from './test/helpers/tmpdir.js';

// The temporary repositories in memory where that is possible (see test/helpers/tmpdir.ts). Set
// before the workers start: they, and every process a test starts, inherit it (os.tmpdir()).
const tmp = fastTmpdir();
if (tmp) {
  process.env.TMPDIR = tmp;
  process.env.STAMPGUARD_TEST_TMPDIR = tmp;
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Tests spawn real git and node processes; two cores here.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1, isolate: false } },
  },
});
