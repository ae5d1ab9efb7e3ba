import path from 'node:path';
import { archiveDir, archiveFolder } from '../input/archive.js';
import { exists, outputLimit, readInputFile } from '../input/read-file.js';
import type { CommitteeFolder } from '../input/repository.js';
import { isAsSealed, readSealedNames, sealedListFile, type SealedNames } from '../input/sealed.js';
import { readYamlFile } from '../input/yaml-file.js';
import type { Meeting } from '../model/meeting.js';
import type { Finding } from '../shared/errors.js';
import { publicContent } from './approval.js';
import { sealedSiteName } from './output.js';
import { notPublicMinutes } from './sealed-public.js';

/**
 * The sealed public minutes (agenda forsegl) the site publishes in place of a print, by their path in
 * the site: each committee's minutes whose archive holds them sealed while they still say what was
 * sealed, under the name the site gives that document (`siteFiles`: in the committee's folder, without
 * the committee's name forsegl's names carry where the repository has several). So the site's copy is the
 * archive's, seal and all, byte for byte, which `agenda verify --site` checks; minutes changed since
 * (an addition, a later approval) are printed as any other document. Sealed minutes whose name the
 * site does not publish (sealed combined, published without --samlet) are printed too, with a warning
 * that says so, as `verify --site` would find no sealed copy; so are those whose file is not the one
 * sealed (notSealedBytes), which are `refused`: printed anew even where the site holds a PDF made
 * from the same content (it may be such a file, published before). Each copy is handed to `keep` as it is
 * read (so an archive's are never all in memory): what it gives.
 */
export async function sealedPublicCopies<R>(
  committees: Array<{ id: string; folder: CommitteeFolder; meetings: Meeting[] }>,
  siteFiles: string[],
  keep: (file: string, pdf: Uint8Array) => R,
): Promise<{ copies: Map<string, R>; warnings: Finding[]; refused: Set<string> }> {
  const copies = new Map<string, R>();
  const refused = new Set<string>();
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
      const bytes = await readSealed(path.join(archiveDir(dir, meeting.date), names.offentlig), meeting.date, dir);
      if (!bytes) continue;
      const unlike = await notSealedBytes(sealedListFile(dir, meeting.date), names, bytes);
      if (unlike) {
        warnings.push(unlike);
        refused.add(file);
      } else copies.set(file, keep(file, bytes));
    }
  return { copies, warnings, refused };
}

/**
 * The sealed file as every file of the meeting's archive is read (archiveFolder): a link out of it (where
 * forseglet.yaml's name and what it records would match any file) is a located refusal, a FIFO or device
 * refused unopened; none where there is nothing (the minutes are printed).
 */
async function readSealed(file: string, date: string, dir: string): Promise<Uint8Array | undefined> {
  return (await exists(file)) ? readInputFile(file, outputLimit, archiveFolder(dir, date)) : undefined;
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

/**
 * The warning, at forseglet.yaml, where the archive's public file is not the one sealed (filer_sha256):
 * another file put under its name (the members', copied or linked there) would put every closed text
 * on the site, its seal valid; so only the recorded bytes are published as sealed, and only where they are
 * a public document (notPublicMinutes: the list is edited by hand), anything else is printed anew.
 * None where the bytes are the sealed public minutes.
 */
async function notSealedBytes(list: string, names: SealedNames, bytes: Uint8Array): Promise<Finding | undefined> {
  const recorded = names.filer_sha256 !== undefined;
  const at = recorded ? ['filer_sha256', 'offentlig'] : ['offentlig'];
  const located = async (message: string): Promise<Finding> => {
    const { line, col } = (await readYamlFile(list)).locate(at, { key: true });
    return { file: list, line, col, path: at.join('.'), message, warning: true };
  };
  if (!isAsSealed(names, 'offentlig', bytes))
    return located(
      recorded
        ? `${names.offentlig} is not the file sealed (its SHA-256 differs from the one recorded here), so publish prints the public minutes anew: put the sealed file back (git checkout) or seal again (agenda forsegl)`
        : `records no SHA-256 of ${names.offentlig} (sealed by an earlier agenda), so publish prints the public minutes anew: seal again (agenda forsegl), which records it`,
    );
  const why = notPublicMinutes(names, bytes);
  return why === undefined
    ? undefined
    : located(
        `${names.offentlig} is not the public minutes: ${why}; so publish prints them anew: put the sealed file back (git checkout) or seal again (agenda forsegl)`,
      );
}
