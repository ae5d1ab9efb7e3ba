import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { watchFolders } from '../../src/preview/watch.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the preview's watcher (preview/watch.ts)", () => {
  it('hands on a save in two writes 40 ms apart once the second is in (chokidar tells none within 50 ms of the first)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'agenda-watch-'));
    const file = path.join(dir, '2024-01-16.yaml');
    writeFileSync(file, 'dato: 2024-01-16\n');
    const read: string[] = [];
    const watcher = await watchFolders(
      [{ dir, matters: () => true }],
      () => read.push(readFileSync(file, 'utf8')),
      () => undefined,
    );
    try {
      writeFileSync(file, 'titel: half');
      await pause(40);
      appendFileSync(file, ' and the rest\n');
      for (let i = 0; i < 100 && read.length === 0; i++) await pause(20);
      await pause(300);
      expect(read.at(-1)).toBe('titel: half and the rest\n');
    } finally {
      await watcher.close();
    }
  });
});
