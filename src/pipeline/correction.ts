import { agendaOf } from '../model/addenda.js';
import { compareVersions } from '../model/changes.js';
import type { Meeting } from '../model/meeting.js';
import type { DocumentVersion } from '../model/versions.js';
import { readSendLog, sendLogFile, type SendLogEntry } from '../send/send-log.js';
import { readSentVersion } from '../send/sent-versions.js';
import { today } from '../shared/dates.js';
import { sentEntries } from './addenda.js';
import type { OfficeSettings } from './office.js';
import { versionsOf } from './versions.js';

/**
 * The members' meeting, its agenda marked as corrected where it reads otherwise than the version
 * first sent (as send kept it in arkiv/sendt/): the day of the correction is the one the version
 * sent said (or the day it went out), or today for one not sent yet. The public version is marked only where it changed too.
 * Nothing is compared where the house prints no such mark, or the agenda never went out.
 */
export async function withCorrection(dir: string, meeting: Meeting, office: OfficeSettings = {}): Promise<Meeting> {
  if (meeting.kind !== 'dagsorden' || !meeting.style.rettet_forside) return meeting;
  const sent = sentEntries(await readSendLog(sendLogFile(dir, meeting.date)), agendaOf(meeting));
  const [first] = sent;
  const original = first && (await readSentVersion(dir, meeting.date, first.sha256, 'medlemmer'));
  if (!original) return meeting;
  const now = await versionsOf(dir, agendaOf(meeting), office);
  if (!differs(original, now.medlemmer)) return meeting;
  const publicOriginal = await readSentVersion(dir, meeting.date, first.sha256, 'offentlig');
  const date = (await sentAs(dir, sent.slice(1), now.medlemmer)) ?? today();
  return { ...meeting, correction: { date, public: !publicOriginal || differs(publicOriginal, now.offentlig) } };
}

function differs(before: DocumentVersion, after: DocumentVersion): boolean {
  return compareVersions(before, after).length > 0;
}

/** The day of the correction a later version that reads as `now` went out with (else the day it went out), if one did. */
async function sentAs(dir: string, later: SendLogEntry[], now: DocumentVersion): Promise<string | undefined> {
  const versions = later.filter((e, i) => later.findIndex((o) => o.sha256 === e.sha256) === i);
  for (const entry of versions) {
    const version = await readSentVersion(dir, now.date, entry.sha256, 'medlemmer');
    if (version && !differs(version, now)) return version.rettet ?? today(new Date(entry.tid));
  }
  return undefined;
}
