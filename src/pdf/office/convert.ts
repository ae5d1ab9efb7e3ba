// Office files (Word, Excel, PowerPoint, OpenDocument, RTF, text) to PDF by LibreOffice, safely, cached, reproducibly.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { attachmentError, type AttachmentFileRef } from '../../shared/attachment-file.js';
import { writeToCache } from '../../shared/files.js';
import { packageRoot } from '../../shared/paths.js';
import { cacheFile, readCached } from './cache.js';
import type { OfficeConverter } from './find.js';
import { type Format, formats, inspectOfficeFile } from './inspect.js';
import { newWorkspace, removeWorkspace, type Workspace } from './profile.js';
import { exportFilter } from './export.js';
import { reproducible } from './reproducible.js';
import { runLimited, type Ended } from './run.js';

export { findOfficeConverter, howToGetLibreOffice, type OfficeConverter } from './find.js';

/** The extensions `fil:` converts with LibreOffice. */
export const officeExtensions: readonly string[] = Object.keys(formats);

/**
 * Part of every cache key: raised whenever what a conversion does changes (its settings, filters,
 * export options, what is done to the PDF after), so no entry made the old way is used again.
 */
const optionsVersion = '2';

/**
 * Part of every cache key too: a new release of agenda may convert differently where optionsVersion
 * was not raised (a fix in sheets.ts, in what reproducible.ts drops), so no release uses another's entries.
 */
const manifest: unknown = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8'));
const agendaVersion = typeof manifest === 'object' && manifest !== null && 'version' in manifest ? String(manifest.version) : '';

const defaults = { timeoutMs: 120_000, memoryBytes: 4 * 1024 ** 3, fileBytes: 1024 ** 3 };

export interface OfficeFile {
  ref: AttachmentFileRef;
  bytes: Uint8Array;
  sha256: string;
  extension: string;
}

export interface ConvertOptions {
  converter: OfficeConverter;
  cacheDir: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * The office file's bytes as PDF bytes, from the cache when this file was converted before by this
 * LibreOffice with these options. Anything the file's fault (a password, damage, an empty file, a file
 * that is not what its name says, a zip bomb, a conversion that does not end in time) is one located
 * error at its `fil:` line; an abort (the signal) ends the conversion and its processes and rejects
 * with the signal's reason.
 */
export async function convertOffice(file: OfficeFile, options: ConvertOptions): Promise<{ pdf: Uint8Array; converted: boolean }> {
  const extension = file.extension.toLowerCase();
  const format = await inspectOfficeFile(file.ref, file.bytes, extension);
  const cached = cacheFile(options.cacheDir, {
    input: file.sha256,
    extension,
    converter: options.converter.version,
    options: optionsVersion,
    agenda: agendaVersion,
  });
  const hit = await readCached(cached);
  if (hit) return { pdf: hit, converted: false };
  const pdf = await oneAtATime(() => convert(file, extension, format, options));
  await writeToCache(cached, pdf);
  return { pdf, converted: true };
}

async function convert(file: OfficeFile, extension: string, format: Format, options: ConvertOptions): Promise<Uint8Array> {
  options.signal?.throwIfAborted();
  const space = newWorkspace(extension);
  const run = { space, file, options, name: format.name, deadline: Date.now() + (options.timeoutMs ?? defaults.timeoutMs) };
  try {
    await writeFile(space.input, file.bytes, { mode: 0o600 });
    let input = { path: space.input, filter: format.filter };
    if (format.application === 'calc') {
      // Laid out for A4 on the flat OpenDocument LibreOffice saves the workbook as (sheets.ts), then printed from that.
      const fods = await libreOffice(run, input, `fods:${flatSpreadsheet}`, 'fods');
      input = { path: path.join(space.root, 'document.fods'), filter: flatSpreadsheet };
      await writeFile(input.path, await laidOutForA4(Buffer.from(fods).toString('utf8')), { mode: 0o600 });
    }
    return await reproducible(await libreOffice(run, input, exportFilter(format.application), 'pdf'));
  } finally {
    removeWorkspace(space);
  }
}

const flatSpreadsheet = 'OpenDocument Spreadsheet Flat XML';

/** The workbook with its sheets laid out for A4; as LibreOffice saved it where that cannot be done (it still prints, on its own page settings). */
async function laidOutForA4(fods: string): Promise<string> {
  // xmlbuilder2 and its DOM load only where a workbook is converted, not in every command that reads attachments.
  const { fitSheetsToA4 } = await import('./sheets.js');
  try {
    return fitSheetsToA4(fods);
  } catch {
    return fods;
  }
}

interface Run {
  space: Workspace;
  file: OfficeFile;
  options: ConvertOptions;
  name: string;
  deadline: number;
}

/** One run of LibreOffice: `input` read by its import filter, written as `outExtension` by `exportTo`, within what is left of the time. */
async function libreOffice(run: Run, input: { path: string; filter: string }, exportTo: string, outExtension: string): Promise<Uint8Array> {
  const { space, options } = run;
  const args = [
    `-env:UserInstallation=${space.profileUrl}`,
    '--headless',
    '--invisible',
    '--nologo',
    '--nodefault',
    '--norestore',
    '--nolockcheck',
    `--infilter=${input.filter}`,
    '--convert-to',
    exportTo,
    '--outdir',
    space.outDir,
    input.path,
  ];
  const timeoutMs = Math.max(1, run.deadline - Date.now());
  const ended = await runLimited(options.converter.program, args, space.root, { ...defaults, timeoutMs, signal: options.signal });
  if (ended.by === 'abort') throw options.signal?.reason ?? new Error('aborted');
  const output = path.join(space.outDir, `${path.parse(input.path).name}.${outExtension}`);
  // Only of a run that ended well (--convert-to exits 0): one ended by its time, CPU or file limit may have been writing it.
  const whole = ended.by === 'exit' && ended.code === 0;
  const bytes = whole ? await readFile(output).catch(() => undefined) : undefined;
  if (!bytes || bytes.length === 0) throw attachmentError(run.file.ref, failure(ended, options.timeoutMs ?? defaults.timeoutMs, run.name));
  return bytes;
}

/** Why LibreOffice made no PDF, as the clerk can act on it. */
function failure(ended: Ended, timeoutMs: number, name: string): string {
  if (ended.by === 'timeout')
    return `LibreOffice did not finish converting it within ${timeoutMs / 1000} s: open it, save a copy (or a PDF) and name that`;
  const said = ended.said
    .trim()
    .split('\n')
    .filter((line) => !/javaldx/.test(line))
    .slice(-2)
    .join(' ');
  // oosplash, the process run, tells soffice.bin's end by a signal as an exit code of 128 and the signal's number.
  if (ended.by === 'exit' && (ended.signal || (ended.code ?? 0) > 128))
    return `LibreOffice stopped converting it (${ended.signal ?? `exit code ${ended.code}`}; it may need more memory than it is given): open it, save a copy as PDF and name that`;
  return `LibreOffice could not convert it: it is damaged, protected by a password, or not ${name}${said ? ` (LibreOffice said: ${said})` : ''}`;
}

/** Conversions at once: each LibreOffice takes a core while it converts. */
const slots = Math.max(1, availableParallelism());
let running = 0;
const waiting: Array<() => void> = [];

async function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  if (running >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}
