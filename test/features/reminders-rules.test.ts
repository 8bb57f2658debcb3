// Pure rules of the deadline engine, with fixed instants (tests run in TZ=Pacific/Kiritimati;
// the org zone here is America/Chicago: DST 2027 starts Mar 14, ends Nov 7).
import { describe, expect, it } from 'vitest';
import { endOfDay, parseInstant, plusDays, plusMonths } from '../../src/lib/time.js';
import {
  afterFailure,
  annualInstants,
  BACKOFF_MS,
  DAY,
  daysLeft,
  deadlineNudges,
  queuesByRecipient,
  isTooLate,
  MAX_ATTEMPTS,
  MAX_CATCH_UP_MS,
  meetingSeason,
  MINUTE,
  nudgesInWindow,
  oneOff,
  quarterly,
  tooLateReason,
  windowStart,
  yearly,
} from '../../src/features/reminders/rules.js';

const CHI = 'America/Chicago';
const w = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('when nudges fall', () => {
  it('puts yearly dates at the same wall-clock time on both sides of DST', () => {
    const dates = [
      { month: 12, day: 1 },
      { month: 5, day: 1 },
    ];
    expect(iso(annualInstants(dates, '10:00', CHI, w('2026-11-01T00:00:00Z', '2027-12-31T00:00:00Z')))).toEqual([
      '2026-12-01T16:00:00.000Z', // 10:00 CST
      '2027-05-01T15:00:00.000Z', // 10:00 CDT
      '2027-12-01T16:00:00.000Z',
    ]);
  });

  it('treats the window as from < at <= to', () => {
    const at = '2027-04-30T15:00:00.000Z';
    expect(iso(yearly({ month: 4, day: 30 }, '10:00', CHI, w(at, '2027-05-01T00:00:00Z')))).toEqual([]);
    expect(iso(yearly({ month: 4, day: 30 }, '10:00', CHI, w('2027-04-30T00:00:00Z', at)))).toEqual([at]);
    expect(iso(oneOff(new Date(at), w('2027-04-30T00:00:00Z', at)))).toEqual([at]);
    expect(oneOff(new Date(at), w(at, '2027-05-30T00:00:00Z'))).toEqual([]);
  });

  it('finds a year boundary in the org zone, not in UTC', () => {
    // Dec 31 at 20:00 Chicago is already Jan 1 in UTC.
    expect(iso(yearly({ month: 12, day: 31 }, '20:00', CHI, w('2027-12-31T00:00:00Z', '2028-01-02T00:00:00Z')))).toEqual(['2028-01-01T02:00:00.000Z']);
  });

  it('computes quarterly dates with month ends, leap years included', () => {
    expect(iso(quarterly({ month: 1, day: 'last' }, '09:00', CHI, w('2027-01-01T00:00:00Z', '2027-12-31T00:00:00Z')))).toEqual([
      '2027-01-31T15:00:00.000Z',
      '2027-04-30T14:00:00.000Z',
      '2027-07-31T14:00:00.000Z',
      '2027-10-31T14:00:00.000Z',
    ]);
    expect(iso(quarterly({ month: 11, day: 'last' }, '09:00', CHI, w('2028-01-01T00:00:00Z', '2028-06-01T00:00:00Z')))).toEqual([
      '2028-02-29T15:00:00.000Z',
      '2028-05-31T14:00:00.000Z',
    ]);
  });

  it('lays out 14 and 3 days before, on the day, then weekly while overdue (at most 4) across the spring DST change', () => {
    const nudges = deadlineNudges('2027-03-20', { daysBefore: [3, 14], onTheDay: true, overdue: { everyDays: 7, max: 4 }, time: '10:00' }, CHI);
    expect(nudges.map((n) => [n.key, n.at.toISOString()])).toEqual([
      ['before-14', '2027-03-06T16:00:00.000Z'], // CST
      ['before-3', '2027-03-17T15:00:00.000Z'], // CDT
      ['due', '2027-03-20T15:00:00.000Z'],
      ['overdue-1', '2027-03-27T15:00:00.000Z'],
      ['overdue-2', '2027-04-03T15:00:00.000Z'],
      ['overdue-3', '2027-04-10T15:00:00.000Z'],
      ['overdue-4', '2027-04-17T15:00:00.000Z'],
    ]);
    expect(nudgesInWindow(nudges, w('2027-03-17T15:00:00Z', '2027-03-27T15:00:00Z')).map((n) => n.key)).toEqual(['due', 'overdue-1']);
  });

  it('keeps the wall-clock time across the autumn DST change', () => {
    const nudges = deadlineNudges('2027-11-10', { daysBefore: [14], onTheDay: true, time: '10:00' }, CHI);
    expect(nudges.map((n) => n.at.toISOString())).toEqual(['2027-10-27T15:00:00.000Z', '2027-11-10T16:00:00.000Z']);
  });

  it('moves a nudge set inside the spring-forward gap to the same time an hour later', () => {
    expect(deadlineNudges('2027-03-14', { onTheDay: true, time: '02:30' }, CHI)[0]!.at.toISOString()).toBe('2027-03-14T08:30:00.000Z');
  });

  it('ends a deadline day at 23:59:59 in the org zone', () => {
    expect(endOfDay('2027-04-30', CHI).toISOString()).toBe('2027-05-01T04:59:59.000Z');
    expect(endOfDay('2027-01-31', CHI).toISOString()).toBe('2027-02-01T05:59:59.000Z');
  });

  it('does calendar arithmetic on dates', () => {
    expect(plusDays('2027-03-01', -14)).toBe('2027-02-15');
    expect(plusMonths('2027-01-31', 1)).toBe('2027-02-28');
  });
});

describe('days left when a nudge goes out', () => {
  it('counts calendar days in the org zone: 0 on the day, negative after, across a DST change', () => {
    expect(daysLeft('2027-04-30', new Date('2027-04-27T15:00:00Z'), CHI)).toBe(3);
    expect(daysLeft('2027-04-30', new Date('2027-04-30T15:00:00Z'), CHI)).toBe(0);
    // 11 pm in Chicago on the 30th is already May 1 in UTC: still the due day.
    expect(daysLeft('2027-04-30', new Date('2027-05-01T04:00:00Z'), CHI)).toBe(0);
    expect(daysLeft('2027-04-30', new Date('2027-05-02T15:00:00Z'), CHI)).toBe(-2);
    expect(daysLeft('2027-03-15', new Date('2027-03-01T16:00:00Z'), CHI)).toBe(14);
  });
});

describe('business-meeting seasons', () => {
  it('sends December nudges for the next January and May nudges for that June', () => {
    expect(meetingSeason('2026-12-15')).toEqual({ name: 'January', year: 2027, key: '2027-01', fromDay: '2026-11-01', toDay: '2027-01-31' });
    expect(meetingSeason('2027-05-01')).toEqual({ name: 'June', year: 2027, key: '2027-06', fromDay: '2027-05-01', toDay: '2027-06-30' });
  });
});

describe('how far back a tick looks', () => {
  const asOf = new Date('2027-03-10T12:00:00Z');

  it('looks back by the lateness when it ran recently', () => {
    expect(windowStart(asOf, 3 * DAY, new Date('2027-03-10T11:59:00Z')).toISOString()).toBe('2027-03-07T12:00:00.000Z');
    expect(windowStart(asOf, 3 * DAY, null).toISOString()).toBe('2027-03-07T12:00:00.000Z');
  });

  it('looks back to where it last looked after downtime, at most a year', () => {
    expect(windowStart(asOf, 3 * DAY, new Date('2027-02-01T00:00:00Z')).toISOString()).toBe('2027-02-01T00:00:00.000Z');
    expect(windowStart(asOf, 3 * DAY, new Date('2020-01-01T00:00:00Z')).getTime()).toBe(asOf.getTime() - MAX_CATCH_UP_MS);
  });

  it('says when a missed occurrence is too late, and why', () => {
    const due = new Date('2027-03-07T11:00:00Z');
    expect(isTooLate(due, asOf, 3 * DAY)).toBe(true);
    expect(isTooLate(due, asOf, 4 * DAY)).toBe(false);
    expect(tooLateReason(due, asOf, 3 * DAY)).toBe('too late: 3 days after it was due (this rule allows 3 days)');
  });
});

describe('retries', () => {
  const now = new Date('2027-03-01T16:00:00Z');

  it('backs off, then gives up after the last attempt', () => {
    expect(afterFailure(1, now)).toEqual({ status: 'FAILED', nextAttemptAt: new Date(now.getTime() + BACKOFF_MS[0]!) });
    expect(afterFailure(2, now)).toEqual({ status: 'FAILED', nextAttemptAt: new Date(now.getTime() + 30 * MINUTE) });
    expect(afterFailure(MAX_ATTEMPTS - 1, now)).toEqual({ status: 'FAILED', nextAttemptAt: new Date(now.getTime() + 120 * MINUTE) });
    expect(afterFailure(MAX_ATTEMPTS, now)).toEqual({ status: 'GAVE_UP' });
  });

  it('waits at least as long as a long Retry-After asked', () => {
    const later = new Date(now.getTime() + 20 * MINUTE);
    expect(afterFailure(1, now, later)).toEqual({ status: 'FAILED', nextAttemptAt: later });
  });

  it('queues each recipient\'s messages in order (channels are sent to in parallel, each one in turn)', () => {
    const items = ['C1', 'C2', 'C1', 'U1', 'C1'].map((recipient, i) => ({ recipient, i }));
    expect(queuesByRecipient(items).map((q) => q.map((x) => `${x.recipient}#${x.i}`))).toEqual([['C1#0', 'C1#2', 'C1#4'], ['C2#1'], ['U1#3']]);
  });
});

describe('operator instants', () => {
  it('reads exact instants, and wall-clock ones in the org zone', () => {
    expect(parseInstant('2027-03-01T16:00:00Z', CHI)?.toISOString()).toBe('2027-03-01T16:00:00.000Z');
    expect(parseInstant('2027-03-01T10:00+01:00', CHI)?.toISOString()).toBe('2027-03-01T09:00:00.000Z');
    expect(parseInstant('2027-03-01T10:00', CHI)?.toISOString()).toBe('2027-03-01T16:00:00.000Z');
    expect(parseInstant('2027-07-01', CHI)?.toISOString()).toBe('2027-07-01T05:00:00.000Z');
  });

  it('refuses malformed ones', () => {
    for (const bad of ['tomorrow', '2027-02-30T10:00Z', '2027-13-01', '']) expect(parseInstant(bad, CHI)).toBeUndefined();
  });
});
