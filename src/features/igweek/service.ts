// IG Week use cases: the schedule, claiming, session details, staff management and settings.
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { IgWeek, PrismaClient } from '../../generated/prisma/client.js';
import { audit, isUniqueViolation, type Tx } from '../../db/audit.js';
import { FieldErrors, UserError, zodFieldErrors } from '../../lib/slack/errors.js';
import { UNNAMED_MEMBER } from '../../lib/slack/people.js';
import { escapeMrkdwn } from '../../lib/slack/text.js';
import { type Clock, dateOnly, formatInstant, isoDateOf, localDate, localYear, slackDateTime, zonedInstant } from '../../lib/time.js';
import { isStaff, requireRole } from '../admin/service.js';
import { currentConveners } from '../directory/store.js';
import { meet, namesOf, recognize } from '../people/service.js';
import {
  type ClaimingMode,
  type ClaimingState,
  claimingState,
  comingYear,
  IGWEEK_ZONE,
  type IgWeekCalendar,
  type IgWeekOverrides,
  igWeekCalendar,
  NO_OVERRIDES,
  overrideProblems,
  parseHours,
  slotEnd,
} from './rules.js';
import * as store from './store.js';
import { holdForIgWeek, moveIgWeekHold } from '../rooms/service.js';

export interface IgWeekDeps {
  prisma: PrismaClient;
  clock: Clock;
  orgTimezone: string;
}

export interface GroupRef {
  id: number;
  name: string;
  channelId: string | null;
}

// ---------------------------------------------------------------------------
// The week: overrides, calendar, the coming year

export function overridesOf(row: IgWeek | null): IgWeekOverrides {
  if (!row) return NO_OVERRIDES;
  return {
    firstDay: row.firstDay ? isoDateOf(row.firstDay) : null,
    lastDay: row.lastDay ? isoDateOf(row.lastDay) : null,
    hours: row.hours,
    slotCount: row.slotCount,
    claimOpensAt: row.claimOpensAt,
    detailsDueOn: row.detailsDueOn ? isoDateOf(row.detailsDueOn) : null,
  };
}

/** A year's row and calendar without writing anything (reminders, exports). */
export async function readWeek(db: Tx, year: number): Promise<{ row: IgWeek | null; cal: IgWeekCalendar }> {
  const row = await store.findWeek(db, year);
  return { row, cal: igWeekCalendar(year, overridesOf(row)) };
}

/** A year's row and calendar; the first look at a year creates it with its computed slots. */
export async function loadWeek(prisma: PrismaClient, year: number): Promise<{ row: IgWeek; cal: IgWeekCalendar }> {
  const found = await store.findWeek(prisma, year);
  if (found) return { row: found, cal: igWeekCalendar(year, overridesOf(found)) };
  const cal = igWeekCalendar(year);
  try {
    const row = await prisma.$transaction(async (tx) => {
      const created = await store.createWeek(tx, year, 'system');
      await store.addSlots(tx, year, cal.slots.map((s) => s.startsAt));
      return created;
    });
    return { row, cal };
  } catch (error) {
    // Two first looks at once: the other one created it.
    if (!isUniqueViolation(error)) throw error;
    return loadWeek(prisma, year);
  }
}

export async function comingYearAt(db: Tx, now: Date): Promise<number> {
  const { cal } = await readWeek(db, localYear(now, IGWEEK_ZONE));
  return comingYear(now, () => cal);
}

export function parseYear(text: string): number | undefined {
  if (!/^\d{4}$/.test(text.trim())) return undefined;
  const year = Number(text);
  return year >= 2000 && year <= 2100 ? year : undefined;
}

async function yearFrom(deps: IgWeekDeps, args: string): Promise<number> {
  if (!args.trim()) return comingYearAt(deps.prisma, deps.clock());
  const year = parseYear(args);
  if (year === undefined) throw new UserError(`"${escapeMrkdwn(args)}" isn't a year. Give one like \`2027\`, or nothing for the coming IG Week.`);
  return year;
}

// ---------------------------------------------------------------------------
// Who is asking

/** The active Core interest groups the user convenes today (by Slack id, or by email via Person). */
export async function convenedCoreGroups(deps: IgWeekDeps, client: WebClient, userId: string): Promise<GroupRef[]> {
  const who = await recognize(deps.prisma, client, userId);
  return store.convenedCoreGroups(deps.prisma, userId, who.email, localDate(deps.clock(), deps.orgTimezone));
}

/** Staff, or a convener of the group; when the program is locked, only staff. */
async function requireEditor(deps: IgWeekDeps, client: WebClient, userId: string, groupId: number, locked: boolean, doing: string) {
  if (await isStaff(deps.prisma, userId)) return { staff: true };
  const groups = await convenedCoreGroups(deps, client, userId);
  if (!groups.some((g) => g.id === groupId)) throw new UserError(`Only the group's conveners (or staff) can ${doing}.`);
  if (locked) throw new UserError(`Staff have locked the IG Week program, so you can't ${doing} any more. Ask staff if something must change.`);
  return { staff: false };
}

function slotLabel(startsAt: Date): string {
  return slackDateTime(startsAt, IGWEEK_ZONE);
}

// ---------------------------------------------------------------------------
// The schedule and the program

export type ScheduleData = Awaited<ReturnType<typeof schedule>>;

/** What a caller already read for the viewer (a claim that lost its race), so the schedule doesn't read it again. */
interface KnownForSchedule {
  year: number;
  week: { row: IgWeek; cal: IgWeekCalendar };
  groups: GroupRef[];
}

export async function schedule(deps: IgWeekDeps, client: WebClient, viewerId: string, args = '', known?: KnownForSchedule) {
  const now = deps.clock();
  const year = known?.year ?? (await yearFrom(deps, args));
  const { row, cal } = known?.week ?? (await loadWeek(deps.prisma, year));
  const [slots, groups, staff] = await Promise.all([
    store.slotsOf(deps.prisma, year),
    known?.groups ?? convenedCoreGroups(deps, client, viewerId),
    isStaff(deps.prisma, viewerId),
  ]);
  // Who may claim: staff, and conveners of active groups that take part in IG Week (kind rules).
  const canClaim = staff || groups.length > 0;
  return { year, cal, row, now, state: claimingState(cal, row.claiming, row.programLocked, now), slots, myGroupIds: groups.map((g) => g.id), staff, canClaim };
}

export type ProgramData = Awaited<ReturnType<typeof program>>;

/** The sessions of a year in order (read only), with speakers' names where Convene knows them. */
export async function program(db: Tx, year: number) {
  const { row, cal } = await readWeek(db, year);
  const ofYear = await store.sessionsOfYear(db, year);
  const ids = [...new Set(ofYear.flatMap((s) => [...s.speakerUserIds, ...(s.moderatorUserId ? [s.moderatorUserId] : []), s.claimedBy]))];
  const names = await namesOf(db, ids);
  return { year, cal, locked: row?.programLocked ?? false, surveyUrl: row?.surveyUrl ?? null, sessions: ofYear, nameOf: (id: string) => names.get(id) ?? UNNAMED_MEMBER };
}

export async function programFor(deps: IgWeekDeps, args: string) {
  return program(deps.prisma, await yearFrom(deps, args));
}

// ---------------------------------------------------------------------------
// Claiming

export type EditableSession = NonNullable<Awaited<ReturnType<typeof store.sessionById>>>;

export type ClaimOutcome =
  | { kind: 'claimed'; session: EditableSession; cal: IgWeekCalendar }
  | { kind: 'pick'; slotId: number; startsAt: Date; groups: GroupRef[] }
  | { kind: 'taken'; startsAt: Date; schedule: ScheduleData };

export function claimRefusal(state: Exclude<ClaimingState, { open: true }>, year: number, zone: string): string {
  switch (state.reason) {
    case 'not-yet':
      return `Slot selection for IG Week ${year} isn't open yet: it opens ${slackDateTime(state.opensAt, zone)}. Come back then — slots go first come, first served.`;
    case 'closed':
      return `Slot selection for IG Week ${year} is closed by staff right now. Ask staff if your group still needs a slot.`;
    case 'locked':
      return `Staff have locked the IG Week ${year} program, so slots can't be claimed or released. Ask staff if your group still needs a slot.`;
    case 'started':
      return `IG Week ${year} has started, so slot selection is closed. Ask staff if your group still needs a slot.`;
    case 'over':
      return `IG Week ${year} is over; its slots can't be claimed any more.`;
  }
}

export async function claim(deps: IgWeekDeps, client: WebClient, userId: string, slotId: number, groupId?: number): Promise<ClaimOutcome> {
  const { prisma } = deps;
  const slot = Number.isSafeInteger(slotId) ? await store.slotToClaim(prisma, slotId) : null;
  if (!slot) throw new UserError("That slot doesn't exist (any more). Run `/igweek` for the current schedule.");
  const now = deps.clock();
  const over = (coming: number) => new UserError(`IG Week ${slot.year} is over; its slots can't be claimed. \`/igweek\` shows IG Week ${coming}.`);
  // The coming IG Week is this calendar year's or next year's, so only a slot of this year needs
  // its own week read to tell (the week a claim reads anyway).
  const thisYear = localYear(now, IGWEEK_ZONE);
  if (slot.year < thisYear) throw over(await comingYearAt(prisma, now));
  const week = await loadWeek(prisma, slot.year);
  if (slot.year === thisYear && comingYear(now, () => week.cal) > slot.year) throw over(slot.year + 1);
  const { row, cal } = week;
  const state = claimingState(cal, row.claiming, row.programLocked, now);
  if (!state.open) throw new UserError(claimRefusal(state, slot.year, IGWEEK_ZONE));
  if (slot.startsAt <= now) throw new UserError(`The ${slotLabel(slot.startsAt)} slot has already started; pick a later one with \`/igweek\`.`);

  const groups = await convenedCoreGroups(deps, client, userId);
  if (groups.length === 0) {
    throw new UserError('Only conveners of an active Core interest group can claim an IG Week slot. If you convene one, ask staff to record your convener term.');
  }
  let group: GroupRef | undefined;
  if (groupId !== undefined) {
    group = groups.find((g) => g.id === groupId);
    if (!group) throw new UserError("You don't convene that group (or it isn't an active Core interest group), so you can't claim a slot for it.");
  } else if (groups.length === 1) group = groups[0];
  else return { kind: 'pick', slotId: slot.id, startsAt: slot.startsAt, groups };
  const g = group!;

  const holdingRefusal = async (): Promise<UserError | undefined> => {
    const held = await store.sessionOfGroup(prisma, slot.year, g.id);
    if (!held) return undefined;
    if (held.slotId === slot.id) return new UserError(`*${escapeMrkdwn(g.name)}* already holds this slot (${slotLabel(slot.startsAt)}).`);
    return new UserError(
      `*${escapeMrkdwn(g.name)}* already holds ${slotLabel(held.slot.startsAt)}: a group holds one slot a year. To change, release that slot first (its menu in \`/igweek\`, or \`/igweek release\`), then claim another.`,
    );
  };
  const refusal = await holdingRefusal();
  if (refusal) throw refusal;
  const taken = async () => ({ kind: 'taken' as const, startsAt: slot.startsAt, schedule: await schedule(deps, client, userId, '', { year: slot.year, week, groups }) });
  // Taken when we looked (most of a rush): no need to ask the database to refuse an insert.
  if (slot.session) return taken();

  try {
    const session = await prisma.$transaction(async (tx) => {
      const created = await store.createSession(tx, { year: slot.year, slotId: slot.id, groupId: g.id, claimedBy: userId });
      await holdForIgWeek(tx, { sessionId: created.id, groupId: g.id, groupName: g.name, claimedBy: userId, startsAt: slot.startsAt, endsAt: slotEnd(slot.startsAt), actor: userId });
      await audit(tx, { actor: userId, action: 'igweek.claimed', subjectType: 'igweek_session', subjectId: created.id, details: { year: slot.year, slotId: slot.id, groupId: g.id } });
      return created;
    });
    return { kind: 'claimed', session: (await store.sessionById(prisma, session.id))!, cal };
  } catch (error) {
    // The database decided: UNIQUE(slotId) lost the race, or UNIQUE(year, groupId) (a co-convener was faster).
    if (!isUniqueViolation(error)) throw error;
    const lateRefusal = await holdingRefusal();
    if (lateRefusal) throw lateRefusal;
    return taken();
  }
}

/** Releases a session's slot: its group's conveners (until the program is locked) or staff. */
/** A session the user may release now (its conveners before it starts, or staff), with whether they are staff. */
async function releasable(deps: IgWeekDeps, client: WebClient, userId: string, sessionId: number) {
  const session = await store.sessionById(deps.prisma, sessionId);
  if (!session) throw new UserError('That slot has already been released.');
  const { row } = await loadWeek(deps.prisma, session.year);
  const { staff } = await requireEditor(deps, client, userId, session.groupId, row.programLocked, 'release its slot');
  if (!staff && session.slot.startsAt <= deps.clock()) throw new UserError('That session has already started, so its slot stays as it is.');
  return { session, staff };
}

/** The session "Release this slot" asks about, checked as the release itself will be. */
export async function releaseTarget(deps: IgWeekDeps, client: WebClient, userId: string, sessionId: number): Promise<EditableSession> {
  return (await releasable(deps, client, userId, sessionId)).session;
}

/** What a release keeps of the session, in its audit entry: Undo puts it back from there. */
const Released = z.object({
  year: z.number(),
  slotId: z.number(),
  groupId: z.number(),
  session: z.object({
    claimedBy: z.string(),
    claimedAt: z.coerce.date(),
    title: z.string().nullable(),
    description: z.string().nullable(),
    setup: z.enum(['MEETING', 'WEBINAR']).nullable(),
    polls: z.boolean().nullable(),
    breakoutRooms: z.boolean().nullable(),
    speakerUserIds: z.array(z.string()),
    outsideSpeakers: z.array(z.string()),
    moderatorUserId: z.string().nullable(),
    detailsBy: z.string().nullable(),
    detailsAt: z.coerce.date().nullable(),
    registrationUrl: z.string().nullable(),
    practiceAt: z.coerce.date().nullable(),
    recordingUrl: z.string().nullable(),
  }),
});

export async function release(deps: IgWeekDeps, client: WebClient, userId: string, sessionId: number) {
  const { session, staff } = await releasable(deps, client, userId, sessionId);
  const { slot: _slot, group: _group, id: _id, year, slotId, groupId, updatedAt: _updatedAt, ...kept } = session;
  const details = { year, slotId, groupId, title: session.title, session: { ...kept, claimedAt: kept.claimedAt.toISOString(), detailsAt: kept.detailsAt?.toISOString() ?? null, practiceAt: kept.practiceAt?.toISOString() ?? null } };
  const gone = await deps.prisma.$transaction(async (tx) => {
    const deleted = await store.deleteSession(tx, session.id);
    if (deleted) await audit(tx, { actor: userId, action: 'igweek.released', subjectType: 'igweek_session', subjectId: session.id, details });
    return deleted;
  });
  if (!gone) throw new UserError('That slot has already been released.');
  return { sessionId: session.id, group: session.group, startsAt: session.slot.startsAt, byStaff: staff };
}

export type UndoOutcome = { kind: 'restored'; session: EditableSession; byStaff: boolean } | { kind: 'taken'; startsAt: Date; schedule: ScheduleData };

/**
 * Undo of a release: the session comes back in its slot with its details, if the slot is still
 * free and the group holds no other; the database decides (UNIQUE slot, UNIQUE group a year).
 */
export async function undoRelease(deps: IgWeekDeps, client: WebClient, userId: string, sessionId: number): Promise<UndoOutcome> {
  const { prisma } = deps;
  const parsed = Released.safeParse(await store.releasedDetails(prisma, sessionId));
  if (!parsed.success) throw new UserError('There is no released slot to put back. Run `/igweek` for the schedule.');
  const r = parsed.data;
  const existing = await store.sessionById(prisma, sessionId);
  if (existing) throw new UserError(`Already undone: *${escapeMrkdwn(existing.group.name)}* holds the ${slotLabel(existing.slot.startsAt)} slot again.`);
  const slot = await store.slotById(prisma, r.slotId);
  if (!slot) throw new UserError("That slot doesn't exist any more (staff changed the week). Run `/igweek` for the current schedule.");
  const { row } = await loadWeek(prisma, r.year);
  const { staff } = await requireEditor(deps, client, userId, r.groupId, row.programLocked, 'take its slot back');
  if (!staff && slot.startsAt <= deps.clock()) throw new UserError(`The ${slotLabel(slot.startsAt)} slot has already started, so it can't be taken back.`);
  try {
    await prisma.$transaction(async (tx) => {
      await store.restoreSession(tx, { id: sessionId, year: r.year, slotId: r.slotId, groupId: r.groupId, ...r.session });
      await holdForIgWeek(tx, { sessionId, groupId: r.groupId, groupName: (await store.coreGroups(tx, [r.groupId]))[0]?.name ?? 'IG Week session', claimedBy: r.session.claimedBy, startsAt: slot.startsAt, endsAt: slotEnd(slot.startsAt), actor: userId });
      await audit(tx, { actor: userId, action: 'igweek.release-undone', subjectType: 'igweek_session', subjectId: sessionId, details: { year: r.year, slotId: r.slotId, groupId: r.groupId } });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const again = await store.sessionById(prisma, sessionId);
    if (again) throw new UserError(`Already undone: *${escapeMrkdwn(again.group.name)}* holds the ${slotLabel(again.slot.startsAt)} slot again.`);
    const held = await store.sessionOfGroup(prisma, r.year, r.groupId);
    if (held) throw new UserError(`The group has claimed ${slotLabel(held.slot.startsAt)} since, and a group holds one slot a year: release that one first to take this one back.`);
    return { kind: 'taken', startsAt: slot.startsAt, schedule: await schedule(deps, client, userId, String(r.year)) };
  }
  return { kind: 'restored', session: (await store.sessionById(prisma, sessionId))!, byStaff: staff };
}

/** The user's sessions for the coming IG Week (the groups they convene that hold a slot). */
export async function mySessions(deps: IgWeekDeps, client: WebClient, userId: string) {
  const groups = await convenedCoreGroups(deps, client, userId);
  const year = await comingYearAt(deps.prisma, deps.clock());
  const sessions = groups.length ? await store.sessionsOfGroups(deps.prisma, year, groups.map((g) => g.id)) : [];
  return { year, groups, sessions };
}

// ---------------------------------------------------------------------------
// Staff: assign and move

export async function assign(deps: IgWeekDeps, staffId: string, slotId: number, groupId: number) {
  await requireRole(deps.prisma, staffId, 'STAFF', 'assign IG Week slots');
  const slot = await store.slotById(deps.prisma, slotId);
  if (!slot) throw new UserError("That slot doesn't exist any more.");
  const [group] = await store.coreGroups(deps.prisma, [groupId]);
  if (!group) throw new FieldErrors({ group: 'Pick an active Core interest group.' });
  if (slot.session) throw new FieldErrors({ group: `That slot is already held by ${slot.session.group.name}; release or move it first.` });
  const held = await store.sessionOfGroup(deps.prisma, slot.year, group.id);
  if (held) throw new FieldErrors({ group: `${group.name} already holds a slot in ${slot.year}; move that session instead.` });
  try {
    const session = await deps.prisma.$transaction(async (tx) => {
      const created = await store.createSession(tx, { year: slot.year, slotId: slot.id, groupId: group.id, claimedBy: staffId });
      await holdForIgWeek(tx, { sessionId: created.id, groupId: group.id, groupName: group.name, claimedBy: staffId, startsAt: slot.startsAt, endsAt: slotEnd(slot.startsAt), actor: staffId });
      await audit(tx, { actor: staffId, action: 'igweek.assigned', subjectType: 'igweek_session', subjectId: created.id, details: { year: slot.year, slotId: slot.id, groupId: group.id } });
      return created;
    });
    return { sessionId: session.id, group, startsAt: slot.startsAt };
  } catch (error) {
    if (isUniqueViolation(error)) throw new FieldErrors({ group: 'Someone took that slot (or gave this group one) a moment ago. Run `/igweek` again.' });
    throw error;
  }
}

export async function move(deps: IgWeekDeps, staffId: string, sessionId: number, slotId: number) {
  await requireRole(deps.prisma, staffId, 'STAFF', 'move IG Week sessions');
  const session = await store.sessionById(deps.prisma, sessionId);
  if (!session) throw new UserError('That session has been released meanwhile.');
  const target = await store.slotById(deps.prisma, slotId);
  if (!target || target.year !== session.year) throw new FieldErrors({ slot: 'Pick an open slot of the same IG Week.' });
  if (target.session) throw new FieldErrors({ slot: `That slot is held by ${target.session.group.name}.` });
  try {
    await deps.prisma.$transaction(async (tx) => {
      await store.moveSession(tx, session.id, target.id);
      await moveIgWeekHold(tx, { sessionId: session.id, groupId: session.groupId, groupName: session.group.name, claimedBy: session.claimedBy, startsAt: target.startsAt, endsAt: slotEnd(target.startsAt), actor: staffId });
      await audit(tx, { actor: staffId, action: 'igweek.moved', subjectType: 'igweek_session', subjectId: session.id, details: { from: session.slotId, to: target.id } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new FieldErrors({ slot: 'That slot was taken a moment ago; pick another.' });
    throw error;
  }
  return { group: session.group, from: session.slot.startsAt, to: target.startsAt };
}

/** What the assign modal offers: the slot, and active Core groups without a slot that year. */
export async function assignChoices(deps: IgWeekDeps, staffId: string, slotId: number) {
  await requireRole(deps.prisma, staffId, 'STAFF', 'assign IG Week slots');
  const slot = await store.slotById(deps.prisma, slotId);
  if (!slot) throw new UserError("That slot doesn't exist any more.");
  if (slot.session) throw new UserError(`That slot is held by *${escapeMrkdwn(slot.session.group.name)}*; move or release that session first.`);
  const holding = new Set((await store.sessionsOfYear(deps.prisma, slot.year)).map((s) => s.groupId));
  const groups = (await store.coreGroups(deps.prisma)).filter((g) => !holding.has(g.id));
  if (groups.length === 0) throw new UserError(`Every active Core interest group already holds a slot in ${slot.year}.`);
  return { slot, groups };
}

/** What the move modal offers: the session, and the open future slots of its year. */
export async function moveChoices(deps: IgWeekDeps, staffId: string, sessionId: number) {
  await requireRole(deps.prisma, staffId, 'STAFF', 'move IG Week sessions');
  const session = await store.sessionById(deps.prisma, sessionId);
  if (!session) throw new UserError('That session no longer holds a slot.');
  const now = deps.clock();
  const open = (await store.slotsOf(deps.prisma, session.year)).filter((s) => !s.session && s.startsAt > now);
  if (open.length === 0) throw new UserError(`No slot of IG Week ${session.year} is open to move to.`);
  return { session, open };
}

export async function sessionForStaff(deps: IgWeekDeps, staffId: string, sessionId: number) {
  await requireRole(deps.prisma, staffId, 'STAFF', 'set session links');
  const session = await store.sessionById(deps.prisma, sessionId);
  if (!session) throw new UserError('That session no longer holds a slot.');
  return session;
}

// ---------------------------------------------------------------------------
// Session details (conveners) and links (staff)

export async function sessionForEdit(deps: IgWeekDeps, client: WebClient, userId: string, sessionId: number) {
  const session = await store.sessionById(deps.prisma, sessionId);
  if (!session) throw new UserError('That session no longer holds a slot.');
  const { row } = await loadWeek(deps.prisma, session.year);
  await requireEditor(deps, client, userId, session.groupId, row.programLocked, 'edit its session details');
  return session;
}

const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label}: at most ${max} characters.`)
    .transform((v) => (v === '' ? null : v));

const yesNo = (message: string) => z.enum(['yes', 'no'], { error: message }).transform((v) => v === 'yes');

/** Keys are the modal's block ids, so zod's paths become field errors. */
export const DetailsInput = z.object({
  title: z.string({ error: 'Give the session a title.' }).trim().min(3, 'Give the session a title (at least 3 characters).').max(150, 'At most 150 characters.'),
  description: optionalText(3000, 'Description'),
  setup: z.enum(['MEETING', 'WEBINAR'], { error: 'Choose meeting or webinar.' }),
  polls: yesNo('Say whether you will run polls.'),
  breakout: yesNo('Say whether you will use breakout rooms.'),
  speakers: z.array(z.string().regex(/^[UW][A-Z0-9]+$/, 'Pick speakers from the workspace.')).max(20, 'At most 20 speakers.'),
  outside: z
    .array(z.string().trim().max(100, 'Each name: at most 100 characters.'))
    .transform((names) => names.filter(Boolean))
    .pipe(z.array(z.string()).max(20, 'At most 20 outside speakers.')),
  moderator: z.string().regex(/^[UW][A-Z0-9]+$/).nullable(),
});
export type DetailsRaw = z.input<typeof DetailsInput>;

export async function saveDetails(deps: IgWeekDeps, client: WebClient, userId: string, sessionId: number, raw: unknown) {
  const parsed = DetailsInput.safeParse(raw);
  if (!parsed.success) throw zodFieldErrors(parsed.error);
  const d = parsed.data;
  const session = await sessionForEdit(deps, client, userId, sessionId);
  await deps.prisma.$transaction(async (tx) => {
    await store.updateSession(tx, session.id, {
      title: d.title,
      description: d.description,
      setup: d.setup,
      polls: d.polls,
      breakoutRooms: d.breakout,
      speakerUserIds: d.speakers,
      outsideSpeakers: d.outside,
      moderatorUserId: d.moderator,
      detailsBy: userId,
      detailsAt: deps.clock(),
    });
    await audit(tx, { actor: userId, action: 'igweek.details.saved', subjectType: 'igweek_session', subjectId: session.id, details: { title: d.title } });
  });
  // So the program's exports can name speakers and moderator the app hadn't met.
  await meet(deps.prisma, client, [...d.speakers, ...(d.moderator ? [d.moderator] : [])]);
  return { session, title: d.title };
}

const optionalUrl = (label: string) =>
  z
    .string()
    .trim()
    .transform((v) => (v === '' ? null : v))
    .pipe(z.url({ protocol: /^https?$/, error: `${label} must be a web address (https://…).` }).max(2000).nullable());

export const LinksInput = z.object({
  registration: optionalUrl('The registration link'),
  /** Unix seconds from the datetimepicker. */
  practice: z.number().int().positive().nullable(),
  recording: optionalUrl('The recording link'),
});

export async function saveLinks(deps: IgWeekDeps, staffId: string, sessionId: number, raw: unknown) {
  await requireRole(deps.prisma, staffId, 'STAFF', 'set session links');
  const parsed = LinksInput.safeParse(raw);
  if (!parsed.success) throw zodFieldErrors(parsed.error);
  const session = await store.sessionById(deps.prisma, sessionId);
  if (!session) throw new UserError('That session no longer holds a slot.');
  const practiceAt = parsed.data.practice === null ? null : new Date(parsed.data.practice * 1000);
  if (practiceAt && practiceAt >= session.slot.startsAt) throw new FieldErrors({ practice: 'The practice session must be before the session itself.' });
  const { registration, recording } = parsed.data;
  await deps.prisma.$transaction(async (tx) => {
    await store.updateSession(tx, session.id, { registrationUrl: registration, practiceAt, recordingUrl: recording });
    await audit(tx, { actor: staffId, action: 'igweek.links.saved', subjectType: 'igweek_session', subjectId: session.id, details: { registration, practiceAt: practiceAt?.toISOString() ?? null, recording } });
  });
  return { session, recordingAdded: recording !== null && recording !== session.recordingUrl, recording };
}

/** The group's current conveners with Slack accounts (for telling them what staff changed). */
export async function convenerIds(deps: IgWeekDeps, groupId: number): Promise<string[]> {
  const conveners = await currentConveners(deps.prisma, groupId, localDate(deps.clock(), deps.orgTimezone));
  return [...new Set(conveners.flatMap((c) => (c.slackUserId ? [c.slackUserId] : [])))];
}

// ---------------------------------------------------------------------------
// Staff: claiming, locking, settings

export async function setClaiming(deps: IgWeekDeps, staffId: string, mode: ClaimingMode, args: string) {
  await requireRole(deps.prisma, staffId, 'STAFF', 'open or close IG Week slot selection');
  const year = await yearFrom(deps, args);
  const now = deps.clock();
  await loadWeek(deps.prisma, year);
  const row = await deps.prisma.$transaction(async (tx) => {
    const updated = await store.setClaiming(tx, year, mode, mode === 'OPEN' ? now : undefined);
    await audit(tx, { actor: staffId, action: `igweek.claiming.${mode.toLowerCase()}`, subjectType: 'igweek', subjectId: year });
    return updated;
  });
  const cal = igWeekCalendar(year, overridesOf(row));
  return { year, cal, state: claimingState(cal, row.claiming, row.programLocked, now) };
}

export async function setLocked(deps: IgWeekDeps, staffId: string, locked: boolean, args: string) {
  await requireRole(deps.prisma, staffId, 'STAFF', 'lock or unlock the IG Week program');
  const year = await yearFrom(deps, args);
  await loadWeek(deps.prisma, year);
  await deps.prisma.$transaction(async (tx) => {
    await store.updateWeek(tx, year, { programLocked: locked, updatedBy: staffId });
    await audit(tx, { actor: staffId, action: locked ? 'igweek.locked' : 'igweek.unlocked', subjectType: 'igweek', subjectId: year });
  });
  return { year, locked };
}

export async function settingsFor(deps: IgWeekDeps, staffId: string, args: string) {
  await requireRole(deps.prisma, staffId, 'STAFF', 'change IG Week settings');
  const year = await yearFrom(deps, args);
  const { row, cal } = await loadWeek(deps.prisma, year);
  return { year, row, cal, defaults: igWeekCalendar(year) };
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .nullable();

/** Keys are the settings modal's block ids. */
export const SettingsInput = z.object({
  firstDay: isoDate,
  lastDay: isoDate,
  hours: z
    .string()
    .transform((text, ctx) => {
      const hours = parseHours(text);
      if (!hours) ctx.addIssue({ code: 'custom', message: 'Whole hours in Central time, 0–23, separated by commas: e.g. 10, 11, 12, 13, 14.' });
      return hours ?? [];
    }),
  slotCount: z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (v === '') return null;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) ctx.addIssue({ code: 'custom', message: 'A whole number of slots, at least 1 (empty for every slot).' });
      return n;
    }),
  opensDate: isoDate,
  opensTime: z
    .string()
    .regex(/^\d{2}:\d{2}$/)
    .nullable(),
  detailsDueOn: isoDate,
  survey: optionalUrl('The survey link'),
  claiming: z.enum(['AUTO', 'OPEN', 'CLOSED'], { error: 'Choose how slot selection opens.' }),
});

const PROBLEM_FIELDS: Record<keyof IgWeekOverrides, string> = {
  firstDay: 'firstDay',
  lastDay: 'lastDay',
  hours: 'hours',
  slotCount: 'slotCount',
  claimOpensAt: 'opensDate',
  detailsDueOn: 'detailsDueOn',
};

export async function saveSettings(deps: IgWeekDeps, staffId: string, year: number, raw: unknown) {
  await requireRole(deps.prisma, staffId, 'STAFF', 'change IG Week settings');
  const parsed = SettingsInput.safeParse(raw);
  if (!parsed.success) throw zodFieldErrors(parsed.error);
  const s = parsed.data;
  if (s.opensTime && !s.opensDate) throw new FieldErrors({ opensDate: 'Pick the day slot selection opens (or clear the time).' });
  const overrides: IgWeekOverrides = {
    firstDay: s.firstDay,
    lastDay: s.lastDay,
    hours: s.hours,
    slotCount: s.slotCount,
    claimOpensAt: s.opensDate ? zonedInstant(s.opensDate, s.opensTime ?? '10:00', IGWEEK_ZONE) : null,
    detailsDueOn: s.detailsDueOn,
  };
  await applyOverrides(deps, staffId, year, overrides, { surveyUrl: s.survey, claiming: s.claiming });
  return { year, cal: igWeekCalendar(year, overrides) };
}

/** Back to the computed calendar (the survey link and slot-selection mode stay). */
export async function resetSettings(deps: IgWeekDeps, staffId: string, args: string) {
  await requireRole(deps.prisma, staffId, 'STAFF', 'change IG Week settings');
  const year = await yearFrom(deps, args);
  const { row } = await loadWeek(deps.prisma, year);
  try {
    await applyOverrides(deps, staffId, year, NO_OVERRIDES, { surveyUrl: row.surveyUrl, claiming: row.claiming });
  } catch (error) {
    if (error instanceof FieldErrors) throw new UserError(Object.values(error.errors).join(' '));
    throw error;
  }
  return { year, cal: igWeekCalendar(year) };
}

async function applyOverrides(
  deps: IgWeekDeps,
  staffId: string,
  year: number,
  o: IgWeekOverrides,
  extra: { surveyUrl: string | null; claiming: ClaimingMode },
): Promise<void> {
  const problems = overrideProblems(year, o);
  if (Object.keys(problems).length) {
    throw new FieldErrors(Object.fromEntries(Object.entries(problems).map(([k, v]) => [PROBLEM_FIELDS[k as keyof IgWeekOverrides], v])));
  }
  const { row } = await loadWeek(deps.prisma, year);
  const starts = igWeekCalendar(year, o).slots.map((s) => s.startsAt);
  const keep = new Set(starts.map((d) => d.getTime()));
  const stranded = (await store.slotsOf(deps.prisma, year)).filter((s) => s.session && !keep.has(s.startsAt.getTime()));
  if (stranded.length) {
    const which = stranded.map((s) => `${s.session!.group.name} (${formatInstant(s.startsAt, IGWEEK_ZONE)})`).join(', ');
    throw new FieldErrors({ [o.hours.length ? 'hours' : 'firstDay']: `These sessions sit in slots this change removes: ${which}. Move or release them first.` });
  }
  await deps.prisma.$transaction(async (tx) => {
    await store.updateWeek(tx, year, {
      firstDay: o.firstDay ? dateOnly(o.firstDay) : null,
      lastDay: o.lastDay ? dateOnly(o.lastDay) : null,
      hours: o.hours,
      slotCount: o.slotCount,
      claimOpensAt: o.claimOpensAt,
      detailsDueOn: o.detailsDueOn ? dateOnly(o.detailsDueOn) : null,
      surveyUrl: extra.surveyUrl,
      claiming: extra.claiming,
      // Opening by hand here counts like `/igweek open` (the "slot selection is open" nudge goes now).
      ...(extra.claiming === 'OPEN' && row.claiming !== 'OPEN' ? { openedAt: deps.clock() } : {}),
      updatedBy: staffId,
    });
    await store.removeSlotsExcept(tx, year, starts);
    await store.addSlots(tx, year, starts);
    await audit(tx, {
      actor: staffId,
      action: 'igweek.settings.saved',
      subjectType: 'igweek',
      subjectId: year,
      details: { ...o, claimOpensAt: o.claimOpensAt?.toISOString() ?? null, surveyUrl: extra.surveyUrl, claiming: extra.claiming },
    });
  });
}
