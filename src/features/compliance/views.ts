// The staff compliance view: pure Block Kit.
import { type Block, type Reply, actions, button, context, section } from '../../lib/slack/blocks.js';
import { andList, personMrkdwn } from '../../lib/slack/people.js';
import { escapeMrkdwn, plural, truncate } from '../../lib/slack/text.js';
import { formatDate, localDate, slackDay } from '../../lib/time.js';
import { kindLabel } from '../directory/kinds.js';
import { ComplianceIds } from './ids.js';
import { RENEWAL_LABELS } from './rules.js';
import type { ComplianceRow } from './service.js';

export interface ComplianceData {
  now: Date;
  zone: string;
  attention: boolean;
  total: number;
  needingAttention: number;
  page: number;
  pages: number;
  rows: ComplianceRow[];
}

export interface CompliancePageState {
  /** 1: only groups needing attention */
  a: 0 | 1;
  p: number;
}

const state = (a: boolean, p: number) => JSON.stringify({ a: a ? 1 : 0, p } satisfies CompliancePageState);

function rowText(r: ComplianceRow, zone: string): string {
  const people = (list: ComplianceRow['conveners']) => (list.length ? andList(list.slice(0, 6).map(personMrkdwn)) : '_nobody_');
  const lines = [
    `${r.attention.length ? ':warning:' : ':white_check_mark:'} *${escapeMrkdwn(truncate(r.group.name, 120))}* — ${kindLabel(r.group.kind)}`,
    `Conveners: ${people(r.conveners)} · next term: ${people(r.nextConveners)}`,
    `Last activity: ${r.group.lastActivityAt ? slackDay(r.group.lastActivityAt, zone) : '_none recorded_'} · Reports this year: ${
      r.reports ? `${r.reports.filed} filed, ${r.reports.late} late, ${r.reports.missing} missing` : 'n/a'
    }`,
    `Charter: ${r.charter ? `due ${formatDate(r.charter.dueOn)} (${RENEWAL_LABELS[r.charter.renewal]})` : 'n/a'} · Dissolution: ${
      r.dissolution ? `${r.dissolution.atRisk ? ':rotating_light: ' : ''}${formatDate(localDate(r.dissolution.at, zone))} (${r.dissolution.reason === 'charter' ? 'charter lapses' : 'no activity'})` : 'n/a'
    }`,
  ];
  if (r.attention.length) lines.push(`_Needs attention: ${r.attention.join('; ')}_`);
  return lines.join('\n');
}

/** Every active group (or those needing attention), ten a page, with the filter and page buttons. */
export function complianceReply(d: ComplianceData): Reply {
  const scope = d.attention ? 'needing attention' : 'active';
  const head = `*Compliance* — ${plural(d.total, `group ${scope}`, `groups ${scope}`)} (${d.needingAttention} need attention) · page ${d.page} of ${d.pages}`;
  const blocks: Block[] = [section(head, { block_id: 'compliance-head' })];
  if (d.rows.length === 0) blocks.push(section(d.attention ? ':white_check_mark: No group needs attention.' : 'There are no active groups.'));
  d.rows.forEach((r) => blocks.push(section(rowText(r, d.zone), { block_id: `compliance-${r.group.id}` })));
  const nav: Block[] = [
    d.attention ? button('Show all groups', ComplianceIds.filter, state(false, 1)) : button('Needs attention only', ComplianceIds.filter, state(true, 1), 'primary'),
  ];
  if (d.page > 1) nav.push(button('Previous', `${ComplianceIds.page}.prev`, state(d.attention, d.page - 1)));
  if (d.page < d.pages) nav.push(button('Next', `${ComplianceIds.page}.next`, state(d.attention, d.page + 1)));
  blocks.push(actions(nav, 'compliance-nav'));
  blocks.push(context('At risk: dissolves within 90 days. `convene export compliance` writes every group as CSV.'));
  return { text: `Compliance: ${plural(d.total, `group ${scope}`, `groups ${scope}`)}`, blocks };
}
