import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/shared/paths.js';
import { tempDir } from '../support/cli.js';

// A Ctrl-C between a send's freeze and its first message's line in the log: nothing was begun, so the
// signal's end undoes the freeze (a meeting left frozen would ignore an address put right since);
// once the line is written a message may go, and the freeze stays.
describe("a send's freeze at Ctrl-C", () => {
  const interrupted = (begun: boolean) => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'udvalg.yaml'), 'navn: Direktionen\n');
    const freeze = JSON.stringify(path.join(packageRoot, 'dist', 'src', 'pipeline', 'freeze.js'));
    const script = `
      const { SendFreeze } = await import(${freeze});
      const frozen = new SendFreeze();
      await frozen.freeze(${JSON.stringify(dir)}, { date: '2023-11-22', kind: 'dagsorden', items: [] }, {});
      ${begun ? 'await frozen.begin(async () => undefined);' : ''}
      process.kill(process.pid, 'SIGINT');
      setInterval(() => undefined, 1000);`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    return { status: run.status, stderr: run.stderr, archived: existsSync(path.join(dir, 'arkiv', '2023-11-22', 'udvalg.yaml')) };
  };

  it('before the first message was begun: the archive removed, exit 130', () => {
    expect(interrupted(false)).toEqual({ status: 130, stderr: '', archived: false });
  });

  it('after: the meeting stays frozen', () => {
    expect(interrupted(true)).toEqual({ status: 130, stderr: '', archived: true });
  });
});
