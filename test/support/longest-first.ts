import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest, longest first (seconds of a CI run on two workers, December 2026): started
 * first, so that no long file runs alone at the end while the other worker idles. Vitest's own order
 * (BaseSequencer) knows durations only from the cache of an earlier run, which a clean clone lacks.
 * Keep it short and rough: a file missing here only starts later.
 */
export const longest = [
  // 55-59 s of CPU alone, 72 s of a CI run (December 2026): two publications of a 6-meeting archive a test.
  'test/e2e/publish-unread.test.ts',
  'test/e2e/publish.test.ts',
  'test/e2e/office-attachments.test.ts',
  'test/e2e/fuzz.test.ts',
  'test/unit/lint.test.ts',
  'test/e2e/office-convert.test.ts',
  'test/e2e/browser-service.test.ts',
  'test/e2e/combined.test.ts',
  'test/e2e/publish-own-files.test.ts',
  'test/e2e/house-pages.test.ts',
  'test/e2e/editors.test.ts',
  'test/e2e/addendum.test.ts',
  'test/e2e/office-hostile.test.ts',
  'test/e2e/site-search.test.ts',
  'test/e2e/browser-faults.test.ts',
  'test/e2e/killed-command.test.ts',
  'test/e2e/corrected-agenda.test.ts',
  'test/e2e/approval.test.ts',
  'test/e2e/incremental-build.test.ts',
  'test/e2e/seal-approval-page.test.ts',
  'test/e2e/send.test.ts',
  'test/e2e/addendum-check.test.ts',
  'test/e2e/diff.test.ts',
  'test/e2e/archive-rebuild.test.ts',
  'test/e2e/path-names.test.ts',
  'test/e2e/rebuild.test.ts',
  'test/e2e/publish-reprint.test.ts',
];

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification): number => {
      const i = longest.indexOf(path.relative(this.ctx.config.root, file.moduleId).split(path.sep).join('/'));
      return i === -1 ? longest.length : i;
    };
    // Array.prototype.sort is stable: the rest keep vitest's own order.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}
