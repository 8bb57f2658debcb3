// Charters and activity through Slack's HTTP surface: channel messages and filed reports count as
// activity (count and date only), /ig info shows the last activity and the charter's due date, a
// convener requests renewal (refused before the window opens), the IGCC recommends, the Core Board
// decides, and only they (or staff) may; renewal nudges go 90/30/7/0 days before, once each.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renewalRule } from '../../src/features/charters/schedule.js';
import { allRules } from '../../src/features/reminders/registry.js';
import { type Harness, startHarness, textOf } from '../support/harness.js';
import { addGroup, addPeople, clickModal, clickReply, inputElement, labels, slash, slashModal, submit, v } from './conveners-support.js';
import { makeEngine } from './reminders-helpers.js';

let h: Harness;
const groups: Record<string, number> = {};
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

async function until<T>(f: () => Promise<T>, ok: (t: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const t = await f();
    if (ok(t)) return t;
    await new Promise((r) => setTimeout(r, 20));
  }
  return f();
}

beforeAll(async () => {
  // Apr 1, 2027, 10:00 in Chicago.
  h = await startHarness({ adminUserIds: ['UADMIN'], now: '2027-04-01T15:00:00Z' });
  await addPeople(h, [
    { id: 'UADMIN', email: 'admin@example.org' },
    { id: 'UANN', email: 'ann@example.org', memberships: 'Core' },
    { id: 'UBOB', email: 'bob@example.org', memberships: 'Core' },
    { id: 'UCAT', email: 'cat@example.org', memberships: 'Core' },
    { id: 'UIGC', email: 'igcc@example.org' },
    { id: 'UBRD', email: 'board@example.org' },
    { id: 'UDAN', email: 'dan@example.org' },
  ]);
  groups.open = await addGroup(h.prisma, { name: 'Open Data', channelId: 'COPEN', members: ['UDAN'], terms: [{ slackUserId: 'UANN', year: 2026 }] });
  groups.young = await addGroup(h.prisma, { name: 'Young Group', terms: [{ slackUserId: 'UBOB', year: 2026 }] });
  groups.later = await addGroup(h.prisma, { name: 'Later Group', terms: [{ slackUserId: 'UCAT', year: 2026 }, { slackUserId: 'UCAT', year: 2027 }] });
  groups.mig = await addGroup(h.prisma, { name: 'New Members', kind: 'MIG', terms: [{ slackUserId: 'UBOB', year: 2026 }] });
  await h.prisma.group.update({ where: { id: groups.open }, data: { charterApprovedOn: day('2024-05-01') } });
  await h.prisma.group.update({ where: { id: groups.young }, data: { charterApprovedOn: day('2026-01-01') } });
  await h.prisma.group.update({ where: { id: groups.later }, data: { charterApprovedOn: day('2024-08-01') } });
});
afterAll(() => h?.close());
beforeEach(() => h.fake.reset());

describe('activity', () => {
  it('counts a member message in the group channel, never its content; bots and edits do not count', async () => {
    const ts = (iso: string) => (Date.parse(iso) / 1000).toFixed(6);
    const base = { type: 'message', channel: 'COPEN', channel_type: 'channel' };
    expect((await h.driver.event({ ...base, user: 'UDAN', text: 'secret plans for <everyone>', ts: ts('2027-04-01T14:00:00Z') }, { eventId: 'EvMsg1' })).status).toBe(200);
    await h.driver.event({ ...base, user: 'UDAN', bot_id: 'B1', text: 'bot says', ts: ts('2027-04-01T14:30:00Z') }, { eventId: 'EvMsg2' });
    await h.driver.event({ ...base, subtype: 'message_changed', message: { user: 'UDAN', text: 'edited' }, ts: ts('2027-04-01T14:40:00Z') }, { eventId: 'EvMsg3' });
    const g = await until(() => h.prisma.group.findUniqueOrThrow({ where: { id: groups.open } }), (r) => r.channelMessageCount > 0);
    await new Promise((r) => setTimeout(r, 200));
    const after = await h.prisma.group.findUniqueOrThrow({ where: { id: groups.open } });
    expect(g.lastActivityAt?.toISOString()).toBe('2027-04-01T14:00:00.000Z');
    expect([after.channelMessageCount, after.lastActivityAt?.toISOString()]).toEqual([1, '2027-04-01T14:00:00.000Z']);
    // A retry of the same event does not count twice.
    await h.driver.event({ ...base, user: 'UDAN', text: 'secret plans for <everyone>', ts: ts('2027-04-01T14:00:00Z') }, { eventId: 'EvMsg1' });
    await new Promise((r) => setTimeout(r, 200));
    expect((await h.prisma.group.findUniqueOrThrow({ where: { id: groups.open } })).channelMessageCount).toBe(1);
    const stored = JSON.stringify([await h.prisma.group.findMany(), await h.prisma.auditLog.findMany()]);
    expect(stored).not.toContain('secret plans');
  });

  it('a filed report is activity; /ig info shows the last activity and when the charter is due', async () => {
    const report = { quarter: v.select('2027-Q1'), activities: v.text('Two discussions'), progress: v.text('Webinar planned'), deliverables: v.checks(['ongoing_discussion']), plans: v.text('Run the webinar') };
    h.clock.set('2027-04-01T16:00:00Z');
    expect((await submit(h, 'UANN', 'reports.file', report, JSON.stringify({ groupId: groups.open }))).text).toContain('Open Data');
    expect((await h.prisma.group.findUniqueOrThrow({ where: { id: groups.open } })).lastActivityAt?.toISOString()).toBe('2027-04-01T16:00:00.000Z');
    const info = await slash(h, 'UDAN', '/ig', 'info open data');
    expect(info.text).toContain('*Last activity*\nApr 1, 2027');
    expect(info.text).toContain('*Charter renewal due*\nMay 1, 2027');
    expect(JSON.stringify(info.blocks)).not.toContain('charters.renew.open'); // a member, not a convener
    expect(JSON.stringify((await slash(h, 'UANN', '/ig', 'info open data')).blocks)).toContain('charters.renew.open');
    await h.driver.event({ type: 'app_home_opened', user: 'UANN', tab: 'home', channel: 'DANN' }, { eventId: 'EvHomeAnn' });
    const home = JSON.stringify((await h.fake.waitFor('views.publish', (c) => c.args.user_id === 'UANN')).args);
    expect(home).toContain('*Open Data* — Core interest group · _convener_ · Last activity: Apr 1, 2027');
    expect(home).toContain("*Open Data*'s charter is due for renewal on May 1, 2027.");
    expect(home).toContain('charters.renew.open');
    const mig = await slash(h, 'UBOB', '/ig', 'info new members');
    expect(mig.text).toContain('*Last activity*\n—');
    expect(mig.text).not.toContain('Charter renewal due');
  });
});

let renewalId = 0;
describe('renewal', () => {
  it('is refused before the window opens, for MIGs, and for non-conveners', async () => {
    expect((await slash(h, 'UBOB', '/ig', 'renew young group')).text).toBe("*Young Group*'s charter is due for renewal on Jan 1, 2029; you can request renewal from Oct 3, 2028.");
    expect((await slash(h, 'UBOB', '/ig', 'renew new members')).text).toContain('only Core interest groups renew a charter');
    expect((await slash(h, 'UDAN', '/ig', 'renew open data')).text).toContain('Only the conveners of *Open Data* (<@UANN>) and staff');
    expect(h.fake.callsTo('views.open')).toHaveLength(0);
  });

  it('opens the form prefilled from the record and checks the fields', async () => {
    const view = await slashModal(h, 'UANN', '/ig', 'renew');
    expect(labels(view)).toEqual({ activities: 'Activities since the last charter', deliverables: 'Deliverables', conveners: 'Conveners for the coming term', plans: 'Plans for the next three years', other: 'Anything else' });
    const prefill = (inputElement(view, 'activities') as { initial_value: string }).initial_value;
    expect(prefill).toContain('Since the charter of May 1, 2024:');
    expect(prefill).toContain('• 1 quarterly report filed');
    expect(prefill).toContain('• 1 message in the group channel');
    expect((inputElement(view, 'conveners') as { initial_value?: string }).initial_value).toBeTruthy();
    const bad = await submit(h, 'UANN', 'charters.renew', { activities: v.text(' ') }, view.private_metadata as string);
    expect(bad.errors).toEqual({ activities: 'Give the activities since the last charter.', deliverables: 'Give the deliverables.', conveners: 'Give the conveners for the coming term.', plans: 'Give the plans.' });
    expect(await h.prisma.charterRenewal.count()).toBe(0);
  });

  it('files the request and sends it to staff while the IGCC has no members', async () => {
    const r = await submit(h, 'UANN', 'charters.renew', { activities: v.text('Webinars & <talks>'), deliverables: v.text('A toolkit'), conveners: v.text('Ann Lee'), plans: v.text('More webinars'), other: v.text('') }, JSON.stringify({ groupId: groups.open }));
    expect(r.text).toContain('went to the Interest Group Coordination Committee');
    const dm = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'UADMIN');
    expect(textOf(dm.args)).toContain('*Open Data* requests renewal of its charter');
    expect(textOf(dm.args)).toContain('Webinars &amp; &lt;talks&gt;');
    expect(textOf(dm.args)).toContain('Sent to staff');
    const row = await h.prisma.charterRenewal.findFirstOrThrow();
    renewalId = row.id;
    expect([row.status, row.groupId, row.requestedBy]).toEqual(['REQUESTED', groups.open, 'UANN']);
    expect((await slash(h, 'UANN', '/ig', 'renew open data')).text).toContain('already with the Interest Group Coordination Committee');
  });

  it('only the IGCC or staff recommend; the recommendation goes to the Core Board', async () => {
    expect((await slash(h, 'UADMIN', '/ig', 'admin grant igcc <@UIGC>')).text).toContain('UIGC');
    expect((await slash(h, 'UADMIN', '/ig', 'admin grant board <@UBRD>')).text).toContain('Core Board');
    expect((await clickReply(h, 'UANN', 'charters.recommend.continue', `${renewalId}:continue`, 'DANN')).text).toBe('Only the Interest Group Coordination Committee (or staff) can recommend on charter renewals.');
    expect((await clickReply(h, 'UBRD', 'charters.recommend.continue', `${renewalId}:continue`, 'DBRD')).text).toBe('Only the Interest Group Coordination Committee (or staff) can recommend on charter renewals.');
    const forged = await submit(h, 'UBRD', 'charters.recommend.reason', { reason: v.text('fine') }, JSON.stringify({ renewalId, choice: 'continue' }));
    expect(forged.text).toContain('Only the Interest Group Coordination Committee (or staff)');
    // Nothing for the board to decide yet.
    expect((await clickReply(h, 'UBRD', 'charters.decide.continue', `${renewalId}:continue`, 'DBRD')).text).toContain('waiting for the Interest Group Coordination Committee; there is nothing to decide');

    const view = await clickModal(h, 'UIGC', 'charters.recommend.continue', `${renewalId}:continue`, 'DIGC');
    expect(labels(view)).toEqual({ reason: 'Reason' });
    expect((await submit(h, 'UIGC', 'charters.recommend.reason', {}, view.private_metadata as string)).errors).toEqual({ reason: 'Give the reason.' });
    const r = await submit(h, 'UIGC', 'charters.recommend.reason', { reason: v.text('Active all year') }, view.private_metadata as string);
    expect(r.text).toContain('went to the Core Board');
    const dm = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'UBRD');
    expect(textOf(dm.args)).toContain('recommends *continuing* *Open Data*');
    expect(textOf(dm.args)).toContain('Active all year');
    expect((await h.prisma.charterRenewal.findUniqueOrThrow({ where: { id: renewalId } })).status).toBe('RECOMMENDED');
  });

  it('only the board or staff decide; continuing renews the charter for three years and tells conveners and channel', async () => {
    expect((await clickReply(h, 'UIGC', 'charters.decide.continue', `${renewalId}:continue`, 'DIGC')).text).toBe('Only the Core Board (or staff) can decide charter renewals.');
    const forged = await submit(h, 'UANN', 'charters.decide.reason', { reason: v.text('yes') }, JSON.stringify({ renewalId, choice: 'continue' }));
    expect(forged.text).toContain('Only the Core Board (or staff)');
    h.clock.set('2027-04-20T15:00:00Z');
    const view = await clickModal(h, 'UBRD', 'charters.decide.continue', `${renewalId}:continue`, 'DBRD');
    const r = await submit(h, 'UBRD', 'charters.decide.reason', { reason: v.text('Keep going') }, view.private_metadata as string);
    expect(r.text).toContain("The Core Board renewed *Open Data*'s charter until Apr 20, 2030. Keep going");
    const toConvener = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'UANN');
    expect(textOf(toConvener.args)).toContain('renewed *Open Data*');
    await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'COPEN');
    const g = await h.prisma.group.findUniqueOrThrow({ where: { id: groups.open } });
    expect(g.charterApprovedOn?.toISOString().slice(0, 10)).toBe('2027-04-20');
    const row = await h.prisma.charterRenewal.findUniqueOrThrow({ where: { id: renewalId } });
    expect([row.status, row.decidedBy, row.decisionReason, row.recommendation]).toEqual(['CONTINUED', 'UBRD', 'Keep going', 'continue']);
    const actions = (await h.prisma.auditLog.findMany({ where: { subjectType: 'group', subjectId: String(groups.open), action: { startsWith: 'charter.' } }, orderBy: { id: 'asc' } })).map((a) => a.action);
    expect(actions).toEqual(['charter.renewal_requested', 'charter.renewal_recommended', 'charter.renewed']);
    expect((await slash(h, 'UANN', '/ig', 'renew open data')).text).toContain('you can request renewal from Jan 20, 2030');
  });
});

describe('a dissolve decision', () => {
  it('the IGCC recommends dissolving, the board decides so, and the group is dissolved', async () => {
    const id = await addGroup(h.prisma, { name: 'Fading Group', channelId: 'CFADE', members: ['UDAN'], terms: [{ slackUserId: 'UBOB', year: 2026 }] });
    await h.prisma.group.update({ where: { id }, data: { charterApprovedOn: day('2024-06-01') } });
    const form = { activities: v.text('Little'), deliverables: v.text('None'), conveners: v.text('Bob'), plans: v.text('Unsure') };
    expect((await submit(h, 'UBOB', 'charters.renew', form, JSON.stringify({ groupId: id }))).text).toContain('went to the Interest Group Coordination Committee');
    const renewal = await h.prisma.charterRenewal.findFirstOrThrow({ where: { groupId: id } });
    await submit(h, 'UIGC', 'charters.recommend.reason', { reason: v.text('No activity in two years') }, JSON.stringify({ renewalId: renewal.id, choice: 'dissolve' }));
    const toBoard = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'UBRD' && textOf(c.args).includes('Fading Group'));
    expect(textOf(toBoard.args)).toContain('recommends *dissolving* *Fading Group*');
    const r = await submit(h, 'UBRD', 'charters.decide.reason', { reason: v.text('As recommended') }, JSON.stringify({ renewalId: renewal.id, choice: 'dissolve' }));
    expect(r.text).toContain('The Core Board decided that *Fading Group* is to be dissolved. Reason: As recommended');
    const g = await until(() => h.prisma.group.findUniqueOrThrow({ where: { id } }), (x) => x.status === 'DISSOLVED');
    expect([g.status, g.dissolvedReason]).toEqual(['DISSOLVED', 'Core Board decision: As recommended']);
    expect((await h.prisma.charterRenewal.findUniqueOrThrow({ where: { id: renewal.id } })).status).toBe('DISSOLVE_DECIDED');
    const toConvener = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'UBOB' && textOf(c.args).includes('Fading Group'));
    expect(textOf(toConvener.args)).toContain('is to be dissolved');
  });
});

describe('nudges', () => {
  it('DMs conveners 90, 30 and 7 days before (10:00) and on the day (08:00, before an unrenewed charter dissolves), once each', async () => {
    expect(allRules()).toContain(renewalRule);
    const engine = makeEngine(h);
    const instants = ['2027-05-03T15:00:00Z', '2027-07-02T15:00:00Z', '2027-07-25T15:00:00Z', '2027-08-01T13:00:00Z'];
    const texts: string[] = [];
    for (const at of instants) {
      h.fake.reset();
      h.clock.set(at);
      await engine.tick();
      h.clock.set(new Date(Date.parse(at) + 60_000).toISOString());
      await engine.tick(); // a restart or the next minute: nothing doubled
      texts.push(...h.fake.callsTo('chat.postMessage').map((c) => textOf(c.args)).filter((t) => t.includes('is due for renewal')));
    }
    expect(texts.filter((t) => t.includes('Later Group'))).toEqual([
      expect.stringContaining('is due for renewal in 90 days (Aug 1, 2027)'),
      expect.stringContaining('is due for renewal in 30 days'),
      expect.stringContaining('is due for renewal in 7 days'),
      expect.stringContaining('is due for renewal today (Aug 1, 2027)'),
    ]);
    expect(texts.filter((t) => !t.includes('Later Group'))).toEqual([]);
    expect(await h.prisma.reminderDelivery.count({ where: { occurrence: { ruleId: 'charters.renewal' } } })).toBe(4);
  });

  it('stops once a request is filed', async () => {
    const g = await h.prisma.group.update({ where: { id: groups.later }, data: { charterApprovedOn: day('2024-10-01') } });
    await h.prisma.charterRenewal.create({ data: { groupId: g.id, activities: 'a', deliverables: 'b', conveners: 'c', plans: 'd', requestedBy: 'UCAT', requestedAt: new Date('2027-08-02T15:00:00Z') } });
    const list = await renewalRule.occurrences({ prisma: h.prisma, zone: h.config.orgTimezone }, { from: new Date('2027-08-01T00:00:00Z'), to: new Date('2027-10-02T00:00:00Z') });
    expect(list).toEqual([]);
  });
});
