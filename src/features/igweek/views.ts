// IG Week messages and modals: pure Block Kit builders.
import type { IgWeekSession, IgWeekSlot } from '../../generated/prisma/client.js';
import { type Block, type PlainText, type Reply, actions, button, context, header, option, plain, section } from '../../lib/slack/blocks.js';
import { escapeMrkdwn, mentionChannel, mentionUser, plural, truncate } from '../../lib/slack/text.js';
import { formatDate, formatInstant, formatTime, formatTimeSpan, formatWeekday, isoDateOf, localDate, localTime, slackDateTime, slackTime } from '../../lib/time.js';
import { kindsWithText } from '../directory/kinds.js';
import { claimForId, IgWeekIds, type SlotVerb } from './ids.js';
import { type IgWeekCalendar, IGWEEK_ZONE, IGWEEK_ZONE_NAME, missingDetails, slotEnd } from './rules.js';
import type { EditableSession, GroupRef, ProgramData, ScheduleData } from './service.js';

export interface View {
  type: 'modal';
  callback_id?: string;
  private_metadata?: string;
  title: PlainText;
  submit?: PlainText;
  close?: PlainText;
  blocks: Block[];
}

type SessionRow = IgWeekSession & { group: GroupRef; slot?: IgWeekSlot };

/** "Mon, Mar 1 · 10:00–11:00 AM Central": plain text, for option labels and exports. */
export function slotPlainText(startsAt: Date): string {
  return `${formatTimeSpan(startsAt, slotEnd(startsAt), IGWEEK_ZONE)} ${IGWEEK_ZONE_NAME}`;
}

// Everyone in a rush of claims is shown the same 25 slot times: each is formatted once, not once per reader.
const slotTexts = new Map<number, string>();

/** "Mon, Mar 1 · 10:00–11:00 AM Central (9:00 AM your time)": Slack shows each reader the start in their own zone. */
export function slotTimesText(startsAt: Date): string {
  const key = startsAt.getTime();
  let text = slotTexts.get(key);
  if (text === undefined) {
    text = `${slotPlainText(startsAt)} (${slackTime(startsAt, IGWEEK_ZONE, { zoneName: IGWEEK_ZONE_NAME, after: ' your time' })})`;
    if (slotTexts.size >= 500) slotTexts.clear();
    slotTexts.set(key, text);
  }
  return text;
}

export function weekSpan(cal: IgWeekCalendar): string {
  const first = cal.days[0];
  const last = cal.days.at(-1);
  if (!first || !last) return 'no days';
  return first === last ? formatWeekday(first) : `${formatWeekday(first)} – ${formatWeekday(last)}`;
}

/** A link in mrkdwn; the URL was validated as http(s), these characters would break the link syntax. */
function link(url: string, label: string): string {
  return `<${url.replace(/[<>|]/g, encodeURIComponent)}|${escapeMrkdwn(label)}>`;
}

function sessionTitle(s: { title: string | null }): string {
  return s.title ? `_${escapeMrkdwn(s.title)}_` : '_title to come_';
}

function statusLine(d: ScheduleData): string {
  const s = d.state;
  const due = `Session details are due ${formatDate(d.cal.detailsDueOn)}.`;
  if (s.open) return `:large_green_circle: *Slot selection is open*: one slot per Core interest group, first come, first served. ${due}`;
  switch (s.reason) {
    case 'not-yet':
      return `:hourglass_flowing_sand: Slot selection opens ${slackDateTime(s.opensAt, IGWEEK_ZONE)}. ${due}`;
    case 'closed':
      return ':no_entry: Slot selection is closed by staff right now.';
    case 'locked':
      return ':lock: The program is final (locked by staff).';
    case 'started':
      return ':microphone: IG Week is under way; slot selection is closed.';
    case 'over':
      return `IG Week ${d.year} is over.`;
  }
}

function overflow(options: [string, SlotVerb, number][]): Block {
  return {
    type: 'overflow',
    action_id: IgWeekIds.slotMenu,
    options: options.map(([text, verb, id]) => option(text, `${verb}:${id}`)),
  };
}

type ScheduleSlot = ScheduleData['slots'][number];

function slotAccessory(d: ScheduleData, slot: ScheduleSlot): Block | undefined {
  const future = slot.startsAt > d.now;
  if (!slot.session) {
    if (!future) return undefined;
    if (d.staff) return overflow([['Claim for my group', 'claim', slot.id], ['Assign to a group…', 'assign', slot.id]]);
    // Only conveners of groups that take part claim; everyone else reads the schedule.
    return d.canClaim ? button('Claim', IgWeekIds.claim, String(slot.id), 'primary') : undefined;
  }
  const s = slot.session;
  const mine = d.myGroupIds.includes(s.groupId);
  if (!d.staff && !mine) return undefined;
  const items: [string, SlotVerb, number][] = [['Edit session details', 'details', s.id]];
  if (d.staff) items.push(['Links & practice session…', 'links', s.id], ['Move to another slot…', 'move', s.id]);
  if (future) items.push(['Release this slot', 'release', s.id]);
  return overflow(items);
}

function slotBlock(d: ScheduleData, slot: ScheduleSlot): Block {
  const status = slot.session
    ? `:lock: *${escapeMrkdwn(slot.session.group.name)}* — ${sessionTitle(slot.session)}`
    : slot.startsAt > d.now
      ? ':large_green_circle: *Open*'
      : '_not claimed_';
  const accessory = slotAccessory(d, slot);
  return section(`${slotTimesText(slot.startsAt)}\n${status}`, { block_id: `slot-${slot.id}`, ...(accessory ? { accessory } : {}) });
}

/** One section per day, one compact section per slot: 25 slots and 5 days fit a message's 50 blocks. */
export function scheduleReply(d: ScheduleData, opts: { notice?: string; onlyOpen?: boolean } = {}): Reply {
  const open = d.slots.filter((s) => !s.session && s.startsAt > d.now);
  const shown = opts.onlyOpen ? open : d.slots;
  const blocks: Block[] = [];
  if (opts.notice) blocks.push(section(opts.notice));
  blocks.push(section(`*IG Week ${d.year}* · ${weekSpan(d.cal)}\n${plural(d.slots.length, 'one-hour slot')}, ${open.length} open. Times in Central and in your own time zone.`));
  blocks.push(context(statusLine(d)));
  const byDay = new Map<string, typeof shown>();
  for (const slot of shown) {
    const day = localDate(slot.startsAt, IGWEEK_ZONE);
    byDay.set(day, [...(byDay.get(day) ?? []), slot]);
  }
  for (const day of d.cal.days) {
    const slots = byDay.get(day);
    if (!slots) continue;
    blocks.push(header(formatWeekday(day)));
    for (const slot of slots) blocks.push(slotBlock(d, slot));
  }
  if (!d.canClaim) blocks.push(context(`Conveners of ${kindsWithText('igWeek')} claim the slots; the schedule is read-only for you.`));
  if (opts.onlyOpen && open.length === 0) blocks.push(section('No slots are open any more. Ask staff if your group still needs one.'));
  blocks.push(context('`/igweek program` shows the program · `/igweek help` for everything else'));
  return { text: `${opts.notice ? `${opts.notice} ` : ''}IG Week ${d.year} schedule: ${open.length} of ${d.slots.length} slots open.`, blocks };
}

export function pickGroupReply(slotId: number, startsAt: Date, groups: GroupRef[]): Reply {
  const text = `You convene several Core interest groups. Which one is the ${slotTimesText(startsAt)} slot for?`;
  return {
    text,
    // Slack refuses a block whose elements repeat an action_id: one per group.
    blocks: [section(text), actions(groups.slice(0, 25).map((g) => button(truncate(g.name, 75), claimForId(g.id), `${slotId}:${g.id}`)), 'igweek-pick-group')],
  };
}

export function claimedReply(s: EditableSession, cal: IgWeekCalendar): Reply {
  const text = `:tada: *${escapeMrkdwn(s.group.name)}* has the ${slotTimesText(s.slot.startsAt)} slot at IG Week ${cal.year}. Please fill in the session details; they are due ${formatDate(cal.detailsDueOn)}.`;
  return { text, blocks: [section(text, { accessory: button('Session details', IgWeekIds.editDetails, String(s.id), 'primary') })] };
}

export function takenNotice(startsAt: Date): string {
  return `:no_entry: Sorry — the ${slotTimesText(startsAt)} slot was just taken by another group. These slots are still open:`;
}

/** `/igweek details|release` for someone whose groups hold several sessions: one button each. */
export function mySessionsReply(sessions: (SessionRow & { slot: IgWeekSlot })[], verb: 'details' | 'release'): Reply {
  const label = verb === 'details' ? 'Edit details' : 'Release';
  const blocks = sessions.slice(0, 40).map((s) =>
    section(`*${escapeMrkdwn(s.group.name)}* — ${sessionTitle(s)}\n${slotTimesText(s.slot.startsAt)}`, {
      block_id: `mine-${s.id}`,
      accessory: button(label, IgWeekIds.slotMenu, `${verb}:${s.id}`, verb === 'release' ? 'danger' : undefined),
    }),
  );
  return { text: verb === 'details' ? 'Which session?' : 'Which slot do you want to release?', blocks: [section(verb === 'details' ? '*Which session?*' : '*Which slot do you want to release?*'), ...blocks] };
}

export function detailsSavedText(s: SessionRow, title: string): string {
  return `:white_check_mark: Saved *${escapeMrkdwn(title)}* for *${escapeMrkdwn(s.group.name)}*. You can edit the details until staff lock the program: \`/igweek details\`.`;
}

export function settingsSavedText(cal: IgWeekCalendar): string {
  return (
    `:white_check_mark: IG Week ${cal.year}: *${weekSpan(cal)}*, ${plural(cal.slots.length, 'slot')} at ${cal.hours.join(', ')} Central. ` +
    `Slot selection opens ${slackDateTime(cal.claimOpensAt, IGWEEK_ZONE)}; details are due ${formatDate(cal.detailsDueOn)}.`
  );
}

export function assignedMessage(sessionId: number, groupName: string, startsAt: Date): Reply {
  const text = `:information_source: Staff gave *${escapeMrkdwn(groupName)}* the ${slotTimesText(startsAt)} slot at IG Week. Please fill in the session details.`;
  return { text, blocks: [section(text, { accessory: button('Session details', IgWeekIds.editDetails, String(sessionId), 'primary') })] };
}

/** The confirm step of "Release this slot": the slot goes to whoever claims it next. */
export function releaseConfirmReply(s: EditableSession): Reply {
  const details = s.title ? ` and its session details (${sessionTitle(s)})` : '';
  const text = `Release the ${slotTimesText(s.slot.startsAt)} slot of *${escapeMrkdwn(s.group.name)}*? Other groups can claim it at once; your group gives up the slot${details}.`;
  return {
    text,
    blocks: [
      section(`:warning: ${text}`),
      actions([button('Release the slot', IgWeekIds.release, String(s.id), 'danger'), button('Keep it', IgWeekIds.keepSlot, String(s.id))], `igweek-release-${s.id}`),
    ],
  };
}

export function keptReply(): Reply {
  return { text: 'Kept the slot: nothing changed.' };
}

export function releasedReply(o: { sessionId: number; group: GroupRef; startsAt: Date }): Reply {
  const text = `Released the ${slotTimesText(o.startsAt)} slot of *${escapeMrkdwn(o.group.name)}*. It is open for other groups now.`;
  return { text, blocks: [section(text, { block_id: `igweek-released-${o.sessionId}`, accessory: button('Undo', IgWeekIds.undoRelease, String(o.sessionId)) })] };
}

export function restoredReply(s: EditableSession): Reply {
  const text = `:leftwards_arrow_with_hook: Undone: *${escapeMrkdwn(s.group.name)}* has the ${slotTimesText(s.slot.startsAt)} slot again${s.title ? ', with its session details' : ''}.`;
  return { text, blocks: [section(text, { accessory: button('Session details', IgWeekIds.editDetails, String(s.id)) })] };
}

function speakersText(s: IgWeekSession, nameOf?: (id: string) => string): string {
  const inside = s.speakerUserIds.map((id) => (nameOf ? escapeMrkdwn(nameOf(id)) : mentionUser(id)));
  return [...inside, ...s.outsideSpeakers.map(escapeMrkdwn)].join(', ');
}

function programEntry(s: SessionRow & { slot: IgWeekSlot }): string {
  const lines = [`${slotTimesText(s.slot.startsAt)}`, `*${s.title ? escapeMrkdwn(s.title) : 'Title to come'}* — ${escapeMrkdwn(s.group.name)}`];
  if (s.description) lines.push(escapeMrkdwn(truncate(s.description, 600)));
  const speakers = speakersText(s);
  if (speakers) lines.push(`Speakers: ${speakers}`);
  if (s.moderatorUserId) lines.push(`Moderator: ${mentionUser(s.moderatorUserId)}`);
  if (s.registrationUrl) lines.push(link(s.registrationUrl, 'Register for this session'));
  return lines.join('\n');
}

export function programReply(p: ProgramData): Reply {
  const blocks: Block[] = [
    header(`IG Week ${p.year} program`),
    context(`${weekSpan(p.cal)} · sessions are free and open to everyone; each needs its own registration.${p.locked ? '' : ' _Draft: sessions may still change._'}`),
  ];
  if (p.sessions.length === 0) blocks.push(section('No sessions yet. Conveners claim slots with `/igweek`.'));
  for (const s of p.sessions) blocks.push(section(programEntry(s), { block_id: `session-${s.id}` }));
  return { text: `IG Week ${p.year} program: ${plural(p.sessions.length, 'session')}`, blocks };
}

// ---------------------------------------------------------------------------
// Modals

function radio(block_id: string, label: string, options: [string, string, string?][], initial: string | undefined, hint?: string): Block {
  const opts = options.map(([value, text, description]) => ({ text: plain(text, 75), value, ...(description ? { description: plain(description, 75) } : {}) }));
  const chosen = opts.find((o) => o.value === initial);
  return {
    type: 'input',
    block_id,
    label: plain(label, 2000),
    ...(hint ? { hint: plain(hint, 2000) } : {}),
    element: { type: 'radio_buttons', action_id: block_id, options: opts, ...(chosen ? { initial_option: chosen } : {}) },
  };
}

function textInput(block_id: string, label: string, o: { initial?: string | null; multiline?: boolean; optional?: boolean; max?: number; hint?: string; placeholder?: string } = {}): Block {
  return {
    type: 'input',
    block_id,
    label: plain(label, 2000),
    optional: o.optional ?? false,
    ...(o.hint ? { hint: plain(o.hint, 2000) } : {}),
    element: {
      type: 'plain_text_input',
      action_id: block_id,
      multiline: o.multiline ?? false,
      ...(o.max ? { max_length: o.max } : {}),
      ...(o.initial ? { initial_value: o.initial } : {}),
      ...(o.placeholder ? { placeholder: plain(o.placeholder, 150) } : {}),
    },
  };
}

function element(block_id: string, label: string, el: Record<string, unknown>, o: { optional?: boolean; hint?: string } = {}): Block {
  return { type: 'input', block_id, label: plain(label, 2000), optional: o.optional ?? true, ...(o.hint ? { hint: plain(o.hint, 2000) } : {}), element: { action_id: block_id, ...el } };
}

const yesNo = (v: boolean | null) => (v === null ? undefined : v ? 'yes' : 'no');

export function detailsModal(s: IgWeekSession & { group: GroupRef; slot: IgWeekSlot }): View {
  return {
    type: 'modal',
    callback_id: IgWeekIds.detailsModal,
    private_metadata: String(s.id),
    title: plain('Session details', 24),
    submit: plain('Save', 24),
    close: plain('Cancel', 24),
    blocks: [
      section(`*${escapeMrkdwn(s.group.name)}* at IG Week ${s.year}\n${slotTimesText(s.slot.startsAt)}`),
      textInput('title', 'Session title', { initial: s.title, max: 150 }),
      textInput('description', 'Description', { initial: s.description, multiline: true, optional: true, max: 3000, hint: 'What attendees will get from the session. We begin promoting the program a month before the event.' }),
      radio('setup', 'Setup', [['MEETING', 'Meeting', 'Everyone can see each other'], ['WEBINAR', 'Webinar', 'Only panelists on video, with a Q&A module']], s.setup ?? undefined),
      radio('polls', 'Polls', [['yes', 'Yes, we will run polls'], ['no', 'No polls']], yesNo(s.polls)),
      radio('breakout', 'Breakout rooms', [['yes', 'Yes, we will use breakout rooms'], ['no', 'No breakout rooms']], yesNo(s.breakoutRooms)),
      element('speakers', 'Speakers', { type: 'multi_users_select', ...(s.speakerUserIds.length ? { initial_users: s.speakerUserIds } : {}) }, { hint: 'Speakers in this Slack. Others go in the next box.' }),
      textInput('outside', 'Outside speakers', { initial: s.outsideSpeakers.join('\n'), multiline: true, optional: true, hint: 'Names of speakers who are not in this Slack, one per line.' }),
      element('moderator', 'Moderator', { type: 'users_select', ...(s.moderatorUserId ? { initial_user: s.moderatorUserId } : {}) }, { hint: 'Welcomes people, introduces and hands off between speakers, moderates questions.' }),
    ],
  };
}

export function linksModal(s: IgWeekSession & { group: GroupRef; slot: IgWeekSlot }): View {
  return {
    type: 'modal',
    callback_id: IgWeekIds.linksModal,
    private_metadata: String(s.id),
    title: plain('Session links', 24),
    submit: plain('Save', 24),
    close: plain('Cancel', 24),
    blocks: [
      section(`*${escapeMrkdwn(s.group.name)}* — ${sessionTitle(s)}\n${slotTimesText(s.slot.startsAt)}`),
      element('registration', 'Registration link', { type: 'url_text_input', ...(s.registrationUrl ? { initial_value: s.registrationUrl } : {}) }, { hint: 'The Zoom registration URL the group promotes.' }),
      element('practice', 'Practice session', { type: 'datetimepicker', ...(s.practiceAt ? { initial_date_time: Math.floor(s.practiceAt.getTime() / 1000) } : {}) }, { hint: 'About half an hour, before IG Week: audio, screen sharing, walkthrough.' }),
      element('recording', 'Recording link', { type: 'url_text_input', ...(s.recordingUrl ? { initial_value: s.recordingUrl } : {}) }, { hint: "Saving a new recording link posts it in the group's channel." }),
    ],
  };
}

export function assignModal(slot: IgWeekSlot, groups: GroupRef[]): View {
  return {
    type: 'modal',
    callback_id: IgWeekIds.assignModal,
    private_metadata: String(slot.id),
    title: plain('Assign a slot', 24),
    submit: plain('Assign', 24),
    close: plain('Cancel', 24),
    blocks: [
      section(slotTimesText(slot.startsAt)),
      element('group', 'Group', { type: 'static_select', options: groups.slice(0, 100).map((g) => option(truncate(g.name, 75), String(g.id))) }, { optional: false, hint: 'Active Core interest groups without a slot this year.' }),
    ],
  };
}

export function moveModal(s: SessionRow & { slot: IgWeekSlot }, open: IgWeekSlot[]): View {
  return {
    type: 'modal',
    callback_id: IgWeekIds.moveModal,
    private_metadata: String(s.id),
    title: plain('Move a session', 24),
    submit: plain('Move', 24),
    close: plain('Cancel', 24),
    blocks: [
      section(`*${escapeMrkdwn(s.group.name)}* — ${sessionTitle(s)}\nNow: ${slotTimesText(s.slot.startsAt)}`),
      element('slot', 'New slot', { type: 'static_select', options: open.slice(0, 100).map((o) => option(slotPlainText(o.startsAt), String(o.id))) }, { optional: false }),
    ],
  };
}

export interface SettingsData {
  year: number;
  row: { firstDay: Date | null; lastDay: Date | null; hours: number[]; slotCount: number | null; claimOpensAt: Date | null; detailsDueOn: Date | null; surveyUrl: string | null; claiming: string };
  defaults: IgWeekCalendar;
}

export function settingsModal(d: SettingsData): View {
  const r = d.row;
  const date = (v: Date | null) => (v ? { initial_date: isoDateOf(v) } : {});
  const opens = r.claimOpensAt;
  const def = d.defaults;
  return {
    type: 'modal',
    callback_id: IgWeekIds.settingsModal,
    private_metadata: String(d.year),
    title: plain(`IG Week ${d.year} settings`, 24),
    submit: plain('Save', 24),
    close: plain('Cancel', 24),
    blocks: [
      section(
        `Empty fields use the computed calendar: *${weekSpan(def)}*, slots at ${def.hours.join(', ')} Central, ` +
          `slot selection opens ${formatInstant(def.claimOpensAt, IGWEEK_ZONE)}, details due ${formatDate(def.detailsDueOn)}. ` +
          '`/igweek settings reset` clears every override.',
      ),
      element('firstDay', 'First day', { type: 'datepicker', ...date(r.firstDay) }),
      element('lastDay', 'Last day', { type: 'datepicker', ...date(r.lastDay) }, { hint: 'Sessions run on the weekdays from the first to the last day.' }),
      textInput('hours', 'Slot start hours (Central)', { initial: r.hours.join(', '), optional: true, placeholder: '10, 11, 12, 13, 14' }),
      element('slotCount', 'Number of slots', { type: 'number_input', is_decimal_allowed: false, min_value: '1', ...(r.slotCount ? { initial_value: String(r.slotCount) } : {}) }, { hint: 'Keep only the earliest slots; empty for every slot of those days and hours.' }),
      element('opensDate', 'Slot selection opens on', { type: 'datepicker', ...(opens ? { initial_date: localDate(opens, IGWEEK_ZONE) } : {}) }),
      element('opensTime', 'Slot selection opens at (Central)', { type: 'timepicker', timezone: IGWEEK_ZONE, ...(opens ? { initial_time: localTime(opens, IGWEEK_ZONE) } : {}) }),
      element('detailsDueOn', 'Session details due', { type: 'datepicker', ...date(r.detailsDueOn) }),
      element('survey', 'Follow-up survey link', { type: 'url_text_input', ...(r.surveyUrl ? { initial_value: r.surveyUrl } : {}) }, { hint: 'Sent to chairs and the announcements channel after the week.' }),
      radio('claiming', 'Slot selection', [['AUTO', 'On schedule', 'Opens on the day above, closes when the week starts'], ['OPEN', 'Open now'], ['CLOSED', 'Closed now']], r.claiming),
    ],
  };
}

/** What a modal turns into after a successful submit. */
export function doneView(title: string, text: string): View {
  return { type: 'modal', title: plain(title, 24), close: plain('Done', 24), blocks: [section(text)] };
}

// ---------------------------------------------------------------------------
// Nudges and posts

export function claimingOpenMessage(cal: IgWeekCalendar): Reply {
  const text =
    `:calendar: *Slot selection for IG Week ${cal.year} is open.* ${weekSpan(cal)}, ${plural(cal.slots.length, 'one-hour slot')} between ` +
    `${formatTime(cal.slots[0]!.startsAt, IGWEEK_ZONE)} and ${formatTime(cal.endsAt, IGWEEK_ZONE)} ${IGWEEK_ZONE_NAME}. Every Core interest group is welcome to one slot: first come, first served. ` +
    `Session details are due ${formatDate(cal.detailsDueOn)}.`;
  return { text, blocks: [section(text, { accessory: button('See open slots', IgWeekIds.schedule, String(cal.year), 'primary') })] };
}

export function detailsReminderMessage(s: SessionRow & { slot: IgWeekSlot }, dueOn: string): Reply {
  const missing = missingDetails(s).join(' and ');
  const text = `:memo: *${escapeMrkdwn(s.group.name)}*'s IG Week session, ${slotTimesText(s.slot.startsAt)}, still needs its ${missing}. Session details are due ${formatDate(dueOn)}, so we can promote your session for as long as possible.`;
  return { text, blocks: [section(text, { accessory: button('Edit session details', IgWeekIds.editDetails, String(s.id), 'primary') })] };
}

export function programMessage(p: ProgramData): Reply {
  const reply = programReply(p);
  return { text: `:loudspeaker: ${reply.text}. Sessions are open to everyone; register for each one.`, blocks: reply.blocks };
}

export function practiceCallMessage(cal: IgWeekCalendar): Reply {
  const text =
    `:microphone: *IG Week ${cal.year} is two weeks away.* Want a practice session? Staff hold half-hour practice sessions before the week ` +
    '(audio and screen-sharing checks and a walkthrough of your session), and you are welcome to bring your presenters. Reply to staff with a few times that suit you; ' +
    "we'll also share your registration numbers then.";
  return { text, blocks: [section(text)] };
}

export const CHAIR_CHECKLIST = [
  'Make sure every moderator, speaker and presenter has *registered on their own*, so each gets a unique link to log in.',
  '*Log in 10 minutes before* the start, with your moderators and presenters, so staff can make you co-host.',
  'Put your *pronouns in your name* in Zoom (use "Rename" if needed).',
  'Do a quick audio and screen-sharing check with the staff member.',
  'Go over the *agenda* with your speakers, so everyone knows the *order of speakers* and what happens when.',
  'You run the content: welcome and introductions, *hand-offs between speakers*, questions, polls and breakout rooms. Staff handle recording, the waiting room and technical support.',
  'Going 5–10 minutes over is fine; after that, *move the discussion and remaining questions to your group\'s channel*.',
];

export function checklistMessage(s: SessionRow & { slot: IgWeekSlot }): Reply {
  const where = s.group.channelId ? ` (${mentionChannel(s.group.channelId)})` : '';
  const items = CHAIR_CHECKLIST.map((line, i) => `${i + 1}. ${line.replace("your group's channel", `your group's channel${where}`)}`);
  const head = `:white_check_mark: *Tomorrow: ${escapeMrkdwn(s.group.name)}* — ${sessionTitle(s)} at IG Week, ${slotTimesText(s.slot.startsAt)}.`;
  const reg = s.registrationUrl ? `\nRegistration: ${link(s.registrationUrl, s.registrationUrl)}` : '';
  return { text: `${head} Your chair's checklist:`, blocks: [section(`${head}${reg}`), section(`*Your checklist*\n${items.join('\n')}`)] };
}

export function recordingPostMessage(s: SessionRow, url: string): Reply {
  const text = `:movie_camera: The recording of *${escapeMrkdwn(s.group.name)}*'s IG Week session ${sessionTitle(s)} is ready: ${link(url, 'watch the recording')}. Presenters are welcome to share slides and handouts here too.`;
  return { text, blocks: [section(text)] };
}

export function recordingMissingMessage(s: SessionRow & { slot: IgWeekSlot }): Reply {
  const text = `:warning: The recording link for *${escapeMrkdwn(s.group.name)}*'s IG Week session, ${slotTimesText(s.slot.startsAt)}, is still missing 48 hours later. Add it from the slot's menu in \`/igweek ${s.year}\` → "Links & practice session…".`;
  return { text, blocks: [section(text)] };
}

export function surveyMessage(year: number, url: string, audience: 'chairs' | 'everyone'): Reply {
  const text =
    audience === 'chairs'
      ? `:pray: Thank you for chairing a session at IG Week ${year}! Tell us how it went and what we can improve: ${link(url, 'the chairs\' follow-up survey')}.`
      : `:pray: Thanks to everyone who joined IG Week ${year}. Please tell us what you thought: ${link(url, 'the follow-up survey')}.`;
  return { text, blocks: [section(text)] };
}

export function staffChangeMessage(what: string): Reply {
  return { text: `:information_source: ${what}` };
}
