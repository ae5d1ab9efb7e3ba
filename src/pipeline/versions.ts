import type { Meeting } from '../model/meeting.js';
import { publicVersion } from '../model/public.js';
import { versionOf } from '../model/versions.js';
import { decisionHeading } from '../render/wording.js';
import type { SentVersion } from '../send/sent-versions.js';
import { attachmentHashes } from './combine.js';
import type { OfficeSettings } from './office.js';

/**
 * The members' meeting as the two versions to compare: the members' own and the public one, the
 * public one made from the public model (publicVersion), so that nothing closed is in it to compare.
 */
export async function versionsOf(dir: string, members: Meeting, office: OfficeSettings = {}): Promise<SentVersion> {
  const hashes = await attachmentHashes(dir, members, office);
  const of = (m: Meeting) => versionOf(m, hashes, decisionHeading(m.style, m.style.ord.beslutning, m.committee, m.date));
  return { medlemmer: of(members), offentlig: of(publicVersion(members)) };
}
