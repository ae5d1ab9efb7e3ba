import type { Finding } from '../shared/errors.js';
import { closedWithin, itemClosed } from '../input/fields.js';
import type { ForwardPlanInput, PlannedPointInput } from '../input/schema/forward-plan.js';
import type { MeetingInput } from '../input/schema/meeting.js';
import type { StandingItemsInput } from '../input/schema/standing-items.js';
import { formatPath } from '../input/key-path.js';
import { shorten } from '../input/messages.js';
import type { YamlFile } from '../input/yaml-file.js';

/** A closed title this short ("Personalesag") is a common word of plans, not the case named. */
const shortest = 12;

/** Whether `part` is long enough to name a case, and stands in `whole` (a plan's point may be a row's first line, or more). */
const within = (part: string, whole: string) => part.length >= shortest && whole.includes(part);

const words = (text: string) => text.toLocaleLowerCase('da').replace(/\s+/g, ' ').trim();

/**
 * An open point of the forward plan that names what the meeting closed (an item's or sub-item's title, a
 * timetable row): the clerk closed the item and left its words open in plan.yaml, which every public
 * agenda's forward plan shows (lukket.md: a plan point needs its own lukket). A warning at the point,
 * naming the closed one by its key path, never its words.
 */
export function openPlanNamingClosed(
  date: string,
  meeting: MeetingInput,
  standing: StandingItemsInput | undefined,
  plan: { value: ForwardPlanInput; source: YamlFile },
): Finding[] {
  const closed = closedTexts(meeting, standing);
  if (closed.length === 0) return [];
  const findings: Finding[] = [];
  const look = (point: PlannedPointInput, at: Array<string | number>) => {
    if (point.lukket) return;
    const text = words(point.tekst);
    const named = closed.find((c) => text !== c.shown && (text === c.text || within(c.text, text) || within(text, c.text)));
    if (!named) return;
    const message = `the open point '${shorten(point.tekst)}' names what ${date}.yaml closes at ${named.what}: the forward plan is public; close the point too (lukket: true), or word it as its public title`;
    findings.push({ file: plan.source.file, ...plan.source.locate(at), path: formatPath(at), message, warning: true });
  };
  (plan.value.møder ?? []).forEach((m, i) => m.punkter.forEach((p, j) => look(p, ['møder', i, 'punkter', j])));
  (plan.value.afventer_dato ?? []).forEach((p, j) => look(p, ['afventer_dato', j]));
  return findings;
}

/** The meeting's closed titles and timetable rows, each with its key path, as the model closes them. */
function closedTexts(
  meeting: MeetingInput,
  standing: StandingItemsInput | undefined,
): Array<{ text: string; what: string; shown?: string }> {
  const found: Array<{ text: string; what: string; shown?: string }> = [];
  // `shown`: its public title, which a point may say (it is what the public agenda will say).
  const add = (text: string | undefined, what: string, shown?: string) =>
    text && words(text) && found.push({ text: words(text), what, shown: shown && words(shown) });
  (meeting.punkter ?? []).forEach((item, i) => {
    const named = item.fast === undefined ? undefined : standing?.punkter.find((p) => p.id === item.fast);
    const closed = itemClosed(item, named);
    if (closed) add(item.titel ?? named?.titel, formatPath(['punkter', i]), item.offentlig_titel);
    (item.underpunkter ?? []).forEach(
      (sub, k) => closedWithin(closed, sub.lukket) && add(sub.titel, formatPath(['punkter', i, 'underpunkter', k]), sub.offentlig_titel),
    );
    (item.tidsplan ?? []).forEach(
      (row, k) => closedWithin(closed, row.lukket) && add(row.punkt, formatPath(['punkter', i, 'tidsplan', k])),
    );
  });
  return found;
}
