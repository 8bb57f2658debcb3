// Petition use cases: file (with validation and the duplicate check), sign, withdraw,
// decide, and the scheduled transitions. State changes are decided in the database
// (conditional updates, unique keys) inside one transaction with their audit entry;
// Slack calls come after the commit, and a failed one never undoes a stored change.
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { GroupLevel, PetitionKind, Role } from '../../generated/prisma/enums.js';
import { audit, isUniqueViolation, type Tx } from '../../db/audit.js';
import type { Reply } from '../../lib/slack/blocks.js';
import { createChannel, inviteAll, slackError } from '../../lib/slack/channels.js';
import { type ErrorLogger, FieldErrors, UserError, zodFieldErrors } from '../../lib/slack/errors.js';
import { personPlain } from '../../lib/slack/people.js';
import { escapeMrkdwn } from '../../lib/slack/text.js';
import { type Clock, dateOnly, localDate, slackDateTime, termYearContaining } from '../../lib/time.js';
import { appChannel, hasRole, isStaff, requireRole } from '../admin/service.js';
import { ROLE_LABELS } from '../admin/rules.js';
import { holdersOf } from '../admin/store.js';
import { defaultEligibility, groupKey, KIND_LABELS } from '../directory/rules.js';
import { identify } from '../people/service.js';
import {
  type DuplicateCandidate,
  type DuplicateMatch,
  feedbackDateProblem,
  findDuplicates,
  KIND_RULES,
  leaderProblem,
  LIMITS,
  MILESTONES,
  type Milestone,
  milestoneCount,
  maySign,
  OPEN_STATUSES,
  petitionDates,
  SIGNABLE_STATUSES,
  transitionOverdue,
  STATUS_LABELS,
  stewards,
  timelineLabel,
} from './rules.js';
import { OrganizerBlocks } from './ids.js';
import * as store from './store.js';
import type { PetitionRow } from './store.js';
import { recordActivity } from '../charters/store.js';
import * as views from './views.js';
import { petitionRef } from './views.js';

export interface PetitionDeps {
  prisma: PrismaClient;
  clock: Clock;
  zone: string;
  logger: ErrorLogger;
  /** Re-renders a petition's channel message (coalescing concurrent requests). */
  refresher: MessageRefresher;
}

// Many signers at once queue on the petition row; give their transactions room to wait.
const TX = { maxWait: 20_000, timeout: 20_000 } as const;


/** Runs a Slack side effect whose failure must not undo or hide what was already stored. */
async function safely<T>(logger: ErrorLogger, what: string, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (error) {
    logger.error(`petitions: ${what} failed: ${slackError(error)}`);
    return undefined;
  }
}

async function dm(client: WebClient, logger: ErrorLogger, users: string[], reply: Reply): Promise<void> {
  await Promise.all(users.map((u) => safely(logger, `DM to ${u}`, () => client.chat.postMessage({ channel: u, ...reply }))));
}

export async function loadPetition(prisma: PrismaClient | Tx, id: number): Promise<PetitionRow> {
  const p = Number.isSafeInteger(id) ? await store.petitionById(prisma, id) : null;
  if (!p) throw new UserError(`There is no petition #${Number.isSafeInteger(id) ? id : '?'}. \`/petition list\` shows the open ones.`);
  return p;
}

/** "3" or "#3" → 3. */
export function parseNumber(text: string): number {
  const m = /^#?(\d{1,9})$/.exec(text.trim());
  if (!m) throw new UserError('Give the petition number, e.g. `/petition status 3`. `/petition list` shows the open ones.');
  return Number(m[1]);
}

// ---------------------------------------------------------------------------
// The message in the petitions channel

async function groupChannelOf(prisma: PrismaClient, p: PetitionRow): Promise<string | null> {
  return p.groupId ? ((await store.groupById(prisma, p.groupId))?.channelId ?? null) : null;
}

/** Redraws the petition's message from the database as it is now. */
export async function updateMessage(prisma: PrismaClient, client: WebClient, id: number, zone: string): Promise<void> {
  const p = await store.petitionById(prisma, id);
  if (!p?.messageTs) return;
  const message = views.petitionMessage(p, zone, await groupChannelOf(prisma, p));
  await client.chat.update({ channel: p.channelId, ts: p.messageTs, ...message });
}

/**
 * Coalesces message updates per petition: while one chat.update is in flight, further
 * requests mark it dirty and one more render follows with the latest state. Fifty
 * signatures in a second cost a few updates, and the last one always shows the final count.
 */
export class MessageRefresher {
  private readonly pending = new Map<number, { again: boolean; done: Promise<void> }>();

  constructor(private readonly render: (id: number) => Promise<void>, private readonly logger: ErrorLogger) {}

  refresh(id: number): Promise<void> {
    const current = this.pending.get(id);
    if (current) {
      current.again = true;
      return current.done;
    }
    const entry = { again: true, done: Promise.resolve() };
    entry.done = (async () => {
      try {
        while (entry.again) {
          entry.again = false;
          await this.render(id).catch((error: unknown) => this.logger.error(`petitions: updating the message of petition #${id} failed: ${slackError(error)}`));
        }
      } finally {
        this.pending.delete(id);
      }
    })();
    this.pending.set(id, entry);
    return entry.done;
  }
}

// ---------------------------------------------------------------------------
// Filing

/** The modal's values as the listener read them (keys are the block ids). */
export interface FormValues {
  name?: string | null;
  purpose?: string | null;
  level?: string | null;
  /** Interest groups: the conveners picked in one multi-select. */
  leaders?: string[];
  /** MIGs: the organizer rows as filled in (row numbers from 1; the block ids say which). */
  organizerRows?: OrganizerRowInput[];
  feedback?: string | null;
}

export interface OrganizerRowInput {
  row: number;
  organizer?: string | null;
  address?: string | null;
}

/** A validated petition, before it is filed (stored as a draft while the petitioner looks at duplicates). */
export interface Proposal {
  kind: PetitionKind;
  name: string;
  purpose: string;
  level: GroupLevel | null;
  organizers: string[];
  /** MIGs: one mailing address per organizer, in the form's order. */
  addresses: { slackUserId: string; address: string }[];
  feedbackUntil: string | null;
  /** Where /petition was run. */
  originChannel: string;
}

function textField(what: string, { min, max }: { min: number; max: number }) {
  return z
    .string({ error: `Enter the ${what}.` })
    .trim()
    .min(1, `Enter the ${what}.`)
    .min(min, `The ${what} is too short: at least ${min} characters.`)
    .max(max, `The ${what} is too long: at most ${max} characters.`);
}

const SLACK_USER = /^[UW][A-Z0-9]+$/;

function formSchema(kind: PetitionKind) {
  const leader = KIND_RULES[kind].leader;
  return z.object({
    name: textField('group name', LIMITS.name),
    purpose: textField('statement of purpose', LIMITS.purpose),
    level: kind === 'CORE_IG' ? z.enum(['DIVISION', 'SECTION'], { error: 'Choose division or section.' }) : z.any().transform(() => null),
    leaders:
      kind === 'CORE_IG'
        ? z
            .array(z.string().regex(SLACK_USER, `Choose each ${leader} from the list.`), { error: `Choose at least one ${leader}.` })
            .min(1, `Choose at least one ${leader}.`)
            .max(LIMITS.leaders, `Choose at most ${LIMITS.leaders} ${leader}s.`)
        : z.any().transform(() => [] as string[]),
    feedback: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'Pick a date with the date picker.')
      .nullish()
      .transform((v) => v ?? null),
  });
}

/**
 * The MIG organizer rows: each named organizer needs a mailing address, each address an
 * organizer, nobody twice, at least one. Issues are keyed by the row's block id
 * (organizer-N / address-N), so each error shows on the field at fault.
 */
const organizerRowsSchema = z
  .array(z.object({ row: z.number().int().min(1), organizer: z.string().nullish(), address: z.string().nullish() }))
  .superRefine((rows, ctx) => {
    const seen = new Set<string>();
    let named = 0;
    for (const r of rows) {
      const organizer = OrganizerBlocks.organizer(r.row);
      const addressBlock = OrganizerBlocks.address(r.row);
      const address = r.address?.trim() ?? '';
      if (r.organizer) {
        named++;
        if (!SLACK_USER.test(r.organizer)) ctx.addIssue({ code: 'custom', path: [organizer], message: 'Choose the organizer from the list.' });
        else if (seen.has(r.organizer)) ctx.addIssue({ code: 'custom', path: [organizer], message: 'This organizer is already named above; choose someone else or clear this row.' });
        seen.add(r.organizer);
        if (address === '') ctx.addIssue({ code: 'custom', path: [addressBlock], message: "Enter this organizer's mailing address." });
        else if (address.length < LIMITS.address.min) ctx.addIssue({ code: 'custom', path: [addressBlock], message: `The mailing address is too short: at least ${LIMITS.address.min} characters (street, city, postal code).` });
        else if (address.length > LIMITS.address.max) ctx.addIssue({ code: 'custom', path: [addressBlock], message: `The mailing address is too long: at most ${LIMITS.address.max} characters.` });
      } else if (address !== '') {
        ctx.addIssue({ code: 'custom', path: [organizer], message: 'Choose the organizer this mailing address belongs to, or clear the address.' });
      }
    }
    if (named === 0) ctx.addIssue({ code: 'custom', path: [OrganizerBlocks.organizer(1)], message: 'Choose at least one organizer.' });
    if (named > LIMITS.leaders) ctx.addIssue({ code: 'custom', path: [OrganizerBlocks.organizer(1)], message: `Name at most ${LIMITS.leaders} organizers.` });
  })
  .transform((rows) =>
    rows
      .filter((r) => r.organizer)
      .sort((a, b) => a.row - b.row)
      .map((r) => ({ row: r.row, slackUserId: r.organizer!, address: r.address!.trim() })),
  );

function displayName(who: Awaited<ReturnType<typeof identify>>): string {
  return personPlain({ slackUserId: who.slackUserId, name: who.roster?.name ?? who.name });
}

/** Validates the form: field errors (thrown as FieldErrors, keyed by block id) or a proposal. */
export async function validateForm(
  deps: PetitionDeps,
  client: WebClient,
  kind: PetitionKind,
  originChannel: string,
  values: FormValues,
): Promise<Proposal> {
  const parsed = formSchema(kind).safeParse(values);
  const rows = kind === 'MIG' ? organizerRowsSchema.safeParse(values.organizerRows ?? []) : undefined;
  if (!parsed.success || (rows && !rows.success)) {
    throw new FieldErrors({ ...(parsed.success ? {} : zodFieldErrors(parsed.error).errors), ...(rows && !rows.success ? zodFieldErrors(rows.error).errors : {}) });
  }
  const v = parsed.data;
  const organizerRows = rows?.data ?? [];
  const errors: Record<string, string> = {};
  if (v.feedback) {
    const problem = feedbackDateProblem(v.feedback, deps.clock(), deps.zone);
    if (problem) errors.feedback = problem;
  }
  const leaders = kind === 'MIG' ? organizerRows.map((r) => r.slackUserId) : [...new Set(v.leaders)];
  const people = await Promise.all(leaders.map((u) => identify(deps.prisma, client, u)));
  if (kind === 'MIG') {
    // Each organizer's problem on their own row.
    people.forEach((who, i) => {
      const problem = leaderProblem(kind, displayName(who), who.roster);
      if (problem) errors[OrganizerBlocks.organizer(organizerRows[i]!.row)] = problem;
    });
  } else {
    const problems = people.flatMap((who) => leaderProblem(kind, displayName(who), who.roster) ?? []);
    if (problems.length) errors.leaders = problems.join(' ');
  }
  const existing = await store.groupByKey(deps.prisma, groupKey(v.name));
  // Modal errors are plain text: no mrkdwn, nothing to escape.
  if (existing) errors.name = `There is already a group called "${existing.name}" (see /ig info ${existing.name}); choose another name.`;
  if (Object.keys(errors).length) throw new FieldErrors(errors);
  return {
    kind,
    name: v.name,
    purpose: v.purpose,
    level: v.level,
    organizers: leaders,
    addresses: organizerRows.map((r) => ({ slackUserId: r.slackUserId, address: r.address })),
    feedbackUntil: v.feedback,
    originChannel,
  };
}

async function duplicateCandidates(prisma: PrismaClient): Promise<DuplicateCandidate[]> {
  const [groups, petitions] = await Promise.all([store.activeGroupsForDuplicates(prisma), store.openPetitions(prisma)]);
  return [
    ...groups.map((g) => ({ type: 'group' as const, id: g.id, name: g.name, text: g.description, label: KIND_LABELS[g.kind] })),
    ...petitions.map((p) => ({
      type: 'petition' as const,
      id: p.id,
      name: p.name,
      text: p.purpose,
      label: `open petition #${p.id}, ${STATUS_LABELS[p.status].toLowerCase()}`,
    })),
  ];
}

export type SubmitOutcome = { kind: 'duplicates'; draftId: number; matches: DuplicateMatch[] } | { kind: 'filed'; petition: PetitionRow };

/** The form's submit: validate, check for duplicates (keeping a draft), else file. */
export async function submitForm(
  deps: PetitionDeps,
  client: WebClient,
  userId: string,
  kind: PetitionKind,
  originChannel: string,
  values: FormValues,
): Promise<SubmitOutcome> {
  const proposal = await validateForm(deps, client, kind, originChannel, values);
  const matches = findDuplicates(proposal, await duplicateCandidates(deps.prisma));
  if (matches.length) {
    const draftId = await store.saveDraft(deps.prisma, userId, { ...proposal }, deps.clock());
    return { kind: 'duplicates', draftId, matches };
  }
  return { kind: 'filed', petition: await file(deps, userId, proposal) };
}

/** "Continue anyway": files the draft once (a second submit finds it gone and does nothing). */
export async function confirmDraft(deps: PetitionDeps, userId: string, draftId: number): Promise<PetitionRow | null> {
  const data = await store.takeDraft(deps.prisma, draftId, userId);
  return data ? file(deps, userId, data as unknown as Proposal) : null;
}

async function file(deps: PetitionDeps, userId: string, proposal: Proposal): Promise<PetitionRow> {
  const now = deps.clock();
  const { opensAt, expiresAt } = petitionDates(proposal.kind, now, proposal.feedbackUntil, deps.zone);
  const channelId = (await appChannel(deps.prisma, 'petitions')) ?? proposal.originChannel;
  const inReview = proposal.feedbackUntil !== null;
  return deps.prisma.$transaction(async (tx) => {
    const p = await store.createPetition(tx, {
      kind: proposal.kind,
      level: proposal.level,
      name: proposal.name,
      purpose: proposal.purpose,
      organizers: proposal.organizers,
      addresses: proposal.addresses ?? [],
      petitioner: userId,
      status: inReview ? 'IN_REVIEW' : 'COLLECTING',
      threshold: KIND_RULES[proposal.kind].threshold,
      feedbackUntil: proposal.feedbackUntil,
      opensAt,
      openedAt: inReview ? null : now,
      expiresAt,
      channelId,
      createdAt: now,
    });
    await audit(tx, {
      actor: userId,
      action: 'petition.filed',
      subjectType: 'petition',
      subjectId: p.id,
      details: { at: now.toISOString(), kind: p.kind, name: p.name, status: p.status, feedbackUntil: proposal.feedbackUntil, channelId },
    });
    if (!inReview) await audit(tx, { actor: 'system', action: 'petition.opened', subjectType: 'petition', subjectId: p.id, details: { at: now.toISOString() } });
    await store.clearDrafts(tx, userId);
    return p;
  });
}

/** Posts a newly filed petition and tells the petitioner where it is. */
export async function publish(deps: PetitionDeps, client: WebClient, p: PetitionRow): Promise<void> {
  let posted: { ok: true } | { ok: false; reason: string };
  try {
    const res = await client.chat.postMessage({ channel: p.channelId, ...views.petitionMessage(p, deps.zone) });
    p = await store.saveMessage(deps.prisma, p.id, res.channel ?? p.channelId, res.ts!);
    posted = { ok: true };
  } catch (error) {
    deps.logger.error(`petitions: posting petition #${p.id} in ${p.channelId} failed: ${slackError(error)}`);
    posted = { ok: false, reason: slackError(error) };
  }
  await dm(client, deps.logger, [p.petitioner], views.filedDm(p, posted, deps.zone));
}

// ---------------------------------------------------------------------------
// Signing

function notSignable(p: PetitionRow, zone: string): string {
  if (p.status === 'IN_REVIEW') return `${petitionRef(p, true)} is still in review; signing opens ${slackDateTime(p.opensAt, zone)}. Comments are welcome in its thread meanwhile.`;
  if (p.status === 'COLLECTING') return `The collection period of ${petitionRef(p)} has ended.`;
  return `${petitionRef(p, true)} is no longer taking signatures: it is ${STATUS_LABELS[p.status].toLowerCase()}.`;
}

export interface SignResult {
  petition: PetitionRow;
  reached: boolean;
  milestones: Milestone[];
}

export async function sign(deps: PetitionDeps, client: WebClient, id: number, userId: string): Promise<Reply> {
  const now = deps.clock();
  // Signing is the one interaction that comes in bursts: catch up only when this petition's own
  // deadline has passed (the engine applies everyone else's within the minute).
  let p = await loadPetition(deps.prisma, id);
  if (transitionOverdue(p, now)) {
    await catchUp(deps, client);
    p = await loadPetition(deps.prisma, id);
  }
  const rules = KIND_RULES[p.kind];
  if (p.organizers.includes(userId)) {
    const article = /^[aeiou]/.test(rules.leader) ? 'an' : 'a';
    throw new UserError(`You're ${article} ${rules.leader} of ${petitionRef(p)}; ${rules.leader}s don't count toward its ${p.threshold} signatures. Ask others to sign.`);
  }
  if (!SIGNABLE_STATUSES.includes(p.status) || (p.status === 'COLLECTING' && p.expiresAt <= now)) throw new UserError(notSignable(p, deps.zone));
  const decision = maySign(p.kind, p.kind === 'MIG' ? (await identify(deps.prisma, client, userId)).roster : null);
  if (!decision.allowed) throw new UserError(`You can't sign ${petitionRef(p)}: ${decision.reason}`);

  let result: SignResult | null;
  try {
    result = await deps.prisma.$transaction(async (tx) => {
      const counted = await store.countSignature(tx, id, now);
      if (!counted) return null;
      await store.addSignature(tx, id, userId, now);
      await audit(tx, { actor: userId, action: 'petition.signed', subjectType: 'petition', subjectId: id, details: { at: now.toISOString(), count: counted.signatureCount } });
      const crossed = counted.status === 'COLLECTING' && counted.signatureCount >= counted.threshold;
      const reached = crossed && (await store.transition(tx, id, ['COLLECTING'], 'AWAITING_APPROVAL'));
      if (reached) {
        await audit(tx, { actor: 'system', action: 'petition.threshold_reached', subjectType: 'petition', subjectId: id, details: { at: now.toISOString(), count: counted.signatureCount } });
      }
      const milestones: Milestone[] = [];
      if (counted.status === 'COLLECTING' && !reached) {
        for (const percent of MILESTONES) {
          if (counted.signatureCount >= milestoneCount(counted.threshold, percent) && (await store.claimMilestone(tx, id, percent, now))) {
            milestones.push(percent);
            await audit(tx, { actor: 'system', action: 'petition.milestone', subjectType: 'petition', subjectId: id, details: { at: now.toISOString(), percent, count: counted.signatureCount } });
          }
        }
      }
      return { petition: reached ? { ...counted, status: 'AWAITING_APPROVAL' as const } : counted, reached, milestones };
    }, TX);
  } catch (error) {
    if (isUniqueViolation(error)) throw new UserError(`You've already signed ${petitionRef(p)}; nothing changed.`);
    throw error;
  }
  if (!result) throw new UserError(notSignable(await loadPetition(deps.prisma, id), deps.zone));
  void deps.refresher.refresh(id);
  await announceProgress(deps, client, result);
  return views.signedReply(result.petition);
}

async function announceProgress(deps: PetitionDeps, client: WebClient, r: SignResult): Promise<void> {
  const people = stewards(r.petition);
  for (const percent of r.milestones.slice(-1)) await dm(client, deps.logger, people, views.milestoneDm(r.petition, percent));
  if (r.reached) {
    await dm(client, deps.logger, people, views.thresholdDm(r.petition));
    await requestApproval(deps, client, r.petition);
  }
}

/** The approving body's members; staff when nobody holds the committee role. */
async function approvers(prisma: PrismaClient, role: Role): Promise<string[]> {
  const holders = (await holdersOf(prisma, role)).map((g) => g.slackUserId);
  return holders.length ? holders : (await holdersOf(prisma, 'STAFF')).map((g) => g.slackUserId);
}

/** Posts the Approve/Reject request to the staff channel, or by DM to the approving body. */
async function requestApproval(deps: PetitionDeps, client: WebClient, p: PetitionRow): Promise<void> {
  const message = views.approvalRequest(p, await store.addressesOf(deps.prisma, p.id));
  const post = (channel: string) =>
    safely(deps.logger, `approval request for petition #${p.id} to ${channel}`, async () => {
      const res = await client.chat.postMessage({ channel, ...message });
      return { channel: res.channel ?? channel, ts: res.ts! };
    });
  const staffChannel = await appChannel(deps.prisma, 'staff');
  let posts = staffChannel ? [await post(staffChannel)] : [];
  if (!posts[0]) posts = await Promise.all((await approvers(deps.prisma, KIND_RULES[p.kind].approver)).map(post));
  await store.saveApprovalPosts(deps.prisma, p.id, posts.filter((x) => x !== undefined));
}

export async function unsign(deps: PetitionDeps, client: WebClient, id: number, userId: string): Promise<Reply> {
  await catchUp(deps, client);
  const p = await loadPetition(deps.prisma, id);
  const now = deps.clock();
  const updated = await deps.prisma.$transaction(async (tx) => {
    if (!(await store.removeSignature(tx, id, userId))) throw new UserError(`You haven't signed ${petitionRef(p)}, so there is nothing to withdraw.`);
    const uncounted = await store.uncountSignature(tx, id);
    if (!uncounted) {
      const current = await loadPetition(tx, id);
      throw new UserError(
        current.status === 'AWAITING_APPROVAL'
          ? `${petitionRef(p, true)} has gone to the ${ROLE_LABELS[KIND_RULES[p.kind].approver]} for approval; signatures can no longer be withdrawn.`
          : `${petitionRef(p, true)} is ${STATUS_LABELS[current.status].toLowerCase()}; signatures can no longer be withdrawn.`,
      );
    }
    await audit(tx, { actor: userId, action: 'petition.signature_withdrawn', subjectType: 'petition', subjectId: id, details: { at: now.toISOString(), count: uncounted.signatureCount } });
    return uncounted;
  }, TX);
  void deps.refresher.refresh(id);
  return views.unsignedReply(updated);
}

// ---------------------------------------------------------------------------
// Withdrawing and deciding

async function closeApprovalPosts(deps: PetitionDeps, client: WebClient, id: number): Promise<void> {
  const p = await loadPetition(deps.prisma, id);
  const posts = (p.approvalPosts ?? []) as { channel: string; ts: string }[];
  const message = views.approvalClosed(p, await groupChannelOf(deps.prisma, p), deps.zone);
  await Promise.all(posts.map((post) => safely(deps.logger, `closing approval request ${post.ts}`, () => client.chat.update({ channel: post.channel, ts: post.ts, ...message }))));
}

export async function withdraw(deps: PetitionDeps, client: WebClient, id: number, userId: string): Promise<Reply> {
  await catchUp(deps, client);
  const p = await loadPetition(deps.prisma, id);
  if (!stewards(p).includes(userId)) throw new UserError(`Only its ${KIND_RULES[p.kind].leader}s or the person who filed it can withdraw ${petitionRef(p)}.`);
  const now = deps.clock();
  await deps.prisma.$transaction(async (tx) => {
    if (!(await store.transition(tx, id, OPEN_STATUSES, 'WITHDRAWN', { decidedBy: userId, decidedAt: now }))) {
      throw new UserError(`${petitionRef(p, true)} is ${STATUS_LABELS[(await loadPetition(tx, id)).status].toLowerCase()}; there is nothing to withdraw.`);
    }
    await audit(tx, { actor: userId, action: 'petition.withdrawn', subjectType: 'petition', subjectId: id, details: { at: now.toISOString() } });
  });
  await deps.refresher.refresh(id);
  await closeApprovalPosts(deps, client, id);
  return views.withdrawnReply(p);
}

function decided(p: PetitionRow): string {
  if (p.status === 'APPROVED' || p.status === 'REJECTED') {
    return `${petitionRef(p, true)} was already decided: ${STATUS_LABELS[p.status].toLowerCase()}${p.decidedBy ? ` by <@${p.decidedBy}>` : ''}. Nothing changed.`;
  }
  return `${petitionRef(p, true)} is ${STATUS_LABELS[p.status].toLowerCase()}, not awaiting approval. Nothing changed.`;
}

/** Refuses anyone outside the approving body (staff may act for it) and petitions not awaiting a decision. */
export async function checkDecider(deps: PetitionDeps, client: WebClient, id: number, userId: string): Promise<PetitionRow> {
  await catchUp(deps, client);
  const p = await loadPetition(deps.prisma, id);
  await requireRole(deps.prisma, userId, KIND_RULES[p.kind].approver, `decide on ${petitionRef(p)}`);
  if (p.status !== 'AWAITING_APPROVAL') throw new UserError(decided(p));
  return p;
}

export async function approve(deps: PetitionDeps, client: WebClient, id: number, userId: string): Promise<Reply> {
  const p = await checkDecider(deps, client, id, userId);
  const now = deps.clock();
  const term = termYearContaining(localDate(now, deps.zone));
  const leaders = await Promise.all(p.organizers.map((u) => identify(deps.prisma, client, u)));
  let approved: { petition: PetitionRow; groupId: number; signers: string[] };
  try {
    approved = await deps.prisma.$transaction(async (tx) => {
      if (!(await store.transition(tx, id, ['AWAITING_APPROVAL'], 'APPROVED', { decidedBy: userId, decidedAt: now, reportToCouncil: p.kind === 'MIG' }))) {
        throw new UserError(decided(await loadPetition(tx, id)));
      }
      const group = await store.createGroup(tx, {
        name: p.name,
        key: groupKey(p.name),
        kind: p.kind,
        level: p.level,
        eligibility: defaultEligibility(p.kind, false),
        description: p.purpose,
        charterApprovedOn: dateOnly(localDate(now, deps.zone)),
      });
      for (const who of leaders) {
        await store.addConvenerTerm(tx, { groupId: group.id, slackUserId: who.slackUserId, email: who.email, name: who.roster?.name ?? who.name, ...term });
      }
      const signers = await store.signers(tx, id);
      await store.addMembers(tx, group.id, [...p.organizers, ...signers]);
      const petition = await store.linkGroup(tx, id, group.id);
      await recordActivity(tx, group.id, now);
      await audit(tx, { actor: userId, action: 'petition.approved', subjectType: 'petition', subjectId: id, details: { at: now.toISOString(), groupId: group.id, reportToCouncil: p.kind === 'MIG' } });
      await audit(tx, { actor: userId, action: 'group.created', subjectType: 'group', subjectId: group.id, details: { name: p.name, source: 'petition', petitionId: id, conveners: p.organizers, term } });
      return { petition, groupId: group.id, signers };
    }, TX);
  } catch (error) {
    if (isUniqueViolation(error)) throw new UserError(`A group called "${escapeMrkdwn(p.name)}" already exists, so ${petitionRef(p)} can't create it. Nothing changed; reject it or ask staff to rename the existing group.`);
    throw error;
  }
  const outcome = await setUpGroup(deps, client, approved.petition, approved.groupId, approved.signers);
  await deps.refresher.refresh(id);
  await closeApprovalPosts(deps, client, id);
  const channelId = outcome.channel.kind === 'created' ? outcome.channel.id : null;
  await dm(client, deps.logger, stewards(p), views.approvedDm(approved.petition, channelId));
  return views.approvedReply(approved.petition, outcome);
}

/** Creates the group's channel (a free name), invites its people, welcomes and announces. */
async function setUpGroup(deps: PetitionDeps, client: WebClient, p: PetitionRow, groupId: number, signers: string[]): Promise<views.ApprovalOutcome> {
  const channel = await createChannel(client, p.name);
  const outcome: views.ApprovalOutcome = { channel, invited: 0, notInvited: [] };
  if (channel.kind === 'created') {
    await deps.prisma.$transaction(async (tx) => {
      await store.setGroupChannel(tx, groupId, channel.id);
      await audit(tx, { actor: 'system', action: 'petition.channel_created', subjectType: 'petition', subjectId: p.id, details: { at: deps.clock().toISOString(), groupId, channelId: channel.id } });
    });
    const invite = await inviteAll(client, channel.id, [...new Set([...p.organizers, ...signers])]);
    outcome.invited = invite.invited;
    outcome.notInvited = invite.failed;
    await safely(deps.logger, 'welcome message', () => client.chat.postMessage({ channel: channel.id, ...views.welcome(p) }));
  } else {
    deps.logger.error(`petitions: creating a channel for group ${groupId} failed: ${channel.reason}`);
  }
  const where = (await appChannel(deps.prisma, 'announcements')) ?? p.channelId;
  const channelId = channel.kind === 'created' ? channel.id : null;
  await safely(deps.logger, 'announcement', () => client.chat.postMessage({ channel: where, ...views.announcement(p, channelId) }));
  return outcome;
}

function reasonSchema(kind: PetitionKind) {
  const readers = `the ${KIND_RULES[kind].leader}s and the person who filed the petition will read it`;
  return z
    .string({ error: `Give a reason; ${readers}.` })
    .trim()
    .min(LIMITS.reason.min, `Give a reason of at least ${LIMITS.reason.min} characters; ${readers}.`)
    .max(LIMITS.reason.max, `Keep the reason under ${LIMITS.reason.max} characters.`);
}

/** Decides a rejection (answering the modal at once); announceRejection tells everyone afterwards. */
export async function reject(deps: PetitionDeps, client: WebClient, id: number, userId: string, reasonText: string | null | undefined): Promise<PetitionRow> {
  const p = await checkDecider(deps, client, id, userId);
  const parsed = reasonSchema(p.kind).safeParse(reasonText);
  if (!parsed.success) throw new FieldErrors({ reason: parsed.error.issues[0]!.message });
  const now = deps.clock();
  await deps.prisma.$transaction(async (tx) => {
    if (!(await store.transition(tx, id, ['AWAITING_APPROVAL'], 'REJECTED', { decidedBy: userId, decidedAt: now, rejectionReason: parsed.data }))) {
      throw new UserError(decided(await loadPetition(tx, id)));
    }
    await audit(tx, { actor: userId, action: 'petition.rejected', subjectType: 'petition', subjectId: id, details: { at: now.toISOString(), reason: parsed.data } });
  });
  return loadPetition(deps.prisma, id);
}

export async function announceRejection(deps: PetitionDeps, client: WebClient, p: PetitionRow): Promise<void> {
  await deps.refresher.refresh(p.id);
  await closeApprovalPosts(deps, client, p.id);
  await dm(client, deps.logger, stewards(p), views.rejectedDm(p));
}

// ---------------------------------------------------------------------------
// Reading

export async function listOpen(deps: PetitionDeps, client: WebClient) {
  await catchUp(deps, client);
  return store.openPetitions(deps.prisma);
}

export async function status(deps: PetitionDeps, client: WebClient, id: number, viewer: string): Promise<Reply> {
  await catchUp(deps, client);
  const p = await loadPetition(deps.prisma, id);
  const [trail, signatureEvents, groupChannel, mayDecide, staff] = await Promise.all([
    store.auditTrail(deps.prisma, id),
    store.signatureEventCount(deps.prisma, id),
    groupChannelOf(deps.prisma, p),
    p.status === 'AWAITING_APPROVAL' ? hasRole(deps.prisma, viewer, KIND_RULES[p.kind].approver) : Promise.resolve(false),
    isStaff(deps.prisma, viewer),
  ]);
  const timeline = trail.flatMap((row) => {
    const label = timelineLabel(row.action, p.kind);
    if (!label) return [];
    const details = (row.details ?? {}) as { at?: string; reason?: string };
    return [{ at: details.at ? new Date(details.at) : row.at, actor: row.actor, label, detail: details.reason }];
  });
  const reply = views.statusReply(p, timeline, signatureEvents, deps.zone, groupChannel);
  if (mayDecide) return { ...reply, blocks: [...reply.blocks!, ...views.approvalRequest(p).blocks!.filter((b) => b.type === 'actions')] };
  if (staff) return { ...reply, blocks: [...reply.blocks!, ...views.councilButton(p)] };
  return reply;
}

// ---------------------------------------------------------------------------
// Reporting a MIG approval to Council

/** Staff record that an approved MIG was reported to Council (once; audited), which stops the weekly nudge. */
export async function markReportedToCouncil(deps: PetitionDeps, client: WebClient, id: number, userId: string): Promise<Reply> {
  const p = await loadPetition(deps.prisma, id);
  await requireRole(deps.prisma, userId, 'STAFF', `mark ${petitionRef(p)} reported to Council`);
  if (!p.reportToCouncil || p.status !== 'APPROVED') {
    throw new UserError(`${petitionRef(p, true)} is not an approved ${KIND_RULES.MIG.label}, so there is nothing to report to Council.`);
  }
  const now = deps.clock();
  await deps.prisma.$transaction(async (tx) => {
    if (!(await store.markReportedToCouncil(tx, id, userId, now))) {
      const current = await loadPetition(tx, id);
      throw new UserError(
        `${petitionRef(p, true)} was already marked reported to Council${current.reportedToCouncilAt ? ` ${slackDateTime(current.reportedToCouncilAt, deps.zone)}` : ''}${current.reportedToCouncilBy ? ` by <@${current.reportedToCouncilBy}>` : ''}. Nothing changed.`,
      );
    }
    await audit(tx, { actor: userId, action: 'petition.reported_to_council', subjectType: 'petition', subjectId: id, details: { at: now.toISOString() } });
  });
  await deps.refresher.refresh(id);
  await closeApprovalPosts(deps, client, id);
  return views.reportedToCouncilReply(await loadPetition(deps.prisma, id), deps.zone);
}

// ---------------------------------------------------------------------------
// Scheduled transitions (called by the deadline engine with its clock; tests call them directly)

/** Opens one petition if its feedback period is over; true when this call opened it. */
async function openDue(prisma: PrismaClient, now: Date, id: number): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const p = await store.petitionById(tx, id);
    if (!p || p.opensAt > now) return false;
    if (!(await store.transition(tx, id, ['IN_REVIEW'], 'COLLECTING', { openedAt: now }))) return false;
    await audit(tx, { actor: 'system', action: 'petition.opened', subjectType: 'petition', subjectId: id, details: { at: now.toISOString() } });
    return true;
  });
}

async function expireDue(prisma: PrismaClient, now: Date, id: number): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const p = await store.petitionById(tx, id);
    if (!p || p.expiresAt > now) return false;
    if (!(await store.transition(tx, id, ['COLLECTING'], 'EXPIRED', { decidedAt: now }))) return false;
    await audit(tx, { actor: 'system', action: 'petition.expired', subjectType: 'petition', subjectId: id, details: { at: now.toISOString(), count: p.signatureCount } });
    return true;
  });
}

export interface TransitionSummary {
  opened: number[];
  expired: number[];
}

/**
 * Applies every state change due at `now`: feedback periods that ended open for signatures,
 * collection periods that ended expire. Idempotent and safe to run concurrently: each
 * change is a conditional update, so whichever caller gets there first makes it, once.
 * The messages people receive about these (the opening notice, the expiry DM) are the
 * deadline engine's deliveries (schedule.ts); this only changes state and redraws the petition.
 */
export async function applyDueTransitions(
  prisma: PrismaClient,
  client: WebClient,
  now: Date,
  opts: { zone: string; logger?: ErrorLogger; refresh?: (id: number) => Promise<void> },
): Promise<TransitionSummary> {
  const logger = opts.logger ?? console;
  const summary: TransitionSummary = { opened: [], expired: [] };
  for (const p of await store.dueToOpen(prisma, now)) if (await openDue(prisma, now, p.id)) summary.opened.push(p.id);
  for (const p of await store.dueToExpire(prisma, now)) if (await expireDue(prisma, now, p.id)) summary.expired.push(p.id);
  const redraw = opts.refresh ?? ((id: number) => updateMessage(prisma, client, id, opts.zone));
  for (const id of [...summary.opened, ...summary.expired]) {
    await safely(logger, `updating the message of petition #${id}`, () => redraw(id));
  }
  return summary;
}

/**
 * Every petition interaction first applies what is overdue, so nobody signs a petition whose
 * period ended or is refused one whose feedback period is over, whatever the engine's timing.
 */
async function catchUp(deps: PetitionDeps, client: WebClient): Promise<void> {
  await applyDueTransitions(deps.prisma, client, deps.clock(), { zone: deps.zone, logger: deps.logger, refresh: (id) => deps.refresher.refresh(id) });
}
