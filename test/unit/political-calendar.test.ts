import { describe, expect, it } from 'vitest';
import type { CalendarInput } from '../../src/input/schema/calendar.js';
import { pointsOn } from '../../src/model/forward-plan.js';
import { mergeItems } from '../../src/model/items.js';
import { politicalReview } from '../../src/model/political-calendar.js';
import { neighboursOf, scheduledDates } from '../../src/input/schedule.js';
import { calendarSummary, politicalMeetingMinute, politicalMeetingName, rulLine } from '../../src/render/danish.js';
import { readDefaultStyle } from '../../src/input/house-style.js';

const words = (await readDefaultStyle()).ord;

const calendar: CalendarInput = {
  udvalg: [
    { kort: 'KB', navn: 'Kommunalbestyrelsen', møde: 'Kommunalbestyrelsesmøde' },
    { kort: 'ØK', navn: 'Økonomiudvalget', møde: 'Økonomiudvalgsmøde' },
    { kort: 'BUU', navn: 'Børne- og Ungdomsudvalget', møde: 'Børne- og Ungdomsudvalgsmøde' },
  ],
  rul: ['ØK', 'KB'],
  møder: [
    { dato: '2024-01-09', udvalg: 'KB' },
    { dato: '2024-01-02', udvalg: 'ØK', aflyst: true },
    { dato: '2024-01-03', udvalg: 'ØK', type: 'ekstraordinært' },
    { dato: '2024-01-04', udvalg: 'BUU' },
    { dato: '2024-01-10', udvalg: 'BUU' },
    { dato: '2024-01-16', udvalg: 'BUU' },
    { dato: '2024-01-30', udvalg: 'ØK' },
    { dato: '2024-02-06', udvalg: 'KB', type: 'temamøde' },
    { dato: '2024-02-06', udvalg: 'KB', type: '2. behandling' },
    { dato: '2024-02-07', udvalg: 'BUU' },
  ],
};
const names = (list: Array<{ date: string; meetingName: string }>) => list.map((m) => `${m.meetingName} ${m.date}`);

describe('politicalReview', () => {
  const review = politicalReview(
    calendar,
    '2024-01-10',
    { previous: '2024-01-03', next: '2024-01-17' },
    { 'BUU 2024-01-04': 'Godt møde.' },
  );

  it('splits the calendar at the previous, this and the next meeting, and looks ahead to the next closing meeting', () => {
    expect(names(review.held)).toEqual([
      'Økonomiudvalgsmøde 2024-01-03',
      'Børne- og Ungdomsudvalgsmøde 2024-01-04',
      'Kommunalbestyrelsesmøde 2024-01-09',
    ]);
    expect(names(review.agenda)).toEqual(['Børne- og Ungdomsudvalgsmøde 2024-01-10', 'Børne- og Ungdomsudvalgsmøde 2024-01-16']);
    // Up to and including the next KB that decides (not the theme meeting), with everything on its day.
    expect(names(review.coming)).toEqual([
      'Økonomiudvalgsmøde 2024-01-30',
      'Kommunalbestyrelsesmøde 2024-02-06',
      'Kommunalbestyrelsesmøde 2024-02-06',
    ]);
    expect(review.held[1]!.note).toBe('Godt møde.');
  });

  it('names the cycle whose closing meeting is still to come, each committee by its last deciding meeting in it', () => {
    expect(review.rul).toEqual([
      { abbreviation: 'ØK', date: '2024-01-30' },
      { abbreviation: 'KB', date: '2024-02-06' },
    ]);
    expect(rulLine(review.rul!, words)).toBe('Rul februar: ØK d. 30/1 2024, KB d. 6/2 2024');
    // On the day of the closing meeting that cycle is still the one under way; a cancelled meeting has no part in it.
    expect(politicalReview(calendar, '2024-01-09', {}).rul).toEqual([
      { abbreviation: 'ØK', date: '2024-01-03' },
      { abbreviation: 'KB', date: '2024-01-09' },
    ]);
  });

  it('uses a week either side where the schedule has no previous or next meeting', () => {
    const alone = politicalReview(calendar, '2024-01-10', {});
    expect(names(alone.held)[0]).toBe('Økonomiudvalgsmøde 2024-01-03');
    expect(names(alone.agenda)).toEqual(['Børne- og Ungdomsudvalgsmøde 2024-01-10', 'Børne- og Ungdomsudvalgsmøde 2024-01-16']);
  });
});

describe('political meetings in Danish', () => {
  const [cancelled, extra] = politicalReview(calendar, '2024-01-08', { previous: '2024-01-01', next: '2024-01-15' }).held;
  const theme = politicalReview(calendar, '2024-02-06', { previous: '2024-01-30', next: '2024-02-13' }).agenda[0]!;
  it('names each kind of meeting, with the year only where it is not the meeting’s', () => {
    expect(politicalMeetingName(extra!, '2024-01-08', words)).toBe('Ekstraordinært Økonomiudvalgsmøde d. 3. januar');
    expect(politicalMeetingName(cancelled!, '2023-12-27', words)).toBe('Økonomiudvalgsmøde d. 2. januar 2024 (aflyst)');
    expect(politicalMeetingName(theme, '2024-02-07', words)).toBe('Temamøde i Kommunalbestyrelsen d. 6. februar');
  });
  it('names a committee’s meeting in a calendar feed, cancelled in the house’s own words', () => {
    expect(calendarSummary('Økonomiudvalget', undefined, false, words)).toBe('Økonomiudvalgets møde');
    expect(calendarSummary('Økonomiudvalget', undefined, true, words)).toBe('Økonomiudvalgets møde (aflyst)');
    expect(calendarSummary('Økonomiudvalget', undefined, true, { ...words, politisk_aflyst: 'AFLYST: {møde}' })).toBe(
      'AFLYST: Økonomiudvalgets møde',
    );
    expect(calendarSummary('Børn og Unge', 'Børne- og Ungeudvalgets', false, words)).toBe('Børne- og Ungeudvalgets møde');
  });
  it('words the minutes’ lines: held, to be held, cancelled', () => {
    expect(politicalMeetingMinute(extra!, '2024-01-08', true, words)).toBe(
      'Der blev afholdt ekstraordinært Økonomiudvalgsmøde d. 3. januar.',
    );
    expect(politicalMeetingMinute(cancelled!, '2024-01-08', true, words)).toBe('Økonomiudvalgsmøde d. 2. januar var aflyst.');
    expect(politicalMeetingMinute(theme, '2024-02-07', false, words)).toBe('Der afholdes temamøde i Kommunalbestyrelsen d. 6. februar.');
  });
});

describe('Direktionen’s schedule', () => {
  const schedule = {
    ugedag: 'onsdag' as const,
    fra: '2023-12-01',
    til: '2023-12-31',
    aflyst: [{ dato: '2023-12-27', årsag: 'Jul' }],
    flyttet: [{ fra: '2023-12-13', til: '2023-12-14' }],
  };
  it('moves a meeting to its new day and skips cancelled ones when finding the neighbours', () => {
    expect(scheduledDates(schedule).map((s) => s.date)).toEqual(['2023-12-06', '2023-12-14', '2023-12-20', '2023-12-27']);
    expect(neighboursOf(schedule, '2023-12-20')).toEqual({ previous: '2023-12-14', next: undefined });
    expect(neighboursOf(schedule, '2023-12-06')).toEqual({ previous: undefined, next: '2023-12-14' });
  });
});

describe('the forward plan’s points on their day', () => {
  const plan = { møder: [{ dato: '2023-11-29', punkter: [{ tekst: 'A' }, { tekst: 'B', fjernet: '2023-11-29' }] }] };
  const standing = [{ id: 'behandling', titel: 'Punkter til behandling', fra_plan: true, afsnit: {} }];
  const defaults = {
    sections: [],
    earlierDecisions: () => [],
    caseTreatments: () => [],
    treatmentsFromCase: false,
    present: { present: [] },
    forwardPlan: { meetings: [], awaiting: [] },
    plannedPoints: pointsOn(plan, '2023-11-29'),
    politicalReview: () => undefined,
    fileAt: () => ({ file: 'm.yaml', line: 1, col: 1, path: '' }),
  };
  it('land in the timetable of the item that takes them, times left open, unless the meeting writes its own', () => {
    expect(mergeItems(standing, [], defaults)[0]!.tidsplan).toEqual([{ subject: 'A', lukket: false }]);
    expect(
      mergeItems(standing, [{ fast: 'behandling', tidsplan: [{ tid: '10.00', punkt: 'Eget' }], afsnit: {} }], defaults)[0]!.tidsplan,
    ).toEqual([{ time: '10.00', subject: 'Eget', lukket: false }]);
    expect(mergeItems([{ id: 'x', titel: 'X', afsnit: {} }], [], defaults)[0]!.tidsplan).toEqual([]);
  });
});
