// The audit timeline: pure Block Kit.
import { type Block, type Reply, actions, button, context, lineSections, section } from '../../lib/slack/blocks.js';
import { escapeMrkdwn, mentionUser, plural, truncate } from '../../lib/slack/text.js';
import { slackDateTime } from '../../lib/time.js';
import { AuditIds } from './ids.js';
import { actorText, type AuditRow, describeEntry, isSlackUserId } from './rules.js';

export interface TimelineData {
  group: { id: number; name: string; status: string };
  total: number;
  page: number;
  pages: number;
  entries: AuditRow[];
}

export interface AuditPageState {
  g: number;
  p: number;
}

/** One line per entry: when (a Slack date token), who, what. */
export function timelineReply(d: TimelineData, zone: string): Reply {
  const name = escapeMrkdwn(truncate(d.group.name, 120));
  const status = d.group.status === 'ACTIVE' ? '' : ' _(dissolved)_';
  if (d.total === 0) return { text: `No audited changes for ${d.group.name} yet.`, blocks: [section(`*${name}*${status}: no audited changes yet.`)] };
  // Descriptions hold no user text (actions, quarters, dates, field names), only mentions.
  const lines = d.entries.map((e) => `• ${slackDateTime(e.at, zone)} — ${isSlackUserId(e.actor) ? mentionUser(e.actor) : escapeMrkdwn(actorText(e.actor, mentionUser))} ${truncate(describeEntry(e, mentionUser), 300)}`);
  const blocks: Block[] = [
    section(`*Audit log: ${name}*${status} — ${plural(d.total, 'change')}, newest first (page ${d.page} of ${d.pages})`, { block_id: 'audit-head' }),
    ...lineSections(lines, 10),
  ];
  const nav: Block[] = [];
  if (d.page > 1) nav.push(button('Newer', `${AuditIds.page}.newer`, JSON.stringify({ g: d.group.id, p: d.page - 1 } satisfies AuditPageState)));
  if (d.page < d.pages) nav.push(button('Older', `${AuditIds.page}.older`, JSON.stringify({ g: d.group.id, p: d.page + 1 } satisfies AuditPageState)));
  if (nav.length) blocks.push(actions(nav, 'audit-nav'));
  blocks.push(context('`convene export audit --group <name>` writes the whole log as CSV.'));
  return { text: `Audit log: ${d.group.name} (page ${d.page} of ${d.pages})`, blocks };
}
