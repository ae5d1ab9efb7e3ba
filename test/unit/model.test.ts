import { readDefaultStyle } from '../../src/input/house-style.js';
import { folderAt } from '../../src/input/repository.js';
import { describe, expect, it } from 'vitest';
import type { MeetingSources } from '../../src/input/sources.js';
import { forwardPlanOn } from '../../src/model/forward-plan.js';
import { mergeItems } from '../../src/model/items.js';
import { buildMeeting } from '../../src/model/merge.js';
import { scheduledDates } from '../../src/input/schedule.js';
import { seatsOn } from '../../src/model/seats.js';

const style = await readDefaultStyle();
const itemDefaults = {
  fileAt: () => ({ file: 'm.yaml', line: 1, col: 1, path: '' }),
  sections: style.afsnit,
  earlierDecisions: () => [],
  caseTreatments: () => [],
  treatmentsFromCase: false,
  present: { present: [] },
  forwardPlan: { meetings: [], awaiting: [] },
  plannedPoints: [],
  politicalReview: () => undefined,
};

describe('seatsOn', () => {
  const members = [
    { titel: 'Kommunaldirektør', navn: 'Ny', fra: '2023-11-01' },
    { titel: 'Kommunaldirektør', navn: 'Gammel', til: '2023-06-30' },
    { titel: 'Velfærdsdirektør', navn: 'Lene' },
  ];
  it('gives each seat its holder on the day, in the order first listed, and no name for a vacant seat', () => {
    expect(seatsOn(members, '2023-05-01')).toEqual([
      { title: 'Kommunaldirektør', name: 'Gammel' },
      { title: 'Velfærdsdirektør', name: 'Lene' },
    ]);
    expect(seatsOn(members, '2023-09-06')).toEqual([{ title: 'Kommunaldirektør' }, { title: 'Velfærdsdirektør', name: 'Lene' }]);
    expect(seatsOn(members, '2023-11-01')[0]).toEqual({ title: 'Kommunaldirektør', name: 'Ny' });
  });
});

describe('scheduledDates', () => {
  it('lists the weekday from the first on, with cancellations and extra dates', () => {
    const dates = scheduledDates({
      ugedag: 'onsdag',
      fra: '2023-10-02',
      til: '2023-10-25',
      aflyst: [{ dato: '2023-10-18', årsag: 'Efterårsferie' }],
      ekstra: ['2023-10-20'],
    });
    expect(dates).toEqual([
      { date: '2023-10-04' },
      { date: '2023-10-11' },
      { date: '2023-10-18', cancelled: 'Efterårsferie' },
      { date: '2023-10-20' },
      { date: '2023-10-25' },
    ]);
  });
});

describe('forwardPlanOn', () => {
  const schedule = { ugedag: 'onsdag' as const, fra: '2023-11-01', til: '2023-12-06' };
  const plan = {
    møder: [
      { dato: '2023-11-15', punkter: [{ tekst: 'I dag', tilføjet: undefined, fjernet: undefined }] },
      {
        dato: '2023-11-22',
        punkter: [
          { tekst: 'Gammelt', fjernet: '2023-11-08' },
          { tekst: 'Nyt', tilføjet: '2023-11-08' },
        ],
      },
      {
        dato: '2023-12-07',
        punkter: [
          { tekst: 'Torsdag', tilføjet: undefined, fjernet: undefined },
          { tekst: 'Lukket', lukket: true },
        ],
      },
    ],
    afventer_dato: [{ tekst: 'Venter', tilføjet: undefined, fjernet: undefined }],
  };

  it('shows every later meeting to the end of the schedule, empty ones too, with the plan as it stood that day', () => {
    expect(forwardPlanOn(plan, schedule, '2023-11-01')).toEqual({
      meetings: [
        { date: '2023-11-08', points: [] },
        { date: '2023-11-15', points: [{ text: 'I dag', lukket: false }] },
        { date: '2023-11-22', points: [{ text: 'Gammelt', lukket: false }] },
        { date: '2023-11-29', points: [] },
        { date: '2023-12-06', points: [] },
        {
          date: '2023-12-07',
          points: [
            { text: 'Torsdag', lukket: false },
            { text: 'Lukket', lukket: true },
          ],
        },
      ],
      awaiting: [{ text: 'Venter', lukket: false }],
    });
  });

  it('rebuilt for a later meeting, drops what was taken off and shows what was added, and nothing of the past', () => {
    expect(forwardPlanOn(plan, schedule, '2023-11-15').meetings).toEqual([
      { date: '2023-11-22', points: [{ text: 'Nyt', lukket: false }] },
      { date: '2023-11-29', points: [] },
      { date: '2023-12-06', points: [] },
      {
        date: '2023-12-07',
        points: [
          { text: 'Torsdag', lukket: false },
          { text: 'Lukket', lukket: true },
        ],
      },
    ]);
  });
});

describe('mergeItems', () => {
  const standing = [
    { id: 'først', titel: 'Fast først', afsnit: { indstilling: { før: 'Fast indstilling', efter: undefined } } },
    {
      id: 'sidst',
      titel: 'Fast sidst',
      placering: 'sidst' as const,
      kommende_møder: true,
      afsnit: { sagsfremstilling: { før: 'Før', efter: 'Efter' } },
    },
  ];
  const plan = { meetings: [], awaiting: [{ text: 'Venter', lukket: false }] };
  const defaults = { ...itemDefaults, forwardPlan: plan };

  it('puts standing items first and last around the meeting’s own, numbered from 1, with the fixed text around the new', () => {
    const items = mergeItems(
      standing,
      [
        { titel: 'Eget punkt', lukket: true, afsnit: {} },
        { fast: 'sidst', afsnit: { sagsfremstilling: { tekst: 'Nyt', lukket: false } } },
      ],
      { ...defaults, sagsgang: 'DIR' },
    );
    expect(items.map((i) => [i.number, i.title, i.lukket, i.sagsgang])).toEqual([
      [1, 'Fast først', false, 'DIR'],
      [2, 'Eget punkt', true, 'DIR'],
      [3, 'Fast sidst', false, 'DIR'],
    ]);
    expect(items[0]!.sections[2]).toEqual({
      key: 'indstilling',
      heading: 'Indstilling',
      main: false,
      before: 'Fast indstilling',
      text: undefined,
      after: undefined,
    });
    expect(items[2]!.sections[0]).toEqual({
      key: 'sagsfremstilling',
      heading: 'Sagsfremstilling',
      main: true,
      before: 'Før',
      text: { text: 'Nyt', lukket: false },
      after: 'Efter',
    });
    expect(items[2]!.forwardPlan).toBe(plan);
    expect(items[0]!.forwardPlan).toBeUndefined();
  });

  it('closes every attachment of a closed item', () => {
    const [item] = mergeItems([], [{ titel: 'P', lukket: true, bilag: [{ titel: 'A' }], afsnit: {} }], defaults);
    expect(item!.bilag).toEqual([{ number: 1, lukket: true, title: 'A', document: undefined }]);
  });

  it('numbers attachments by their place unless the clerk numbers them', () => {
    const [item] = mergeItems(
      [],
      [{ titel: 'P', bilag: [{ titel: 'A' }, { nummer: 7, titel: 'B' }, { lukket: true }], afsnit: {} }],
      defaults,
    );
    expect(item!.bilag).toEqual([
      { number: 1, lukket: false, title: 'A', document: undefined },
      { number: 7, lukket: false, title: 'B', document: undefined },
      { number: 3, lukket: true, title: undefined, document: undefined },
    ]);
  });
});

describe('buildMeeting', () => {
  const sources = (beslutning?: { tekst: string; lukket: boolean }): MeetingSources => ({
    date: '2023-11-22',
    folder: folderAt('meetings'),
    style,
    committee: { navn: 'Direktionen', sted: 'Rådhuset', start: '9:00', slut: '17:00', medlemmer: [{ titel: 'Direktør', navn: 'A' }] },
    standingItems: { punkter: [] },
    forwardPlan: {},
    meeting: { slut: '12:00', punkter: [{ titel: 'P', beslutning, afsnit: {} }] },
  });

  it('is an agenda without decisions and minutes with one', () => {
    expect(buildMeeting(sources()).kind).toBe('dagsorden');
    expect(buildMeeting(sources({ tekst: 'Godkendt.', lukket: false })).kind).toBe('referat');
  });

  it('takes place and times from the committee unless the meeting says otherwise', () => {
    expect(buildMeeting(sources())).toMatchObject({ place: 'Rådhuset', start: '9:00', end: '12:00', authority: 'Direktionen' });
  });
});

describe('earlier treatments', () => {
  const entry = {
    titel: 'Sag',
    sag: '14/1',
    tidligere_behandlinger: [{ udvalg: 'Kommunalbestyrelsen', dato: '2012-01-30', punkt: 5 }],
    afsnit: {},
  };
  const fromCase = [{ committee: 'Økonomiudvalget', date: '2014-09-01', number: 3 }];
  it('lists those written by hand, and the case’s history only where the house wants it', () => {
    const [own] = mergeItems([], [entry], { ...itemDefaults, caseTreatments: () => fromCase });
    expect(own?.treatments).toEqual([{ committee: 'Kommunalbestyrelsen', date: '2012-01-30', number: 5 }]);
    const [both] = mergeItems([], [entry], { ...itemDefaults, caseTreatments: () => fromCase, treatmentsFromCase: true });
    expect(both?.treatments).toEqual([{ committee: 'Kommunalbestyrelsen', date: '2012-01-30', number: 5 }, ...fromCase]);
  });
});
