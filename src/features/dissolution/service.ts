// Dissolution use cases: dissolve a group (automatically at its deadline, or by a board
// decision), and reinstate it within 90 days. Dissolution deletes nothing: members, convener
// terms and the channel stay, so reinstatement restores the group as it was.
import { z } from 'zod';
import type { WebClient } from '@slack/web-api';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { audit } from '../../db/audit.js';
import { UserError } from '../../lib/slack/errors.js';
import { escapeMrkdwn } from '../../lib/slack/text.js';
import { type Clock, formatDate } from '../../lib/time.js';
import { lifecycleKinds, requireRole } from '../admin/service.js';
import { recordActivity } from '../charters/store.js';
import { tellStaff } from '../conveners/service.js';
import { matchGroup } from '../directory/rules.js';
import { causeText, dissolutionDue, type DissolutionCause, isDue, mayReinstate, reinstatableUntil, WARNING_DAYS, WARNING_RULE_ID, warningSubject } from './rules.js';

const LAST_WARNING_DAYS = Math.min(...WARNING_DAYS);
import * as store from './store.js';
import * as views from './views.js';

export interface DissolutionDeps {
  prisma: PrismaClient;
  client: WebClient;
  zone: string;
  clock: Clock;
  logger: { error(...msg: unknown[]): void; warn(...msg: unknown[]): void };
}

function slackError(error: unknown): string {
  return (error as { data?: { error?: string } }).data?.error ?? (error instanceof Error ? error.message : String(error));
}

/** A channel call that may be refused (not_in_channel, restricted_action, …): logged and reported, never thrown. */
async function channelCall(deps: DissolutionDeps, channelId: string | null, doing: string, call: (channel: string) => Promise<unknown>, ok: string[] = []): Promise<views.ChannelResult> {
  if (!channelId) return { kind: 'none' };
  try {
    await call(channelId);
    return { kind: 'done', channelId };
  } catch (error) {
    const reason = slackError(error);
    if (ok.includes(reason)) return { kind: 'done', channelId };
    deps.logger.warn(`dissolution: could not ${doing} ${channelId}: ${reason}`);
    return { kind: 'failed', channelId, reason };
  }
}

async function post(deps: DissolutionDeps, channel: string, msg: { text: string; blocks?: unknown[] }): Promise<boolean> {
  try {
    await deps.client.chat.postMessage({ channel, text: msg.text, ...(msg.blocks ? { blocks: msg.blocks as never } : {}) });
    return true;
  } catch (error) {
    deps.logger.warn(`dissolution: could not post to ${channel}: ${slackError(error)}`);
    return false;
  }
}

export interface DissolveOptions {
  /** For the deadline engine: dissolve only if the rule still says the group is due (for this cause) at the instant it runs. */
  onlyIfDue?: DissolutionCause;
}

/**
 * Dissolves a group: status DISSOLVED, dissolvedAt, dissolvedReason, audited with the state
 * before (members, conveners, channel). Decided by the database: the group row is locked and
 * the update is conditional (ACTIVE → DISSOLVED), so two processes or a repeated call dissolve
 * it once. Then, outside the transaction: one DM per member, the channel announced and archived
 * (a refusal is logged and reported to staff), staff told. Returns null when nothing changed
 * (already dissolved, or no longer due).
 */
export async function dissolveGroup(deps: DissolutionDeps, groupId: number, reason: string, by: string, opts: DissolveOptions = {}): Promise<views.DissolvedReport | null> {
  const now = deps.clock();
  const done = await deps.prisma.$transaction(async (tx) => {
    const group = await store.lockedGroup(tx, groupId);
    if (!group) throw new UserError('That group no longer exists.');
    if (group.status !== 'ACTIVE') {
      if (opts.onlyIfDue) return null;
      throw new UserError(`*${escapeMrkdwn(group.name)}* is not active (it is ${group.status.toLowerCase()}), so it can't be dissolved.`);
    }
    if (opts.onlyIfDue) {
      const due = dissolutionDue(group, deps.zone, { renewalPending: group.renewalPending, kinds: await lifecycleKinds(tx) });
      if (!isDue(due, now) || due.cause !== opts.onlyIfDue) return null;
      // Never without warning: a deadline that passed before the engine could warn (a group imported
      // or found already overdue) waits for staff, who see it in the compliance view.
      if (!(await store.warningRecorded(tx, WARNING_RULE_ID, warningSubject(groupId, due, LAST_WARNING_DAYS, 'conveners')))) return null;
    }
    const before = await store.snapshot(tx, groupId);
    if (!(await store.markDissolved(tx, groupId, now, reason))) return null;
    await audit(tx, {
      actor: by,
      action: 'group.dissolved',
      subjectType: 'group',
      subjectId: groupId,
      details: {
        reason,
        at: now.toISOString(),
        before: {
          status: group.status,
          channelId: group.channelId,
          members: before.members,
          conveners: before.conveners.map((c) => ({ id: c.id, slackUserId: c.slackUserId, email: c.email, startsOn: c.startsOn.toISOString().slice(0, 10), endsOn: c.endsOn.toISOString().slice(0, 10) })),
        },
      },
    });
    return { group, members: before.members };
  });
  if (!done) return null;

  const { group, members } = done;
  let told = 0;
  for (const userId of members) if (await post(deps, userId, views.memberNotice(group, reason, now, deps.zone))) told++;
  if (group.channelId) await post(deps, group.channelId, views.channelAnnouncement(group, reason, now, deps.zone));
  const channel = await channelCall(deps, group.channelId, 'archive', (c) => deps.client.conversations.archive({ channel: c }), ['already_archived']);
  const report: views.DissolvedReport = { group, reason, at: now, membersTold: told, membersNotTold: members.length - told, channel };
  await tellStaff(deps.prisma, deps.client, views.staffDissolved(report, deps.zone), deps.logger);
  return report;
}

/** The deadline engine's transition: every group whose dissolution is due at `now`, dissolved once. */
export async function dissolveDue(deps: DissolutionDeps): Promise<number[]> {
  const now = deps.clock();
  const dissolved: number[] = [];
  const kinds = await lifecycleKinds(deps.prisma);
  for (const g of await store.dissolvableGroups(deps.prisma, kinds)) {
    const due = dissolutionDue(g, deps.zone, { renewalPending: g.renewalPending, kinds });
    if (!isDue(due, now)) continue;
    try {
      if (await dissolveGroup(deps, g.id, causeText(due.cause), 'system', { onlyIfDue: due.cause })) dissolved.push(g.id);
    } catch (error) {
      deps.logger.error(`dissolution: could not dissolve group #${g.id}:`, error);
    }
  }
  return dissolved;
}

// ---------------------------------------------------------------------------
// Reinstatement (staff)

async function dissolvedByName(prisma: PrismaClient, query: string) {
  if (!query.trim()) throw new UserError('Name the dissolved group, e.g. `/ig admin reinstate open data`.');
  const match = matchGroup(query, await store.dissolvedGroupNames(prisma));
  if (match.kind === 'none') throw new UserError(`No dissolved group matches "${escapeMrkdwn(query)}".`);
  if (match.kind === 'many') throw new UserError(`"${escapeMrkdwn(query)}" matches several dissolved groups; which one?\n${match.candidates.slice(0, 10).map((g) => `• ${escapeMrkdwn(g.name)}`).join('\n')}`);
  return (await store.dissolvedGroup(prisma, match.group.id))!;
}

function refuseIfTooLate(group: { name: string; dissolvedAt: Date | null }, now: Date, zone: string): Date {
  const at = group.dissolvedAt ?? now;
  if (!mayReinstate(at, now, zone)) {
    throw new UserError(`*${escapeMrkdwn(group.name)}* can no longer be reinstated: it was dissolved on ${formatDate(at.toISOString().slice(0, 10))} and the 90 days ended on ${formatDate(reinstatableUntil(at, zone))}. Ask the group to petition again.`);
  }
  return at;
}

/** `/ig admin reinstate <group>`: the question, with what reinstating restores. */
export async function reinstatePrompt(deps: DissolutionDeps, actor: string, query: string) {
  await requireRole(deps.prisma, actor, 'STAFF', 'reinstate a group');
  const group = await dissolvedByName(deps.prisma, query);
  const at = refuseIfTooLate(group, deps.clock(), deps.zone);
  const members = (await store.memberIds(deps.prisma, group.id)).length;
  return views.reinstateQuestion({ ...group, dissolvedAt: at }, members, reinstatableUntil(at, deps.zone), deps.zone);
}

const GroupId = z.coerce.number().int().positive();

/** Restores a dissolved group as it was; the inactivity clock restarts. Audited. */
export async function reinstateGroup(deps: DissolutionDeps, actor: string, rawId: unknown) {
  await requireRole(deps.prisma, actor, 'STAFF', 'reinstate a group');
  const parsed = GroupId.safeParse(rawId);
  if (!parsed.success) throw new UserError('That group no longer exists.');
  const now = deps.clock();
  const group = await deps.prisma.$transaction(async (tx) => {
    const g = await store.lockedGroup(tx, parsed.data);
    if (!g) throw new UserError('That group no longer exists.');
    if (g.status !== 'DISSOLVED') throw new UserError(`*${escapeMrkdwn(g.name)}* is not dissolved, so there is nothing to reinstate.`);
    refuseIfTooLate(g, now, deps.zone);
    if (!(await store.markReinstated(tx, g.id))) throw new UserError(`*${escapeMrkdwn(g.name)}* is not dissolved, so there is nothing to reinstate.`);
    await recordActivity(tx, g.id, now);
    await audit(tx, { actor, action: 'group.reinstated', subjectType: 'group', subjectId: g.id, details: { dissolvedAt: g.dissolvedAt?.toISOString() ?? null, dissolvedReason: g.dissolvedReason, at: now.toISOString() } });
    return g;
  });
  const channel = await channelCall(deps, group.channelId, 'unarchive', (c) => deps.client.conversations.unarchive({ channel: c }), ['not_archived']);
  if (channel.kind === 'done') await post(deps, channel.channelId, views.channelReinstated(group));
  return { group, channel };
}
