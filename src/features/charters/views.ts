// Charters: the renewal form, what the IGCC and the board get (with their buttons), the reason
// modals, what the conveners and channel are told, the nudges, /ig info's lines. Pure.
import { actions, type Block, button, context, fields, type Reply, section } from '../../lib/slack/blocks.js';
import { doneModal, input, type Modal, modal, textInput } from '../../lib/slack/modal.js';
import { escapeMrkdwn, mentionUser, plural, truncate } from '../../lib/slack/text.js';
import { formatDate, localDate } from '../../lib/time.js';
import type { ReminderMessage } from '../reminders/types.js';
import { CharterIds } from './ids.js';
import { type ActivityRecord, type Choice, recordLines } from './rules.js';

export interface ShownRenewal {
  id: number;
  status: string;
  activities: string;
  deliverables: string;
  conveners: string;
  plans: string;
  other: string;
  requestedBy: string;
  recommendation: string | null;
  recommendationReason: string | null;
  recommendedBy: string | null;
  decisionReason: string | null;
  decidedBy: string | null;
  group: { id: number; name: string };
}

/** "Mar 1, 2027" for an instant in the org zone, or a dash. */
export function lastActivityText(at: Date | null | undefined, zone: string): string {
  return at ? formatDate(localDate(at, zone)) : '—';
}

export function renewButton(groupId: number): Block {
  return button('Request renewal', CharterIds.renewOpen, String(groupId), 'primary');
}

export function renewModal(f: { group: { id: number; name: string }; facts: { charterOn: string; dueOn: string }; record: ActivityRecord; conveners: string }): Modal {
  const prefill = `Since the charter of ${formatDate(f.record.since)}:\n${recordLines(f.record).map((l) => `• ${l}`).join('\n')}`;
  return modal(
    CharterIds.renewModal,
    'Request renewal',
    [
      section(`*${escapeMrkdwn(f.group.name)}*: charter of ${formatDate(f.facts.charterOn)}, due for renewal ${formatDate(f.facts.dueOn)}. The request goes to the Interest Group Coordination Committee, which recommends to the Core Board.`),
      input('activities', 'Activities since the last charter', textInput({ multiline: true, max: 2900, initial: prefill })),
      input('deliverables', 'Deliverables', textInput({ multiline: true, max: 2900, placeholder: 'Programs, publications, webinars, resources…' })),
      input('conveners', 'Conveners for the coming term', textInput({ max: 1000, initial: f.conveners || undefined })),
      input('plans', 'Plans for the next three years', textInput({ multiline: true, max: 2900 })),
      input('other', 'Anything else', textInput({ multiline: true, max: 2900 }), { optional: true }),
    ],
    { submit: 'Request renewal', metadata: { groupId: f.group.id } },
  );
}

export function requestedModal(r: ShownRenewal): Modal {
  return doneModal('Requested', `:white_check_mark: The renewal request for *${escapeMrkdwn(r.group.name)}* went to the Interest Group Coordination Committee. You'll hear here when the Core Board decides.`);
}

function requestBlocks(r: ShownRenewal, record: ActivityRecord, zone: string): Block[] {
  return [
    fields([`*Group*\n${escapeMrkdwn(r.group.name)}`, `*Requested by*\n${mentionUser(r.requestedBy)}`, `*Last activity*\n${lastActivityText(record.lastActivityAt, zone)}`, `*Record since ${formatDate(record.since)}*\n${recordLines(record).join('\n')}`]),
    section(`*Activities since the last charter*\n${escapeMrkdwn(truncate(r.activities, 2800))}`),
    section(`*Deliverables*\n${escapeMrkdwn(truncate(r.deliverables, 2800))}`),
    section(`*Conveners for the coming term*\n${escapeMrkdwn(truncate(r.conveners, 1000))}`),
    section(`*Plans*\n${escapeMrkdwn(truncate(r.plans, 2800))}`),
    ...(r.other ? [section(`*Anything else*\n${escapeMrkdwn(truncate(r.other, 2800))}`)] : []),
  ];
}

const RECOMMEND_LABELS: Record<Choice, string> = { continue: 'Recommend continuing', dissolve: 'Recommend dissolving' };
const DECIDE_LABELS: Record<Choice, string> = { continue: 'Continue', dissolve: 'Dissolve' };

/** To each IGCC member (or staff when the committee has no members). */
export function reviewMessage(r: ShownRenewal, record: ActivityRecord, zone: string, committeeEmpty: boolean): Reply {
  const lead = `:scroll: *${escapeMrkdwn(r.group.name)}* requests renewal of its charter.`;
  return {
    text: `${r.group.name} requests renewal of its charter.`,
    blocks: [
      section(lead),
      ...requestBlocks(r, record, zone),
      actions((['continue', 'dissolve'] as const).map((c) => button(RECOMMEND_LABELS[c], `${CharterIds.recommend}.${c}`, `${r.id}:${c}`, c === 'continue' ? 'primary' : 'danger')), `charter-recommend-${r.id}`),
      context(committeeEmpty ? 'Sent to staff: the Interest Group Coordination Committee has no members in Convene yet (`/ig admin grant igcc @person`).' : 'Your recommendation, with its reason, goes to the Core Board. Only the Interest Group Coordination Committee and staff can recommend.'),
    ],
  };
}

/** To each board member (or staff when the board has no members). */
export function boardMessage(r: ShownRenewal, record: ActivityRecord, zone: string, boardEmpty: boolean): Reply {
  const rec = r.recommendation === 'dissolve' ? 'dissolving' : 'continuing';
  const lead = `:scroll: The Interest Group Coordination Committee recommends *${rec}* *${escapeMrkdwn(r.group.name)}* (${mentionUser(r.recommendedBy ?? '')}): ${escapeMrkdwn(truncate(r.recommendationReason ?? '', 1500))}`;
  return {
    text: `The IGCC recommends ${rec} ${r.group.name}.`,
    blocks: [
      section(lead),
      ...requestBlocks(r, record, zone),
      actions((['continue', 'dissolve'] as const).map((c) => button(DECIDE_LABELS[c], `${CharterIds.decide}.${c}`, `${r.id}:${c}`, c === 'continue' ? 'primary' : 'danger')), `charter-decide-${r.id}`),
      context(boardEmpty ? 'Sent to staff: the Core Board has no members in Convene yet (`/ig admin grant board @person`).' : 'Only the Core Board and staff can decide. Continuing renews the charter for three years.'),
    ],
  };
}

export function reasonModal(kind: 'recommend' | 'decide', r: { renewal: ShownRenewal; choice: Choice }): Modal {
  const label = (kind === 'recommend' ? RECOMMEND_LABELS : DECIDE_LABELS)[r.choice];
  return modal(
    kind === 'recommend' ? CharterIds.recommendModal : CharterIds.decideModal,
    truncate(label, 24),
    [section(`${label}: *${escapeMrkdwn(r.renewal.group.name)}*.`), input('reason', 'Reason', textInput({ multiline: true, max: 2000 }))],
    { submit: truncate(label, 24), metadata: { renewalId: r.renewal.id, choice: r.choice } },
  );
}

export function recommendedModal(r: ShownRenewal, boardEmpty: boolean): Modal {
  return doneModal('Recommended', `:white_check_mark: Your recommendation on *${escapeMrkdwn(r.group.name)}* (${r.recommendation === 'dissolve' ? 'dissolve' : 'continue'}) went to ${boardEmpty ? 'staff (the Core Board has no members in Convene yet)' : 'the Core Board'}.`);
}

/** What the conveners and the channel are told. */
export function outcomeText(r: ShownRenewal, renewedUntil?: string): string {
  const name = `*${escapeMrkdwn(r.group.name)}*`;
  const reason = escapeMrkdwn(r.decisionReason ?? '');
  if (r.status === 'CONTINUED') return `:tada: The Core Board renewed ${name}'s charter${renewedUntil ? ` until ${formatDate(renewedUntil)}` : ''}. ${reason}`;
  return `:warning: The Core Board decided that ${name} is to be dissolved. Reason: ${reason}`;
}

export function decidedModal(r: ShownRenewal, renewedUntil?: string): Modal {
  return doneModal('Decided', `${outcomeText(r, renewedUntil)}\n\nI'm telling the group's conveners and channel.`);
}

export function outcomeMessage(r: ShownRenewal, renewedUntil?: string): Reply {
  const text = outcomeText(r, renewedUntil);
  return { text: text.replace(/\*/g, ''), blocks: [section(text)] };
}

export function renewalNudge(p: { groupId: number; groupName: string; dueOn: string; days: number }): ReminderMessage {
  const when =
    p.days < 0
      ? `was due for renewal ${formatDate(p.dueOn)}`
      : p.days === 0
        ? `is due for renewal today (${formatDate(p.dueOn)}): without a request the group is dissolved at 10:00`
        : `is due for renewal in ${plural(p.days, 'day')} (${formatDate(p.dueOn)})`;
  const lead = `*${escapeMrkdwn(p.groupName)}*'s charter ${when}. Request renewal from the Interest Group Coordination Committee: the form starts from the group's record.`;
  return {
    text: lead.replace(/\*/g, ''),
    blocks: [
      section(`:scroll: ${lead}`),
      actions([renewButton(p.groupId)], 'charter-nudge'),
      context(`You get this as a current convener of ${escapeMrkdwn(p.groupName)}. No more reminders once a renewal request is filed.`),
    ],
  };
}
