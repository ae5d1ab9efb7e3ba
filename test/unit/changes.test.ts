import { describe, expect, it } from 'vitest';
import { readDefaultStyle } from '../../src/input/house-style.js';
import { sentDay } from '../../src/render/changes.js';
import { toFolder } from '../../src/input/repository.js';
import { meetingFor } from '../../src/pipeline/document.js';
import { readMeetingSources } from '../../src/pipeline/sources.js';
import { letterFor } from '../../src/send/message.js';
import { closedFixture } from '../support/markers.js';

import { closedWords, compareVersions, publicChanges, withheld, type Change } from '../../src/model/changes.js';
import type { DocumentVersion, VersionItem } from '../../src/model/versions.js';

const item = (number: number, title: string, text = `Tekst til ${title}.`): VersionItem => ({
  number,
  title,
  lukket: false,
  sections: [{ heading: 'Sagsfremstilling', text }],
  bilag: [],
});
const version = (...items: VersionItem[]): DocumentVersion => ({ kind: 'dagsorden', audience: 'medlemmer', date: '2023-11-22', items });

describe('what changed between two versions', () => {
  it('an item renumbered because one came before it did not move; one taken out of its order did', () => {
    const [a, b, c] = [item(1, 'A'), item(2, 'B'), item(3, 'C')];
    expect(compareVersions(version(a, b, c), version(a, item(2, 'Ny'), { ...b, number: 3 }, { ...c, number: 4 }))).toEqual([
      { type: 'item-added', number: 2, title: 'Ny' },
    ]);
    expect(compareVersions(version(a, b, c), version({ ...c, number: 1 }, { ...a, number: 2 }, { ...b, number: 3 }))).toEqual([
      { type: 'item-moved', from: 3, number: 1, title: 'C' },
    ]);
  });

  it('a removed item is told at its old number; a retitled one at its place, word by word', () => {
    const changes = compareVersions(version(item(1, 'A'), item(2, 'Gammel titel', 'x')), version(item(1, 'A'), item(2, 'Ny titel', 'x')));
    expect(changes).toEqual([
      {
        type: 'title-changed',
        number: 2,
        title: 'Ny titel',
        parts: [{ text: 'Gammel', removed: true }, { text: 'Ny', added: true }, { text: ' titel' }],
      },
    ]);
    expect(compareVersions(version(item(1, 'A'), item(2, 'B')), version(item(1, 'A')))).toEqual([
      { type: 'item-removed', number: 2, title: 'B' },
    ]);
  });

  it('an attachment whose file changed is replaced; the same file under the same number is no change', () => {
    const withFile = (sha256: string): VersionItem => ({ ...item(1, 'A'), bilag: [{ number: 1, title: 'Notat', sha256 }] });
    expect(compareVersions(version(withFile('a'.repeat(64))), version(withFile('a'.repeat(64))))).toEqual([]);
    expect(compareVersions(version(withFile('a'.repeat(64))), version(withFile('b'.repeat(64))))).toEqual([
      { type: 'attachment-replaced', number: 1, title: 'A', attachment: '1.1 Notat' },
    ]);
  });
});

describe("what a version prints besides the items' texts, told once", () => {
  const printedOf = (kind: DocumentVersion['kind'], ...items: VersionItem[]): DocumentVersion => ({
    ...version(...items),
    kind,
    front: [],
    bilagHeading: 'Bilag',
  });
  const notat = { number: 1, title: 'Notat', file: 'notat.pdf', document: '12/23' };

  it("an attachment added before another is told as added, not also as the table's document numbers; a kept one's number is", () => {
    const was = { ...item(1, 'A'), bilag: [notat] };
    const added = {
      ...item(1, 'A'),
      bilag: [
        { number: 1, title: 'Nyt', file: 'nyt.pdf', document: '99/24' },
        { ...notat, number: 2 },
      ],
    };
    expect(compareVersions(printedOf('dagsorden', was), printedOf('dagsorden', added))).toEqual([
      { type: 'attachment-added', number: 1, title: 'A', attachment: '1.1 Nyt' },
    ]);
    const renumbered = { ...item(1, 'A'), bilag: [{ ...notat, document: '12/24' }] };
    expect(compareVersions(printedOf('dagsorden', was), printedOf('dagsorden', renumbered))).toMatchObject([
      { type: 'text-changed', heading: 'Bilag', parts: [{ text: '1.1 12/' }, { text: '23', removed: true }, { text: '24', added: true }] },
    ]);
  });

  it("tells no attachment's number against a version kept before the numbers were (no bilagHeading)", () => {
    const withNumber = { ...item(1, 'A'), bilag: [notat] };
    const { bilagHeading: _, ...earlier } = printedOf('dagsorden', { ...item(1, 'A'), bilag: [{ ...notat, document: undefined }] });
    expect(compareVersions(earlier, printedOf('dagsorden', withNumber))).toEqual([]);
  });

  it('what only the minutes print is no change from the agenda to its minutes, and one between two minutes', () => {
    const mark = (text: string): VersionItem => ({ ...item(1, 'A'), printed: [{ heading: 'Tillægsdagsorden', text, minutes: true }] });
    expect(compareVersions(printedOf('dagsorden', item(1, 'A')), printedOf('referat', mark('Tillægspunkt')))).toEqual([]);
    expect(compareVersions(printedOf('referat', item(1, 'A')), printedOf('referat', mark('Tillægspunkt')))).toMatchObject([
      { type: 'text-changed', heading: 'Tillægsdagsorden' },
    ]);
  });
});

describe('the case history an item shows', () => {
  const recorded = (...items: VersionItem[]): DocumentVersion => ({ ...version(...items), caseHistory: true });
  const withSteps = (...history: NonNullable<VersionItem['history']>) => ({ ...item(1, 'Salg'), history });
  const ok = { committee: 'Økonomiudvalget', date: '2024-01-09', decision: 'Anbefalet.' };
  const named = { number: 1, title: 'Salg' };

  it('tells an earlier meeting added, removed, and decided otherwise (word by word), each by committee and day', () => {
    const tu = { committee: 'Teknisk udvalg', date: '2024-01-08', number: 4 };
    expect(compareVersions(recorded(withSteps(tu, ok)), recorded(withSteps({ ...ok, decision: 'Ikke anbefalet.' })))).toEqual([
      {
        type: 'history-changed',
        ...named,
        step: { committee: 'Økonomiudvalget', date: '2024-01-09' },
        parts: [{ text: 'Anbefalet', removed: true }, { text: 'Ikke anbefalet', added: true }, { text: '.' }],
      },
      { type: 'history-removed', ...named, step: { committee: 'Teknisk udvalg', date: '2024-01-08' } },
    ]);
    expect(compareVersions(recorded(item(1, 'Salg')), recorded(withSteps(tu)))).toEqual([
      { type: 'history-added', ...named, step: { committee: 'Teknisk udvalg', date: '2024-01-08' } },
    ]);
  });

  it('quotes no words of a decision closed on either side, and marks the meeting closed', () => {
    const closed = { ...ok, decision: '(lukket beslutning)', lukket: true };
    expect(compareVersions(recorded(withSteps(ok)), recorded(withSteps(closed)))).toEqual([
      { type: 'history-changed', ...named, step: { committee: 'Økonomiudvalget', date: '2024-01-09', lukket: true } },
    ]);
  });

  it('publicly: a decision closed since is left out of the earlier version, another committee’s beside it still compared', () => {
    const tu = { committee: 'Teknisk udvalg', date: '2024-01-08', decision: 'Godkendt.' };
    const tuNow = { ...tu, decision: 'Godkendt med ændringer.' };
    const earlier = recorded(withSteps(ok, tu));
    const members = recorded(withSteps({ ...ok, decision: '(lukket beslutning)', lukket: true }, tuNow));
    const open = recorded(withSteps(tuNow));
    // No word closed now that the earlier version quotes: the pairing alone is what is tested.
    expect(publicChanges(earlier, open, { medlemmer: members, offentlig: open, words: new Set() })).toEqual([
      {
        type: 'history-changed',
        ...named,
        step: { committee: 'Teknisk udvalg', date: '2024-01-08' },
        parts: [{ text: 'Godkendt' }, { text: ' med ændringer', added: true }, { text: '.' }],
      },
    ]);
  });

  it('is not compared with a version kept before it was recorded: none of it is told as added', () => {
    expect(compareVersions(version(item(1, 'Salg')), recorded(withSteps(ok)))).toEqual([]);
  });
});

describe('the record of a decision: who did not take part, the vote, the protokoltilførsel', () => {
  const heading = 'Beslutning i Økonomiudvalget den 09-01-2024';
  const kept = (...items: VersionItem[]): DocumentVersion => ({ ...version(...items), records: true });
  const withRecord = (text: string): VersionItem => ({ ...item(1, 'Salg'), record: { heading, text } });
  const vote = 'Imod stemte: O (1)';

  it('tells its lines changed under the decision’s heading, word by word', () => {
    expect(compareVersions(kept(withRecord(vote)), kept(withRecord('Imod stemte: O og F (2)')))).toEqual([
      {
        type: 'text-changed',
        number: 1,
        title: 'Salg',
        heading,
        parts: [
          { text: 'Imod stemte: O ' },
          { text: 'og F ', added: true },
          { text: '(' },
          { text: '1', removed: true },
          { text: '2', added: true },
          { text: ')' },
        ],
      },
    ]);
    expect(compareVersions(kept(item(1, 'Salg')), kept(withRecord(vote)))).toEqual([
      { type: 'text-changed', number: 1, title: 'Salg', heading, parts: [{ text: vote, added: true }] },
    ]);
  });

  it('is not compared with a version kept before it was: none of it is told as added', () => {
    expect(compareVersions(version(item(1, 'Salg')), kept(withRecord(vote)))).toEqual([]);
  });

  it('publicly: a record closed since (its decision closed) is left out of the earlier version, not told as removed', () => {
    const earlier = kept(withRecord(vote));
    const members = kept(withRecord('Imod stemte: O og F (2)'));
    const open = kept(item(1, 'Salg'));
    expect(publicChanges(earlier, open, { medlemmer: members, offentlig: open, words: new Set() })).toEqual([]);
  });
});

describe('what a public change quotes of the earlier version', () => {
  const closed = { ...item(3, 'Lønramme for Hansen', 'Lønrammen for Hansen hæves.'), lukket: true };
  // A protokoltilførsel, say: whatever a closed item holds is closed.
  const dissent = [{ text: 'Kim ønsker udbud.' }];
  const members = version(item(1, 'Budget', 'Budgettet er klar.\n\nSe bilag.'), {
    ...closed,
    sections: [...closed.sections, { heading: 'Indstilling', text: 'Se bilag.' }],
    dissent,
  } as VersionItem);
  const open = version(item(1, 'Budget', 'Budgettet er klar.\n\nSe bilag.'), { ...closed, title: 'Lønramme', sections: [] });
  const words = closedWords(members, open);
  const removed = (text: string): Change => ({
    type: 'text-changed',
    number: 1,
    title: 'Budget',
    heading: 'Sagsfremstilling',
    parts: [{ text: 'Budgettet er klar.' }, { text, removed: true }],
  });

  it('withholds a run removed that shares one word with a text closed now (any field of a closed item), in any case, even inflected', () => {
    for (const text of [
      ' Lønrammen for Hansen hæves.',
      ' HANSEN får mere.',
      ' Lønram stiger.',
      ' Udbud.',
      ' Lønrammen hæves med 3 procent.',
      // A closed name of three letters, inflected (Kim, Kims).
      ' Kims forslag',
    ])
      expect(withheld([removed(text)], words)).toEqual([
        // The run's spaces kept around "…".
        { ...removed(text), parts: [{ text: 'Budgettet er klar.' }, { text: ' …', removed: true, withheld: true }] },
      ]);
  });

  it('quotes a run that shares no word with one, or only words of a paragraph the public reads now as well', () => {
    for (const text of [' Vejene skal asfalteres.', ' Se bilag.']) expect(withheld([removed(text)], words)).toEqual([removed(text)]);
  });

  it('names an item, sub-item or attachment removed whose title shares a word without its title', () => {
    const changes: Change[] = [
      { type: 'item-removed', number: 2, title: 'Hansens løn' },
      { type: 'sub-item-removed', number: 1, title: 'Budget', letter: 'a', subTitle: 'Lønramme' },
      { type: 'attachment-removed', number: 1, title: 'Budget', attachment: '1.2 Notat om lønrammen' },
      { type: 'item-removed', number: 4, title: 'Vejplan' },
    ];
    expect(withheld(changes, words)).toEqual([
      { type: 'item-removed', number: 2, title: '…', withheld: true },
      { type: 'sub-item-removed', number: 1, title: 'Budget', letter: 'a', subTitle: '…', withheld: true },
      { type: 'attachment-removed', number: 1, title: 'Budget', attachment: '1.2', withheld: true },
      { type: 'item-removed', number: 4, title: 'Vejplan' },
    ]);
  });
});

describe('what a public change quotes, however the words are typed or compounded', () => {
  /**
   * The public diff of an open item's text `was` removed, with a closed item `closed` new: the removed words, as they
   * would be quoted (jsdiff's runs, judged by withheld).
   */
  const quoted = (was: string, closed: string) => {
    const open = item(1, 'Orientering', was);
    const secret = { ...item(2, 'Klage', closed), lukket: true };
    const words = closedWords(version(secret), version({ ...secret, title: 'Lukket punkt', sections: [] }));
    const changes = withheld(compareVersions(version(open), version({ ...open, sections: [] }, secret)), words);
    return changes.flatMap((c) => ('parts' in c && c.parts ? c.parts.filter((p) => p.removed && !p.withheld).map((p) => p.text) : []));
  };
  const name = 'Orientering ved Håkon Gårdbo.';

  // Each case by itself, so that a failure names every one that quotes.
  const quotedOf = (cases: Array<[string, string]>) => cases.map(([was, closed]) => ({ was, quoted: quoted(was, closed) }));
  const none = (cases: Array<[string, string]>) => cases.map(([was]) => ({ was, quoted: [] }));

  it('withholds a closed name in another Unicode form, with a soft hyphen or a zero-width space, or a ligature', () => {
    const cases: Array<[string, string]> = [
      [name.normalize('NFD'), 'Klage fra Håkon Gårdbo.'],
      [name, 'Klage fra Håkon Gårdbo.'.normalize('NFD')],
      ['Orientering ved Karen.', 'Klage fra Ka\u00adren.'],
      ['Orientering ved Karen.', 'Klage fra Ka\u200bren.'],
      ['Orientering om \ufb02ytning.', 'Klage over flytning.'],
    ];
    expect(cases[0]?.[0]).not.toBe(name);
    expect(quotedOf(cases)).toEqual(none(cases));
  });

  it('withholds a compound that ends in a closed word, and a short closed name inflected', () => {
    const cases: Array<[string, string]> = [
      ['Lærerafskedigelsen gennemføres.', 'Sag om afskedigelse'],
      ['Orlov til Bos.', 'Klage fra Bo.'],
      ["Orlov til Bos' kone.", 'Klage fra Bo.'],
    ];
    expect(quotedOf(cases)).toEqual(none(cases));
  });

  it('withholds a short closed name in a genitive written with an apostrophe Unicode counts as a letter', () => {
    const cases: Array<[string, string]> = ['\u02bc', '\u02b9', '\u02bb', '\u02c8', '\u02bd', '\u02be', '\ua78c'].map((mark) => [
      `Orlov til Bo${mark}s kone.`,
      'Klage fra Bo.',
    ]);
    expect(quotedOf(cases)).toEqual(none(cases));
  });

  it('still quotes words that share none: a short stem is not looked for within a word', () => {
    expect(quoted('Vejene asfalteres.', 'Klage fra Bo.')).toEqual(['Vejene asfalteres.']);
    expect(quoted('Forslaget vedtages.', 'Klage fra Kim om tag.')).toEqual(['Forslaget vedtages.']);
  });
});

describe('the day a version was sent', () => {
  it('is the day in Denmark, whatever the machine’s time zone', async () => {
    const style = await readDefaultStyle();
    const machine = process.env.TZ;
    // Node reads TZ again when it is set: the machine's clock in UTC, half past midnight in Copenhagen.
    process.env.TZ = 'UTC';
    try {
      expect(sentDay(style, '2023-11-19T23:30:00.000Z')).toBe('20. november 2023');
    } finally {
      if (machine === undefined) delete process.env.TZ;
      else process.env.TZ = machine;
    }
  });
});

describe('the mail of a corrected version', () => {
  it('names a closed item by its public title, and a closed item removed by the house’s word for one', async () => {
    const { sources } = await readMeetingSources(await toFolder(closedFixture), '2024-03-06');
    const meeting = await meetingFor(sources, 'medlemmer');
    const changes: Change[] = [
      { type: 'text-changed', number: 2, title: 'Personalesag XQZSECRET05', lukket: true, heading: 'Sagsfremstilling', parts: [] },
      { type: 'item-removed', number: 9, title: 'Fjernet XQZSECRET99', lukket: true },
    ];
    const letter = letterFor(meeting, { email: 'a@example.org' }, 'x.pdf', { sentAt: '2024-03-01T10:00:00Z', changes });
    expect(letter.text).toContain('Punkt 2 Personalesag: Sagsfremstilling er ændret');
    expect(letter.text).toContain(`Punkt 9 er fjernet: ${meeting.style.ord.lukket_punkt}`);
    expect(letter.text).not.toContain('XQZSECRET');
  });

  it('names an earlier meeting of the case’s history closed there, or of a closed item, by the house’s word, not its committee and day', async () => {
    const { sources } = await readMeetingSources(await toFolder(closedFixture), '2024-03-06');
    const meeting = await meetingFor(sources, 'medlemmer');
    const step = { committee: 'Økonomiudvalget', date: '2024-01-09' };
    const changes: Change[] = [
      { type: 'history-changed', number: 1, title: 'Salg', step: { ...step, lukket: true } },
      { type: 'history-removed', number: 2, title: 'Personalesag XQZSECRET05', lukket: true, step },
      { type: 'history-added', number: 1, title: 'Salg', step: { committee: 'Teknisk udvalg', date: '2024-01-08' } },
    ];
    const letter = letterFor(meeting, { email: 'a@example.org' }, 'x.pdf', { sentAt: '2024-03-01T10:00:00Z', changes });
    expect(letter.text).toContain(`Punkt 1 Salg: tidligere behandling (${meeting.style.ord.lukket_behandling}) er ændret`);
    expect(letter.text).toContain('Punkt 1 Salg: tidligere behandling (Teknisk udvalg 8. januar 2024) er tilføjet');
    expect(letter.text).toContain(`Punkt 2 Personalesag: tidligere behandling (${meeting.style.ord.lukket_behandling}) er fjernet`);
    expect(letter.text).not.toContain('Økonomiudvalget');
  });
});
