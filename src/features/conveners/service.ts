// Convener use cases: who convenes what, adding incoming conveners (term limit, membership),
// reporting them to the Core Office, and recording business meetings.
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Group, PrismaClient } from '../../generated/prisma/client.js';
import { audit, type Tx } from '../../db/audit.js';
import { FieldErrors, UserError, zodFieldErrors } from '../../lib/slack/errors.js';
import { andList, personMrkdwn, personPlain } from '../../lib/slack/people.js';
import { escapeMrkdwn } from '../../lib/slack/text.js';
import { type Clock, formatDate, isoDateOf, localDate, plusDays, zonedInstant } from '../../lib/time.js';
import { appChannel, isStaff } from '../admin/service.js';
import { convenedGroupIds, currentConveners } from '../directory/store.js';
import { type GroupRef, resolveGroup } from '../directory/service.js';
import { identify, resolvePeople } from '../people/service.js';
import { findPerson } from '../people/store.js';
import type { Audience } from '../reminders/types.js';
import { checkTermLimit, clashingTerm, type Decision, mayConvene, nextTerm, type TermSpan, termProblems } from './rules.js';
import * as store from './store.js';
import { recordActivity } from '../charters/store.js';

export interface ConvenerDeps {
  prisma: PrismaClient;
  clock: Clock;
  zone: string;
  /** To learn the email of a user the app hasn't met (conveners imported by email); optional for scheduled rules. */
  client?: WebClient;
}

export function today(deps: ConvenerDeps): string {
  return localDate(deps.clock(), deps.zone);
}

/** A user's standing: staff, and the groups they convene today (by Slack id or roster email). */
export async function standing(deps: ConvenerDeps, userId: string): Promise<{ staff: boolean; convened: number[] }> {
  const [staff, email] = await Promise.all([isStaff(deps.prisma, userId), emailOf(deps, userId)]);
  const convened = await convenedGroupIds(deps.prisma, userId, email, today(deps));
  return { staff, convened };
}

async function emailOf(deps: ConvenerDeps, userId: string): Promise<string | null> {
  if (deps.client) return (await identify(deps.prisma, deps.client, userId)).email;
  return (await findPerson(deps.prisma, userId))?.email ?? null;
}

/** "<@A> and <@B>" or a name for conveners known only by email. */
export async function convenerNames(deps: ConvenerDeps, groupId: number): Promise<string> {
  const conveners = await resolvePeople(deps.prisma, await currentConveners(deps.prisma, groupId, today(deps)));
  return andList(conveners.map(personMrkdwn), 'nobody at the moment');
}

/** Throws the refusal that names the group's conveners unless the user is staff or convenes the group. */
export async function requireConvenerOrStaff(deps: ConvenerDeps, userId: string, group: Pick<Group, 'id' | 'name'>, doing: string): Promise<void> {
  const s = await standing(deps, userId);
  if (s.staff || s.convened.includes(group.id)) return;
  throw new UserError(`Only the conveners of *${escapeMrkdwn(group.name)}* (${await convenerNames(deps, group.id)}) and staff can ${doing}.`);
}

/** Active groups the user may act for as a convener: every group for staff. */
export async function groupsToManage(deps: ConvenerDeps, userId: string): Promise<Group[]> {
  const s = await standing(deps, userId);
  return store.activeGroups(deps.prisma, s.staff ? undefined : s.convened);
}

/**
 * The group a command names, or the only one the user convenes. Several (or none) without
 * a name: undefined, so the caller offers a picker or explains.
 */
export async function groupFromArgs(deps: ConvenerDeps, userId: string, args: string): Promise<Group | undefined> {
  if (args.trim()) return resolveGroup(deps.prisma, { query: args });
  const mine = await store.activeGroups(deps.prisma, (await standing(deps, userId)).convened);
  return mine.length === 1 ? mine[0] : undefined;
}

export async function activeGroup(deps: ConvenerDeps, id: number): Promise<Group> {
  const group = await store.group(deps.prisma, id);
  if (!group || group.status !== 'ACTIVE') throw new UserError('That group no longer exists in the directory.');
  return group;
}

// ---------------------------------------------------------------------------
// Conveners and terms

export interface TermView extends TermSpan {
  id: number;
  slackUserId: string | null;
  label: string;
}

export async function listConveners(deps: ConvenerDeps, ref: GroupRef, viewerId: string) {
  const group = await resolveGroup(deps.prisma, ref);
  const day = today(deps);
  // First: meeting the viewer (identify) links terms known only by their email to them.
  const s = await standing(deps, viewerId);
  const terms = await store.termsEndingFrom(deps.prisma, group.id, day);
  const people = await resolvePeople(deps.prisma, terms);
  const views: TermView[] = terms.map((t, i) => ({
    id: t.id,
    slackUserId: people[i]!.slackUserId,
    label: personMrkdwn(people[i]!),
    startsOn: isoDateOf(t.startsOn),
    endsOn: isoDateOf(t.endsOn),
  }));
  return {
    group,
    current: views.filter((t) => t.startsOn <= day),
    incoming: views.filter((t) => t.startsOn > day),
    canAdd: s.staff || s.convened.includes(group.id),
  };
}

/** The modal's defaults: the next term year. */
export async function prepareAdd(deps: ConvenerDeps, userId: string, groupId: number) {
  const group = await activeGroup(deps, groupId);
  await requireConvenerOrStaff(deps, userId, group, 'add conveners');
  return { group, term: nextTerm(today(deps)) };
}

export interface Candidate {
  slackUserId: string;
  email: string | null;
  name: string | null;
  /** How to name them in a refusal. */
  label: string;
}

/** May this person hold this term in this group? Membership, then overlap with their own terms, then the term limit. */
export async function convenerEligibility(db: Tx, group: Group, who: Candidate, term: TermSpan, roster: Parameters<typeof mayConvene>[2]): Promise<Decision> {
  const membership = mayConvene(group.kind, group.eligibility, roster, who.label, escapeMrkdwn(group.name));
  if (!membership.allowed) return membership;
  const existing = (await store.termsOf(db, group.id, who.slackUserId, who.email)).map((t) => ({ startsOn: isoDateOf(t.startsOn), endsOn: isoDateOf(t.endsOn) }));
  const clash = clashingTerm(existing, term);
  if (clash) return { allowed: false, reason: `${who.label} already convenes *${escapeMrkdwn(group.name)}* from ${formatDate(clash.startsOn)} to ${formatDate(clash.endsOn)}, which overlaps that term.` };
  return checkTermLimit(existing, term, who.label, `convener of ${escapeMrkdwn(group.name)}`);
}

/** Looks a Slack user up (email and roster row) for the eligibility checks. */
export async function candidate(prisma: PrismaClient, client: WebClient, slackUserId: string) {
  const who = await identify(prisma, client, slackUserId);
  const name = who.roster?.name ?? who.name;
  // A name, not a mention: refusals also appear as modal field errors, which are plain text.
  return { who: { slackUserId, email: who.email, name, label: personPlain({ slackUserId, name }) } satisfies Candidate, roster: who.roster };
}

const isoDate = (message: string) => z.string({ error: message }).regex(/^\d{4}-\d{2}-\d{2}$/, message);

const AddForm = z.object({
  person: z.string({ error: 'Choose the incoming convener.' }).regex(/^[UW][A-Z0-9]+$/, 'Choose the incoming convener.'),
  starts: isoDate('Choose the first day of the term.'),
  ends: isoDate('Choose the last day of the term.'),
});

export async function addConvener(deps: ConvenerDeps, client: WebClient, actor: string, groupId: number, values: Record<string, unknown>) {
  const parsed = AddForm.safeParse(values);
  if (!parsed.success) throw zodFieldErrors(parsed.error);
  const group = await activeGroup(deps, groupId);
  await requireConvenerOrStaff(deps, actor, group, 'add conveners');
  const term = { startsOn: parsed.data.starts, endsOn: parsed.data.ends };
  const problems = termProblems(term, today(deps));
  if (Object.keys(problems).length) throw new FieldErrors(problems);
  const { who, roster } = await candidate(deps.prisma, client, parsed.data.person);
  const created = await deps.prisma.$transaction(async (tx) => {
    await lockGroup(tx, group.id);
    const ok = await convenerEligibility(tx, group, who, term, roster);
    if (!ok.allowed) throw new FieldErrors({ person: ok.reason });
    const row = await store.createTerm(tx, { groupId: group.id, slackUserId: who.slackUserId, email: who.email, name: who.name, ...term });
    await audit(tx, { actor, action: 'convener.added', subjectType: 'group', subjectId: group.id, details: { termId: row.id, slackUserId: who.slackUserId, ...term } });
    return row;
  });
  return { group, term, termId: created.id, slackUserId: who.slackUserId };
}

/** Serialises term changes for one group, so two simultaneous adds can't both pass the term-limit check. */
export async function lockGroup(tx: Tx, groupId: number): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Group" WHERE id = ${groupId} FOR UPDATE`;
}

/**
 * The report to the Core Office: posts to the staff channel, or DMs each staff member when
 * staff haven't chosen one (or the channel refuses the post). False when nobody could be told.
 */
export async function tellStaff(prisma: PrismaClient, client: WebClient, message: { text: string; blocks?: unknown[] }, logger: { error(...a: unknown[]): void }): Promise<boolean> {
  const post = async (channel: string) => {
    try {
      await client.chat.postMessage({ channel, text: message.text, ...(message.blocks ? { blocks: message.blocks as never } : {}) });
      return true;
    } catch (error) {
      logger.error(`conveners: could not tell staff via ${channel}:`, error);
      return false;
    }
  };
  const channel = await appChannel(prisma, 'staff');
  if (channel && (await post(channel))) return true;
  let told = false;
  for (const { slackUserId } of await store.staffIds(prisma)) told = (await post(slackUserId)) || told;
  return told;
}

/** For deadline-engine rules: the staff channel, or every staff member by DM when staff haven't chosen one. */
export async function staffAudience(prisma: PrismaClient): Promise<Audience> {
  if (await appChannel(prisma, 'staff')) return { kind: 'appChannel', which: 'staff' };
  return { kind: 'users', userIds: (await store.staffIds(prisma)).map((s) => s.slackUserId) };
}

// ---------------------------------------------------------------------------
// Business meetings

const MeetingForm = z.object({
  group: z.coerce.number({ error: 'Choose the group.' }).int().positive('Choose the group.'),
  date: isoDate('Choose the day the meeting was held.'),
  format: z.enum(['VIRTUAL', 'IN_PERSON'], { error: 'Say whether it was virtual or in person.' }),
  notes: z.string().trim().max(2900, 'Keep the notes under 2,900 characters (link to minutes instead).').optional(),
  link: z.url({ protocol: /^https?$/, error: 'Give a web address starting with https://' }).max(1000, 'That link is too long.').optional(),
});

export async function recordMeeting(deps: ConvenerDeps, actor: string, fixedGroupId: number | undefined, values: Record<string, unknown>) {
  const parsed = MeetingForm.safeParse({ ...values, ...(fixedGroupId ? { group: fixedGroupId } : {}) });
  if (!parsed.success) throw zodFieldErrors(parsed.error);
  const m = parsed.data;
  const day = today(deps);
  if (m.date > day) throw new FieldErrors({ date: 'Record a meeting once it has been held: that day is still ahead.' });
  if (m.date < plusDays(day, -366)) throw new FieldErrors({ date: 'That is more than a year ago; ask staff to record old meetings.' });
  const group = await activeGroup(deps, m.group);
  await requireConvenerOrStaff(deps, actor, group, 'record its business meetings');
  const meeting = await deps.prisma.$transaction(async (tx) => {
    const row = await store.createMeeting(tx, { groupId: group.id, heldOn: m.date, format: m.format, notes: m.notes ?? '', link: m.link ?? null, recordedBy: actor });
    await recordActivity(tx, group.id, zonedInstant(m.date, '12:00', deps.zone));
    await audit(tx, { actor, action: 'meeting.recorded', subjectType: 'group', subjectId: group.id, details: { meetingId: row.id, heldOn: m.date, format: m.format } });
    return row;
  });
  return { group, meeting: { ...meeting, heldOn: m.date } };
}
