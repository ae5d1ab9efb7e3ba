import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { archiveDir } from '../input/archive.js';
import { readSealedNames } from '../input/sealed.js';
import type { Meeting } from '../model/meeting.js';
import { publicContent } from './approval.js';

/**
 * The sealed public minutes (agenda forsegl) the site publishes in place of a print, by their path in
 * the site: each committee's minutes whose archive holds them sealed while they still say what was
 * sealed. So the site's copy is the archive's, seal and all, byte for byte, which `agenda verify --site`
 * checks; minutes changed since (an addition, a later approval) are printed as any other document.
 */
export async function sealedPublicCopies(
  committees: Array<{ id: string; dir: string; meetings: Meeting[] }>,
): Promise<Map<string, Uint8Array>> {
  const copies = new Map<string, Uint8Array>();
  for (const { id, dir, meetings } of committees)
    for (const meeting of meetings.filter((m) => m.kind === 'referat')) {
      const names = await readSealedNames(dir, meeting.date);
      if (!names || names.offentlig_indhold !== publicContent(meeting)) continue;
      const bytes = await readFile(path.join(archiveDir(dir, meeting.date), names.offentlig)).catch(() => undefined);
      if (bytes) copies.set(`${id}/${names.offentlig}`, bytes);
    }
  return copies;
}
