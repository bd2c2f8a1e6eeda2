/**
 * Two workers share the run: the files that build starters take minutes each and the rest take seconds, so the
 * longest go first (longest-processing-time scheduling) and the short ones fill in around them. Without this, a clean
 * clone (no vitest cache) orders by file size, and the one-line per-language e2e files would start last.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Slowest first, from the durations of CI runs (each language's database and starters suites), with one exception:
 * the two Rust files go far apart. Every cargo command of a run shares one target dir (.ci/run), and cargo holds its
 * lock for a whole build, so two Rust files at once wait on each other while the other worker's CPU share goes unused
 * (on 7e4e268 they overlapped and took 601 s and 393 s).
 */
const SLOWEST_FIRST = [
  'test/e2e/database/rust.test.ts',
  'test/e2e/database/java.test.ts',
  'test/e2e/database/python.test.ts',
  'test/e2e/database/typescript.test.ts',
  'test/e2e/starters/typescript.test.ts',
  'test/e2e/starters/java.test.ts',
  'test/e2e/starters/rust.test.ts',
  'test/validate/docker-build-stage.test.ts',
  'test/hostile/names.test.ts',
  'test/e2e/starters/python.test.ts',
  'test/e2e/database/go.test.ts',
  'test/e2e/starters/go.test.ts',
];

export default class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rest = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const at = SLOWEST_FIRST.findIndex((file) => spec.moduleId.endsWith(file));
      return at === -1 ? SLOWEST_FIRST.length : at;
    };
    // Array.prototype.sort is stable: the others keep the base order (failed first, then by cached duration).
    return rest.sort((a, b) => rank(a) - rank(b));
  }
}
