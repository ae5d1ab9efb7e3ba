import type { CalendarInput } from './schema/calendar.js';
import type { CommitteeFolder } from './repository.js';
import type { CommitteeInput } from './schema/committee.js';
import type { HouseStyleInput } from './schema/house-style.js';
import type { HousePages, HouseTemplates } from '../shared/house-templates.js';
import type { ForwardPlanInput } from './schema/forward-plan.js';
import type { MeetingInput } from './schema/meeting.js';
import type { StandingItemsInput } from './schema/standing-items.js';
import type { YamlFile } from './yaml-file.js';

/** Everything one meeting is made from, validated and checked, ready to merge. */
export interface MeetingSources {
  date: string;
  /** The committee's folder in its repository: how it is named, and whether its documents' names carry that. */
  folder: CommitteeFolder;
  committee: CommitteeInput;
  /** The municipality's name, the documents' author, where kommune.yaml gives it. */
  municipality?: string;
  style: HouseStyleInput;
  /** The repository's template overrides (husstil/), where it has any. */
  templates?: HouseTemplates;
  /** The repository's own site pages and mail letter (husstil/web/, husstil/mail/), where it has any. */
  pages?: HousePages;
  standingItems: StandingItemsInput;
  forwardPlan: ForwardPlanInput;
  calendar?: CalendarInput;
  meeting: MeetingInput;
  /** The meeting file as read, to say where a value of it stands. */
  source?: YamlFile;
}

/** What every meeting of a folder shares. */
export type SharedSources = Omit<MeetingSources, 'date' | 'meeting'>;
