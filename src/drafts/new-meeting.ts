import { mainSectionKey } from '../input/house-style.js';
import type { TemplateDelegate } from 'handlebars';
import type { SharedSources } from '../input/sources.js';
import { placeholder } from '../input/placeholder.js';
import type { StandingItemInput } from '../input/schema/standing-items.js';
import { pointsOn } from '../model/forward-plan.js';
import { byPlacement } from '../model/items.js';
import { meetingKey } from '../input/schema/calendar.js';
import { politicalReview } from '../model/political-calendar.js';
import { neighboursOf, scheduledDates } from '../input/schedule.js';
import { weekdayDateInText } from '../shared/danish-dates.js';
import { textTemplate } from '../shared/text-template.js';
import { fill } from '../render/wording.js';
import type { HouseStyle } from '../model/meeting.js';
import { yamlScalar } from './yaml-text.js';

/** The next meeting to prepare: the first on the schedule after `after`, cancelled ones skipped. */
export function nextScheduledDate(shared: SharedSources, after: string): string | undefined {
  const schedule = shared.committee.mødeplan;
  return schedule && scheduledDates(schedule).find((s) => s.date > after && !s.cancelled)?.date;
}

/**
 * A new meeting file for `date`: each standing item with what the shared files give it (the forward
 * plan's points for the day, the item's skabelon), and every key the clerk must fill in present,
 * as the placeholder or as a comment.
 */
export function newMeetingYaml(shared: SharedSources, date: string, schemaPath: string): string {
  const { first, last } = byPlacement(shared.standingItems.punkter);
  const items = [...first, ...last].map((s) => draftItem(shared, s, date));
  const members = shared.committee.medlemmer.map((m) => m.navn);
  return template()({
    schemaPath,
    mainKey: mainSectionKey(shared.style.afsnit) ?? 'sagsfremstilling',
    comments: comments(shared.style.ord, shared.committee.navn, date, members),
    placeholder,
    firstMember: members[0],
    // The meeting's own items go between the standing items placed first and those placed last.
    items: items.map((item, i) => ({ ...item, ownItemsHere: i === first.length })),
    ownItemsLast: first.length === items.length,
  });
}

/** The file's comments, in the house's words: every fixed word of agenda's is the house's (templates/husstil.yaml). */
function comments(words: HouseStyle['ord'], committee: string, date: string, members: string[]) {
  return {
    written: fill(words.nyt_møde, { udvalg: committee, dato: weekdayDateInText(date) }),
    fillIn: fill(words.nyt_møde_udfyld, { udfyld: placeholder, dato: date }),
    shared: words.nyt_møde_fælles,
    absent: fill(words.nyt_møde_fraværende, { medlemmer: members.join(', ') }),
    ownItems: words.nyt_møde_egne_punkter,
    remarks: words.nyt_møde_bemærkninger,
  };
}

function draftItem(shared: SharedSources, s: StandingItemInput, date: string) {
  const points = s.fra_plan ? pointsOn(shared.forwardPlan, date) : [];
  const review =
    s.politisk_kalender && shared.calendar
      ? politicalReview(shared.calendar, date, neighboursOf(shared.committee.mødeplan, date))
      : undefined;
  const filledIn = s.kommende_møder || s.fra_plan || review;
  const words = shared.style.ord;
  return {
    id: s.id,
    title: s.titel,
    note: review
      ? fill(words.nyt_møde_kalender, {
          afholdt: String(review.held.length),
          kommende: String(review.agenda.length + review.coming.length),
        })
      : s.kommende_møder
        ? words.nyt_møde_kommende_møder
        : points.length > 0
          ? words.nyt_møde_planens_punkter
          : undefined,
    exampleMeeting: review && [...review.held, ...review.agenda].map((m) => meetingKey(m.abbreviation, m.date))[0],
    sagsfremstilling: s.skabelon ?? (filledIn ? undefined : placeholder),
    tidsplan: s.fra_plan ? (points.length > 0 ? points : [{ text: placeholder, lukket: false }]) : undefined,
    bilag: !s.kommende_møder && !review,
  };
}

let compiled: TemplateDelegate | undefined;

function template(): TemplateDelegate {
  compiled ??= textTemplate('drafts/nyt-moede.yaml.hbs', {
    block: (value: string, indent: number) => yamlScalar(value, indent),
    // A comment is one line: a name or title with a line break would end it and start YAML of its own.
    oneLine: (value: string) => value.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' '),
  });
  return compiled;
}
