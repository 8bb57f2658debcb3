// Proposals: the proposal form (and its revision), what the committee gets (with Accept / Decline /
// Ask for changes), the reason modal, what the convener is told, staff's call settings, the nudges. Pure.
import type { Group } from '../../generated/prisma/client.js';
import { actions, type Block, button, context, fields, type Reply, section } from '../../lib/slack/blocks.js';
import { datePicker, doneModal, input, type Modal, modal, staticSelect, textInput } from '../../lib/slack/modal.js';
import { escapeMrkdwn, mentionUser, plural, truncate } from '../../lib/slack/text.js';
import { endOfDay, formatDate, slackDateTime } from '../../lib/time.js';
import type { ReminderMessage } from '../reminders/types.js';
import { ProposalIds } from './ids.js';
import { callRules, DECISION_LABELS, type ReviewDecision } from './rules.js';
import type { CallView, ProposeForm } from './service.js';
import type { ProposalFields } from './store.js';

export interface ShownProposal extends ProposalFields {
  id: number;
  callKey: string;
  status: 'SUBMITTED' | 'CHANGES_REQUESTED' | 'ACCEPTED' | 'DECLINED';
  revision: number;
  submittedBy: string;
  reason: string | null;
  group: Pick<Group, 'id' | 'name'>;
}

const callLabel = (key: string) => callRules(key)?.label ?? key;

function fieldInputs(f?: ProposalFields): Block[] {
  return [
    input('title', 'Title', textInput({ max: 200, initial: f?.title })),
    input('description', 'Description', textInput({ multiline: true, max: 2900, initial: f?.description })),
    input('format', 'Format', textInput({ max: 500, initial: f?.format, placeholder: 'Panel, workshop, 4-week course, 60-minute webinar…' })),
    input('speakers', 'Speakers', textInput({ multiline: true, max: 1000, initial: f?.speakers, placeholder: 'Names and affiliations' })),
    input('needs', 'Needs', textInput({ multiline: true, max: 1000, initial: f?.needs, placeholder: 'A/V, room set-up, platform, budget…' }), { optional: true }),
  ];
}

export function proposeModal(f: ProposeForm): Modal {
  const choices = f.calls.map((c) => ({ text: `${c.label} (until ${formatDate(c.dates!.closesOn)})`, value: c.key }));
  return modal(
    ProposalIds.proposeModal,
    'Submit a proposal',
    [
      section(`A proposal from *${escapeMrkdwn(f.group.name)}*. Programs go to the Core Programming Committee; online courses and webinars to the Continuing Education Coordination Committee.`),
      input('call', 'Kind and venue', staticSelect(choices, choices.length === 1 ? choices[0]!.value : undefined)),
      ...fieldInputs(),
    ],
    { submit: 'Submit', metadata: { groupId: f.group.id } },
  );
}

export function reviseModal(p: ShownProposal): Modal {
  return modal(
    ProposalIds.reviseModal,
    'Revise proposal',
    [section(`*${escapeMrkdwn(callLabel(p.callKey))}* from *${escapeMrkdwn(p.group.name)}*. The committee asked: ${escapeMrkdwn(truncate(p.reason ?? '', 2000))}`), ...fieldInputs(p)],
    { submit: 'Resubmit', metadata: { proposalId: p.id } },
  );
}

export function submittedModal(p: ShownProposal, committee: string): Modal {
  const verb = p.revision > 1 ? 'Resubmitted' : 'Submitted';
  return doneModal(verb, `:white_check_mark: ${verb} *${escapeMrkdwn(p.title)}* (${escapeMrkdwn(callLabel(p.callKey))}) for *${escapeMrkdwn(p.group.name)}* to the ${committee}. You'll hear here when it decides.`);
}

function summary(p: ShownProposal): Block[] {
  return [
    section(`*${escapeMrkdwn(truncate(p.title, 200))}*\n${escapeMrkdwn(truncate(p.description, 2500))}`),
    fields([
      `*Group*\n${escapeMrkdwn(p.group.name)}`,
      `*Kind and venue*\n${escapeMrkdwn(callLabel(p.callKey))}`,
      `*Format*\n${escapeMrkdwn(truncate(p.format, 500))}`,
      `*Submitted by*\n${mentionUser(p.submittedBy)}${p.revision > 1 ? ` (revision ${p.revision})` : ''}`,
    ]),
    section(`*Speakers*\n${escapeMrkdwn(truncate(p.speakers, 1000))}\n*Needs*\n${p.needs ? escapeMrkdwn(truncate(p.needs, 1000)) : '—'}`),
  ];
}

/** To each committee member (or staff when the committee has no members yet). */
export function reviewMessage(p: ShownProposal, committee: string, committeeEmpty: boolean): Reply {
  const lead = `:inbox_tray: ${p.revision > 1 ? 'A revised proposal' : 'A new proposal'} for the ${committee}.`;
  return {
    text: `${lead.replace(':inbox_tray: ', '')} ${p.title}`,
    blocks: [
      section(lead),
      ...summary(p),
      actions(
        (['accept', 'decline', 'changes'] as const).map((d) => button(DECISION_LABELS[d], `${ProposalIds.review}.${d}`, `${p.id}:${d}`, d === 'accept' ? 'primary' : d === 'decline' ? 'danger' : undefined)),
        `proposal-review-${p.id}`,
      ),
      context(committeeEmpty ? `Sent to staff: the ${committee} has no members in Convene yet (\`/ig admin grant\`).` : `Each decision needs a reason, which the convener sees. Only the ${committee} and staff can decide.`),
    ],
  };
}

const REASON_LABELS: Record<ReviewDecision, string> = { accept: 'Note to the convener', decline: 'Reason', changes: 'Changes to ask for' };

export function reviewModal(r: { proposal: ShownProposal; decision: ReviewDecision }): Modal {
  return modal(
    ProposalIds.reviewModal,
    truncate(DECISION_LABELS[r.decision], 24),
    [section(`${DECISION_LABELS[r.decision]}: *${escapeMrkdwn(truncate(r.proposal.title, 200))}* from *${escapeMrkdwn(r.proposal.group.name)}*.`), input('reason', REASON_LABELS[r.decision], textInput({ multiline: true, max: 2000 }))],
    { submit: truncate(DECISION_LABELS[r.decision], 24), metadata: { proposalId: r.proposal.id, decision: r.decision } },
  );
}

function outcome(p: ShownProposal, decision: ReviewDecision): string {
  const title = `*${escapeMrkdwn(p.title)}* (${escapeMrkdwn(callLabel(p.callKey))}) from *${escapeMrkdwn(p.group.name)}*`;
  const reason = escapeMrkdwn(p.reason ?? '');
  if (decision === 'accept') return `:tada: ${title} was accepted. ${reason}`;
  if (decision === 'decline') return `:no_entry_sign: ${title} was declined. Reason: ${reason}`;
  return `:pencil2: The committee asked for changes to ${title}: ${reason}`;
}

export function decidedModal(r: { proposal: ShownProposal; decision: ReviewDecision }): Modal {
  return doneModal('Decided', `${outcome(r.proposal, r.decision)}\n\nI'm telling ${mentionUser(r.proposal.submittedBy)}.`);
}

/** The convener's DM; "ask for changes" carries the button to revise and resubmit. */
export function decisionMessage(r: { proposal: ShownProposal; decision: ReviewDecision }): Reply {
  const text = outcome(r.proposal, r.decision);
  const blocks: Block[] = [section(text)];
  if (r.decision === 'changes') blocks.push(actions([button('Revise and resubmit', ProposalIds.reviseOpen, String(r.proposal.id), 'primary')], 'proposal-revise'));
  if (r.decision === 'accept') blocks.push(context("It counts as the group's activity and is listed in `/ig info`."));
  return { text: text.replace(/\*/g, ''), blocks };
}

export function settingsModal(calls: CallView[]): Modal {
  const blocks: Block[] = [section('When each call for proposals takes submissions (through the end of the closing day). Clear both dates to close a call.')];
  for (const c of calls) {
    blocks.push(
      input(`${c.key}.opens`, `${c.label}: opens`, datePicker(c.dates?.opensOn), { optional: true }),
      input(`${c.key}.closes`, `${c.label}: closes`, datePicker(c.dates?.closesOn), { optional: true }),
    );
  }
  return modal(ProposalIds.settingsModal, 'Calls for proposals', blocks, { submit: 'Save' });
}

export function callsText(calls: CallView[]): string {
  return calls
    .map((c) => {
      if (!c.dates) return `• *${c.label}*: no call`;
      const state = { unset: '', 'not-yet': 'not open yet', open: 'open', closed: 'closed' }[c.state];
      return `• *${c.label}*: ${formatDate(c.dates.opensOn)} to ${formatDate(c.dates.closesOn)} (${state})`;
    })
    .join('\n');
}

export function settingsSavedModal(calls: CallView[]): Modal {
  return doneModal('Saved', `:white_check_mark: Calls for proposals:\n${callsText(calls)}`);
}

export function settingsReply(calls: CallView[]): Reply {
  return {
    text: 'Calls for proposals',
    blocks: [section(`*Calls for proposals*\n${callsText(calls)}`), actions([button('Set the dates', ProposalIds.settingsOpen, 'settings', 'primary')], 'proposal-settings')],
  };
}

export function proposalNudge(p: { groupId: number; groupName: string; callKey: string; closesOn: string; days: number; zone: string }): ReminderMessage {
  const lead = `The call for *${escapeMrkdwn(callLabel(p.callKey))}* proposals closes in ${plural(p.days, 'day')} (${slackDateTime(endOfDay(p.closesOn, p.zone), p.zone)}), and *${escapeMrkdwn(p.groupName)}* hasn't submitted one.`;
  return {
    text: lead.replace(/\*/g, ''),
    blocks: [
      section(`:bulb: ${lead}`),
      actions([button('Submit a proposal', ProposalIds.proposeOpen, String(p.groupId), 'primary')], 'proposal-nudge'),
      context(`You get this as a current convener of ${escapeMrkdwn(p.groupName)}. No more reminders for this call once the group has submitted.`),
    ],
  };
}

/** `/ig info`'s line: the group's accepted proposals. */
export function acceptedText(accepted: { title: string; callKey: string; decidedAt: Date | null }[]): string {
  if (accepted.length === 0) return '_none yet_';
  const lines = accepted.slice(0, 10).map((a) => `• ${escapeMrkdwn(truncate(a.title, 150))} (${escapeMrkdwn(callLabel(a.callKey))}${a.decidedAt ? `, ${formatDate(a.decidedAt.toISOString().slice(0, 10))}` : ''})`);
  return `${lines.join('\n')}${accepted.length > 10 ? `\n…and ${accepted.length - 10} more` : ''}`;
}
