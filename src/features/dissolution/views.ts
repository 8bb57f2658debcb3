// Dissolution messages (pure Block Kit): warnings, the notices when a group is dissolved or
// reinstated, and staff's reinstatement question.
import { actions, button, type Reply, section } from '../../lib/slack/blocks.js';
import type { ReminderMessage } from '../reminders/types.js';
import { escapeMrkdwn, mentionChannel } from '../../lib/slack/text.js';
import { formatDate, slackDay } from '../../lib/time.js';
import { DissolutionIds } from './ids.js';
import { causeText, type DissolutionDue } from './rules.js';

function message(text: string): ReminderMessage {
  return { text, blocks: [section(text)] };
}

/** What stops a dissolution, per cause. */
export function whatStopsIt(due: Pick<DissolutionDue, 'cause'>): string {
  return due.cause === 'charter'
    ? 'File the charter renewal with `/ig renew`: while the Interest Group Coordination Committee and the Core Board review it, the group is not dissolved, and a continued renewal renews the charter for three years.'
    : "Any activity stops it: record a business meeting with `/ig meeting`, file a report, hold an election or post in the group's channel.";
}

function why(due: DissolutionDue): string {
  return due.cause === 'charter'
    ? `its charter came due for renewal on ${formatDate(due.on)} and no renewal has been approved`
    : `it has had no recorded activity for three years (three years to ${formatDate(due.on)})`;
}

/** The 90/30/7-day warning, to the conveners (`audience: 'conveners'`) or staff. */
export function warning(group: { name: string }, due: DissolutionDue, days: number, zone: string, audience: 'conveners' | 'staff'): ReminderMessage {
  const name = escapeMrkdwn(group.name);
  const lead = audience === 'conveners' ? `*${name}* will be dissolved` : `*${name}* will be dissolved automatically`;
  return message(
    `:warning: ${lead} in ${days} days, on ${slackDay(due.at, zone)}: ${why(due)} (${causeText(due.cause)}).\n` +
      `*What stops it:* ${whatStopsIt(due)}`,
  );
}

/** To each member, by DM, once the group is dissolved. */
export function memberNotice(group: { name: string }, reason: string, at: Date, zone: string): ReminderMessage {
  return message(
    `*${escapeMrkdwn(group.name)}* was dissolved on ${slackDay(at, zone)}: ${escapeMrkdwn(reason)}. It has left the directory and its channel is archived. Staff can reinstate it within 90 days; you would stay a member.`,
  );
}

/** In the group's channel, just before it is archived. */
export function channelAnnouncement(group: { name: string }, reason: string, at: Date, zone: string): ReminderMessage {
  return message(`:wave: *${escapeMrkdwn(group.name)}* was dissolved on ${slackDay(at, zone)}: ${escapeMrkdwn(reason)}. This channel is now archived.`);
}

export interface DissolvedReport {
  group: { name: string; channelId: string | null };
  reason: string;
  at: Date;
  membersTold: number;
  membersNotTold: number;
  channel: ChannelResult;
}

export type ChannelResult = { kind: 'none' } | { kind: 'done'; channelId: string } | { kind: 'failed'; channelId: string; reason: string };

function channelLine(verb: 'archived' | 'unarchived', c: ChannelResult): string {
  if (c.kind === 'none') return 'The group has no channel.';
  if (c.kind === 'done') return `${mentionChannel(c.channelId)} was ${verb}.`;
  return `:warning: ${mentionChannel(c.channelId)} could not be ${verb} (Slack said \`${c.reason}\`); please do it by hand.`;
}

/** To staff when a group is dissolved (automatically or by decision). */
export function staffDissolved(r: DissolvedReport, zone: string): ReminderMessage {
  return message(
    `*${escapeMrkdwn(r.group.name)}* was dissolved on ${slackDay(r.at, zone)}: ${escapeMrkdwn(r.reason)}. ` +
      `${r.membersTold} member${r.membersTold === 1 ? '' : 's'} told${r.membersNotTold ? ` (${r.membersNotTold} could not be reached)` : ''}. ${channelLine('archived', r.channel)} ` +
      `Staff can reinstate it within 90 days: \`/ig admin reinstate ${escapeMrkdwn(r.group.name)}\`.`,
  );
}

/** `/ig info` or `/ig join` naming a dissolved group. */
export function dissolvedNotice(group: { name: string; dissolvedAt: Date | null; dissolvedReason: string | null }, zone: string): string {
  const when = group.dissolvedAt ? ` on ${slackDay(group.dissolvedAt, zone)}` : '';
  const why = group.dissolvedReason ? `: ${escapeMrkdwn(group.dissolvedReason)}` : '';
  return `*${escapeMrkdwn(group.name)}* was dissolved${when}${why}. It is no longer in the directory and can't be joined.`;
}

export function reinstateQuestion(group: { id: number; name: string; dissolvedAt: Date; dissolvedReason: string | null }, members: number, until: string, zone: string): Reply {
  const text =
    `Reinstate *${escapeMrkdwn(group.name)}*? It was dissolved on ${slackDay(group.dissolvedAt, zone)}${group.dissolvedReason ? ` (${escapeMrkdwn(group.dissolvedReason)})` : ''}. ` +
    `Reinstating restores it as it was: back in the directory, its ${members} member${members === 1 ? '' : 's'} and conveners, its channel unarchived. You can reinstate it until ${formatDate(until)}.`;
  return { text, blocks: [section(text), actions([button('Reinstate', DissolutionIds.confirmReinstate, String(group.id), 'primary'), button('Leave it dissolved', DissolutionIds.cancelReinstate, String(group.id))])] };
}

export function reinstatedReply(group: { name: string }, channel: ChannelResult): Reply {
  const text = `:white_check_mark: *${escapeMrkdwn(group.name)}* is reinstated: back in the directory with its members and conveners. ${channelLine('unarchived', channel)}`;
  return { text, blocks: [section(text)] };
}

export function keptDissolvedReply(): Reply {
  const text = 'Nothing changed: the group stays dissolved.';
  return { text, blocks: [section(text)] };
}

/** In the group's channel once it is back. */
export function channelReinstated(group: { name: string }): ReminderMessage {
  return message(`:tada: *${escapeMrkdwn(group.name)}* has been reinstated by staff. This channel is open again.`);
}
