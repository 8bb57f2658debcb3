// The kind rules (src/features/directory/kinds.ts) applied everywhere: the Core-only duties
// (business meetings, quarterly reports, the staff digest, elections) reach Core interest
// groups only, through the engine and the fake Web API, and /igreport says so to others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUP_KINDS, hasDuty, kindsWith } from '../../src/features/directory/kinds.js';
import { type Harness, startHarness, textOf } from '../support/harness.js';
import { addGroup, addPeople, slash } from './conveners-support.js';
import { dm, makeEngine } from './reminders-helpers.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ adminUserIds: ['USTAFF'], now: '2026-11-30T15:00:00Z' });
  await addPeople(h, [
    { id: 'USTAFF', email: 'staff@example.org' },
    { id: 'UCORE', email: 'core@example.org', memberships: 'Core' },
    { id: 'UPLA', email: 'pla@example.org', memberships: 'PLA' },
    { id: 'UMIG', email: 'mig@example.org', memberships: 'ALA' },
  ]);
  await addGroup(h.prisma, { name: 'Open Data', terms: [{ slackUserId: 'UCORE', year: 2026 }] });
  await addGroup(h.prisma, { name: 'Data Viz', kind: 'PLA_IG', terms: [{ slackUserId: 'UPLA', year: 2026 }] });
  await addGroup(h.prisma, { name: 'Diversity', kind: 'MIG', terms: [{ slackUserId: 'UMIG', year: 2026 }] });
});
afterAll(() => h?.close());

const texts = (user: string) => h.fake.messagesIn(dm(user)).map((m) => textOf(m as unknown as Record<string, unknown>));

describe('the kind rules', () => {
  it('label the kinds consistently and give the duties to Core interest groups only', () => {
    expect(Object.values(GROUP_KINDS).map((k) => k.label)).toEqual(['Core interest group', 'PLA interest group', 'Membership initiative group']);
    for (const duty of ['businessMeetings', 'quarterlyReports', 'elections', 'igWeek', 'staffDigest'] as const) expect(kindsWith(duty)).toEqual(['CORE_IG']);
    expect(hasDuty('PLA_IG', 'businessMeetings')).toBe(false);
  });

  it('send business-meeting, quarterly-report and election nudges and the staff digest for Core interest groups only', async () => {
    const engine = makeEngine(h);
    // Dec 1 (January meeting), Jan 17 (Q4 report due in 14 days), Feb 1 (digest), Mar 1 (election): 10:00 CST.
    for (const at of ['2026-12-01T16:00:00Z', '2027-01-17T16:00:00Z', '2027-02-01T16:00:00Z', '2027-03-01T16:00:00Z']) {
      h.clock.set(at);
      expect((await engine.tick()).errors).toEqual([]);
    }
    const core = texts('UCORE');
    expect(core.some((t) => t.includes('*January business meeting: Open Data*'))).toBe(true);
    expect(core.some((t) => t.includes('The 2026 Q4 (Oct–Dec) report of *Open Data* is due in 14 days'))).toBe(true);
    expect(core.some((t) => t.includes('No convener election is recorded for Open Data in 2027'))).toBe(true);
    expect(texts('UPLA')).toEqual([]);
    expect(texts('UMIG')).toEqual([]);
    const digest = texts('USTAFF').join('\n');
    expect(digest).toContain("1 group* of 1 haven't filed the 2026 Q4 (Oct–Dec) report");
    expect(digest).toContain('• Open Data');
    expect(digest).not.toContain('Data Viz');
    expect(digest).not.toContain('Diversity');
  });

  it('file quarterly reports for Core interest groups only, and say so to conveners of other kinds', async () => {
    expect((await slash(h, 'UPLA', '/igreport', '')).text).toContain('*Data Viz* is a PLA interest group, and only Core interest groups file quarterly reports.');
    expect((await slash(h, 'UMIG', '/igreport', 'status')).text).toContain('*Diversity* is a Membership initiative group, and only Core interest groups file quarterly reports.');
    const status = (await slash(h, 'USTAFF', '/igreport', 'status 2026-Q4')).text;
    expect(status).toContain('Open Data');
    expect(status).not.toContain('Data Viz');
    expect(status).not.toContain('Diversity');
  });
});
