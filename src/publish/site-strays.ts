import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { readEarlierOutput } from '../input/read-file.js';
import { documentHtmlMark } from '../render/html.js';
import { EnvironmentError, messageOf, type Finding } from '../shared/errors.js';
import { isStaleTemporary, readHead } from '../shared/files.js';
import { isClerksYaml } from './site-inputs.js';
import { isStagingFolder } from './staging.js';
import { sha256 } from './state.js';

// What the site folder holds that publish did not write is served with the site all the same: a web server
// follows a symbolic link and serves a hidden folder. Publish may not remove it, so before anything is written
// (write.ts) it judges each such file by what it is, not by its name alone (a members' PDF may be named anything):
// - a symbolic link, anywhere: publish never writes one, and it may lead to anything (a members' PDF in out/);
// - a PDF agenda made (isAgendaPdf, changed since or not), anywhere: publish writes every public document itself,
//   so one it did not write is a members' version or a copy of whatever audience, which may hold what is closed;
//   but one whose bytes are a file's the state file lists (publish's own, copied) holds nothing closed, nor does one
//   that records in plain form being made for the public alone (an old public PDF kept in arkiv/, a file server's
//   .snapshot/), unless its meeting closes anything now (closedSince: its committee and title name it), or it holds
//   its attachments' pages and any meeting closes a file now, and its bytes are none of this publication's: made
//   before, it may hold open what was closed since;
// - a document's HTML as build's or diff's --html writes it (documentHtmlMark), anywhere: likewise;
// - any other PDF named as a members' document, hidden folders too: it may hold what is closed, which publish cannot tell;
// - the clerk's YAML (site-inputs.ts), hidden folders too: publish writes none;
// - a copy of a closed attachment's file (closedCopy), of any name, hidden folders too;
// each an error that stops the publication. Any other PDF is named in a warning, outside hidden folders.
// A version control's own store (.git: Git LFS keeps the site's PDFs there by their SHA-256) is not walked: the web
// server must deny dot-folders (docs/install/site.md). A temporary file of ours whose process is gone (a publish
// killed while it wrote, files.ts) is removed first: it may be a whole members' PDF of no name publish lists.
// Only what the state file does not list as publish wrote it is looked at, each file by its first bytes and a PDF
// whole: a republish reads none of the archive's files. Anything else (a FIFO, a device) is others-files.ts's.

/** What publish asks of the files it did not write, of the pipeline's knowledge. */
export interface StrayJudges {
  /** Whether a file's name is one a members' document is given (pipeline/output.ts). */
  membersName: (name: string) => boolean;
  /** Whether a PDF's bytes are agenda's (pdf/postprocess.ts). */
  agendaPdf: (bytes: Uint8Array) => Promise<boolean>;
  /** Whether a PDF's bytes record, in plain form, being made for the public alone (pdf/postprocess.ts). */
  publicPdf: (bytes: Uint8Array) => boolean;
  /** Of such a PDF, what it is of and what is closed since that it may hold open (pipeline/closed-since.ts); none where nothing is. */
  closedSince: (bytes: Uint8Array) => Promise<{ of: string; since: string } | undefined>;
  /** The closed attachment's file a file holds the very bytes of, of any committee in the site (pipeline/closed-files.ts); none where none. */
  closedCopy: (file: string) => Promise<string | undefined>;
}

/**
 * What the state file lists: the SHA-256 it gives a file, and whether it gives any file this SHA-256; and whether
 * this publication's gives one (of the files it writes and keeps): what it publishes now.
 */
export interface Listed {
  digestOf: (file: string) => string | undefined;
  anyWith: (digest: string) => boolean;
  publishedNow: (digest: string) => boolean;
}

/** As much of a file as is read to tell what it is: a PDF's header is within its first kilobyte, a document's head mark soon after its title. */
const headLength = 4096;
const pdfHeaderWithin = 1024;

/**
 * The findings of what `out` holds that publish did not write: `own` the files it writes now or wrote as they
 * are (not looked at), `listed` what the state file lists (a file gone since, to be removed, whose bytes are those
 * it lists, is publish's; so are a PDF's bytes it lists for any file).
 */
export async function straysIn(
  out: string,
  { own, listed }: { own: (file: string) => boolean; listed: Listed },
  judges: StrayJudges,
): Promise<Finding[]> {
  // None where the site is not there yet: it is looked at before anything is written, a first publication too.
  if (!existsSync(out)) return [];
  const { links, files, stale } = unlisted(out, own);
  for (const file of stale) rmSync(path.join(out, file), { force: true });
  const found: Array<[string, Omit<Finding, 'file' | 'line' | 'col' | 'path'>]> = links.map((file) => [file, { message: linkMessage }]);
  for (const file of files) {
    const verdict = (await closedCopy(path.join(out, file), judges)) ?? (await judge(path.join(out, file), file, listed, judges));
    if (verdict) found.push([file, verdict]);
  }
  return found
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([file, verdict]) => ({ file: path.join(out, file), line: 1, col: 1, path: '', ...verdict }));
}

/**
 * The symbolic links in `out`, its regular files but those `own`, and of those our temporaries whose process is
 * gone (`stale`): every folder walked, hidden ones too, but a version control's store and the publication's own
 * staging folder (every file of the site, at a first publication). Synchronous: the whole site's folders (14,000
 * entries at 240 meetings) in half the processor time of promises.
 */
function unlisted(out: string, own: (file: string) => boolean): { links: string[]; files: string[]; stale: string[] } {
  const links: string[] = [];
  const files: string[] = [];
  const stale: string[] = [];
  const folders = [''];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    let entries;
    try {
      entries = readdirSync(path.join(out, folder), { withFileTypes: true });
    } catch (err) {
      throw new EnvironmentError(`cannot look through the site folder ${path.join(out, folder)}: ${messageOf(err)}`);
    }
    for (const entry of entries) {
      const file = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!versionStores.has(entry.name) && (folder !== '' || !isStagingFolder(entry.name))) folders.push(file);
      } else if (entry.isSymbolicLink()) links.push(file);
      else if (entry.isFile() && !own(file)) (isStaleTemporary(path.join(out, folder), entry.name) ? stale : files).push(file);
    }
  }
  return { links, files, stale };
}

/** Version controls' own stores, in whatever folder: what they keep is theirs, served by no web server that denies dot-folders. */
const versionStores = new Set(['.git', '.hg', '.svn']);

/**
 * A closed attachment's file copied into the site, of whatever name or kind (a PDF, an office file, a picture), in
 * whatever folder walked: an error naming both. Asked of every file publish did not write, before what it is is judged.
 */
async function closedCopy(full: string, { closedCopy: copyOf }: StrayJudges): Promise<{ message: string } | undefined> {
  const closed = await copyOf(full);
  return closed === undefined ? undefined : { message: `the very bytes of ${closed}, the file of a closed attachment (lukket), ${remove}` };
}

/** What is said of one file publish did not write; nothing where nothing is to be. */
async function judge(
  full: string,
  file: string,
  { digestOf, anyWith, publishedNow }: Listed,
  { membersName, agendaPdf, publicPdf, closedSince }: StrayJudges,
): Promise<{ message: string; warning?: true } | undefined> {
  const head = readHead(full, headLength)?.bytes;
  if (!head) return undefined;
  if (isClerksYaml(file, head)) return { message: clerksYamlMessage };
  const pdf = head.subarray(0, pdfHeaderWithin).includes('%PDF-', 0, 'latin1');
  if (pdf) {
    const bytes = await readEarlierOutput(full);
    // Hashed only where a SHA-256 is to be compared: a file listed (gone since), a public one (a copy of what this
    // publication publishes passes unparsed), an agenda PDF not plainly public.
    const listed = digestOf(file);
    if (bytes && listed !== undefined && sha256(bytes) === listed) return undefined;
    if (bytes && publicPdf(bytes)) {
      const closed = publishedNow(sha256(bytes)) ? undefined : await closedSince(bytes);
      return closed === undefined ? undefined : { message: closedSinceMessage(closed) };
    }
    if (bytes && (await agendaPdf(bytes))) return anyWith(sha256(bytes)) ? undefined : { message: agendaPdfMessage };
  } else if (head.includes(documentHtmlMark(), 0, 'utf8')) return { message: documentHtmlMessage };
  const name = path.basename(file);
  if (!pdf && !/\.pdf$/i.test(name)) return undefined;
  if (membersName(name)) return { message: membersPdfMessage };
  return file.split('/').some((part) => part.startsWith('.')) ? undefined : { message: othersPdfMessage, warning: true };
}

const remove = 'served with the site: remove it, then publish again';
const linkMessage = `a symbolic link, which publish never writes: a web server follows it to whatever it leads to (a members' PDF, a folder out of the site), ${remove}`;
const agendaPdfMessage = `a PDF agenda made, which publish did not write (it writes every public document itself): a members' version or a copy, which may hold what is closed, ${remove}`;
const closedSinceMessage = ({ of, since }: { of: string; since: string }) =>
  `a PDF agenda made for the public of ${of}, which publish did not write and whose bytes are none it publishes: ${since}, which this PDF, made before, may hold open, ${remove}`;
const documentHtmlMessage = `a document's HTML as agenda build --html writes it, which publish did not write: it may hold what is closed, ${remove}`;
const membersPdfMessage = `named as the members' version of a document (its name has no -offentlig), which may hold what is closed, and ${remove}`;
const clerksYamlMessage = `a YAML file of the clerk's (a meeting, a plan, a send log, a kept version), which publish never writes: it may hold what is closed, and ${remove}`;
const othersPdfMessage = 'a PDF publish did not write, served with the site all the same; remove it unless it is public';
