import { mkdirSync, readdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { onEndingSignal } from '../shared/ending-signals.js';
import { EnvironmentError, messageOf } from '../shared/errors.js';
import { cannotWrite, processAlive } from '../shared/files.js';
import { sha256, sha512Of, type PdfFile } from './state.js';

// A publication's files written as they are made, to a folder of its own in the site (so that each is
// renamed into place, one file system), instead of held in memory until the site is written: an
// archive's PDFs alone are some 65 MB at 240 meetings, a gigabyte at 4,000. Nothing of the site is
// replaced until writeSite renames a file in. The folder is removed when the publication ends: written
// or failed (publish's finally, once the work still running has stopped: nothing is staged after
// close), at Ctrl-C, SIGTERM or SIGHUP (on 'exit', onEndingSignal), or, where it was killed outright
// (SIGKILL, a power cut), by the next publication: a folder whose process is gone, or that has this
// process's pid and is not this process's (a container's pid 1). Not yet guarded: two publications into
// one site from two hosts or containers, each of whose pid looks dead to the other (no lock).

/** A file of the site written to the staging folder: where it is, and what writeSite records of it. */
export interface StagedFile {
  staged: string;
  size: number;
  sha256: string;
}

/** A file of the site: its text, its bytes, or its bytes staged. */
export type SiteContent = string | Uint8Array | StagedFile;

export const isStaged = (content: SiteContent): content is StagedFile => typeof content === 'object' && 'staged' in content;

/**
 * The site's files as they are composed, each staged as it is set: what stays in memory is its size and
 * hashes, not its text (the pages, data and SBSYS folders of an archive, some 80 MB at 240 meetings).
 */
export class StagedFiles extends Map<string, SiteContent> {
  constructor(private readonly staging: Staging) {
    super();
  }

  override set(file: string, content: SiteContent): this {
    return super.set(file, isStaged(content) ? content : this.staging.stage(file, content));
  }
}

/** The staging folder of the process `pid` in the site: hidden, as the state file is, so no PDF in it is taken for one of the site. */
const folderName = (pid: number) => `.agenda-publish-${pid}.tmp`;
const ofProcess = /^\.agenda-publish-(\d+)\.tmp$/;

/** The staging folders this process has open: any other of its pid is a leftover of an earlier process of the same pid (a container's pid 1). */
const openHere = new Set<string>();

export class Staging {
  private made = 0;
  private folder: string | undefined;
  private outMade = false;
  private closed = false;
  private readonly removeNow = () => this.remove();
  private offSignal: (() => void) | undefined;

  constructor(private readonly out: string) {}

  /**
   * Writes `bytes`, the site's `file`, to a file of the staging folder (made at the first, so a
   * publication that makes nothing touches no folder). Synchronous: the site is composed so, file by file.
   * Refused once the staging is closed: work still running after the publication failed makes no folder again.
   */
  stage(file: string, bytes: Uint8Array | string): StagedFile {
    if (this.closed) throw new Error(`${file}: staged after the publication ended`);
    const folder = (this.folder ??= this.open());
    const target = path.join(this.out, file);
    const staged = path.join(folder, String(this.made++));
    try {
      writeFileSync(staged, bytes, { flag: 'wx' });
    } catch (err) {
      throw cannotWrite(target, err, staged);
    }
    return { staged, size: typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.byteLength, sha256: sha256(bytes) };
  }

  /**
   * Removes the staging folder and what is left in it; and the site's folder where this publication made
   * it and wrote nothing there. Where it cannot, says so (a warning) rather than hide why the publication ended.
   */
  close(): void {
    this.closed = true;
    if (!this.folder) return;
    process.off('exit', this.removeNow);
    this.offSignal?.();
    openHere.delete(this.folder);
    try {
      this.remove();
    } catch (err) {
      process.stderr.write(`warning: cannot remove ${this.folder}: ${messageOf(err)}; remove it yourself (it holds only public files)\n`);
    }
  }

  private remove(): void {
    if (!this.folder) return;
    rmSync(this.folder, { recursive: true, force: true });
    if (this.outMade) rmdirQuietly(this.out);
  }

  /**
   * The staging folder, made: removed when the process ends, by process.exit too (a signal, onEndingSignal,
   * is made to end it so) where the publication had no time to close it.
   */
  private open(): string {
    const folder = path.join(this.out, folderName(process.pid));
    try {
      this.outMade = mkdirSync(this.out, { recursive: true }) !== undefined;
      removeLeftBehind(this.out);
      mkdirSync(folder);
    } catch (err) {
      throw new EnvironmentError(`cannot make the staging folder ${folder}: ${messageOf(err)}`);
    }
    openHere.add(folder);
    process.on('exit', this.removeNow);
    this.offSignal = onEndingSignal(() => undefined);
    return folder;
  }
}

/** The staging folders of publications killed before they removed them: their process gone, or this process's pid and not open here. */
function removeLeftBehind(out: string): void {
  for (const name of readdirSync(out)) {
    const pid = Number(ofProcess.exec(name)?.[1]);
    const folder = path.join(out, name);
    const leftover = pid === process.pid ? !openHere.has(folder) : !processAlive(pid);
    if (pid && leftover) rmSync(folder, { recursive: true, force: true });
  }
}

/** Removes an empty folder; one with anything in it stays. */
function rmdirQuietly(folder: string): void {
  try {
    rmdirSync(folder);
  } catch {
    // not empty: the publication wrote there, or something else is there
  }
}

/** A PDF made or read for the site, staged: its size and hashes, and where its bytes are, which are not kept. */
export function stagedPdf(staging: Staging, file: string, bytes: Uint8Array): PdfFile {
  const { staged, size, sha256: digest } = staging.stage(file, bytes);
  return { staged, size, sha256: digest, sha512: sha512Of(bytes) };
}

/** What the site is to have of a PDF: its staged file, or nothing where it is kept unread. */
export const pdfContent = (pdf: PdfFile): StagedFile | undefined =>
  pdf.staged === undefined ? undefined : { staged: pdf.staged, size: pdf.size, sha256: pdf.sha256 };
