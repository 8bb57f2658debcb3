// Quarterly reports through Slack's HTTP surface: who may file, the form, revisions until the
// due date, the nudges across a due date with the injected clock, the status views.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reportDigestRule, reportNudgeRule } from '../../src/features/reports/schedule.js';
import { type Harness, startHarness, textOf } from '../support/harness.js';
import { makeEngine } from './reminders-helpers.js';
import { addGroup, addPeople, clickModal, clickReply, inputElement, labels, messageText, occurrences, slash, slashModal, submit, v } from './conveners-support.js';

let h: Harness;
const groups: Record<string, number> = {};

beforeAll(async () => {
  // April 1, 2027, 10:00 in Chicago: the 2027 Q1 report is due April 30.
  h = await startHarness({ adminUserIds: ['UADMIN'], now: '2027-04-01T15:00:00Z' });
  await addPeople(h, [
    { id: 'UADMIN', email: 'admin@example.org' },
    { id: 'UANN', email: 'ann@example.org', memberships: 'Core' },
    { id: 'UBOB', email: 'bob@example.org', memberships: 'Core' },
    { id: 'UDAN', email: 'dan@example.org' },
  ]);
  groups.open = await addGroup(h.prisma, { name: 'Open Data', members: ['UDAN'], terms: [{ slackUserId: 'UANN', year: 2026 }] });
  groups.meta = await addGroup(h.prisma, { name: 'Metadata', terms: [{ slackUserId: 'UANN', year: 2026 }] });
  groups.health = await addGroup(h.prisma, { name: 'Health', terms: [{ slackUserId: 'UBOB', year: 2026 }] });
});
afterAll(() => h?.close());
beforeEach(() => h.fake.reset());

const report = (quarter: string, activities = 'Two discussions') => ({
  quarter: v.select(quarter),
  activities: v.text(activities),
  progress: v.text('Webinar planned'),
  deliverables: v.checks(['ongoing_discussion', 'online_course']),
  plans: v.text('Run the webinar'),
});
const meta = (g: string) => JSON.stringify({ groupId: groups[g] });

describe('opening /igreport', () => {
  it('tells someone who convenes nothing who the conveners are', async () => {
    expect((await slash(h, 'UDAN', '/igreport', '')).text).toContain("you don't convene a group. Your groups' conveners:\n• *Open Data*: <@UANN>");
    expect((await slash(h, 'UDAN', '/igreport', 'health')).text).toBe('Only the conveners of *Health* (<@UBOB>) and staff can file its quarterly report.');
    expect(h.fake.callsTo('views.open')).toHaveLength(0);
  });

  it('opens the Quarterly report form with the quarter due preselected', async () => {
    const view = await slashModal(h, 'UBOB', '/igreport', '');
    expect((view.title as { text: string }).text).toBe('Quarterly report');
    expect(labels(view)).toEqual({
      quarter: 'Quarter',
      activities: 'Activities',
      progress: 'Progress toward deliverables',
      deliverables: 'Deliverables',
      issues: 'Issues encountered',
      plans: 'Plans for next quarter',
    });
    const quarter = inputElement(view, 'quarter') as { initial_option: { value: string; text: { text: string } } };
    expect(quarter.initial_option.value).toBe('2027-Q1');
    expect(quarter.initial_option.text.text).toBe('2027 Q1 (Jan–Mar) · due Apr 30, 2027');
    const deliverables = inputElement(view, 'deliverables') as { options: { text: { text: string } }[] };
    expect(deliverables.options.map((o) => o.text.text)).toEqual([
      'Ongoing discussion',
      'Online course or webinar',
      'Program proposal',
      'In-person discussion at Annual',
      'IG Week session',
      'Other sessions',
      'Resource products',
    ]);
  });

  it('asks a convener of several groups which one first', async () => {
    const picker = await slashModal(h, 'UANN', '/igreport', '');
    expect(picker.callback_id).toBe('reports.pick');
    expect((await submit(h, 'UANN', 'reports.pick', {})).errors).toEqual({ group: 'Choose the group.' });
    const next = await submit(h, 'UANN', 'reports.pick', { group: v.select(String(groups.meta)) });
    expect(next.view?.callback_id).toBe('reports.file');
    expect(next.view?.private_metadata).toBe(meta('meta'));
    expect(next.text).toContain('IG Report Form for *Metadata*');
  });

  it('opens from the "File report" button of a nudge in a DM', async () => {
    const view = await clickModal(h, 'UBOB', 'reports.file.open', String(groups.health), 'DBOB');
    expect(view.private_metadata).toBe(meta('health'));
    expect((await clickReply(h, 'UDAN', 'reports.file.open', String(groups.health), 'DDAN')).text).toContain('Only the conveners of *Health*');
  });
});

describe('filing', () => {
  it('answers with field-level errors', async () => {
    const r = await submit(h, 'UBOB', 'reports.file', { quarter: v.select('2027-Q1'), activities: v.text('  '), deliverables: v.checks(['bake_sale']) }, meta('health'));
    expect(r.errors).toEqual({
      activities: "Describe the group's activities this quarter.",
      progress: 'Say how the group progressed toward its deliverables.',
      deliverables: 'Choose from the list.',
      plans: 'Describe the plans for next quarter.',
    });
    expect((await submit(h, 'UBOB', 'reports.file', report('2025-Q1'), meta('health'))).errors).toEqual({ quarter: 'Reports can be filed for the current quarter and the four before it.' });
    expect(await h.prisma.quarterlyReport.count()).toBe(0);
  });

  it('refuses a report from someone who is not a convener of the group', async () => {
    expect((await submit(h, 'UANN', 'reports.file', report('2027-Q1'), meta('health'))).text).toContain('Only the conveners of *Health* (<@UBOB>) and staff');
    expect(await h.prisma.quarterlyReport.count()).toBe(0);
  });

  it('nudges conveners 14 and 3 days before, on the day and weekly while overdue, at most four times', async () => {
    const all = await occurrences(h, reportNudgeRule, '2027-04-01T00:00:00Z', '2027-07-01T00:00:00Z');
    const health = all.filter((o) => o.subject === `group:${groups.health}:report:2027-Q1`);
    // 10:00 in Chicago (CDT, UTC-5).
    expect(health.map((o) => o.dueAt.toISOString())).toEqual([
      '2027-04-16T15:00:00.000Z',
      '2027-04-27T15:00:00.000Z',
      '2027-04-30T15:00:00.000Z',
      '2027-05-07T15:00:00.000Z',
      '2027-05-14T15:00:00.000Z',
      '2027-05-21T15:00:00.000Z',
      '2027-05-28T15:00:00.000Z',
    ]);
    expect(health[0]!.audience).toEqual({ kind: 'groupConveners', groupId: groups.health });
    expect(messageText(health[0]!)).toContain('The 2027 Q1 (Jan–Mar) report of *Health* is due in 14 days');
    expect(messageText(health[6]!)).toContain('is overdue');
    const button = (health[0]!.message.blocks as { elements?: { action_id: string; value: string; text: { text: string } }[] }[]).flatMap((b) => b.elements ?? [])[0]!;
    expect([button.action_id, button.value, button.text.text]).toEqual(['reports.file.open', String(groups.health), 'File report']);
    expect(all.filter((o) => o.subject.endsWith(':2027-Q1'))).toHaveLength(21);
  });

  it('files a report, keeps every revision until the due date, and the nudges stop', async () => {
    const first = await submit(h, 'UBOB', 'reports.file', report('2027-Q1'), meta('health'));
    expect(first.text).toContain('The 2027 Q1 (Jan–Mar) report of *Health* is filed. You can revise it until Apr 30, 2027.');
    h.clock.set('2027-04-20T15:00:00Z');
    const view = await clickModal(h, 'UBOB', 'reports.file.open', String(groups.health), 'DBOB');
    expect((inputElement(view, 'quarter') as { initial_option: { value: string } }).initial_option.value).toBe('2027-Q2');
    const second = await submit(h, 'UBOB', 'reports.file', { ...report('2027-Q1', 'Three discussions'), issues: v.text('Low turnout') }, meta('health'));
    expect(second.text).toContain('is revised (version 2)');
    const stored = await h.prisma.quarterlyReport.findUniqueOrThrow({ where: { groupId_quarter: { groupId: groups.health!, quarter: '2027-Q1' } }, include: { revisions: { orderBy: { revision: 'asc' } } } });
    expect([stored.activities, stored.issues, stored.revision, stored.deliverables]).toEqual(['Three discussions', 'Low turnout', 2, ['ongoing_discussion', 'online_course']]);
    expect(stored.revisions.map((r) => [r.revision, r.activities, r.filedBy])).toEqual([
      [1, 'Two discussions', 'UBOB'],
      [2, 'Three discussions', 'UBOB'],
    ]);
    expect(stored.firstFiledAt.toISOString()).toBe('2027-04-01T15:00:00.000Z');
    const left = await occurrences(h, reportNudgeRule, '2027-04-01T00:00:00Z', '2027-07-01T00:00:00Z');
    expect(left.filter((o) => o.subject === `group:${groups.health}:report:2027-Q1`)).toEqual([]);
    expect(left.filter((o) => o.subject.endsWith(':2027-Q1'))).toHaveLength(14);
    await submit(h, 'UANN', 'reports.file', report('2027-Q1'), meta('open'));
  });

  it('after the due date: no more revisions, a late report counts as late, staff get a digest', async () => {
    h.clock.set('2027-05-02T15:00:00Z');
    const [digest] = await occurrences(h, reportDigestRule, '2027-04-30T00:00:00Z', '2027-05-02T00:00:00Z');
    expect(digest!.dueAt.toISOString()).toBe('2027-05-01T15:00:00.000Z');
    expect(digest!.audience).toEqual({ kind: 'users', userIds: ['UADMIN'] });
    expect(messageText(digest!)).toContain("1 group* of 3 haven't filed the 2027 Q1 (Jan–Mar) report due Apr 30, 2027");
    expect(messageText(digest!)).toContain('• Metadata');
    const revise = await submit(h, 'UBOB', 'reports.file', report('2027-Q1', 'Too late'), meta('health'));
    expect(revise.errors?.quarter).toContain('already filed and its due date (Apr 30, 2027) has passed');
    const late = await submit(h, 'UANN', 'reports.file', report('2027-Q1'), meta('meta'));
    expect(late.text).toContain('It was filed after the due date, so it counts as late.');
    const after = await occurrences(h, reportNudgeRule, '2027-05-01T00:00:00Z', '2027-07-01T00:00:00Z');
    expect(after.filter((o) => o.subject.endsWith(':2027-Q1'))).toEqual([]);
  });
});

describe('/igreport status', () => {
  it('shows staff every active group as filed, late or missing', async () => {
    await addGroup(h.prisma, { name: 'Social Work', terms: [] });
    const reply = await slash(h, 'UADMIN', '/igreport', 'status');
    expect(reply.text).toContain('*Quarterly reports — 2027 Q1 (Jan–Mar)*, due Apr 30, 2027\nFiled 2 · late 1 · missing 1 · not filed yet 0');
    expect(reply.text).toMatch(/:white_check_mark: filed <!date\^\d+\^\{date_long_pretty\}\|Apr 1, 2027> by <@UBOB> — Health/);
    expect(reply.text).toMatch(/:warning: filed late <!date\^\d+\^\{date_long_pretty\}\|May 2, 2027> by <@UANN> — Metadata/);
    expect(reply.text).toContain(':x: missing — Social Work');
    const q2 = await slash(h, 'UADMIN', '/igreport', 'status q2 2027');
    expect(q2.text).toContain('2027 Q2 (Apr–Jun)*, due Jul 31, 2027\nFiled 0 · late 0 · missing 0 · not filed yet 4');
    expect((await slash(h, 'UADMIN', '/igreport', 'status soon')).text).toContain(`"soon" isn't a quarter`);
  });

  it("shows a convener their own groups' history, and refuses everyone else", async () => {
    const reply = await slash(h, 'UBOB', '/igreport', 'status');
    expect(reply.text).toContain('*Health* — quarterly reports');
    expect(reply.text).not.toContain('Metadata');
    expect(reply.text).toContain(':hourglass_flowing_sand: not filed yet — 2027 Q2 (Apr–Jun) (due Jul 31, 2027)');
    expect(reply.text).toMatch(/:white_check_mark: filed .* by <@UBOB> — 2027 Q1 \(Jan–Mar\) \(due Apr 30, 2027\)/);
    expect(reply.text).toContain(':x: missing — 2026 Q4 (Oct–Dec) (due Jan 31, 2027)');
    expect((await slash(h, 'UDAN', '/igreport', 'status')).text).toContain('Only staff and conveners can see quarterly report status');
  });
});

describe('/igreport due', () => {
  it('lets staff move a due date, and the nudges follow it', async () => {
    expect((await slash(h, 'UBOB', '/igreport', 'due 2027-Q2 2027-08-15')).text).toBe('Only staff can change report due dates.');
    expect((await slash(h, 'UADMIN', '/igreport', 'due 2027-Q2 2027-06-15')).text).toContain("can't be due before its quarter ends");
    expect((await slash(h, 'UADMIN', '/igreport', 'due 2027-Q2 2027-08-15')).text).toContain('The 2027 Q2 (Apr–Jun) report is now due Aug 15, 2027 (was Jul 31, 2027). Reminders follow the new date.');
    const nudges = await occurrences(h, reportNudgeRule, '2027-07-01T00:00:00Z', '2027-08-16T00:00:00Z');
    const health = nudges.filter((o) => o.subject === `group:${groups.health}:report:2027-Q2`).map((o) => o.dueAt.toISOString());
    expect(health).toEqual(['2027-08-01T15:00:00.000Z', '2027-08-12T15:00:00.000Z', '2027-08-15T15:00:00.000Z']);
    expect(await h.prisma.auditLog.count({ where: { action: 'report.due_changed', actor: 'UADMIN' } })).toBe(1);
  });

  it('explains itself', async () => {
    expect((await slash(h, 'UADMIN', '/igreport', 'help')).text).toContain('/igreport due <quarter> <YYYY-MM-DD>');
    expect((await slash(h, 'UBOB', '/igreport', 'help')).text).not.toContain('/igreport due');
  });
});

describe('a nudge the engine sends late (after an outage, within its lateness)', () => {
  it('says how things stand when it goes out: overdue, not "due today"', async () => {
    const before = h.clock.current;
    // Bob's next term (the fixtures' terms end in June).
    const term = await h.prisma.convenerTerm.create({ data: { groupId: groups.health!, slackUserId: 'UBOB', startsOn: new Date('2027-07-01'), endsOn: new Date('2028-06-30') } });
    try {
      h.fake.reset();
      // Q2 is due Aug 15 (moved above); the on-the-day nudge (10:00 Central) goes out two days late.
      h.clock.set('2027-08-17T15:00:00Z');
      const r = await makeEngine(h, { rules: [reportNudgeRule] }).tick();
      expect(r.sent, JSON.stringify(r)).toBeGreaterThan(0);
      const texts = h.fake.callsTo('chat.postMessage').map((c) => textOf(c.args));
      const health = texts.filter((t) => t.includes('report of *Health*'));
      expect(health).toHaveLength(1);
      expect(health[0]).toContain('The 2027 Q2 (Apr–Jun) report of *Health* is overdue: it was due');
      expect(texts.some((t) => t.includes('due today'))).toBe(false);
      // Listed ahead of time (no sending instant), the same nudge reads as it would on the day.
      const listed = await occurrences(h, reportNudgeRule, '2027-08-15T14:00:00Z', '2027-08-15T16:00:00Z');
      expect(messageText(listed.find((o) => o.subject === `group:${groups.health}:report:2027-Q2`)!)).toContain('is due today');
    } finally {
      h.clock.current = before;
      await h.prisma.convenerTerm.delete({ where: { id: term.id } });
    }
  });
});
