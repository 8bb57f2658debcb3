// Proposals through Slack's HTTP surface: staff grant the committee roles and set the calls,
// a convener submits, only the right committee (or staff) decides, "ask for changes" lets the
// convener revise and resubmit, an accepted proposal shows in /ig info, closed calls refuse.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { proposalDeadlineRule } from '../../src/features/proposals/schedule.js';
import { allRules } from '../../src/features/reminders/registry.js';
import { type Harness, startHarness, textOf } from '../support/harness.js';
import { addGroup, addPeople, clickModal, clickReply, inputElement, labels, messageText, occurrences, slash, slashModal, submit, v } from './conveners-support.js';

let h: Harness;
const groups: Record<string, number> = {};

beforeAll(async () => {
  // Feb 1, 2027, 10:00 in Chicago.
  h = await startHarness({ adminUserIds: ['UADMIN'], now: '2027-02-01T16:00:00Z' });
  await addPeople(h, [
    { id: 'UADMIN', email: 'admin@example.org' },
    { id: 'UANN', email: 'ann@example.org', memberships: 'Core' },
    { id: 'UBOB', email: 'bob@example.org', memberships: 'Core' },
    { id: 'UPRO', email: 'pro@example.org' },
    { id: 'UCED', email: 'ced@example.org' },
  ]);
  groups.open = await addGroup(h.prisma, { name: 'Open Data', terms: [{ slackUserId: 'UANN', year: 2026 }] });
  groups.health = await addGroup(h.prisma, { name: 'Health', terms: [{ slackUserId: 'UBOB', year: 2026 }] });
});
afterAll(() => h?.close());
beforeEach(() => h.fake.reset());

const proposal = (call: string, title = 'Linked data for <everyone>') => ({
  call: v.select(call),
  title: v.text(title),
  description: v.text('A hands-on session on publishing open data.'),
  format: v.text('Panel, 60 minutes'),
  speakers: v.text('Ann Lee (State Library)'),
  needs: v.text('Projector'),
});
const meta = (g: string) => JSON.stringify({ groupId: groups[g] });
let proposalId = 0;

describe('setting up', () => {
  it('tells conveners when no call is open', async () => {
    expect((await slash(h, 'UANN', '/ig', 'propose')).text).toContain('No call for proposals is open at the moment');
    expect(h.fake.callsTo('views.open')).toHaveLength(0);
  });

  it('grants the committee roles with /ig admin grant programming|ce', async () => {
    expect((await slash(h, 'UADMIN', '/ig', 'admin grant programming <@UPRO>')).text).toContain('Core Programming Committee granted: <@UPRO>');
    expect((await slash(h, 'UADMIN', '/ig', 'admin grant ce <@UCED>')).text).toContain('Continuing Education Coordination Committee granted: <@UCED>');
    expect((await h.prisma.roleGrant.findMany({ where: { role: { in: ['PROGRAMMING', 'CONTINUING_ED'] } }, orderBy: { role: 'asc' } })).map((g) => [g.slackUserId, g.role])).toEqual([
      ['UPRO', 'PROGRAMMING'],
      ['UCED', 'CONTINUING_ED'],
    ]);
    expect((await slash(h, 'UADMIN', '/ig', 'admin grant chefs <@UPRO>')).text).toContain('`/ig admin grant staff|igcc|coo|programming|ce|board @person`');
  });

  it('lets staff set each call\'s opening and closing dates', async () => {
    expect((await slash(h, 'UANN', '/ig', 'admin proposals')).text).toBe('Only staff can use `/ig admin`.');
    expect((await slash(h, 'UADMIN', '/ig', 'admin proposals')).text).toContain('*Program at the ALA Annual Conference*: no call');
    const view = await clickModal(h, 'UADMIN', 'proposals.settings.open', 'settings', 'CADMIN');
    expect(Object.keys(labels(view))).toEqual(['program-annual.opens', 'program-annual.closes', 'program-exchange.opens', 'program-exchange.closes', 'program-forum.opens', 'program-forum.closes', 'course.opens', 'course.closes']);
    const bad = await submit(h, 'UADMIN', 'proposals.settings', { 'program-annual.opens': v.date('2027-01-15'), 'course.opens': v.date('2027-02-20'), 'course.closes': v.date('2027-02-10') });
    expect(bad.errors).toEqual({ 'program-annual.closes': 'Choose when the call closes (or clear both dates).', 'course.closes': 'The call closes before it opens.' });
    const ok = await submit(h, 'UADMIN', 'proposals.settings', { 'program-annual.opens': v.date('2027-01-15'), 'program-annual.closes': v.date('2027-02-28'), 'course.opens': v.date('2027-01-15'), 'course.closes': v.date('2027-02-10') });
    expect(ok.text).toContain('*Program at the ALA Annual Conference*: Jan 15, 2027 to Feb 28, 2027 (open)');
    expect(ok.text).toContain('*Program at Core Exchange*: no call');
    expect(await h.prisma.proposalCall.count()).toBe(2);
  });
});

describe('submitting and reviewing', () => {
  it('opens the form with the open calls and checks the fields', async () => {
    const view = await slashModal(h, 'UANN', '/ig', 'propose');
    expect(labels(view)).toEqual({ call: 'Kind and venue', title: 'Title', description: 'Description', format: 'Format', speakers: 'Speakers', needs: 'Needs' });
    const call = inputElement(view, 'call') as { options: { value: string; text: { text: string } }[] };
    expect(call.options.map((o) => o.text.text)).toEqual(['Program at the ALA Annual Conference (until Feb 28, 2027)', 'Online course or webinar (until Feb 10, 2027)']);
    const bad = await submit(h, 'UANN', 'proposals.propose', { call: v.select('program-exchange'), title: v.text(' ') }, meta('open'));
    expect(bad.errors).toEqual({ title: 'Give the title.', description: 'Give the description.', format: 'Give the format.', speakers: 'Give the speakers.' });
    expect((await submit(h, 'UANN', 'proposals.propose', proposal('program-exchange'), meta('open'))).errors).toEqual({ call: "This call isn't taking proposals (Program at Core Exchange: no call open)." });
    expect((await submit(h, 'UBOB', 'proposals.propose', proposal('program-annual'), meta('open'))).text).toContain('Only the conveners of *Open Data*');
    expect(await h.prisma.proposal.count()).toBe(0);
  });

  it('sends a program proposal to the Programming Committee only', async () => {
    const r = await submit(h, 'UANN', 'proposals.propose', proposal('program-annual'), meta('open'));
    expect(r.text).toContain('Submitted *Linked data for &lt;everyone&gt;* (Program at the ALA Annual Conference) for *Open Data* to the Core Programming Committee');
    const dm = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'UPRO');
    expect(dm.response?.ok, JSON.stringify(dm.response)).toBe(true);
    expect(textOf(dm.args)).toContain('A new proposal for the Core Programming Committee');
    expect(textOf(dm.args)).toContain('Projector');
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'UCED')).toHaveLength(0);
    const row = await h.prisma.proposal.findFirstOrThrow();
    proposalId = row.id;
    expect([row.kind, row.callKey, row.status, row.groupId]).toEqual(['PROGRAM', 'program-annual', 'SUBMITTED', groups.open]);
  });

  it('refuses a decision from another committee or a convener', async () => {
    expect((await clickReply(h, 'UCED', 'proposals.review.accept', `${proposalId}:accept`, 'DCED')).text).toBe('Only the Core Programming Committee (or staff) can decide this proposal.');
    expect((await clickReply(h, 'UANN', 'proposals.review.accept', `${proposalId}:accept`, 'DANN')).text).toBe('Only the Core Programming Committee (or staff) can decide this proposal.');
    const forged = await submit(h, 'UCED', 'proposals.review.reason', { reason: v.text('Looks good') }, JSON.stringify({ proposalId, decision: 'accept' }));
    expect(forged.text).toContain('Only the Core Programming Committee (or staff)');
    expect((await h.prisma.proposal.findUniqueOrThrow({ where: { id: proposalId } })).status).toBe('SUBMITTED');
  });

  it('asks for changes with a reason; the convener revises and resubmits', async () => {
    const view = await clickModal(h, 'UPRO', 'proposals.review.changes', `${proposalId}:changes`, 'DPRO');
    expect(labels(view)).toEqual({ reason: 'Changes to ask for' });
    expect((await submit(h, 'UPRO', 'proposals.review.reason', {}, view.private_metadata as string)).errors).toEqual({ reason: 'Give the reason.' });
    const r = await submit(h, 'UPRO', 'proposals.review.reason', { reason: v.text('Add a second speaker') }, view.private_metadata as string);
    expect(r.text).toContain('The committee asked for changes to *Linked data for &lt;everyone&gt;*');
    const dm = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'UANN');
    expect(textOf(dm.args)).toContain('Add a second speaker');
    expect(textOf(dm.args)).toContain('Revise and resubmit');
    expect((await h.prisma.proposal.findUniqueOrThrow({ where: { id: proposalId } })).status).toBe('CHANGES_REQUESTED');
    // Nothing to decide while it waits for changes.
    expect((await clickReply(h, 'UPRO', 'proposals.review.accept', `${proposalId}:accept`, 'DPRO')).text).toContain('is waiting for changes');

    const revise = await clickModal(h, 'UANN', 'proposals.revise.open', String(proposalId), 'DANN');
    expect((inputElement(revise, 'title') as { initial_value: string }).initial_value).toBe('Linked data for <everyone>');
    const again = await submit(h, 'UANN', 'proposals.revise', { ...proposal('program-annual', 'Linked data, two voices'), speakers: v.text('Ann Lee; Bo Chen') }, revise.private_metadata as string);
    expect(again.text).toContain('Resubmitted *Linked data, two voices*');
    const second = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'UPRO');
    expect(textOf(second.args)).toContain('A revised proposal for the Core Programming Committee');
    expect(textOf(second.args)).toContain('(revision 2)');
    const row = await h.prisma.proposal.findUniqueOrThrow({ where: { id: proposalId } });
    expect([row.status, row.revision, row.speakers]).toEqual(['SUBMITTED', 2, 'Ann Lee; Bo Chen']);
  });

  it('accepts: the convener is told, the group is active, and /ig info lists it', async () => {
    const view = await clickModal(h, 'UPRO', 'proposals.review.accept', `${proposalId}:accept`, 'DPRO');
    const r = await submit(h, 'UPRO', 'proposals.review.reason', { reason: v.text('A strong fit for Annual') }, view.private_metadata as string);
    expect(r.text).toContain('was accepted');
    const dm = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'UANN');
    expect(textOf(dm.args)).toContain('*Linked data, two voices* (Program at the ALA Annual Conference) from *Open Data* was accepted. A strong fit for Annual');
    expect((await h.prisma.group.findUniqueOrThrow({ where: { id: groups.open } })).lastActivityAt?.toISOString()).toBe('2027-02-01T16:00:00.000Z');
    expect(await h.prisma.auditLog.count({ where: { subjectType: 'proposal', subjectId: String(proposalId) } })).toBe(4);
    const info = await slash(h, 'UBOB', '/ig', 'info open data');
    expect(info.text).toContain('*Accepted proposals*\n• Linked data, two voices (Program at the ALA Annual Conference, Feb 1, 2027)');
    expect((await slash(h, 'UBOB', '/ig', 'info health')).text).not.toContain('Accepted proposals');
  });
});

describe('deadlines', () => {
  it('nudges conveners of groups without a proposal 14 and 3 days before a call closes', async () => {
    expect(allRules()).toContain(proposalDeadlineRule);
    const all = await occurrences(h, proposalDeadlineRule, '2027-02-01T16:00:00Z', '2027-03-31T00:00:00Z');
    expect(all.map((o) => [o.subject, o.dueAt.toISOString()])).toEqual([
      [`group:${groups.health}:proposals:program-annual:2027-02-28`, '2027-02-14T16:00:00.000Z'],
      [`group:${groups.health}:proposals:program-annual:2027-02-28`, '2027-02-25T16:00:00.000Z'],
      [`group:${groups.health}:proposals:course:2027-02-10`, '2027-02-07T16:00:00.000Z'],
      [`group:${groups.open}:proposals:course:2027-02-10`, '2027-02-07T16:00:00.000Z'],
    ]);
    expect(all[0]!.audience).toEqual({ kind: 'groupConveners', groupId: groups.health });
    expect(messageText(all[0]!)).toContain('The call for *Program at the ALA Annual Conference* proposals closes in 14 days');
  });

  it('refuses submissions after a call closes', async () => {
    h.clock.set('2027-02-11T06:00:00Z'); // Feb 11, 00:00 in Chicago
    expect((await submit(h, 'UBOB', 'proposals.propose', proposal('course'), meta('health'))).errors).toEqual({ call: "This call isn't taking proposals (Online course or webinar: closed Feb 10, 2027)." });
    const view = await slashModal(h, 'UBOB', '/ig', 'propose');
    expect((inputElement(view, 'call') as { options: { value: string }[] }).options.map((o) => o.value)).toEqual(['program-annual']);
    expect(await h.prisma.proposal.count({ where: { groupId: groups.health } })).toBe(0);
  });
});
