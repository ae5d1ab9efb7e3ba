import path from 'node:path';
import { convertOffice, findOfficeConverter, howToGetLibreOffice, type OfficeConverter } from '../pdf/office/convert.js';
import { attachmentError, type AttachmentBytes, type AttachmentFileRef } from '../shared/attachment-file.js';
import { EnvironmentError, type Finding } from '../shared/errors.js';
import { userCacheDir } from '../shared/paths.js';

// Office attachments (Word, Excel, PowerPoint, OpenDocument) become PDFs here, before they are opened:
// from then on they are PDF attachments like any other.

/** How the converter is found: `--libreoffice`, else AGENDA_LIBREOFFICE, else PATH and the usual places. */
export interface OfficeSettings {
  libreoffice?: string;
}

/** No converter for an office file: one line for a build; `agenda check` puts it at the file's `fil:`. */
export class ConverterMissing extends EnvironmentError {
  constructor(
    readonly ref: AttachmentFileRef,
    readonly missing: string,
  ) {
    super(`${ref.path} is an office file, to be converted to PDF by LibreOffice: ${missing}`);
  }
}

/** The user's cache (userCacheDir), which every clone of a repository shares. */
export function officeCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return userCacheDir('office', env);
}

/** The conversions under way, while they are, by file, its `fil:` (where an error is told) and converter. */
const converting = new Map<string, Promise<{ pdf: Uint8Array }>>();

/**
 * An office file as the PDF LibreOffice makes of it (from the cache, when the same file was converted
 * by the same converter before); any other file as it is. Its SHA-256 stays the office file's own.
 */
export async function asPdf(file: AttachmentBytes, settings: OfficeSettings): Promise<AttachmentBytes> {
  if (file.kind !== 'office') return file;
  const converter = await officeConverter(file.ref, settings);
  const extension = path.extname(file.ref.path).toLowerCase();
  // publish opens a file for its own PDF and for the combined document at once: one conversion serves both.
  const key = JSON.stringify([file.sha256, file.ref, converter.program]);
  let conversion = converting.get(key);
  if (!conversion) {
    conversion = convertOffice({ ...file, extension }, { converter, cacheDir: officeCacheDir() }).finally(() => converting.delete(key));
    converting.set(key, conversion);
  }
  const { pdf } = await conversion;
  return { ...file, kind: 'pdf', bytes: pdf, convertedBy: converter.version };
}

/** The converter an office file (at `ref`) is converted with; none found is an error naming the file. */
export function officeConverter(ref: AttachmentFileRef, settings: OfficeSettings): Promise<OfficeConverter> {
  return officeConverters(settings)(ref);
}

/**
 * officeConverter for what one run asks of every office file (a publication's fingerprints: which
 * converter each PDF says it was made by, every office attachment of the archive at each republish):
 * the converter looked for once (PATH and the usual places searched, the program stat'ed), not once a
 * file (some 0.3 ms a meeting); each file's error names that file. A conversion (asPdf, of the few
 * files converted anew) looks for it on its own, the same search.
 */
export function officeConverters(settings: OfficeSettings): (ref: AttachmentFileRef) => Promise<OfficeConverter> {
  let found: Promise<OfficeConverter | undefined> | undefined;
  return async (ref) => {
    found ??= findOfficeConverter(settings.libreoffice);
    const converter = await found.catch((err: unknown) => {
      throw err instanceof EnvironmentError ? new ConverterMissing(ref, err.message) : err;
    });
    if (!converter) throw new ConverterMissing(ref, `no LibreOffice found; ${howToGetLibreOffice}`);
    return converter;
  };
}

/** A missing converter as the located finding `agenda check` reports at the office file's `fil:`. */
export function converterFinding(err: ConverterMissing): Finding[] {
  return attachmentError(err.ref, `an office file, to be converted to PDF by LibreOffice: ${err.missing}`).findings;
}
