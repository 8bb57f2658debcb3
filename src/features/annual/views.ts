// Annual Conference space requests: the request form, staff's settings and queue, the decision
// forms and what the convener, the group channel and the nudges say. Pure Block Kit.
import type { Group } from '../../generated/prisma/client.js';
import { actions, type Block, button, context, divider, header, type Reply, section } from '../../lib/slack/blocks.js';
import { checkboxes, datePicker, doneModal, input, type Modal, modal, staticSelect, textInput } from '../../lib/slack/modal.js';
import { escapeMrkdwn, mentionUser, plural, truncate } from '../../lib/slack/text.js';
import { endOfDay, formatDate, formatTimeSpan, formatWeekday, slackDateTime, zonedInstant } from '../../lib/time.js';
import type { ReminderMessage } from '../reminders/types.js';
import { AnnualIds } from './ids.js';
import { ACKNOWLEDGEMENT, timeLabel, TIMES_OF_DAY } from './rules.js';
import type { ConferenceView, Decided, RequestForm } from './service.js';
import type { Decision, RequestFields } from './store.js';

const dayChoice = (d: string) => ({ text: formatWeekday(d), value: d });

/** "Sat, Jun 26 · 2:00–3:00 PM": a confirmed slot, in the conference's own wall-clock time. */
export function slotText(day: string, start: string, end: string): string {
  return formatTimeSpan(zonedInstant(day, start, 'UTC'), zonedInstant(day, end, 'UTC'), 'UTC');
}

export function requestModal(f: RequestForm): Modal {
  const e = f.existing;
  const c = f.conference;
  return modal(
    AnnualIds.requestModal,
    'Space at Annual',
    [
      section(`Request in-person discussion space at *${escapeMrkdwn(c.name)}* for *${escapeMrkdwn(f.group.name)}*. Requests close ${formatDate(c.closeOn)}; you can change yours until staff decide it.`),
      input('days', 'Preferred days', checkboxes(c.days.map(dayChoice), e?.days ?? [])),
      input('times', 'Preferred times', checkboxes(TIMES_OF_DAY.map((t) => ({ text: t.text, value: t.value })), e?.times ?? [])),
      input('attendance', 'Expected attendance', { type: 'number_input', is_decimal_allowed: false, min_value: '1', max_value: '1000', ...(e ? { initial_value: String(e.attendance) } : {}) }),
      input('notes', 'Notes', textInput({ multiline: true, max: 2000, initial: e?.notes, placeholder: 'Topics, accessibility needs, anything staff should know' }), { optional: true }),
      input('ack', 'Terms', checkboxes([{ text: 'I acknowledge the terms below', value: 'yes' }]), { hint: ACKNOWLEDGEMENT }),
    ],
    { submit: e ? 'Save changes' : 'Request', metadata: { groupId: f.group.id, conferenceId: c.id } },
  );
}

function requestLines(f: RequestFields): string {
  return [
    `*Days:* ${f.days.map(formatWeekday).join('; ')}`,
    `*Times:* ${f.times.map(timeLabel).join('; ')}`,
    `*Expected attendance:* ${f.attendance}`,
    ...(f.notes ? [`*Notes:* ${escapeMrkdwn(truncate(f.notes, 1500))}`] : []),
  ].join('\n');
}

export function requestedModal(r: { group: Group; conference: ConferenceView; created: boolean; fields: RequestFields }): Modal {
  const lead = r.created
    ? `:white_check_mark: Requested space at *${escapeMrkdwn(r.conference.name)}* for *${escapeMrkdwn(r.group.name)}*. Staff will confirm a room and time or tell you why not.`
    : `:white_check_mark: Saved the changes to the request of *${escapeMrkdwn(r.group.name)}* for *${escapeMrkdwn(r.conference.name)}*.`;
  return doneModal('Requested', `${lead}\n\n${requestLines(r.fields)}\n\nYou can change it with \`/ig annual ${escapeMrkdwn(truncate(r.group.name, 100))}\` until ${formatDate(r.conference.closeOn)} or until staff decide it.`);
}

export function settingsModal(c: ConferenceView | null): Modal {
  return modal(
    AnnualIds.settingsModal,
    'Annual Conference',
    [
      section(c ? `The next Annual Conference. Changing the days keeps the requests made so far.` : 'No upcoming Annual Conference is set up. Conveners can request space once you save one.'),
      input('name', 'Conference name', textInput({ max: 100, initial: c?.name, placeholder: 'ALA Annual Conference 2027' })),
      input('firstDay', 'First day', datePicker(c?.firstDay)),
      input('lastDay', 'Last day', datePicker(c?.lastDay)),
      input('closeOn', 'Requests close', datePicker(c?.closeOn), { hint: 'Conveners can request space through the end of this day.' }),
    ],
    { submit: 'Save', metadata: { conferenceId: c?.id ?? 0 } },
  );
}

export function settingsSavedModal(c: ConferenceView): Modal {
  return doneModal('Saved', `:white_check_mark: *${escapeMrkdwn(c.name)}*: ${formatDate(c.firstDay)} to ${formatDate(c.lastDay)}. Space requests close ${formatDate(c.closeOn)}.`);
}

/** Requests shown in the queue at once (a message holds at most 50 blocks); pending ones come first. */
const QUEUE_SHOWN = 14;

const STATUS_LABELS = { PENDING: ':hourglass: Pending', CONFIRMED: ':white_check_mark: Confirmed', DECLINED: ':no_entry_sign: Declined' } as const;

type QueueRequest = RequestFields & { id: number; status: keyof typeof STATUS_LABELS; requestedBy: string; group: Pick<Group, 'name'>; room: string | null; slotDay: Date | null; slotStart: string | null; slotEnd: string | null; declineReason: string | null };

function decisionLine(r: QueueRequest): string {
  if (r.status === 'CONFIRMED' && r.slotDay) return `*${escapeMrkdwn(r.room ?? '')}*, ${slotText(r.slotDay.toISOString().slice(0, 10), r.slotStart!, r.slotEnd!)}`;
  if (r.status === 'DECLINED') return `Reason: ${escapeMrkdwn(truncate(r.declineReason ?? '', 500))}`;
  return '';
}

export function queueReply(q: { conference: ConferenceView | null; requests: QueueRequest[] }): Reply {
  const settings = actions([button(q.conference ? 'Conference settings' : 'Set up the conference', AnnualIds.settingsOpen, 'settings', 'primary')], 'annual-settings');
  if (!q.conference) return { text: 'No upcoming Annual Conference is set up.', blocks: [section('No upcoming Annual Conference is set up. Conveners can request discussion space once you set it up.'), settings] };
  const c = q.conference;
  const waiting = q.requests.filter((r) => r.status === 'PENDING').length;
  const blocks: Block[] = [
    header(truncate(`Space requests: ${c.name}`, 150)),
    section(`${formatDate(c.firstDay)} to ${formatDate(c.lastDay)} · requests ${c.open ? 'close' : 'closed'} ${formatDate(c.closeOn)} · ${plural(q.requests.length, 'request')}, ${waiting} waiting`),
    settings,
  ];
  for (const r of q.requests.slice(0, QUEUE_SHOWN)) {
    blocks.push(divider(), section(`*${escapeMrkdwn(r.group.name)}* · ${STATUS_LABELS[r.status]} · by ${mentionUser(r.requestedBy)}\n${requestLines(r)}${decisionLine(r) ? `\n${decisionLine(r)}` : ''}`));
    if (r.status === 'PENDING') blocks.push(actions([button('Confirm', AnnualIds.confirmOpen, String(r.id), 'primary'), button('Decline', AnnualIds.declineOpen, String(r.id), 'danger')], `annual-request-${r.id}`));
  }
  if (q.requests.length === 0) blocks.push(context('No requests yet.'));
  if (q.requests.length > QUEUE_SHOWN) blocks.push(context(`…and ${q.requests.length - QUEUE_SHOWN} more (the oldest first; decide these to see the rest).`));
  return { text: `Space requests for ${c.name}: ${q.requests.length} (${waiting} waiting)`, blocks };
}

export function confirmModal(d: { request: QueueRequest & { id: number }; conference: ConferenceView }): Modal {
  const r = d.request;
  return modal(
    AnnualIds.confirmModal,
    'Confirm space',
    [
      section(`*${escapeMrkdwn(r.group.name)}* at *${escapeMrkdwn(d.conference.name)}*\n${requestLines(r)}`),
      input('room', 'Room', textInput({ max: 200, placeholder: 'Convention Center, Room 204' })),
      input('day', 'Day', staticSelect(d.conference.days.map(dayChoice), r.days[0])),
      input('start', 'Starts (HH:MM, 24-hour)', textInput({ max: 5, placeholder: '14:00' })),
      input('end', 'Ends (HH:MM, 24-hour)', textInput({ max: 5, placeholder: '15:00' })),
    ],
    { submit: 'Confirm', metadata: { requestId: r.id } },
  );
}

export function declineModal(d: { request: QueueRequest & { id: number }; conference: ConferenceView }): Modal {
  return modal(
    AnnualIds.declineModal,
    'Decline request',
    [
      section(`Decline the request of *${escapeMrkdwn(d.request.group.name)}* for space at *${escapeMrkdwn(d.conference.name)}*. The convener and the group's channel see the reason.`),
      input('reason', 'Reason', textInput({ multiline: true, max: 2000 })),
    ],
    { submit: 'Decline', metadata: { requestId: d.request.id } },
  );
}

function decisionText(group: string, conference: string, d: Decision): string {
  return d.status === 'CONFIRMED'
    ? `:white_check_mark: Discussion space at *${conference}* is confirmed for *${group}*: *${escapeMrkdwn(d.room)}*, ${slotText(d.slotDay, d.slotStart, d.slotEnd)}.`
    : `:no_entry_sign: The request of *${group}* for discussion space at *${conference}* was declined. Reason: ${escapeMrkdwn(d.reason)}`;
}

export function decidedModal(d: Decided): Modal {
  const text = decisionText(escapeMrkdwn(d.request.group.name), escapeMrkdwn(d.conference.name), d.decision);
  return doneModal(d.decision.status === 'CONFIRMED' ? 'Confirmed' : 'Declined', `${text}\n\nI'm telling ${mentionUser(d.request.requestedBy)}${d.request.group.channelId ? ' and the group\'s channel' : ''}.`);
}

/** The convener's DM and the group channel's post. */
export function decisionMessage(d: Decided): Reply {
  const text = decisionText(escapeMrkdwn(d.request.group.name), escapeMrkdwn(d.conference.name), d.decision);
  const note = d.decision.status === 'CONFIRMED' ? 'Default room layout; no A/V support. Bring what you need for the discussion.' : 'Questions? Write to Core staff.';
  return { text: text.replace(/\*/g, ''), blocks: [section(text), context(note)] };
}

export function requestNudge(p: { groupId: number; groupName: string; conference: string; closeOn: string; days: number; zone: string }): ReminderMessage {
  const lead = `Requests for in-person discussion space at *${escapeMrkdwn(p.conference)}* close in ${plural(p.days, 'day')} (${slackDateTime(endOfDay(p.closeOn, p.zone), p.zone)}), and *${escapeMrkdwn(p.groupName)}* hasn't asked for any.`;
  return {
    text: lead.replace(/\*/g, ''),
    blocks: [
      section(`:classical_building: ${lead} Want a room to meet in person?`),
      actions([button('Request space', AnnualIds.requestOpen, String(p.groupId), 'primary')], 'annual-nudge'),
      context(`You get this as a current convener of ${escapeMrkdwn(p.groupName)}. No more reminders once the group has requested space.`),
    ],
  };
}
