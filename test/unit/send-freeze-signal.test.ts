import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/shared/paths.js';
import { tempDir } from '../support/cli.js';
import { canMakeImmutable } from '../support/immutable.js';

// A Ctrl-C, or a failure, between a send's freeze and its first message's line in the log: nothing
// was begun, so the freeze is undone (a meeting left frozen would ignore an address put right since);
// once the line is written a message may go, and the freeze stays. An undo that fails is told in one
// line, naming what it left and what to do, and the send ends as it would have.
describe("a send's freeze undone where nothing was begun", () => {
  /** `end` is how the run ends after the freeze: a signal, or a failure (the pipeline's end(false)). */
  const ended = (end: 'signal' | 'failure', { begun = false, undoFails = false } = {}) => {
    const dir = tempDir();
    const archive = path.join(dir, 'arkiv', '2023-11-22');
    writeFileSync(path.join(dir, 'udvalg.yaml'), 'navn: Direktionen\n');
    const freeze = JSON.stringify(path.join(packageRoot, 'dist', 'src', 'pipeline', 'freeze.js'));
    // Immutable (chattr +i), the archive cannot be moved aside even by root: its removal fails, EPERM.
    const script = `
      const { SendFreeze } = await import(${freeze});
      const { execFileSync } = await import('node:child_process');
      const frozen = new SendFreeze(({ file, message }) => process.stderr.write(file + ': ' + message + '\\n'));
      await frozen.freeze(${JSON.stringify(dir)}, { date: '2023-11-22', kind: 'dagsorden', items: [] }, {});
      ${begun ? 'await frozen.begin(async () => undefined);' : ''}
      ${undoFails ? `execFileSync('chattr', ['+i', ${JSON.stringify(archive)}]);` : ''}
      ${end === 'signal' ? "process.kill(process.pid, 'SIGINT'); setInterval(() => undefined, 1000);" : 'await frozen.end(false);'}`;
    try {
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
      return { status: run.status, stderr: run.stderr, archived: existsSync(path.join(archive, 'udvalg.yaml')) };
    } finally {
      if (undoFails && existsSync(archive)) execFileSync('chattr', ['-i', archive]);
    }
  };

  it('Ctrl-C before the first message was begun: the archive removed, exit 130', () => {
    expect(ended('signal')).toEqual({ status: 130, stderr: '', archived: false });
  });

  it('Ctrl-C after: the meeting stays frozen', () => {
    expect(ended('signal', { begun: true })).toEqual({ status: 130, stderr: '', archived: true });
  });

  const left = (dir: string) =>
    `${dir}/arkiv/2023-11-22: left as this send made it, though no message went (cannot write ${dir}/arkiv/2023-11-22: permission denied): delete this folder to reopen the meeting\n`;

  const immutable = canMakeImmutable();

  it.runIf(immutable)(
    "a failure before the first message, the removal failing too: told in one line, not thrown (the send's failure stays its reason)",
    () => {
      const run = ended('failure', { undoFails: true });
      expect(run.status).toBe(0);
      expect(run.archived).toBe(true);
      expect(run.stderr).toBe(left(run.stderr.slice(0, run.stderr.indexOf('/arkiv/'))));
    },
  );

  it.runIf(immutable)('Ctrl-C before the first message, the removal failing: told, one line, exit 130', () => {
    const run = ended('signal', { undoFails: true });
    expect(run.status).toBe(130);
    expect(run.archived).toBe(true);
    expect(run.stderr).toBe(left(run.stderr.slice(0, run.stderr.indexOf('/arkiv/'))));
  });
});
