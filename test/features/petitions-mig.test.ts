// Membership initiative group petitions: a feedback period that the deadline passes, the
// roster rule for signers, the Committee on Organization's approval, and expiry with its
// warnings, driven by an injected clock (the deadline engine's rules and transitions).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { applyDueTransitions } from '../../src/features/petitions/service.js';
import { petitionCouncilReportRule, petitionExpiredRule, petitionExpiryWarningRule, petitionOpeningRule, petitionRules } from '../../src/features/petitions/schedule.js';
import { allRules } from '../../src/features/reminders/registry.js';
import { validateView } from '../support/block-kit.js';
import { importMembers } from '../../src/features/roster/service.js';
import { type Harness, startHarness, textOf } from '../support/harness.js';
import { capturingLogger } from '../support/logger.js';
import { dmChannel, PetitionSteps, until, ZONE } from './petitions-helpers.js';
import { makeEngine } from './reminders-helpers.js';

let h: Harness;
let s: PetitionSteps;

const MEMBERS = Array.from({ length: 100 }, (_, i) => `UM${String(i + 1).padStart(3, '0')}`);
const PURPOSE = 'To bring together ALA members who advocate for open science: open access publishing, open data and reproducible research in libraries.';
const ALMA_ADDRESS = '50 E Huron St\nChicago IL 60611';
const OLGA_ADDRESS = '1 Main St, Springfield IL 62701';
const BOTH = [{ user: 'UALMA', address: ALMA_ADDRESS }, { user: 'UOLGA', address: OLGA_ADDRESS }];

const transitions = (at: string) => applyDueTransitions(h.prisma, h.convene.app.client, new Date(at), { zone: ZONE, logger: capturingLogger() });
const ctx = () => ({ prisma: h.prisma, zone: ZONE });

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, h.config, { out: (l) => out.push(l), err: (l) => err.push(l) }, { openDatabase: async () => ({ ...h.db, close: async () => {} }) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  h = await startHarness({ adminUserIds: ['UADMIN'], now: '2026-11-25T16:00:00Z' });
  s = new PetitionSteps(h);
  const rows = [
    'email,name,memberships,standing',
    'alma@example.org,Alma Organizer,ALA,good',
    'olga@example.org,Olga Organizer,ALA,good',
    'lee@example.org,Lee Lapsed,ALA,lapsed',
    'cora@example.org,Cora Core,Core,good',
    ...MEMBERS.map((id) => `${id.toLowerCase()}@example.org,Member ${id},ALA,good`),
  ];
  await importMembers(h.prisma, rows.join('\n'), 'test');
  const people = [['UALMA', 'alma'], ['UOLGA', 'olga'], ['ULEE', 'lee'], ['UCORA', 'cora'], ['UNOBODY', 'nobody'], ['UCOO', 'coo'], ['UIGCC', 'igcc'], ['UADMIN', 'admin']];
  for (const [id, name] of people) h.fake.addUser({ id: id!, email: `${name}@example.org`, name });
  for (const id of MEMBERS) h.fake.addUser({ id, email: `${id.toLowerCase()}@example.org` });
  h.fake.addChannel({ id: 'CGENERAL', name: 'general' });
  await s.grant('UCOO', 'COO');
  await s.grant('UIGCC', 'IGCC');
});
afterAll(() => h?.close());
beforeEach(() => h.fake.reset());

type InputBlock = { type: string; block_id?: string; label?: { text: string }; optional?: boolean; element?: { type: string } };
const errorsOf = (ack: { body: unknown }) => (ack.body as { response_action: string; errors: Record<string, string> }).errors;

describe('the MIG form: each organizer with a mailing address', () => {
  it('has one row per organizer (a user select and their address), and "Add another organizer" adds a row', async () => {
    const view = (await s.openForm('UALMA', 'mig')) as { id?: string; blocks: InputBlock[] };
    const inputs = view.blocks.filter((b) => b.type === 'input');
    expect(inputs.map((b) => [b.block_id, b.label!.text, b.element!.type, Boolean(b.optional)])).toEqual([
      ['name', 'Group name', 'plain_text_input', false],
      ['purpose', 'Statement of purpose', 'plain_text_input', false],
      ['organizer-1', 'Organizer 1', 'users_select', false],
      ['address-1', 'Mailing address of organizer 1', 'plain_text_input', false],
      ['organizer-2', 'Organizer 2', 'users_select', true],
      ['address-2', 'Mailing address of organizer 2', 'plain_text_input', true],
      ['feedback', 'Feedback until', 'datepicker', true],
    ]);
    expect(validateView(view).messages).toEqual([]);

    const ack = await h.driver.blockAction('UALMA', { action_id: 'petition.add-organizer', value: '3' });
    expect(ack.status).toBe(200);
    const update = await h.fake.waitFor('views.update');
    expect(update.response?.ok).toBe(true);
    const updated = update.args.view as { blocks: InputBlock[]; private_metadata: string };
    expect(updated.blocks.filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual(['name', 'purpose', 'organizer-1', 'address-1', 'organizer-2', 'address-2', 'organizer-3', 'address-3', 'feedback']);
    expect(JSON.parse(updated.private_metadata)).toMatchObject({ kind: 'MIG', rows: 3 });
  });

  it('refuses, on the field at fault, a named organizer without an address, an address without an organizer, the same organizer twice', async () => {
    await s.openForm('UALMA', 'mig');
    const base = { name: 'Open Science Advocates', purpose: PURPOSE };
    expect(errorsOf(await s.submit('UALMA', { ...base, organizers: [{}, {}] }))).toEqual({ 'organizer-1': 'Choose at least one organizer.' });
    const ack = await s.submit('UALMA', {
      ...base,
      organizers: [{ user: 'UALMA', address: ALMA_ADDRESS }, { user: 'UOLGA' }, { address: '9 Elm St, Peoria IL 61602' }, { user: 'UALMA', address: '2 Oak St, Urbana IL 61801' }, { user: 'UM001', address: 'Chicago' }],
    });
    expect(ack.body).toEqual({
      response_action: 'errors',
      errors: {
        'address-2': "Enter this organizer's mailing address.",
        'organizer-3': 'Choose the organizer this mailing address belongs to, or clear the address.',
        'organizer-4': 'This organizer is already named above; choose someone else or clear this row.',
        'address-5': 'The mailing address is too short: at least 10 characters (street, city, postal code).',
      },
    });
    // An organizer who isn't an ALA member in good standing: on their own row.
    expect(errorsOf(await s.submit('UALMA', { ...base, organizers: [{ user: 'UALMA', address: ALMA_ADDRESS }, { user: 'ULEE', address: '3 Pine St, Joliet IL 60431' }] }))).toEqual({
      'organizer-2': 'Lee Lapsed is not an ALA member in good standing on the roster; organizers must be ALA members.',
    });
    expect(await h.prisma.petition.count()).toBe(0);
    expect(await h.prisma.petitionMailingAddress.count()).toBe(0);
  });
});

describe('a MIG petition with a feedback period', () => {
  let id: number;
  let at: { channel: string; ts: string };

  it('is posted "In review" with the date signing opens, and takes no signatures yet', async () => {
    const p = await s.file('UALMA', 'mig', { name: 'Open Science Advocates', purpose: PURPOSE, organizers: BOTH, feedback: '2026-11-30' });
    id = p.id;
    at = { channel: p.channelId, ts: p.messageTs! };
    expect(p).toMatchObject({ kind: 'MIG', level: null, status: 'IN_REVIEW', threshold: 100, organizers: ['UALMA', 'UOLGA'], mailingAddresses: null, openedAt: null });
    // One address per organizer, stored per organizer.
    expect(await h.prisma.petitionMailingAddress.findMany({ where: { petitionId: id }, orderBy: { position: 'asc' }, select: { slackUserId: true, address: true, position: true } })).toEqual([
      { slackUserId: 'UALMA', address: ALMA_ADDRESS, position: 1 },
      { slackUserId: 'UOLGA', address: OLGA_ADDRESS, position: 2 },
    ]);
    expect(p.opensAt.toISOString()).toBe('2026-12-01T15:00:00.000Z'); // 09:00 Chicago, the day after the feedback period
    expect(p.expiresAt.toISOString()).toBe('2027-04-01T04:59:59.000Z'); // end of Mar 31 (120 days), Chicago
    const msg = await s.message(id);
    expect(msg.all).toContain('*In review* — feedback is welcome in this thread until Nov 30, 2026. Signing opens <!date^1796137200^');
    expect(msg.all).not.toContain('Huron'); // addresses go to the committee only
    expect(msg.all).toContain('*Proposed:* Membership initiative group · filed by <@UALMA>');
    expect(JSON.stringify(msg.blocks)).not.toContain('petition.sign');
    expect(await s.click('UM001', 'petition.sign', id, at)).toContain('is still in review; signing opens <!date^1796137200^');
    expect(await h.prisma.petitionSignature.count()).toBe(0);
  });

  it('is announced by the opening rule at the end of the feedback period', async () => {
    const occurrences = await petitionOpeningRule.occurrences(ctx(), { from: new Date('2026-12-01T00:00:00Z'), to: new Date('2026-12-02T00:00:00Z') });
    expect(occurrences).toHaveLength(1);
    expect(occurrences[0]).toMatchObject({ subject: `petition:${id}:open`, dueAt: new Date('2026-12-01T15:00:00Z'), audience: { kind: 'channel', channelId: 'CGENERAL' } });
    expect(occurrences[0]!.message.text).toContain(`Petition #${id} (*Open Science Advocates*) is now open for signatures`);
    expect(JSON.stringify(occurrences[0]!.message.blocks)).toContain('petition.sign');
    expect(await petitionOpeningRule.occurrences(ctx(), { from: new Date('2026-12-01T15:00:00Z'), to: new Date('2026-12-03T00:00:00Z') })).toEqual([]);
  });

  it('opens for signatures at that instant through the deadline engine, exactly once, and the message changes', async () => {
    expect(await transitions('2026-12-01T14:59:59Z')).toEqual({ opened: [], expired: [] });
    const engine = makeEngine(h, { rules: petitionRules, instanceId: 'petitions-open-test' });
    const tickAt = async (iso: string) => {
      h.clock.set(iso);
      return engine.tick();
    };
    expect((await tickAt('2026-12-01T14:59:59Z')).sent).toBe(0);
    expect((await h.prisma.petition.findUniqueOrThrow({ where: { id } })).status).toBe('IN_REVIEW');
    const opening = await tickAt('2026-12-01T15:00:00Z');
    expect(opening.errors).toEqual([]);
    expect(opening.outcomes.map((o) => [o.ruleId, o.recipient, o.status])).toEqual([['petitions.opening', 'CGENERAL', 'SENT']]);
    expect((await tickAt('2026-12-01T15:00:30Z')).sent).toBe(0);
    expect(await transitions('2026-12-01T15:00:30Z')).toEqual({ opened: [], expired: [] });
    const p = await h.prisma.petition.findUniqueOrThrow({ where: { id } });
    expect(p).toMatchObject({ status: 'COLLECTING', openedAt: new Date('2026-12-01T15:00:00Z') });
    expect(await h.prisma.auditLog.count({ where: { subjectId: String(id), action: 'petition.opened', actor: 'system' } })).toBe(1);
    await until(async () => (await s.message(id)).all.includes('*0 of 100 signatures*'), 'the message to open');
    expect(JSON.stringify((await s.message(id)).blocks)).toContain('petition.sign');
    h.clock.set('2026-12-01T16:00:00Z');
  });

  it('refuses signers who are not ALA members in good standing, and organizers, saying why', async () => {
    expect(await s.click('ULEE', 'petition.sign', id, at)).toContain('the roster shows your membership as lapsed');
    expect(await s.click('UCORA', 'petition.sign', id, at)).toContain("requires ALA membership in good standing; the roster doesn't show it for you");
    expect(await s.click('UNOBODY', 'petition.sign', id, at)).toContain('you are not on the membership roster');
    expect(await s.click('UOLGA', 'petition.sign', id, at)).toContain("You're an organizer of petition");
    expect(await h.prisma.petitionSignature.count({ where: { petitionId: id } })).toBe(0);
  });

  it('collects 100 signatures, tells the organizers at 50% and 90%, and asks the Committee on Organization', async () => {
    for (let i = 0; i < MEMBERS.length; i += 25) {
      const replies = await Promise.all(MEMBERS.slice(i, i + 25).map((u) => s.click(u, 'petition.sign', id, at)));
      expect(replies.every((r) => r.includes('You signed'))).toBe(true);
    }
    const p = await h.prisma.petition.findUniqueOrThrow({ where: { id } });
    expect(p).toMatchObject({ status: 'AWAITING_APPROVAL', signatureCount: 100 });
    for (const organizer of ['UALMA', 'UOLGA']) {
      await until(() => s.dms(organizer).some((t) => t.includes('reached 100 of 100 signatures')), 'the threshold DM');
      const dms = s.dms(organizer);
      expect(dms.filter((t) => t.includes('is at 50% of its goal: 50 of 100'))).toHaveLength(1);
      expect(dms.filter((t) => t.includes('is at 90% of its goal: 90 of 100'))).toHaveLength(1);
    }
    await until(() => s.dms('UCOO').length === 1, 'the approval request to the committee');
    const request = s.dms('UCOO')[0]!;
    expect(request).toContain('needs a decision by the Committee on Organization');
    // The committee gets each organizer's own address.
    expect(request).toContain('*<@UALMA>* — mailing address\n50 E Huron St\nChicago IL 60611');
    expect(request).toContain('*<@UOLGA>* — mailing address\n1 Main St, Springfield IL 62701');
    expect(request).toContain('An approved MIG is reported to Council.');
    expect(s.dms('UIGCC')).toEqual([]);
    await until(async () => (await s.message(id)).all.includes('*Awaiting approval* by the Committee on Organization — 100 of 100 signatures'), 'the message');
    // `/petition status` offers the decision to the committee only.
    expect(JSON.stringify((await s.command('UCOO', `status ${id}`)).blocks)).toContain('petition.approve');
    expect(JSON.stringify((await s.command('UIGCC', `status ${id}`)).blocks)).not.toContain('petition.approve');
  });

  it('is approved only by the Committee on Organization, creating a MIG for ALA members, to be reported to Council', async () => {
    const request = h.fake.messagesIn(dmChannel('UCOO'))[0]!;
    const requestAt = { channel: request.channel, ts: request.ts };
    expect(await s.click('UIGCC', 'petition.approve', id, requestAt)).toContain('Only the Committee on Organization (or staff) can decide');
    expect(await h.prisma.group.count({ where: { key: 'openscienceadvocates' } })).toBe(0);

    const reply = await s.click('UCOO', 'petition.approve', id, requestAt);
    expect(reply).toContain('*To be reported to Council.*');
    const group = await h.prisma.group.findUniqueOrThrow({ where: { key: 'openscienceadvocates' }, include: { conveners: true, _count: { select: { members: true } } } });
    expect(group).toMatchObject({ kind: 'MIG', level: null, eligibility: 'ALA_MEMBERS', description: PURPOSE });
    expect(group.conveners.map((c) => c.slackUserId).sort()).toEqual(['UALMA', 'UOLGA']);
    expect(group._count.members).toBe(102);
    expect(h.fake.channel(group.channelId!)!.name).toBe('open-science-advocates');
    expect(h.fake.channelMembers(group.channelId!)).toHaveLength(103); // the app, 2 organizers, 100 signers
    expect(await h.prisma.petition.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'APPROVED', reportToCouncil: true, decidedBy: 'UCOO', groupId: group.id });
    expect(textOf(h.fake.message(request.channel, request.ts) as never)).toContain('*To be reported to Council.*');
  });

  it('nudges staff weekly at 10:00 from a week after the approval, by DM when no staff channel is set', async () => {
    expect(allRules()).toContain(petitionCouncilReportRule);
    // Approved Dec 1, 10:00 Chicago: nudges Dec 8 and Dec 15 at 10:00 Chicago (16:00Z).
    const occurrences = await petitionCouncilReportRule.occurrences(ctx(), { from: new Date('2026-12-01T00:00:00Z'), to: new Date('2026-12-16T00:00:00Z') });
    expect(occurrences.map((o) => [o.subject, o.dueAt.toISOString(), o.audience])).toEqual([
      [`petition:${id}:council-report`, '2026-12-08T16:00:00.000Z', { kind: 'users', userIds: ['UADMIN'] }],
      [`petition:${id}:council-report`, '2026-12-15T16:00:00.000Z', { kind: 'users', userIds: ['UADMIN'] }],
    ]);
    const engine = makeEngine(h, { rules: petitionRules, instanceId: 'petitions-council-test' });
    h.clock.set('2026-12-08T15:59:00Z');
    expect((await engine.tick()).sent).toBe(0);
    h.clock.set('2026-12-08T16:00:00Z');
    const tick = await engine.tick();
    expect(tick.outcomes.map((o) => [o.ruleId, o.recipient, o.status])).toEqual([['petitions.council-report', 'UADMIN', 'SENT']]);
    const nudge = h.fake.messagesIn(dmChannel('UADMIN')).at(-1)!;
    expect(textOf(nudge as never)).toContain(`Petition #${id} (*Open Science Advocates*) was approved on <!date^`);
    expect(textOf(nudge as never)).toContain('is not yet reported to Council');
    expect(JSON.stringify(nudge.blocks)).toContain('petition.reported-to-council');
  });

  it('is marked reported to Council by staff only (audited), shows in the timeline, and the nudges stop', async () => {
    const nudge = h.fake.messagesIn(dmChannel('UADMIN')).at(-1)!;
    const at = { channel: nudge.channel, ts: nudge.ts };
    expect(await s.click('UCOO', 'petition.reported-to-council', id, at)).toContain('Only staff can mark petition');
    expect(await h.prisma.petition.findUniqueOrThrow({ where: { id } })).toMatchObject({ reportedToCouncilAt: null, reportedToCouncilBy: null });

    h.clock.set('2026-12-09T17:00:00Z');
    expect(await s.click('UADMIN', 'petition.reported-to-council', id, at)).toContain('the approval is recorded as reported to Council');
    expect(await h.prisma.petition.findUniqueOrThrow({ where: { id } })).toMatchObject({ reportedToCouncilAt: new Date('2026-12-09T17:00:00Z'), reportedToCouncilBy: 'UADMIN' });
    expect(await h.prisma.auditLog.count({ where: { subjectId: String(id), action: 'petition.reported_to_council', actor: 'UADMIN' } })).toBe(1);
    expect(await s.click('UADMIN', 'petition.reported-to-council', id, at)).toContain('was already marked reported to Council <!date^');
    expect(await h.prisma.auditLog.count({ where: { subjectId: String(id), action: 'petition.reported_to_council' } })).toBe(1);

    const status = await s.command('UM001', `status ${id}`);
    expect(status.text).toMatch(/— Reported to Council by <@UADMIN>/);
    expect(status.text).toContain('Reported to Council <!date^1796835600^');
    expect(status.text).not.toContain('To be reported to Council');
    // The closed approval request no longer offers the button.
    const request = h.fake.messagesIn(dmChannel('UCOO'))[0]!;
    await until(() => !JSON.stringify(h.fake.message(request.channel, request.ts)!.blocks).includes('petition.reported-to-council'), 'the approval request to drop the button');
    expect(textOf(h.fake.message(request.channel, request.ts) as never)).toContain('Reported to Council <!date^1796835600^');

    expect(await petitionCouncilReportRule.occurrences(ctx(), { from: new Date('2026-12-09T00:00:00Z'), to: new Date('2027-01-31T00:00:00Z') })).toEqual([]);
    h.clock.set('2026-12-15T16:00:00Z');
    expect((await makeEngine(h, { rules: petitionRules, instanceId: 'petitions-council-test' }).tick()).sent).toBe(0);
  });
});

describe('expiry', () => {
  let id: number;

  it('warns the organizers 14 and 3 days before, through the deadline engine, once each', async () => {
    h.clock.set('2026-12-01T16:00:00Z');
    const p = await s.file('UALMA', 'mig', { name: 'Library Accessibility Advocates', purpose: 'Members working on accessible collections, spaces and services for disabled patrons and staff.', organizers: [{ user: 'UALMA', address: ALMA_ADDRESS }] });
    id = p.id;
    expect(p.status).toBe('COLLECTING');
    expect(p.expiresAt.toISOString()).toBe('2027-04-01T04:59:59.000Z');
    await s.click('UM001', 'petition.sign', id, { channel: p.channelId, ts: p.messageTs! });

    const all = await petitionExpiryWarningRule.occurrences(ctx(), { from: new Date('2026-12-01T00:00:00Z'), to: new Date('2027-04-02T00:00:00Z') });
    expect(all.map((o) => [o.subject, o.dueAt.toISOString(), o.audience])).toEqual([
      [`petition:${id}:expiry-14d`, '2027-03-17T14:00:00.000Z', { kind: 'users', userIds: ['UALMA'] }],
      [`petition:${id}:expiry-3d`, '2027-03-28T14:00:00.000Z', { kind: 'users', userIds: ['UALMA'] }],
    ]);

    const engine = makeEngine(h, { rules: petitionRules, instanceId: 'petitions-test' });
    const tickAt = async (iso: string) => {
      h.clock.set(iso);
      return engine.tick();
    };
    expect((await tickAt('2027-03-17T13:59:00Z')).sent).toBe(0);
    expect((await tickAt('2027-03-17T14:00:00Z')).sent).toBe(1);
    expect((await tickAt('2027-03-17T14:01:00Z')).sent).toBe(0);
    const warning = s.dms('UALMA').find((t) => t.includes('(in 14 days)'))!;
    expect(warning).toContain(`Your petition #${id} (*Library Accessibility Advocates*) has 1 of 100 signatures and closes <!date^1806555599^`);
    expect((await tickAt('2027-03-28T14:00:00Z')).sent).toBe(1);
    expect((await tickAt('2027-03-29T14:00:00Z')).sent).toBe(0);
    expect(s.dms('UALMA').filter((t) => t.includes('(in 3 days)'))).toHaveLength(1);
  });

  it('closes as expired at the end of the collection period, is refused signatures, and the organizers are told once', async () => {
    // Through the operator's CLI this time: same transitions, same idempotence.
    expect(await cli(['petitions', 'apply', '--at', '2027-03-31T23:59:58'])).toEqual({ code: 0, out: 'Petitions as of 2027-04-01T04:59:58.000Z: opened for signatures none; expired none.', err: '' });
    expect((await cli(['petitions', 'apply', '--at', '2027-04-01T04:59:59Z'])).out).toContain(`expired #${id}.`);
    expect((await cli(['petitions', 'apply', '--at', '2027-04-01T05:00:00Z'])).out).toContain('expired none.');
    expect(await cli(['petitions', 'apply', '--at', 'tomorrow'])).toMatchObject({ code: 2, err: expect.stringContaining('"tomorrow" is not an ISO 8601 instant') });
    expect((await cli(['petitions', 'frobnicate'])).code).toBe(2);
    expect(await h.prisma.petition.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'EXPIRED', signatureCount: 1 });
    await until(async () => (await s.message(id)).all.includes('*Expired* with 1 of 100 signatures'), 'the message to say expired');
    h.clock.set('2027-04-01T05:00:00Z');
    const p = await h.prisma.petition.findUniqueOrThrow({ where: { id } });
    expect(await s.click('UM002', 'petition.sign', id, { channel: p.channelId, ts: p.messageTs! })).toContain('is no longer taking signatures: it is expired');

    const occurrences = await petitionExpiredRule.occurrences(ctx(), { from: new Date('2027-03-31T00:00:00Z'), to: new Date('2027-04-02T00:00:00Z') });
    expect(occurrences.map((o) => [o.subject, o.audience])).toEqual([[`petition:${id}:expired`, { kind: 'users', userIds: ['UALMA'] }]]);
    expect(occurrences[0]!.message.text).toContain('closed with 1 of 100 signatures');
    expect(await petitionExpiryWarningRule.occurrences(ctx(), { from: new Date('2027-03-01T00:00:00Z'), to: new Date('2027-04-02T00:00:00Z') })).toEqual([]);
  });

  it('expires a petition the engine never saw, when someone next touches petitions', async () => {
    h.clock.set('2027-04-02T12:00:00Z');
    const p = await s.file('UOLGA', 'mig', { name: 'Rural Library Futures', purpose: 'Members from rural and small libraries planning services, broadband and funding together.', organizers: [{ user: 'UOLGA', address: OLGA_ADDRESS }] });
    await h.prisma.petition.update({ where: { id: p.id }, data: { expiresAt: new Date('2027-04-02T12:30:00Z') } });
    h.clock.set('2027-04-02T13:00:00Z');
    const list = await s.command('UNOBODY', 'list');
    expect(list.text).not.toContain('Rural Library Futures');
    expect((await h.prisma.petition.findUniqueOrThrow({ where: { id: p.id } })).status).toBe('EXPIRED');
  });
});
