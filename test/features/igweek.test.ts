// IG Week through Slack's HTTP surface: the schedule, claiming (and its race), session details,
// staff management and settings. Answers are read back from the fake Web API, rows from the database.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadWeek } from '../../src/features/igweek/service.js';
import { type Harness, startHarness, textOf } from '../support/harness.js';
import { addConvener, type Answer, click, coreGroup, igweek, inputLabels, openModal, slotsOf, TERM, unix } from './igweek-support.js';

let h: Harness;
let slots: { id: number; startsAt: Date }[];
const MON_10 = '2027-03-01T16:00:00Z'; // 10:00 CST

beforeAll(async () => {
  h = await startHarness({ adminUserIds: ['USTAFF'], now: '2027-01-10T16:00:00Z' });
  h.fake.addUser({ id: 'USTAFF', email: 'staff@example.org', name: 'staff' });
  h.fake.addUser({ id: 'UNOBODY', email: 'nobody@example.org', name: 'nobody' });
  h.fake.addChannel({ id: 'CMETA', name: 'ig-metadata', members: [h.fake.botUserId] });
  await coreGroup(h, 'Metadata Interest Group', 'UMETA', { channelId: 'CMETA' });
  await coreGroup(h, 'Preservation Interest Group', 'UPRES');
  // A PLA group's convener and a dissolved Core group's convener may not claim.
  const pla = await h.prisma.group.create({ data: { name: 'Health', key: 'health', kind: 'PLA_IG', eligibility: 'PLA_MEMBERS' } });
  await addConvener(h, pla.id, 'UPLA');
  const gone = await coreGroup(h, 'Old Interest Group', 'UOLD');
  await h.prisma.group.update({ where: { id: gone.id }, data: { status: 'DISSOLVED' } });
  await loadWeek(h.prisma, 2027);
  slots = await slotsOf(h, 2027);
});
afterAll(() => h?.close());
beforeEach(() => h.fake.reset());

const sessionOf = (groupName: string) => h.prisma.igWeekSession.findFirst({ where: { group: { name: groupName } }, include: { slot: true } });

describe('/igweek schedule', () => {
  it('shows the coming week, one section per day, each slot in Central and in the reader\'s own zone, with Claim buttons', async () => {
    const reply = await igweek(h, 'UMETA');
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('*IG Week 2027* · Monday, March 1 – Friday, March 5');
    expect(reply.text).toContain('25 one-hour slots, 25 open');
    for (const day of ['Monday, March 1', 'Tuesday, March 2', 'Wednesday, March 3', 'Thursday, March 4', 'Friday, March 5']) expect(reply.text).toContain(day);
    // Before January 15: it says when selection opens, in the reader's zone.
    expect(reply.text).toContain(`Slot selection opens <!date^${unix('2027-01-15T16:00:00Z')}^`);
    const blocks = reply.blocks!;
    expect(blocks.length).toBeLessThanOrEqual(50);
    const first = blocks.find((b) => b.block_id === `slot-${slots[0]!.id}`) as { text: { text: string }; accessory: { action_id: string; text: { text: string } } };
    // Central, then the start in the reader's own zone (Slack's token; the fallback says Central).
    expect(first.text.text).toContain(`Mon, Mar 1 · 10:00–11:00 AM Central (<!date^${unix(MON_10)}^{time} your time|10:00 AM Central>)`);
    expect(first.text.text).not.toContain('CST');
    expect(first.text.text).toContain('*Open*');
    expect(first.accessory).toMatchObject({ action_id: 'igweek.claim', text: { text: 'Claim' } });
    const last = blocks.find((b) => b.block_id === `slot-${slots[24]!.id}`) as { text: { text: string } };
    expect(last.text.text).toContain(`Fri, Mar 5 · 2:00–3:00 PM Central (<!date^${unix('2027-03-05T20:00:00Z')}^{time} your time|2:00 PM Central>)`);
    const noon = blocks.find((b) => b.block_id === `slot-${slots[1]!.id}`) as { text: { text: string } };
    expect(noon.text.text).toContain('Mon, Mar 1 · 11:00 AM–12:00 PM Central (');
    expect(blocks.filter((b) => b.type === 'header')).toHaveLength(5);
  });

  it('is read-only for people who cannot claim: Claim buttons only for conveners of active Core interest groups, and staff', async () => {
    const accessories = (reply: Answer) => (reply.blocks ?? []).filter((b) => String(b.block_id).startsWith('slot-')).map((b) => (b.accessory as { type: string; action_id: string } | undefined)?.type ?? 'none');
    for (const user of ['UNOBODY', 'UPLA', 'UOLD']) {
      const reply = await igweek(h, user);
      expect(accessories(reply), user).toEqual(Array(25).fill('none'));
      expect(reply.text, user).toContain('Conveners of Core interest groups claim the slots; the schedule is read-only for you.');
    }
    const convener = await igweek(h, 'UMETA');
    expect(accessories(convener)).toEqual(Array(25).fill('button'));
    expect(convener.text).not.toContain('read-only');
    expect(accessories(await igweek(h, 'USTAFF'))).toEqual(Array(25).fill('overflow'));
  });

  it('shows another year on request and explains a bad one', async () => {
    expect((await igweek(h, 'UMETA', '2028')).text).toContain('*IG Week 2028* · Monday, March 6 – Friday, March 10');
    expect((await igweek(h, 'UMETA', 'schedule next')).text).toContain('"next" isn\'t a year');
  });

  it('lists its commands in /igweek help; staff see theirs too', async () => {
    const help = await igweek(h, 'UMETA', 'help');
    for (const usage of ['/igweek schedule [year]', '/igweek program [year]', '/igweek details', '/igweek release']) expect(help.text).toContain(usage);
    expect(help.text).not.toContain('/igweek settings');
    const staff = await igweek(h, 'USTAFF', 'help');
    for (const usage of ['/igweek open [year]', '/igweek close [year]', '/igweek lock [year]', '/igweek settings [year]']) expect(staff.text).toContain(usage);
  });
});

describe('claiming a slot', () => {
  it('before slot selection opens, says when it opens and stores nothing', async () => {
    const reply = await click(h, 'UMETA', 'igweek.claim', String(slots[0]!.id));
    expect(reply.text).toContain("Slot selection for IG Week 2027 isn't open yet: it opens");
    expect(reply.text).toContain(`<!date^${unix('2027-01-15T16:00:00Z')}^`);
    expect(await h.prisma.igWeekSession.count()).toBe(0);
  });

  it('refuses people who do not convene an active Core interest group', async () => {
    h.clock.set('2027-01-20T16:00:00Z');
    for (const user of ['UNOBODY', 'UPLA', 'UOLD']) {
      const reply = await click(h, user, 'igweek.claim', String(slots[0]!.id));
      expect(reply.text, user).toContain('Only conveners of an active Core interest group can claim');
    }
    expect(await h.prisma.igWeekSession.count()).toBe(0);
  });

  it('refuses a slot that does not exist and a past year', async () => {
    expect((await click(h, 'UMETA', 'igweek.claim', '999999')).text).toContain("That slot doesn't exist");
    await loadWeek(h.prisma, 2026);
    const old = (await slotsOf(h, 2026))[0]!;
    expect((await click(h, 'UMETA', 'igweek.claim', String(old.id))).text).toContain('IG Week 2026 is over');
    expect(await h.prisma.igWeekSession.count()).toBe(0);
  });

  it("refuses this year's week once it is over, pointing at next year's", async () => {
    const now = h.clock.current;
    h.clock.set('2027-03-20T16:00:00Z');
    try {
      const reply = await click(h, 'UMETA', 'igweek.claim', String(slots.at(-1)!.id));
      expect(reply.text).toContain("IG Week 2027 is over; its slots can't be claimed. `/igweek` shows IG Week 2028.");
      expect(await h.prisma.igWeekSession.count()).toBe(0);
    } finally {
      h.clock.current = now;
    }
  });

  it('takes the slot with one click and opens the session-details modal at once', async () => {
    const reply = await click(h, 'UMETA', 'igweek.claim', String(slots[0]!.id));
    expect(reply.text).toContain(`*Metadata Interest Group* has the Mon, Mar 1 · 10:00–11:00 AM Central (<!date^${unix(MON_10)}^{time} your time|10:00 AM Central>) slot`);
    expect(reply.text).toContain('due Feb 1, 2027');
    const session = await sessionOf('Metadata Interest Group');
    expect(session).toMatchObject({ year: 2027, slotId: slots[0]!.id, claimedBy: 'UMETA' });
    const open = await h.fake.waitFor('views.open');
    const view = open.args.view as Record<string, unknown>;
    expect(view.callback_id).toBe('igweek.details');
    expect(view.private_metadata).toBe(String(session!.id));
    expect(inputLabels(view)).toEqual(['Session title', 'Description', 'Setup', 'Polls', 'Breakout rooms', 'Speakers', 'Outside speakers', 'Moderator']);
    expect(await h.prisma.auditLog.count({ where: { action: 'igweek.claimed', actor: 'UMETA' } })).toBe(1);
    // The schedule now shows who holds it.
    const schedule = await igweek(h, 'UPRES');
    expect(schedule.text).toContain('*Metadata Interest Group* — _title to come_');
    expect(schedule.text).toContain('24 open');
  });

  it('one slot per group a year: a second claim is refused until the group releases its slot', async () => {
    const second = await click(h, 'UMETA', 'igweek.claim', String(slots[1]!.id));
    expect(second.text).toContain('*Metadata Interest Group* already holds');
    expect(second.text).toContain('release that slot first');
    expect(await h.prisma.igWeekSession.count({ where: { group: { name: 'Metadata Interest Group' } } })).toBe(1);
    // The schema enforces it too, whatever the code does.
    const g = (await sessionOf('Metadata Interest Group'))!;
    await expect(h.prisma.igWeekSession.create({ data: { year: 2027, slotId: slots[1]!.id, groupId: g.groupId, claimedBy: 'X' } })).rejects.toMatchObject({ code: 'P2002' });
    await expect(h.prisma.igWeekSession.create({ data: { year: 2027, slotId: slots[0]!.id, groupId: (await h.prisma.group.findFirstOrThrow({ where: { name: 'Preservation Interest Group' } })).id, claimedBy: 'X' } })).rejects.toMatchObject({ code: 'P2002' });

    // Releasing asks first; only the confirmation releases.
    const ask = await click(h, 'UMETA', 'igweek.slot-menu', `release:${g.id}`, { overflow: true });
    expect(ask.text).toContain('Release the Mon, Mar 1 · 10:00–11:00 AM Central (');
    expect(await sessionOf('Metadata Interest Group')).not.toBeNull();
    const released = await click(h, 'UMETA', 'igweek.release', String(g.id));
    expect(released.replace_original).toBe(true);
    expect(released.text).toContain('Released the Mon, Mar 1 · 10:00–11:00 AM Central (');
    expect(await sessionOf('Metadata Interest Group')).toBeNull();
    const again = await click(h, 'UMETA', 'igweek.claim', String(slots[1]!.id));
    expect(again.text).toContain('has the Mon, Mar 1 · 11:00 AM–12:00 PM Central (');
    expect((await sessionOf('Metadata Interest Group'))!.slotId).toBe(slots[1]!.id);
  });

  it('another group clicking a taken slot is told it was just taken and shown the open slots', async () => {
    const reply = await click(h, 'UPRES', 'igweek.claim', String(slots[1]!.id));
    expect(reply.text).toContain('was just taken by another group');
    const ids = (reply.blocks ?? []).map((b) => b.block_id);
    expect(ids).not.toContain(`slot-${slots[1]!.id}`);
    expect(ids).toContain(`slot-${slots[0]!.id}`);
  });

  it('asks a convener of several groups which group the slot is for (and recognises conveners by email)', async () => {
    const a = await coreGroup(h, 'Assessment Interest Group', 'UMULTI');
    const b = await coreGroup(h, 'Cataloging Norms Interest Group');
    await addConvener(h, b.id, 'UMULTI', { byEmail: true });
    const pick = await click(h, 'UMULTI', 'igweek.claim', String(slots[2]!.id));
    expect(pick.text).toContain('Which one is the');
    const buttons = (pick.blocks!.find((x) => x.type === 'actions') as { elements: { text: { text: string }; value: string; action_id: string }[] }).elements;
    expect(buttons.map((x) => x.text.text)).toEqual(['Assessment Interest Group', 'Cataloging Norms Interest Group']);
    // Slack accepted the picker (click() checks it): one action_id per group.
    expect(new Set(buttons.map((x) => x.action_id)).size).toBe(2);
    const chosen = buttons.find((x) => x.text.text === 'Cataloging Norms Interest Group')!;
    const claimed = await click(h, 'UMULTI', chosen.action_id, chosen.value);
    expect(claimed.text).toContain('*Cataloging Norms Interest Group* has the');
    // A group the user does not convene is refused.
    const other = (await h.prisma.group.findFirstOrThrow({ where: { name: 'Preservation Interest Group' } })).id;
    expect((await click(h, 'UMULTI', 'igweek.claim-for', `${slots[3]!.id}:${other}`)).text).toContain("You don't convene that group");
    expect(await h.prisma.igWeekSession.count({ where: { groupId: a.id } })).toBe(0);
  });

  it('a convener whose answer Slack refuses is told so, and the claim they made stands', async () => {
    const a = await h.prisma.group.findFirstOrThrow({ where: { name: 'Assessment Interest Group' } });
    h.fake.failNext('response_url', 'invalid_blocks', { status: 400 });
    const responseUrl = h.fake.responseUrl();
    await h.driver.blockAction('UMULTI', { action_id: `igweek.claim-for:${a.id}`, type: 'button', value: `${slots[20]!.id}:${a.id}` }, { channelId: 'C0GENERAL', responseUrl });
    const told = await h.fake.waitFor('response_url', (c) => c.url === responseUrl && c.response?.ok === true);
    expect(textOf(told.args)).toContain('Slack would not show my answer');
    expect(textOf(told.args)).toContain('may have been done');
    expect(await h.prisma.igWeekSession.findFirst({ where: { groupId: a.id } })).toMatchObject({ slotId: slots[20]!.id });
  });

  it('releasing asks for confirmation; the released message offers Undo, which the database decides', async () => {
    await click(h, 'UPRES', 'igweek.claim', String(slots[15]!.id));
    const s = (await sessionOf('Preservation Interest Group'))!;
    await h.prisma.igWeekSession.update({ where: { id: s.id }, data: { title: 'Keeping Bits Alive', setup: 'WEBINAR', speakerUserIds: ['UMETA'], outsideSpeakers: ['Ada Lovelace'] } });

    // The menu item only asks; "Keep it" changes nothing.
    const ask = await click(h, 'UPRES', 'igweek.slot-menu', `release:${s.id}`, { overflow: true });
    expect(ask.text).toContain('*Preservation Interest Group*? Other groups can claim it at once');
    expect(ask.text).toContain('_Keeping Bits Alive_');
    const choices = (ask.blocks!.find((b) => b.type === 'actions') as { elements: { action_id: string; style?: string; value: string }[] }).elements;
    expect(choices.map((c) => [c.action_id, c.style])).toEqual([['igweek.release', 'danger'], ['igweek.keep-slot', undefined]]);
    const kept = await click(h, 'UPRES', 'igweek.keep-slot', String(s.id));
    expect(kept).toMatchObject({ replace_original: true, text: 'Kept the slot: nothing changed.' });
    expect(await sessionOf('Preservation Interest Group')).not.toBeNull();

    // Released, then undone: the same session is back in its slot with its details.
    const released = await click(h, 'UPRES', 'igweek.release', String(s.id));
    expect(await sessionOf('Preservation Interest Group')).toBeNull();
    const undo = (released.blocks![0] as { accessory: { action_id: string; value: string; text: { text: string } } }).accessory;
    expect(undo).toMatchObject({ action_id: 'igweek.undo-release', value: String(s.id), text: { text: 'Undo' } });
    const back = await click(h, 'UPRES', undo.action_id, undo.value);
    expect(back.replace_original).toBe(true);
    expect(back.text).toContain('slot again, with its session details.');
    expect(back.text).toContain(':leftwards_arrow_with_hook: Undone: *Preservation Interest Group* has the Thu, Mar 4 · 10:00–11:00 AM Central (');
    expect(await sessionOf('Preservation Interest Group')).toMatchObject({ id: s.id, slotId: slots[15]!.id, claimedBy: 'UPRES', title: 'Keeping Bits Alive', setup: 'WEBINAR', speakerUserIds: ['UMETA'], outsideSpeakers: ['Ada Lovelace'] });
    expect(await h.prisma.auditLog.count({ where: { action: 'igweek.release-undone', subjectId: String(s.id), actor: 'UPRES' } })).toBe(1);
    expect((await click(h, 'UPRES', undo.action_id, undo.value)).text).toContain('Already undone');
    expect((await click(h, 'UNOBODY', undo.action_id, undo.value)).text).toContain('Already undone');

    // Released again and claimed by another group: Undo is refused and shows the open slots.
    await click(h, 'UPRES', 'igweek.release', String(s.id));
    const dh = await coreGroup(h, 'Digital Humanities Interest Group', 'UDH');
    expect((await click(h, 'UNOBODY', undo.action_id, undo.value)).text).toContain("Only the group's conveners (or staff)");
    expect((await click(h, 'UDH', 'igweek.claim', String(slots[15]!.id))).text).toContain('*Digital Humanities Interest Group* has the');
    const late = await click(h, 'UPRES', undo.action_id, undo.value);
    expect(late.text).toContain('was just taken by another group');
    expect(await sessionOf('Preservation Interest Group')).toBeNull();
    expect(await h.prisma.igWeekSession.findFirst({ where: { slotId: slots[15]!.id } })).toMatchObject({ groupId: dh.id });
    // Leave the week as the later tests expect it.
    await h.prisma.igWeekSession.deleteMany({ where: { groupId: dh.id } });
  });
});

describe('the race for one slot', () => {
  it('200 conveners of 200 groups click the same slot at once: exactly one wins, the others are told', async () => {
    const N = 200;
    const users = Array.from({ length: N }, (_, i) => `URACE${String(i).padStart(3, '0')}`);
    await h.prisma.group.createMany({ data: users.map((_, i) => ({ name: `Race Group ${i}`, key: `racegroup${i}`, kind: 'CORE_IG' as const, eligibility: 'ANYONE' as const })) });
    const groups = await h.prisma.group.findMany({ where: { key: { startsWith: 'racegroup' } } });
    await h.prisma.person.createMany({ data: users.map((u) => ({ slackUserId: u, email: `${u.toLowerCase()}@example.org` })) });
    await h.prisma.convenerTerm.createMany({ data: groups.map((g) => ({ groupId: g.id, slackUserId: users[Number(g.name.split(' ').pop())]!, ...TERM })) });
    const target = slots[10]!;
    const answers: Answer[] = await Promise.all(users.map((u) => click(h, u, 'igweek.claim', String(target.id), { timeoutMs: 20000 })));
    const rows = await h.prisma.igWeekSession.findMany({ where: { slotId: target.id }, include: { group: true } });
    expect(rows).toHaveLength(1);
    const winners = answers.filter((a) => a.text.includes('has the'));
    const losers = answers.filter((a) => a.text.includes('was just taken by another group'));
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(N - 1);
    expect(winners[0]!.text).toContain(`*${rows[0]!.group.name}*`);
    expect(rows[0]!.claimedBy).toBe(users[Number(rows[0]!.group.name.split(' ').pop())]);
    // Losers see open slots to pick from, not the one they lost.
    const loserSlots = (losers[0]!.blocks ?? []).map((b) => b.block_id);
    expect(loserSlots).not.toContain(`slot-${target.id}`);
    expect(loserSlots).toContain(`slot-${slots[11]!.id}`);
    expect(await h.prisma.auditLog.count({ where: { action: 'igweek.claimed', subjectId: String(rows[0]!.id) } })).toBe(1);
  }, 60000);
});

describe('session details', () => {
  const values = (v: { title?: string; description?: string; setup?: string; polls?: string; breakout?: string; speakers?: string[]; outside?: string; moderator?: string }) => ({
    title: { title: { type: 'plain_text_input', value: v.title ?? null } },
    description: { description: { type: 'plain_text_input', value: v.description ?? null } },
    setup: { setup: { type: 'radio_buttons', selected_option: v.setup ? { value: v.setup } : null } },
    polls: { polls: { type: 'radio_buttons', selected_option: v.polls ? { value: v.polls } : null } },
    breakout: { breakout: { type: 'radio_buttons', selected_option: v.breakout ? { value: v.breakout } : null } },
    speakers: { speakers: { type: 'multi_users_select', selected_users: v.speakers ?? [] } },
    outside: { outside: { type: 'plain_text_input', value: v.outside ?? null } },
    moderator: { moderator: { type: 'users_select', selected_user: v.moderator ?? null } },
  });

  it('answers a bad submission with field errors and stores nothing', async () => {
    const s = (await sessionOf('Metadata Interest Group'))!;
    await openModal(h, 'UMETA', 'igweek.edit-details', String(s.id), false);
    const ack = await h.driver.viewSubmission('UMETA', { callback_id: 'igweek.details', values: values({ title: 'x', outside: 'A'.repeat(101) }) });
    expect(ack.body).toMatchObject({ response_action: 'errors' });
    const errors = (ack.body as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors).sort()).toEqual(['breakout', 'outside', 'polls', 'setup', 'title']);
    expect(errors.title).toContain('at least 3 characters');
    expect(errors.setup).toBe('Choose meeting or webinar.');
    expect((await sessionOf('Metadata Interest Group'))!.title).toBeNull();
  });

  it('saves valid details, shows them when the modal is opened again, and in the program', async () => {
    const s = (await sessionOf('Metadata Interest Group'))!;
    const ack = await h.driver.viewSubmission('UMETA', {
      callback_id: 'igweek.details',
      private_metadata: String(s.id),
      values: values({ title: 'Linked Data <in> Practice', description: 'Lightning talks on BIBFRAME & friends.', setup: 'WEBINAR', polls: 'yes', breakout: 'no', speakers: ['UPRES'], outside: 'Dr. Ann Outside\n\n  Bo Guest  ', moderator: 'UMETA' }),
    });
    expect(ack.body).toMatchObject({ response_action: 'update' });
    expect(textOf(ack.body as Record<string, unknown>)).toContain('Saved *Linked Data &lt;in&gt; Practice*');
    expect(await sessionOf('Metadata Interest Group')).toMatchObject({
      title: 'Linked Data <in> Practice',
      setup: 'WEBINAR',
      polls: true,
      breakoutRooms: false,
      speakerUserIds: ['UPRES'],
      outsideSpeakers: ['Dr. Ann Outside', 'Bo Guest'],
      moderatorUserId: 'UMETA',
      detailsBy: 'UMETA',
    });
    const view = await openModal(h, 'UMETA', 'igweek.slot-menu', `details:${s.id}`);
    const blocks = view.blocks as { block_id?: string; element?: Record<string, unknown> }[];
    expect(blocks.find((b) => b.block_id === 'title')!.element!.initial_value).toBe('Linked Data <in> Practice');
    expect(blocks.find((b) => b.block_id === 'setup')!.element!.initial_option).toMatchObject({ value: 'WEBINAR' });
    const program = await igweek(h, 'UNOBODY', 'program');
    expect(program.text).toContain('*Linked Data &lt;in&gt; Practice* — Metadata Interest Group');
    expect(program.text).toContain('Speakers: <@UPRES>, Dr. Ann Outside, Bo Guest');
    expect(program.text).toContain('Draft');
  });

  it('records speakers the app had not met, so exports can name them', async () => {
    h.fake.addUser({ id: 'UGUEST', name: 'Gus Guest' });
    const s = (await sessionOf('Metadata Interest Group'))!;
    const submit = (speakers: string[]) =>
      h.driver.viewSubmission('UMETA', {
        callback_id: 'igweek.details',
        private_metadata: String(s.id),
        values: values({ title: 'Linked Data <in> Practice', description: 'Lightning talks on BIBFRAME & friends.', setup: 'WEBINAR', polls: 'yes', breakout: 'no', speakers, outside: 'Dr. Ann Outside\n\n  Bo Guest  ', moderator: 'UMETA' }),
      });
    expect((await submit(['UPRES', 'UGUEST'])).body).toMatchObject({ response_action: 'update' });
    expect(await h.prisma.person.findUnique({ where: { slackUserId: 'UGUEST' } })).toMatchObject({ name: 'Gus Guest' });
    expect((await submit(['UPRES'])).body).toMatchObject({ response_action: 'update' });
  });

  it('/igweek details opens the modal for your group\'s session, and explains when there is none', async () => {
    const before = h.fake.callsTo('views.open').length;
    await h.driver.command('UMETA', '/igweek', 'details', { responseUrl: h.fake.responseUrl() });
    const open = await h.fake.waitFor('views.open', () => h.fake.callsTo('views.open').length > before);
    expect((open.args.view as { private_metadata: string }).private_metadata).toBe(String((await sessionOf('Metadata Interest Group'))!.id));
    expect((await igweek(h, 'UNOBODY', 'details')).text).toContain('Only conveners of an active Core interest group');
    const fresh = await coreGroup(h, 'Fresh Interest Group', 'UFRESH');
    expect((await igweek(h, 'UFRESH', 'release')).text).toContain('Your group has no slot at IG Week 2027 yet');
    await h.prisma.group.update({ where: { id: fresh.id }, data: { status: 'DISSOLVED' } });
  });

  it('is refused to people who do not convene the group', async () => {
    const s = (await sessionOf('Metadata Interest Group'))!;
    const ack = await h.driver.viewSubmission('UPRES', { callback_id: 'igweek.details', private_metadata: String(s.id), values: values({ title: 'Hijack', setup: 'MEETING', polls: 'no', breakout: 'no' }) });
    expect((ack.body as { errors: Record<string, string> }).errors.title).toContain("Only the group's conveners (or staff)");
    expect((await sessionOf('Metadata Interest Group'))!.title).toBe('Linked Data <in> Practice');
  });

  it('stops conveners editing once staff lock the program; staff still can', async () => {
    expect((await igweek(h, 'UMETA', 'lock')).text).toContain('Only staff');
    expect((await igweek(h, 'USTAFF', 'lock')).text).toContain('program is locked');
    const s = (await sessionOf('Metadata Interest Group'))!;
    const refused = await click(h, 'UMETA', 'igweek.edit-details', String(s.id));
    expect(refused.text).toContain('Staff have locked the IG Week program');
    expect((await click(h, 'UPRES', 'igweek.claim', String(slots[5]!.id))).text).toContain('locked');
    const ack = await h.driver.viewSubmission('USTAFF', { callback_id: 'igweek.details', private_metadata: String(s.id), values: values({ title: 'Linked Data in Practice', setup: 'WEBINAR', polls: 'yes', breakout: 'no' }) });
    expect(ack.body).toMatchObject({ response_action: 'update' });
    expect((await igweek(h, 'UNOBODY', 'program')).text).not.toContain('Draft');
    expect((await igweek(h, 'USTAFF', 'unlock')).text).toContain('unlocked');
  });
});

describe('staff manage slots', () => {
  it('assign a slot to a group, which tells its conveners', async () => {
    const pres = await h.prisma.group.findFirstOrThrow({ where: { name: 'Preservation Interest Group' } });
    expect((await click(h, 'UMETA', 'igweek.slot-menu', `assign:${slots[4]!.id}`, { overflow: true })).text).toContain('Only staff');
    const view = await openModal(h, 'USTAFF', 'igweek.slot-menu', `assign:${slots[4]!.id}`);
    expect(view.callback_id).toBe('igweek.assign');
    const ack = await h.driver.viewSubmission('USTAFF', { callback_id: 'igweek.assign', values: { group: { group: { type: 'static_select', selected_option: { value: String(pres.id) } } } } });
    expect(ack.body).toMatchObject({ response_action: 'update' });
    expect(await sessionOf('Preservation Interest Group')).toMatchObject({ slotId: slots[4]!.id, claimedBy: 'USTAFF' });
    const dm = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'UPRES');
    expect(textOf(dm.args)).toContain('Staff gave *Preservation Interest Group* the Mon, Mar 1 · 2:00–3:00 PM Central (');
    // Assigning a second slot to the same group is refused on the field.
    await openModal(h, 'USTAFF', 'igweek.slot-menu', `assign:${slots[6]!.id}`).catch(() => undefined);
    const twice = await h.driver.viewSubmission('USTAFF', { callback_id: 'igweek.assign', private_metadata: String(slots[6]!.id), values: { group: { group: { type: 'static_select', selected_option: { value: String(pres.id) } } } } });
    expect((twice.body as { errors: Record<string, string> }).errors.group).toContain('already holds a slot');
  });

  it('move a session to an open slot, keeping its details', async () => {
    const s = (await sessionOf('Metadata Interest Group'))!;
    const view = await openModal(h, 'USTAFF', 'igweek.slot-menu', `move:${s.id}`);
    const options = ((view.blocks as { block_id?: string; element?: { options: { value: string }[] } }[]).find((b) => b.block_id === 'slot')!.element!.options).map((o) => Number(o.value));
    expect(options).not.toContain(slots[4]!.id); // taken
    expect(options).toContain(slots[7]!.id);
    const labels = (view.blocks as { block_id?: string; element?: { options: { text: { text: string }; value: string }[] } }[]).find((b) => b.block_id === 'slot')!.element!.options;
    expect(labels.find((o) => o.value === String(slots[7]!.id))!.text.text).toBe('Tue, Mar 2 · 12:00–1:00 PM Central');
    const taken = await h.driver.viewSubmission('USTAFF', { callback_id: 'igweek.move', values: { slot: { slot: { type: 'static_select', selected_option: { value: String(slots[4]!.id) } } } } });
    expect((taken.body as { errors: Record<string, string> }).errors.slot).toContain('held by Preservation Interest Group');
    const ack = await h.driver.viewSubmission('USTAFF', { callback_id: 'igweek.move', values: { slot: { slot: { type: 'static_select', selected_option: { value: String(slots[7]!.id) } } } } });
    expect(ack.body).toMatchObject({ response_action: 'update' });
    expect(await sessionOf('Metadata Interest Group')).toMatchObject({ slotId: slots[7]!.id, title: 'Linked Data in Practice' });
    await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'UMETA' && textOf(c.args).includes('Staff moved'));
  });

  it('release any slot', async () => {
    const s = (await sessionOf('Preservation Interest Group'))!;
    expect((await click(h, 'UMETA', 'igweek.slot-menu', `release:${s.id}`, { overflow: true })).text).toContain("Only the group's conveners (or staff)");
    expect((await click(h, 'USTAFF', 'igweek.slot-menu', `release:${s.id}`, { overflow: true })).text).toContain('Release the');
    expect((await click(h, 'USTAFF', 'igweek.release', String(s.id))).text).toContain('Released');
    expect(await sessionOf('Preservation Interest Group')).toBeNull();
    expect((await click(h, 'USTAFF', 'igweek.slot-menu', `release:${s.id}`, { overflow: true })).text).toContain('already been released');
    expect((await click(h, 'USTAFF', 'igweek.release', String(s.id))).text).toContain('already been released');
    // The group's conveners hear of it, and of staff's Undo.
    const told = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'UPRES' && textOf(c.args).includes('Staff released'));
    expect(textOf(told.args)).toContain("Staff released your group's IG Week slot, Mon, Mar 1 · 2:00–3:00 PM Central (<!date^");
    expect((await click(h, 'USTAFF', 'igweek.undo-release', String(s.id))).text).toContain('Undone: *Preservation Interest Group* has the Mon, Mar 1 · 2:00–3:00 PM Central (');
    const back = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'UPRES' && textOf(c.args).includes('Staff undid the release'));
    expect(textOf(back.args)).toContain('Staff undid the release: your group\'s IG Week slot, Mon, Mar 1 · 2:00–3:00 PM Central (');
    await click(h, 'USTAFF', 'igweek.release', String(s.id));
    expect(await sessionOf('Preservation Interest Group')).toBeNull();
  });

  it('add the registration link, practice time and recording link; a new recording link is posted in the group channel', async () => {
    const s = (await sessionOf('Metadata Interest Group'))!;
    const view = await openModal(h, 'USTAFF', 'igweek.slot-menu', `links:${s.id}`);
    expect(inputLabels(view)).toEqual(['Registration link', 'Practice session', 'Recording link']);
    const links = (registration: string, recording: string, practice: number | null) => ({
      registration: { registration: { type: 'url_text_input', value: registration } },
      practice: { practice: { type: 'datetimepicker', selected_date_time: practice } },
      recording: { recording: { type: 'url_text_input', value: recording } },
    });
    const badUrl = await h.driver.viewSubmission('USTAFF', { callback_id: 'igweek.links', values: links('zoom dot us', '', null) });
    expect((badUrl.body as { errors: Record<string, string> }).errors).toEqual({ registration: 'The registration link must be a web address (https://…).' });
    const late = await h.driver.viewSubmission('USTAFF', { callback_id: 'igweek.links', values: links('', '', unix('2027-03-10T16:00:00Z')) });
    expect((late.body as { errors: Record<string, string> }).errors).toEqual({ practice: 'The practice session must be before the session itself.' });
    const ok = await h.driver.viewSubmission('USTAFF', { callback_id: 'igweek.links', values: links('https://zoom.us/webinar/register/WN_abc', '', unix('2027-02-22T17:00:00Z')) });
    expect(ok.body).toMatchObject({ response_action: 'update' });
    expect(await sessionOf('Metadata Interest Group')).toMatchObject({ registrationUrl: 'https://zoom.us/webinar/register/WN_abc', practiceAt: new Date('2027-02-22T17:00:00Z'), recordingUrl: null });
    expect(h.fake.messagesIn('CMETA')).toHaveLength(0);
    await h.driver.viewSubmission('USTAFF', { callback_id: 'igweek.links', values: links('https://zoom.us/webinar/register/WN_abc', 'https://youtu.be/rec1', unix('2027-02-22T17:00:00Z')) });
    const post = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'CMETA');
    expect(textOf(post.args)).toContain('<https://youtu.be/rec1|watch the recording>');
    expect((await sessionOf('Metadata Interest Group'))!.recordingUrl).toBe('https://youtu.be/rec1');
    // Saving the same link again posts nothing new.
    await h.driver.viewSubmission('USTAFF', { callback_id: 'igweek.links', values: links('https://zoom.us/webinar/register/WN_abc', 'https://youtu.be/rec1', unix('2027-02-22T17:00:00Z')) });
    await new Promise((r) => setTimeout(r, 200));
    expect(h.fake.messagesIn('CMETA')).toHaveLength(1);
  });
});

describe('staff open, close and change the week', () => {
  it('open and close slot selection now', async () => {
    expect((await igweek(h, 'UMETA', 'close')).text).toContain('Only staff');
    expect((await igweek(h, 'USTAFF', 'close')).text).toContain('is now *closed*');
    expect((await click(h, 'UPRES', 'igweek.claim', String(slots[5]!.id))).text).toContain('closed by staff');
    expect((await igweek(h, 'USTAFF', 'open')).text).toContain('is now *open*');
    expect((await click(h, 'UPRES', 'igweek.claim', String(slots[5]!.id))).text).toContain('*Preservation Interest Group* has the');
    expect((await h.prisma.igWeek.findUniqueOrThrow({ where: { year: 2027 } })).openedAt).toEqual(h.clock.now());
  });

  it('change dates, hours and slot count in the settings modal; slots follow, sessions are protected', async () => {
    const view = await (async () => {
      const before = h.fake.callsTo('views.open').length;
      await h.driver.command('USTAFF', '/igweek', 'settings 2028', { responseUrl: h.fake.responseUrl() });
      return (await h.fake.waitFor('views.open', () => h.fake.callsTo('views.open').length > before)).args.view as Record<string, unknown>;
    })();
    expect(view.callback_id).toBe('igweek.settings');
    expect(inputLabels(view)).toContain('Slot start hours (Central)');
    const settings = (v: Partial<Record<string, string | null>>) => ({
      firstDay: { firstDay: { type: 'datepicker', selected_date: v.firstDay ?? null } },
      lastDay: { lastDay: { type: 'datepicker', selected_date: v.lastDay ?? null } },
      hours: { hours: { type: 'plain_text_input', value: v.hours ?? null } },
      slotCount: { slotCount: { type: 'number_input', value: v.slotCount ?? null } },
      opensDate: { opensDate: { type: 'datepicker', selected_date: v.opensDate ?? null } },
      opensTime: { opensTime: { type: 'timepicker', selected_time: v.opensTime ?? null } },
      detailsDueOn: { detailsDueOn: { type: 'datepicker', selected_date: v.detailsDueOn ?? null } },
      survey: { survey: { type: 'url_text_input', value: v.survey ?? null } },
      claiming: { claiming: { type: 'radio_buttons', selected_option: { value: v.claiming ?? 'AUTO' } } },
    });
    const bad = await h.driver.viewSubmission('USTAFF', { callback_id: 'igweek.settings', values: settings({ lastDay: '2028-03-04', hours: '10, 25', detailsDueOn: '2028-03-07' }) });
    expect(Object.keys((bad.body as { errors: Record<string, string> }).errors)).toEqual(['hours']);
    const weekend = await h.driver.viewSubmission('USTAFF', { callback_id: 'igweek.settings', values: settings({ firstDay: '2028-03-11', lastDay: '2028-03-12' }) });
    expect((weekend.body as { errors: Record<string, string> }).errors.lastDay).toContain('no weekday');
    // DST starts March 12, 2028: a week from Thursday 9th to Tuesday 14th straddles it.
    const ok = await h.driver.viewSubmission('USTAFF', {
      callback_id: 'igweek.settings',
      values: settings({ firstDay: '2028-03-09', lastDay: '2028-03-14', hours: '10, 13', slotCount: '7', opensDate: '2028-01-10', opensTime: '09:30', detailsDueOn: '2028-02-10', survey: 'https://survey.example.org/igweek' }),
    });
    expect(ok.body).toMatchObject({ response_action: 'update' });
    expect(textOf(ok.body as Record<string, unknown>)).toContain('Thursday, March 9 – Tuesday, March 14');
    const s2028 = (await slotsOf(h, 2028)).map((s) => s.startsAt.toISOString());
    expect(s2028).toEqual([
      '2028-03-09T16:00:00.000Z',
      '2028-03-09T19:00:00.000Z',
      '2028-03-10T16:00:00.000Z',
      '2028-03-10T19:00:00.000Z',
      '2028-03-13T15:00:00.000Z',
      '2028-03-13T18:00:00.000Z',
      '2028-03-14T15:00:00.000Z',
    ]);
    expect(await h.prisma.igWeek.findUniqueOrThrow({ where: { year: 2028 } })).toMatchObject({
      claimOpensAt: new Date('2028-01-10T15:30:00Z'),
      detailsDueOn: new Date('2028-02-10'),
      surveyUrl: 'https://survey.example.org/igweek',
      slotCount: 7,
      hours: [10, 13],
    });
    const schedule = await igweek(h, 'UMETA', '2028');
    expect(schedule.text).toContain(`<!date^${unix('2028-03-13T15:00:00Z')}^`);
    expect(schedule.text).toContain('Mon, Mar 13 · 10:00–11:00 AM Central (');
  });

  it('refuses a change that would drop a slot holding a session, and resets to the computed calendar', async () => {
    await igweek(h, 'USTAFF', 'settings reset 2028');
    expect(await slotsOf(h, 2028)).toHaveLength(25);
    const before = h.fake.callsTo('views.open').length;
    await h.driver.command('USTAFF', '/igweek', 'settings', { responseUrl: h.fake.responseUrl() });
    await h.fake.waitFor('views.open', () => h.fake.callsTo('views.open').length > before);
    const ack = await h.driver.viewSubmission('USTAFF', {
      callback_id: 'igweek.settings',
      values: { hours: { hours: { type: 'plain_text_input', value: '10' } }, claiming: { claiming: { type: 'radio_buttons', selected_option: { value: 'AUTO' } } } },
    });
    expect((ack.body as { errors: Record<string, string> }).errors.hours).toContain('Metadata Interest Group');
    expect(await slotsOf(h, 2027)).toHaveLength(25);
  });
});
