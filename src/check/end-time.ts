import type { Finding } from '../shared/errors.js';
import type { CommitteeInput } from '../input/schema/committee.js';
import type { HouseStyleInput } from '../input/schema/house-style.js';
import type { MeetingInput } from '../input/schema/meeting.js';
import { scheduledOn } from '../input/schedule.js';
import type { YamlFile } from '../input/yaml-file.js';

/**
 * The end time (slut) may be left out: a house that never prints one (sluttid: nej) need not know it,
 * and an agenda goes out before anybody does. But minutes in a house that prints it say when the
 * meeting ended: without it they would go out silently lacking the line, so that is an error at the
 * meeting file, which is where the clerk writes it.
 */
export function checkEndTime(
  date: string,
  committee: CommitteeInput,
  meeting: MeetingInput,
  source: YamlFile,
  style: HouseStyleInput,
): Finding[] {
  if (!style.sluttid || !(meeting.punkter ?? []).some((p) => p.beslutning !== undefined)) return [];
  if ((meeting.slut ?? scheduledOn(committee.mødeplan, date)?.slut ?? committee.slut) !== undefined) return [];
  const message =
    "the minutes print when the meeting ended (husstil sluttid: ja): write it here (slut: 16:30), or the committee's slut in udvalg.yaml, or sluttid: nej in the house style";
  return [{ file: source.file, ...source.locate(['slut']), path: 'slut', message }];
}
