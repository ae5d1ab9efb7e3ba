import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/shared/paths.js';

// Vitest strips the tests' types unread, so tsc checks them (with src/ and vitest.config.ts) here: as a
// test beside the others, not before them in the global setup, where its 12 s of one core held up the run.
describe('the tests themselves', () => {
  it('type-check (tsc -p test/tsconfig.json)', { timeout: 300_000 }, () => {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const run = spawnSync(process.execPath, [tsc, '-p', 'test/tsconfig.json', '--pretty', 'false'], { cwd: packageRoot, encoding: 'utf8' });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
