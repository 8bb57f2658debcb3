// Directory messages: pure Block Kit builders.
import type { Group } from '../../generated/prisma/client.js';
import { type Block, type Reply, actions, button, context, divider, fields, header, section } from '../../lib/slack/blocks.js';
import { personMrkdwn, type ShownPerson } from '../../lib/slack/people.js';
import { escapeMrkdwn, mentionChannel, plural, truncate } from '../../lib/slack/text.js';
import { formatDate } from '../../lib/time.js';
import { GroupIds } from '../groups/ids.js';
import { OutreachIds } from '../outreach/ids.js';
import { acceptedText } from '../proposals/views.js';
import { lastActivityText, renewButton } from '../charters/views.js';
import { DirectoryIds } from './ids.js';
import { ELIGIBILITY_LABELS, KIND_LABELS } from './rules.js';
import type { ChannelOutcome } from './service.js';

type ListedGroup = Group & { _count: { members: number } };

export interface PageState {
  q: string;
  p: number;
}

export function listReply(data: { query: string; page: number; pages: number; total: number; groups: ListedGroup[] }): Reply {
  const what = data.query ? `matching "${escapeMrkdwn(data.query)}"` : 'in the directory';
  if (data.total === 0) {
    return {
      text: `No groups ${what}.`,
      blocks: [section(`No groups ${what}. Try fewer or other words, or \`/ig list\` for every group.`)],
    };
  }
  const blocks: Block[] = [section(`*${plural(data.total, 'group')} ${what}* (page ${data.page} of ${data.pages})`)];
  for (const g of data.groups) {
    blocks.push(
      section(
        `*${escapeMrkdwn(g.name)}*\n${KIND_LABELS[g.kind]} · ${plural(g._count.members, 'member')}\n${escapeMrkdwn(truncate(g.description, 180))}`,
        { block_id: `group-${g.id}`, accessory: button('Details', DirectoryIds.info, String(g.id)) },
      ),
    );
  }
  const nav: Block[] = [];
  if (data.page > 1) nav.push(button('Previous', `${DirectoryIds.page}.prev`, JSON.stringify({ q: data.query, p: data.page - 1 } satisfies PageState)));
  if (data.page < data.pages) nav.push(button('Next', `${DirectoryIds.page}.next`, JSON.stringify({ q: data.query, p: data.page + 1 } satisfies PageState)));
  if (nav.length) blocks.push(actions(nav, 'directory-nav'));
  blocks.push(context('`/ig info <group>` for details · `/ig join <group>` to join'));
  return { text: `${plural(data.total, 'group')} ${what}`, blocks };
}

export interface InfoData {
  group: ListedGroup;
  conveners: ShownPerson[];
  /** The staff liaison as a person (a mention when their email is linked to Slack). */
  liaison: ShownPerson | null;
  memberCount: number;
  isMember: boolean;
  /** Staff: an Edit button (description, liaison, level). */
  canEdit?: boolean;
  /** Staff and the group's conveners: how to give the group a channel when it has none. */
  canSetChannel?: boolean;
  /** Members, conveners and staff: an "Invite colleagues" button. */
  canInvite?: boolean;
  /** Accepted program and course proposals, newest first (the group's record); shown when there are any. */
  acceptedProposals?: { title: string; callKey: string; decidedAt: Date | null }[];
  /** The org zone, for the last activity's date. */
  zone?: string;
  /** Groups that renew a charter: when it is due, and whether the viewer may request renewal now. */
  charter?: { dueOn: string; canRenew: boolean };
}

export function infoReply(data: InfoData): Reply {
  const g = data.group;
  const level = g.level ? (g.level === 'DIVISION' ? 'Division' : 'Section') : '—';
  const blocks: Block[] = [
    header(g.name),
    section(g.description ? escapeMrkdwn(g.description) : '_No statement of purpose yet._'),
    fields([
      `*Kind*\n${KIND_LABELS[g.kind]}`,
      `*Level*\n${level}`,
      `*Conveners*\n${data.conveners.length ? data.conveners.map(personMrkdwn).join(', ') : '_none recorded_'}`,
      `*Staff liaison*\n${data.liaison ? personMrkdwn(data.liaison) : '—'}`,
      `*Channel*\n${g.channelId ? mentionChannel(g.channelId) : '—'}`,
      `*Members*\n${data.memberCount}`,
      `*Who can join*\n${ELIGIBILITY_LABELS[g.eligibility]}`,
      `*Last activity*\n${lastActivityText(g.lastActivityAt, data.zone ?? 'UTC')}`,
      ...(data.charter ? [`*Charter renewal due*\n${formatDate(data.charter.dueOn)}`] : []),
    ]),
    ...(data.acceptedProposals?.length ? [section(`*Accepted proposals*\n${acceptedText(data.acceptedProposals)}`)] : []),
    divider(),
    actions(
      [
        data.isMember
          ? button('Leave group', DirectoryIds.leave, String(g.id), 'danger')
          : button('Join group', DirectoryIds.join, String(g.id), 'primary'),
        ...(data.canInvite ? [button('Invite colleagues', OutreachIds.invite, String(g.id))] : []),
        ...(data.canEdit ? [button('Edit group', GroupIds.edit, String(g.id))] : []),
        ...(data.charter?.canRenew ? [renewButton(g.id)] : []),
      ],
      'directory-membership',
    ),
  ];
  if (data.isMember) blocks.push(context('You are a member of this group.'));
  if (data.canSetChannel && !g.channelId) {
    const name = escapeMrkdwn(truncate(g.name, 100));
    blocks.push(context(`No channel yet: \`/ig channel ${name} #channel\` links one, \`/ig channel ${name} create\` creates one.`));
  }
  return { text: `${g.name}: ${KIND_LABELS[g.kind]}`, blocks };
}

function channelNote(outcome: ChannelOutcome, verb: 'added to' | 'removed from'): string {
  if (outcome.kind === 'none') return '';
  if (outcome.kind === 'done') return ` You've been ${verb} ${mentionChannel(outcome.channelId)}.`;
  return ` I couldn't update ${mentionChannel(outcome.channelId)} for you (Slack said \`${outcome.reason}\`); staff can fix that.`;
}

export function joinedReply(group: Group, channel: ChannelOutcome): Reply {
  const text = `:white_check_mark: You joined *${escapeMrkdwn(group.name)}*.${channelNote(channel, 'added to')}`;
  return { text, blocks: [section(text, { accessory: button('Undo', DirectoryIds.leave, String(group.id)) })] };
}

export function leftReply(group: Group, channel: ChannelOutcome): Reply {
  const text = `You left *${escapeMrkdwn(group.name)}*.${channelNote(channel, 'removed from')}`;
  return { text, blocks: [section(text, { accessory: button('Undo', DirectoryIds.join, String(group.id)) })] };
}
