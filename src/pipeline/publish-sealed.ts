import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { archiveDir } from '../input/archive.js';
import type { CommitteeFolder } from '../input/repository.js';
import { readSealedNames, sealedListFile } from '../input/sealed.js';
import { readYamlFile } from '../input/yaml-file.js';
import type { Meeting } from '../model/meeting.js';
import type { Finding } from '../shared/errors.js';
import { publicContent } from './approval.js';
import { sealedSiteName } from './output.js';

/**
 * The sealed public minutes (agenda forsegl) the site publishes in place of a print, by their path in
 * the site: each committee's minutes whose archive holds them sealed while they still say what was
 * sealed, under the name the site gives that document (`siteFiles`: in the committee's folder, without
 * the committee's name forsegl's names carry where the repository has several). So the site's copy is the
 * archive's, seal and all, byte for byte, which `agenda verify --site` checks; minutes changed since
 * (an addition, a later approval) are printed as any other document. Sealed minutes whose name the
 * site does not publish (sealed combined, published without --samlet) are printed too, with a warning
 * that says so, as `verify --site` would find no sealed copy. Each copy is handed to `keep` as it is
 * read (so an archive's are never all in memory): what it gives.
 */
export async function sealedPublicCopies<R>(
  committees: Array<{ id: string; folder: CommitteeFolder; meetings: Meeting[] }>,
  siteFiles: string[],
  keep: (file: string, pdf: Uint8Array) => R,
): Promise<{ copies: Map<string, R>; warnings: Finding[] }> {
  const copies = new Map<string, R>();
  const warnings: Finding[] = [];
  for (const { id, folder, meetings } of committees)
    for (const meeting of meetings.filter((m) => m.kind === 'referat')) {
      const { dir } = folder;
      const names = await readSealedNames(dir, meeting.date);
      if (!names) continue;
      if (names.offentlig_indhold !== publicContent(meeting)) {
        // Sealed before `offentlig_indhold` was recorded: verify --site tells it (seal-house-fixes.md).
        if (names.offentlig_indhold !== undefined) warnings.push(await changedSinceSeal(sealedListFile(dir, meeting.date)));
        continue;
      }
      const site = sealedSiteName(folder, meeting.date, names.offentlig);
      const file = site && `${id}/${site}`;
      if (!file || !siteFiles.includes(file)) {
        warnings.push(await unpublishedSeal(sealedListFile(dir, meeting.date), file ?? names.offentlig));
        continue;
      }
      const bytes = await readFile(path.join(archiveDir(dir, meeting.date), names.offentlig)).catch(() => undefined);
      if (bytes) copies.set(file, keep(file, bytes));
    }
  return { copies, warnings };
}

/** The warning, at forseglet.yaml's `offentlig:` key. */
async function unpublishedSeal(list: string, name: string): Promise<Finding> {
  const message = `the site publishes no document named ${name}, so publish prints the minutes unsealed (sealed with attachments: publish --samlet)`;
  return atSealedName(list, message);
}

/** The public minutes say otherwise than the sealed copy: it must not go on the site (it may hold what was closed since). */
function changedSinceSeal(list: string): Promise<Finding> {
  const message =
    'the public minutes have changed since they were sealed (something closed, an addition or an approval since), so publish prints them anew, unsealed';
  return atSealedName(list, message);
}

async function atSealedName(list: string, message: string): Promise<Finding> {
  const { line, col } = (await readYamlFile(list)).locate(['offentlig'], { key: true });
  return { file: list, line, col, path: 'offentlig', message, warning: true };
}
