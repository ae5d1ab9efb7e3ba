import type { Finding } from '../errors.js';
import { closest, shorten } from '../input/messages.js';
import type { MeetingInput } from '../input/schema/meeting.js';
import type { StandingItemsInput } from '../input/schema/standing-items.js';
import type { YamlFile } from '../input/yaml-file.js';

/** Each `fast:` in the meeting names a standing item, and no standing item is filled in twice. */
export function checkReferences(source: YamlFile, meeting: MeetingInput, standing: StandingItemsInput): Finding[] {
  const ids = standing.punkter.map((p) => p.id);
  const seen = new Set<string>();
  const findings: Finding[] = [];
  (meeting.punkter ?? []).forEach((item, i) => {
    if (item.fast === undefined) return;
    const at = (message: string) => findings.push({ file: source.file, ...source.locate(['punkter', i, 'fast']), path: `punkter[${i}].fast`, message });
    if (!ids.includes(item.fast)) {
      const guess = closest(item.fast, ids);
      at(`no standing item has the id '${shorten(item.fast)}'${guess ? ` (did you mean '${guess}'?)` : ids.length ? ` (the ids are: ${ids.join(', ')})` : ''}`);
    } else if (seen.has(item.fast)) {
      at(`the standing item '${shorten(item.fast)}' is filled in twice`);
    }
    seen.add(item.fast);
  });
  return findings;
}
