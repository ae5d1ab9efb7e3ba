import { afterAll, describe, expect, it } from 'vitest';
import { isRealDate, plusDays, today, weekdayOf, within } from '../../src/shared/dates.js';
import { longDate, numericDate, weekdayDate } from '../../src/shared/danish-dates.js';

// Node re-reads TZ when it is assigned, so one process can walk the zones a clerk's machine may be set to.
const zones = [
  'Etc/GMT+12',
  'Pacific/Pago_Pago',
  'America/Los_Angeles',
  'America/Santiago',
  'UTC',
  'Europe/Copenhagen',
  'Asia/Kathmandu',
  'Pacific/Auckland',
  'Pacific/Kiritimati',
];
const original = process.env.TZ;
afterAll(() => {
  if (original === undefined) delete process.env.TZ;
  else process.env.TZ = original;
});

describe.each(zones)('dates in %s', (zone) => {
  it('checks, adds and names calendar days as written, on clock-change days and 29 February', () => {
    process.env.TZ = zone;
    for (const d of ['2023-03-26', '2023-10-29', '2024-02-29', '2023-11-22', '2023-01-01', '2023-12-31'])
      expect(isRealDate(d), d).toBe(true);
    for (const d of ['2023-02-29', '2023-02-30', '2023-13-01', '2023-00-10', '2023-11-31', '2023-1-01', '20231122', ''])
      expect(isRealDate(d), d).toBe(false);
    expect(plusDays('2023-03-25', 1)).toBe('2023-03-26');
    expect(plusDays('2023-03-26', 1)).toBe('2023-03-27');
    expect(plusDays('2023-10-28', 1)).toBe('2023-10-29');
    expect(plusDays('2023-10-29', 1)).toBe('2023-10-30');
    expect(plusDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(plusDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(plusDays('2023-03-01', -1)).toBe('2023-02-28');
    expect(plusDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(plusDays('2023-01-04', 7 * 52)).toBe('2024-01-03');
    // Every day of a year in a row: weekdays cycle Monday (1) to Sunday (7), never a day skipped or twice.
    let day = '2023-01-02'; // a Monday
    for (let i = 0; i < 366; i++, day = plusDays(day, 1)) expect(weekdayOf(day)).toBe((i % 7) + 1);
    expect(weekdayOf('2023-03-26')).toBe(7);
    expect(weekdayOf('2023-10-29')).toBe(7);
    expect(weekdayOf('2024-02-29')).toBe(4);
    expect(within('2023-10-29', '2023-10-29', '2023-10-29')).toBe(true);
    expect(weekdayDate('2023-11-22')).toBe('Onsdag den 22. november 2023');
    expect(longDate('2023-03-26')).toBe('26. marts 2023');
    expect(numericDate('2023-10-29')).toBe('29-10-2023');
    expect(weekdayDate('2024-02-29')).toBe('Torsdag den 29. februar 2024');
  });

  it('takes today as the local date, not UTC', () => {
    process.env.TZ = zone;
    const instant = new Date(Date.UTC(2023, 10, 22, 23, 30)); // 22 November 23:30 UTC
    const local = `${instant.getFullYear()}-${String(instant.getMonth() + 1).padStart(2, '0')}-${String(instant.getDate()).padStart(2, '0')}`;
    expect(today(instant)).toBe(local);
    expect(today(instant) === '2023-11-23').toBe(instant.getTimezoneOffset() < -30);
  });
});
