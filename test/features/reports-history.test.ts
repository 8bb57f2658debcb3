// A group owes quarterly reports from the quarter after it was created: a convener's history,
// staff's status and the nudges show no quarter before that as missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportNudgeRule } from '../../src/features/reports/schedule.js';
import { type Harness, startHarness } from '../support/harness.js';
import { addGroup, addPeople, occurrences, slash } from './conveners-support.js';

let h: Harness;
let fresh: number;

beforeAll(async () => {
  // April 1, 2027, 10:00 in Chicago.
  h = await startHarness({ adminUserIds: ['UADMIN'], now: '2027-04-01T15:00:00Z' });
  await addPeople(h, [
    { id: 'UADMIN', email: 'admin@example.org' },
    { id: 'UBOB', email: 'bob@example.org', memberships: 'Core' },
  ]);
  fresh = await addGroup(h.prisma, { name: 'Fresh Ideas', terms: [{ slackUserId: 'UBOB', year: 2026 }] });
  // Created Nov 15, 2026 (2026 Q4): its first report is 2027 Q1's.
  await h.prisma.group.update({ where: { id: fresh }, data: { createdAt: new Date('2026-11-15T18:00:00Z') } });
});
afterAll(() => h?.close());

describe('a group created in 2026 Q4', () => {
  it("shows its convener a history from 2027 Q1, with nothing missing before", async () => {
    const reply = await slash(h, 'UBOB', '/igreport', 'status');
    expect(reply.text).toContain('*Fresh Ideas* — quarterly reports');
    expect(reply.text).toContain('2027 Q2 (Apr–Jun)');
    expect(reply.text).toContain('2027 Q1 (Jan–Mar)');
    expect(reply.text).not.toContain('2026 Q4');
    expect(reply.text).not.toContain('2026 Q3');
    expect(reply.text).not.toContain(':x: missing');
    expect(reply.text).toContain('Reports are owed from 2027 Q1 (Jan–Mar), the quarter after the group was created.');
    const q4 = await slash(h, 'UBOB', '/igreport', 'status 2026-Q4');
    expect(q4.text).not.toContain(':x: missing');
  });

  it('is not listed to staff, nor nudged, for its creation quarter', async () => {
    const q4 = await slash(h, 'UADMIN', '/igreport', 'status 2026-Q4');
    expect(q4.text).not.toContain('Fresh Ideas');
    expect(q4.text).toContain('Filed 0 · late 0 · missing 0 · not filed yet 0');
    const q1 = await slash(h, 'UADMIN', '/igreport', 'status 2027-Q1');
    expect(q1.text).toContain('Fresh Ideas');
    const nudges = await occurrences(h, reportNudgeRule, '2027-01-01T00:00:00Z', '2027-03-01T00:00:00Z');
    expect(nudges.filter((o) => o.subject === `group:${fresh}:report:2026-Q4`)).toEqual([]);
    const q1Nudges = await occurrences(h, reportNudgeRule, '2027-04-01T00:00:00Z', '2027-05-01T00:00:00Z');
    expect(q1Nudges.some((o) => o.subject === `group:${fresh}:report:2027-Q1`)).toBe(true);
  });
});
