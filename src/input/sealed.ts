import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { block, text } from './fields.js';
import { archiveDir, archiveFolder } from './archive.js';
import { exists } from './read-file.js';
import { validate } from './validate.js';
import { readYamlFile } from './yaml-file.js';
import { InputError } from '../shared/errors.js';
import { writeAllAtomically } from '../shared/files.js';

// The sealed minutes live in the meeting's archive (arkiv/<date>/), committed with it, so the
// repository alone proves what was approved and published: `agenda verify` reads them from there
// and from git's history of them.

/**
 * Which file of the archive is which: the members' sealed minutes (the version they approved), the
 * completed minutes where the house's Godkendelsesside lists the approvals (godkendt), and the public
 * ones, by name; the SHA-256 of the members' version the public minutes were made with
 * (medlemmer_sha256), kept here, never in the public file: a fingerprint of the closed text is nothing
 * the public gets; what the public minutes say (offentlig_indhold), so publish puts the sealed
 * file on the site while the minutes still say that; and the SHA-256 of each file as sealed
 * (filer_sha256), so that only those very bytes go on the site as the sealed public minutes, never
 * another file put under their name (the members' copied or linked there). Lists written before it
 * was recorded have none: publish prints their public minutes anew, and verify fails until they are sealed again.
 */
const hash = z.string().regex(/^[0-9a-f]{64}$/, { error: 'expected the SHA-256 of the file sealed, 64 hex digits' });
const names = block({
  medlemmer: text,
  godkendt: text.optional(),
  offentlig: text,
  medlemmer_sha256: text.optional(),
  offentlig_indhold: text.optional(),
  filer_sha256: block({ medlemmer: hash, godkendt: hash.optional(), offentlig: hash }).optional(),
});

export type SealedNames = z.output<typeof names>;

export function sealedListFile(dir: string, date: string): string {
  return path.join(archiveDir(dir, date), 'forseglet.yaml');
}

/** The names written by `agenda forsegl`; none for a meeting not sealed. */
export async function readSealedNames(dir: string, date: string): Promise<SealedNames | undefined> {
  const file = sealedListFile(dir, date);
  if (!(await exists(file))) return undefined;
  const result = validate(await readYamlFile(file, archiveFolder(dir, date)), names);
  if (!result.ok) throw new InputError(result.findings);
  return result.value;
}

/** Which sealed file: its key in forseglet.yaml. */
export type SealedKey = keyof NonNullable<SealedNames['filer_sha256']>;

export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Whether `bytes` are the file forseglet.yaml names under `key`, as sealed: never where it records no SHA-256 of it. */
export function isAsSealed(names: SealedNames, key: SealedKey, bytes: Uint8Array): boolean {
  const recorded = names.filer_sha256?.[key];
  return recorded !== undefined && recorded === sha256Of(bytes);
}

interface SealedDocument {
  name: string;
  bytes: Uint8Array;
}

/** The sealed documents and the list that names them, all or none. */
export async function writeSealed(
  dir: string,
  date: string,
  documents: { medlemmer: SealedDocument; godkendt?: SealedDocument; offentlig: SealedDocument },
  recorded: { medlemmer_sha256: string; offentlig_indhold: string },
): Promise<string[]> {
  const archive = archiveDir(dir, date);
  const sealed = Object.entries(documents).flatMap(([key, doc]) => (doc ? [{ key, ...doc }] : []));
  const list = [
    "# The minutes sealed by agenda forsegl: the members', the completed (godkendt) and the public version. Commit them with the meeting.",
    ...sealed.map(({ key, name }) => `${key}: ${JSON.stringify(name)}`),
    ...Object.entries(recorded).map(([key, value]) => `${key}: ${value}`),
    'filer_sha256:',
    ...sealed.map(({ key, bytes }) => `  ${key}: ${sha256Of(bytes)}`),
  ];
  const outputs = [
    ...sealed.map(({ name, bytes }) => ({ file: path.join(archive, name), data: bytes })),
    { file: sealedListFile(dir, date), data: `${list.join('\n')}\n` },
  ];
  await writeAllAtomically(outputs);
  return outputs.map((o) => o.file);
}
