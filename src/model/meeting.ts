// The meeting model: the contract between merging (input side) and rendering (output side).
// Plain data only; text fields hold the clerk's Markdown source, dates are ISO (YYYY-MM-DD).

import type { AttachmentFileRef } from '../shared/attachment-file.js';
import type { MeetingType } from '../input/schema/calendar.js';
import type { Role } from '../input/schema/committee.js';
import type { HouseStyleInput } from '../input/schema/house-style.js';
import type { HouseTemplates } from '../shared/house-templates.js';

/**
 * An agenda (dagsorden) before the meeting, a tillægsdagsorden of the items added after it was sent;
 * minutes (referat) once it holds decisions.
 */
export type DocumentKind = 'dagsorden' | 'tillægsdagsorden' | 'referat';

/** The members' version holds everything; the public one nothing that is closed (lukket). */
export type Audience = 'medlemmer' | 'offentlig';

export interface Meeting {
  kind: DocumentKind;
  audience: Audience;
  date: string;
  committee: string;
  /** The committee's name in the genitive where its file gives it (`genitiv:`); else the Danish rule makes it (render/wording.ts). */
  committeeGenitive?: string;
  /** The committee's short name where the documents' names carry it (a repository of several committees). */
  committeeId?: string;
  /** The authority the committee belongs to, the PDF's author. */
  authority: string;
  place: string;
  start: string;
  /** When it ended or is to end; none where the house never prints an end time (sluttid: nej). */
  end?: string;
  /** Seats with titles (Kommunaldirektør ...), each with whoever holds it on the day. */
  seats: Seat[];
  /** The politicians in office on the day, in the order listed. */
  members: Person[];
  /** Members who are not there (afbud), each with the substitute who takes the seat, if any. */
  absent: Absence[];
  /** Who takes part besides the members (sekretær): printed, never mailed as members nor counted in votes. */
  participants: Participant[];
  items: Item[];
  /** A tillægsdagsorden's number (1, 2 ...): its items are those added in it. */
  addendum?: number;
  /**
   * An agenda that went out and has changed since: the day the corrected version went out (none before
   * it has), and, where the public version changed too, the day its public version did (else the public
   * version says nothing of it: a change inside a closed item is not told the public, nor when it was made).
   */
  correction?: { date?: string; public?: { date?: string } };
  /** How the house prints: its sections, fixed words, date patterns, header and footer, and template overrides. */
  style: HouseStyle;
  /** The approvals the Godkendelsesside shows; none in the version the members approve, where it is not yet filled in. */
  approval?: ApprovalView;
}

/** Who approved which version, as the approved document's Godkendelsesside prints it. */
export interface ApprovalView {
  /** The SHA-256 of the version approved: the members' minutes before this page was filled in. None in the public version. */
  sha256?: string;
  rows: ApprovalRow[];
}

/** A member who took part: when they approved this version (or only an earlier one), how, and any reservation. */
export interface ApprovalRow {
  person: Person;
  /** An ISO time; none: not approved yet. */
  time?: string;
  atMeeting: boolean;
  /** They approved an earlier version only. */
  earlier: boolean;
  /** Never in the public version. */
  reservation?: string;
}

/** A page's header or footer as the house writes it: one phrase, or lines at the left, middle and right on the pages listed. */
export type PageMargin = NonNullable<HouseStyleInput['sidehoved']>;
/** The kinds of pages a header or footer may stand on: forside, indhold, punkter. */
export type PageKind = NonNullable<Exclude<PageMargin, string>['sider']>[number];

export interface HouseStyle extends HouseStyleInput {
  /** The repository's templates (husstil/: partials/*.hbs, style.css) that replace the package's. */
  templates?: HouseTemplates;
}

/** A politician: "Jan Petersen (A)", formand. */
export interface Person {
  name: string;
  party?: string;
  role?: Role;
}

export interface Participant {
  name: string;
  role?: string;
}

export interface Absence {
  member: Person;
  substitute?: Person;
}

/** A seat and who holds it on the day; no name: the seat is vacant. */
export interface Seat {
  title: string;
  name?: string;
}

export interface Item {
  number: number;
  title: string;
  /** The title the public version shows if the item is closed. */
  publicTitle?: string;
  lukket: boolean;
  sagsgang?: string;
  /** The item's document number in the case system (Dok.nr.). */
  document?: string;
  /** Earlier meetings that dealt with the item: written by hand, and (where the house wants) from its case's history. */
  treatments: Treatment[];
  /** The forward plan, on the standing item that shows it. */
  forwardPlan?: ForwardPlanView;
  /** The political meetings to review, from the calendar, on the standing item that shows them. */
  politicalReview?: PoliticalReview;
  /** The house's sections in its order; the main one (sagsfremstilling) also holds the timetable and what the plan and calendar give. */
  sections: ItemSection[];
  /** Sub-items (a, b, c ...), each with its own title and sections; their attachments are in `bilag`, marked with their letter. */
  subItems: SubItem[];
  /** The item's timetable (Tid / Punkt), shown at the end of its main section. */
  tidsplan: Slot[];
  bilag: Bilag[];
  /** The case (sag) the item takes up, and what earlier meetings of other committees decided on it, in order. */
  sag?: string;
  earlierDecisions: EarlierDecision[];
  /** Members who did not take part in the item, and why. */
  notTakingPart: NotTakingPart[];
  vote?: Vote;
  /** Dissent for the record (protokoltilførsel). */
  dissent: Dissent[];
  beslutning?: ClosableText;
  /** An item added after the agenda was sent: the tillægsdagsorden it went out in, and why it could not wait. */
  addendum?: Addendum;
  /** Additions to approved minutes (tilføjelser), in the order written, each printed with its date. */
  additions: Addition[];
}

/** An addition to approved minutes: the day it was made, and its text (which may be closed). */
export interface Addition {
  date: string;
  text: ClosableText;
}

/** A sub-item of an item: "a. Kloakering af Nørregade". */
export interface SubItem {
  /** Its letter in the item: a, b, c ... */
  letter: string;
  title: string;
  /** The title the public version shows if the sub-item is closed. */
  publicTitle?: string;
  lukket: boolean;
  sections: ItemSection[];
}

export interface Addendum {
  number: number;
  reason?: string;
}

export interface ItemSection extends Section {
  key: string;
  heading: string;
  main: boolean;
}

export interface EarlierDecision {
  committee: string;
  date: string;
  /** The item's number at that meeting. */
  number: number;
  /** Its text where it was open; a closed one's is withheld, the house's words for a closed decision in its place (earlierDecisions). */
  decision: ClosableText;
}

/** An earlier meeting's treatment of an item: "Kommunalbestyrelsen den 30. januar 2012, punkt 5". */
export interface Treatment {
  committee: string;
  date: string;
  number: number;
  /** Closed at that meeting (known of a treatment from the case's history): the public version leaves it out. */
  lukket?: boolean;
}

export interface NotTakingPart {
  name: string;
  reason: 'fraværende' | 'inhabil';
}

/** For, against, abstaining: who (party letters or names) and how many. */
export interface Vote {
  for: VoteCount;
  against: VoteCount;
  abstaining: VoteCount;
}

export interface VoteCount {
  who: string[];
  count: number;
}

export interface Dissent {
  by: string[];
  text: string;
}

/** A text the meeting adds, which may be closed to the public. */
export interface ClosableText {
  text: string;
  lukket: boolean;
}

/** A section's text: the standing text before and after what this meeting adds. */
export interface Section {
  before?: string;
  text?: ClosableText;
  after?: string;
}

export interface Slot {
  time?: string;
  /** What is dealt with then (the column "Punkt"). */
  subject: string;
  lukket: boolean;
}

export interface Bilag {
  number: number;
  /** The letter of the sub-item whose attachment it is; none for the item's own. */
  subItem?: string;
  lukket: boolean;
  title?: string;
  /** Its number in the case system. */
  document?: string;
  /** Why a closed attachment is closed, told to the public. */
  publicNote?: string;
  /** The attachment's file, for the combined document; the public version has none of a closed one. */
  file?: AttachmentFileRef;
}

/** The coming meetings with their planned points, as the plan stood on the meeting's date. */
export interface ForwardPlanView {
  meetings: PlannedMeeting[];
  /** Points that await a date. */
  awaiting: PlannedPoint[];
}

/** A point of the forward plan; a closed one is the members' alone (model/public.ts). */
export interface PlannedPoint {
  text: string;
  lukket: boolean;
}

export interface PlannedMeeting {
  date: string;
  /** Why there is no meeting that day (e.g. a holiday); `true` where the schedule gives no reason (the house's word aflyst stands for it). */
  cancelled?: string | true;
  points: PlannedPoint[];
}

/** Item 1's political meetings: minutes to go through, agendas to go through, and what is coming. */
export interface PoliticalReview {
  /** The cycle under way ("Rul"): each of its committees with its meeting in the cycle. */
  rul?: RulEntry[];
  held: PoliticalMeeting[];
  agenda: PoliticalMeeting[];
  coming: PoliticalMeeting[];
}

export interface RulEntry {
  /** The committee's short name: ØK, KB. */
  abbreviation: string;
  date: string;
}

export interface PoliticalMeeting {
  /** The committee's short name: ØK. */
  abbreviation: string;
  /** The committee in definite form: "Kommunalbestyrelsen". */
  committee: string;
  /** What its meeting is called: "Kommunalbestyrelsesmøde". */
  meetingName: string;
  date: string;
  type: MeetingType;
  cancelled: boolean;
  /** The clerk's remark on it, for the minutes. */
  note?: string;
}

export type { AttachmentFileRef };
