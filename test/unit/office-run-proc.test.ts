import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runLimited } from '../../src/pdf/office/run.js';

// /proc made unreadable for run.ts alone, while `hidden.proc` is set: as where it is not mounted, or hidden from this process.
const hidden = vi.hoisted(() => ({ proc: false }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const readdirSync = new Proxy(fs.readdirSync, {
    apply(target, self, args: unknown[]) {
      if (hidden.proc && args[0] === '/proc')
        throw Object.assign(new Error("EACCES: permission denied, scandir '/proc'"), { code: 'EACCES' });
      const entries: unknown = Reflect.apply(target, self, args);
      return entries;
    },
  });
  return { ...fs, default: { ...fs, readdirSync }, readdirSync };
});

describe.skipIf(process.platform !== 'linux')('a run where /proc cannot be read (office/run.ts)', () => {
  it('still ends, as it ended, once its group is killed (no rejection left unhandled, no run that never settles)', async () => {
    hidden.proc = true;
    try {
      const home = mkdtempSync(path.join(tmpdir(), 'agenda-office-run-proc-'));
      const ended = await runLimited('/bin/sh', ['-c', 'echo ended'], home, {
        timeoutMs: 10_000,
        memoryBytes: 512 * 1024 ** 2,
        fileBytes: 1024 ** 2,
      });
      expect(ended).toMatchObject({ by: 'exit', code: 0 });
      expect(ended.said).toContain('ended');
    } finally {
      hidden.proc = false;
    }
  });
});
