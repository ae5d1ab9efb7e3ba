import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, rmdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { onEndingSignal } from '../shared/ending-signals.js';
import { EnvironmentError, messageOf } from '../shared/errors.js';
import { cannotWrite } from '../shared/files.js';
import { Pieces } from './parts.js';
import { lockSite } from './site-lock.js';
import { sha256, sha512Of, unchangedSince, type EarlierPublication, type PdfFile } from './state.js';

// A publication's files written as they are made, to a folder of its own in the site (so that each is
// renamed into place, one file system), instead of held in memory until the site is written: an
// archive's PDFs alone are some 65 MB at 240 meetings, a gigabyte at 4,000. Nothing of the site is
// replaced until writeSite renames a file in. The site is held by one publication at a time (site-lock.ts),
// so every other staging folder found in it is a leftover, removed. The folder is removed when the
// publication ends: written or failed (publish's finally, once the work still running has stopped:
// nothing is staged after close), at Ctrl-C, SIGTERM or SIGHUP (on 'exit', onEndingSignal), or, where
// it was killed outright (SIGKILL, a power cut), by the next publication.

/** A file of the site written to the staging folder: where it is, and what writeSite records of it. */
export interface StagedFile {
  readonly staged: string;
  readonly size: number;
  readonly sha256: string;
}

/**
 * A file of the site held as a place: its path made where asked for, of a folder shared by every file
 * and its name there (a staged file's number). Each file's path held as a string of its own was some
 * 60 to 120 bytes of every file of the site, 225,000 at 4,000 meetings, alive till the site is written.
 */
class Placed implements StagedFile {
  constructor(
    private readonly folder: string,
    private readonly name: string | number,
    readonly size: number,
    readonly sha256: string,
  ) {}

  get staged(): string {
    return path.join(this.folder, String(this.name));
  }
}

/** A file of the site: its text, its bytes, or its bytes staged. */
export type SiteContent = string | Uint8Array | StagedFile;

export const isStaged = (content: SiteContent): content is StagedFile => typeof content === 'object' && 'staged' in content;

/**
 * The site's files as they are composed, each staged as it is set: what stays in memory is its size and
 * hashes, not its text (the pages, data and SBSYS folders of an archive, some 80 MB at 240 meetings).
 * A file the site has as written (`earlier`: unchangedSince) with the very same bytes is not staged: its
 * bytes are the site's file, which writeSite neither reads nor writes (a changed committee's search
 * index, some 2,200 files at 80 meetings a committee, of which a handful change). None with --force.
 */
export class StagedFiles extends Map<string, SiteContent> {
  constructor(
    private readonly staging: Staging,
    private readonly earlier?: EarlierPublication,
  ) {
    super();
  }

  override set(file: string, content: SiteContent | Pieces): this {
    // A text of pieces is known by its hash once written: where the site has it as written, the staged copy goes.
    if (content instanceof Pieces) {
      const staged = this.staging.stagePieces(file, content.each());
      const same = this.asWritten(file, staged.sha256, staged.size);
      if (same) unlinkSync(staged.staged);
      return super.set(file, same ?? staged);
    }
    if (isStaged(content)) return super.set(file, content);
    const digest = sha256(content);
    return super.set(file, this.asWritten(file, digest, sizeOf(content)) ?? this.staging.stage(file, content, digest));
  }

  /** The site's own `file`, where it has it as written with these very bytes (by their SHA-256). */
  private asWritten(file: string, digest: string, size: number): StagedFile | undefined {
    const { earlier } = this;
    return earlier && earlier.files.get(file)?.sha256 === digest && unchangedSince(earlier, file)
      ? new Placed(earlier.out, file, size, digest)
      : undefined;
  }
}

/** The size in bytes of a file's text or bytes, as written. */
export const sizeOf = (bytes: Uint8Array | string) => (typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.byteLength);

/** The staging folder of the process `pid` in the site: hidden, as the state file is, so no PDF in it is taken for one of the site. */
const folderName = (pid: number) => `.agenda-publish-${pid}.tmp`;
const ofProcess = /^\.agenda-publish-\d+\.tmp$/;

/** Whether a folder of the site's root is a publication's staging folder (this one's: the site is held, any other removed). */
export const isStagingFolder = (name: string) => ofProcess.test(name);

export class Staging {
  private made = 0;
  private folder: string | undefined;
  /** The first folder this publication made on the way to the site's (mkdirSync's answer), if any. */
  private firstMade: string | undefined;
  private closed = false;
  private release: (() => void) | undefined;
  private readonly removeNow = () => this.removeOrWarn();
  private offSignal: (() => void) | undefined;

  constructor(private readonly out: string) {}

  /**
   * Takes the site for this publication (lockSite; its folder made where there is none), so that a
   * second at once is refused and every staging folder found in it is a leftover. Until close, what it
   * made is removed when the process ends, by process.exit too (a signal, onEndingSignal, is made to end it so).
   */
  hold(): void {
    if (this.release) return;
    if (this.closed) throw new Error(`${this.out}: held after the publication ended`);
    try {
      this.firstMade = mkdirSync(this.out, { recursive: true });
    } catch (err) {
      throw new EnvironmentError(`cannot make the site folder ${this.out}: ${messageOf(err)}`);
    }
    try {
      this.release = lockSite(this.out);
    } catch (err) {
      if (this.firstMade) removeFoldersMade(this.out, this.firstMade);
      throw err;
    }
    process.on('exit', this.removeNow);
    this.offSignal = onEndingSignal(() => undefined);
    // Now, not at the first file staged: a publication that stages nothing (no file changed) removes them too.
    try {
      removeLeftBehind(this.out);
    } catch (err) {
      throw new EnvironmentError(`cannot remove the staging folders left in ${this.out}: ${messageOf(err)}`);
    }
  }

  /**
   * Writes `bytes`, the site's `file`, to a file of the staging folder (made at the first, so a
   * publication that makes nothing touches no folder). Synchronous: the site is composed so, file by file.
   * Refused once the staging is closed: work still running after the publication failed makes no folder again.
   */
  stage(file: string, bytes: Uint8Array | string, digest = sha256(bytes)): StagedFile {
    return this.written(file, (put) => {
      put(bytes);
      return { size: sizeOf(bytes), digest };
    });
  }

  /** As `stage`, of a text given as pieces: each written as it is made, hashed as written, none held after. */
  stagePieces(file: string, pieces: Iterable<string>): StagedFile {
    return this.written(file, (put) => {
      const hash = createHash('sha256');
      let size = 0;
      for (const piece of pieces) {
        const bytes = Buffer.from(piece);
        hash.update(bytes);
        size += bytes.byteLength;
        put(bytes);
      }
      return { size, digest: hash.digest('hex') };
    });
  }

  /** The file staged for the site's `file`, of what `fill` puts in it (a failure to write named as the site's file's). */
  private written(file: string, fill: (put: (bytes: Uint8Array | string) => void) => { size: number; digest: string }): StagedFile {
    if (this.closed) throw new Error(`${file}: staged after the publication ended`);
    const folder = (this.folder ??= this.open());
    const number = this.made++;
    const staged = path.join(folder, String(number));
    const failed = (err: unknown) => cannotWrite(path.join(this.out, file), err, staged);
    let fd: number;
    try {
      fd = openSync(staged, 'wx');
    } catch (err) {
      throw failed(err);
    }
    let made: StagedFile;
    try {
      const { size, digest } = fill((bytes) => {
        try {
          writeFileSync(fd, bytes);
        } catch (err) {
          throw failed(err);
        }
      });
      made = new Placed(folder, number, size, digest);
    } catch (err) {
      closeQuietly(fd);
      throw err;
    }
    // A close that fails (a full disk told late) fails the file.
    try {
      closeSync(fd);
    } catch (err) {
      throw failed(err);
    }
    return made;
  }

  /**
   * Removes the staging folder and what is left in it; and the site's folder where this publication made
   * it and wrote nothing there. Where it cannot, says so (a warning) rather than hide why the publication ended.
   */
  close(): void {
    this.closed = true;
    if (!this.release) return;
    process.off('exit', this.removeNow);
    this.offSignal?.();
    this.removeOrWarn();
  }

  /** Removes what it made; where it cannot, says so (on 'exit' too, where a throw would print a stack). */
  private removeOrWarn(): void {
    try {
      if (this.folder) rmSync(this.folder, { recursive: true, force: true });
    } catch (err) {
      process.stderr.write(`warning: cannot remove ${this.folder}: ${messageOf(err)}; remove it yourself (it holds only public files)\n`);
    } finally {
      this.release?.();
      if (this.firstMade) removeFoldersMade(this.out, this.firstMade);
    }
  }

  /** The staging folder, made in the site held (every other found there, a killed publication's, removed by hold). */
  private open(): string {
    this.hold();
    const folder = path.join(this.out, folderName(process.pid));
    try {
      mkdirSync(folder);
    } catch (err) {
      throw new EnvironmentError(`cannot make the staging folder ${folder}: ${messageOf(err)}`);
    }
    return folder;
  }
}

/** Closes `fd` where a failure is already being told, which a failure to close would hide. */
function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // the failure thrown says what went wrong first
  }
}

/** The staging folders of publications killed before they removed them: all there are, the site being held. */
function removeLeftBehind(out: string): void {
  for (const name of readdirSync(out)) if (isStagingFolder(name)) rmSync(path.join(out, name), { recursive: true, force: true });
}

/** Removes the folders a publication made, from the site's up to the first it made, each only where empty. */
function removeFoldersMade(out: string, first: string): void {
  for (let folder = path.resolve(out); ; folder = path.dirname(folder)) {
    try {
      rmdirSync(folder);
    } catch {
      return; // not empty: the publication wrote there, or something else is there
    }
    if (folder === path.resolve(first) || folder === path.dirname(folder)) return;
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
