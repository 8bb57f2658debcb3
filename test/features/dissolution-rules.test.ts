// Dissolution's pure rules at the edges: exactly three years, leap days, DST, the 90-day reinstatement window.
import { describe, expect, it } from 'vitest';
import { daysBefore, dissolutionDue, isDue, mayReinstate, reinstatableUntil, warningInstants, type LifecycleGroup } from '../../src/features/dissolution/rules.js';
import { DEFAULT_LIFECYCLE_KINDS } from '../../src/features/directory/kinds.js';

const ZONE = 'America/Chicago';
const group = (g: Partial<LifecycleGroup>): LifecycleGroup => ({
  kind: 'CORE_IG',
  status: 'ACTIVE',
  createdAt: new Date('2020-01-01T00:00:00Z'),
  charterApprovedOn: new Date('2026-01-01T00:00:00Z'),
  lastActivityAt: new Date('2026-01-01T18:00:00Z'),
  ...g,
});
const open = { renewalPending: false, kinds: DEFAULT_LIFECYCLE_KINDS };

describe('dissolutionDue', () => {
  it('is three years after the last activity, 10:00 Chicago time that day, and due from that instant exactly', () => {
    const due = dissolutionDue(group({ lastActivityAt: new Date('2024-03-15T15:00:00Z') }), ZONE, open)!;
    expect(due).toEqual({ cause: 'inactivity', at: new Date('2027-03-15T15:00:00Z'), on: '2027-03-15' }); // 10:00 CDT
    expect(isDue(due, new Date('2027-03-15T14:59:59.999Z'))).toBe(false);
    expect(isDue(due, new Date('2027-03-15T15:00:00Z'))).toBe(true);
  });

  it('counts the last activity on its day in the org zone (late evening in Chicago is already the next day in UTC)', () => {
    const due = dissolutionDue(group({ lastActivityAt: new Date('2024-01-10T05:30:00Z') }), ZONE, open)!; // Jan 9, 23:30 CST
    expect(due.on).toBe('2027-01-09');
    expect(due.at).toEqual(new Date('2027-01-09T16:00:00Z'));
  });

  it('is the charter due date (charter + 3 years, 10:00) when that comes first; a leap-day charter falls due on Feb 28', () => {
    const due = dissolutionDue(group({ charterApprovedOn: new Date('2024-02-29T00:00:00Z'), lastActivityAt: new Date('2026-06-01T15:00:00Z') }), ZONE, open)!;
    expect(due).toEqual({ cause: 'charter', at: new Date('2027-02-28T16:00:00Z'), on: '2027-02-28' });
  });

  it('falls back to the creation date for a group with no charter date and no activity', () => {
    const due = dissolutionDue(group({ createdAt: new Date('2023-12-03T18:00:00Z'), charterApprovedOn: null, lastActivityAt: null }), ZONE, open)!;
    expect(due.on).toBe('2026-12-03');
    expect(due.at).toEqual(new Date('2026-12-03T16:00:00Z'));
  });

  it('holds the charter deadline while a renewal is under review (the board decides), but not the inactivity one', () => {
    const g = group({ charterApprovedOn: new Date('2024-02-29T00:00:00Z'), lastActivityAt: new Date('2025-06-01T15:00:00Z') });
    expect(dissolutionDue(g, ZONE, { renewalPending: true, kinds: DEFAULT_LIFECYCLE_KINDS })).toEqual({ cause: 'inactivity', at: new Date('2028-06-01T15:00:00Z'), on: '2028-06-01' });
  });

  it("is null for kinds without the duty (MIGs, PLA groups) and for groups that aren't active", () => {
    const old = { lastActivityAt: new Date('2000-01-01T00:00:00Z'), charterApprovedOn: new Date('2000-01-01T00:00:00Z') };
    expect(dissolutionDue(group({ ...old, kind: 'MIG' }), ZONE, open)).toBeNull();
    expect(dissolutionDue(group({ ...old, kind: 'PLA_IG' }), ZONE, open)).toBeNull();
    expect(dissolutionDue(group({ ...old, status: 'DISSOLVED' }), ZONE, open)).toBeNull();
    expect(isDue(null, new Date())).toBe(false);
  });
});

describe('warnings', () => {
  it('go out 90, 30 and 7 days before at 10:00 Chicago time, on either side of DST', () => {
    const due = dissolutionDue(group({ lastActivityAt: new Date('2024-03-15T15:00:00Z') }), ZONE, open)!;
    expect(warningInstants(due, ZONE).map((w) => [w.days, w.at.toISOString()])).toEqual([
      [90, '2026-12-15T16:00:00.000Z'], // CST
      [30, '2027-02-13T16:00:00.000Z'],
      [7, '2027-03-08T16:00:00.000Z'], // DST starts Mar 14: still CST, while the dissolution is at 10:00 CDT
    ]);
    // Back across the November change: 10:00 CST after, 10:00 CDT before.
    expect(daysBefore(new Date('2026-11-05T16:00:00Z'), 7, ZONE)).toEqual(new Date('2026-10-29T15:00:00Z'));
  });
});

describe('reinstatement window', () => {
  it('is 90 days from the day of dissolution (org time), inclusive', () => {
    const at = new Date('2027-03-15T15:00:00Z');
    expect(reinstatableUntil(at, ZONE)).toBe('2027-06-13');
    expect(mayReinstate(at, new Date('2027-06-14T04:59:59Z'), ZONE)).toBe(true); // Jun 13, 23:59:59 CDT
    expect(mayReinstate(at, new Date('2027-06-14T05:00:00Z'), ZONE)).toBe(false);
  });
});
