// Annual Conference space requests: staff set up the conference, conveners request space
// (editable until decided), staff confirm with a room and time or decline with a reason.
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Group } from '../../generated/prisma/client.js';
import { audit } from '../../db/audit.js';
import { FieldErrors, UserError, zodFieldErrors } from '../../lib/slack/errors.js';
import { escapeMrkdwn } from '../../lib/slack/text.js';
import { formatDate, isoDateOf } from '../../lib/time.js';
import { requireRole } from '../admin/service.js';
import { hasDuty, kindLabel, kindsWithText } from '../directory/kinds.js';
import { resolveGroup } from '../directory/service.js';
import { activeGroup, type ConvenerDeps, groupsToManage, requireConvenerOrStaff, today } from '../conveners/service.js';
import { conferenceDays, minutesOf, normalTime, requestsOpen, settingsProblems, TIME_VALUES } from './rules.js';
import * as store from './store.js';

export type Deps = ConvenerDeps;

export type Conference = NonNullable<Awaited<ReturnType<typeof store.nextConference>>>;
export type SpaceRequest = NonNullable<Awaited<ReturnType<typeof store.requestById>>>;

export interface ConferenceView {
  id: number;
  name: string;
  firstDay: string;
  lastDay: string;
  closeOn: string;
  days: string[];
  open: boolean;
}

function view(deps: Deps, c: Conference): ConferenceView {
  const [firstDay, lastDay, closeOn] = [isoDateOf(c.firstDay), isoDateOf(c.lastDay), isoDateOf(c.requestsCloseOn)];
  return { id: c.id, name: c.name, firstDay, lastDay, closeOn, days: conferenceDays(firstDay, lastDay), open: requestsOpen(closeOn, deps.clock(), deps.zone) };
}

async function next(deps: Deps): Promise<ConferenceView | null> {
  const c = await store.nextConference(deps.prisma, today(deps));
  return c ? view(deps, c) : null;
}

function closedText(c: ConferenceView): string {
  return `Requests for space at *${escapeMrkdwn(c.name)}* closed on ${formatDate(c.closeOn)}. Write to staff if you still need a room.`;
}

// ---------------------------------------------------------------------------
// Conveners: the request form

async function requestingGroup(deps: Deps, groupId: number): Promise<Group> {
  const group = await activeGroup(deps, groupId);
  if (!hasDuty(group.kind, 'annualSpace')) {
    throw new UserError(`*${escapeMrkdwn(group.name)}* is a ${kindLabel(group.kind)}; only ${kindsWithText('annualSpace')} request discussion space at Annual through Convene.`);
  }
  return group;
}

export interface RequestForm {
  group: Group;
  conference: ConferenceView;
  existing: store.RequestFields | null;
}

export async function formFor(deps: Deps, userId: string, groupId: number): Promise<RequestForm> {
  const group = await requestingGroup(deps, groupId);
  await requireConvenerOrStaff(deps, userId, group, 'request space at Annual for it');
  const conference = await next(deps);
  if (!conference) throw new UserError("Staff haven't set up the next Annual Conference yet, so there is nothing to request space at.");
  const existing = await store.requestOf(deps.prisma, conference.id, group.id);
  if (existing && existing.status !== 'PENDING') throw new UserError(decidedText(group, conference, existing.status));
  if (!conference.open) throw new UserError(closedText(conference));
  return { group, conference, existing: existing ? { days: existing.days, times: existing.times, attendance: existing.attendance, notes: existing.notes } : null };
}

function decidedText(group: Pick<Group, 'name'>, c: ConferenceView, status: string): string {
  const what = status === 'CONFIRMED' ? 'has been confirmed' : 'has been declined';
  return `The request of *${escapeMrkdwn(group.name)}* for space at *${escapeMrkdwn(c.name)}* ${what}, so it can't be changed. Write to staff about any change.`;
}

/** `/ig annual [group]`: the form for the named (or only) eligible group the user convenes. */
export async function entry(deps: Deps, userId: string, args: string): Promise<RequestForm> {
  if (args.trim()) return formFor(deps, userId, (await resolveGroup(deps.prisma, { query: args })).id);
  const managed = await groupsToManage(deps, userId);
  const groups = managed.filter((g) => hasDuty(g.kind, 'annualSpace'));
  if (groups.length === 1) return formFor(deps, userId, groups[0]!.id);
  if (groups.length > 1) {
    throw new UserError(`Which group? \`/ig annual <group>\`, e.g. \`/ig annual ${escapeMrkdwn(groups[0]!.name)}\`. You can request for: ${groups.slice(0, 20).map((g) => `*${escapeMrkdwn(g.name)}*`).join(', ')}.`);
  }
  if (managed.length > 0) await requestingGroup(deps, managed[0]!.id);
  throw new UserError("Space at Annual is requested by a group's conveners, and you don't convene a group. `/ig conveners <group>` shows who does.");
}

const RequestSchema = z.object({
  days: z.array(z.string(), { error: 'Choose at least one day.' }).min(1, 'Choose at least one day.'),
  times: z.array(z.enum(TIME_VALUES, { error: 'Choose from the list.' }), { error: 'Choose at least one time of day.' }).min(1, 'Choose at least one time of day.'),
  attendance: z.coerce.number({ error: 'Say how many people you expect, as a number.' }).int('Say how many people you expect, as a whole number.').min(1, 'Expect at least one person.').max(1000, 'For more than 1,000 people write to staff.'),
  notes: z.string().trim().max(2000, 'Keep the notes under 2,000 characters.').default(''),
  ack: z.array(z.literal('yes'), { error: 'Please acknowledge the terms.' }).min(1, 'Please acknowledge the terms.'),
});

export async function submitRequest(deps: Deps, actor: string, groupId: number, conferenceId: number, values: Record<string, unknown>) {
  const parsed = RequestSchema.safeParse(values);
  if (!parsed.success) throw zodFieldErrors(parsed.error);
  const group = await requestingGroup(deps, groupId);
  await requireConvenerOrStaff(deps, actor, group, 'request space at Annual for it');
  const conference = await next(deps);
  if (!conference || conference.id !== conferenceId) throw new UserError('The Annual Conference changed while you had this form open. Please start again with `/ig annual`.');
  if (!conference.open) throw new FieldErrors({ days: closedText(conference) });
  const { days, times, attendance, notes } = parsed.data;
  if (days.some((d) => !conference.days.includes(d))) throw new FieldErrors({ days: 'Choose days of the conference.' });
  const fields = { days: conference.days.filter((d) => days.includes(d)), times: TIME_VALUES.filter((t) => times.includes(t)), attendance, notes };
  const saved = await deps.prisma.$transaction(async (tx) => {
    const s = await store.saveRequest(tx, { conferenceId, groupId: group.id, by: actor, at: deps.clock(), fields });
    if (!s) return null;
    await audit(tx, { actor, action: s.created ? 'annual.requested' : 'annual.request_edited', subjectType: 'annual_request', subjectId: s.row.id, details: { groupId: group.id, conferenceId, ...fields } });
    return s;
  });
  if (!saved) {
    const status = (await store.requestOf(deps.prisma, conferenceId, group.id))?.status ?? 'CONFIRMED';
    throw new FieldErrors({ days: decidedText(group, conference, status).replace(/\*/g, '') });
  }
  return { group, conference, created: saved.created, fields };
}

// ---------------------------------------------------------------------------
// Staff: settings and the queue

export async function queue(deps: Deps, actor: string) {
  await requireRole(deps.prisma, actor, 'STAFF', 'see the Annual space requests');
  const conference = await next(deps);
  return { conference, requests: conference ? await store.requestsOf(deps.prisma, conference.id) : [] };
}

export async function settingsFor(deps: Deps, actor: string): Promise<ConferenceView | null> {
  await requireRole(deps.prisma, actor, 'STAFF', 'set up the Annual Conference');
  return next(deps);
}

const isoDate = (message: string) => z.string({ error: message }).regex(/^\d{4}-\d{2}-\d{2}$/, message);
const SettingsSchema = z.object({
  name: z.string({ error: 'Name the conference.' }).trim().min(1, 'Name the conference.').max(100, 'Keep the name under 100 characters.'),
  firstDay: isoDate('Choose the first day.'),
  lastDay: isoDate('Choose the last day.'),
  closeOn: isoDate('Choose the day requests close.'),
});

/** Saves the next Annual (or creates it when there is none): name, days, the day requests close. */
export async function saveSettings(deps: Deps, actor: string, conferenceId: number | null, values: Record<string, unknown>): Promise<ConferenceView> {
  await requireRole(deps.prisma, actor, 'STAFF', 'set up the Annual Conference');
  const parsed = SettingsSchema.safeParse(values);
  if (!parsed.success) throw zodFieldErrors(parsed.error);
  const problems = settingsProblems(parsed.data);
  if (Object.keys(problems).length) throw new FieldErrors(problems);
  const current = await next(deps);
  const id = conferenceId && current?.id === conferenceId ? conferenceId : null;
  const saved = await deps.prisma.$transaction(async (tx) => {
    const c = await store.saveConference(tx, id, parsed.data, actor);
    await audit(tx, { actor, action: id ? 'annual.conference_changed' : 'annual.conference_created', subjectType: 'annual_conference', subjectId: c.id, details: parsed.data });
    return c;
  });
  return view(deps, saved);
}

async function pending(deps: Deps, actor: string, requestId: number): Promise<SpaceRequest> {
  await requireRole(deps.prisma, actor, 'STAFF', 'decide Annual space requests');
  const r = Number.isSafeInteger(requestId) ? await store.requestById(deps.prisma, requestId) : null;
  if (!r) throw new UserError('That request no longer exists.');
  if (r.status !== 'PENDING') throw new UserError(`The request of *${escapeMrkdwn(r.group.name)}* was already ${r.status === 'CONFIRMED' ? 'confirmed' : 'declined'}.`);
  return r;
}

export async function decisionForm(deps: Deps, actor: string, requestId: number) {
  const r = await pending(deps, actor, requestId);
  return { request: r, conference: view(deps, r.conference) };
}

const ConfirmSchema = z.object({
  room: z.string({ error: 'Name the room.' }).trim().min(1, 'Name the room.').max(200, 'Keep the room under 200 characters.'),
  day: isoDate('Choose the day.'),
  start: z.string({ error: 'Give the start time, e.g. 14:00.' }).refine((t) => minutesOf(t) !== undefined, 'Give the start time as HH:MM, e.g. 14:00.'),
  end: z.string({ error: 'Give the end time, e.g. 15:00.' }).refine((t) => minutesOf(t) !== undefined, 'Give the end time as HH:MM, e.g. 15:00.'),
});
const DeclineSchema = z.object({ reason: z.string({ error: 'Give the reason.' }).trim().min(1, 'Give the reason.').max(2000, 'Keep the reason under 2,000 characters.') });

export type Decided = { request: SpaceRequest; conference: ConferenceView; decision: store.Decision };

export async function confirm(deps: Deps, actor: string, requestId: number, values: Record<string, unknown>): Promise<Decided> {
  const r = await pending(deps, actor, requestId);
  const parsed = ConfirmSchema.safeParse(values);
  if (!parsed.success) throw zodFieldErrors(parsed.error);
  const conference = view(deps, r.conference);
  if (!conference.days.includes(parsed.data.day)) throw new FieldErrors({ day: 'Choose a day of the conference.' });
  if (minutesOf(parsed.data.end)! <= minutesOf(parsed.data.start)!) throw new FieldErrors({ end: 'The end is not after the start.' });
  const decision: store.Decision = { status: 'CONFIRMED', room: parsed.data.room, slotDay: parsed.data.day, slotStart: normalTime(parsed.data.start), slotEnd: normalTime(parsed.data.end) };
  return decideRequest(deps, actor, r, conference, decision);
}

export async function decline(deps: Deps, actor: string, requestId: number, values: Record<string, unknown>): Promise<Decided> {
  const r = await pending(deps, actor, requestId);
  const parsed = DeclineSchema.safeParse(values);
  if (!parsed.success) throw zodFieldErrors(parsed.error);
  return decideRequest(deps, actor, r, view(deps, r.conference), { status: 'DECLINED', reason: parsed.data.reason });
}

async function decideRequest(deps: Deps, actor: string, r: SpaceRequest, conference: ConferenceView, decision: store.Decision): Promise<Decided> {
  const done = await deps.prisma.$transaction(async (tx) => {
    if (!(await store.decide(tx, r.id, decision, actor, deps.clock()))) return false;
    await audit(tx, { actor, action: decision.status === 'CONFIRMED' ? 'annual.confirmed' : 'annual.declined', subjectType: 'annual_request', subjectId: r.id, details: { groupId: r.groupId, ...decision } });
    return true;
  });
  if (!done) throw new UserError(`Someone decided the request of *${escapeMrkdwn(r.group.name)}* first.`);
  return { request: r, conference, decision };
}

/** Tells the convener who asked (DM) and the group's channel; failures are logged, not thrown. */
export async function announce(client: WebClient, d: Decided, message: { text: string; blocks?: unknown[] }, log: { error(...m: unknown[]): void }): Promise<void> {
  const targets = [d.request.requestedBy, ...(d.request.group.channelId ? [d.request.group.channelId] : [])];
  for (const channel of targets) await client.chat.postMessage({ channel, ...message } as never).catch((e: unknown) => log.error(e));
}
