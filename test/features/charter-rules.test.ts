import { describe, expect, it } from 'vitest';
import { charterDate, charterDueOn, inactiveSince, inactivityDissolvesAt, renewalNudges, renewalOpen, renewalOpensOn } from '../../src/features/charters/rules.js';

const ZONE = 'America/Chicago';
const d = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe('charter rules', () => {
  it('the charter date is the approval, else the creation day in the org zone', () => {
    expect(charterDate({ charterApprovedOn: d('2024-05-01'), createdAt: new Date('2020-01-01T12:00:00Z') }, ZONE)).toBe('2024-05-01');
    // 03:00 UTC on Mar 2 is still Mar 1 in Chicago
    expect(charterDate({ charterApprovedOn: null, createdAt: new Date('2024-03-02T03:00:00Z') }, ZONE)).toBe('2024-03-01');
  });

  it('is due exactly three years later; Feb 29 falls on Feb 28', () => {
    expect(charterDueOn({ charterApprovedOn: d('2024-05-01'), createdAt: new Date() }, ZONE)).toBe('2027-05-01');
    expect(charterDueOn({ charterApprovedOn: d('2024-02-29'), createdAt: new Date() }, ZONE)).toBe('2027-02-28');
    expect(charterDueOn({ charterApprovedOn: d('2025-02-28'), createdAt: new Date() }, ZONE)).toBe('2028-02-28');
  });

  it('renewal opens 90 days before the due date, to the day', () => {
    const g = { charterApprovedOn: d('2024-05-01'), createdAt: new Date() };
    expect(renewalOpensOn(g, ZONE)).toBe('2027-01-31');
    expect(renewalOpen(g, ZONE, new Date('2027-01-31T05:59:59Z'))).toBe(false); // 23:59:59 Jan 30 in Chicago
    expect(renewalOpen(g, ZONE, new Date('2027-01-31T06:00:00Z'))).toBe(true);
    expect(renewalOpen(g, ZONE, new Date('2027-06-01T06:00:00Z'))).toBe(true);
  });

  it('nudges at 90/30/7 days at 10:00 org time across DST, and at 08:00 on the due day', () => {
    // Due 2027-04-01 (CDT); 90 days before is 2027-01-01 (CST)
    const n = renewalNudges({ charterApprovedOn: d('2024-04-01'), createdAt: new Date() }, ZONE);
    expect(n.map((x) => [x.daysBefore, x.at.toISOString()])).toEqual([
      [90, '2027-01-01T16:00:00.000Z'],
      [30, '2027-03-02T16:00:00.000Z'],
      [7, '2027-03-25T15:00:00.000Z'],
      [0, '2027-04-01T13:00:00.000Z'],
    ]);
  });

  it('inactivity dissolves three years after the last activity, 10:00 org time (DST-safe, leap day)', () => {
    const created = new Date('2020-01-01T12:00:00Z');
    expect(inactiveSince({ lastActivityAt: null, createdAt: created })).toEqual(created);
    // Last activity in winter (CST), three years later in summer date still 10:00 local
    expect(inactivityDissolvesAt({ lastActivityAt: new Date('2024-07-04T20:00:00Z'), createdAt: created }, ZONE).toISOString()).toBe('2027-07-04T15:00:00.000Z');
    expect(inactivityDissolvesAt({ lastActivityAt: new Date('2024-02-29T20:00:00Z'), createdAt: created }, ZONE).toISOString()).toBe('2027-02-28T16:00:00.000Z');
    // 02:00 UTC Jan 1 is Dec 31 in Chicago
    expect(inactivityDissolvesAt({ lastActivityAt: new Date('2025-01-01T02:00:00Z'), createdAt: created }, ZONE).toISOString()).toBe('2027-12-31T16:00:00.000Z');
  });
});
