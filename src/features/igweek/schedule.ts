// IG Week's milestone nudges for the deadline engine. Every instant comes from the year's
// calendar (computed, or staff overrides) and the sessions in the database.
import type { PrismaClient } from '../../generated/prisma/client.js';
import { localDate, localYear } from '../../lib/time.js';
import { staffAudience } from '../conveners/service.js';
import { currentConveners } from '../directory/store.js';
import type { Audience, Occurrence, ReminderRule } from '../reminders/types.js';
import { checklistAt, IGWEEK_ZONE, type IgWeekCalendar, igWeekCalendar, milestones, missingDetails, recordingDueAt, SLOT_MS } from './rules.js';
import { overridesOf, program } from './service.js';
import * as store from './store.js';
import * as views from './views.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

type Window = { from: Date; to: Date };
type Week = { year: number; cal: IgWeekCalendar; row: Awaited<ReturnType<typeof store.findWeek>> };

const within = (t: Date, w: Window) => t > w.from && t <= w.to;

/** The weeks whose milestones can fall in the window (a year's run from its December to its March). */
async function weeksFor(prisma: PrismaClient, w: Window): Promise<Week[]> {
  const last = localYear(w.to, IGWEEK_ZONE) + 1;
  const first = Math.max(localYear(w.from, IGWEEK_ZONE), last - 6);
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const rows = await store.weeksOf(prisma, years);
  return years.map((year) => {
    const row = rows.find((r) => r.year === year) ?? null;
    return { year, row, cal: igWeekCalendar(year, overridesOf(row)) };
  });
}

type Session = Awaited<ReturnType<typeof store.sessionsOfYear>>[number];

/** A session's chairs: the convener who claimed it (not staff who assigned it) and the moderator. */
async function chairsOf(prisma: PrismaClient, s: Session, at: Date): Promise<string[]> {
  const conveners = await currentConveners(prisma, s.groupId, localDate(at, IGWEEK_ZONE));
  const claimerConvenes = conveners.some((c) => c.slackUserId === s.claimedBy);
  return [...new Set([...(claimerConvenes ? [s.claimedBy] : []), ...(s.moderatorUserId ? [s.moderatorUserId] : [])])];
}

async function chairAudience(prisma: PrismaClient, s: Session, at: Date): Promise<Audience> {
  const chairs = await chairsOf(prisma, s, at);
  return chairs.length ? { kind: 'users', userIds: chairs } : { kind: 'groupConveners', groupId: s.groupId };
}

/** A rule with one occurrence per year at a milestone instant. */
function weekRule(
  id: string,
  description: string,
  latenessMs: number,
  occurrencesOf: (prisma: PrismaClient, week: Week, w: Window) => Promise<Occurrence[]>,
): ReminderRule {
  return {
    id,
    description,
    latenessMs,
    async occurrences({ prisma }, w) {
      const out: Occurrence[] = [];
      for (const week of await weeksFor(prisma, w)) out.push(...(await occurrencesOf(prisma, week, w)));
      return out;
    },
  };
}

export const claimingOpenRule = weekRule(
  'igweek.claiming-open',
  "IG Week: slot selection is open (conveners' channel), when it opens (Jan 15 10:00 Central unless staff set otherwise or open it early)",
  3 * DAY,
  async (_prisma, { year, row, cal }, w) => {
    const dueAt = milestones(cal, row?.openedAt ?? null).claimingOpen;
    if (!within(dueAt, w) || row?.claiming === 'CLOSED') return [];
    return [{ subject: `igweek:${year}:claiming-open`, dueAt, label: `IG Week ${year}: slot selection open`, audience: { kind: 'appChannel', which: 'conveners' }, message: views.claimingOpenMessage(cal) }];
  },
);

export const detailsDueRule = weekRule(
  'igweek.details-due',
  'IG Week: one week before session details are due, DM to the conveners of each group with a slot but no description or speakers',
  3 * DAY,
  async (prisma, { year, cal }, w) => {
    const dueAt = milestones(cal, null).detailsReminder;
    if (!within(dueAt, w)) return [];
    const sessions = (await store.sessionsOfYear(prisma, year)).filter((s) => missingDetails(s).length > 0);
    return sessions.map((s) => ({
      subject: `igweek:${year}:details:group:${s.groupId}`,
      dueAt,
      label: `IG Week ${year}: ${s.group.name} session details`,
      audience: { kind: 'groupConveners', groupId: s.groupId },
      message: views.detailsReminderMessage(s, cal.detailsDueOn),
    }));
  },
);

export const programRule = weekRule(
  'igweek.program',
  'IG Week: the program posted to the announcements channel one month before the event',
  7 * DAY,
  async (prisma, { year, cal }, w) => {
    const dueAt = milestones(cal, null).program;
    if (!within(dueAt, w)) return [];
    const p = await program(prisma, year);
    if (p.sessions.length === 0) return [];
    return [{ subject: `igweek:${year}:program`, dueAt, label: `IG Week ${year}: program`, audience: { kind: 'appChannel', which: 'announcements' }, message: views.programMessage(p) }];
  },
);

export const practiceCallRule = weekRule(
  'igweek.practice-call',
  "IG Week: call for practice sessions (conveners' channel) two weeks before the event",
  3 * DAY,
  async (_prisma, { year, cal }, w) => {
    const dueAt = milestones(cal, null).practiceCall;
    if (!within(dueAt, w)) return [];
    return [{ subject: `igweek:${year}:practice-call`, dueAt, label: `IG Week ${year}: call for practice sessions`, audience: { kind: 'appChannel', which: 'conveners' }, message: views.practiceCallMessage(cal) }];
  },
);

export const surveyRule = weekRule(
  'igweek.survey',
  'IG Week: the follow-up survey link (set by staff) to the chairs and the announcements channel, the first weekday after the week',
  14 * DAY,
  async (prisma, { year, row, cal }, w) => {
    const dueAt = milestones(cal, null).survey;
    const url = row?.surveyUrl;
    if (!within(dueAt, w) || !url) return [];
    const chairs = new Set<string>();
    for (const s of await store.sessionsOfYear(prisma, year)) for (const id of await chairsOf(prisma, s, dueAt)) chairs.add(id);
    const out: Occurrence[] = [
      { subject: `igweek:${year}:survey:announcements`, dueAt, label: `IG Week ${year}: follow-up survey`, audience: { kind: 'appChannel', which: 'announcements' }, message: views.surveyMessage(year, url, 'everyone') },
    ];
    if (chairs.size) {
      out.push({ subject: `igweek:${year}:survey:chairs`, dueAt, label: `IG Week ${year}: chairs' follow-up survey`, audience: { kind: 'users', userIds: [...chairs].sort() }, message: views.surveyMessage(year, url, 'chairs') });
    }
    return out;
  },
);

export const chairChecklistRule: ReminderRule = {
  id: 'igweek.chair-checklist',
  description: "IG Week: the chair's checklist by DM (to whoever claimed the slot and the moderator) the day before each session, 10:00 Central",
  latenessMs: 12 * HOUR,
  async occurrences({ prisma }, w) {
    // The checklist goes 20–30 hours before the session (the day before, 10:00 Central).
    const sessions = await store.sessionsStartingBetween(prisma, w.from, new Date(w.to.getTime() + 2 * DAY));
    const out: Occurrence[] = [];
    for (const s of sessions) {
      const dueAt = checklistAt(s.slot.startsAt);
      if (!within(dueAt, w)) continue;
      out.push({ subject: `igweek:session:${s.id}:checklist`, dueAt, label: `IG Week: ${s.group.name} chair's checklist`, audience: await chairAudience(prisma, s, dueAt), message: views.checklistMessage(s) });
    }
    return out;
  },
};

export const recordingMissingRule: ReminderRule = {
  id: 'igweek.recording-missing',
  description: "IG Week: staff nudged (the staff channel, or each staff member by DM when none is set) when a session's recording link is still missing 48 hours after it ends",
  latenessMs: 7 * DAY,
  async occurrences({ prisma }, w) {
    const lead = SLOT_MS + 48 * HOUR;
    const sessions = await store.sessionsStartingBetween(prisma, new Date(w.from.getTime() - lead), new Date(w.to.getTime() - lead + 1));
    const missing = sessions.filter((s) => !s.recordingUrl && within(recordingDueAt(s.slot.startsAt), w));
    if (missing.length === 0) return [];
    const audience = await staffAudience(prisma);
    return missing.map((s) => ({
      subject: `igweek:session:${s.id}:recording`,
      dueAt: recordingDueAt(s.slot.startsAt),
      label: `IG Week: ${s.group.name} recording link`,
      audience,
      message: views.recordingMissingMessage(s),
    }));
  },
};

export const igWeekRules: ReminderRule[] = [claimingOpenRule, detailsDueRule, programRule, practiceCallRule, chairChecklistRule, recordingMissingRule, surveyRule];
