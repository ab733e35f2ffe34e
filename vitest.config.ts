import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Where the files that run real release tools, package managers and hooks live, longest first.
 * vitest starts the longest files first when its cache knows their durations; a fresh clone has no
 * cache, and vitest then starts the largest files first. These are small files that run longest
 * (a release tool costs about a second of node per run), so by size they start last and one worker
 * ends well after the other. Without durations, they go first.
 */
const LONGEST = [
  'test/recipes/',
  'test/installs/',
  'test/examples.test.ts',
  'test/hooks/',
  'test/e2e/',
  'test/hostile/',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const relative = (file: TestSpecification) =>
      path.relative(this.ctx.config.root, file.moduleId).split(path.sep).join('/');
    if (files.every((file) => this.ctx.cache.getFileTestResults(`${file.project.name}:${relative(file)}`)))
      return sorted;
    const tier = (file: TestSpecification) => {
      const i = LONGEST.findIndex((prefix) => relative(file).startsWith(prefix));
      return i === -1 ? LONGEST.length : i;
    };
    const order = new Map(sorted.map((file, i) => [file, i]));
    return [...sorted].sort((a, b) => tier(a) - tier(b) || order.get(a)! - order.get(b)!);
  }
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
    sequence: { sequencer: LongestFirst },
  },
});
