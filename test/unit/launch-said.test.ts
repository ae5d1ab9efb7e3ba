import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchChromium } from '../../src/pdf/launch.js';

describe.skipIf(process.platform === 'win32')('a browser that ends at its start (pdf/launch.ts)', () => {
  it('is told with what it said last, though other children of this process end meanwhile', async () => {
    const browser = path.join(mkdtempSync(path.join(tmpdir(), 'agenda-launch-')), 'chromium');
    writeFileSync(browser, '#!/bin/sh\necho "FATAL: a library is missing" >&2\nexit 1\n', { mode: 0o755 });
    // Children ending beside the start (a conversion, git, another file's in a test run): libuv then reaps the
    // browser's guard with them and may tell its exit before its pipe's last line is read.
    let going = true;
    const beside = async () => {
      while (going) await new Promise((resolve) => spawn('true').once('close', resolve));
    };
    const others = [beside(), beside()];
    const told: string[] = [];
    try {
      for (let i = 0; i < 20; i++)
        told.push(
          await launchChromium(browser, [], 10_000).then(
            () => 'started',
            (err: unknown) => String(err),
          ),
        );
    } finally {
      going = false;
      await Promise.all(others);
    }
    expect(told.filter((message) => !message.includes('FATAL: a library is missing'))).toEqual([]);
  });
});
