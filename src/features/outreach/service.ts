// Feedback to a group's staff liaison, and inviting colleagues to join a group. Audited.
import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Group, PrismaClient } from '../../generated/prisma/client.js';
import { audit } from '../../db/audit.js';
import { slackError } from '../../lib/slack/channels.js';
import { FieldErrors, UserError, zodFieldErrors } from '../../lib/slack/errors.js';
import { escapeMrkdwn } from '../../lib/slack/text.js';
import type { Clock } from '../../lib/time.js';
import { requireRole } from '../admin/service.js';
import { activeGroup, standing, tellStaff } from '../conveners/service.js';
import { type GroupRef, resolveGroup } from '../directory/service.js';
import { membership } from '../directory/store.js';
import { FEEDBACK_MAX, FEEDBACK_PAGE_SIZE, INVITE_LIMIT, INVITE_USAGE, type InviteSummary, pageBounds, parseInviteArgs, reinviteCutoff, TOPIC_MAX } from './rules.js';
import * as store from './store.js';
import * as views from './views.js';

export interface OutreachDeps {
  prisma: PrismaClient;
  clock: Clock;
  zone: string;
  client: WebClient;
  logger: Logger;
}

// ---------------------------------------------------------------------------
// Feedback

/** `/ig feedback <group>`: the group whose liaison the form writes to. */
export async function feedbackGroup(deps: OutreachDeps, query: string): Promise<Group> {
  if (!query.trim()) throw new UserError('Name the group, e.g. `/ig feedback data and measurement`. `/ig list` shows them all.');
  return resolveGroup(deps.prisma, { query });
}

const FeedbackForm = z.object({
  message: z
    .string({ error: 'Write your feedback.' })
    .trim()
    .min(1, 'Write your feedback.')
    .max(FEEDBACK_MAX, `Keep your feedback under ${FEEDBACK_MAX.toLocaleString('en-US')} characters.`),
  topic: z.string().trim().max(TOPIC_MAX, `Keep the topic under ${TOPIC_MAX} characters.`).optional(),
});

export interface SentFeedback {
  group: Group;
  feedback: { id: number; senderId: string; topic: string | null; message: string; liaisonId: string | null; createdAt: Date };
  senderIsMember: boolean;
}

export async function sendFeedback(deps: OutreachDeps, senderId: string, groupId: number, values: Record<string, unknown>): Promise<SentFeedback> {
  const parsed = FeedbackForm.safeParse(values);
  if (!parsed.success) throw zodFieldErrors(parsed.error);
  const group = await activeGroup(deps, groupId);
  const liaisonId = group.staffLiaisonUserId;
  const feedback = await deps.prisma.$transaction(async (tx) => {
    const row = await store.createFeedback(tx, { groupId: group.id, senderId, topic: parsed.data.topic || null, message: parsed.data.message, liaisonId, createdAt: deps.clock() });
    await audit(tx, { actor: senderId, action: 'feedback.sent', subjectType: 'group', subjectId: group.id, details: { feedbackId: row.id, to: liaisonId ?? 'staff' } });
    return row;
  });
  return { group, feedback, senderIsMember: Boolean(await membership(deps.prisma, group.id, senderId)) };
}

/** After the ack: a DM to the liaison; staff (channel or DMs) when there is none or Slack refuses the DM. */
export async function deliverFeedback(deps: OutreachDeps, sent: SentFeedback): Promise<void> {
  const liaisonId = sent.feedback.liaisonId;
  if (liaisonId) {
    try {
      await deps.client.chat.postMessage({ channel: liaisonId, ...views.feedbackMessage(sent, 'liaison') } as never);
      return;
    } catch (error) {
      deps.logger.error(`outreach: could not DM the liaison ${liaisonId} (${slackError(error)}); telling staff instead`);
    }
  }
  const told = await tellStaff(deps.prisma, deps.client, views.feedbackMessage(sent, liaisonId ? 'unreachable-liaison' : 'staff'), deps.logger);
  if (!told) deps.logger.error(`outreach: feedback ${sent.feedback.id} reached nobody; it is stored for /ig admin feedback`);
}

/** `/ig admin feedback [group]` and its pages: staff only. */
export async function listFeedback(deps: OutreachDeps, actor: string, ref: GroupRef | undefined, page: number) {
  await requireRole(deps.prisma, actor, 'STAFF', 'read the feedback members sent');
  const group = ref ? await resolveGroup(deps.prisma, ref) : undefined;
  const first = await store.feedbackPage(deps.prisma, group?.id, 0, 0);
  const bounds = pageBounds(first.total, page);
  const { total, rows } = await store.feedbackPage(deps.prisma, group?.id, bounds.skip, FEEDBACK_PAGE_SIZE);
  return { group: group ?? null, total, rows, page: bounds.page, pages: bounds.pages, zone: deps.zone };
}

// ---------------------------------------------------------------------------
// Invitations

/** Members of the group, its conveners and staff may invite colleagues to it. */
export async function requireMayInvite(deps: OutreachDeps, userId: string, group: Pick<Group, 'id' | 'name'>): Promise<void> {
  if (await membership(deps.prisma, group.id, userId)) return;
  const s = await standing({ prisma: deps.prisma, clock: deps.clock, zone: deps.zone }, userId);
  if (s.staff || s.convened.includes(group.id)) return;
  const name = escapeMrkdwn(group.name);
  throw new UserError(`Only members of *${name}*, its conveners and staff can invite colleagues to it. \`/ig join ${name}\` first.`);
}

/** `/ig invite <group> @colleague…`: the group and the people; no people means "open the form". */
export async function parseInvite(deps: OutreachDeps, inviterId: string, args: string): Promise<{ group: Group; userIds: string[] }> {
  const parsed = parseInviteArgs(args);
  if (!parsed.query) throw new UserError(`Usage: ${INVITE_USAGE}`);
  if (parsed.stray.length) throw new UserError(`Mention each colleague with @ (I couldn't read ${parsed.stray.slice(0, 3).map((w) => `"${escapeMrkdwn(w)}"`).join(', ')}). ${INVITE_USAGE}`);
  if (parsed.userIds.length > INVITE_LIMIT) throw new UserError(`You can invite at most ${INVITE_LIMIT} colleagues at a time (you named ${parsed.userIds.length}).`);
  const group = await resolveGroup(deps.prisma, { query: parsed.query });
  await requireMayInvite(deps, inviterId, group);
  return { group, userIds: parsed.userIds };
}

/** The invite form's people, checked on the field. */
export function invitedFromForm(values: Record<string, unknown>): string[] {
  const ids = Array.isArray(values.colleagues) ? [...new Set(values.colleagues.map(String))] : [];
  if (ids.length === 0) throw new FieldErrors({ colleagues: 'Choose at least one colleague.' });
  if (ids.length > INVITE_LIMIT) throw new FieldErrors({ colleagues: `Choose at most ${INVITE_LIMIT} colleagues at a time.` });
  return ids;
}

/**
 * Invites each colleague once: members, people who opted out and people invited to the group
 * within 30 days are skipped; the database decides the 30 days, so concurrent invitations of
 * one person send one message.
 */
export async function invite(deps: OutreachDeps, inviterId: string, group: Group, userIds: string[]): Promise<{ group: Group; summary: InviteSummary }> {
  const others = [...new Set(userIds)].filter((id) => id !== inviterId);
  if (others.length > INVITE_LIMIT) throw new UserError(`You can invite at most ${INVITE_LIMIT} colleagues at a time.`);
  const summary: InviteSummary = { invited: [], members: [], recent: [], optedOut: [], unreachable: [], self: others.length < new Set(userIds).size };
  const [members, optedOut] = await Promise.all([store.membersAmong(deps.prisma, group.id, others), store.optedOutAmong(deps.prisma, others)]);
  summary.members = others.filter((id) => members.includes(id));
  summary.optedOut = others.filter((id) => optedOut.includes(id) && !members.includes(id));
  const message = views.invitationMessage(group, inviterId);
  for (const inviteeId of others.filter((id) => !members.includes(id) && !optedOut.includes(id))) {
    const now = deps.clock();
    const claimed = await deps.prisma.$transaction(async (tx) => {
      const ok = await store.claimInvitation(tx, { groupId: group.id, inviteeId, inviterId, now, cutoff: reinviteCutoff(now) });
      if (ok) await audit(tx, { actor: inviterId, action: 'group.invited', subjectType: 'group', subjectId: group.id, details: { invitee: inviteeId } });
      return ok;
    });
    if (!claimed) {
      summary.recent.push(inviteeId);
      continue;
    }
    try {
      await deps.client.chat.postMessage({ channel: inviteeId, ...message } as never);
      summary.invited.push(inviteeId);
    } catch (error) {
      deps.logger.error(`outreach: could not send ${inviteeId} an invitation to group ${group.id}: ${slackError(error)}`);
      await deps.prisma.$transaction(async (tx) => {
        await store.releaseInvitation(tx, group.id, inviteeId, now);
        await audit(tx, { actor: inviterId, action: 'group.invite_undelivered', subjectType: 'group', subjectId: group.id, details: { invitee: inviteeId, reason: slackError(error) } });
      });
      summary.unreachable.push(inviteeId);
    }
  }
  return { group, summary };
}

/** "Don't invite me again": stored; nobody invites this person to any group after that. */
export async function optOut(deps: OutreachDeps, userId: string, groupId: number): Promise<void> {
  await deps.prisma.$transaction(async (tx) => {
    if (await store.addOptOut(tx, userId, groupId, deps.clock())) {
      await audit(tx, { actor: userId, action: 'invitations.opted_out', subjectType: 'person', subjectId: userId, details: { groupId } });
    }
  });
}
