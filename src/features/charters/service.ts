// Charters: conveners request renewal from 90 days before the due date, the Interest Group
// Coordination Committee (or staff) recommends continuing or dissolving, the Core Board (or
// staff) decides. Continuing renews the charter for three years from the decision.
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Group } from '../../generated/prisma/client.js';
import { audit } from '../../db/audit.js';
import { UserError, zodFieldErrors } from '../../lib/slack/errors.js';
import { escapeMrkdwn } from '../../lib/slack/text.js';
import { dateOnly, formatDate, localDate } from '../../lib/time.js';
import { lifecycleKinds, requireRole, roleRecipients } from '../admin/service.js';
import { activeGroup, type ConvenerDeps, groupsToManage, requireConvenerOrStaff } from '../conveners/service.js';
import type { GroupKind } from '../../generated/prisma/enums.js';
import { hasLifecycleDuty, kindLabel, kindsWithText } from '../directory/kinds.js';
import { resolveGroup } from '../directory/service.js';
import { currentConveners } from '../directory/store.js';
import { resolvePeople } from '../people/service.js';
import { type ActivityRecord, charterDate, charterDueOn, type Choice, parseChoice, recordLines, renewalOpen, renewalOpensOn } from './rules.js';
import * as store from './store.js';

export type Deps = ConvenerDeps;
export type Renewal = NonNullable<Awaited<ReturnType<typeof store.renewal>>>;

export interface CharterFacts {
  charterOn: string;
  dueOn: string;
  opensOn: string;
  open: boolean;
}

export function charterFacts(deps: Deps, group: Pick<Group, 'charterApprovedOn' | 'createdAt'>): CharterFacts {
  return { charterOn: charterDate(group, deps.zone), dueOn: charterDueOn(group, deps.zone), opensOn: renewalOpensOn(group, deps.zone), open: renewalOpen(group, deps.zone, deps.clock()) };
}

function renewingGroup(group: Group, kinds: readonly GroupKind[]): Group {
  if (!hasLifecycleDuty(group.kind, kinds)) throw new UserError(`*${escapeMrkdwn(group.name)}* is a ${kindLabel(group.kind)}; only ${kindsWithText(kinds)} renew a charter.`);
  return group;
}

/** The group's record since its charter date. */
export async function activityRecord(deps: Deps, group: Group): Promise<ActivityRecord> {
  const since = charterDate(group, deps.zone);
  return { since, ...(await store.activityCounts(deps.prisma, group.id, dateOnly(since), deps.clock())) };
}

export interface RenewForm {
  group: Group;
  facts: CharterFacts;
  record: ActivityRecord;
  conveners: string;
}

/** The renewal form, refused before it opens and while a request is in review. */
export async function renewForm(deps: Deps, userId: string, groupId: number): Promise<RenewForm> {
  const group = renewingGroup(await activeGroup(deps, groupId), await lifecycleKinds(deps.prisma));
  await requireConvenerOrStaff(deps, userId, group, 'request renewal of its charter');
  const facts = charterFacts(deps, group);
  if (!facts.open) throw new UserError(`*${escapeMrkdwn(group.name)}*'s charter is due for renewal on ${formatDate(facts.dueOn)}; you can request renewal from ${formatDate(facts.opensOn)}.`);
  const pending = await store.openRenewal(deps.prisma, group.id);
  if (pending) throw new UserError(`A renewal request for *${escapeMrkdwn(group.name)}* is already ${pending.status === 'REQUESTED' ? 'with the Interest Group Coordination Committee' : pending.status === 'RECOMMENDED' ? 'with the Core Board' : 'decided'} (filed ${formatDate(localDate(pending.requestedAt, deps.zone))}).`);
  const people = await resolvePeople(deps.prisma, await currentConveners(deps.prisma, group.id, localDate(deps.clock(), deps.zone)));
  const conveners = people.map((p) => p.name ?? (p.slackUserId ? `<@${p.slackUserId}>` : '')).filter(Boolean).join(', ');
  return { group, facts, record: await activityRecord(deps, group), conveners };
}

/** `/ig renew [group]`. */
export async function entry(deps: Deps, userId: string, args: string): Promise<RenewForm> {
  if (args.trim()) return renewForm(deps, userId, (await resolveGroup(deps.prisma, { query: args })).id);
  const managed = await groupsToManage(deps, userId);
  const kinds = await lifecycleKinds(deps.prisma);
  const groups = managed.filter((g) => hasLifecycleDuty(g.kind, kinds));
  if (groups.length === 1) return renewForm(deps, userId, groups[0]!.id);
  if (groups.length > 1) throw new UserError(`Which group? \`/ig renew <group>\`. You can request renewal for: ${groups.slice(0, 20).map((g) => `*${escapeMrkdwn(g.name)}*`).join(', ')}.`);
  if (managed.length > 0) renewingGroup(managed[0]!, kinds);
  throw new UserError("Charter renewal is requested by a group's conveners, and you don't convene a group. `/ig conveners <group>` shows who does.");
}

const text = (label: string, max: number, required = true) =>
  required ? z.string({ error: `Give the ${label}.` }).trim().min(1, `Give the ${label}.`).max(max, `Keep the ${label} under ${max.toLocaleString('en-US')} characters.`) : z.string().trim().max(max, `Keep the ${label} under ${max.toLocaleString('en-US')} characters.`).default('');
const RenewSchema = z.object({
  activities: text('activities since the last charter', 2900),
  deliverables: text('deliverables', 2900),
  conveners: text('conveners for the coming term', 1000),
  plans: text('plans', 2900),
  other: text('anything else', 2900, false),
});

export async function requestRenewal(deps: Deps, actor: string, groupId: number, values: Record<string, unknown>) {
  const parsed = RenewSchema.safeParse(values);
  if (!parsed.success) throw zodFieldErrors(parsed.error);
  const form = await renewForm(deps, actor, groupId);
  const at = deps.clock();
  const row = await deps.prisma.$transaction(async (tx) => {
    if (await store.openRenewal(tx, groupId)) throw new UserError(`A renewal request for *${escapeMrkdwn(form.group.name)}* was filed a moment ago.`);
    const r = await store.createRenewal(tx, { groupId, ...parsed.data, requestedBy: actor, requestedAt: at });
    await audit(tx, { actor, action: 'charter.renewal_requested', subjectType: 'group', subjectId: groupId, details: { renewalId: r.id, dueOn: form.facts.dueOn } });
    return r;
  });
  return (await store.renewal(deps.prisma, row.id))!;
}

// ---------------------------------------------------------------------------
// The IGCC recommends, the board decides

async function find(deps: Deps, id: number): Promise<Renewal> {
  const r = Number.isSafeInteger(id) ? await store.renewal(deps.prisma, id) : null;
  if (!r) throw new UserError('That renewal request no longer exists.');
  return r;
}

function parsed(value: string): { id: number; choice: Choice } {
  const p = parseChoice(value);
  if (!p) throw new UserError('This button is out of date.');
  return p;
}

const STATUS_WORDS: Record<Renewal['status'], string> = {
  REQUESTED: 'waiting for the Interest Group Coordination Committee',
  RECOMMENDED: 'waiting for the Core Board',
  CONTINUED: 'decided: the group continues',
  DISSOLVE_DECIDED: 'decided: the group is to be dissolved',
  WITHDRAWN: 'withdrawn',
};

async function recommendable(deps: Deps, actor: string, id: number): Promise<Renewal> {
  const r = await find(deps, id);
  await requireRole(deps.prisma, actor, 'IGCC', 'recommend on charter renewals');
  if (r.status !== 'REQUESTED') throw new UserError(`The renewal request for *${escapeMrkdwn(r.group.name)}* is ${STATUS_WORDS[r.status]}; there is nothing to recommend.`);
  return r;
}

async function decidable(deps: Deps, actor: string, id: number): Promise<Renewal> {
  const r = await find(deps, id);
  await requireRole(deps.prisma, actor, 'BOARD', 'decide charter renewals');
  if (r.status !== 'RECOMMENDED') throw new UserError(`The renewal request for *${escapeMrkdwn(r.group.name)}* is ${STATUS_WORDS[r.status]}; there is nothing to decide.`);
  return r;
}

export async function recommendForm(deps: Deps, actor: string, value: string) {
  const { id, choice } = parsed(value);
  return { renewal: await recommendable(deps, actor, id), choice };
}

export async function decideForm(deps: Deps, actor: string, value: string) {
  const { id, choice } = parsed(value);
  return { renewal: await decidable(deps, actor, id), choice };
}

const ReasonSchema = z.object({ reason: z.string({ error: 'Give the reason.' }).trim().min(1, 'Give the reason.').max(2000, 'Keep the reason under 2,000 characters.') });

export async function recommend(deps: Deps, actor: string, id: number, choice: Choice, values: Record<string, unknown>): Promise<Renewal> {
  const r = await recommendable(deps, actor, id);
  const reason = ReasonSchema.safeParse(values);
  if (!reason.success) throw zodFieldErrors(reason.error);
  const done = await deps.prisma.$transaction(async (tx) => {
    if (!(await store.recommend(tx, r.id, choice, reason.data.reason, actor, deps.clock()))) return false;
    await audit(tx, { actor, action: 'charter.renewal_recommended', subjectType: 'group', subjectId: r.groupId, details: { renewalId: r.id, recommendation: choice, reason: reason.data.reason } });
    return true;
  });
  if (!done) throw new UserError(`Someone recommended on *${escapeMrkdwn(r.group.name)}* first.`);
  return (await store.renewal(deps.prisma, r.id))!;
}

export async function decide(deps: Deps, actor: string, id: number, choice: Choice, values: Record<string, unknown>): Promise<Renewal> {
  const r = await decidable(deps, actor, id);
  const reason = ReasonSchema.safeParse(values);
  if (!reason.success) throw zodFieldErrors(reason.error);
  const at = deps.clock();
  const done = await deps.prisma.$transaction(async (tx) => {
    if (!(await store.decide(tx, r.id, choice === 'continue' ? 'CONTINUED' : 'DISSOLVE_DECIDED', reason.data.reason, actor, at))) return false;
    if (choice === 'continue') await store.renewCharter(tx, r.groupId, dateOnly(localDate(at, deps.zone)));
    await audit(tx, { actor, action: choice === 'continue' ? 'charter.renewed' : 'charter.dissolve_decided', subjectType: 'group', subjectId: r.groupId, details: { renewalId: r.id, reason: reason.data.reason, recommendation: r.recommendation } });
    return true;
  });
  if (!done) throw new UserError(`Someone decided on *${escapeMrkdwn(r.group.name)}* first.`);
  return (await store.renewal(deps.prisma, r.id))!;
}

/** Who reviews at each step: the committee's members by DM, or staff when it has none. */
export function igccRecipients(deps: Deps) {
  return roleRecipients(deps.prisma, 'IGCC');
}

export function boardRecipients(deps: Deps) {
  return roleRecipients(deps.prisma, 'BOARD');
}

/** The group's conveners (DM) and its channel. */
export async function groupAudience(deps: Deps, group: Pick<Group, 'id' | 'channelId'>): Promise<string[]> {
  const conveners = await currentConveners(deps.prisma, group.id, localDate(deps.clock(), deps.zone));
  const ids = [...new Set(conveners.flatMap((c) => (c.slackUserId ? [c.slackUserId] : [])))];
  return group.channelId ? [...ids, group.channelId] : ids;
}

export { recordLines };
export type { WebClient };
