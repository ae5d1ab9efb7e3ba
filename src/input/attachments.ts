import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { closest } from './messages.js';
import { InputError } from '../shared/errors.js';
import { inside, meetingsFolder, Missing, missingAt, readRegularFile, Refused, TooLarge } from './read-file.js';
import {
  attachmentError,
  officeExtensions,
  type AttachmentBytes,
  type AttachmentFileRef,
  type AttachmentKind,
} from '../shared/attachment-file.js';

/** Beyond any attachment a committee sends (a scan of hundreds of pages is some 100 MB), small enough not to exhaust memory. */
const maxBytes = 256 * 1024 * 1024;

/**
 * Reads the file a `fil:` names, and only from inside the meetings folder: an absolute path or a path
 * through `..` is refused before anything is read, a symbolic link that leads out of it as the file is
 * opened (readRegularFile checks what it opened, not the path again).
 */
export async function readAttachmentBytes(dir: string, ref: AttachmentFileRef): Promise<AttachmentBytes> {
  const fail = (message: string) => attachmentError(ref, message);
  const file = attachmentPath(dir, ref);
  const tooLarge = () => fail(`larger than ${maxBytes / 1024 / 1024} MB, the most that is read`);
  // Refused by its size before it is read (TooLarge), or as it is read where it grew meanwhile.
  const bytes = await readRegularFile(file, maxBytes, meetingsFolder(dir)).catch(async (err: unknown) => {
    if (err instanceof Missing) throw await missingFile(ref, file, err);
    throw err instanceof TooLarge ? tooLarge() : err instanceof Refused ? fail(err.message) : err;
  });
  if (bytes.length === 0) throw fail('empty (0 bytes)');
  if (bytes.length > maxBytes) throw tooLarge();
  const kind = kindOf(bytes, ref.path);
  if (!kind) throw fail(`not a PDF, PNG or JPEG file, nor an office file (${officeExtensions.join(' ')}): save it as PDF`);
  return { ref, kind, bytes, sha256: sha256(bytes) };
}

/**
 * What readAttachmentBytes refuses of a `fil:` before it opens the file: a path it reads nothing from, or
 * nothing at the path; told the same, without opening the file (a closed attachment's, which the public
 * outputs never open). None where there is something to open.
 */
export async function unfoundAttachment(dir: string, ref: AttachmentFileRef): Promise<InputError | undefined> {
  let file: string;
  try {
    file = attachmentPath(dir, ref);
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  const missing = await missingAt(file);
  return missing && missingFile(ref, file, missing);
}

/** The file a `fil:` names: only a path relative to the meetings folder `dir`, and inside it (refused located at the `fil:`). */
function attachmentPath(dir: string, ref: AttachmentFileRef): string {
  if (path.isAbsolute(ref.path) || /^[a-z]:/i.test(ref.path))
    throw attachmentError(ref, 'give the path relative to the meetings folder, not from the root');
  const folder = path.resolve(dir);
  const file = path.resolve(folder, ref.path);
  if (!inside(folder, file)) throw attachmentError(ref, 'the path leads outside the meetings folder');
  return file;
}

/** Nothing at the path a `fil:` names, located at it, with the name it may be meant as. */
async function missingFile(ref: AttachmentFileRef, file: string, missing: Missing): Promise<InputError> {
  return attachmentError(ref, `${missing.message}${await nearName(file)}`);
}

/**
 * The name in a missing file's folder it may be meant as: the same name with its letters in another
 * Unicode form (a Mac saves æ, ø, å and ö decomposed; copied to another system, the name typed in the
 * YAML no longer finds it), else a near spelling.
 */
async function nearName(file: string): Promise<string> {
  const names = await readdir(path.dirname(file)).catch(() => []);
  const wanted = path.basename(file);
  const same = names.find((name) => name.normalize('NFC') === wanted.normalize('NFC'));
  if (same)
    return `; a file of that name is there, its letters written in another Unicode form (as a Mac saves them): rename it, typing its name anew`;
  const near = closest(wanted, names);
  return near ? ` (did you mean '${near}'?)` : '';
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Whether a file is read as an office file: by its name's extension alone (kindOf). */
export const isOfficeFile = (name: string) => officeExtensions.includes(path.extname(name).toLowerCase());

/**
 * An office file by its extension: it is read only as what its name says (the converter refuses a
 * .docx that is really a PNG, never opens it as an image). Anything else by its first bytes, not its
 * name: a PDF may have a little junk before its header, as readers allow.
 */
function kindOf(bytes: Uint8Array, name: string): AttachmentKind | undefined {
  if (isOfficeFile(name)) return 'office';
  const start = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024));
  if (start.includes('%PDF-')) return 'pdf';
  if (start.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (start[0] === 0xff && start[1] === 0xd8 && start[2] === 0xff) return 'jpeg';
  return undefined;
}
