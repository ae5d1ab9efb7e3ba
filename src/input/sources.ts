import type { CalendarInput } from './schema/calendar.js';
import type { CommitteeInput } from './schema/committee.js';
import type { ForwardPlanInput } from './schema/forward-plan.js';
import type { MeetingInput } from './schema/meeting.js';
import type { StandingItemsInput } from './schema/standing-items.js';
import type { YamlFile } from './yaml-file.js';

/** Everything one meeting is made from, validated and checked, ready to merge. */
export interface MeetingSources {
  date: string;
  committee: CommitteeInput;
  standingItems: StandingItemsInput;
  forwardPlan: ForwardPlanInput;
  calendar?: CalendarInput;
  meeting: MeetingInput;
  /** The meeting file as read, to say where a value of it stands. */
  source?: YamlFile;
}

/** What every meeting of a folder shares. */
export type SharedSources = Omit<MeetingSources, 'date' | 'meeting'>;
