import { afterAll, describe, expect, it } from 'vitest';
import { clockTime } from '../../src/shared/clock-time.js';

// The logs keep UTC; the clerk is told the time of the zone agenda runs in (Node reads TZ anew when it is set).

const zone = process.env.TZ;
afterAll(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe('clockTime', () => {
  it('gives a logged moment in Danish time, winter and summer, to the minute', () => {
    process.env.TZ = 'Europe/Copenhagen';
    expect(clockTime('2026-12-07T17:21:28.406Z')).toBe('2026-12-07 18:21');
    expect(clockTime('2026-07-01T22:30:00.000Z')).toBe('2026-07-02 00:30');
  });
  it('gives what it cannot read as it is', () => {
    expect(clockTime('ikke en tid')).toBe('ikke en tid');
  });
});
