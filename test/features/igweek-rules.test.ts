// IG Week's calendar rules with fixed instants (the suite runs in Pacific/Kiritimati, UTC+14).
import { describe, expect, it } from 'vitest';
import {
  checklistAt,
  claimingState,
  comingYear,
  firstFullWeekOfMarch,
  igWeekCalendar,
  milestones,
  missingDetails,
  NO_OVERRIDES,
  overrideProblems,
  parseHours,
  recordingDueAt,
} from '../../src/features/igweek/rules.js';

const iso = (d: Date) => d.toISOString();

/** The first Monday of March, found with plain UTC dates (independent of luxon). */
function expectedMonday(year: number): number {
  for (let d = 1; ; d++) if (new Date(Date.UTC(year, 2, d)).getUTCDay() === 1) return d;
}

describe('the computed calendar', () => {
  it('is the first full week of March: 2026 (March starts on a Sunday) and 2027 (on a Monday)', () => {
    const w26 = igWeekCalendar(2026);
    expect(w26.days).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']);
    const w27 = igWeekCalendar(2027);
    expect(w27.days).toEqual(['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05']);
    expect(firstFullWeekOfMarch(2025)).toBe('2025-03-03'); // Saturday start
    expect(firstFullWeekOfMarch(2028)).toBe('2028-03-06'); // Wednesday start
    expect(firstFullWeekOfMarch(2022)).toBe('2022-03-07'); // Tuesday start
  });

  it('has 25 one-hour slots at 10–14 Central (16–20 UTC: always before DST starts)', () => {
    const w = igWeekCalendar(2027);
    expect(w.slots).toHaveLength(25);
    expect(w.slots.slice(0, 5).map((s) => iso(s.startsAt))).toEqual([
      '2027-03-01T16:00:00.000Z',
      '2027-03-01T17:00:00.000Z',
      '2027-03-01T18:00:00.000Z',
      '2027-03-01T19:00:00.000Z',
      '2027-03-01T20:00:00.000Z',
    ]);
    expect(iso(w.startsAt)).toBe('2027-03-01T16:00:00.000Z');
    expect(iso(w.endsAt)).toBe('2027-03-05T21:00:00.000Z');
    expect(iso(w.claimOpensAt)).toBe('2027-01-15T16:00:00.000Z');
    expect(w.detailsDueOn).toBe('2027-02-01');
  });

  it('holds for every year from 1990 to 2100', () => {
    for (let year = 1990; year <= 2100; year++) {
      const w = igWeekCalendar(year);
      const monday = expectedMonday(year);
      expect(w.days[0], String(year)).toBe(`${year}-03-${String(monday).padStart(2, '0')}`);
      expect(monday + 4).toBeLessThanOrEqual(31);
      expect(monday - 7).toBeLessThan(1); // no earlier full week in March
      expect(w.slots).toHaveLength(25);
      const expected = [0, 1, 2, 3, 4].flatMap((day) => [16, 17, 18, 19, 20].map((h) => Date.UTC(year, 2, monday + day, h)));
      expect(w.slots.map((s) => s.startsAt.getTime()), String(year)).toEqual(expected);
      expect(w.slots.every((s) => s.endsAt.getTime() - s.startsAt.getTime() === 3600_000)).toBe(true);
    }
  });

  it('applies overrides, and a week straddling the DST change (2nd Sunday of March) keeps 10:00 Central', () => {
    // 2026: DST starts Sunday March 8.
    const w = igWeekCalendar(2026, { ...NO_OVERRIDES, firstDay: '2026-03-05', lastDay: '2026-03-11', hours: [10, 11] });
    expect(w.days).toEqual(['2026-03-05', '2026-03-06', '2026-03-09', '2026-03-10', '2026-03-11']);
    expect(w.slots.map((s) => iso(s.startsAt))).toEqual([
      '2026-03-05T16:00:00.000Z',
      '2026-03-05T17:00:00.000Z',
      '2026-03-06T16:00:00.000Z',
      '2026-03-06T17:00:00.000Z',
      '2026-03-09T15:00:00.000Z',
      '2026-03-09T16:00:00.000Z',
      '2026-03-10T15:00:00.000Z',
      '2026-03-10T16:00:00.000Z',
      '2026-03-11T15:00:00.000Z',
      '2026-03-11T16:00:00.000Z',
    ]);
  });

  it('keeps only the earliest slots when staff set a number of slots; a first day alone gives five weekdays', () => {
    const w = igWeekCalendar(2027, { ...NO_OVERRIDES, slotCount: 22 });
    expect(w.slots).toHaveLength(22);
    expect(iso(w.slots.at(-1)!.startsAt)).toBe('2027-03-05T17:00:00.000Z');
    const moved = igWeekCalendar(2027, { ...NO_OVERRIDES, firstDay: '2027-03-04' });
    expect(moved.days).toEqual(['2027-03-04', '2027-03-05', '2027-03-08', '2027-03-09', '2027-03-10']);
  });

  it('takes the claim-open instant and due date from overrides', () => {
    const opens = new Date('2027-01-10T15:30:00Z');
    const w = igWeekCalendar(2027, { ...NO_OVERRIDES, claimOpensAt: opens, detailsDueOn: '2027-02-05' });
    expect(w.claimOpensAt).toEqual(opens);
    expect(w.detailsDueOn).toBe('2027-02-05');
  });
});

describe('overrides are checked', () => {
  it('refuses dates outside the year, a backwards range, weekends only, too many slots, and late deadlines', () => {
    const o = NO_OVERRIDES;
    expect(overrideProblems(2027, { ...o, firstDay: '2028-03-01' }).firstDay).toContain('must be in 2027');
    expect(overrideProblems(2027, { ...o, firstDay: '2027-03-05', lastDay: '2027-03-01' }).lastDay).toContain('on or after');
    expect(overrideProblems(2027, { ...o, firstDay: '2027-03-06', lastDay: '2027-03-07' }).lastDay).toContain('no weekday');
    expect(overrideProblems(2027, { ...o, hours: [8, 9, 10, 11, 12, 13, 14, 15, 16] }).hours).toContain('45 slots over 5 days');
    expect(overrideProblems(2027, { ...o, hours: [10, 10] }).hours).toContain('once');
    expect(overrideProblems(2027, { ...o, claimOpensAt: new Date('2027-03-02T00:00:00Z') }).claimOpensAt).toContain('before the week starts');
    expect(overrideProblems(2027, { ...o, detailsDueOn: '2027-03-01' }).detailsDueOn).toContain('before the week starts');
    expect(overrideProblems(2027, { ...o, hours: [9, 10, 11, 12, 13, 14, 15], slotCount: 30 })).toEqual({});
  });

  it('reads start hours loosely', () => {
    expect(parseHours('10, 11,12 13:00')).toEqual([10, 11, 12, 13]);
    expect(parseHours('')).toEqual([]);
    expect(parseHours('10, 25')).toBeUndefined();
    expect(parseHours('10:30')).toBeUndefined();
  });
});

describe('claiming', () => {
  const cal = igWeekCalendar(2027);
  it('opens on schedule and closes when the week starts; staff can force it either way', () => {
    expect(claimingState(cal, 'AUTO', false, new Date('2027-01-15T15:59:59Z'))).toEqual({ open: false, reason: 'not-yet', opensAt: new Date('2027-01-15T16:00:00Z') });
    expect(claimingState(cal, 'AUTO', false, new Date('2027-01-15T16:00:00Z'))).toEqual({ open: true });
    expect(claimingState(cal, 'AUTO', false, new Date('2027-03-01T16:00:00Z'))).toEqual({ open: false, reason: 'started' });
    expect(claimingState(cal, 'OPEN', false, new Date('2026-12-01T00:00:00Z'))).toEqual({ open: true });
    expect(claimingState(cal, 'CLOSED', false, new Date('2027-02-01T00:00:00Z'))).toEqual({ open: false, reason: 'closed' });
    expect(claimingState(cal, 'OPEN', true, new Date('2027-02-01T00:00:00Z'))).toEqual({ open: false, reason: 'locked' });
    expect(claimingState(cal, 'OPEN', false, new Date('2027-03-05T21:00:00Z'))).toEqual({ open: false, reason: 'over' });
  });

  it('the coming week is this year\'s until it ends, then next year\'s', () => {
    const calOf = (y: number) => igWeekCalendar(y);
    expect(comingYear(new Date('2026-11-25T16:00:00Z'), calOf)).toBe(2027);
    expect(comingYear(new Date('2027-03-05T20:59:00Z'), calOf)).toBe(2027);
    expect(comingYear(new Date('2027-03-05T21:00:00Z'), calOf)).toBe(2028);
  });
});

describe('milestones', () => {
  it('fall at 10:00 Central on their days', () => {
    const m = milestones(igWeekCalendar(2027), null);
    expect(iso(m.claimingOpen)).toBe('2027-01-15T16:00:00.000Z');
    expect(iso(m.detailsReminder)).toBe('2027-01-25T16:00:00.000Z');
    expect(iso(m.program)).toBe('2027-02-01T16:00:00.000Z');
    expect(iso(m.practiceCall)).toBe('2027-02-15T16:00:00.000Z');
    expect(iso(m.survey)).toBe('2027-03-08T16:00:00.000Z'); // the Monday after
  });

  it('announce slot selection when staff opened it early, not again on the scheduled day', () => {
    const early = new Date('2027-01-05T18:00:00Z');
    expect(milestones(igWeekCalendar(2027), early).claimingOpen).toEqual(early);
    expect(milestones(igWeekCalendar(2027), new Date('2027-01-20T00:00:00Z')).claimingOpen).toEqual(new Date('2027-01-15T16:00:00Z'));
  });

  it('send the checklist the day before at 10:00 Central (across the DST change too) and the recording nudge 48 h after the end', () => {
    expect(iso(checklistAt(new Date('2027-03-01T20:00:00Z')))).toBe('2027-02-28T16:00:00.000Z');
    // Session Monday 2026-03-09 10:00 CDT; the day before is DST day itself: 10:00 CDT = 15:00Z.
    expect(iso(checklistAt(new Date('2026-03-09T15:00:00Z')))).toBe('2026-03-08T15:00:00.000Z');
    expect(iso(recordingDueAt(new Date('2027-03-01T16:00:00Z')))).toBe('2027-03-03T17:00:00.000Z');
  });

  it('a session needs a description and at least one speaker', () => {
    expect(missingDetails({ description: null, speakerUserIds: [], outsideSpeakers: [] })).toEqual(['description', 'speakers']);
    expect(missingDetails({ description: '  ', speakerUserIds: [], outsideSpeakers: ['Ann'] })).toEqual(['description']);
    expect(missingDetails({ description: 'x', speakerUserIds: ['U1'], outsideSpeakers: [] })).toEqual([]);
  });
});
