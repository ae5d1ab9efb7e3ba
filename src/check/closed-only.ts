import type { Finding } from '../shared/errors.js';
import { closedOnlyMessage, closedWithin, itemClosed } from '../input/fields.js';
import type { BilagInput, MeetingInput } from '../input/schema/meeting.js';
import type { StandingItemsInput } from '../input/schema/standing-items.js';
import { formatPath } from '../input/key-path.js';
import type { YamlFile } from '../input/yaml-file.js';

/**
 * A key only something closed has, on something open, is an error at that key: `offentlig_titel` of
 * an item or a sub-item, `offentlig_note` of an attachment. The clerk meant to close it, and a public
 * title beside the title shown publicly is never right. Closed as the model closes it: by its own
 * `lukket`, its standing item's, or what holds it.
 */
export function checkClosedOnly(source: YamlFile, meeting: MeetingInput, standing: StandingItemsInput | undefined): Finding[] {
  const findings: Finding[] = [];
  const refuse = (path: Array<string | number>, key: string, why = '') =>
    findings.push({
      file: source.file,
      ...source.locate([...path, key]),
      path: formatPath([...path, key]),
      message: closedOnlyMessage(key) + why,
    });
  const notes = (bilag: BilagInput[] | undefined, holder: boolean, at: Array<string | number>) =>
    (bilag ?? []).forEach(
      (b, i) => b.offentlig_note !== undefined && !closedWithin(holder, b.lukket) && refuse([...at, 'bilag', i], 'offentlig_note'),
    );
  (meeting.punkter ?? []).forEach((item, i) => {
    const named = item.fast === undefined ? undefined : standing?.punkter.find((p) => p.id === item.fast);
    // An unknown `fast:` is checkReferences' to report; its item's closing is not known.
    if (item.fast !== undefined && !named) return;
    const closed = itemClosed(item, named);
    const at = ['punkter', i];
    if (item.offentlig_titel !== undefined && !closed)
      refuse(at, 'offentlig_titel', named && item.lukket === undefined ? ` (the standing item '${named.id}' is open)` : '');
    notes(item.bilag, closed, at);
    (item.underpunkter ?? []).forEach((sub, k) => {
      const subClosed = closedWithin(closed, sub.lukket);
      if (sub.offentlig_titel !== undefined && !subClosed) refuse([...at, 'underpunkter', k], 'offentlig_titel');
      notes(sub.bilag, subClosed, [...at, 'underpunkter', k]);
    });
  });
  return findings;
}
