// The order test files start in. Two workers take the next file as each finishes, so the run ends
// when the last file does: files that take longest should start first, and the last ones to start
// should be short. vitest orders by the durations of the last run when it has them
// (node_modules/.vite), and a fresh clone, as in CI, has none: then by file size, which put the
// 19-second package-manager file (a small file) among the last to start, and one worker ran it
// alone at the end. So with no durations on record, the files known to be slow go first, slowest
// first, and the rest follow in vitest's order.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Measured per file on a fresh run of the 2-core machine, slowest first (seconds, rounded), but for
 * the second: the first builds the packed template (test/helpers/packed.ts, seconds), and the other
 * worker meanwhile runs the slowest file that does not need it, instead of waiting for it.
 */
export const SLOW_FILES: readonly string[] = [
  'test/installs/package-managers.test.ts', // 19
  'test/trust/a-hidden-changes.test.ts', // 6, no template
  'test/recipes/semantic-release.test.ts', // 19
  'test/recipes/release-it.test.ts', // 13
  'test/recipes/np.test.ts', // 9
  'test/recipes/changesets.test.ts', // 8
  'test/hooks/tag-hook.test.ts', // 8
  'test/hooks/hooks.test.ts', // 8
  'test/e2e/release-flow.test.ts', // 5
  'test/hostile/environment.test.ts', // 5
  'test/examples.test.ts', // 5
];

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const key = (spec: TestSpecification) => `${spec.project.name}:${relativeTo(root, spec.moduleId)}`;
    if (sorted.some((spec) => this.ctx.cache.getFileTestResults(key(spec)))) return sorted;
    const rank = (spec: TestSpecification) => {
      const index = SLOW_FILES.indexOf(relativeTo(root, spec.moduleId));
      return index === -1 ? SLOW_FILES.length : index;
    };
    return sorted
      .map((spec, index) => ({ spec, index }))
      .sort((a, b) => rank(a.spec) - rank(b.spec) || a.index - b.index)
      .map(({ spec }) => spec);
  }
}

function relativeTo(root: string, file: string): string {
  const normal = (p: string) => p.replaceAll('\\', '/');
  const r = normal(root).replace(/\/$/, '');
  const f = normal(file);
  return f.startsWith(`${r}/`) ? f.slice(r.length + 1) : f;
}
