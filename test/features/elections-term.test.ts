// An election that closes in the autumn elects conveners for the *next* term (the one starting
// the July 1 after the close), through signed requests, the deadline engine and the fake Web API:
// the nominee and staff are told that term, the winners are incoming (not current) conveners,
// and the March nudge sees the election as the year's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, textOf } from '../support/harness.js';
import { addGroup, addPeople, clickReply, slashModal, submit, v } from './conveners-support.js';
import { dm, makeEngine } from './reminders-helpers.js';

let h: Harness;
let openData: number;

beforeAll(async () => {
  // Nov 2, 2026, 10:00 in Chicago: the 2026–27 term is running.
  h = await startHarness({ adminUserIds: ['USTAFF'], now: '2026-11-02T16:00:00Z' });
  await addPeople(h, [
    { id: 'USTAFF', email: 'staff@example.org' },
    { id: 'UANN', email: 'ann@example.org', memberships: 'Core' },
    { id: 'UBOB', email: 'bob@example.org', memberships: 'Core' },
  ]);
  openData = await addGroup(h.prisma, { name: 'Open Data', members: ['UANN', 'UBOB'], terms: [{ slackUserId: 'UANN', year: 2026 }] });
});
afterAll(() => h?.close());

const texts = (user: string) => h.fake.messagesIn(dm(user)).map((m) => textOf(m as unknown as Record<string, unknown>));

describe('an election closing in December 2026', () => {
  it('is for the term Jul 1, 2027 – Jun 30, 2028, and says so to the nominee', async () => {
    const view = await slashModal(h, 'UANN', '/ig', 'election open data');
    const r = await submit(h, 'UANN', 'elections.open.modal', { positions: v.text('Convener'), candidates: v.users(['UBOB']), opens: v.date('2026-11-09'), closes: v.date('2026-12-10') }, view.private_metadata as string);
    expect(r.errors).toBeUndefined();
    const election = await h.prisma.election.findFirstOrThrow({ include: { positions: { include: { candidates: true } } } });
    expect(election.year).toBe(2027);
    const nomination = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'UBOB');
    expect(textOf(nomination.args)).toContain('(term Jul 1, 2027 – Jun 30, 2028)');
    const candidate = election.positions[0]!.candidates[0]!;
    expect((await clickReply(h, 'UBOB', 'elections.nomination.accept', String(candidate.id), 'DBOB')).text).toContain('You accepted the nomination');
    h.clock.set('2026-11-10T16:00:00Z');
    const ballot = await submit(h, 'UANN', 'elections.ballot', { [`pos-${election.positions[0]!.id}`]: v.radio(String(candidate.id)) }, JSON.stringify({ electionId: election.id }));
    expect(ballot.text).toContain('Your ballot is cast');
  });

  it('makes the winner an incoming convener of 2027–28 and tells staff that term', async () => {
    h.clock.set('2026-12-11T16:00:00Z');
    const engine = makeEngine(h);
    expect((await engine.tick()).errors).toEqual([]);
    const terms = await h.prisma.convenerTerm.findMany({ where: { groupId: openData, slackUserId: 'UBOB' } });
    expect(terms.map((t) => [t.startsOn.toISOString().slice(0, 10), t.endsOn.toISOString().slice(0, 10)])).toEqual([['2027-07-01', '2028-06-30']]);
    const staff = texts('USTAFF').join('\n');
    expect(staff).toContain('Incoming conveners (Jul 1, 2027 – Jun 30, 2028): <@UBOB>');
    const results = texts('UANN').join('\n');
    expect(results).toContain('*Results: Open Data convener election for 2027–28*');
    expect(results).toContain('Elected conveners serve Jul 1, 2027 – Jun 30, 2028.');
  });

  it('does not nudge the winner as a current convener, and counts as the 2027 election in March', async () => {
    const engine = makeEngine(h);
    // Dec 15 (January meeting) and Mar 1 (election call), 10:00 CST.
    for (const at of ['2026-12-15T16:00:00Z', '2027-03-01T16:00:00Z']) {
      h.clock.set(at);
      expect((await engine.tick()).errors).toEqual([]);
    }
    expect(texts('UBOB').filter((t) => t.includes('current convener'))).toEqual([]);
    const ann = texts('UANN');
    expect(ann.some((t) => t.includes('*January business meeting: Open Data*'))).toBe(true);
    expect(ann.filter((t) => t.includes('convener election'))).toEqual([expect.stringContaining('Results: Open Data convener election for 2027–28')]);
    expect(await h.prisma.reminderOccurrence.count({ where: { ruleId: 'elections.convener' } })).toBe(0);
  });
});
