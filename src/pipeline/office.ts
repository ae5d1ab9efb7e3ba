import { homedir } from 'node:os';
import path from 'node:path';
import { convertOffice, findOfficeConverter, type OfficeConverter } from '../pdf/office/convert.js';
import { attachmentError, type AttachmentBytes, type AttachmentFileRef } from '../shared/attachment-file.js';
import { EnvironmentError, type Finding } from '../shared/errors.js';

// Office attachments (Word, Excel, PowerPoint, OpenDocument) become PDFs here, before they are opened:
// from then on they are PDF attachments like any other.

/** How the converter is found: `--libreoffice`, else AGENDA_LIBREOFFICE, else the usual places. */
export interface OfficeSettings {
  libreoffice?: string;
}

export const howToGetLibreOffice =
  'install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui), or name its soffice with --libreoffice or AGENDA_LIBREOFFICE';

/** No converter for an office file: one line for a build; `agenda check` puts it at the file's `fil:`. */
export class ConverterMissing extends EnvironmentError {
  constructor(
    readonly ref: AttachmentFileRef,
    readonly missing: string,
  ) {
    super(`${missing}, needed to convert the office file ${ref.path} to PDF; ${howToGetLibreOffice}`);
  }
}

/** Each converter looked for once a process (it is asked its version). */
const found = new Map<string, Promise<OfficeConverter | undefined>>();

/**
 * The user's cache, never the repository: a closed attachment's PDF can then neither be committed nor
 * published with the repository's files or the site, and every clone of a repository shares it.
 */
export function officeCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'agenda', 'office');
}

/**
 * An office file as the PDF LibreOffice makes of it (from the cache, when the same file was converted
 * by the same converter before); any other file as it is. Its SHA-256 stays the office file's own.
 */
export async function asPdf(file: AttachmentBytes, settings: OfficeSettings): Promise<AttachmentBytes> {
  if (file.kind !== 'office') return file;
  const explicit = settings.libreoffice ?? process.env.AGENDA_LIBREOFFICE;
  const key = explicit ?? '';
  if (!found.has(key)) found.set(key, findOfficeConverter(settings.libreoffice));
  const converter = await found.get(key)!;
  if (!converter) throw new ConverterMissing(file.ref, explicit ? `no LibreOffice at ${explicit} (named by ${settings.libreoffice ? '--libreoffice' : 'AGENDA_LIBREOFFICE'})` : 'no LibreOffice found');
  const extension = path.extname(file.ref.path).toLowerCase();
  const { pdf } = await convertOffice({ ...file, extension }, { converter, cacheDir: officeCacheDir() });
  return { ...file, kind: 'pdf', bytes: pdf, convertedBy: converter.version };
}

/** A missing converter as the located finding `agenda check` reports at the office file's `fil:`. */
export function converterFinding(err: ConverterMissing): Finding[] {
  return attachmentError(err.ref, `${err.missing} to convert it to PDF; ${howToGetLibreOffice}`).findings;
}
