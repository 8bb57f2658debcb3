// The App Home's pure rules: roles, meeting seasons, the election window, who owes which report.
import { describe, expect, it } from 'vitest';
import { electedTerm, electionWindow, meetingSeasonAhead, myGroups, owesReport, reportQuarters } from '../../src/features/home/rules.js';

const ZONE = 'America/Chicago';
const g = (id: number, name: string) => ({ id, name, kind: 'CORE_IG' as const, channelId: null, createdAt: new Date('2026-01-01') });

describe('myGroups', () => {
  it('keeps the strongest role per group: current convener, else incoming, else member', () => {
    const groups = myGroups([g(1, 'B'), g(2, 'A'), g(3, 'C')], [{ startsOn: '2026-07-01', group: g(1, 'B') }, { startsOn: '2027-07-01', group: g(2, 'A') }, { startsOn: '2027-07-01', group: g(4, 'D') }], '2027-01-20');
    expect(groups.map((x) => [x.name, x.role, x.from])).toEqual([
      ['B', 'convener', undefined],
      ['A', 'incoming', '2027-07-01'],
      ['D', 'incoming', '2027-07-01'],
      ['C', 'member', undefined],
    ]);
  });
});

describe('meetingSeasonAhead', () => {
  it('is January (from November 1) until January 31, then June (from May 1), then the next January', () => {
    expect(meetingSeasonAhead('2027-01-31')).toMatchObject({ name: 'January', year: 2027, fromDay: '2026-11-01', toDay: '2027-01-31' });
    expect(meetingSeasonAhead('2027-02-01')).toMatchObject({ name: 'June', year: 2027, fromDay: '2027-05-01', toDay: '2027-06-30' });
    expect(meetingSeasonAhead('2027-07-01')).toMatchObject({ name: 'January', year: 2028, fromDay: '2027-11-01', toDay: '2028-01-31' });
    expect(meetingSeasonAhead('2027-12-15')).toMatchObject({ name: 'January', year: 2028 });
  });
});

describe('electionWindow', () => {
  it('is the coming April 30 and the term after it; an autumn election counts for it', () => {
    const w = electionWindow('2026-12-10', ZONE);
    expect(w.deadline).toBe('2027-04-30');
    expect(w.term).toEqual({ startsOn: '2027-07-01', endsOn: '2028-06-30' });
    expect(w.countsAfter.toISOString()).toBe('2026-07-01T05:00:00.000Z');
    // Winners serve the next term starting after the close: December 2026 and April 2027 elect into 2027–28.
    expect(electedTerm(new Date('2026-12-15T18:00:00Z'), ZONE).startsOn).toBe(w.term.startsOn);
    expect(electedTerm(new Date('2027-04-30T18:00:00Z'), ZONE).startsOn).toBe(w.term.startsOn);
    expect(electedTerm(new Date('2026-05-20T18:00:00Z'), ZONE).startsOn).toBe('2026-07-01');
    expect(electionWindow('2027-05-01', ZONE).deadline).toBe('2028-04-30');
  });
});

describe('reports', () => {
  it('are owed from the quarter after the group was created, for the last and the current quarter', () => {
    expect(reportQuarters('2027-01-20')).toEqual([{ year: 2026, q: 4 }, { year: 2027, q: 1 }]);
    const created = new Date('2026-11-15T12:00:00Z');
    expect(owesReport(created, { year: 2026, q: 4 }, ZONE)).toBe(false);
    expect(owesReport(created, { year: 2027, q: 1 }, ZONE)).toBe(true);
  });

});
