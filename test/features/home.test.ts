// The App Home dashboard through the real Bolt path: published on app_home_opened and again
// after the writes that change it (views.publish), with buttons that really do the thing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeView } from '../support/fake-slack.js';
import { type Harness, startHarness, textOf } from '../support/harness.js';
import { validateView } from '../support/block-kit.js';
import { addGroup, addPeople, submit, v } from './conveners-support.js';
import { PetitionSteps } from './petitions-helpers.js';

let h: Harness;
const groups: Record<string, number> = {};
let eventSeq = 0;

// January 20, 2027, 10:00 in Chicago: the 2026 Q4 report is due Jan 31, the January business
// meeting season is open, IG Week 2027 slot selection opened Jan 15, elections are held by Apr 30.
beforeAll(async () => {
  h = await startHarness({ adminUserIds: ['UADMIN'], now: '2027-01-20T16:00:00Z' });
  await addPeople(h, [
    { id: 'UADMIN', email: 'admin@example.org' },
    { id: 'UANN', email: 'ann@example.org', memberships: 'Core' },
    { id: 'UBOB', email: 'bob@example.org', memberships: 'Core' },
    { id: 'UDAN', email: 'dan@example.org', memberships: 'ALA' },
    { id: 'UPAT', email: 'pat@example.org', memberships: 'Core' },
    { id: 'ULIZ', email: 'liz@example.org' },
  ]);
  groups.open = await addGroup(h.prisma, {
    name: 'Open Data',
    members: ['UANN', 'UDAN'],
    terms: [{ slackUserId: 'UANN', year: 2026 }, { slackUserId: 'UBOB', year: 2027 }],
  });
  groups.teen = await addGroup(h.prisma, { name: 'Teen Services', kind: 'PLA_IG', terms: [{ slackUserId: 'UANN', year: 2026 }] });
  groups.health = await addGroup(h.prisma, { name: 'Health', members: ['ULIZ'] });
  // Imported by email only, and the app hasn't met her email yet: the Home tab learns it from Slack (users.info).
  await h.prisma.convenerTerm.create({ data: { groupId: groups.health, email: 'liz@example.org', startsOn: new Date('2026-07-01'), endsOn: new Date('2027-06-30') } });
});
afterAll(() => h?.close());
beforeEach(() => h.fake.reset());

/** A petition row as petitions create them, by UPAT. */
function petitionRow(name: string, status: 'COLLECTING' | 'AWAITING_APPROVAL', signatureCount: number) {
  return h.prisma.petition.create({
    data: {
      kind: 'CORE_IG', level: 'SECTION', name, purpose: 'p'.repeat(40), organizers: ['UPAT'], petitioner: 'UPAT', status, threshold: 10, signatureCount,
      opensAt: new Date('2027-01-01'), openedAt: new Date('2027-01-01'), expiresAt: new Date('2027-05-01'), channelId: 'C0GENERAL', createdAt: new Date('2026-12-20'),
    },
  });
}

function homeOf(user: string): FakeView {
  const view = h.fake.allViews().find((x) => x.type === 'home' && x.userId === user);
  if (!view) throw new Error(`no home for ${user}`);
  return view;
}

/** Opens the App Home tab; resolves with the view published for the user. */
async function openHome(user: string): Promise<{ text: string; blocks: Block[] }> {
  expect((await h.driver.event({ type: 'app_home_opened', user, tab: 'home', channel: `D${user}` }, { eventId: `Ev-home-${++eventSeq}` })).status).toBe(200);
  return published(user);
}

type Block = { type: string; block_id?: string; accessory?: { action_id: string; value?: string; text: { text: string } }; elements?: { action_id?: string; value?: string; text?: { text: string } | string }[] };

/** The next views.publish for the user (already made since the last reset, or coming). */
async function published(user: string, after = 0): Promise<{ text: string; blocks: Block[] }> {
  const call = await h.fake.waitFor('views.publish', (c) => c.args.user_id === user && h.fake.callsTo('views.publish').filter((x) => x.args.user_id === user).indexOf(c) >= after);
  expect(call.response?.ok, JSON.stringify(call.response)).toBe(true);
  const view = call.args.view as { blocks: Block[] };
  expect(validateView(view).messages).toEqual([]);
  return { text: textOf(view as unknown as Record<string, unknown>), blocks: view.blocks };
}

/** Buttons of a home view: [text, action_id, value]. */
function buttons(blocks: Block[]): [string, string, string | undefined][] {
  return blocks.flatMap((b) => [...(b.accessory ? [b.accessory] : []), ...(b.elements ?? [])]).filter((e) => e.action_id).map((e) => [typeof e.text === 'string' ? e.text : e.text!.text, e.action_id!, e.value]);
}

/** Clicks a button of the user's App Home. */
async function clickHome(user: string, actionId: string, value: string) {
  const home = homeOf(user);
  const ack = await h.driver.blockAction(user, { action_id: actionId, value, type: 'button' }, { view: { id: home.id, callback_id: '', type: 'home' } });
  expect(ack.status).toBe(200);
}

describe('the dashboard', () => {
  it("shows a convener their groups with their role, and what they owe with the button that does it — only their kind's duties", async () => {
    const home = await openHome('UANN');
    expect(home.text).toContain('*Your groups*');
    expect(home.text).toContain('• *Open Data* — Core interest group · _convener_');
    expect(home.text).toContain('• *Teen Services* — PLA interest group · _convener_');
    expect(home.text).toContain('*What you owe*');
    expect(home.text).toContain(':memo: *Open Data*: the 2026 Q4 (Oct–Dec) report is due Jan 31, 2027.');
    expect(home.text).toContain(':spiral_calendar_pad: *Open Data*: record the January 2027 business meeting by Jan 31, 2027.');
    expect(home.text).toContain(':ballot_box_with_ballot: *Open Data*: hold the convener election by Apr 30, 2027; the winners serve Jul 1, 2027 – Jun 30, 2028.');
    expect(home.text).toContain(':studio_microphone: *Open Data*: slot selection for IG Week 2027 is open; claim a slot for your group.');
    // Soonest first: the report (Jan 31) and meeting (Jan 31) before the election (Apr 30); claiming runs until IG Week (Mar 1).
    const at = (t: string) => home.text.indexOf(t);
    expect(at('2026 Q4 (Oct–Dec) report')).toBeLessThan(at('slot selection for IG Week'));
    expect(at('slot selection for IG Week')).toBeLessThan(at('hold the convener election'));
    // A PLA interest group owes none of the Core interest groups' duties.
    expect(home.text).not.toMatch(/\*Teen Services\*: /);
    const open = String(groups.open);
    expect(buttons(home.blocks)).toEqual(
      expect.arrayContaining([
        ['File report', 'reports.file.open', open],
        ['Record a meeting', 'conveners.meeting.open', open],
        ['Open election', 'conveners.election.open', open],
        ['Claim a slot', 'igweek.schedule', '2027'],
      ]),
    );
    expect(buttons(home.blocks).filter(([, , value]) => value === String(groups.teen))).toEqual([]);
    // Every command of the app, not only /ig.
    for (const c of ['`/ig list [words]`', '`/igweek`', '`/petition`', '`/igreport`']) expect(home.text).toContain(c);
    expect(home.text).not.toContain('Compliance');
  });

  it('shows incoming conveners and members their role, and conveners known only by email their duties', async () => {
    const bob = await openHome('UBOB');
    expect(bob.text).toContain('• *Open Data* — Core interest group · _incoming convener (from Jul 1, 2027)_');
    expect(bob.text).not.toContain('What you owe');
    const dan = await openHome('UDAN');
    expect(dan.text).toContain('• *Open Data* — Core interest group · _member_');
    expect(buttons(dan.blocks).map(([, id]) => id)).not.toContain('reports.file.open');
    const liz = await openHome('ULIZ');
    expect(liz.text).toContain('• *Health* — Core interest group · _convener_');
    expect(liz.text).toContain('*Health*: the 2026 Q4 (Oct–Dec) report is due Jan 31, 2027.');
  });

  it('gives staff a compliance summary', async () => {
    const petition = await petitionRow('Library Makerspaces', 'AWAITING_APPROVAL', 10);
    const home = await openHome('UADMIN');
    expect(home.text).toContain('*Compliance* (staff)');
    expect(home.text).toContain(':memo: *2026 Q4 (Oct–Dec) reports* (due Jan 31, 2027): 0 filed · 0 filed late · 0 missing · 2 not filed yet');
    expect(home.text).toContain(':bust_in_silhouette: *2 groups without a convener* for Jul 1, 2027 – Jun 30, 2028: Health, Teen Services');
    expect(home.text).toContain(':inbox_tray: *1 petition awaiting a decision*');
    expect(home.text).toContain('*#' + petition.id + ' Library Makerspaces*');
    expect(buttons(home.blocks)).toContainEqual(['View petition', 'petition.details', String(petition.id)]);
    await h.prisma.petition.delete({ where: { id: petition.id } });
  });

  it('stays within Block Kit limits for someone convening many groups with long names', async () => {
    const long = (i: number) => `Group ${String(i).padStart(2, '0')} ${'for very long interest group names '.repeat(4)}`.trim();
    for (let i = 0; i < 45; i++) await addGroup(h.prisma, { name: long(i), members: ['UMANY'], terms: [{ slackUserId: 'UMANY', year: 2026 }] });
    h.fake.addUser({ id: 'UMANY', email: 'many@example.org', name: 'many' });
    await h.prisma.group.updateMany({ where: { name: { startsWith: 'Group ' } }, data: { createdAt: new Date('2026-01-01') } });
    const home = await openHome('UMANY'); // published() checks the view against Slack's rules
    expect(home.blocks.length).toBeLessThanOrEqual(100);
    expect(home.text).toContain('…and ');
    await h.prisma.group.deleteMany({ where: { name: { startsWith: 'Group ' } } });
  });
});

describe('buttons and refreshes', () => {
  it('File report opens the form; filing refreshes the convener and staff', async () => {
    await openHome('UANN');
    await openHome('UADMIN');
    h.fake.reset();
    await clickHome('UANN', 'reports.file.open', String(groups.open));
    const open = await h.fake.waitFor('views.open');
    expect((open.args.view as { callback_id: string }).callback_id).toBe('reports.file');
    const filed = await submit(h, 'UANN', 'reports.file', {
      quarter: v.select('2026-Q4'),
      activities: v.text('Two discussions'),
      progress: v.text('Webinar planned'),
      plans: v.text('Run the webinar'),
    });
    expect(filed.text).toContain('is filed');
    const ann = await published('UANN');
    expect(ann.text).not.toContain('2026 Q4 (Oct–Dec) report is due');
    expect(ann.text).toContain(':memo: *Open Data*: the 2027 Q1 (Jan–Mar) report is due Apr 30, 2027.');
    const staff = await published('UADMIN');
    expect(staff.text).toContain('0 missing · 1 not filed yet');
    expect(staff.text).toContain('(due Jan 31, 2027): 1 filed');
    // The incoming convener's dashboard doesn't change, but the refresh reaches the group's conveners.
    await published('UBOB');
  });

  it('Record a meeting opens the meeting form; recording it removes the item', async () => {
    await clickHome('UANN', 'conveners.meeting.open', String(groups.open));
    const open = await h.fake.waitFor('views.open');
    expect((open.args.view as { callback_id: string }).callback_id).toBe('conveners.meeting.modal');
    const done = await submit(h, 'UANN', 'conveners.meeting.modal', { date: v.date('2027-01-12'), format: v.radio('VIRTUAL') }, JSON.stringify({ groupId: groups.open }));
    expect(done.errors).toBeUndefined();
    const ann = await published('UANN');
    expect(ann.text).not.toContain('January 2027 business meeting');
  });

  it('claiming an IG Week slot refreshes conveners and members: session details wanted, the session shown', async () => {
    const slot = await h.prisma.igWeekSlot.findFirst({ where: { year: 2027 }, orderBy: { startsAt: 'asc' } });
    const year = slot ? 2027 : undefined;
    // The home's Claim a slot button shows the schedule (the first look creates the year's slots).
    await clickHome('UANN', 'igweek.schedule', String(year ?? 2027));
    await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'UANN');
    const first = await h.prisma.igWeekSlot.findFirstOrThrow({ where: { year: 2027 }, orderBy: { startsAt: 'asc' } });
    h.fake.reset();
    const responseUrl = h.fake.responseUrl();
    await h.driver.blockAction('UANN', { action_id: 'igweek.claim', value: String(first.id), type: 'button' }, { channelId: 'C0GENERAL', responseUrl });
    await h.fake.waitFor('response_url', (c) => c.url === responseUrl);
    const session = await h.prisma.igWeekSession.findFirstOrThrow({ where: { groupId: groups.open } });
    const ann = await published('UANN');
    expect(ann.text).toContain('*Open Data*: your IG Week 2027 session');
    expect(ann.text).toContain('needs its title, description, speakers by Feb 1, 2027.');
    expect(buttons(ann.blocks)).toContainEqual(['Session details', 'igweek.edit-details', String(session.id)]);
    expect(ann.text).not.toContain('claim a slot for your group');
    const dan = await published('UDAN');
    expect(dan.text).toContain('*IG Week 2027*');
    expect(dan.text).toContain('• *Open Data*: ');
  });

  it('lists petitions a member can sign; signing from the home signs and refreshes it', async () => {
    const petition = await petitionRow('Library Gardens', 'COLLECTING', 0);
    const dan = await openHome('UDAN');
    expect(dan.text).toContain('*Petitions you can sign*');
    expect(dan.text).toContain(`*#${petition.id} Library Gardens* — Core interest group · 0 of 10 signatures`);
    expect(buttons(dan.blocks)).toEqual(expect.arrayContaining([['Sign', 'petition.sign', String(petition.id)], ['View petition', 'petition.details', String(petition.id)]]));
    // The organizer isn't asked to sign their own petition.
    expect((await openHome('UPAT')).text).not.toContain('Library Gardens');
    h.fake.reset();
    await clickHome('UDAN', 'petition.sign', String(petition.id));
    const after = await published('UDAN');
    expect(after.text).not.toContain('Library Gardens');
    expect(await h.prisma.petitionSignature.count({ where: { petitionId: petition.id, signer: 'UDAN' } })).toBe(1);
  });

  it('a petition open for signatures at once refreshes the App Home of everyone who opened theirs lately', async () => {
    h.fake.addChannel({ id: 'CGENERAL', name: 'general' });
    await openHome('UBOB'); // UBOB, UDAN and others opened theirs in the tests above
    await h.prisma.person.create({ data: { slackUserId: 'UQUIET', email: 'quiet@example.org' } });
    h.fake.reset();
    const p = await new PetitionSteps(h).file('UPAT', 'ig', { name: 'Library Orchards', purpose: 'Orchards and seed libraries in public libraries, for everyone.', level: 'SECTION', leaders: ['UPAT'] });
    expect(p.status).toBe('COLLECTING');
    for (const user of ['UBOB', 'UDAN']) {
      const home = await published(user);
      expect(home.text).toContain(`*#${p.id} Library Orchards* — Core interest group · 0 of 10 signatures`);
    }
    expect((await h.prisma.person.findUniqueOrThrow({ where: { slackUserId: 'UBOB' } })).homeOpenedAt).toEqual(new Date('2027-01-20T16:00:00Z'));
    // Someone who never opened the Home tab isn't sent one.
    expect(h.fake.callsTo('views.publish').map((c) => c.args.user_id)).not.toContain('UQUIET');
  });

  it('a failed refresh is logged, not thrown: the action still answers', async () => {
    h.fake.failNext('views.publish', 'internal_error', { times: 5 });
    const responseUrl = h.fake.responseUrl();
    await h.driver.command('ULIZ', '/ig', 'leave health', { responseUrl });
    const reply = await h.fake.waitFor('response_url', (c) => c.url === responseUrl);
    expect(textOf(reply.args)).toContain('You left *Health*');
    await h.fake.waitFor('views.publish');
    expect(await h.prisma.groupMember.count({ where: { groupId: groups.health, slackUserId: 'ULIZ' } })).toBe(0);
  });
});

describe('refreshes under load', () => {
  it('skips people who never opened their Home tab, and many refreshes of one person at once are one or two publishes', async () => {
    await addPeople(h, [{ id: 'UNEW', email: 'new@example.org', memberships: 'Core' }]);
    const responseUrl = h.fake.responseUrl();
    await h.driver.command('UNEW', '/ig', 'join health', { responseUrl });
    expect(textOf((await h.fake.waitFor('response_url', (c) => c.url === responseUrl)).args)).toContain('You joined *Health*');
    await new Promise((r) => setTimeout(r, 300));
    expect(h.fake.callsTo('views.publish').map((c) => c.args.user_id)).not.toContain('UNEW');

    expect((await openHome('UNEW')).text).toContain('*Health*');
    h.fake.reset();
    await Promise.all(Array.from({ length: 20 }, () => h.convene.context.refreshHome(['UNEW'])));
    const publishes = h.fake.callsTo('views.publish').filter((c) => c.args.user_id === 'UNEW');
    expect(publishes.length).toBeGreaterThanOrEqual(1);
    expect(publishes.length).toBeLessThanOrEqual(2);
  });
});

describe('elections on the dashboard', () => {
  it('Open election opens the form; the election shows until voting, then members get a Vote button', async () => {
    await openHome('UANN');
    h.fake.reset();
    await clickHome('UANN', 'conveners.election.open', String(groups.open));
    const form = await h.fake.waitFor('views.open');
    expect((form.args.view as { callback_id: string }).callback_id).toBe('elections.open.modal');
    const opened = await submit(h, 'UANN', 'elections.open.modal', { positions: v.text('Convener'), opens: v.date('2027-01-22'), closes: v.date('2027-02-05') }, JSON.stringify({ groupId: groups.open }));
    expect(opened.errors).toBeUndefined();
    const ann = await published('UANN');
    expect(ann.text).not.toContain('hold the convener election');
    expect(ann.text).toMatch(/\*Open Data\*: the convener election takes nominations until voting opens <!date\^\d+\^/);

    h.clock.set('2027-01-23T16:00:00Z');
    try {
      const dan = await openHome('UDAN');
      expect(dan.text).toMatch(/\*Open Data\*: voting in the convener election is open until <!date\^\d+\^/);
      const election = await h.prisma.election.findFirstOrThrow({ where: { groupId: groups.open, status: 'OPEN' } });
      expect(buttons(dan.blocks)).toContainEqual(['Vote', 'elections.vote', String(election.id)]);
      h.fake.reset();
      await clickHome('UDAN', 'elections.vote', String(election.id));
      const ballot = await h.fake.waitFor('views.open');
      expect((ballot.args.view as { callback_id: string }).callback_id).toBe('elections.ballot');
    } finally {
      h.clock.set('2027-01-20T16:00:00Z');
    }
  });

  it('an election closed in the autumn counts for the coming term: no election is owed', async () => {
    await h.prisma.election.updateMany({ where: { groupId: groups.open }, data: { status: 'CANCELLED' } });
    await h.prisma.activeElection.deleteMany({ where: { groupId: groups.open } });
    await h.prisma.election.create({ data: { groupId: groups.open!, year: 2027, status: 'CLOSED', opensAt: new Date('2026-11-20T06:00:00Z'), closesAt: new Date('2026-12-10T05:59:59Z'), createdBy: 'UANN' } });
    const ann = await openHome('UANN');
    expect(ann.text).not.toContain('hold the convener election');
    expect(ann.text).not.toContain('convener election takes nominations');
  });
});
