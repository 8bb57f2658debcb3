// Quarterly reports: the form, the status views and the nudges. Pure Block Kit builders.
import type { Group } from '../../generated/prisma/client.js';
import { type Block, type Reply, actions, button, context, divider, lineSections, section } from '../../lib/slack/blocks.js';
import { escapeMrkdwn, mentionUser, plural } from '../../lib/slack/text.js';
import { endOfDay, formatDate, slackDateTime, slackDay } from '../../lib/time.js';
import { checkboxes, doneModal, input, type Modal, modal, staticSelect, textInput } from '../../lib/slack/modal.js';
import type { ReminderMessage } from '../reminders/types.js';
import { ReportIds } from './ids.js';
import { deliverableLabel, DELIVERABLES, type Quarter, quarterKey, quarterLabel, type ReportStatus } from './rules.js';
import type { FormData, QuarterStatus, ShownReport, StatusView } from './service.js';

export const FORM_TITLE = 'Quarterly report';

export function pickModal(groups: Group[]): Modal {
  return modal(
    ReportIds.pickModal,
    FORM_TITLE,
    [input('group', 'Group', staticSelect(groups.map((g) => ({ text: g.name, value: String(g.id) })), undefined, 'Which group is this report for?'))],
    { submit: 'Next' },
  );
}

export function formModal(f: FormData): Modal {
  const content = f.content;
  const options = f.options.map((o) => ({
    text: `${quarterLabel(o.quarter)} · due ${formatDate(o.dueOn)}${o.filed ? ' · filed' : ''}`,
    value: quarterKey(o.quarter),
  }));
  return modal(
    ReportIds.formModal,
    FORM_TITLE,
    [
      section(`IG Report Form for *${escapeMrkdwn(f.group.name)}*: document progress toward the group's deliverables and note any issues.`),
      input('quarter', 'Quarter', staticSelect(options, f.selected)),
      input('activities', 'Activities', textInput({ multiline: true, initial: content?.activities, max: 2900, placeholder: 'Discussions, meetings, events this quarter' })),
      input('progress', 'Progress toward deliverables', textInput({ multiline: true, initial: content?.progress, max: 2900 })),
      input('deliverables', 'Deliverables', checkboxes(DELIVERABLES.map((d) => ({ text: d.label, value: d.value })), content?.deliverables), { optional: true }),
      input('issues', 'Issues encountered', textInput({ multiline: true, initial: content?.issues, max: 2900 }), { optional: true }),
      input('plans', 'Plans for next quarter', textInput({ multiline: true, initial: content?.plans, max: 2900 })),
      context(content ? 'This quarter is already filed: submitting files a revision (every version is kept). Revisions are possible until the due date.' : 'You can revise a filed report until its due date; every version is kept.'),
    ],
    { submit: 'File report', metadata: { groupId: f.group.id } },
  );
}

export function filedModal(r: { group: Group; quarter: Quarter; dueOn: string; revision: number; late: boolean }): Modal {
  const what = r.revision === 1 ? 'filed' : `revised (version ${r.revision})`;
  const after = r.late ? ' It was filed after the due date, so it counts as late.' : ` You can revise it until ${formatDate(r.dueOn)}.`;
  return doneModal('Report filed', `:white_check_mark: The ${quarterLabel(r.quarter)} report of *${escapeMrkdwn(r.group.name)}* is ${what}.${after}`);
}

const STATUS_TEXT: Record<ReportStatus, string> = {
  FILED: ':white_check_mark: filed',
  LATE: ':warning: filed late',
  MISSING: ':x: missing',
  PENDING: ':hourglass_flowing_sand: not filed yet',
};

function statusLine(name: string, row: QuarterStatus['rows'][number], zone: string): string {
  const when = row.filedAt ? ` ${slackDay(row.filedAt, zone)}${row.filedBy ? ` by ${mentionUser(row.filedBy)}` : ''}` : '';
  return `${STATUS_TEXT[row.status]}${when} — ${name}`;
}

const sections = (lines: string[]): Block[] => lineSections(lines, 45);

export function statusReply(view: StatusView, zone: string): Reply {
  if (view.kind === 'staff') {
    const s = view.status;
    const count = (st: ReportStatus) => s.rows.filter((r) => r.status === st).length;
    const head = `*Quarterly reports — ${quarterLabel(s.quarter)}*, due ${formatDate(s.dueOn)}\nFiled ${count('FILED')} · late ${count('LATE')} · missing ${count('MISSING')} · not filed yet ${count('PENDING')}`;
    return {
      text: `Quarterly reports for ${quarterLabel(s.quarter)}`,
      blocks: [section(head), ...sections(s.rows.map((r) => statusLine(escapeMrkdwn(r.group.name), r, zone))), context('`/igreport status <quarter>` for another quarter, e.g. `/igreport status 2027-Q1`. `/igreport due <quarter> <date>` moves a due date.')],
    };
  }
  const blocks: Block[] = [];
  for (const { group, history, since } of view.groups.slice(0, 20)) {
    const lines = history.map((h) => statusLine(`${quarterLabel(h.quarter)} (due ${formatDate(h.dueOn)})`, h.rows[0]!, zone));
    if (since) lines.push(`_Reports are owed from ${quarterLabel(since)}, the quarter after the group was created._`);
    blocks.push(section(`*${escapeMrkdwn(group.name)}* — quarterly reports\n${lines.join('\n')}`));
  }
  blocks.push(context('`/igreport` files or revises a report.'));
  return { text: 'Your groups\' quarterly reports', blocks };
}

export function dueChangedReply(r: { quarter: Quarter; before: string; after: string }): Reply {
  const text = `The ${quarterLabel(r.quarter)} report is now due ${formatDate(r.after)} (was ${formatDate(r.before)}). Reminders follow the new date.`;
  return { text, blocks: [section(text)] };
}

export function helpReply(staff: boolean): Reply {
  const lines = [
    '`/igreport` — file or revise the quarterly report of a group you convene (a picker when you convene several)',
    '`/igreport <group>` — the form for one group',
    '`/igreport status [quarter]` — conveners: your groups\' recent reports; staff: every group for a quarter',
    '`/igreport show <group> [quarter]` — read a filed report (default: the latest) and its earlier versions; staff any group, conveners their own',
  ];
  if (staff) lines.push('`/igreport due <quarter> <YYYY-MM-DD>` — move a quarter\'s due date (staff)');
  const text = `*Quarterly reports* are due the last day of the month after each quarter ends.\n${lines.join('\n')}`;
  return { text, blocks: [section(text)] };
}

export type NudgeKind = { kind: 'before'; days: number } | { kind: 'due' } | { kind: 'overdue' };

export function reportNudge(p: { groupId: number; groupName: string; quarter: Quarter; dueOn: string; nudge: NudgeKind; zone: string }): ReminderMessage {
  const name = escapeMrkdwn(p.groupName);
  const due = slackDateTime(endOfDay(p.dueOn, p.zone), p.zone);
  const label = quarterLabel(p.quarter);
  const lead =
    p.nudge.kind === 'before'
      ? `The ${label} report of *${name}* is due in ${plural(p.nudge.days, 'day')} (${due}).`
      : p.nudge.kind === 'due'
        ? `The ${label} report of *${name}* is due today (${due}).`
        : `The ${label} report of *${name}* is overdue: it was due ${due}.`;
  return {
    text: lead.replace(/\*/g, ''),
    blocks: [
      section(`:memo: ${lead} Conveners file it quarterly to document progress toward the group's deliverables and note any issues.`),
      actions([button('File report', ReportIds.fileOpen, String(p.groupId), 'primary')], 'report-nudge'),
      context(`You get this as a current convener of ${name}. These reminders stop once the report is filed.`),
    ],
  };
}

export function staffDigest(p: { quarter: Quarter; dueOn: string; missing: { name: string }[]; owing: number }): ReminderMessage {
  const label = quarterLabel(p.quarter);
  const head =
    p.missing.length === 0
      ? `:white_check_mark: Every group filed its ${label} report (due ${formatDate(p.dueOn)}).`
      : `:memo: *${plural(p.missing.length, 'group')}* of ${p.owing} haven't filed the ${label} report due ${formatDate(p.dueOn)}:`;
  return {
    text: head.replace(/\*/g, ''),
    blocks: [section(head), ...sections(p.missing.map((g) => `• ${escapeMrkdwn(g.name)}`)), context('`/igreport status` shows every group. Their conveners get weekly reminders for four weeks.')],
  };
}

// ---------------------------------------------------------------------------
// Reading a filed report (`/igreport show`)

type ReportText = { activities: string; progress: string; deliverables: string[]; issues: string; plans: string };

/** The report's answers, one section each (Slack's 3,000-character limit per section). */
function contentBlocks(c: ReportText): Block[] {
  const part = (label: string, text: string) => section(`*${label}*\n${text.trim() ? escapeMrkdwn(text).slice(0, 2900) : '_None_'}`);
  return [
    part('Activities', c.activities),
    part('Progress toward deliverables', c.progress),
    section(`*Deliverables*\n${c.deliverables.length ? c.deliverables.map((d) => `• ${deliverableLabel(d)}`).join('\n') : '_None chosen_'}`),
    part('Issues encountered', c.issues),
    part('Plans for next quarter', c.plans),
  ];
}

/** Earlier versions listed at most; older ones are summarised. */
const MAX_VERSIONS_LISTED = 20;

export function reportShowReply(r: { group: Group; quarter: Quarter; report: ShownReport }, zone: string): Reply {
  const { group, quarter, report } = r;
  const name = escapeMrkdwn(group.name);
  const head = `*${name}* — quarterly report for ${quarterLabel(quarter)}`;
  const version = report.revision === 1 ? 'Filed' : `Version ${report.revision}, filed`;
  const meta = `${version} ${slackDateTime(report.lastFiledAt, zone)} by ${mentionUser(report.lastFiledBy)}${report.revision > 1 ? ` · first filed ${slackDateTime(report.firstFiledAt, zone)}` : ''}`;
  const earlier = report.revisions.filter((v) => v.revision < report.revision).reverse();
  const blocks: Block[] = [section(head), context(meta), ...contentBlocks(report)];
  if (earlier.length) {
    blocks.push(divider(), section(`*Earlier versions* (${earlier.length})`));
    for (const v of earlier.slice(0, MAX_VERSIONS_LISTED)) {
      blocks.push(
        section(`Version ${v.revision} — filed ${slackDateTime(v.filedAt, zone)} by ${mentionUser(v.filedBy)}`, {
          block_id: `report-version-${v.revision}`,
          accessory: button(`Show version ${v.revision}`, `${ReportIds.showVersion}.${v.revision}`, String(v.id)),
        }),
      );
    }
    if (earlier.length > MAX_VERSIONS_LISTED) blocks.push(context(`…and ${earlier.length - MAX_VERSIONS_LISTED} older versions.`));
  } else {
    blocks.push(context('No earlier versions: it was filed once.'));
  }
  return { text: `${group.name}: quarterly report for ${quarterLabel(quarter)}`, blocks };
}

export function revisionReply(r: { group: Group; quarter: Quarter; revision: { revision: number; filedAt: Date; filedBy: string } & ReportText; latest: number }, zone: string): Reply {
  const name = escapeMrkdwn(r.group.name);
  const head = `*${name}* — ${quarterLabel(r.quarter)}, version ${r.revision.revision} of ${r.latest}`;
  return {
    text: `${r.group.name}: ${quarterLabel(r.quarter)} report, version ${r.revision.revision}`,
    blocks: [section(head), context(`Filed ${slackDateTime(r.revision.filedAt, zone)} by ${mentionUser(r.revision.filedBy)}${r.revision.revision < r.latest ? ' · a later version replaced it' : ''}`), ...contentBlocks(r.revision)],
  };
}
