import { agendaOf } from '../model/addenda.js';
import { compareVersions } from '../model/changes.js';
import type { Meeting } from '../model/meeting.js';
import type { DocumentVersion } from '../model/versions.js';
import { readSendLog, sendLogFile, type SendLogEntry } from '../send/send-log.js';
import { readSentVersion, type SentVersion } from '../send/sent-versions.js';
import { today } from '../shared/dates.js';
import { sentEntries } from './addenda.js';
import { versionsOf } from './versions.js';

/**
 * The members' meeting, its agenda marked as corrected where it reads otherwise than the version
 * first sent (as send kept it in arkiv/sendt/). The mark's day is the day the corrected version went
 * out, as the members got it: that of a later version sent that reads as this one, or `sendingOn`
 * (the day send sends it); a version not sent yet is marked without a day, so a build gives the same
 * bytes on any day. The public version is marked only where it changed too, with the day its own
 * text went out changed, so a change inside a closed item moves nothing public.
 * Nothing is compared where the house prints no such mark, or the agenda never went out.
 */
export async function withCorrection(dir: string, meeting: Meeting, sendingOn?: string): Promise<Meeting> {
  if (meeting.kind !== 'dagsorden' || !meeting.style.rettet_forside) return meeting;
  const [first, ...later] = sentEntries(await readSendLog(sendLogFile(dir, meeting.date)), agendaOf(meeting));
  const original = first && (await readSentVersion(dir, meeting.date, first.sha256, 'medlemmer'));
  if (!original) return meeting;
  const now = await versionsOf(dir, agendaOf(meeting));
  if (!differs(original, now.medlemmer)) return meeting;
  const publicOriginal = await readSentVersion(dir, meeting.date, first.sha256, 'offentlig');
  const publicChanged = !publicOriginal || differs(publicOriginal, now.offentlig);
  const day = async (audience: keyof SentVersion) => (await sentAs(dir, later, now, audience)) ?? sendingOn;
  return { ...meeting, correction: { date: await day('medlemmer'), public: publicChanged ? { date: await day('offentlig') } : undefined } };
}

function differs(before: DocumentVersion, after: DocumentVersion): boolean {
  return compareVersions(before, after).length > 0;
}

/** The day of the correction the first later version whose `audience` version reads as now's went out with (else the day it went out), if one did. */
async function sentAs(dir: string, later: SendLogEntry[], now: SentVersion, audience: keyof SentVersion): Promise<string | undefined> {
  const versions = later.filter((e, i) => later.findIndex((o) => o.sha256 === e.sha256) === i);
  for (const entry of versions) {
    const version = await readSentVersion(dir, now[audience].date, entry.sha256, audience);
    if (version && !differs(version, now[audience])) return version.rettet ?? today(new Date(entry.tid));
  }
  return undefined;
}
