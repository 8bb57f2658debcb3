// The public site's use cases: the directory, one group, the IG Week program. Read only, and
// public: people appear by name only (never an email or a Slack id), members not at all, and
// dissolved groups are gone.
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { GroupKind } from '../../generated/prisma/enums.js';
import { cleanName, personFromText, personPlain } from '../../lib/slack/people.js';
import { type Clock, isoDateOf, localDate } from '../../lib/time.js';
import { kindLabel } from '../directory/kinds.js';
import { searchWords } from '../directory/rules.js';
import { type ProgramData, comingYearAt, program } from '../igweek/service.js';
import { IGWEEK_ZONE, slotEnd } from '../igweek/rules.js';
import { type PersonRef, resolvePeople } from '../people/service.js';
import { FORMAT_LABELS } from '../conveners/views.js';
import { KIND_PARAMS, LEVEL_LABELS, groupSlug, howToJoin, keyOfSlug } from './rules.js';
import * as store from './store.js';

export interface SiteDeps {
  prisma: PrismaClient;
  clock: Clock;
  orgTimezone: string;
}

/** Business meetings shown per group. */
export const MEETINGS_SHOWN = 3;

export interface PublicSession {
  year: number;
  startsAt: Date;
  endsAt: Date;
  title: string | null;
  registrationUrl: string | null;
}

export interface PublicGroup {
  slug: string;
  name: string;
  kind: GroupKind;
  kindLabel: string;
  level: string | null;
  purpose: string;
  conveners: string[];
  staffLiaison: string | null;
  join: { command: string; eligibility: string };
  nextMeetings: { date: string; format: string }[];
  igWeekSession: PublicSession | null;
}

type GroupRow = Awaited<ReturnType<typeof store.activeGroups>>[number];

/** Names only: people with no known name are left out rather than shown as a label. */
async function namesOfPeople(deps: SiteDeps, refs: PersonRef[]): Promise<string[]> {
  const shown = await resolvePeople(deps.prisma, refs);
  return shown.filter((p) => cleanName(p.name)).map(personPlain);
}

/** Everything public about these groups, in their order (a few queries, whatever the count). */
async function describe(deps: SiteDeps, groups: GroupRow[]): Promise<PublicGroup[]> {
  if (groups.length === 0) return [];
  const now = deps.clock();
  const today = localDate(now, deps.orgTimezone);
  const ids = groups.map((g) => g.id);
  const year = await comingYearAt(deps.prisma, now);
  const [terms, meetings, sessions] = await Promise.all([
    store.convenerTerms(deps.prisma, ids, today),
    store.upcomingMeetings(deps.prisma, ids, today, MEETINGS_SHOWN),
    store.sessionsOf(deps.prisma, year, ids),
  ]);
  return Promise.all(
    groups.map(async (g) => {
      const session = sessions.find((s) => s.groupId === g.id);
      const liaison = g.staffLiaison ? personFromText(g.staffLiaison) : null;
      const [conveners, liaisonNames] = await Promise.all([
        namesOfPeople(deps, terms.filter((t) => t.groupId === g.id)),
        liaison ? namesOfPeople(deps, [liaison]) : Promise.resolve([]),
      ]);
      return {
        slug: groupSlug(g.name),
        name: g.name,
        kind: g.kind,
        kindLabel: kindLabel(g.kind),
        level: g.level ? LEVEL_LABELS[g.level] : null,
        purpose: g.description,
        conveners,
        staffLiaison: liaisonNames[0] ?? null,
        join: howToJoin(g.name, g.eligibility),
        nextMeetings: meetings.filter((m) => m.groupId === g.id).map((m) => ({ date: isoDateOf(m.heldOn), format: FORMAT_LABELS[m.format] })),
        igWeekSession: session
          ? { year, startsAt: session.slot.startsAt, endsAt: slotEnd(session.slot.startsAt), title: session.title, registrationUrl: session.registrationUrl }
          : null,
      };
    }),
  );
}

export interface DirectoryQuery {
  q: string;
  kind?: GroupKind;
}

export async function directory(deps: SiteDeps, query: DirectoryQuery) {
  const words = searchWords(query.q);
  const groups = await describe(deps, await store.activeGroups(deps.prisma, words, query.kind));
  return { query: words.join(' '), kind: query.kind, groups, igWeekYear: await comingYearAt(deps.prisma, deps.clock()) };
}

export type GroupPage = { kind: 'found'; group: PublicGroup; igWeekYear: number } | { kind: 'moved'; slug: string } | { kind: 'missing' };

/** One active group by its slug; a slug spelled differently (same key) is sent to the group's own. */
export async function groupPage(deps: SiteDeps, slug: string): Promise<GroupPage> {
  const key = keyOfSlug(slug);
  const row = key ? await store.activeGroupByKey(deps.prisma, key) : null;
  if (!row) return { kind: 'missing' };
  const canonical = groupSlug(row.name);
  if (canonical !== slug) return { kind: 'moved', slug: canonical };
  const [group] = await describe(deps, [row]);
  return { kind: 'found', group: group!, igWeekYear: await comingYearAt(deps.prisma, deps.clock()) };
}

export interface PublicProgram {
  year: number;
  /** The sessions of active groups only: the data the iCalendar export takes. */
  data: ProgramData;
  days: { day: string; sessions: { startsAt: Date; endsAt: Date; group: string; slug: string; title: string | null; registrationUrl: string | null }[] }[];
  /** When the program last changed (the iCalendar DTSTAMP, so the file is the same until it changes). */
  changedAt: Date;
}

/** A year's IG Week program, without the sessions of dissolved groups. */
export async function igWeekProgram(deps: SiteDeps, year: number): Promise<PublicProgram> {
  const full = await program(deps.prisma, year);
  const active = await store.activeIds(deps.prisma, [...new Set(full.sessions.map((s) => s.groupId))]);
  const sessions = full.sessions.filter((s) => active.has(s.groupId));
  const data: ProgramData = { ...full, sessions };
  const days = full.cal.days.map((day) => ({
    day,
    sessions: sessions
      .filter((s) => localDate(s.slot.startsAt, IGWEEK_ZONE) === day)
      .map((s) => ({
        startsAt: s.slot.startsAt,
        endsAt: slotEnd(s.slot.startsAt),
        group: s.group.name,
        slug: groupSlug(s.group.name),
        title: s.title,
        registrationUrl: s.registrationUrl,
      })),
  }));
  const changedAt = new Date(Math.max(full.cal.claimOpensAt.getTime(), ...sessions.map((s) => s.updatedAt.getTime())));
  return { year, data, days, changedAt };
}

/** `/groups.json`: every active group, for the association's website. */
export async function groupsJson(deps: SiteDeps) {
  const { groups } = await directory(deps, { q: '' });
  return {
    groups: groups.map((g) => ({
      slug: g.slug,
      path: `/groups/${g.slug}`,
      name: g.name,
      kind: KIND_PARAMS[g.kind],
      kindLabel: g.kindLabel,
      level: g.level,
      purpose: g.purpose,
      conveners: g.conveners,
      staffLiaison: g.staffLiaison,
      howToJoin: g.join,
      nextMeetings: g.nextMeetings,
      igWeekSession: g.igWeekSession
        ? {
            year: g.igWeekSession.year,
            startsAt: g.igWeekSession.startsAt.toISOString(),
            endsAt: g.igWeekSession.endsAt.toISOString(),
            title: g.igWeekSession.title,
            registrationUrl: g.igWeekSession.registrationUrl,
          }
        : null,
    })),
  };
}
