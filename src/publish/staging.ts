import { mkdirSync, readdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cannotWrite, processAlive } from '../shared/files.js';
import { sha256, sha512Of, unchangedSince, type EarlierPublication, type PdfFile } from './state.js';

// A publication's files written as they are made, to a folder of its own in the site (so that each is
// renamed into place, one file system), instead of held in memory until the site is written: an
// archive's PDFs alone are some 65 MB at 240 meetings, a gigabyte at 4,000. Nothing of the site is
// replaced until writeSite renames a file in; the folder is removed when the publication ends, written
// or failed, and one a killed publication left behind is removed by the next.

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

  override set(file: string, content: SiteContent): this {
    if (isStaged(content)) return super.set(file, content);
    const digest = sha256(content);
    const { earlier } = this;
    if (earlier && earlier.files.get(file)?.sha256 === digest && unchangedSince(earlier, file))
      return super.set(file, { staged: path.join(earlier.out, file), size: sizeOf(content), sha256: digest });
    return super.set(file, this.staging.stage(file, content, digest));
  }
}

const sizeOf = (bytes: Uint8Array | string) => (typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.byteLength);

/** The staging folder of the process `pid` in the site: hidden, as the state file is, so no PDF in it is taken for one of the site. */
const folderName = (pid: number) => `.agenda-publish-${pid}.tmp`;
const ofProcess = /^\.agenda-publish-(\d+)\.tmp$/;

export class Staging {
  private made = 0;
  private folder: string | undefined;
  private outMade = false;

  constructor(private readonly out: string) {}

  /**
   * Writes `bytes`, the site's `file`, to a file of the staging folder (made at the first, so a
   * publication that makes nothing touches no folder). Synchronous: the site is composed so, file by file.
   */
  stage(file: string, bytes: Uint8Array | string, digest = sha256(bytes)): StagedFile {
    const target = path.join(this.out, file);
    let staged = target;
    try {
      const folder = (this.folder ??= this.open());
      staged = path.join(folder, String(this.made++));
      writeFileSync(staged, bytes, { flag: 'wx' });
    } catch (err) {
      throw cannotWrite(target, err, staged);
    }
    return { staged, size: sizeOf(bytes), sha256: digest };
  }

  /** Removes the staging folder and what is left in it; and the site's folder where this publication made it and wrote nothing there. */
  close(): void {
    if (!this.folder) return;
    rmSync(this.folder, { recursive: true, force: true });
    if (this.outMade) rmdirQuietly(this.out);
  }

  private open(): string {
    this.outMade = mkdirSync(this.out, { recursive: true }) !== undefined;
    removeLeftBehind(this.out);
    const folder = path.join(this.out, folderName(process.pid));
    mkdirSync(folder);
    return folder;
  }
}

/** The staging folders of publications killed before they removed them (their process gone). */
function removeLeftBehind(out: string): void {
  for (const name of readdirSync(out)) {
    const pid = ofProcess.exec(name)?.[1];
    if (pid && !processAlive(Number(pid))) rmSync(path.join(out, name), { recursive: true, force: true });
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
