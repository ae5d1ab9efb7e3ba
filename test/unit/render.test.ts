import { describe, expect, it } from 'vitest';
import type { Item, Meeting } from '../../src/model/meeting.js';
import { agendaLayout, attachmentPlaces, attachmentStarts, pageNumbers } from '../../src/shared/printable.js';
import { shortDate, weekdayDate } from '../../src/shared/danish-dates.js';
import { documentTitle, renderDocument } from '../../src/render/html.js';
import { publicVersion } from '../../src/model/public.js';
import { earlierTreatments } from '../../src/model/case-history.js';
import { documentHeading, documentName } from '../../src/render/wording.js';
import { letterFor, reminderFor } from '../../src/send/message.js';

const renderHtml = (...args: Parameters<typeof renderDocument>) => renderDocument(...args).html();
import { headingTexts } from '../../src/pdf/headings.js';
import { readDefaultStyle } from '../../src/input/house-style.js';

const style = await readDefaultStyle();
/** An item's sections with the main one's text. */
const withText = (text: string) =>
  style.afsnit.map((a, i) => ({ key: a.nøgle, heading: a.overskrift, main: i === 0, text: i === 0 ? { text, lukket: false } : undefined }));

const item = (over: Partial<Item>): Item => ({
  number: 1,
  title: 'Punkt',
  lukket: false,
  sections: style.afsnit.map((a) => ({ key: a.nøgle, heading: a.overskrift, main: a.nøgle === 'sagsfremstilling' })),
  tidsplan: [],
  bilag: [],
  earlierDecisions: [],
  treatments: [],
  subItems: [],
  notTakingPart: [],
  dissent: [],
  additions: [],
  ...over,
});

const meeting = (items: Item[]): Meeting => ({
  kind: 'dagsorden',
  audience: 'medlemmer',
  date: '2023-11-22',
  committee: 'Direktionen',
  authority: 'Norddjurs Kommune',
  place: 'Mødelokale 250',
  start: '9:00',
  end: '17:00',
  seats: [{ title: 'Kommunaldirektør' }, { title: 'Velfærdsdirektør', name: 'Lene' }],
  members: [],
  absent: [],
  participants: [],
  items,
  style,
});

describe('Danish dates', () => {
  it('writes them as the house does', () => {
    expect(weekdayDate('2023-11-22')).toBe('Onsdag den 22. november 2023');
    expect(shortDate('2023-11-29')).toBe('29. Nov.');
    expect(shortDate('2024-05-01')).toBe('1. Maj');
    expect(documentTitle({ ...meeting([]), kind: 'referat', date: '2023-09-06' })).toBe('Direktionen - Referat 6. september 2023');
  });
});

describe('renderHtml', () => {
  it('shows HTML and Handlebars in the clerk’s text as text', () => {
    const html = renderHtml(
      meeting([item({ title: '<b>fed</b>', sections: withText('<script>alert(1)</script> {{meeting.committee}} **fed**') })]),
    );
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; {{meeting.committee}} <strong>fed</strong>');
    expect(html).toContain('<h1>1. &lt;b&gt;fed&lt;/b&gt;</h1>');
    expect(html).not.toContain('<script>');
  });

  it('marks a vacant seat and a closed item, and titles the page', () => {
    const html = renderHtml(meeting([item({ lukket: true })]));
    expect(html).toContain('Kommunaldirektør Vakant');
    expect(html).toContain('Lukket sag');
    expect(html).toContain('<title>Direktionen - Dagsorden 22. november 2023</title>');
  });

  it('lists a closed attachment as closed, and keeps an open one’s title and document number', () => {
    const html = renderHtml(
      meeting([
        item({
          bilag: [
            { number: 1, lukket: false, title: 'Notat', document: '1/23' },
            { number: 2, lukket: true },
          ],
        }),
      ]),
    );
    expect(html).toMatch(/<li value="1">\s*Notat \(1\/23\)<\/li>/);
    expect(html).toMatch(/<li value="2">\(Lukket bilag\)\s*<\/li>/);
  });

  it('prints participants who are not members, an item’s numbers and its earlier treatments in the house’s words', () => {
    const treated = item({
      document: '2011',
      sag: '14/18342',
      treatments: [{ committee: 'Kommunalbestyrelsen', date: '2012-01-30', number: 5 }],
    });
    const html = renderHtml({ ...meeting([treated]), participants: [{ name: 'Mette Holm', role: 'sekretær' }, { name: 'Ib Lund' }] });
    expect(html).toMatch(/Øvrige deltagere:<\/th><td><div>Mette Holm, sekretær<\/div><div>Ib Lund<\/div>/);
    expect(html).toContain('<span>Dok.nr.: 2011</span>');
    expect(html).not.toContain('Sagsnr.:');
    expect(html).toContain('Tidligere behandlinger:');
    expect(html).toContain('Kommunalbestyrelsen den 30. januar 2012, punkt 5');
    const withCase = renderHtml({ ...meeting([treated]), style: { ...style, sagsnummer_i_punkt: true } });
    expect(withCase).toContain('<span>Dok.nr.: 2011</span> <span>Sagsnr.: 14/18342</span>');
    expect(renderHtml(meeting([item({})]))).not.toMatch(/Øvrige deltagere|Dok\.nr\.|Tidligere behandlinger/);
  });

  it('leaves a closed item’s numbers and earlier treatments out of the public version', () => {
    const closed = item({
      lukket: true,
      document: '2066',
      sag: '14/22010',
      treatments: [{ committee: 'ØK', date: '2014-09-01', number: 7 }],
    });
    const html = renderHtml(publicVersion({ ...meeting([closed]), style: { ...style, sagsnummer_i_punkt: true } }));
    expect(html).not.toMatch(/2066|14\/22010|Tidligere behandlinger|ØK den/);
  });

  it('leaves the earlier treatments of items closed at their meetings out of the public version', () => {
    const earlier = {
      ...meeting([item({ number: 3, sag: '14/1' }), item({ number: 12, lukket: true, sag: '14/1' })]),
      committee: 'Økonomiudvalget',
      date: '2014-09-01',
    };
    const treated = meeting([item({ sag: '14/1', treatments: earlierTreatments([earlier], '14/1', '2023-11-22') })]);
    expect(renderHtml(treated)).toContain('Økonomiudvalget den 1. september 2014, punkt 12');
    const html = renderHtml(publicVersion(treated));
    expect(html).toContain('Økonomiudvalget den 1. september 2014, punkt 3');
    expect(html).not.toContain('punkt 12');
  });

  it('fills the contents with the page numbers of a first print', () => {
    const items = [item({ number: 1, title: 'A', bilag: [{ number: 1, lukket: true }] }), item({ number: 2, title: 'B' })];
    // sheets: 0 front page, 1 contents, 2-3 item A, 4 item B, 5 Bilagsoversigt, 6 Underskriftsside
    const html = renderHtml(meeting(items), { pages: [1, 2, 4, 5, 6], sheets: 7 });
    const rows = [...html.matchAll(/<td><a href="#[\w-]+">([^<]+)<\/a><\/td><td class="side">(\d+)<\/td>/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(rows).toEqual(['1. A 1', '2. B 3', 'Bilagsoversigt 4']);
    expect(html).toContain('" af 5"');
    expect(headingTexts(html)).toEqual(['Indholdsfortegnelse', '1. A', 'Bilag:', '2. B', 'Bilagsoversigt', '1. A', 'Underskriftsside']);
  });
});

describe("a committee's own genitive (udvalg.yaml genitiv:)", () => {
  // Not the rule's "Børn og Unges": every phrase of the committee's meeting takes the file's.
  const own: Meeting = { ...meeting([]), committee: 'Børn og Unge', committeeGenitive: 'Børne- og Ungeudvalgets' };
  it("names the meeting in the PDF's subject, the meeting's page, the mail and the reminder", () => {
    expect(documentName(own)).toBe('Dagsorden for Børne- og Ungeudvalgets møde den 22. november 2023');
    expect(documentHeading(own)).toBe('Dagsorden for Børne- og Ungeudvalgets møde onsdag den 22. november 2023');
    const letter = letterFor(own, { email: 'anne@example.org' }, 'dagsorden.pdf');
    expect(letter.subject).toBe('Dagsorden til Børne- og Ungeudvalgets møde onsdag den 22. november 2023');
    expect(letter.text).toContain('Til Børne- og Ungeudvalgets medlemmer');
    expect(letter.text).toContain('Hermed dagsordenen til Børne- og Ungeudvalgets møde');
    expect(letter.text).toContain('Børne- og Ungeudvalgets sekretariat');
    const reminder = reminderFor({ ...own, kind: 'referat' }, 'Anne', 'referat.pdf');
    expect(reminder.subject).toBe('Påmindelse om godkendelse af referat fra Børne- og Ungeudvalgets møde onsdag den 22. november 2023');
    expect(reminder.text).toContain('Børne- og Ungeudvalgets sekretariat');
    expect(letter.text + reminder.text).not.toContain('Unges');
  });
});

describe('the numbered parts a printer patches into a laid-out page', () => {
  it('are exactly what the whole page holds, so the patched page is the page written with --html', () => {
    const items = [item({ number: 1, title: 'A', bilag: [{ number: 1, lukket: false, title: 'T' }] })];
    const rendered = renderDocument(meeting(items), { pages: [1, 2, 3, 4], sheets: 5 });
    const [html, numberedParts] = [rendered.html(), rendered.numberedParts];
    expect(numberedParts.map((p) => p.selector)).toEqual(['#indholdsfortegnelse', '#sidetal']);
    for (const part of numberedParts) expect(html).toContain(part.html.trim());
    expect(renderDocument(meeting(items)).html()).not.toContain(numberedParts[0]!.html.trim());
  });
});

describe('pageNumbers', () => {
  it('counts the body from 1 at the first heading after the contents', () => {
    expect(pageNumbers({ pages: [1, 2, 4, 7], sheets: 9 })).toEqual({ body: [1, 3, 6], total: 7 });
  });
});

describe('the attachments after each item (--bilag-efter-punkt)', () => {
  // Front page, contents, items 1-3 on sheets 2, 4, 6, Bilagsoversigt on 8; items 1 and 3 have attachments.
  const sizes = [
    { item: 0, pages: 5 },
    { item: 0, pages: 2 },
    { item: 2, pages: 4 },
  ];
  const print = { pages: [1, 2, 4, 6, 8], sheets: 9 };

  it('finds the empty sheet before the heading after each item with attachments, and numbers the agenda without them', () => {
    const places = attachmentPlaces(sizes);
    expect([...places]).toEqual([
      [0, 7],
      [2, 4],
    ]);
    expect(agendaLayout(print, sizes, true)).toEqual({ agenda: { body: [1, 2, 4, 5], total: 5 }, places: [3, 7] });
    expect(agendaLayout(print, sizes, false)).toEqual({ agenda: pageNumbers(print), places: [] });
  });

  it('numbers the attachments right after their item and moves every heading after them on', () => {
    const agenda = { body: [1, 2, 4, 5], total: 5 };
    expect(attachmentStarts(agenda, sizes, true)).toEqual({ starts: [2, 7, 12], body: [1, 9, 11, 16], total: 16 });
    expect(attachmentStarts(agenda, sizes, false)).toEqual({ starts: [6, 11, 13], body: [1, 2, 4, 5], total: 16 });
  });
});
