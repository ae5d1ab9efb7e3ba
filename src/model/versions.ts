import type { Item, Meeting, SubItem } from './meeting.js';

// What of a meeting's document a reader compares between two versions: each item's number, title,
// the text of its sections, its attachments with their files' SHA-256 and the case history it shows
// (the earlier meetings and other committees' decisions on its case), the decision's record, and what the document
// prints beyond the items' text: the front page's fields, an item's numbers, forward plan and political meetings
// (render/printed.ts words them). Plain data, so the version
// that went out can be kept (send/sent-versions.ts) and compared with the meeting as it stands now.

export interface VersionItem {
  number: number;
  title: string;
  lukket: boolean;
  /** Each section with text, by its heading in the document, its text as the clerk wrote it (Markdown). */
  sections: Array<{ heading: string; text: string }>;
  /**
   * Each attachment by its number (a sub-item's with its letter): its title (none for a closed one in
   * the public version), its file (`fil:`, which with the title tells one attachment from another), its SHA-256, whether it is closed (or its item),
   * and what its table prints besides its title: its document number (none for a closed one in the public version) and a closed one's public note.
   */
  bilag: Array<{
    number: number;
    subItem?: string;
    title?: string;
    file?: string;
    sha256?: string;
    lukket?: boolean;
    document?: string;
    note?: string;
  }>;
  /** The sub-items (underpunkter), where the item has any: each by its letter, its title and its sections. */
  subItems?: VersionSubItem[];
  /** The additions to approved minutes (tilføjelser), where the item has any: each by its day, and its text. */
  additions?: Array<{ date: string; text: string }>;
  /** The case history the item shows, where it shows any: each earlier meeting, in the document's order. */
  history?: VersionStep[];
  /**
   * Who did not take part (inhabil, fraværende), the vote and the dissent (protokoltilførsel), where the item records
   * any: their lines as the document prints them under the decision's heading.
   */
  record?: { heading: string; text: string };
  /** What the item prints besides these (its numbers, sagsgang, the forward plan, the political meetings), each by its heading. */
  printed?: Printed[];
}

/** A part of the document printed beside the items' sections, by its heading (the house's word for it) and its text. */
export interface Printed {
  heading: string;
  text: string;
  /** Printed in the minutes only (they say an item was added, what was held): compared between two minutes, not with an agenda, where it is the document's kind that changed. */
  minutes?: boolean;
}

/**
 * An earlier meeting as an item shows it (its line among the earlier treatments, another committee's decision on the
 * case, or both), by committee and day: the item's number there where a treatment's line shows it, the decision's
 * text where one is shown (a closed one's is the house's words for it: its text is not the reader's), and `lukket`
 * where any of it was closed there (the public version shows none of it).
 */
export interface VersionStep {
  committee: string;
  date: string;
  number?: number;
  decision?: string;
  lukket?: boolean;
}

export interface VersionSubItem {
  letter: string;
  title: string;
  lukket: boolean;
  sections: Array<{ heading: string; text: string }>;
}

export interface DocumentVersion {
  kind: Meeting['kind'];
  audience: Meeting['audience'];
  date: string;
  /** The day of the correction its front page gives (Rettet dagsorden), where it says so. */
  rettet?: string;
  /** Its items' case history is recorded (`history`): a version kept before it was has none to compare. */
  caseHistory?: boolean;
  /** Its items' record (`record`) is kept: a version kept before it was has none to compare. */
  records?: boolean;
  /**
   * The front page's fields (place, time, members, absentees ...), each by its heading; and its items' `printed` is
   * kept: a version kept before it was has neither to compare.
   */
  front?: Printed[];
  /** The heading of an item's attachments' table (the house's `bilag`), which a changed document number or note is told under; kept with `front`. */
  bilagHeading?: string;
  items: VersionItem[];
}

/**
 * How the document words what it prints beyond the clerk's text: a decision's heading ("Beslutning i Direktionen den
 * 22-11-2023"), an item's record (a line each), the front page, and what an item prints besides its sections.
 */
export interface DocumentWords {
  heading: string;
  record: (item: Item) => string[];
  front: Printed[];
  bilagHeading: string;
  printed: (item: Item) => Printed[];
}

/** The meeting as a version to compare: `hashes` are its attachment files' SHA-256 by `fil:`. */
export function versionOf(meeting: Meeting, hashes: Record<string, string>, words: DocumentWords): DocumentVersion {
  return {
    kind: meeting.kind,
    audience: meeting.audience,
    date: meeting.date,
    ...(meeting.kind === 'dagsorden' && meeting.correction?.date ? { rettet: meeting.correction.date } : {}),
    caseHistory: true,
    records: true,
    front: words.front,
    bilagHeading: words.bilagHeading,
    items: meeting.items.map((item) => versionItem(item, hashes, words)),
  };
}

function versionItem(item: Item, hashes: Record<string, string>, { heading, record, printed }: DocumentWords): VersionItem {
  const history = historyOf(item);
  const shown = printed(item);
  const recorded = record(item).join('\n\n');
  const sections = item.sections.map((s) => {
    // The main section holds the timetable in the document, so a changed time or row is a change of it.
    const timetable = s.main ? item.tidsplan.map((slot) => [slot.time, slot.subject].filter(Boolean).join(' ')) : [];
    return { heading: s.heading, text: [s.before, s.text?.text, s.after, ...timetable].filter(Boolean).join('\n\n') };
  });
  const decision = item.beslutning ? [{ heading, text: item.beslutning.text }] : [];
  return {
    number: item.number,
    title: item.title,
    lukket: item.lukket,
    sections: [...sections, ...decision].filter((s) => s.text.trim() !== ''),
    bilag: item.bilag.map((b) => ({
      number: b.number,
      ...(b.subItem === undefined ? {} : { subItem: b.subItem }),
      ...(b.title === undefined ? {} : { title: b.title }),
      ...(b.file ? { file: b.file.path, sha256: hashes[b.file.path] } : {}),
      ...(b.lukket || item.lukket ? { lukket: true } : {}),
      ...(b.document ? { document: b.document } : {}),
      ...(b.publicNote ? { note: b.publicNote } : {}),
    })),
    // Only where there are any, so a version kept before sub-items and additions were compared reads the same.
    ...(item.subItems.length > 0 ? { subItems: item.subItems.map(versionSubItem) } : {}),
    ...(item.additions.length > 0 ? { additions: item.additions.map((a) => ({ date: a.date, text: a.text.text })) } : {}),
    ...(history.length > 0 ? { history } : {}),
    ...(recorded ? { record: { heading, text: recorded } } : {}),
    ...(shown.length > 0 ? { printed: shown } : {}),
  };
}

/** The item's earlier treatments, each with the decision shown of the same meeting and item; then the decisions left. */
function historyOf({ treatments, earlierDecisions }: Item): VersionStep[] {
  const steps: VersionStep[] = treatments.map((t) => ({ committee: t.committee, date: t.date, number: t.number, ...closed(t.lukket) }));
  for (const d of earlierDecisions) {
    const shown = { decision: d.decision.text, ...closed(d.decision.lukket) };
    const step = steps.find((s) => s.committee === d.committee && s.date === d.date && s.number === d.number && !s.decision);
    if (step) Object.assign(step, shown);
    else steps.push({ committee: d.committee, date: d.date, ...shown });
  }
  return steps;
}

const closed = (lukket: boolean | undefined) => (lukket ? { lukket: true } : {});

function versionSubItem(sub: SubItem): VersionSubItem {
  const sections = sub.sections.map((s) => ({ heading: s.heading, text: [s.before, s.text?.text, s.after].filter(Boolean).join('\n\n') }));
  return { letter: sub.letter, title: sub.title, lukket: sub.lukket, sections: sections.filter((s) => s.text.trim() !== '') };
}
