// Pure convener, election and report rules, with fixed dates (no clock, no zone).
import { describe, expect, it } from 'vitest';
import { checkTermLimit, clashingTerm, mayConvene, nextTerm, serviceYears, termProblems } from '../../src/features/conveners/rules.js';
import { ballotProblems, countBallots, decide, parsePositions, periodProblems, phaseAt, receiptOf, votingDeadline } from '../../src/features/elections/rules.js';
import {
  defaultDueDate,
  dueDateProblem,
  dueQuarter,
  fileableQuarters,
  parseQuarter,
  quarterKey,
  quarterLabel,
  reportStatus,
  revisionProblem,
} from '../../src/features/reports/rules.js';

const term = (y: number) => ({ startsOn: `${y}-07-01`, endsOn: `${y + 1}-06-30` });
const core = { ala: true, core: true, pla: false, standing: 'GOOD' as const };

describe('convener terms', () => {
  it('defaults an incoming term to the next July 1 – June 30', () => {
    expect(nextTerm('2027-03-10')).toEqual(term(2027));
    expect(nextTerm('2027-07-01')).toEqual(term(2028));
    expect(nextTerm('2027-06-30')).toEqual(term(2027));
  });

  it('counts a term for each term year it mostly covers', () => {
    expect(serviceYears(term(2026))).toEqual([2026]);
    expect(serviceYears({ startsOn: '2027-01-01', endsOn: '2027-12-31' })).toEqual([2027]);
    expect(serviceYears({ startsOn: '2026-07-01', endsOn: '2028-06-30' })).toEqual([2026, 2027]);
    // A short term filling a vacancy counts for the year it falls in.
    expect(serviceYears({ startsOn: '2027-03-01', endsOn: '2027-06-30' })).toEqual([2026]);
  });

  it('allows two consecutive years and refuses a third, with the reason', () => {
    expect(checkTermLimit([term(2025)], term(2026), 'Ann', 'convener of X')).toEqual({ allowed: true });
    const third = checkTermLimit([term(2025), term(2026)], term(2027), 'Ann', 'convener of X');
    expect(third.allowed).toBe(false);
    if (!third.allowed) {
      expect(third.reason).toContain('3 consecutive years as convener of X (2025–26, 2026–27 and 2027–28)');
      expect(third.reason).toContain('no convener may serve more than 2 consecutive years');
    }
  });

  it('refuses a term that fills the gap between two others, or precedes two', () => {
    expect(checkTermLimit([term(2025), term(2027)], term(2026), 'Ann', 'x').allowed).toBe(false);
    expect(checkTermLimit([term(2026), term(2027)], term(2025), 'Ann', 'x').allowed).toBe(false);
  });

  it('allows serving again after a year off, and calendar-year terms count one year each', () => {
    expect(checkTermLimit([term(2023), term(2024)], term(2026), 'Ann', 'x')).toEqual({ allowed: true });
    const calendar = (y: number) => ({ startsOn: `${y}-01-01`, endsOn: `${y}-12-31` });
    expect(checkTermLimit([calendar(2026)], calendar(2027), 'Ann', 'x')).toEqual({ allowed: true });
    expect(checkTermLimit([calendar(2026), calendar(2027)], calendar(2028), 'Ann', 'x').allowed).toBe(false);
  });

  it('finds a clash with the same person\'s own term', () => {
    expect(clashingTerm([term(2026)], { startsOn: '2027-06-01', endsOn: '2028-05-31' })).toEqual(term(2026));
    expect(clashingTerm([term(2026)], term(2027))).toBeUndefined();
  });

  it('checks the shape of a term', () => {
    expect(termProblems({ startsOn: '2027-07-01', endsOn: '2027-06-30' }, '2027-03-01')).toHaveProperty('ends');
    expect(termProblems({ startsOn: '2027-07-01', endsOn: '2029-06-30' }, '2027-03-01').ends).toContain('one year');
    expect(termProblems({ startsOn: '2025-07-01', endsOn: '2026-06-30' }, '2027-03-01').ends).toContain('already over');
    expect(termProblems(term(2027), '2027-03-01')).toEqual({});
  });

  it('requires Core membership in good standing to convene a Core interest group', () => {
    expect(mayConvene('CORE_IG', 'ANYONE', core, 'Ann', 'X')).toEqual({ allowed: true });
    const notCore = mayConvene('CORE_IG', 'ANYONE', { ...core, core: false }, 'Ann', 'X');
    expect(!notCore.allowed && notCore.reason).toContain('must be Core members');
    const lapsed = mayConvene('CORE_IG', 'ANYONE', { ...core, standing: 'LAPSED' }, 'Ann', 'X');
    expect(!lapsed.allowed && lapsed.reason).toContain('lapsed');
    expect(mayConvene('CORE_IG', 'ANYONE', null, 'Ann', 'X').allowed).toBe(false);
    // Other kinds: the convener must be able to join the group.
    expect(mayConvene('PLA_IG', 'PLA_MEMBERS', { ...core, pla: true }, 'Ann', 'X')).toEqual({ allowed: true });
    expect(mayConvene('PLA_IG', 'PLA_MEMBERS', core, 'Ann', 'X').allowed).toBe(false);
  });
});

describe('election rules', () => {
  it('reads positions with seats', () => {
    expect(parsePositions('Convener\n\nCo-conveners (2)\n')).toEqual({ positions: [{ title: 'Convener', seats: 1 }, { title: 'Co-conveners', seats: 2 }] });
    expect(parsePositions('  ')).toHaveProperty('error');
    expect(parsePositions('A\na')).toEqual({ error: '"a" is listed twice.' });
    expect(parsePositions('Convener (9)')).toHaveProperty('error');
  });

  it('ends voting by April 30 of this year, or next year after that', () => {
    expect(votingDeadline('2027-04-30')).toBe('2027-04-30');
    expect(votingDeadline('2027-05-01')).toBe('2028-04-30');
    expect(periodProblems('2027-04-10', '2027-04-30', '2027-04-01')).toEqual({});
    expect(periodProblems('2027-04-10', '2027-05-01', '2027-04-01').closes).toContain('by 2027-04-30');
    expect(periodProblems('2027-04-01', '2027-04-20', '2027-04-01').opens).toContain('tomorrow at the earliest');
    expect(periodProblems('2027-04-10', '2027-04-09', '2027-04-01').closes).toContain('on or after');
    expect(periodProblems('2028-03-01', '2028-03-20', '2027-11-01')).toEqual({});
  });

  it('knows the phase from the clock', () => {
    const e = { opensAt: new Date('2027-04-10T05:00:00Z'), closesAt: new Date('2027-04-30T04:59:59Z') };
    expect(phaseAt(e, new Date('2027-04-09T00:00:00Z'))).toBe('NOMINATING');
    expect(phaseAt(e, new Date('2027-04-10T05:00:00Z'))).toBe('VOTING');
    expect(phaseAt(e, new Date('2027-04-30T04:59:59Z'))).toBe('ENDED');
  });

  it('keys a ballot by an HMAC that differs per election and secret', () => {
    const r = receiptOf('s1', 1, 'U1');
    expect(r).toMatch(/^[0-9a-f]{64}$/);
    expect(r).not.toContain('U1');
    expect(receiptOf('s1', 1, 'U1')).toBe(r);
    expect(receiptOf('s2', 1, 'U1')).not.toBe(r);
    expect(receiptOf('s1', 2, 'U1')).not.toBe(r);
  });

  it('checks ballots: on the ballot, at most the seats, at least one choice', () => {
    const positions = [
      { id: 1, title: 'Convener', seats: 1, candidateIds: [10, 11] },
      { id: 2, title: 'Co', seats: 2, candidateIds: [20, 21, 22] },
    ];
    expect(ballotProblems(positions, new Map([[1, [10]]])).size).toBe(0);
    expect(ballotProblems(positions, new Map([[1, [99]]])).get(1)).toContain('not on the ballot');
    expect(ballotProblems(positions, new Map([[2, [20, 21, 22]]])).get(2)).toBe('Choose at most 2.');
    expect(ballotProblems(positions, new Map()).get(1)).toContain('at least one');
  });

  it('counts ballots and decides winners, ties at the last seat and uncontested positions', () => {
    expect(countBallots([{ candidateIds: [1, 2] }, { candidateIds: [1] }])).toEqual(new Map([[1, 2], [2, 1]]));
    const c = (id: number, votes: number) => ({ id, slackUserId: `U${id}`, votes });
    expect(decide('C', 1, [c(1, 3), c(2, 5)]).elected.map((x) => x.id)).toEqual([2]);
    const tie = decide('C', 1, [c(1, 4), c(2, 4), c(3, 1)]);
    expect(tie.elected).toEqual([]);
    expect(tie.tied.map((x) => x.id)).toEqual([1, 2]);
    expect(tie.openSeats).toBe(1);
    const two = decide('Co', 2, [c(1, 6), c(2, 4), c(3, 4)]);
    expect(two.elected.map((x) => x.id)).toEqual([1]);
    expect(two.tied.map((x) => x.id)).toEqual([2, 3]);
    expect(two.openSeats).toBe(1);
    expect(decide('C', 1, [c(1, 0)]).elected.map((x) => x.id)).toEqual([1]);
  });
});

describe('report rules', () => {
  it('names, parses and dates calendar quarters', () => {
    expect(parseQuarter('2027-Q1')).toEqual({ year: 2027, q: 1 });
    expect(parseQuarter('q4 2026')).toEqual({ year: 2026, q: 4 });
    expect(parseQuarter('2027 q2')).toEqual({ year: 2027, q: 2 });
    expect(parseQuarter('2027-Q5')).toBeUndefined();
    expect(quarterLabel({ year: 2027, q: 3 })).toBe('2027 Q3 (Jul–Sep)');
    expect(defaultDueDate({ year: 2027, q: 1 })).toBe('2027-04-30');
    expect(defaultDueDate({ year: 2027, q: 2 })).toBe('2027-07-31');
    expect(defaultDueDate({ year: 2026, q: 4 })).toBe('2027-01-31');
    expect(fileableQuarters('2027-02-10').map(quarterKey)).toEqual(['2027-Q1', '2026-Q4', '2026-Q3', '2026-Q2', '2026-Q1']);
  });

  it('keeps moved due dates after the quarter and within six months', () => {
    expect(dueDateProblem({ year: 2027, q: 1 }, '2027-03-31')).toContain("can't be due before");
    expect(dueDateProblem({ year: 2027, q: 1 }, '2027-05-15')).toBeUndefined();
    expect(dueDateProblem({ year: 2027, q: 1 }, '2027-12-01')).toContain('six months');
  });

  it('preselects the quarter that just ended until it is filed', () => {
    expect(quarterKey(dueQuarter('2027-04-10', new Set()))).toBe('2027-Q1');
    expect(quarterKey(dueQuarter('2027-04-10', new Set(['2027-Q1'])))).toBe('2027-Q2');
  });

  it('tells filed, late, missing and pending apart, and allows revisions until the due date', () => {
    const due = new Date('2027-05-01T04:59:59Z');
    const before = new Date('2027-04-20T00:00:00Z');
    const after = new Date('2027-05-02T00:00:00Z');
    expect(reportStatus(before, due, after)).toBe('FILED');
    expect(reportStatus(after, due, after)).toBe('LATE');
    expect(reportStatus(null, due, after)).toBe('MISSING');
    expect(reportStatus(null, due, before)).toBe('PENDING');
    const q = { year: 2027, q: 1 as const };
    expect(revisionProblem(q, true, due, before, 'Apr 30, 2027')).toBeUndefined();
    expect(revisionProblem(q, false, due, after, 'Apr 30, 2027')).toBeUndefined();
    expect(revisionProblem(q, true, due, after, 'Apr 30, 2027')).toContain('can no longer be revised');
  });
});
