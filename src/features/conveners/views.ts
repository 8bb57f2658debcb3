// Conveners and business meetings: pure Block Kit builders.
import type { Group } from '../../generated/prisma/client.js';
import { type Block, type Reply, actions, button, context, section } from '../../lib/slack/blocks.js';
import { escapeMrkdwn, mentionUser } from '../../lib/slack/text.js';
import { formatDate } from '../../lib/time.js';
import { datePicker, doneModal, input, type Modal, modal, radios, staticSelect, textInput } from '../../lib/slack/modal.js';
import { ConvenerIds } from './ids.js';
import type { TermSpan } from './rules.js';
import type { TermView } from './service.js';

export function termText(t: TermSpan): string {
  return `${formatDate(t.startsOn)} – ${formatDate(t.endsOn)}`;
}

function termLines(terms: TermView[]): string {
  return terms.map((t) => `• ${t.label} — ${termText(t)}`).join('\n');
}

export function convenersReply(data: { group: Group; current: TermView[]; incoming: TermView[]; canAdd: boolean }): Reply {
  const name = escapeMrkdwn(data.group.name);
  const blocks: Block[] = [
    section(`*Conveners of ${name}*\n${data.current.length ? termLines(data.current) : '_No current convener recorded._'}`),
    section(`*Incoming*\n${data.incoming.length ? termLines(data.incoming) : '_No incoming convener recorded yet._'}`),
  ];
  if (data.canAdd) {
    blocks.push(actions([button('Add incoming convener', ConvenerIds.add, String(data.group.id), 'primary')], 'conveners-actions'));
    blocks.push(context('Terms run July 1 – June 30. Co-conveners may overlap; nobody serves more than two consecutive years in the same office.'));
  }
  return { text: `Conveners of ${data.group.name}`, blocks };
}

export function addModal(group: Group, term: TermSpan): Modal {
  return modal(
    ConvenerIds.addModal,
    'Add a convener',
    [
      section(`Incoming convener for *${escapeMrkdwn(group.name)}*. Staff are told the name (the report to the Core Office).`),
      input('person', 'Convener', { type: 'users_select', placeholder: { type: 'plain_text', text: 'Choose a person' } }),
      input('starts', 'First day of the term', datePicker(term.startsOn)),
      input('ends', 'Last day of the term', datePicker(term.endsOn), { hint: 'A term is one year: July 1 to June 30 unless the group agreed otherwise.' }),
    ],
    { submit: 'Add', metadata: { groupId: group.id } },
  );
}

export function convenerAddedModal(group: Group, slackUserId: string, term: TermSpan): Modal {
  return doneModal(
    'Convener added',
    `:white_check_mark: ${mentionUser(slackUserId)} will convene *${escapeMrkdwn(group.name)}* for the term ${termText(term)}. I've reported the name to staff.`,
  );
}

export interface IncomingEntry {
  slackUserId: string;
  term: TermSpan;
}

/** The report of incoming conveners to the Core Office (staff channel or staff DMs). */
export function incomingReport(group: Pick<Group, 'name'>, entries: IncomingEntry[], how: string): Reply {
  const lines = entries.map((e) => `• ${mentionUser(e.slackUserId)} — ${termText(e.term)}`).join('\n');
  const text = `Incoming convener${entries.length === 1 ? '' : 's'} for *${escapeMrkdwn(group.name)}* (${how}):\n${lines}`;
  return { text, blocks: [section(text)] };
}

export const FORMAT_LABELS = { VIRTUAL: 'Virtual', IN_PERSON: 'In person' } as const;

export function meetingModal(groups: Group[], fixed: Group | undefined, today: string): Modal {
  const blocks: Block[] = [];
  if (fixed) blocks.push(section(`Business meeting of *${escapeMrkdwn(fixed.name)}*. Official meetings are held virtually in January and virtually or in person in June.`));
  else {
    blocks.push(
      input('group', 'Group', staticSelect(groups.map((g) => ({ text: g.name, value: String(g.id) })), undefined, 'Choose a group')),
    );
  }
  blocks.push(
    input('date', 'Date held', datePicker(today)),
    input('format', 'Format', radios([{ text: 'Virtual', value: 'VIRTUAL' }, { text: 'In person', value: 'IN_PERSON' }], 'VIRTUAL')),
    input('notes', 'Notes', textInput({ multiline: true, max: 2900, placeholder: 'Who came, what was decided' }), { optional: true }),
    input('link', 'Minutes or recording link', { type: 'url_text_input' }, { optional: true }),
  );
  return modal(ConvenerIds.meetingModal, 'Business meeting', blocks, { submit: 'Record', metadata: { groupId: fixed?.id } });
}

interface MeetingData {
  heldOn: string;
  format: keyof typeof FORMAT_LABELS;
  notes: string;
  link: string | null;
}

export function meetingRecordedModal(group: Group, m: MeetingData): Modal {
  return doneModal(
    'Meeting recorded',
    `:white_check_mark: Recorded the ${FORMAT_LABELS[m.format].toLowerCase()} business meeting of *${escapeMrkdwn(group.name)}* held ${formatDate(m.heldOn)}. It counts as group activity, and the meeting reminders for this season stop.`,
  );
}

export function meetingPost(group: Group, m: MeetingData, by: string): Reply {
  const lines = [`:spiral_calendar_pad: *Business meeting recorded* — ${formatDate(m.heldOn)}, ${FORMAT_LABELS[m.format].toLowerCase()} (recorded by ${mentionUser(by)})`];
  if (m.notes) lines.push(escapeMrkdwn(m.notes));
  if (m.link) lines.push(`<${m.link.replace(/[<>|]/g, '')}|Minutes or recording>`);
  return { text: `Business meeting of ${group.name} recorded`, blocks: [section(lines.join('\n'))] };
}
