// `/igreport show <group> [quarter]`: staff read any filed report, conveners their own, with
// every earlier version (who filed it and when) a click away; everyone else is told who can.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';
import { validateMessageBlocks } from '../support/block-kit.js';
import { addGroup, addPeople, clickReply, slash, submit, v } from './conveners-support.js';

let h: Harness;
const groups: Record<string, number> = {};

const report = (quarter: string, activities: string, issues = '') => ({
  quarter: v.select(quarter),
  activities: v.text(activities),
  progress: v.text('Webinar planned'),
  deliverables: v.checks(['ongoing_discussion', 'online_course']),
  ...(issues ? { issues: v.text(issues) } : {}),
  plans: v.text('Run the webinar'),
});
const meta = (g: string) => JSON.stringify({ groupId: groups[g] });

beforeAll(async () => {
  h = await startHarness({ adminUserIds: ['UADMIN'], now: '2027-04-01T15:00:00Z' });
  await addPeople(h, [
    { id: 'UADMIN', email: 'admin@example.org' },
    { id: 'UANN', email: 'ann@example.org', memberships: 'Core' },
    { id: 'UBOB', email: 'bob@example.org', memberships: 'Core' },
    { id: 'UDAN', email: 'dan@example.org' },
  ]);
  groups.health = await addGroup(h.prisma, { name: 'Health Sciences', members: ['UDAN'], terms: [{ slackUserId: 'UBOB', year: 2026 }, { slackUserId: 'UANN', year: 2026 }] });
  groups.open = await addGroup(h.prisma, { name: 'Open Data', terms: [{ slackUserId: 'UANN', year: 2026 }] });
  groups.mig = await addGroup(h.prisma, { name: 'Book Arts', kind: 'MIG', terms: [{ slackUserId: 'UANN', year: 2026 }] });
  // Health: 2027 Q1 filed by Bob, revised by Ann, revised again by staff; 2026 Q4 filed once.
  expect((await submit(h, 'UBOB', 'reports.file', report('2026-Q4', 'Autumn meetup'), meta('health'))).text).toContain('is filed');
  expect((await submit(h, 'UBOB', 'reports.file', report('2027-Q1', 'Two discussions <!channel>'), meta('health'))).text).toContain('is filed');
  h.clock.set('2027-04-10T15:00:00Z');
  expect((await submit(h, 'UANN', 'reports.file', report('2027-Q1', 'Three discussions', 'Low turnout'), meta('health'))).text).toContain('version 2');
  h.clock.set('2027-04-20T15:00:00Z');
  expect((await submit(h, 'UADMIN', 'reports.file', report('2027-Q1', 'Four discussions', 'Low turnout'), meta('health'))).text).toContain('version 3');
});
afterAll(() => h?.close());

describe('/igreport show', () => {
  it('shows staff the current version of a quarter, with the earlier versions, who filed them and when', async () => {
    const reply = await slash(h, 'UADMIN', '/igreport', 'show health sciences 2027-Q1');
    expect(validateMessageBlocks(reply.blocks).messages).toEqual([]);
    expect(reply.text).toContain('*Health Sciences* — quarterly report for 2027 Q1 (Jan–Mar)');
    expect(reply.text).toMatch(/Version 3, filed <!date\^\d+\^[^|]+\|[^>]+> by <@UADMIN> · first filed <!date\^/);
    expect(reply.text).toContain('*Activities*\nFour discussions');
    expect(reply.text).toContain('*Issues encountered*\nLow turnout');
    expect(reply.text).toContain('*Deliverables*\n• Ongoing discussion\n• Online course or webinar');
    expect(reply.text).toContain('*Earlier versions* (2)');
    expect(reply.text).toMatch(/Version 2 — filed <!date\^1807369200\^[^>]+> by <@UANN>/);
    expect(reply.text).toMatch(/Version 1 — filed <!date\^1806591600\^[^>]+> by <@UBOB>/);
    expect(reply.text.indexOf('Version 2 —')).toBeLessThan(reply.text.indexOf('Version 1 —'));
    const buttons = (reply.blocks as { accessory?: { action_id: string; value: string } }[]).flatMap((b) => (b.accessory ? [b.accessory] : []));
    expect(buttons.map((b) => b.action_id)).toEqual(['reports.version.2', 'reports.version.1']);

    // "Show version 1": that version's answers, escaped.
    const first = await clickReply(h, 'UADMIN', 'reports.version.1', buttons[1]!.value);
    expect(first.text).toContain('*Health Sciences* — 2027 Q1 (Jan–Mar), version 1 of 3');
    expect(first.text).toContain('by <@UBOB> · a later version replaced it');
    expect(first.text).toContain('*Activities*\nTwo discussions &lt;!channel&gt;');
    expect(first.text).toContain('*Issues encountered*\n_None_');
  });

  it('defaults to the latest quarter filed, and says when a quarter has no report', async () => {
    expect((await slash(h, 'UADMIN', '/igreport', 'show Health Sciences')).text).toContain('quarterly report for 2027 Q1 (Jan–Mar)');
    const q4 = await slash(h, 'UADMIN', '/igreport', 'show Health Sciences Q4 2026');
    expect(q4.text).toContain('quarterly report for 2026 Q4 (Oct–Dec)');
    expect(q4.text).toContain('No earlier versions: it was filed once.');
    expect((await slash(h, 'UADMIN', '/igreport', 'show Health Sciences 2026-Q3')).text).toBe("*Health Sciences* hasn't filed a report for 2026 Q3 (Jul–Sep). Filed: 2027-Q1, 2026-Q4.");
    expect((await slash(h, 'UADMIN', '/igreport', 'show Open Data')).text).toBe("*Open Data* hasn't filed a quarterly report yet.");
    expect((await slash(h, 'UANN', '/igreport', 'show Book Arts')).text).toBe('*Book Arts* is a Membership initiative group, and only Core interest groups file quarterly reports.');
    expect((await slash(h, 'UADMIN', '/igreport', 'show')).text).toContain('Say which group: `/igreport show <group> [quarter]`');
  });

  it("lets conveners read their own group's reports, and tells everyone else who can", async () => {
    expect((await slash(h, 'UBOB', '/igreport', 'show Health Sciences')).text).toContain('Version 3, filed');
    expect((await slash(h, 'UBOB', '/igreport', 'show Open Data')).text).toBe('Only the conveners of *Open Data* (<@UANN>) and staff can read its quarterly reports.');
    const member = await slash(h, 'UDAN', '/igreport', 'show Health Sciences 2027-Q1');
    expect(member.text).toMatch(/^Only the conveners of \*Health Sciences\* \((?:<@UBOB> and <@UANN>|<@UANN> and <@UBOB>)\) and staff can read its quarterly reports\.$/);
    expect(member.text).not.toContain('discussions');
    // The version button checks again.
    const revision = await h.prisma.quarterlyReportRevision.findFirstOrThrow({ where: { revision: 1, report: { groupId: groups.health!, quarter: '2027-Q1' } } });
    const refused = await clickReply(h, 'UDAN', 'reports.version.1', String(revision.id), 'DDAN');
    expect(refused.text).toContain('Only the conveners of *Health Sciences*');
    expect(refused.text).not.toContain('Two discussions');
  });

  it('is in the help', async () => {
    expect((await slash(h, 'UBOB', '/igreport', 'help')).text).toContain('/igreport show <group> [quarter]');
  });
});
