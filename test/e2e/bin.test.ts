import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/shared/paths.js';
import { exampleRoot } from '../support/examples.js';

describe('the agenda command', () => {
  it('runs as `npx agenda`, as the README says', () => {
    // npx runs the project's own command by installing the project into its cache, which runs its
    // `prepare`: a whole build of dist/ in this folder, under the tests running beside this one (a
    // fresh clone's first npx took 12 s and left no dist/bin/cli.js for a while). The global setup
    // has built it already: --ignore-scripts leaves that build out.
    const meetings = path.join(exampleRoot(), 'meetings');
    const run = spawnSync('npx', ['--no-install', '--ignore-scripts', 'agenda', 'check', '2023-11-22', '--meetings', meetings, '--json'], {
      cwd: packageRoot,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, errors: 0 });
  });
});
