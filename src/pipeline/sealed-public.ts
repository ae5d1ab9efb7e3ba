import { sha256Of, type SealedNames } from '../input/sealed.js';
import { inputsRecordedIn } from '../pdf/postprocess.js';

/**
 * Why the file forseglet.yaml names as the sealed public minutes is not a public document of the meeting;
 * none where nothing says so. Its recorded SHA-256 proves only that it is the file the list names, and the
 * list is edited by hand (a clerk pastes the SHA-256 verify prints): so the file itself must not be the
 * members' (their SHA-256 in the list), and must record being made (its fingerprint, src/pipeline/fingerprint.ts,
 * which counts the audience) from other inputs than the members' sealed minutes were: the members' document,
 * sealed or printed for sending from the same inputs, records theirs.
 */
export function notPublicMinutes(names: SealedNames, bytes: Uint8Array, members: Uint8Array | undefined): string | undefined {
  const own = sha256Of(bytes);
  const { filer_sha256: recorded } = names;
  if (recorded && (own === recorded.medlemmer || own === recorded.godkendt))
    return "its SHA-256 is that of the members' sealed minutes (filer_sha256): it is their document, which holds what is closed";
  const made = inputsRecordedIn(bytes);
  if (made.length === 0) return 'it records no fingerprint of what it was made from: no public minutes agenda made';
  if (!members) return `${names.medlemmer} is not in the archive, so nothing tells the two apart`;
  const theirs = new Set(inputsRecordedIn(members));
  if (made.some((inputs) => theirs.has(inputs)))
    return `it records being made from the same inputs as ${names.medlemmer}: it is the members' document, which holds what is closed`;
  return undefined;
}
