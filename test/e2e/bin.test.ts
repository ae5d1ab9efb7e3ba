import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/shared/paths.js';

describe('the agenda command', () => {
  it('runs as `npx agenda`, as the README says', () => {
    const run = spawnSync('npx', ['--no-install', 'agenda', 'check', '2023-11-22', '--json'], { cwd: packageRoot, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, errors: 0 });
  });
});
