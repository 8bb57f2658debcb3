// Block Kit for the reminders feature: the first nudges, the staff report of deliveries that
// gave up, and `/ig admin reminders`. Pure builders; the data comes in.
import { type Block, type Reply, actions, button, context, section } from '../../lib/slack/blocks.js';
import { escapeMrkdwn, mentionChannel, mentionUser, plural } from '../../lib/slack/text.js';
import { formatInstant, slackDateTime } from '../../lib/time.js';
import type { AppChannel } from '../admin/rules.js';
import { ELECTION_OPEN_ACTION, MEETING_OPEN_ACTION } from './ids.js';
import type { Audience, ReminderMessage } from './types.js';

// ---------------------------------------------------------------------------
// The first nudges

export function businessMeetingNudge(p: { groupId: number; groupName: string; season: 'January' | 'June'; deadline: Date; zone: string }): ReminderMessage {
  const name = escapeMrkdwn(p.groupName);
  const how = p.season === 'January' ? 'virtually in January' : 'in June, virtually or in person';
  const by = slackDateTime(p.deadline, p.zone);
  return {
    text: `Time to plan the ${p.season} business meeting of ${name} (by ${by}).`,
    blocks: [
      section(
        `:calendar: *${p.season} business meeting: ${name}*\nInterest groups hold an official business meeting ${how}. ` +
          `Please hold ${name}'s by ${by}, then record it here. These reminders stop once the meeting is recorded.`,
      ),
      actions([button('Record a meeting', MEETING_OPEN_ACTION, String(p.groupId), 'primary')]),
      context(`You get this as a current convener of ${name}.`),
    ],
  };
}

export function electionNudge(p: { groupId: number; groupName: string; year: number; deadline: Date; lastCall: boolean; zone: string }): ReminderMessage {
  const name = escapeMrkdwn(p.groupName);
  const by = slackDateTime(p.deadline, p.zone);
  const title = p.lastCall ? `Last call: convener election for ${name}` : `Convener election for ${name}`;
  return {
    text: `${p.lastCall ? 'Last call: ' : ''}${name} has no convener election recorded for ${p.year}; elections are held by ${by}.`,
    blocks: [
      section(
        `:ballot_box_with_ballot: *${title}*\nNo convener election is recorded for ${name} in ${p.year}. ` +
          `If the group elects its conveners, the election must be held by ${by}. Open it here: members vote in a secret ballot in Slack.`,
      ),
      actions([button('Open an election', ELECTION_OPEN_ACTION, String(p.groupId), 'primary')]),
      context(`You get this as a current convener of ${name}. Groups that choose conveners another way report the incoming conveners with \`/ig conveners\`.`),
    ],
  };
}

// ---------------------------------------------------------------------------
// Staff

/** A channel id as a channel link, a user id as a mention, anything else ("email:…") as text. */
export function formatRecipient(recipient: string): string {
  if (/^[CG][A-Z0-9]+$/.test(recipient)) return mentionChannel(recipient);
  if (/^[UW][A-Z0-9]+$/.test(recipient)) return mentionUser(recipient);
  return escapeMrkdwn(recipient);
}

export interface GaveUpItem {
  ruleId: string;
  label: string;
  dueAt: Date;
  recipient: string;
  attempts: number;
  lastError: string;
}

const MAX_LINES = 30;

export function gaveUpReport(items: GaveUpItem[], zone: string): ReminderMessage {
  const intro = `:warning: Convene could not deliver ${plural(items.length, 'reminder')} after several tries:`;
  const lines = items
    .slice(0, MAX_LINES)
    .map((i) => `• *${escapeMrkdwn(i.label)}* (\`${i.ruleId}\`, due ${slackDateTime(i.dueAt, zone)}) to ${formatRecipient(i.recipient)}: \`${escapeMrkdwn(i.lastError)}\` after ${plural(i.attempts, 'attempt')}`);
  if (items.length > MAX_LINES) lines.push(`…and ${items.length - MAX_LINES} more (see \`/ig admin reminders\`).`);
  return {
    text: intro,
    blocks: [
      section(intro),
      ...chunk(lines).map((text) => section(text)),
      context('Usual causes: the channel was archived, or the app is not in it (invite it with `/invite @Convene`). Slack\'s error is in code.'),
    ],
  };
}

/** Lines joined into section texts under Slack's 3000-character limit. */
function chunk(lines: string[], max = 2900): string[] {
  const out: string[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + line.length + 1 > max) {
      out.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push(current);
  return out;
}

/** What staff need to read an audience: group names and the app channels. */
export interface AudienceNames {
  groups: Map<number, string>;
  channels: Partial<Record<AppChannel, string>>;
}

export function formatAudience(audience: Audience, names: AudienceNames): string {
  const group = (id: number) => escapeMrkdwn(names.groups.get(id) ?? `group ${id}`);
  switch (audience.kind) {
    case 'channel':
      return mentionChannel(audience.channelId);
    case 'appChannel': {
      const id = names.channels[audience.which];
      return `the ${audience.which} channel (${id ? mentionChannel(id) : '_not set_'})`;
    }
    case 'groupChannel':
      return `the channel of ${group(audience.groupId)}`;
    case 'groupConveners':
      return `conveners of ${group(audience.groupId)} (DM)`;
    case 'users':
      return `${audience.userIds.map(mentionUser).join(', ')} (DM)`;
  }
}

export interface RemindersOverview {
  days: number;
  upcoming: { ruleId: string; label: string; dueAt: Date; audience: Audience; paused: boolean }[];
  rules: { id: string; description: string; paused: boolean; changedBy: string | null; changedAt: Date | null }[];
  problems: { ruleId: string; label: string; recipient: string; status: string; lastError: string | null; attempts: number }[];
  names: AudienceNames;
  zone: string;
}

const MAX_UPCOMING = 60;

export function remindersReply(o: RemindersOverview): Reply {
  const ruleLines = o.rules.map((r) => {
    const state = r.paused
      ? `:double_vertical_bar: *paused*${r.changedBy ? ` by ${mentionUser(r.changedBy)}` : ''}${r.changedAt ? ` on ${slackDateTime(r.changedAt, o.zone)}` : ''}`
      : ':white_check_mark: active';
    return `• \`${r.id}\` — ${state}\n    ${escapeMrkdwn(r.description)}`;
  });
  const upcoming = o.upcoming.slice(0, MAX_UPCOMING).map(
    (u) => `• ${slackDateTime(u.dueAt, o.zone)} — *${escapeMrkdwn(u.label)}* → ${formatAudience(u.audience, o.names)} · \`${u.ruleId}\`${u.paused ? ' _(paused)_' : ''}`,
  );
  if (o.upcoming.length > MAX_UPCOMING) upcoming.push(`…and ${o.upcoming.length - MAX_UPCOMING} more: \`convene reminders due --at <instant>\` lists them all.`);
  const problems = o.problems.map(
    (p) => `• *${escapeMrkdwn(p.label)}* to ${formatRecipient(p.recipient)}: ${p.status === 'GAVE_UP' ? 'gave up' : 'will retry'} after ${plural(p.attempts, 'attempt')} (\`${escapeMrkdwn(p.lastError ?? 'unknown')}\`)`,
  );
  const title = `*Reminders in the next ${o.days} days* (${plural(o.upcoming.length, 'nudge')})`;
  const blocks: Block[] = [
    section(title),
    ...(upcoming.length ? chunk(upcoming) : ['_Nothing is due in that time._']).map((t) => section(t)),
    section('*Rules*'),
    ...(ruleLines.length ? chunk(ruleLines) : ['_No rules are registered._']).map((t) => section(t)),
  ];
  if (problems.length) blocks.push(section('*Recent delivery problems*'), ...chunk(problems).map((t) => section(t)));
  blocks.push(context('`/ig admin reminders pause <rule>` stops a rule (its nudges are recorded as skipped); `resume <rule>` starts it again.'));
  return { text: `Reminders in the next ${o.days} days: ${o.upcoming.length}`, blocks: blocks.slice(0, 50) };
}

export function ruleStateReply(ruleId: string, paused: boolean, changed: boolean): Reply {
  const text = changed
    ? paused
      ? `Paused \`${ruleId}\`: its nudges are recorded as skipped until you \`/ig admin reminders resume ${ruleId}\`.`
      : `Resumed \`${ruleId}\`: its next nudges go out as usual (the ones due while it was paused stay skipped).`
    : `\`${ruleId}\` was already ${paused ? 'paused' : 'active'}; nothing changed.`;
  return { text };
}

/** Plain-text line for the CLI (no mrkdwn). */
export function plainInstant(at: Date, zone: string): string {
  return `${at.toISOString()} (${formatInstant(at, zone)})`;
}
