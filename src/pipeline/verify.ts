import { createHash } from 'node:crypto';
import path from 'node:path';
import { approvalLogFile, readApprovalLog } from '../approval/approval-log.js';
import { archiveDir, archiveFolder } from '../input/archive.js';
import { committedVersions } from '../input/git-history.js';
import { exists, outputLimit, readRegularFile, Refused, type Within } from '../input/read-file.js';
import { toFolder, type CommitteeFolder } from '../input/repository.js';
import { readSealedNames, sealedListFile, type SealedKey } from '../input/sealed.js';
import { formatPath } from '../input/key-path.js';
import { readYamlFile } from '../input/yaml-file.js';
import { pageTexts } from '../pdf/page-text.js';
import { checkSignatureOf } from '../pdf/pdfsig.js';
import { signedRevisions } from '../pdf/signature.js';
import { committeeId } from '../publish/committees.js';
import { namedDocument, sealedSiteName } from './output.js';
import { notPublicMinutes } from './sealed-public.js';
import { readMeetingSources } from './sources.js';
import { clockTime } from '../shared/clock-time.js';

/** One thing checked, as one plain line: what holds, or what does not and where. */
export interface VerifyLine {
  ok: boolean;
  text: string;
}

/**
 * `agenda verify`: from the repository alone (the meeting's archive and git's history of it), that
 * the sealed minutes' seals are valid and cover the whole files, that every recorded approval is of
 * a version of the members' minutes the archive holds (the document sealed keeps the version it
 * signed, byte for byte, before its signature), that the sealed version is one approved, and that
 * the archive's sealed public minutes are that version's counterpart, as forseglet.yaml records.
 * Where the house's Godkendelsesside lists the approvals, the completed minutes (-godkendt.pdf) are
 * sealed too: their seal is checked, and that their page names the version sealed.
 */
export async function verifyMeeting(request: {
  dir: string;
  folder?: CommitteeFolder;
  date: string;
  site?: string;
}): Promise<VerifyLine[]> {
  const { date } = request;
  const folder = request.folder ?? (await toFolder(request.dir));
  const { dir } = folder;
  const names = await readSealedNames(dir, date);
  const approvals = await approvalLines(dir, date);
  if (!names)
    return [
      { ok: false, text: `${sealedListFile(dir, date)}: the minutes of ${date} are not sealed (agenda forsegl ${date})` },
      ...approvals.lines([]),
    ];
  const inArchive = (name: string) => readPdf(path.join(archiveDir(dir, date), name), archiveFolder(dir, date));
  const members = await inArchive(names.medlemmer);
  const completed = names.godkendt === undefined ? undefined : await inArchive(names.godkendt);
  const published = await inArchive(names.offentlig);
  const lines: VerifyLine[] = [];
  const files: Array<[SealedKey, Pdf | undefined]> = [
    ['medlemmer', members],
    ['godkendt', completed],
    ['offentlig', published],
  ];
  for (const [key, pdf] of files) if (pdf) lines.push(await sealLine(pdf, names.filer_sha256?.[key]));
  const versions = await membersVersions(members);
  lines.push(...approvals.lines(versions));
  const sealed = versions.filter((v) => v.current).map((v) => v.sha256);
  lines.push(approvedLine(members.file, sealed, approvals.hashes));
  if (completed) lines.push(await completedLine(completed, sealed));
  lines.push(
    counterpartLine(published, sealed, {
      recorded: names.medlemmer_sha256,
      notPublic: published.bytes && notPublicMinutes(names, published.bytes),
      list: sealedListFile(dir, date),
      hashed: names.filer_sha256 !== undefined,
    }),
  );
  if (request.site !== undefined) lines.push(await siteCopyLine(published, await siteCopyOf(request.site, folder, date, names.offentlig)));
  return lines;
}

/** A file where verify expects a PDF: its bytes; or why it is not the document (`refused`); or neither, where there is nothing. */
interface Pdf {
  file: string;
  bytes?: Uint8Array;
  refused?: string;
}

/**
 * The file as every file of a committee's folder is read (readRegularFile): a symbolic link out of `within`, a
 * FIFO or a device is not the document, told so, never read through (nor opened: a FIFO would never end).
 */
async function readPdf(file: string, within: Within): Promise<Pdf> {
  if (!(await exists(file))) return { file };
  return readRegularFile(file, outputLimit, within).then(
    (bytes) => ({ file, bytes }),
    (err: unknown) => {
      if (err instanceof Refused) return { file, refused: err.message };
      throw err;
    },
  );
}

/** The line of a PDF not read: not the document, or `missing` (what is missing, in words). */
function unread({ file, refused }: Pdf, missing: string): VerifyLine {
  return { ok: false, text: refused === undefined ? `${file}: missing: ${missing}` : `${file}: not the document: ${refused}` };
}

/** `recorded`: the file's SHA-256 as forseglet.yaml records it sealed; another file under its name is not the one sealed, whatever seal it bears. */
async function sealLine(pdf: Pdf, recorded: string | undefined): Promise<VerifyLine> {
  const { file, bytes } = pdf;
  if (!bytes) return unread(pdf, 'the sealed file is not in the archive');
  const report = await checkSignatureOf(bytes);
  if (report.missing) return { ok: false, text: `${file}: cannot check the seal: pdfsig not found; install poppler-utils` };
  if (!report.signed) return { ok: false, text: `${file}: not sealed: pdfsig finds no signature` };
  if (!report.valid)
    return {
      ok: false,
      text: `${file}: the seal does not hold: ${report.validation || 'pdfsig cannot verify it'} (the file was changed after sealing)`,
    };
  if (!report.wholeFile) return { ok: false, text: `${file}: the seal does not cover the whole file: something was added after sealing` };
  // A valid seal of another sealed file (the members' under the public name) is told by its bytes.
  if (recorded !== undefined && sha256(bytes) !== recorded)
    return {
      ok: false,
      text: `${file}: not the file sealed: its SHA-256 is ${sha256(bytes)}, forseglet.yaml records ${recorded} (filer_sha256)`,
    };
  return { ok: true, text: `${file}: sealed by ${report.signer}; the seal is valid and covers the whole file` };
}

interface Version {
  sha256: string;
  where: string;
  /** The version the archive's file holds now, not one only in git's history. */
  current: boolean;
}

/** Every version of the members' minutes that was sealed: the document each seal signed, in the archive and in git's history of it. */
async function membersVersions({ file, bytes: current }: Pdf): Promise<Version[]> {
  const history = (await committedVersions(file)) ?? [];
  return [
    ...(current ? [{ bytes: current, where: file, current: true }] : []),
    ...history.map((v) => ({ bytes: v.bytes, where: `${file} as committed in ${v.commit}`, current: false })),
  ].flatMap(({ bytes, where, current }) => signedRevisions(bytes).map((revision) => ({ sha256: sha256(revision), where, current })));
}

/** One line for each recorded approval: the version it approved found, or not, located in the log. */
async function approvalLines(dir: string, date: string) {
  const file = approvalLogFile(dir, date);
  const entries = await readApprovalLog(file);
  const source = entries.length ? await readYamlFile(file) : undefined;
  return {
    hashes: new Set(entries.map((e) => e.sha256)),
    lines: (versions: Version[]): VerifyLine[] => {
      if (entries.length === 0) return [{ ok: false, text: `${file}: no approvals recorded` }];
      return entries.map((e, i) => {
        const found = versions.find((v) => v.sha256 === e.sha256);
        const who = `approval by ${e.medlem} (${e.måde}, ${clockTime(e.tid)})`;
        if (found) return { ok: true, text: `${who}: of the version sealed in ${found.where}` };
        const at = source?.locate([i, 'sha256']) ?? { line: 1, col: 1 };
        return {
          ok: false,
          text: `${file}:${at.line}:${at.col}: ${formatPath([i, 'sha256'])}: ${who}: no sealed version of the members' minutes in the archive or its git history has SHA-256 ${e.sha256}`,
        };
      });
    },
  };
}

/** `sealed`: the SHA-256 of the version the members' file holds before its seal (either reading of its last line end). */
function approvedLine(file: string, sealed: string[], approved: Set<string>): VerifyLine {
  if (sealed.length === 0) return { ok: false, text: `${file}: holds no sealed version of the members' minutes` };
  const version = sealed.find((s) => approved.has(s));
  if (!version) return { ok: false, text: `${file}: the version sealed (sha256 ${sealed.join(' or ')}) is one no member has approved` };
  return { ok: true, text: `${file}: the version sealed is the version approved (sha256 ${version})` };
}

/** That the completed minutes' approval page names the version sealed, read from the page as a reader reads it (pdf.js). */
async function completedLine(pdf: Pdf, sealed: string[]): Promise<VerifyLine> {
  const { file, bytes } = pdf;
  if (!bytes) return unread(pdf, 'the sealed completed minutes are not in the archive');
  // Without white space: a line may break anywhere in a long word such as a SHA-256.
  const text = (await pageTexts(bytes).catch(() => [])).join('').replace(/\s+/g, '');
  const named = sealed.find((s) => text.includes(s));
  if (!named) return { ok: false, text: `${file}: its approval page does not name the version sealed (sha256 ${sealed.join(' or ')})` };
  return { ok: true, text: `${file}: its approval page names the version sealed (sha256 ${named})` };
}

/**
 * `recorded`: the members' version the list (forseglet.yaml) says the archive's sealed public minutes were made with;
 * `notPublic`: why the file is no public document (notPublicMinutes), whatever the list says.
 */
function counterpartLine(
  pdf: Pdf,
  sealed: string[],
  { recorded, notPublic, list, hashed }: { recorded: string | undefined; notPublic: string | undefined; list: string; hashed: boolean },
): VerifyLine {
  const { file, bytes } = pdf;
  if (!bytes) return unread(pdf, 'the sealed public minutes are not in the archive');
  const sealedPublic = `the sealed public minutes (sha256 ${sha256(bytes)})`;
  if (recorded === undefined)
    return { ok: false, text: `${list}: names no members' version ${sealedPublic} were made with (medlemmer_sha256)` };
  // A file that differs from its recorded SHA-256 is told by sealLine; one of a list that records none, here.
  if (!hashed)
    return {
      ok: false,
      text: `${list}: records no SHA-256 of ${sealedPublic} (filer_sha256: sealed by an earlier agenda), so nothing shows they are the file sealed: seal again (agenda forsegl), which records it`,
    };
  if (notPublic !== undefined) return { ok: false, text: `${file}: ${sealedPublic} are not the public minutes: ${notPublic}` };
  if (!sealed.includes(recorded))
    return { ok: false, text: `${file}: ${sealedPublic} were made with the members' version ${recorded}, not the one sealed` };
  return { ok: true, text: `${file}: ${sealedPublic} are the public counterpart of the approved version` };
}

/**
 * Where `agenda publish` puts the sealed public minutes in the site: under the committee's id, by their
 * name in its folder; none where forseglet.yaml names none of the meeting's public minutes (sealedSiteName).
 */
async function siteCopyOf(site: string, folder: CommitteeFolder, date: string, name: string): Promise<Pdf | undefined> {
  const inFolder = sealedSiteName(folder, date, name);
  if (inFolder === undefined) return undefined;
  const { sources } = await readMeetingSources(folder, date);
  return readPdf(path.join(site, committeeId(sources.committee.navn), inFolder), { folder: path.resolve(site), name: 'the site' });
}

/** That the site's copy is the archive's sealed public minutes, byte for byte; else what differs, as pdfsig sees the copy. */
async function siteCopyLine({ file: sealedFile, bytes: sealed }: Pdf, copy: Pdf | undefined): Promise<VerifyLine> {
  if (copy === undefined)
    return {
      ok: false,
      text: `${sealedFile}: not a name of this meeting's public minutes, so the site holds no copy of it (the committee's kort changed since the seal?)`,
    };
  const published = copy.bytes;
  // Only publish --samlet publishes the combined document: the command that makes the file asked for.
  const publish = namedDocument(path.basename(copy.file))?.combined ? 'agenda publish --samlet' : 'agenda publish';
  if (!published) return unread(copy, `the site holds no copy of the sealed public minutes (${publish})`);
  if (sealed && Buffer.from(sealed).equals(published))
    return { ok: true, text: `${copy.file}: the site's copy is the sealed public minutes, byte for byte` };
  const report = await checkSignatureOf(published);
  const seal = report.missing
    ? 'pdfsig is not installed to say more'
    : !report.signed
      ? // Minutes sealed before forseglet.yaml said what public content they hold (offentlig_indhold)
        // are printed by publish: sealing them again writes it (same approvals, same files).
        'the copy has no seal: publish printed it; run `agenda forsegl` for the meeting again, then publish again'
      : report.valid
        ? 'the copy carries a valid seal of another sealing'
        : `the copy's seal does not hold (${report.validation}): it was changed after sealing`;
  return {
    ok: false,
    text: `${copy.file}: differs from the sealed public minutes ${sealedFile} (sha256 ${sha256(published)} on the site, ${sealed ? sha256(sealed) : 'none'} sealed): ${seal}`,
  };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
