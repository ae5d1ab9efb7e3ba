import { sha256Of, type SealedNames } from '../input/sealed.js';
import type { Audience } from '../model/meeting.js';
import { audiencesRecordedIn } from '../pdf/postprocess.js';

const publicAudience: Audience = 'offentlig';

/**
 * Why the file forseglet.yaml names as the sealed public minutes is not a public document of the meeting;
 * none where nothing says so. Its recorded SHA-256 proves only that it is the file the list names, and the
 * list is edited by hand (a clerk pastes the SHA-256 verify prints): so the file itself must not be the
 * members' (their SHA-256 in the list), and must record, in plain form, being made for the public
 * (finishPdf's audience entry). A members' document records 'medlemmer', whatever inputs it was made
 * from (an earlier build's, another meeting's); a file that records no audience (made by agenda before
 * 0.3.1, or by another program) is not known to be public.
 */
export function notPublicMinutes(names: SealedNames, bytes: Uint8Array): string | undefined {
  const own = sha256Of(bytes);
  const { filer_sha256: recorded } = names;
  if (recorded && (own === recorded.medlemmer || own === recorded.godkendt))
    return "its SHA-256 is that of the members' sealed minutes (filer_sha256): it is their document, which holds what is closed";
  const audiences = audiencesRecordedIn(bytes);
  if (audiences.length === 0)
    return 'it records no audience (made by agenda before 0.3.1, or by another program), so nothing shows it is public (to seal again, have the minutes as this agenda prints them approved first)';
  const other = audiences.find((audience) => audience !== publicAudience);
  if (other === undefined) return undefined;
  return other === 'medlemmer'
    ? 'it records being made for the members (medlemmer): it is their document, which holds what is closed'
    : `it records its audience as '${other}', not '${publicAudience}'`;
}
