import { formatPath } from '../input/key-path.js';
import { placeholder, unfilledPaths } from '../input/placeholder.js';
import type { YamlFile } from '../input/yaml-file.js';
import type { Finding } from '../shared/errors.js';

/** A text of the meeting file still to be written, located there: a finding without its message. */
export type DraftText = Omit<Finding, 'message'>;

/**
 * The draft rule, said once: a meeting is a draft while any text of its file still says UDFYLD (`agenda new`'s,
 * or `agenda minutes`'s where a decision is to be written), wherever it stands: the meeting's own keys, an item's,
 * a sub-item's, a timetable's row, and a closed item's too. The public version leaves a closed item's texts out,
 * but a meeting is written as one document: minutes whose closed item has no decision yet are not final (`agenda
 * godkend` refuses them), so the public gets none of them either, nor does a case's history elsewhere. `agenda
 * check` warns of each such text; godkend refuses minutes with any; publish keeps the site's last version of a
 * draft (or none); a case's history leaves the meeting out.
 */
export function draftTexts(source: YamlFile): DraftText[] {
  return unfilledPaths(source.data).map((path) => ({ file: source.file, ...source.locate(path), path: formatPath(path) }));
}

/** Whether the meeting read from `source` is a draft (draftTexts); a meeting given as values alone, without its file, is none. */
export function isDraft({ source }: { source?: YamlFile }): boolean {
  return source !== undefined && unfilledPaths(source.data).length > 0;
}

/** Each text still to be written, as `agenda check` warns of it. */
export function draftWarnings(source: YamlFile): Finding[] {
  return draftTexts(source).map((at) => ({
    ...at,
    message: `still says ${placeholder}: write the text, or remove the key`,
    warning: true,
  }));
}
