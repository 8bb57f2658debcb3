// A convener election through Slack's HTTP surface: opening, nominations and acceptance,
// the secret ballot (concurrent votes, changed votes), the close with a tie, and secrecy.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeDueElections } from '../../src/features/elections/service.js';
import { resultsRule, staffReportRule, votingOpenRule } from '../../src/features/elections/schedule.js';
import { type Harness, startHarness, textOf } from '../support/harness.js';
import { makeEngine } from './reminders-helpers.js';
import { addGroup, addPeople, clickModal, clickReply, labels, messageText, occurrences, slash, slashModal, submit, v } from './conveners-support.js';

let h: Harness;
let openData: number;
let electionId: number;
const candidates: Record<string, number> = {};
let positions: { convener: number; co: number };

const VOTERS = ['UBOB', 'UEVE', 'UDAN', 'UCAT', 'UFAY', 'UGIL'];

beforeAll(async () => {
  // March 1, 2027, 10:00 in Chicago.
  h = await startHarness({ adminUserIds: ['UADMIN'], now: '2027-03-01T16:00:00Z' });
  await addPeople(h, [
    { id: 'UADMIN', email: 'admin@example.org' },
    { id: 'UANN', email: 'ann@example.org', memberships: 'Core' },
    { id: 'UBOB', email: 'bob@example.org', memberships: 'Core' },
    { id: 'UCAT', email: 'cat@example.org', memberships: 'ALA' },
    { id: 'UDAN', email: 'dan@example.org', memberships: 'ALA' },
    { id: 'UEVE', email: 'eve@example.org', memberships: 'Core' },
    { id: 'UFAY', email: 'fay@example.org', memberships: 'Core' },
    { id: 'UGIL', email: 'gil@example.org', memberships: 'Core' },
    { id: 'UOUT', email: 'out@example.org', memberships: 'Core' },
  ]);
  h.fake.addChannel({ id: 'COPEN', name: 'ig-open-data', members: [h.fake.botUserId] });
  openData = await addGroup(h.prisma, {
    name: 'Open Data',
    channelId: 'COPEN',
    members: ['UANN', ...VOTERS],
    terms: [
      { slackUserId: 'UANN', year: 2025 },
      { slackUserId: 'UANN', year: 2026 },
    ],
  });
});
afterAll(() => h?.close());
beforeEach(() => h.fake.reset());

const period = (opens: string, closes: string) => ({ opens: v.date(opens), closes: v.date(closes) });

async function vote(user: string, values: Record<string, unknown>) {
  return submit(h, user, 'elections.ballot', values as never, JSON.stringify({ electionId }));
}

describe('opening an election', () => {
  it('opens the modal for the convener, refusing a period past April 30 and ineligible candidates', async () => {
    const view = await slashModal(h, 'UANN', '/ig', 'election open data');
    expect(view.callback_id).toBe('elections.open.modal');
    expect(labels(view)).toEqual({ positions: 'Positions', candidates: 'Candidates', opens: 'Voting opens', closes: 'Voting closes (end of the day)' });
    const meta = view.private_metadata as string;
    const late = await submit(h, 'UANN', 'elections.open.modal', { positions: v.text('Convener'), ...period('2027-04-20', '2027-05-02') }, meta);
    expect(late.errors).toEqual({ closes: 'Elections are held no later than April: voting must close by 2027-04-30.' });
    const ineligible = await submit(h, 'UANN', 'elections.open.modal', { positions: v.text('Convener'), candidates: v.users(['UCAT', 'UANN']), ...period('2027-03-08', '2027-03-22') }, meta);
    expect(ineligible.errors?.candidates).toContain("UCAT can't convene Open Data: conveners of Core interest groups must be Core members");
    expect(ineligible.errors?.candidates).toContain("UANN can't serve that term: it would make 3 consecutive years");
    const empty = await submit(h, 'UANN', 'elections.open.modal', { positions: v.text(' '), ...period('2027-03-08', '2027-03-22') }, meta);
    expect(empty.errors).toEqual({ positions: 'Name at least one position, e.g. Convener.' });
    expect(await h.prisma.election.count()).toBe(0);
  });

  it('refuses members who are not conveners', async () => {
    expect((await slash(h, 'UDAN', '/ig', 'election open data')).text).toContain('No convener election is in progress for *Open Data*');
    const refused = await clickReply(h, 'UDAN', 'conveners.election.open', String(openData), 'DDAN');
    expect(refused.text).toBe('Only the conveners of *Open Data* (<@UANN>) and staff can open its elections.');
  });

  it('opens it from the nudge button, announces it and asks the nominee to accept', async () => {
    const view = await clickModal(h, 'UANN', 'conveners.election.open', String(openData), 'DANN');
    const r = await submit(h, 'UANN', 'elections.open.modal', { positions: v.text('Convener\nCo-convener'), candidates: v.users(['UBOB']), ...period('2027-03-08', '2027-03-22') }, view.private_metadata as string);
    expect(r.errors).toBeUndefined();
    expect(r.text).toContain('The convener election for *Open Data* is open');
    const election = await h.prisma.election.findFirstOrThrow({ include: { positions: { orderBy: { sort: 'asc' } } } });
    electionId = election.id;
    positions = { convener: election.positions[0]!.id, co: election.positions[1]!.id };
    expect([election.year, election.opensAt.toISOString(), election.closesAt.toISOString(), election.createdBy]).toEqual([2027, '2027-03-08T06:00:00.000Z', '2027-03-23T04:59:59.000Z', 'UANN']);
    const post = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'COPEN');
    expect(textOf(post.args)).toContain('*Convener election in Open Data*');
    const dm = await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'UBOB');
    expect(textOf(dm.args)).toContain('<@UANN> nominated you for *Convener* of *Open Data* (term Jul 1, 2027 – Jun 30, 2028)');
    const second = await clickReply(h, 'UANN', 'conveners.election.open', String(openData), 'DANN');
    expect(second.text).toContain('already has an election in progress');
  });
});

describe('nominations', () => {
  it('lets members nominate eligible people for a position; the ineligible are refused', async () => {
    const view = await clickModal(h, 'UDAN', 'elections.nominate', String(electionId));
    expect(labels(view)).toEqual({ position: 'Position', nominee: 'Nominee' });
    const meta = JSON.stringify({ electionId });
    expect((await submit(h, 'UDAN', 'elections.nominate.modal', { position: v.select(String(positions.convener)), nominee: v.user('UCAT') }, meta)).errors?.nominee).toContain('must be Core members');
    expect((await submit(h, 'UDAN', 'elections.nominate.modal', { position: v.select(String(positions.convener)), nominee: v.user('UANN') }, meta)).errors?.nominee).toContain('3 consecutive years');
    expect((await submit(h, 'UDAN', 'elections.nominate.modal', { position: v.select(String(positions.convener)), nominee: v.user('UBOB') }, meta)).errors?.nominee).toContain('already nominated');
    expect((await submit(h, 'UDAN', 'elections.nominate.modal', { nominee: v.user('UEVE') }, meta)).errors).toEqual({ position: 'Choose the position.' });
    const ok = await submit(h, 'UDAN', 'elections.nominate.modal', { position: v.select(String(positions.convener)), nominee: v.user('UEVE') }, meta);
    expect(ok.text).toContain('You nominated <@UEVE> for *Convener*');
    await h.fake.waitFor('chat.postMessage', (c) => c.args.channel === 'UEVE');
    // Self-nomination needs no acceptance.
    expect((await submit(h, 'UFAY', 'elections.nominate.modal', { position: v.select(String(positions.co)), nominee: v.user('UFAY') }, meta)).text).toContain('You stand for *Co-convener*');
    await submit(h, 'UDAN', 'elections.nominate.modal', { position: v.select(String(positions.co)), nominee: v.user('UGIL') }, meta);
    const rows = await h.prisma.electionCandidate.findMany({ orderBy: { id: 'asc' } });
    for (const c of rows) candidates[c.slackUserId] = c.id;
    expect(rows.map((c) => [c.slackUserId, c.status, c.nominatedBy])).toEqual([
      ['UBOB', 'PENDING', 'UANN'],
      ['UEVE', 'PENDING', 'UDAN'],
      ['UFAY', 'ACCEPTED', 'UFAY'],
      ['UGIL', 'PENDING', 'UDAN'],
    ]);
  });

  it('refuses nominations from outside the group', async () => {
    const reply = await clickReply(h, 'UOUT', 'elections.nominate', String(electionId), 'COPEN');
    expect(reply.text).toContain('Only members of *Open Data* can nominate');
  });

  it('puts nominees on the ballot once they accept; only they can answer', async () => {
    expect((await clickReply(h, 'UDAN', 'elections.nomination.accept', String(candidates.UBOB), 'DDAN')).text).toBe('Only the person nominated can answer this nomination.');
    for (const user of ['UBOB', 'UEVE', 'UGIL']) {
      const reply = await clickReply(h, user, 'elections.nomination.accept', String(candidates[user]), `D${user.slice(1)}`);
      expect(reply.text).toContain('You accepted the nomination');
      expect(reply.replace_original).toBe(true);
    }
    expect((await clickReply(h, 'UBOB', 'elections.nomination.decline', String(candidates.UBOB), 'DBOB')).text).toContain('You already accepted');
    const posts = h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'COPEN').map((c) => textOf(c.args));
    expect(posts.some((p) => p.includes('<@UEVE> is a candidate for *Convener* in the Open Data convener election.'))).toBe(true);
    const status = await slash(h, 'UDAN', '/ig', 'election open data');
    expect(status.text).toContain('Nominations are open');
    expect(status.text).toContain('*Convener* (1 seat): <@UBOB>, <@UEVE>');
    expect(status.text).toContain('*Co-convener* (1 seat): <@UFAY>, <@UGIL>');
  });

  it('does not open the ballot before voting opens', async () => {
    expect((await clickReply(h, 'UDAN', 'elections.vote', String(electionId), 'COPEN')).text).toContain("hasn't opened yet");
  });
});

describe('voting', () => {
  it('announces voting at the opening instant, and closes nominations', async () => {
    const [open] = await occurrences(h, votingOpenRule, '2027-03-08T00:00:00Z', '2027-03-09T00:00:00Z');
    expect(open!.dueAt.toISOString()).toBe('2027-03-08T06:00:00.000Z');
    expect(open!.audience).toEqual({ kind: 'groupChannel', groupId: openData });
    expect(messageText(open!)).toContain('Voting is open: Open Data convener election');
    h.clock.set('2027-03-10T16:00:00Z');
    expect((await clickReply(h, 'UDAN', 'elections.nominate', String(electionId), 'COPEN')).text).toContain('Nominations for the *Open Data* election are closed');
  });

  it('gives each member a secret ballot of accepted candidates', async () => {
    const view = await clickModal(h, 'UDAN', 'elections.vote', String(electionId));
    expect(view.callback_id).toBe('elections.ballot');
    expect(labels(view)).toEqual({ [`pos-${positions.convener}`]: 'Convener', [`pos-${positions.co}`]: 'Co-convener' });
    expect(textOf(view)).toContain('Your ballot is secret');
    expect((await clickReply(h, 'UOUT', 'elections.vote', String(electionId), 'COPEN')).text).toContain('Only members of *Open Data* vote');
  });

  it('checks ballots field by field', async () => {
    expect((await vote('UDAN', {})).errors).toEqual({ [`pos-${positions.convener}`]: 'Choose at least one candidate (you may leave other positions blank).' });
    expect((await vote('UDAN', { [`pos-${positions.convener}`]: v.radio(String(candidates.UFAY)) })).errors).toEqual({ [`pos-${positions.convener}`]: 'That choice is not on the ballot for this position.' });
    expect(await h.prisma.turnout.count()).toBe(0);
  });

  it('counts ballots cast at the same moment once each, and a double submission once', async () => {
    const c = positions.convener;
    const co = positions.co;
    // Convener: Bob 2, Eve 2 so far; Co-convener: Fay 3, Gil 1. UBOB submits twice at once.
    const casts = [
      vote('UBOB', { [`pos-${c}`]: v.radio(String(candidates.UBOB)), [`pos-${co}`]: v.radio(String(candidates.UFAY)) }),
      vote('UBOB', { [`pos-${c}`]: v.radio(String(candidates.UBOB)), [`pos-${co}`]: v.radio(String(candidates.UFAY)) }),
      vote('UEVE', { [`pos-${c}`]: v.radio(String(candidates.UEVE)), [`pos-${co}`]: v.radio(String(candidates.UFAY)) }),
      vote('UCAT', { [`pos-${c}`]: v.radio(String(candidates.UBOB)) }),
      vote('UFAY', { [`pos-${c}`]: v.radio(String(candidates.UEVE)), [`pos-${co}`]: v.radio(String(candidates.UFAY)) }),
      vote('UGIL', { [`pos-${co}`]: v.radio(String(candidates.UGIL)) }),
    ];
    const answers = await Promise.all(casts);
    for (const a of answers) expect(a.text).toMatch(/Your (new )?ballot (is cast|replaced your earlier one)/);
    expect(await h.prisma.turnout.count({ where: { electionId } })).toBe(5);
    expect(await h.prisma.ballot.count({ where: { electionId } })).toBe(5);
  });

  it('lets a member change their vote until the close, and shows turnout', async () => {
    const first = await vote('UDAN', { [`pos-${positions.convener}`]: v.radio(String(candidates.UEVE)) });
    expect(first.text).toContain('Your ballot is cast');
    const again = await clickModal(h, 'UDAN', 'elections.vote', String(electionId));
    expect(textOf(again)).toContain('You have already voted');
    // Dan now leaves Convener blank (Eve loses his vote: a tie) and votes for Gil.
    const changed = await vote('UDAN', { [`pos-${positions.co}`]: v.radio(String(candidates.UGIL)) });
    expect(changed.text).toContain('Your new ballot replaced your earlier one');
    // The confirmation never repeats the choice.
    expect(changed.text).not.toContain('<@UGIL>');
    expect(await h.prisma.ballot.count({ where: { electionId } })).toBe(6);
    const status = await slash(h, 'UANN', '/ig', 'election open data');
    expect(status.text).toContain('Turnout so far: 6 of 7 members');
  });

  it('stores nothing that links a voter to a choice', async () => {
    const columns = await h.prisma.$queryRaw<{ table_name: string; column_name: string }[]>`
      SELECT table_name, column_name FROM information_schema.columns WHERE table_name IN ('Ballot', 'Turnout') AND table_schema = current_schema()`;
    const of = (t: string) => columns.filter((c) => c.table_name === t).map((c) => c.column_name).sort();
    // A ballot has no voter and no time; who voted has no choice.
    expect(of('Ballot')).toEqual(['candidateIds', 'electionId', 'receipt']);
    expect(of('Turnout')).toEqual(['electionId', 'slackUserId']);
    // Every row of every table: the ones naming a voter never carry a ballot's choices.
    const tables = await h.prisma.$queryRaw<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`;
    let ballotRows = 0;
    for (const { table_name } of tables) {
      const rows = await h.prisma.$queryRawUnsafe<{ j: string }[]>(`SELECT row_to_json(t)::text AS j FROM "${table_name}" t`);
      for (const { j } of rows) {
        const namesVoter = VOTERS.some((voter) => j.includes(voter));
        if (table_name === 'Ballot') ballotRows++;
        if (namesVoter) {
          expect(table_name).not.toBe('Ballot');
          expect(j).not.toContain('candidateIds');
        }
      }
    }
    expect(ballotRows).toBe(6);
    const cast = await h.prisma.auditLog.findMany({ where: { action: 'election.ballot_cast' } });
    expect(cast).toHaveLength(8);
    for (const row of cast) expect(row.details).toEqual({});
    // Nothing the app sent while people voted (messages, views) says how anyone voted.
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });
});

describe('the close', () => {
  it('posts results with turnout and the tie, and reports the incoming conveners to staff', async () => {
    h.clock.set('2027-03-23T05:00:00Z');
    const [results] = await occurrences(h, resultsRule, '2027-03-23T00:00:00Z', '2027-03-23T06:00:00Z');
    expect(results!.dueAt.toISOString()).toBe('2027-03-23T04:59:59.000Z');
    expect(results!.audience).toEqual({ kind: 'groupChannel', groupId: openData });
    const text = messageText(results!);
    expect(text).toContain('*Results: Open Data convener election for 2027–28*');
    expect(text).toContain('• <@UBOB> — 2 votes\n• <@UEVE> — 2 votes\n:warning: *Tie* for the last seat between <@UBOB> and <@UEVE> (2 votes each). The group decides how to resolve it');
    expect(text).toContain('• <@UFAY> — 3 votes :white_check_mark: elected\n• <@UGIL> — 2 votes');
    expect(text).toContain('Turnout: 6 of 7 members (86%)');
    const [report] = await occurrences(h, staffReportRule, '2027-03-23T00:00:00Z', '2027-03-23T06:00:00Z');
    expect(report!.audience).toEqual({ kind: 'users', userIds: ['UADMIN'] });
    expect(messageText(report!)).toContain('Incoming conveners (Jul 1, 2027 – Jun 30, 2028): <@UFAY>');
    expect(messageText(report!)).toContain('Tie to be resolved by the group: <@UBOB>, <@UEVE>');
  });

  it('closes once: totals kept, ballots and the secret destroyed, the winner an incoming convener', async () => {
    const before = messageText((await occurrences(h, resultsRule, '2027-03-23T00:00:00Z', '2027-03-23T06:00:00Z'))[0]!);
    expect(await closeDueElections({ prisma: h.prisma, clock: h.clock.now, zone: 'America/Chicago' })).toEqual([electionId]);
    expect(await closeDueElections({ prisma: h.prisma, clock: h.clock.now, zone: 'America/Chicago' })).toEqual([]);
    const election = await h.prisma.election.findUniqueOrThrow({ where: { id: electionId } });
    expect(election.status).toBe('CLOSED');
    expect(await h.prisma.ballot.count()).toBe(0);
    expect(await h.prisma.electionSecret.count()).toBe(0);
    expect(await h.prisma.activeElection.count()).toBe(0);
    expect(await h.prisma.turnout.count({ where: { electionId } })).toBe(6);
    const totals = await h.prisma.electionCandidate.findMany({ orderBy: { id: 'asc' }, select: { slackUserId: true, votes: true } });
    expect(totals).toEqual([
      { slackUserId: 'UBOB', votes: 2 },
      { slackUserId: 'UEVE', votes: 2 },
      { slackUserId: 'UFAY', votes: 3 },
      { slackUserId: 'UGIL', votes: 2 },
    ]);
    const terms = await h.prisma.convenerTerm.findMany({ where: { groupId: openData, startsOn: new Date('2027-07-01') } });
    expect(terms.map((t) => t.slackUserId)).toEqual(['UFAY']);
    // The same results, posted at most once by the engine's ledger, read the same after the close.
    expect(messageText((await occurrences(h, resultsRule, '2027-03-23T00:00:00Z', '2027-03-23T06:00:00Z'))[0]!)).toBe(before);
    const status = await slash(h, 'UDAN', '/ig', 'election open data');
    expect(status.text).toContain('No convener election is in progress');
    expect(status.text).toContain(':warning: *Tie*');
  });

  it('posts the results and the staff report once through the deadline engine', async () => {
    const engine = makeEngine(h, { instanceId: 'elections-test' });
    await engine.tick();
    await engine.tick();
    const results = h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'COPEN');
    expect(results).toHaveLength(1);
    expect(textOf(results[0]!.args)).toContain('*Results: Open Data convener election for 2027–28*');
    const staff = h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'UADMIN');
    expect(staff.map((c) => textOf(c.args)).filter((t) => t.includes('Incoming conveners'))).toHaveLength(1);
  });

  it('refuses ballots after the close', async () => {
    expect((await clickReply(h, 'UGIL', 'elections.vote', String(electionId), 'COPEN')).text).toContain('has closed');
  });

  it('lets the convener open a run-off once the first election closed', async () => {
    const status = await slash(h, 'UANN', '/ig', 'election open data');
    expect(status.text).toContain('Open an election');
    const view = await clickModal(h, 'UANN', 'conveners.election.open', String(openData));
    const r = await submit(h, 'UANN', 'elections.open.modal', { positions: v.text('Convener'), candidates: v.users(['UBOB', 'UEVE']), ...period('2027-03-25', '2027-04-05') }, view.private_metadata as string);
    expect(r.errors).toBeUndefined();
    expect(r.text).toContain('is open');
    const cancelled = await clickReply(h, 'UANN', 'elections.cancel', String(electionId + 1), 'COPEN');
    expect(cancelled.text).toContain('Cancelled the convener election');
    expect((await h.prisma.election.findUniqueOrThrow({ where: { id: electionId + 1 } })).status).toBe('CANCELLED');
    expect(await h.prisma.activeElection.count()).toBe(0);
  });
});

describe('many members voting at the same instant', () => {
  it('stores each ballot once and counts every vote', async () => {
    const crowd = Array.from({ length: 25 }, (_, i) => `UM${String(i).padStart(2, '0')}`);
    await addPeople(h, [{ id: 'UHAL', email: 'hal@example.org', memberships: 'Core' }]);
    const metadata = await addGroup(h.prisma, { name: 'Metadata', members: ['UHAL', 'UFAY', ...crowd], terms: [{ slackUserId: 'UHAL', year: 2026 }] });
    const view = await clickModal(h, 'UHAL', 'conveners.election.open', String(metadata), 'DHAL');
    const opened = await submit(h, 'UHAL', 'elections.open.modal', { positions: v.text('Convener'), candidates: v.users(['UHAL', 'UFAY']), ...period('2027-03-24', '2027-04-10') }, view.private_metadata as string);
    expect(opened.errors).toBeUndefined();
    const election = await h.prisma.election.findFirstOrThrow({ where: { groupId: metadata }, include: { positions: { include: { candidates: true } } } });
    const [hal, fay] = ['UHAL', 'UFAY'].map((u) => election.positions[0]!.candidates.find((c) => c.slackUserId === u)!.id);
    await clickReply(h, 'UFAY', 'elections.nomination.accept', String(fay), 'DFAY');
    h.clock.set('2027-03-25T16:00:00Z');
    const block = `pos-${election.positions[0]!.id}`;
    const answers = await Promise.all(
      crowd.map((voter, i) => submit(h, voter, 'elections.ballot', { [block]: v.radio(String(i % 5 === 0 ? fay : hal)) }, JSON.stringify({ electionId: election.id }))),
    );
    expect(answers.every((a) => a.text.includes('Your ballot is cast'))).toBe(true);
    expect(await h.prisma.turnout.count({ where: { electionId: election.id } })).toBe(25);
    expect(await h.prisma.ballot.count({ where: { electionId: election.id } })).toBe(25);
    // The deadline engine's tick applies the close (its `elections.finalize` transition).
    h.clock.set('2027-04-11T16:00:00Z');
    const engine = makeEngine(h, { instanceId: 'elections-close-test' });
    expect((await engine.tick()).errors).toEqual([]);
    expect((await h.prisma.election.findUniqueOrThrow({ where: { id: election.id } })).status).toBe('CLOSED');
    expect(await h.prisma.ballot.count({ where: { electionId: election.id } })).toBe(0);
    expect(await closeDueElections({ prisma: h.prisma, clock: h.clock.now, zone: 'America/Chicago' })).toEqual([]);
    const totals = await h.prisma.electionCandidate.findMany({ where: { positionId: election.positions[0]!.id }, orderBy: { id: 'asc' }, select: { slackUserId: true, votes: true } });
    expect(totals).toEqual([
      { slackUserId: 'UHAL', votes: 20 },
      { slackUserId: 'UFAY', votes: 5 },
    ]);
  });
});
