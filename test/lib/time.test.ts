// lib/time remembers zone offsets per minute (luxon asks Intl every time otherwise): the answers
// must stay exact on both sides of a transition, however the cache was warmed.
import { describe, expect, it } from 'vitest';
import { formatClock, localDate, zonedInstant } from '../../src/lib/time.js';

describe('zone offsets remembered per minute', () => {
  it('are exact on both sides of a daylight-saving change, read in any order', () => {
    const chicago = 'America/Chicago';
    // 2027-03-14 02:00 CST does not exist: clocks go from 1:59:59 CST to 3:00 CDT (08:00 UTC).
    const before = new Date('2027-03-14T07:59:59.999Z');
    const at = new Date('2027-03-14T08:00:00.000Z');
    for (let round = 0; round < 2; round++) {
      expect(formatClock(at, chicago)).toBe('3:00 AM CDT');
      expect(formatClock(before, chicago)).toBe('1:59 AM CST');
      expect(formatClock(new Date('2027-03-14T07:59:30Z'), chicago)).toBe('1:59 AM CST');
    }
    // And back in November: 1:00 AM happens twice (CDT, then CST).
    expect(formatClock(new Date('2027-11-07T06:30:00Z'), chicago)).toBe('1:30 AM CDT');
    expect(formatClock(new Date('2027-11-07T07:30:00Z'), chicago)).toBe('1:30 AM CST');
    expect(zonedInstant('2027-03-15', '10:00', chicago).toISOString()).toBe('2027-03-15T15:00:00.000Z');
    expect(zonedInstant('2027-03-12', '10:00', chicago).toISOString()).toBe('2027-03-12T16:00:00.000Z');
    // Midnight in a zone far from UTC, either side.
    expect(localDate(new Date('2027-03-14T10:59:59Z'), 'Pacific/Kiritimati')).toBe('2027-03-15');
    expect(localDate(new Date('2027-03-14T09:59:59Z'), 'Pacific/Kiritimati')).toBe('2027-03-14');
  });
});
