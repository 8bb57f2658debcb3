// Automatic dissolution through the deadline engine (warnings 90/30/7 days before to the conveners
// and staff, the dissolution once), what it does (directory, joins, members told, channel archived),
// and staff's reinstatement, all through signed Slack requests and the fake Web API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../src/features/reminders/rules.js';
import { type Harness, startHarness, textOf } from '../support/harness.js';
import { clickReply, slash, slashModal, submit, v } from './conveners-support.js';
import { dm, makeEngine } from './reminders-helpers.js';

let h: Harness;
let quiet: number;
let lively: number;
let stale: number;
let mig: number;
let forgotten: number;

const term = { startsOn: new Date('2026-07-01T00:00:00Z'), endsOn: new Date('2027-06-30T00:00:00Z') };

async function addGroup(g: { name: string; kind?: 'CORE_IG' | 'MIG'; channelId?: string; charter: string; lastActivity: string; convener: string; members: string[] }) {
  const group = await h.prisma.group.create({
    data: {
      name: g.name,
      key: g.name.toLowerCase().replace(/[^a-z0-9]/g, ''),
      kind: g.kind ?? 'CORE_IG',
      eligibility: 'ANYONE',
      channelId: g.channelId ?? null,
      createdAt: new Date('2020-01-01T00:00:00Z'),
      charterApprovedOn: new Date(`${g.charter}T00:00:00Z`),
      lastActivityAt: new Date(g.lastActivity),
      conveners: { create: [{ slackUserId: g.convener, ...term }] },
      members: { create: g.members.map((slackUserId) => ({ slackUserId })) },
    },
  });
  return group.id;
}

beforeAll(async () => {
  h = await startHarness({ now: '2026-12-01T16:00:00Z', adminUserIds: ['USTAFF'] });
  for (const id of ['USTAFF', 'UCONV', 'UM1', 'UM2', 'ULIVE', 'USTALE', 'UMIG', 'UOTHER', 'UFORGOT']) {
    h.fake.addUser({ id, email: `${id.toLowerCase()}@example.org` });
    await h.prisma.person.upsert({ where: { slackUserId: id }, create: { slackUserId: id, email: `${id.toLowerCase()}@example.org` }, update: {} });
  }
  h.fake.addChannel({ id: 'CQUIET', name: 'ig-quiet', members: [h.fake.botUserId, 'UCONV', 'UM1', 'UM2'] });
  h.fake.addChannel({ id: 'CSTALE', name: 'ig-stale', members: [h.fake.botUserId, 'USTALE'] });
  // Last activity Mar 15, 2024, 10:00 CDT: dissolved Mar 15, 2027, 10:00 CDT (after DST starts on Mar 14).
  quiet = await addGroup({ name: 'Quiet Group', channelId: 'CQUIET', charter: '2026-01-01', lastActivity: '2024-03-15T15:00:00Z', convener: 'UCONV', members: ['UCONV', 'UM1', 'UM2'] });
  // Due Mar 16, 2027; a meeting recorded in its last week stops it.
  lively = await addGroup({ name: 'Lively Group', charter: '2026-01-01', lastActivity: '2024-03-16T15:00:00Z', convener: 'ULIVE', members: ['ULIVE'] });
  // Active, but its charter (Mar 17, 2024) came due Mar 17, 2027 with no renewal; the app may not archive its channel.
  stale = await addGroup({ name: 'Stale Charter', channelId: 'CSTALE', charter: '2024-03-17', lastActivity: '2026-11-01T15:00:00Z', convener: 'USTALE', members: ['USTALE'] });
  // Already past its deadline (Jun 1, 2026) when the engine first sees it: never warned, so never dissolved automatically.
  forgotten = await addGroup({ name: 'Forgotten Group', charter: '2026-01-01', lastActivity: '2023-06-01T15:00:00Z', convener: 'UFORGOT', members: ['UFORGOT'] });
  // MIGs don't dissolve (kinds.ts).
  mig = await addGroup({ name: 'Old MIG', kind: 'MIG', charter: '2020-01-01', lastActivity: '2020-01-01T15:00:00Z', convener: 'UMIG', members: ['UMIG'] });
});
afterAll(() => h?.close());

/** The DMs a user got about dissolution (the other features' nudges, e.g. reports due, left out). */
const texts = (user: string) => h.fake.messagesIn(dm(user)).map((m) => textOf(m as unknown as Record<string, unknown>)).filter((t) => t.includes('dissolved'));

describe('automatic dissolution by the deadline engine', () => {
  it('warns 90, 30 and 7 days before, dissolves once at the deadline, never twice, across restarts and two processes', async () => {
    let engine = makeEngine(h, { instanceId: 'first' });
    const second = makeEngine(h, { instanceId: 'second' });
    const ticks: number[] = [];
    for (let t = Date.parse('2026-12-01T16:00:00Z'); t <= Date.parse('2027-03-20T16:00:00Z'); t += DAY) ticks.push(t);
    ticks.push(Date.parse('2027-03-15T14:59:00Z'), Date.parse('2027-03-15T15:00:00Z'));
    ticks.sort((a, b) => a - b);
    for (const t of ticks) {
      h.clock.current = new Date(t);
      if (t === Date.parse('2027-03-10T16:00:00Z')) {
        // Lively Group's convener records a meeting held today: in the last week before its dissolution.
        const view = await slashModal(h, 'ULIVE', '/ig', 'meeting');
        const r = await submit(h, 'ULIVE', 'conveners.meeting.modal', { date: v.date('2027-03-10'), format: v.radio('VIRTUAL') }, view.private_metadata as string);
        expect(r.text).toContain('Recorded the virtual business meeting of *Lively Group*');
      }
      if (t === Date.parse('2027-03-17T16:00:00Z')) h.fake.failNext('conversations.archive', 'restricted_action');
      if (t === Date.parse('2027-03-15T15:00:00Z')) {
        // Two processes at the dissolution instant, at once: the database decides, once.
        const both = await Promise.all([engine.tick(), second.tick()]);
        expect(both.flatMap((r) => r.errors)).toEqual([]);
      } else {
        expect((await engine.tick()).errors).toEqual([]);
      }
      if (t === Date.parse('2026-12-15T16:00:00Z')) {
        // A restart right after the 90-day warnings went out: a new engine over the same database, at the same instant, sends nothing again.
        engine = makeEngine(h, { instanceId: 'restarted' });
        expect((await engine.tick()).sent).toBe(0);
      }
      if (t === Date.parse('2027-02-13T16:00:00Z')) expect((await second.tick()).sent).toBe(0);
      if (t === Date.parse('2027-03-15T14:59:00Z')) expect((await h.prisma.group.findUniqueOrThrow({ where: { id: quiet } })).status).toBe('ACTIVE');
    }

    // Quiet Group: dissolved at 10:00 CDT on Mar 15, 2027, for inactivity; audited once with the state before.
    const g = await h.prisma.group.findUniqueOrThrow({ where: { id: quiet } });
    expect([g.status, g.dissolvedAt?.toISOString(), g.dissolvedReason]).toEqual(['DISSOLVED', '2027-03-15T15:00:00.000Z', 'no activity for three years']);
    const audits = await h.prisma.auditLog.findMany({ where: { action: 'group.dissolved', subjectId: String(quiet) } });
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actor).toBe('system');
    expect(audits[0]!.details).toMatchObject({ reason: 'no activity for three years', before: { status: 'ACTIVE', channelId: 'CQUIET', members: ['UCONV', 'UM1', 'UM2'], conveners: [{ slackUserId: 'UCONV', startsOn: '2026-07-01', endsOn: '2027-06-30' }] } });
    // Nothing deleted: members and conveners stay for reinstatement.
    expect(await h.prisma.groupMember.count({ where: { groupId: quiet } })).toBe(3);
    expect(await h.prisma.convenerTerm.count({ where: { groupId: quiet } })).toBe(1);

    // The convener: three warnings (each once), saying why and what stops it, then the notice.
    const conv = texts('UCONV');
    expect(conv).toHaveLength(4);
    expect(conv[0]).toContain('*Quiet Group* will be dissolved in 90 days');
    expect(conv[0]).toContain('no recorded activity for three years (three years to Mar 15, 2027)');
    expect(conv[0]).toContain('record a business meeting with `/ig meeting`');
    expect(conv[1]).toContain('in 30 days');
    expect(conv[2]).toContain('in 7 days');
    expect(conv[3]).toContain('*Quiet Group* was dissolved on');
    expect(conv[3]).toContain('no activity for three years');
    const warned = await h.prisma.reminderDelivery.findMany({ where: { status: 'SENT', occurrence: { ruleId: 'dissolution.warning', subject: { startsWith: `group:${quiet}:` } } }, include: { occurrence: true } });
    expect(warned.map((d) => `${d.recipient} ${d.occurrence.dueAt.toISOString()}`).sort()).toEqual(
      ['2026-12-15T16:00:00.000Z', '2027-02-13T16:00:00.000Z', '2027-03-08T16:00:00.000Z'].flatMap((at) => [`UCONV ${at}`, `USTAFF ${at}`]).sort(),
    );
    // Members: one DM each. The channel: the announcement, then archived (once).
    expect(texts('UM1')).toEqual([expect.stringContaining('*Quiet Group* was dissolved on')]);
    expect(texts('UM2')).toHaveLength(1);
    expect(h.fake.messagesIn('CQUIET').map((m) => m.text)).toEqual([expect.stringContaining('This channel is now archived')]);
    expect(h.fake.channel('CQUIET')!.is_archived).toBe(true);
    expect(h.fake.callsTo('conversations.archive').filter((c) => c.args.channel === 'CQUIET')).toHaveLength(1);

    // Lively Group: warned at 90, 30 and 7 days, then the meeting stopped it (no dissolution, no more warnings).
    const live = await h.prisma.group.findUniqueOrThrow({ where: { id: lively } });
    expect([live.status, live.dissolvedAt]).toEqual(['ACTIVE', null]);
    expect(texts('ULIVE').filter((t) => t.includes('will be dissolved'))).toHaveLength(3);
    expect(texts('ULIVE').some((t) => t.includes('was dissolved'))).toBe(false);

    // Stale Charter: warned about its charter (file the renewal), dissolved Mar 17; the archive refusal reported to staff.
    const st = await h.prisma.group.findUniqueOrThrow({ where: { id: stale } });
    expect([st.status, st.dissolvedAt?.toISOString(), st.dissolvedReason]).toEqual(['DISSOLVED', '2027-03-17T16:00:00.000Z', 'no charter approved for three years']);
    const staleTexts = texts('USTALE');
    expect(staleTexts[0]).toContain('its charter came due for renewal on Mar 17, 2027 and no renewal has been approved');
    expect(staleTexts[0]).toContain('File the charter renewal with `/ig renew`');
    expect(h.fake.channel('CSTALE')!.is_archived).toBe(false);
    const staff = texts('USTAFF');
    expect(staff.filter((t) => t.includes('will be dissolved automatically'))).toHaveLength(9); // three groups × three warnings
    expect(staff.filter((t) => t.includes('was dissolved on'))).toHaveLength(2); // not Forgotten Group
    expect(staff.find((t) => t.includes('*Stale Charter* was dissolved'))).toContain('could not be archived (Slack said `restricted_action`)');

    // Overdue before the engine ever ran: no warning went out, so it waits for staff.
    expect((await h.prisma.group.findUniqueOrThrow({ where: { id: forgotten } })).status).toBe('ACTIVE');
    expect(texts('UFORGOT')).toEqual([]);

    // The MIG: never warned, never dissolved.
    expect((await h.prisma.group.findUniqueOrThrow({ where: { id: mig } })).status).toBe('ACTIVE');
    expect(h.fake.messagesIn(dm('UMIG'))).toEqual([]);
    expect(await h.prisma.reminderOccurrence.count({ where: { subject: { startsWith: `group:${mig}:` } } })).toBe(0);
  });
});

describe('a dissolved group', () => {
  it('leaves the directory; /ig info says when it was dissolved; joining is refused', async () => {
    expect((await slash(h, 'UOTHER', '/ig', 'list group')).text).not.toContain('Quiet Group');
    const info = await slash(h, 'UOTHER', '/ig', 'info quiet group');
    expect(info.text).toContain('*Quiet Group* was dissolved on');
    expect(info.text).toContain('Mar 15, 2027');
    expect(info.text).toContain('no activity for three years');
    const join = await slash(h, 'UOTHER', '/ig', 'join quiet group');
    expect(join.text).toContain("It is no longer in the directory and can't be joined.");
    // The join button on an old directory listing refuses too.
    const button = await clickReply(h, 'UOTHER', 'directory.join', String(quiet), 'COTHER');
    expect(button.text).toContain("can't be joined");
    expect(await h.prisma.groupMember.count({ where: { groupId: quiet, slackUserId: 'UOTHER' } })).toBe(0);
    // The public pages list active groups only.
    const json = await (await fetch(`http://127.0.0.1:${h.port}/groups.json`)).text();
    expect(json).toContain('Lively Group');
    expect(json).not.toContain('Quiet Group');
    expect(await (await fetch(`http://127.0.0.1:${h.port}/groups`)).text()).not.toContain('Quiet Group');
  });
});

describe('reinstatement', () => {
  it('is refused to anyone but staff', async () => {
    expect((await slash(h, 'UCONV', '/ig', 'admin reinstate quiet group')).text).toMatch(/staff/i);
    const click = await clickReply(h, 'UCONV', 'dissolution.reinstate', String(quiet), 'DCONV');
    expect(click.text).toMatch(/staff/i);
    expect((await h.prisma.group.findUniqueOrThrow({ where: { id: quiet } })).status).toBe('DISSOLVED');
  });

  it('asks first, then restores the group as it was: members, conveners, channel unarchived and told; not dissolved again', async () => {
    h.clock.current = new Date('2027-04-01T16:00:00Z');
    const q = await slash(h, 'USTAFF', '/ig', 'admin reinstate quiet group');
    expect(q.text).toContain('Reinstate *Quiet Group*?');
    expect(q.text).toContain('its 3 members and conveners');
    expect(q.text).toContain('until Jun 13, 2027');
    expect((await h.prisma.group.findUniqueOrThrow({ where: { id: quiet } })).status).toBe('DISSOLVED');

    const done = await clickReply(h, 'USTAFF', 'dissolution.reinstate', String(quiet), 'DSTAFF');
    expect(done.text).toContain('*Quiet Group* is reinstated');
    const g = await h.prisma.group.findUniqueOrThrow({ where: { id: quiet } });
    expect([g.status, g.dissolvedAt, g.dissolvedReason, g.lastActivityAt?.toISOString()]).toEqual(['ACTIVE', null, null, '2027-04-01T16:00:00.000Z']);
    expect(await h.prisma.groupMember.count({ where: { groupId: quiet } })).toBe(3);
    expect(await h.prisma.convenerTerm.count({ where: { groupId: quiet } })).toBe(1);
    expect(h.fake.channel('CQUIET')!.is_archived).toBe(false);
    expect(h.fake.messagesIn('CQUIET').at(-1)!.text).toContain('has been reinstated');
    expect(await h.prisma.auditLog.count({ where: { action: 'group.reinstated', subjectId: String(quiet), actor: 'USTAFF' } })).toBe(1);
    expect((await slash(h, 'UOTHER', '/ig', 'info quiet group')).text).toContain('Quiet Group');

    // The inactivity clock restarted: the next tick leaves it alone.
    expect((await makeEngine(h, { instanceId: 'after' }).tick()).errors).toEqual([]);
    expect((await h.prisma.group.findUniqueOrThrow({ where: { id: quiet } })).status).toBe('ACTIVE');
    // A second click changes nothing.
    expect((await clickReply(h, 'USTAFF', 'dissolution.reinstate', String(quiet), 'DSTAFF')).text).toContain('is not dissolved');
  });

  it('is refused after 90 days, with the date', async () => {
    h.clock.current = new Date('2027-06-14T16:00:00Z'); // Stale Charter was dissolved Mar 17: the window ended Jun 15
    expect((await slash(h, 'USTAFF', '/ig', 'admin reinstate stale charter')).text).toContain('Reinstate *Stale Charter*?');
    h.clock.current = new Date('2027-06-16T16:00:00Z');
    const late = await slash(h, 'USTAFF', '/ig', 'admin reinstate stale charter');
    expect(late.text).toContain('can no longer be reinstated');
    expect(late.text).toContain('the 90 days ended on Jun 15, 2027');
    const click = await clickReply(h, 'USTAFF', 'dissolution.reinstate', String(stale), 'DSTAFF');
    expect(click.text).toContain('can no longer be reinstated');
    expect((await h.prisma.group.findUniqueOrThrow({ where: { id: stale } })).status).toBe('DISSOLVED');
  });
});
