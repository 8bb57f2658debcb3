// Petition messages and modals: pure Block Kit builders. Every piece of user text is escaped.
import type { GroupLevel, PetitionKind } from '../../generated/prisma/enums.js';
import { type Block, type PlainText, type Reply, actions, button, context, fields, header, option, plain, section } from '../../lib/slack/blocks.js';
import { escapeMrkdwn, mentionChannel, mentionUser, plural, truncate } from '../../lib/slack/text.js';
import { formatDate, isoDateOf, slackDateTime } from '../../lib/time.js';
import { ROLE_LABELS } from '../admin/rules.js';
import { FormBlocks, INPUT, OrganizerBlocks, PetitionIds } from './ids.js';
import {
  type DuplicateMatch,
  duplicateReasons,
  INITIAL_ORGANIZER_ROWS,
  KIND_RULES,
  LEVEL_LABELS,
  LIMITS,
  MAX_FEEDBACK_DAYS,
  progressLine,
  STATUS_LABELS,
} from './rules.js';
import type { OrganizerAddress, PetitionRow } from './store.js';

const e = escapeMrkdwn;

export interface Modal {
  type: 'modal';
  callback_id: string;
  private_metadata: string;
  title: PlainText;
  submit: PlainText;
  close: PlainText;
  blocks: Block[];
}

/** How sentences name a petition: "petition #3 (*Metadata Wranglers*)". */
export function petitionRef(p: Pick<PetitionRow, 'id' | 'name'>, sentenceStart = false): string {
  return `${sentenceStart ? 'P' : 'p'}etition #${p.id} (*${e(p.name)}*)`;
}

function mentions(ids: string[]): string {
  return ids.map(mentionUser).join(', ');
}

function approverLabel(kind: PetitionKind): string {
  return ROLE_LABELS[KIND_RULES[kind].approver];
}

function kindLine(kind: PetitionKind, level: GroupLevel | null): string {
  return `${KIND_RULES[kind].label}${level ? ` (${LEVEL_LABELS[level]} level)` : ''}`;
}

// ---------------------------------------------------------------------------
// Starting a petition

export function kindChoiceReply(): Reply {
  const text = 'Which kind of group would you like to petition for?';
  return {
    text,
    blocks: [
      section(`*${text}*\nBefore you start, check \`/ig list\` that no existing group already does this.`),
      actions(
        [
          button(KIND_RULES.CORE_IG.label, `${PetitionIds.kind}.CORE_IG`, 'CORE_IG', 'primary'),
          button(KIND_RULES.MIG.label, `${PetitionIds.kind}.MIG`, 'MIG'),
        ],
        'petition-kind',
      ),
      context(
        `*${KIND_RULES.CORE_IG.label}*: at least one convener (a Core member) and ${KIND_RULES.CORE_IG.threshold} more signatures; approved by the ${approverLabel('CORE_IG')}.`,
        `*${KIND_RULES.MIG.label}*: a statement of purpose, the organizers' names and mailing addresses, and ${KIND_RULES.MIG.threshold} signatures of ALA members in good standing; approved by the ${approverLabel('MIG')} and reported to Council.`,
      ),
    ],
  };
}

export interface FormMeta {
  kind: PetitionKind;
  /** Where /petition was run: the fallback petitions channel. */
  channel: string;
  /** MIGs: how many organizer rows the form shows (default INITIAL_ORGANIZER_ROWS). */
  rows?: number;
}

/** Organizer rows shown: at least one, at most LIMITS.leaders. */
export function organizerRows(meta: FormMeta): number {
  return Math.min(LIMITS.leaders, Math.max(1, Math.trunc(meta.rows ?? INITIAL_ORGANIZER_ROWS)));
}

/** One row per MIG organizer: who (a user select) and their mailing address. The first row is required. */
function organizerRowBlocks(rows: number): Block[] {
  const blocks: Block[] = [];
  for (let row = 1; row <= rows; row++) {
    blocks.push({
      type: 'input',
      block_id: OrganizerBlocks.organizer(row),
      ...(row > 1 ? { optional: true } : {}),
      label: plain(`Organizer ${row}`),
      ...(row === 1 ? { hint: plain('Organizers must be ALA members. They do not count as signers.') } : {}),
      element: { type: 'users_select', action_id: INPUT, placeholder: plain('Choose an organizer') },
    });
    blocks.push({
      ...textInput(OrganizerBlocks.address(row), `Mailing address of organizer ${row}`, {
        multiline: true,
        max: LIMITS.address.max,
        placeholder: 'Street, city, state or province, postal code, country',
      }),
      ...(row > 1 ? { optional: true } : {}),
    });
  }
  if (rows < LIMITS.leaders) {
    blocks.push(actions([button('Add another organizer', PetitionIds.addOrganizer, String(rows + 1))], 'petition-add-organizer'));
  }
  return blocks;
}

function textInput(blockId: string, label: string, opts: { multiline?: boolean; max: number; placeholder?: string; hint?: string }): Block {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    ...(opts.hint ? { hint: plain(opts.hint) } : {}),
    element: {
      type: 'plain_text_input',
      action_id: INPUT,
      multiline: Boolean(opts.multiline),
      max_length: opts.max,
      ...(opts.placeholder ? { placeholder: plain(opts.placeholder, 150) } : {}),
    },
  };
}

export function formView(meta: FormMeta): Modal {
  const rules = KIND_RULES[meta.kind];
  const blocks: Block[] = [
    section(
      meta.kind === 'CORE_IG'
        ? `A ${KIND_RULES.CORE_IG.label} needs at least one convener who is a Core member, and ${rules.threshold} more people to sign. The ${approverLabel('CORE_IG')} approves it.`
        : `A ${KIND_RULES.MIG.label} needs ${rules.threshold} signatures of ALA members in good standing and its organizers' names and mailing addresses. The ${approverLabel('MIG')} approves it and reports it to Council.`,
    ),
    textInput(FormBlocks.name, 'Group name', { max: LIMITS.name.max, placeholder: 'e.g. Metadata Wranglers' }),
    textInput(FormBlocks.purpose, 'Statement of purpose', { multiline: true, max: LIMITS.purpose.max, hint: 'What the group is for and who it serves.' }),
  ];
  if (meta.kind === 'CORE_IG') {
    blocks.push({
      type: 'input',
      block_id: FormBlocks.level,
      label: plain('Level'),
      element: {
        type: 'static_select',
        action_id: INPUT,
        placeholder: plain('Division or section'),
        options: [option('Division', 'DIVISION'), option('Section', 'SECTION')],
      },
    });
  }
  if (meta.kind === 'CORE_IG') {
    blocks.push({
      type: 'input',
      block_id: FormBlocks.leaders,
      label: plain(rules.leaders),
      hint: plain('Conveners must be Core members. They do not count as signers.'),
      element: { type: 'multi_users_select', action_id: INPUT, max_selected_items: LIMITS.leaders, placeholder: plain(`Choose the ${rules.leader}s`) },
    });
  } else {
    blocks.push(section(`*Organizers* — each organizer and their mailing address (addresses go to the ${approverLabel('MIG')} and staff; they are never posted).`), ...organizerRowBlocks(organizerRows(meta)));
  }
  blocks.push({
    type: 'input',
    block_id: FormBlocks.feedback,
    optional: true,
    label: plain('Feedback until'),
    hint: plain(`Optional: share the proposal for comments until this day (at most ${MAX_FEEDBACK_DAYS} days); signing opens the next morning. Leave empty to open for signatures at once.`),
    element: { type: 'datepicker', action_id: INPUT, placeholder: plain('No feedback period') },
  });
  return {
    type: 'modal',
    callback_id: PetitionIds.form,
    private_metadata: JSON.stringify(meta),
    title: plain(meta.kind === 'CORE_IG' ? 'New interest group' : 'New MIG'),
    submit: plain('Continue'),
    close: plain('Cancel'),
    blocks,
  };
}

export function duplicatesView(draftId: number, matches: DuplicateMatch[]): Modal {
  const blocks: Block[] = [
    section(
      `*${plural(matches.length, 'group or petition', 'groups or petitions')} look${matches.length === 1 ? 's' : ''} close to yours.* Joining an existing group or signing an open petition may serve you better.`,
    ),
    ...matches.map((m, i) =>
      section(`*${e(m.candidate.name)}* — ${e(m.candidate.label)}\n_Why: ${duplicateReasons(m).join('; ')}_`, { block_id: `duplicate-${i}` }),
    ),
    context('*Go back* to change your proposal, or *Continue anyway* if yours is different.'),
  ];
  return {
    type: 'modal',
    callback_id: PetitionIds.confirm,
    private_metadata: String(draftId),
    title: plain('Possible duplicates'),
    submit: plain('Continue anyway'),
    close: plain('Go back'),
    blocks,
  };
}

export function rejectView(p: PetitionRow): Modal {
  return {
    type: 'modal',
    callback_id: PetitionIds.rejectForm,
    private_metadata: String(p.id),
    title: plain(`Reject petition #${p.id}`, 24),
    submit: plain('Reject'),
    close: plain('Cancel'),
    blocks: [
      section(`Why is *${e(p.name)}* not approved? The ${KIND_RULES[p.kind].leader}s and the person who filed the petition will read this.`),
      textInput(FormBlocks.reason, 'Reason', { multiline: true, max: LIMITS.reason.max }),
    ],
  };
}

// ---------------------------------------------------------------------------
// The petition message

function statusText(p: PetitionRow, zone: string, groupChannel?: string | null): string {
  const progress = progressLine(p.signatureCount, p.threshold);
  switch (p.status) {
    case 'IN_REVIEW':
      return `:speech_balloon: *${STATUS_LABELS.IN_REVIEW}* — feedback is welcome in this thread until ${p.feedbackUntil ? formatDate(isoDateOf(p.feedbackUntil)) : 'signing opens'}. Signing opens ${slackDateTime(p.opensAt, zone)}.`;
    case 'COLLECTING':
      return `:writing_hand: *${progress}* — collecting until ${slackDateTime(p.expiresAt, zone)}.`;
    case 'AWAITING_APPROVAL':
      return `:hourglass_flowing_sand: *${STATUS_LABELS.AWAITING_APPROVAL}* by the ${approverLabel(p.kind)} — ${progress}. More signatures are still welcome.`;
    case 'APPROVED':
      return `:tada: *${STATUS_LABELS.APPROVED}* with ${progress}. The group is in the directory${groupChannel ? `: ${mentionChannel(groupChannel)}` : ''}.${councilLine(p, zone)}`;
    case 'REJECTED':
      return `*${STATUS_LABELS.REJECTED}* by the ${approverLabel(p.kind)}: ${e(p.rejectionReason ?? '')}`;
    case 'WITHDRAWN':
      return `*${STATUS_LABELS.WITHDRAWN}*${p.decidedBy ? ` by ${mentionUser(p.decidedBy)}` : ''}, with ${progress}.`;
    case 'EXPIRED':
      return `*${STATUS_LABELS.EXPIRED}* with ${progress}: the collection period ended.`;
  }
}

function petitionButtons(p: PetitionRow): Block[] {
  const withdraw = {
    ...button('Withdraw petition', PetitionIds.withdraw, String(p.id), 'danger'),
    confirm: {
      title: plain('Withdraw this petition?'),
      text: plain('It closes for good; signatures are kept in the record.'),
      confirm: plain('Withdraw'),
      deny: plain('Keep it'),
    },
  };
  const sign = button('Sign', PetitionIds.sign, String(p.id), 'primary');
  const unsign = button('Withdraw signature', PetitionIds.unsign, String(p.id));
  if (p.status === 'IN_REVIEW') return [withdraw];
  if (p.status === 'COLLECTING') return [sign, unsign, withdraw];
  if (p.status === 'AWAITING_APPROVAL') return [sign, withdraw];
  return [];
}

/** The petition as posted in the petitions channel (and shown by `/petition status`). */
export function petitionMessage(p: PetitionRow, zone: string, groupChannel?: string | null): Reply {
  const rules = KIND_RULES[p.kind];
  const blocks: Block[] = [
    header(`Petition #${p.id}: ${p.name}`),
    section(`*Proposed:* ${kindLine(p.kind, p.level)} · filed by ${mentionUser(p.petitioner)}`),
    section(e(truncate(p.purpose, 2900)), { block_id: 'petition-purpose' }),
    fields([
      `*${rules.leaders}*\n${mentions(p.organizers)}`,
      `*Signatures needed*\n${p.threshold}${p.kind === 'MIG' ? ' ALA members in good standing' : ''}, besides the ${rules.leader}s`,
    ]),
    section(statusText(p, zone, groupChannel), { block_id: 'petition-status' }),
  ];
  const buttons = petitionButtons(p);
  if (buttons.length) blocks.push(actions(buttons, 'petition-actions'));
  if (p.status === 'COLLECTING') blocks.push(context('Signing is one click; you can withdraw your signature while signatures are being collected.'));
  return { text: `Petition #${p.id}: ${e(p.name)} — ${STATUS_LABELS[p.status]}`, blocks };
}

export interface TimelineEntry {
  at: Date;
  actor: string;
  label: string;
  detail?: string;
}

export function statusReply(p: PetitionRow, timeline: TimelineEntry[], signatureEvents: number, zone: string, groupChannel?: string | null): Reply {
  const message = petitionMessage(p, zone, groupChannel);
  const lines = timeline.map((t) => {
    const who = t.actor === 'system' ? '' : ` by ${mentionUser(t.actor)}`;
    return `• ${slackDateTime(t.at, zone)} — ${t.label}${who}${t.detail ? `: ${e(t.detail)}` : ''}`;
  });
  if (signatureEvents > 0) lines.push(`• …and ${plural(signatureEvents, 'signature event')} (signing and withdrawing)`);
  const blocks = [...message.blocks!];
  blocks.splice(blocks.length - (blocks.at(-1)?.type === 'context' ? 1 : 0), 0, section(`*Timeline*\n${lines.join('\n')}`, { block_id: 'petition-timeline' }));
  return { text: message.text, blocks };
}

export function listReply(petitions: PetitionRow[], zone: string): Reply {
  if (petitions.length === 0) {
    const text = 'No petitions are open right now. `/petition` starts one.';
    return { text, blocks: [section(text)] };
  }
  const shown = petitions.slice(0, 40);
  const blocks: Block[] = [section(`*${plural(petitions.length, 'open petition')}*`)];
  for (const p of shown) {
    const state =
      p.status === 'IN_REVIEW'
        ? `in review, signing opens ${slackDateTime(p.opensAt, zone)}`
        : p.status === 'COLLECTING'
          ? `${progressLine(p.signatureCount, p.threshold)}, closes ${slackDateTime(p.expiresAt, zone)}`
          : `${progressLine(p.signatureCount, p.threshold)}, awaiting approval`;
    blocks.push(section(`*#${p.id} ${e(p.name)}*\n${kindLine(p.kind, p.level)} · ${state}`, { block_id: `petition-${p.id}`, accessory: button('Details', PetitionIds.details, String(p.id)) }));
  }
  if (petitions.length > shown.length) blocks.push(context(`…and ${petitions.length - shown.length} more.`));
  blocks.push(context('`/petition status <number>` shows one petition with its timeline.'));
  return { text: `${plural(petitions.length, 'open petition')}`, blocks };
}

export function helpReply(unknown?: string): Reply {
  const intro = unknown ? `\`/petition ${e(unknown)}\` isn't a command I know.` : `*Petitions* ask for a new group: a ${KIND_RULES.CORE_IG.label} or a ${KIND_RULES.MIG.label}.`;
  const lines = [
    '`/petition` — choose the kind of group and fill in the petition',
    `\`/petition ig\` — petition for a ${KIND_RULES.CORE_IG.label}`,
    `\`/petition mig\` — petition for a ${KIND_RULES.MIG.label}`,
    '`/petition list` — open petitions and how many signatures they have',
    '`/petition status <number>` — one petition with its timeline',
    '`/petition help` — this text',
  ];
  return { text: intro, blocks: [section(intro), section(lines.join('\n'))] };
}

// ---------------------------------------------------------------------------
// Approval

/** Each MIG organizer with their mailing address (older petitions: the addresses as typed in one box). */
function addressBlocks(p: PetitionRow, addresses: OrganizerAddress[]): Block[] {
  if (addresses.length) {
    return addresses.map((a) => section(`*${mentionUser(a.slackUserId)}* — mailing address\n${e(truncate(a.address, 2800))}`, { block_id: `petition-address-${a.position}` }));
  }
  return p.mailingAddresses ? [section(`*Organizers' mailing addresses*\n${e(truncate(p.mailingAddresses, 2800))}`)] : [];
}

export function approvalRequest(p: PetitionRow, addresses: OrganizerAddress[] = []): Reply {
  const rules = KIND_RULES[p.kind];
  const ask = `${petitionRef(p, true)} has ${progressLine(p.signatureCount, p.threshold)} and needs a decision by the ${approverLabel(p.kind)}.`;
  const pairs = [`*Kind*\n${kindLine(p.kind, p.level)}`, `*${rules.leaders}*\n${mentions(p.organizers)}`, `*Filed by*\n${mentionUser(p.petitioner)}`];
  const blocks: Block[] = [
    section(`:inbox_tray: ${ask}`),
    section(e(truncate(p.purpose, 2900))),
    fields(pairs),
    ...addressBlocks(p, addresses),
    actions(
      [
        {
          ...button('Approve', PetitionIds.approve, String(p.id), 'primary'),
          confirm: { title: plain('Approve and create the group?'), text: plain('This adds the group to the directory and creates its channel.'), confirm: plain('Approve'), deny: plain('Not yet') },
        },
        button('Reject', PetitionIds.reject, String(p.id), 'danger'),
      ],
      'petition-decision',
    ),
  ];
  if (p.kind === 'MIG') blocks.push(context('An approved MIG is reported to Council.'));
  return { text: ask, blocks };
}

/** " *To be reported to Council.*" / " Reported to Council on … by …." / "" for approvals Council needn't hear of. */
function councilLine(p: PetitionRow, zone?: string): string {
  if (!p.reportToCouncil) return '';
  if (!p.reportedToCouncilAt) return ' *To be reported to Council.*';
  const when = zone ? ` ${slackDateTime(p.reportedToCouncilAt, zone)}` : '';
  return ` Reported to Council${when}${p.reportedToCouncilBy ? ` by ${mentionUser(p.reportedToCouncilBy)}` : ''}.`;
}

/** Staff's "Mark reported to Council" button, while an approved MIG isn't marked yet. */
export function councilButton(p: PetitionRow): Block[] {
  if (p.status !== 'APPROVED' || !p.reportToCouncil || p.reportedToCouncilAt) return [];
  return [
    actions(
      [
        {
          ...button('Mark reported to Council', PetitionIds.reportedToCouncil, String(p.id), 'primary'),
          confirm: { title: plain('Reported to Council?'), text: plain('Records that staff reported this approval to Council, with your name and the time.'), confirm: plain('Yes, reported'), deny: plain('Not yet') },
        },
      ],
      'petition-council',
    ),
    context('Staff: press it once the approval has been reported to Council.'),
  ];
}

/** The approval request once someone has decided (or the petition was withdrawn); staff mark a MIG reported to Council here. */
export function approvalClosed(p: PetitionRow, groupChannel?: string | null, zone?: string): Reply {
  const outcome =
    p.status === 'APPROVED'
      ? `:white_check_mark: Approved by ${mentionUser(p.decidedBy ?? '')}${groupChannel ? `; the group's channel is ${mentionChannel(groupChannel)}` : ''}.${councilLine(p, zone)}`
      : p.status === 'REJECTED'
        ? `:x: Not approved by ${mentionUser(p.decidedBy ?? '')}: ${e(p.rejectionReason ?? '')}`
        : `${STATUS_LABELS[p.status]}.`;
  const text = `Petition #${p.id}: ${e(p.name)} — ${outcome}`;
  return { text, blocks: [section(text), ...councilButton(p)] };
}

export function reportedToCouncilReply(p: PetitionRow, zone: string): Reply {
  return { text: `:white_check_mark: ${petitionRef(p, true)}: the approval is recorded as reported to Council${p.reportedToCouncilAt ? ` (${slackDateTime(p.reportedToCouncilAt, zone)})` : ''}. Staff reminders stop.` };
}

/** The weekly nudge to staff until an approved MIG is marked reported to Council. */
export function councilNudge(p: PetitionRow, zone: string): Reply {
  const approved = p.decidedAt ? ` on ${slackDateTime(p.decidedAt, zone)}` : '';
  const text = `:classical_building: ${petitionRef(p, true)} was approved${approved} by the ${approverLabel(p.kind)} and is not yet reported to Council. Once you have reported it, mark it here; these weekly reminders stop then.`;
  return { text, blocks: [section(text), ...councilButton(p)] };
}

export function approvedReply(p: PetitionRow, outcome: ApprovalOutcome): Reply {
  const parts = [`:white_check_mark: Approved ${petitionRef(p)}: the ${KIND_RULES[p.kind].label} is in the directory.`];
  if (outcome.channel.kind === 'created') parts.push(`Its channel is ${mentionChannel(outcome.channel.id)}; ${plural(outcome.invited, 'person', 'people')} invited.`);
  else parts.push(`I couldn't create its channel (Slack said \`${outcome.channel.reason}\`); staff can create one and link it.`);
  if (outcome.notInvited.length) parts.push(`Not invited: ${mentions(outcome.notInvited)}.`);
  if (p.reportToCouncil) parts.push('*To be reported to Council.*');
  return { text: parts.join(' ') };
}

export interface ApprovalOutcome {
  channel: { kind: 'created'; id: string } | { kind: 'failed'; reason: string };
  invited: number;
  notInvited: string[];
}

export function announcement(p: PetitionRow, channelId: string | null): Reply {
  const text = `:tada: New ${KIND_RULES[p.kind].label}: *${e(p.name)}*`;
  const join = channelId ? `Join ${mentionChannel(channelId)} or type \`/ig join ${e(p.name)}\`.` : `Type \`/ig join ${e(p.name)}\` to join.`;
  return { text, blocks: [section(`${text}\n${e(truncate(p.purpose, 600))}`), context(join)] };
}

export function welcome(p: PetitionRow): Reply {
  const text = `:wave: Welcome to *${e(p.name)}*! This channel was created when petition #${p.id} was approved. ${KIND_RULES[p.kind].leaders}: ${mentions(p.organizers)}.`;
  return { text, blocks: [section(text), section(`*Purpose*\n${e(truncate(p.purpose, 2900))}`)] };
}

// ---------------------------------------------------------------------------
// Replies and direct messages

export function filedDm(p: PetitionRow, posted: { ok: true } | { ok: false; reason: string }, zone: string): Reply {
  const where = posted.ok
    ? `It is posted in ${mentionChannel(p.channelId)}.`
    : `I couldn't post it in ${mentionChannel(p.channelId)} (Slack said \`${posted.reason}\`); ask staff to set the petitions channel. People can still sign it from \`/petition status ${p.id}\`.`;
  const next =
    p.status === 'IN_REVIEW'
      ? `It is in review: comments go in its thread until ${formatDate(isoDateOf(p.feedbackUntil!))}, and signing opens ${slackDateTime(p.opensAt, zone)}.`
      : `It is open for signatures: it needs ${p.threshold} besides the ${KIND_RULES[p.kind].leader}s.`;
  const text = `:memo: Your ${petitionRef(p)} is filed. ${where} ${next}`;
  return { text, blocks: [section(text)] };
}

export function signedReply(p: PetitionRow): Reply {
  return { text: `:white_check_mark: You signed ${petitionRef(p)}. It now has ${progressLine(p.signatureCount, p.threshold)}.` };
}

export function unsignedReply(p: PetitionRow): Reply {
  return { text: `Your signature on ${petitionRef(p)} is withdrawn. It now has ${progressLine(p.signatureCount, p.threshold)}.` };
}

export function thresholdDm(p: PetitionRow): Reply {
  return { text: `:tada: Your ${petitionRef(p)} reached ${progressLine(p.threshold, p.threshold)}. It now goes to the ${approverLabel(p.kind)} for approval; I'll tell you their decision.` };
}

export function milestoneDm(p: PetitionRow, percent: number): Reply {
  return { text: `:chart_with_upwards_trend: Your ${petitionRef(p)} is at ${percent}% of its goal: ${progressLine(p.signatureCount, p.threshold)}.` };
}

export function approvedDm(p: PetitionRow, channelId: string | null): Reply {
  const where = channelId ? ` Its channel is ${mentionChannel(channelId)}.` : '';
  return { text: `:tada: Your ${petitionRef(p)} was approved by the ${approverLabel(p.kind)}: the group is in the directory.${where}` };
}

export function rejectedDm(p: PetitionRow): Reply {
  return { text: `Your ${petitionRef(p)} was not approved by the ${approverLabel(p.kind)}. Their reason: ${e(p.rejectionReason ?? '')}` };
}

export function withdrawnReply(p: PetitionRow): Reply {
  return { text: `${petitionRef(p, true)} is withdrawn.` };
}

// ---------------------------------------------------------------------------
// Scheduled nudges (built by schedule.ts at delivery time)

export function openedNotice(p: PetitionRow, zone: string): Reply {
  const text = `:writing_hand: Petition #${p.id} (*${e(p.name)}*) is now open for signatures (${progressLine(p.signatureCount, p.threshold)}), until ${slackDateTime(p.expiresAt, zone)}.`;
  const blocks: Block[] = [section(text)];
  if (p.status === 'COLLECTING' || p.status === 'IN_REVIEW') blocks.push(actions([button('Sign', PetitionIds.sign, String(p.id), 'primary')], 'petition-open'));
  return { text, blocks };
}

export function expiryWarning(p: PetitionRow, daysBefore: number, zone: string): Reply {
  const text = `:alarm_clock: Your ${petitionRef(p)} has ${progressLine(p.signatureCount, p.threshold)} and closes ${slackDateTime(p.expiresAt, zone)} (in ${plural(daysBefore, 'day')}) unless it reaches ${p.threshold}.`;
  return { text, blocks: [section(text, { accessory: button('Details', PetitionIds.details, String(p.id)) })] };
}

export function expiredNotice(p: PetitionRow): Reply {
  return { text: `Your ${petitionRef(p)} closed with ${progressLine(p.signatureCount, p.threshold)}: the collection period ended before it reached ${p.threshold}. You can file it again with \`/petition\`.` };
}
