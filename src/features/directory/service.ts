// Directory use cases: search, details, join and leave.
import type { WebClient } from '@slack/web-api';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { audit, isUniqueViolation } from '../../db/audit.js';
import { UserError } from '../../lib/slack/errors.js';
import { personFromText } from '../../lib/slack/people.js';
import { escapeMrkdwn } from '../../lib/slack/text.js';
import { type Clock, localDate } from '../../lib/time.js';
import { isStaff, lifecycleKinds } from '../admin/service.js';
import { identify, resolvePeople } from '../people/service.js';
import { findPerson } from '../people/store.js';
import { accepted as acceptedProposals } from '../proposals/store.js';
import { dissolvedGroupNames } from '../dissolution/store.js';
import { dissolvedNotice } from '../dissolution/views.js';
import { charterDueOn, renewalOpen } from '../charters/rules.js';
import { hasLifecycleDuty } from './kinds.js';
import { matchGroup, mayJoin, PAGE_SIZE, pageCount, searchWords } from './rules.js';
import * as store from './store.js';

export interface DirectoryDeps {
  prisma: PrismaClient;
  clock: Clock;
  orgTimezone: string;
}

/** A group named by the user (loosely) or by id (from a button). */
export type GroupRef = { query: string } | { id: number };

export async function resolveGroup(prisma: PrismaClient, ref: GroupRef, zone = 'UTC') {
  if ('id' in ref) {
    const group = await store.groupById(prisma, ref.id);
    if (group?.status === 'DISSOLVED') throw new UserError(dissolvedNotice(group, zone));
    if (!group || group.status !== 'ACTIVE') throw new UserError('That group no longer exists in the directory.');
    return group;
  }
  if (!ref.query.trim()) throw new UserError('Name a group, e.g. `/ig info data and measurement`. `/ig list` shows them all.');
  const match = matchGroup(ref.query, await store.activeGroupNames(prisma));
  if (match.kind === 'none') {
    // A dissolved group has left the directory: say so (and when) rather than "no such group".
    const gone = matchGroup(ref.query, await dissolvedGroupNames(prisma));
    if (gone.kind === 'one') throw new UserError(dissolvedNotice((await store.groupById(prisma, gone.group.id))!, zone));
    throw new UserError(`No group matches "${escapeMrkdwn(ref.query)}". Try \`/ig list ${escapeMrkdwn(ref.query)}\` to search names and descriptions.`);
  }
  if (match.kind === 'many') {
    const names = match.candidates.slice(0, 10).map((g) => `• ${escapeMrkdwn(g.name)}`);
    const more = match.candidates.length > 10 ? `\n…and ${match.candidates.length - 10} more.` : '';
    throw new UserError(`"${escapeMrkdwn(ref.query)}" matches several groups; which one?\n${names.join('\n')}${more}`);
  }
  return (await store.groupById(prisma, match.group.id))!;
}

export async function listGroups(prisma: PrismaClient, query: string, page: number) {
  const words = searchWords(query);
  const first = await store.search(prisma, words, 0, 0);
  const pages = pageCount(first.total);
  const current = Math.min(Math.max(1, page), pages);
  const { total, groups } = await store.search(prisma, words, (current - 1) * PAGE_SIZE, PAGE_SIZE);
  return { query: words.join(' '), page: current, pages, total, groups };
}

export async function groupInfo(deps: DirectoryDeps, ref: GroupRef, viewerId: string) {
  const group = await resolveGroup(deps.prisma, ref, deps.orgTimezone);
  const today = localDate(deps.clock(), deps.orgTimezone);
  const [conveners, member, staff, accepted] = await Promise.all([
    store.currentConveners(deps.prisma, group.id, today),
    store.membership(deps.prisma, group.id, viewerId),
    isStaff(deps.prisma, viewerId),
    acceptedProposals(deps.prisma, group.id),
  ]);
  const convener = conveners.some((c) => c.slackUserId === viewerId);
  // The liaison as a Slack user when staff linked one; else the free text staff typed.
  const liaison = group.staffLiaisonUserId
    ? { slackUserId: group.staffLiaisonUserId, email: null, name: group.staffLiaison ? personFromText(group.staffLiaison).name : null }
    : group.staffLiaison
      ? personFromText(group.staffLiaison)
      : null;
  const shown = await resolvePeople(deps.prisma, [...conveners, ...(liaison ? [liaison] : [])]);
  return { group, conveners: shown.slice(0, conveners.length), liaison: liaison ? shown.at(-1)! : null, memberCount: group._count.members, isMember: Boolean(member), canEdit: staff, canSetChannel: staff || convener, canInvite: staff || convener || Boolean(member), acceptedProposals: accepted, zone: deps.orgTimezone, ...(hasLifecycleDuty(group.kind, await lifecycleKinds(deps.prisma)) ? { charter: { dueOn: charterDueOn(group, deps.orgTimezone), canRenew: (staff || convener) && renewalOpen(group, deps.orgTimezone, deps.clock()) } } : {}) };
}

export type ChannelOutcome = { kind: 'none' } | { kind: 'done'; channelId: string } | { kind: 'failed'; channelId: string; reason: string };

export async function join(deps: DirectoryDeps, client: WebClient, userId: string, ref: GroupRef) {
  const group = await resolveGroup(deps.prisma, ref, deps.orgTimezone);
  const who = await identify(deps.prisma, client, userId);
  const decision = mayJoin(group.eligibility, who.roster, escapeMrkdwn(group.name));
  if (!decision.allowed) throw new UserError(decision.reason);
  try {
    await deps.prisma.$transaction(async (tx) => {
      await store.addMember(tx, group.id, userId);
      await audit(tx, { actor: userId, action: 'group.joined', subjectType: 'group', subjectId: group.id });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new UserError(`You're already a member of *${escapeMrkdwn(group.name)}*.`);
    throw error;
  }
  const channel = group.channelId ? await inviteToChannel(client, group.channelId, userId) : ({ kind: 'none' } as const);
  return { group, channel };
}

export async function leave(deps: DirectoryDeps, client: WebClient, userId: string, ref: GroupRef) {
  const group = await resolveGroup(deps.prisma, ref, deps.orgTimezone);
  const removed = await deps.prisma.$transaction(async (tx) => {
    const gone = await store.removeMember(tx, group.id, userId);
    if (gone) await audit(tx, { actor: userId, action: 'group.left', subjectType: 'group', subjectId: group.id });
    return gone;
  });
  if (!removed) throw new UserError(`You aren't a member of *${escapeMrkdwn(group.name)}*, so there is nothing to leave.`);
  const channel = group.channelId ? await removeFromChannel(client, group.channelId, userId) : ({ kind: 'none' } as const);
  return { group, channel };
}

function slackError(error: unknown): string {
  return (error as { data?: { error?: string } }).data?.error ?? (error instanceof Error ? error.message : String(error));
}

async function inviteToChannel(client: WebClient, channel: string, user: string): Promise<ChannelOutcome> {
  try {
    await client.conversations.invite({ channel, users: user });
    return { kind: 'done', channelId: channel };
  } catch (error) {
    const reason = slackError(error);
    if (reason === 'already_in_channel') return { kind: 'done', channelId: channel };
    if (reason === 'not_in_channel') {
      // The app must be in a channel to invite people; public channels it can join itself.
      try {
        await client.conversations.join({ channel });
        await client.conversations.invite({ channel, users: user });
        return { kind: 'done', channelId: channel };
      } catch (retry) {
        return { kind: 'failed', channelId: channel, reason: slackError(retry) };
      }
    }
    return { kind: 'failed', channelId: channel, reason };
  }
}

async function removeFromChannel(client: WebClient, channel: string, user: string): Promise<ChannelOutcome> {
  try {
    await client.conversations.kick({ channel, user });
    return { kind: 'done', channelId: channel };
  } catch (error) {
    const reason = slackError(error);
    if (reason === 'not_in_channel') return { kind: 'done', channelId: channel };
    return { kind: 'failed', channelId: channel, reason };
  }
}

/** For the App Home: the user's groups, marking the ones they convene. */
export async function myGroups(deps: DirectoryDeps, userId: string) {
  const person = await findPerson(deps.prisma, userId);
  const today = localDate(deps.clock(), deps.orgTimezone);
  const [memberships, convened] = await Promise.all([
    store.groupsOf(deps.prisma, userId),
    store.convenedGroupIds(deps.prisma, userId, person?.email ?? null, today),
  ]);
  return memberships.map((m) => ({ group: m.group, convener: convened.includes(m.group.id) }));
}
