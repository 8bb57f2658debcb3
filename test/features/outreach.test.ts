// Feedback to a group's staff liaison and inviting colleagues, through signed requests and the
// fake Web API: the liaison linked in the staff edit modal, staff when there is none, field
// errors, the staff listing; invitations with a working Join, the 30-day rule (test clock),
// opt-outs, and concurrent invitations of one person (one message).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness, textOf } from '../support/harness.js';
import { addGroup, addPeople, clickModal, clickReply, slash, slashModal, submit, v } from './conveners-support.js';

let h: Harness;
const groups: Record<string, number> = {};
const DAY = 24 * 60 * 60 * 1000;
const COLLEAGUES = Array.from({ length: 25 }, (_, i) => `UCOL${String(i + 1).padStart(2, '0')}`);

beforeAll(async () => {
  h = await startHarness({ adminUserIds: ['UADMIN'], now: '2027-02-10T16:00:00Z' });
  await addPeople(h, [
    { id: 'UADMIN', email: 'admin@example.org' },
    { id: 'ULIA', email: 'lia@example.org' },
    { id: 'UANN', email: 'ann@example.org', memberships: 'Core' },
    { id: 'UBOB', email: 'bob@example.org', memberships: 'Core' },
    { id: 'UDAN', email: 'dan@example.org' },
    { id: 'UOUT', email: 'out@example.org' },
    ...COLLEAGUES.map((id) => ({ id, email: `${id.toLowerCase()}@example.org` })),
  ]);
  groups.open = await addGroup(h.prisma, { name: 'Open Data', members: ['UANN', 'UBOB', 'UDAN'] });
  groups.health = await addGroup(h.prisma, { name: 'Health', members: ['UBOB'] });
  await h.prisma.group.updateMany({ data: { description: 'Open data & <government> in libraries.' }, where: { id: groups.open } });
});
afterAll(() => h?.close());
beforeEach(() => h.fake.reset());

const dmsTo = (user: string) => h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === user && c.response?.ok);
const waitForDm = (user: string) => h.fake.waitFor('chat.postMessage', (c) => c.args.channel === user);
const mentions = (...ids: string[]) => ids.map((id) => `<@${id}>`);

describe('feedback', () => {
  it('goes to the liaison staff linked in the edit modal, by DM, with the sender named; stored and audited', async () => {
    // Staff link a Slack user as the liaison; the free text stays as the fallback.
    const view = await slashModal(h, 'UADMIN', '/ig', 'edit open data');
    expect((view.blocks as { block_id?: string; label?: { text: string }; element?: { type: string } }[]).find((b) => b.block_id === 'liaisonUser')).toMatchObject({ label: { text: 'Staff liaison (Slack user)' }, element: { type: 'users_select' } });
    const saved = await submit(h, 'UADMIN', 'groups.edit.modal', { description: v.text('Open data & <government> in libraries.'), liaison: v.text('Lia Staff'), liaisonUser: v.user('ULIA'), level: v.select('NONE') });
    expect(saved.text).toContain('Saved the staff liaison, staff liaison (Slack user) of *Open Data*');
    expect(await h.prisma.group.findUniqueOrThrow({ where: { id: groups.open } })).toMatchObject({ staffLiaison: 'Lia Staff', staffLiaisonUserId: 'ULIA' });
    expect((await slash(h, 'UDAN', '/ig', 'info open data')).text).toContain('*Staff liaison*\n<@ULIA>');

    const form = await slashModal(h, 'UANN', '/ig', 'feedback open data');
    expect(form.callback_id).toBe('outreach.feedback.modal');
    expect(textOf(form)).toContain('goes to its staff liaison, with your name');
    const done = await submit(h, 'UANN', 'outreach.feedback.modal', { topic: v.text('Meeting times'), message: v.text('Could we meet later in the day? <!channel> & thanks') });
    expect(done.text).toContain(':white_check_mark: Thank you. I sent your feedback about *Open Data* to its staff liaison, <@ULIA>.');

    const dm = await waitForDm('ULIA');
    const text = textOf(dm.args);
    expect(text).toContain(':speech_balloon: <@UANN> sent you feedback about *Open Data*, the group you are staff liaison for.');
    expect(text).toContain('*Topic:* Meeting times');
    expect(text).toContain('Could we meet later in the day? &lt;!channel&gt; &amp; thanks');
    expect(dmsTo('UADMIN')).toHaveLength(0);

    const [row] = await h.prisma.feedback.findMany({ where: { groupId: groups.open } });
    expect(row).toMatchObject({ senderId: 'UANN', topic: 'Meeting times', message: 'Could we meet later in the day? <!channel> & thanks', liaisonId: 'ULIA' });
    const audit = await h.prisma.auditLog.findFirstOrThrow({ where: { action: 'feedback.sent' } });
    expect(audit).toMatchObject({ actor: 'UANN', subjectId: String(groups.open), details: { feedbackId: row!.id, to: 'ULIA' } });
  });

  it('goes to staff when the group has no liaison in Slack', async () => {
    await slashModal(h, 'UBOB', '/ig', 'feedback health');
    const done = await submit(h, 'UBOB', 'outreach.feedback.modal', { message: v.text('The January meeting clashed with Midwinter.') });
    expect(done.text).toContain('I sent your feedback about *Health* to staff.');
    const dm = await waitForDm('UADMIN');
    expect(textOf(dm.args)).toContain(':speech_balloon: <@UBOB> sent feedback about *Health*. The group has no staff liaison in Slack; `/ig edit Health` sets one.');
    expect(textOf(dm.args)).toContain('The January meeting clashed with Midwinter.');
    expect(await h.prisma.feedback.findFirst({ where: { groupId: groups.health } })).toMatchObject({ senderId: 'UBOB', liaisonId: null, topic: null });
  });

  it('answers problems on the fields and stores nothing', async () => {
    const before = await h.prisma.feedback.count();
    await slashModal(h, 'UANN', '/ig', 'feedback health');
    const empty = await submit(h, 'UANN', 'outreach.feedback.modal', { message: v.text('   '), topic: v.text('t'.repeat(151)) });
    expect(empty.errors).toEqual({ message: 'Write your feedback.', topic: 'Keep the topic under 150 characters.' });
    const long = await submit(h, 'UANN', 'outreach.feedback.modal', { message: v.text('x'.repeat(3001)) });
    expect(long.errors).toEqual({ message: 'Keep your feedback under 3,000 characters.' });
    expect(await h.prisma.feedback.count()).toBe(before);
    expect((await slash(h, 'UANN', '/ig', 'feedback')).text).toContain('Name the group, e.g. `/ig feedback data and measurement`');
  });

  it('is listed for staff, newest first, by group, a page at a time; nobody else sees it', async () => {
    const base = new Date('2027-01-01T12:00:00Z').getTime();
    await h.prisma.feedback.createMany({ data: Array.from({ length: 12 }, (_, i) => ({ groupId: groups.health!, senderId: 'UDAN', message: `Old note ${i + 1}`, createdAt: new Date(base + i * DAY) })) });
    const all = await slash(h, 'UADMIN', '/ig', 'admin feedback');
    expect(all.text).toContain('*14 messages of feedback*, newest first (page 1 of 2)');
    // Sent at the same instant: the later one first.
    const order = ['The January meeting', 'Could we meet later', 'Old note 12', 'Old note 11'].map((t) => all.text.indexOf(t));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(all.text).toContain('*Open Data* · <@UANN> to <@ULIA>');
    expect(all.text).toMatch(/Old note 5(?!\d)/);
    expect(all.text).not.toMatch(/Old note 4(?!\d)/);

    const older = await clickReply(h, 'UADMIN', 'outreach.feedback.page.next', JSON.stringify({ g: null, p: 2 }));
    expect(older.replace_original).toBe(true);
    expect(older.text).toContain('(page 2 of 2)');
    expect(older.text).toMatch(/Old note 4(?!\d)[\s\S]*Old note 1(?!\d)/);
    expect(older.text).not.toMatch(/Old note 5(?!\d)/);

    const health = await slash(h, 'UADMIN', '/ig', 'admin feedback health');
    expect(health.text).toContain('*13 messages of feedback about *Health**');
    expect(health.text).not.toContain('Could we meet later');

    expect((await slash(h, 'UANN', '/ig', 'admin feedback')).text).toBe('Only staff can use `/ig admin`.');
    expect((await clickReply(h, 'UANN', 'outreach.feedback.page.next', JSON.stringify({ g: null, p: 2 }))).text).toBe('Only staff can read the feedback members sent.');
  });
});

describe('invitations', () => {
  it('sends each colleague a DM with the purpose and a Join that works; skips members; sums up', async () => {
    const reply = await slash(h, 'UANN', '/ig', `invite open data <@${COLLEAGUES[0]}|col1> <@${COLLEAGUES[1]}> <@UDAN|dan> <@UANN>`);
    expect(reply.text).toContain(`:white_check_mark: Invited: ${mentions(COLLEAGUES[0]!, COLLEAGUES[1]!).join(' and ')}`);
    expect(reply.text).toContain('• Already a member: <@UDAN>');
    expect(reply.text).toContain("• You can't invite yourself.");
    expect(dmsTo('UDAN')).toHaveLength(0);

    const dm = dmsTo(COLLEAGUES[0]!)[0]!;
    const text = textOf(dm.args);
    expect(text).toContain(':wave: <@UANN> invites you to join *Open Data*, a Core interest group.');
    expect(text).toContain('Open data &amp; &lt;government&gt; in libraries.');
    expect(JSON.stringify(dm.args.blocks)).toContain('"action_id":"directory.join"');
    expect(JSON.stringify(dm.args.blocks)).toContain('"action_id":"outreach.optout"');

    const joined = await clickReply(h, COLLEAGUES[0]!, 'directory.join', String(groups.open), dm.response!.channel as string);
    expect(joined.text).toContain(':white_check_mark: You joined *Open Data*.');
    expect(await h.prisma.groupMember.findUnique({ where: { groupId_slackUserId: { groupId: groups.open!, slackUserId: COLLEAGUES[0]! } } })).not.toBeNull();
    const audits = await h.prisma.auditLog.findMany({ where: { action: 'group.invited', subjectId: String(groups.open) } });
    expect(audits.map((a) => (a.details as { invitee: string }).invitee).sort()).toEqual([COLLEAGUES[0], COLLEAGUES[1]]);
  });

  it('invites nobody to the same group twice within 30 days, whoever asks', async () => {
    h.clock.advance(29 * DAY);
    const again = await slash(h, 'UBOB', '/ig', `invite open data <@${COLLEAGUES[1]}>`);
    expect(again.text).toContain(`• Invited in the last 30 days (not again): <@${COLLEAGUES[1]}>`);
    expect(again.text).not.toContain('Invited:');
    expect(dmsTo(COLLEAGUES[1]!)).toHaveLength(0);
    // Another group is another invitation.
    expect((await slash(h, 'UBOB', '/ig', `invite health <@${COLLEAGUES[1]}>`)).text).toContain(`Invited: <@${COLLEAGUES[1]}>`);

    h.clock.advance(2 * DAY);
    const later = await slash(h, 'UBOB', '/ig', `invite open data <@${COLLEAGUES[1]}>`);
    expect(later.text).toContain(`:white_check_mark: Invited: <@${COLLEAGUES[1]}>`);
    expect(dmsTo(COLLEAGUES[1]!)).toHaveLength(2);
    expect(await h.prisma.groupInvitation.findUnique({ where: { groupId_inviteeId: { groupId: groups.open!, inviteeId: COLLEAGUES[1]! } } })).toMatchObject({ inviterId: 'UBOB', invitedAt: h.clock.now() });
  });

  it('never invites again someone who opted out, to any group, by anyone', async () => {
    await slash(h, 'UANN', '/ig', 'invite open data <@UOUT>');
    const dm = await waitForDm('UOUT');
    const answer = await clickReply(h, 'UOUT', 'outreach.optout', String(groups.open), dm.response!.channel as string);
    expect(answer.replace_original).toBe(true);
    expect(answer.text).toContain('nobody can invite you to a group through Convene again');
    expect(await h.prisma.invitationOptOut.findUnique({ where: { slackUserId: 'UOUT' } })).toMatchObject({ groupId: groups.open });
    expect(await h.prisma.auditLog.count({ where: { action: 'invitations.opted_out', subjectId: 'UOUT' } })).toBe(1);

    h.fake.reset();
    h.clock.advance(60 * DAY);
    expect((await slash(h, 'UBOB', '/ig', 'invite open data <@UOUT>')).text).toContain('• Asked not to be invited: <@UOUT>');
    expect((await slash(h, 'UBOB', '/ig', 'invite health <@UOUT>')).text).toContain('• Asked not to be invited: <@UOUT>');
    expect(dmsTo('UOUT')).toHaveLength(0);
  });

  it('sends one message when several people invite the same colleague at once', async () => {
    const target = COLLEAGUES[5]!;
    const inviters = ['UANN', 'UBOB', 'UDAN', 'UANN', 'UBOB'];
    const before = h.fake.callsTo('response_url').length;
    const acks = await Promise.all(inviters.map((u) => h.driver.command(u, '/ig', `invite open data <@${target}>`)));
    expect(acks.every((a) => a.status === 200)).toBe(true);
    await h.fake.waitFor('response_url', () => h.fake.callsTo('response_url').length >= before + inviters.length, 10_000);
    expect(dmsTo(target)).toHaveLength(1);
    const replies = h.fake.callsTo('response_url').slice(before).map((c) => textOf(c.args));
    expect(replies.filter((t) => t.includes(`Invited: <@${target}>`))).toHaveLength(1);
    expect(replies.filter((t) => t.includes(`(not again): <@${target}>`))).toHaveLength(inviters.length - 1);
    expect(await h.prisma.auditLog.count({ where: { action: 'group.invited', details: { path: ['invitee'], equals: target } } })).toBe(1);
  });

  it('opens from the Invite colleagues button of /ig info, checks the form, and turns into the summary', async () => {
    const info = await slash(h, 'UDAN', '/ig', 'info open data');
    expect(JSON.stringify(info.blocks)).toContain('"action_id":"outreach.invite"');
    const view = await clickModal(h, 'UDAN', 'outreach.invite', String(groups.open));
    expect(view.callback_id).toBe('outreach.invite.modal');
    const none = await submit(h, 'UDAN', 'outreach.invite.modal', { colleagues: v.users([]) });
    expect(none.errors).toEqual({ colleagues: 'Choose at least one colleague.' });
    const many = await submit(h, 'UDAN', 'outreach.invite.modal', { colleagues: v.users(COLLEAGUES.slice(0, 21)) });
    expect(many.errors).toEqual({ colleagues: 'Choose at most 20 colleagues at a time.' });

    const ok = await submit(h, 'UDAN', 'outreach.invite.modal', { colleagues: v.users([COLLEAGUES[6]!, COLLEAGUES[5]!, 'UBOB']) });
    expect(ok.text).toContain('Sending the invitations to *Open Data*');
    const update = await h.fake.waitFor('views.update');
    const summary = textOf(update.args.view as Record<string, unknown>);
    expect(summary).toContain(`Invited: <@${COLLEAGUES[6]}>`);
    expect(summary).toContain(`(not again): <@${COLLEAGUES[5]}>`);
    expect(summary).toContain('Already a member: <@UBOB>');
    expect(dmsTo(COLLEAGUES[6]!)).toHaveLength(1);
  });

  it('is for members, conveners and staff, at most 20 colleagues, mentioned with @', async () => {
    expect((await slash(h, COLLEAGUES[10]!, '/ig', `invite health <@${COLLEAGUES[11]}>`)).text).toBe('Only members of *Health*, its conveners and staff can invite colleagues to it. `/ig join Health` first.');
    const info = await slash(h, COLLEAGUES[10]!, '/ig', 'info health');
    expect(JSON.stringify(info.blocks)).not.toContain('outreach.invite');
    const tooMany = await slash(h, 'UBOB', '/ig', `invite health ${COLLEAGUES.slice(0, 21).map((id) => `<@${id}>`).join(' ')}`);
    expect(tooMany.text).toBe('You can invite at most 20 colleagues at a time (you named 21).');
    expect((await slash(h, 'UBOB', '/ig', `invite health <@${COLLEAGUES[12]}> carol`)).text).toContain('Mention each colleague with @ (I couldn\'t read "carol")');
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
    // Staff may invite to any group; without mentions the command opens the form.
    const form = await slashModal(h, 'UADMIN', '/ig', 'invite health');
    expect(form.callback_id).toBe('outreach.invite.modal');
    expect(form.private_metadata).toBe(JSON.stringify({ groupId: groups.health }));
  });

  it('is listed in /ig help', async () => {
    const help = await slash(h, 'UANN', '/ig', 'help');
    expect(help.text).toContain('invite <group> @colleague…');
    expect(help.text).toContain('feedback <group>');
  });
});
