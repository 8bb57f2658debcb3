// Convener elections: opening one, nominations and acceptance, secret ballots, the close.
//
// Ballot secrecy. A ballot row holds its choices and a receipt, HMAC-SHA256(election secret,
// voter), and nothing else: no voter id, no timestamp, no sequence number. Who voted is a
// separate Turnout row (election, voter) with no choice in it. While voting is open the receipt
// lets a voter replace their ballot (the app recomputes it from the voter's id); the audit log
// records only "ballot cast" with the voter and never the choice; nothing the app shows, posts
// or logs contains a voter's choices (the confirmation doesn't repeat them). At close, in one
// transaction, the ballots are counted into per-candidate totals and then deleted together
// with the election secret: afterwards no row anywhere links any voter to any choice.
import { randomBytes } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Group } from '../../generated/prisma/client.js';
import { audit, isUniqueViolation } from '../../db/audit.js';
import { FieldErrors, UserError, zodFieldErrors } from '../../lib/slack/errors.js';
import { escapeMrkdwn, mentionUser } from '../../lib/slack/text.js';
import { endOfDay, plusDays, zonedInstant } from '../../lib/time.js';
import { termYear } from '../conveners/rules.js';
import {
  activeGroup,
  candidate as lookUpCandidate,
  convenerEligibility,
  type ConvenerDeps,
  lockGroup,
  requireConvenerOrStaff,
  standing,
  today,
} from '../conveners/service.js';
import * as convenerStore from '../conveners/store.js';
import {
  ballotProblems,
  countBallots,
  decide,
  electionYearOf,
  MAX_CANDIDATES,
  parsePositions,
  periodProblems,
  phaseAt,
  type PositionResult,
  receiptOf,
  votingDeadline,
} from './rules.js';
import * as store from './store.js';
import { recordActivity } from '../charters/store.js';

export type { FullElection } from './store.js';

function now(deps: ConvenerDeps): Date {
  return deps.clock();
}

async function openElectionById(deps: ConvenerDeps, id: number): Promise<store.FullElection> {
  await closeDueElections(deps);
  const e = await store.election(deps.prisma, id);
  if (!e || e.status === 'CANCELLED') throw new UserError('That election was cancelled.');
  return e;
}

// ---------------------------------------------------------------------------
// Opening

/** Defaults for the "open an election" modal, after checking the user may open one for the group(s). */
export async function prepareOpen(deps: ConvenerDeps, userId: string, groupId: number) {
  const group = await activeGroup(deps, groupId);
  await requireConvenerOrStaff(deps, userId, group, 'open its elections');
  await closeDueElections(deps);
  const active = await store.activeElectionOf(deps.prisma, group.id);
  if (active) throw new UserError(`*${escapeMrkdwn(group.name)}* already has an election in progress. \`/ig election ${escapeMrkdwn(group.name)}\` shows it.`);
  return { group, defaults: defaultPeriod(today(deps)) };
}

function defaultPeriod(day: string): { opens: string; closes: string; deadline: string } {
  const deadline = votingDeadline(day);
  const opens = plusDays(day, 7) < deadline ? plusDays(day, 7) : plusDays(day, 1);
  const closes = plusDays(opens, 14) < deadline ? plusDays(opens, 14) : deadline;
  return { opens, closes: closes < opens ? opens : closes, deadline };
}

const isoDate = (message: string) => z.string({ error: message }).regex(/^\d{4}-\d{2}-\d{2}$/, message);

const OpenForm = z.object({
  group: z.number().int().positive(),
  positions: z.string({ error: 'Name at least one position, e.g. Convener.' }),
  candidates: z.array(z.string().regex(/^[UW][A-Z0-9]+$/)).max(MAX_CANDIDATES, `At most ${MAX_CANDIDATES} candidates per position.`).optional(),
  opens: isoDate('Choose the day voting opens.'),
  closes: isoDate('Choose the day voting closes.'),
});

export async function openElection(deps: ConvenerDeps, client: WebClient, actor: string, groupId: number, values: Record<string, unknown>) {
  const parsed = OpenForm.safeParse({ ...values, group: groupId });
  if (!parsed.success) throw zodFieldErrors(parsed.error);
  const form = parsed.data;
  const positions = parsePositions(form.positions);
  if ('error' in positions) throw new FieldErrors({ positions: positions.error });
  const day = today(deps);
  const period = periodProblems(form.opens, form.closes, day);
  if (Object.keys(period).length) throw new FieldErrors(period);
  const group = await activeGroup(deps, form.group);
  await requireConvenerOrStaff(deps, actor, group, 'open its elections');
  await closeDueElections(deps);

  // Winners serve the next term starting after the close; the election is that term's year's.
  const year = electionYearOf(form.closes);
  const term = termYear(year);
  const nominees = [...new Set(form.candidates ?? [])];
  const problems: string[] = [];
  const looked = await Promise.all(nominees.map((id) => lookUpCandidate(deps.prisma, client, id)));
  for (const { who, roster } of looked) {
    const ok = await convenerEligibility(deps.prisma, group, who, term, roster);
    if (!ok.allowed) problems.push(ok.reason);
  }
  if (problems.length) throw new FieldErrors({ candidates: problems.join(' ') });

  const at = now(deps);
  try {
    const election = await deps.prisma.$transaction(async (tx) => {
      const e = await store.createElection(tx, {
        groupId: group.id,
        year,
        opensAt: zonedInstant(form.opens, '00:00', deps.zone),
        closesAt: endOfDay(form.closes, deps.zone),
        createdBy: actor,
        positions: positions.positions,
        secret: randomBytes(32).toString('base64url'),
      });
      for (const id of nominees) {
        await store.addCandidate(tx, { positionId: e.positions[0]!.id, slackUserId: id, nominatedBy: actor, status: id === actor ? 'ACCEPTED' : 'PENDING', at });
      }
      await audit(tx, {
        actor,
        action: 'election.opened',
        subjectType: 'election',
        subjectId: e.id,
        details: { groupId: group.id, year, opensAt: e.opensAt.toISOString(), closesAt: e.closesAt.toISOString(), positions: positions.positions.map((p) => ({ ...p })), nominees },
      });
      return e;
    });
    return { group, election: (await store.election(deps.prisma, election.id))! };
  } catch (error) {
    if (isUniqueViolation(error)) throw new UserError(`*${escapeMrkdwn(group.name)}* already has an election in progress.`);
    throw error;
  }
}

// ---------------------------------------------------------------------------
// Looking at an election

export async function electionOverview(deps: ConvenerDeps, userId: string, group: Group) {
  await closeDueElections(deps);
  const [active, s, member] = await Promise.all([
    store.activeElectionOf(deps.prisma, group.id),
    standing(deps, userId),
    store.isMember(deps.prisma, group.id, userId),
  ]);
  const manager = s.staff || s.convened.includes(group.id);
  if (!active) {
    const last = await store.lastClosedOf(deps.prisma, group.id);
    return { group, manager, active: null, last: last ? await resultsOf(deps, last) : null };
  }
  const [voted, turnout, members] = await Promise.all([
    store.hasVoted(deps.prisma, active.id, userId),
    store.turnout(deps.prisma, active.id),
    store.memberCount(deps.prisma, group.id),
  ]);
  return { group, manager, active: { election: active, phase: phaseAt(active, now(deps)), voted, turnout, members, member: Boolean(member) }, last: null };
}

// ---------------------------------------------------------------------------
// Nominations

async function requireNominating(deps: ConvenerDeps, e: store.FullElection): Promise<void> {
  if (e.status !== 'OPEN' || phaseAt(e, now(deps)) !== 'NOMINATING') {
    throw new UserError(`Nominations for the *${escapeMrkdwn(e.group.name)}* election are closed: they end when voting opens.`);
  }
}

async function requireMayNominate(deps: ConvenerDeps, userId: string, e: store.FullElection): Promise<void> {
  if (await store.isMember(deps.prisma, e.groupId, userId)) return;
  const s = await standing(deps, userId);
  if (s.staff || s.convened.includes(e.groupId)) return;
  throw new UserError(`Only members of *${escapeMrkdwn(e.group.name)}* can nominate candidates. \`/ig join ${escapeMrkdwn(e.group.name)}\` first.`);
}

export async function prepareNominate(deps: ConvenerDeps, userId: string, electionId: number) {
  const e = await openElectionById(deps, electionId);
  await requireNominating(deps, e);
  await requireMayNominate(deps, userId, e);
  return e;
}

const NominateForm = z.object({
  position: z.coerce.number({ error: 'Choose the position.' }).int().positive('Choose the position.'),
  nominee: z.string({ error: 'Choose the person you nominate.' }).regex(/^[UW][A-Z0-9]+$/, 'Choose the person you nominate.'),
});

export async function nominate(deps: ConvenerDeps, client: WebClient, actor: string, electionId: number, values: Record<string, unknown>) {
  const e = await prepareNominate(deps, actor, electionId);
  const parsed = NominateForm.safeParse({ position: e.positions.length === 1 ? e.positions[0]!.id : undefined, ...values });
  if (!parsed.success) throw zodFieldErrors(parsed.error);
  const position = e.positions.find((p) => p.id === parsed.data.position);
  if (!position) throw new FieldErrors({ position: 'Choose one of the positions on this ballot.' });
  const { who, roster } = await lookUpCandidate(deps.prisma, client, parsed.data.nominee);
  const already = `${who.label} is already nominated for ${position.title}.`;
  if (position.candidates.some((c) => c.slackUserId === who.slackUserId)) throw new FieldErrors({ nominee: already });
  const ok = await convenerEligibility(deps.prisma, e.group, who, termYear(e.year), roster);
  if (!ok.allowed) throw new FieldErrors({ nominee: ok.reason });
  const self = parsed.data.nominee === actor;
  try {
    const row = await deps.prisma.$transaction(async (tx) => {
      if ((await store.countCandidates(tx, position.id)) >= MAX_CANDIDATES) throw new FieldErrors({ nominee: `${position.title} already has ${MAX_CANDIDATES} candidates, the most a ballot holds.` });
      const c = await store.addCandidate(tx, { positionId: position.id, slackUserId: who.slackUserId, nominatedBy: actor, status: self ? 'ACCEPTED' : 'PENDING', at: now(deps) });
      await audit(tx, { actor, action: 'election.nominated', subjectType: 'election', subjectId: e.id, details: { candidateId: c.id, positionId: position.id, nominee: who.slackUserId, accepted: self } });
      return c;
    });
    return { election: e, position, candidate: row, self };
  } catch (error) {
    if (isUniqueViolation(error)) throw new FieldErrors({ nominee: already });
    throw error;
  }
}

/** The nominee accepts or declines. Accepting checks eligibility again (the roster may have changed). */
export async function answerNomination(deps: ConvenerDeps, client: WebClient, userId: string, candidateId: number, accept: boolean) {
  const c = await store.candidate(deps.prisma, candidateId);
  if (!c || c.position.election.status === 'CANCELLED') throw new UserError('That election was cancelled.');
  if (c.slackUserId !== userId) throw new UserError('Only the person nominated can answer this nomination.');
  const e = await openElectionById(deps, c.position.election.id);
  await requireNominating(deps, e);
  if (c.status !== 'PENDING') throw new UserError(`You already ${c.status === 'ACCEPTED' ? 'accepted' : 'declined'} this nomination.`);
  if (accept) {
    const { who, roster } = await lookUpCandidate(deps.prisma, client, userId);
    const ok = await convenerEligibility(deps.prisma, e.group, { ...who, label: 'You' }, termYear(e.year), roster);
    if (!ok.allowed) throw new UserError(ok.reason);
  }
  const changed = await deps.prisma.$transaction(async (tx) => {
    const done = await store.answerNomination(tx, c.id, accept ? 'ACCEPTED' : 'DECLINED', now(deps));
    if (done) await audit(tx, { actor: userId, action: accept ? 'election.nomination_accepted' : 'election.nomination_declined', subjectType: 'election', subjectId: e.id, details: { candidateId: c.id } });
    return done;
  });
  if (!changed) throw new UserError('You already answered this nomination.');
  return { election: e, position: c.position, accept };
}

// ---------------------------------------------------------------------------
// Voting

export async function prepareBallot(deps: ConvenerDeps, userId: string, electionId: number) {
  const e = await openElectionById(deps, electionId);
  const phase = e.status === 'OPEN' ? phaseAt(e, now(deps)) : 'ENDED';
  if (phase === 'NOMINATING') throw new UserError(`Voting in the *${escapeMrkdwn(e.group.name)}* election hasn't opened yet.`);
  if (phase === 'ENDED') throw new UserError(`Voting in the *${escapeMrkdwn(e.group.name)}* election has closed.`);
  if (!(await store.isMember(deps.prisma, e.groupId, userId))) {
    throw new UserError(`Only members of *${escapeMrkdwn(e.group.name)}* vote in its election.`);
  }
  return { election: e, voted: await store.hasVoted(deps.prisma, e.id, userId) };
}

const choice = z.string().regex(/^\d+$/, 'That choice is not on the ballot for this position.');
/** The ballot modal's answers: one block per position, `pos-<id>`, one choice or several. */
const BallotForm = z.record(z.string().regex(/^pos-\d+$/), z.union([choice, z.array(choice)]).optional());

function choicesFrom(values: z.infer<typeof BallotForm>): Map<number, number[]> {
  const choices = new Map<number, number[]>();
  for (const [blockId, value] of Object.entries(values)) {
    if (value === undefined) continue;
    choices.set(Number(blockId.slice('pos-'.length)), (Array.isArray(value) ? value : [value]).map(Number));
  }
  return choices;
}

/**
 * Casts (or replaces) a ballot. The election row is locked for the transaction, so ballots
 * cast at the same moment are each stored once and the close waits for them.
 */
export async function castBallot(deps: ConvenerDeps, voterId: string, electionId: number, values: Record<string, unknown>) {
  const { election: e } = await prepareBallot(deps, voterId, electionId);
  const parsed = BallotForm.safeParse(values);
  if (!parsed.success) throw zodFieldErrors(parsed.error);
  const choices = choicesFrom(parsed.data);
  const ballot = e.positions.map((p) => ({ id: p.id, title: p.title, seats: p.seats, candidateIds: p.candidates.filter((c) => c.status === 'ACCEPTED').map((c) => c.id) }));
  const problems = ballotProblems(ballot, choices);
  if (problems.size) throw new FieldErrors(Object.fromEntries([...problems].map(([id, msg]) => [`pos-${id}`, msg])));
  const candidateIds = [...choices.values()].flat().sort((a, b) => a - b);
  const first = await deps.prisma.$transaction(async (tx) => {
    if (!(await store.lockOpen(tx, e.id))) throw new UserError('Voting in this election has closed.');
    const secret = await store.secretOf(tx, e.id);
    if (!secret) throw new UserError('Voting in this election has closed.');
    await store.putBallot(tx, receiptOf(secret, e.id, voterId), e.id, candidateIds);
    const isFirst = await store.markVoted(tx, e.id, voterId);
    // The audit trail says that someone voted, never how.
    await audit(tx, { actor: voterId, action: 'election.ballot_cast', subjectType: 'election', subjectId: e.id });
    return isFirst;
  });
  return { election: e, replaced: !first };
}

// ---------------------------------------------------------------------------
// Closing, cancelling, results

export interface ResultView {
  election: store.FullElection;
  positions: PositionResult[];
  turnout: number;
  members: number;
  term: { startsOn: string; endsOn: string };
}

/** The count: stored totals once closed, else the ballots counted now (read only). */
export async function resultsOf(deps: Pick<ConvenerDeps, 'prisma'>, e: store.FullElection): Promise<ResultView> {
  const counts = e.status === 'CLOSED' ? undefined : countBallots(await store.ballotChoices(deps.prisma, e.id));
  const positions = e.positions.map((p) =>
    decide(
      p.title,
      p.seats,
      p.candidates.filter((c) => c.status === 'ACCEPTED').map((c) => ({ id: c.id, slackUserId: c.slackUserId, votes: counts ? (counts.get(c.id) ?? 0) : (c.votes ?? 0) })),
    ),
  );
  const [turnout, members] = await Promise.all([store.turnout(deps.prisma, e.id), store.memberCount(deps.prisma, e.groupId)]);
  return { election: e, positions, turnout, members, term: termYear(e.year) };
}

/** Closes every election whose voting period is over. Safe to call from anywhere, any number of times. */
export async function closeDueElections(deps: ConvenerDeps): Promise<number[]> {
  const closed: number[] = [];
  for (const { id } of await store.dueForClosing(deps.prisma, now(deps))) {
    if (await finalize(deps, id)) closed.push(id);
  }
  return closed;
}

/**
 * Counts the ballots into totals, destroys the ballots and the secret, and records the
 * winners as incoming conveners (next term year), all in one transaction. Only the process
 * that flips OPEN → CLOSED does it.
 */
async function finalize(deps: ConvenerDeps, id: number): Promise<boolean> {
  const at = now(deps);
  return deps.prisma.$transaction(async (tx) => {
    if (!(await store.markClosed(tx, id, at))) return false;
    const counts = countBallots(await store.ballotChoices(tx, id));
    const e = (await store.election(tx, id))!;
    await recordActivity(tx, e.groupId, at);
    const accepted = (p: (typeof e.positions)[number]) => p.candidates.filter((c) => c.status === 'ACCEPTED');
    for (const c of e.positions.flatMap(accepted)) await store.setVotes(tx, c.id, counts.get(c.id) ?? 0);
    await store.destroyBallots(tx, id);
    const results = e.positions.map((p) => decide(p.title, p.seats, accepted(p).map((c) => ({ id: c.id, slackUserId: c.slackUserId, votes: counts.get(c.id) ?? 0 }))));
    const term = termYear(e.year);
    await lockGroup(tx, e.groupId);
    const added: string[] = [];
    const skipped: { slackUserId: string; reason: string }[] = [];
    for (const winner of results.flatMap((r) => r.elected)) {
      const { person, roster } = await convenerStore.personWithRoster(tx, winner.slackUserId);
      const who = { slackUserId: winner.slackUserId, email: person?.email ?? null, name: roster?.name ?? person?.name ?? null, label: mentionUser(winner.slackUserId) };
      const ok = await convenerEligibility(tx, e.group, who, term, roster);
      if (!ok.allowed) {
        skipped.push({ slackUserId: winner.slackUserId, reason: ok.reason });
        continue;
      }
      await convenerStore.createTerm(tx, { groupId: e.groupId, slackUserId: who.slackUserId, email: who.email, name: who.name, ...term });
      added.push(winner.slackUserId);
    }
    await audit(tx, {
      actor: 'system',
      action: 'election.closed',
      subjectType: 'election',
      subjectId: id,
      details: {
        turnout: await store.turnout(tx, id),
        totals: results.flatMap((r) => r.ranked.map((c) => ({ candidateId: c.id, votes: c.votes }))),
        elected: added,
        notRecorded: skipped,
        tied: results.flatMap((r) => r.tied.map((c) => c.slackUserId)),
      },
    });
    return true;
  });
}

export async function cancelElection(deps: ConvenerDeps, actor: string, electionId: number) {
  const e = await openElectionById(deps, electionId);
  await requireConvenerOrStaff(deps, actor, e.group, 'cancel its election');
  const done = await deps.prisma.$transaction(async (tx) => {
    if (!(await store.markCancelled(tx, e.id, now(deps)))) return false;
    await store.destroyBallots(tx, e.id);
    await audit(tx, { actor, action: 'election.cancelled', subjectType: 'election', subjectId: e.id });
    return true;
  });
  if (!done) throw new UserError('That election has already closed.');
  return e;
}
