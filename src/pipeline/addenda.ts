import type { MeetingSources } from '../input/sources.js';
import type { Meeting } from '../model/meeting.js';
import { readSendLog, sendLogFile, sentItemIs, type SendLogEntry } from '../send/send-log.js';
import { InputError, type Finding } from '../shared/errors.js';
import { aloneAndCombinedNames, outputsOf } from './output.js';

/**
 * The clerk's `tillæg:` checked against what went out (the send log): an item is added in a
 * tillægsdagsorden only after the agenda was sent, and an item that went out in a document stays in
 * it (moved between the agenda and an addendum, the members would hold it twice or not at all).
 */
export async function checkAddenda(sources: MeetingSources, meeting: Meeting): Promise<void> {
  const findings = await addendaFindings(sources, meeting);
  if (findings.length > 0) throw new InputError(findings);
}

/** What checkAddenda refuses, each at its place in the meeting file: for `agenda check` and the preview, with every other finding. */
export async function addendaFindings(sources: MeetingSources, meeting: Meeting): Promise<Finding[]> {
  const entries = sources.meeting.punkter ?? [];
  const log = await readSendLog(sendLogFile(sources.folder.dir, sources.date));
  if (!entries.some((e) => e.tillæg) && !log.some((e) => e.punkter)) return [];
  // Before the meeting and after it, the same documents: the minutes are checked as the agenda and addenda they were.
  const documents = outputsOf({ ...meeting, kind: 'dagsorden' }, { audiences: ['medlemmer'] }).map((o) => o.document);
  const at = (index: number, key: string[], message: string): Finding => {
    const keyPath = ['punkter', index, ...key];
    const { line, col } = sources.source?.locate(keyPath, { key: key.length > 0 }) ?? { line: 1, col: 1 };
    const where = `punkter[${index}]${key.map((k) => `.${k}`).join('')}`;
    return { file: sources.source?.file ?? `${sources.date}.yaml`, line, col, path: where, message };
  };
  const [agenda] = documents;
  const findings: Finding[] = [];
  if (agenda && !sentDocument(log, agenda)) {
    const why = `the agenda was never sent (${sendLogFile('', sources.date)} holds no ${fileNames(agenda).join(' or ')}): without tillæg the item is on the agenda`;
    entries.forEach((e, i) => e.tillæg && findings.push(at(i, ['tillæg'], `an item added in a tillægsdagsorden, but ${why}`)));
  }
  for (const sent of documents) {
    const entry = sentDocument(log, sent);
    const sentWith = entry?.punkter ?? [];
    const own = entries.filter((e) => e.fast === undefined);
    for (const item of sentWith) {
      // Where it stands now: by its case number where that names it alone (a title may be corrected since), else its title.
      const is = sentItemIs(item, sentWith, own);
      const held = documents.filter((d) => d.items.some(is));
      const index = entries.findIndex((e) => e.fast === undefined && is({ title: e.titel, sag: e.sag }));
      const [now] = held;
      // Found nowhere, by neither its case number nor its title, the item was taken off the agenda since: no move (the corrected agenda tells it removed).
      if (!now || held.includes(sent) || index < 0) continue;
      const title = entries[index]?.titel ?? '';
      const message = `${title} went out in ${entry?.dokument}, sent already; it cannot be moved to ${fileNames(now)[0]}: put tillæg back as it was, or take it up at another meeting`;
      findings.push(at(index, entries[index]?.tillæg ? ['tillæg'] : [], message));
    }
  }
  return findings;
}

/** The last time the document, alone or combined with its attachments, went out. */
export function sentDocument(log: SendLogEntry[], document: Meeting): SendLogEntry | undefined {
  return sentEntries(log, document).at(-1);
}

/** Every message the document, alone or combined with its attachments, went out in, in order. */
export function sentEntries(log: SendLogEntry[], document: Meeting): SendLogEntry[] {
  const names = fileNames(document);
  return log.filter((e) => e.sendt && names.includes(e.dokument));
}

/** The names a document goes out under (documentNames' `sentAs`): alone, and combined with its attachments. */
function fileNames(document: Meeting): string[] {
  return aloneAndCombinedNames(document).flatMap((names) => names.sentAs);
}
