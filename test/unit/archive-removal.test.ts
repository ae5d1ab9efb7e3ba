import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { archiveDir, removeArchive, writeArchive } from '../../src/input/archive.js';
import { temporaryBeside } from '../../src/shared/files.js';
import { tempDir } from '../support/cli.js';

// A meeting reopened (send, every recipient refused) has its archive renamed aside, as one of our
// temporaries, before it is removed: a removal killed part-way leaves no partial arkiv/<date>/ to be
// taken for the meeting's archive, and what it left is removed as any stale temporary is.
describe("a meeting's archive removed", () => {
  /** What a run killed while it removed the archive left: the archive renamed aside, part removed, its process gone. */
  const leftBehind = (dir: string, date: string) => {
    const ours = path.basename(temporaryBeside(archiveDir(dir, date)));
    const stale = path.join(dir, 'arkiv', ours.replace(`.${process.pid}.`, `.${spawnSync('true').pid}.`));
    mkdirSync(stale, { recursive: true });
    writeFileSync(path.join(stale, 'udvalg.yaml'), 'navn: Direktionen\n');
    return stale;
  };

  it('leaves nothing of it, and removes what a removal killed part-way left', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'udvalg.yaml'), 'navn: Direktionen\n');
    await writeArchive(dir, '2023-11-22');
    leftBehind(dir, '2023-11-22');
    await removeArchive(dir, '2023-11-22');
    expect(readdirSync(path.join(dir, 'arkiv'))).toEqual([]);
  });

  it('a meeting frozen again afterwards: the leftover is removed then too', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'udvalg.yaml'), 'navn: Direktionen\n');
    leftBehind(dir, '2023-11-22');
    await writeArchive(dir, '2023-11-22');
    expect(readdirSync(path.join(dir, 'arkiv'))).toEqual(['2023-11-22']);
  });
});
