// The App Home: gathers one person's dashboard (their groups, what they owe and when,
// petitions they can sign, IG Week, and for staff a compliance summary), and publishes it
// again when something changes (refreshHome).
import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { type Clock, isoDateOf, localDate } from '../../lib/time.js';
import { isStaff, lifecycleKinds } from '../admin/service.js';
import { nextTerm } from '../conveners/rules.js';
import { hasDuty, hasLifecycleDuty } from '../directory/kinds.js';
import { claimingState } from '../igweek/rules.js';
import { comingYearAt, readWeek } from '../igweek/service.js';
import { identify } from '../people/service.js';
import { dueDates } from '../reports/service.js';
import { quarterKey } from '../reports/rules.js';
import {
  electionWindow,
  meetingSeasonAhead,
  myGroups,
  owed,
  type IgWeekFacts,
  reportCompliance,
  reportQuarters,
  signable,
  withoutConveners,
  type MyGroup,
} from './rules.js';
import * as store from './store.js';
import { charterDueOn, renewalOpen } from '../charters/rules.js';
import { openRenewal } from '../charters/store.js';
import type { HomeData } from './views.js';

export interface HomeDeps {
  prisma: PrismaClient;
  clock: Clock;
  zone: string;
}

/** One person's dashboard. `client` lets a first visit learn the person's email (for terms imported by email). */
export async function homeData(deps: HomeDeps, userId: string, client?: WebClient): Promise<Omit<HomeData, 'commands'>> {
  const now = deps.clock();
  const today = localDate(now, deps.zone);
  if (client) await identify(deps.prisma, client, userId);
  const [me, staff, joined] = await Promise.all([store.person(deps.prisma, userId), isStaff(deps.prisma, userId), store.memberships(deps.prisma, userId)]);
  const terms = await store.convenerTerms(deps.prisma, userId, me.email, today);
  const groups = myGroups(
    joined.map((m) => m.group),
    terms.map((t) => ({ startsOn: isoDateOf(t.startsOn), group: t.group })),
    today,
  );
  const ids = groups.map((g) => g.id);
  const convened = groups.filter((g) => g.role === 'convener').map((g) => g.id);
  const quarters = reportQuarters(today);
  const season = meetingSeasonAhead(today);
  const window = electionWindow(today, deps.zone);
  const [dues, reports, meetings, elections, igweek, petitions] = await Promise.all([
    dueDates(deps.prisma, quarters),
    store.reportsOf(deps.prisma, convened, quarters.map(quarterKey)),
    store.meetingsOf(deps.prisma, convened, season.fromDay, season.toDay),
    store.electionsOf(deps.prisma, ids, window.countsAfter, userId),
    igWeekFacts(deps, groups.filter((g) => hasDuty(g.kind, 'igWeek')).map((g) => g.id)),
    store.petitionsIn(deps.prisma, ['COLLECTING', 'AWAITING_APPROVAL'], userId),
  ]);
  const roster = me.roster ? { ala: me.roster.ala, core: me.roster.core, pla: me.roster.pla, standing: me.roster.standing } : null;
  return {
    now,
    zone: deps.zone,
    groups,
    owed: owed({
      now,
      zone: deps.zone,
      groups,
      quarters: quarters.map((quarter) => ({ quarter, dueOn: dues.get(quarterKey(quarter))! })),
      reports,
      meetings,
      elections,
      igweek,
    }),
    igweek: igweek ? { year: igweek.year, sessions: igweek.sessions.map((s) => ({ ...s, group: groups.find((g) => g.id === s.groupId)! })) } : null,
    petitions: signable(petitions, userId, roster, now),
    renewals: await openRenewals(deps, groups.filter((g) => g.role === 'convener'), now),
    staff: staff ? await staffSummary(deps, now, today, petitions) : null,
  };
}

/** Convened groups whose charter renewal window is open and that have no request in review. */
async function openRenewals(deps: HomeDeps, convened: MyGroup[], now: Date): Promise<{ groupId: number; name: string; dueOn: string }[]> {
  const out: { groupId: number; name: string; dueOn: string }[] = [];
  const kinds = await lifecycleKinds(deps.prisma);
  for (const g of convened) {
    if (!hasLifecycleDuty(g.kind, kinds) || g.charterApprovedOn === undefined) continue;
    const chartered = { charterApprovedOn: g.charterApprovedOn, createdAt: g.createdAt };
    if (!renewalOpen(chartered, deps.zone, now) || (await openRenewal(deps.prisma, g.id))) continue;
    out.push({ groupId: g.id, name: g.name, dueOn: charterDueOn(chartered, deps.zone) });
  }
  return out;
}

async function igWeekFacts(deps: HomeDeps, groupIds: number[]): Promise<IgWeekFacts | null> {
  if (groupIds.length === 0) return null;
  const now = deps.clock();
  const year = await comingYearAt(deps.prisma, now);
  const { row, cal } = await readWeek(deps.prisma, year);
  const sessions = await store.sessionsOf(deps.prisma, year, groupIds);
  return { year, cal, state: claimingState(cal, row?.claiming ?? 'AUTO', row?.programLocked ?? false, now), sessions };
}

async function staffSummary(deps: HomeDeps, now: Date, today: string, petitions: Awaited<ReturnType<typeof store.petitionsIn>>) {
  const [quarter] = reportQuarters(today);
  const term = nextTerm(today);
  const [groups, reports, dues, covered] = await Promise.all([
    store.activeGroups(deps.prisma),
    store.reportsFor(deps.prisma, quarterKey(quarter!)),
    dueDates(deps.prisma, [quarter!]),
    store.groupsWithConvenerOn(deps.prisma, term.startsOn),
  ]);
  return {
    reports: reportCompliance(groups, reports, quarter!, dues.get(quarterKey(quarter!))!, now, deps.zone),
    withoutConveners: withoutConveners(groups, covered, today),
    awaitingDecision: petitions.filter((p) => p.status === 'AWAITING_APPROVAL'),
  };
}

// ---------------------------------------------------------------------------
// Refreshing

export interface RefreshOptions {
  /** Also everyone whose dashboard shows this group: its conveners (current and incoming)… */
  groupId?: number;
  /** …and its members (for what members see: the group's IG Week session, an election to vote in). */
  members?: boolean;
  /** Also every staff member (their compliance summary). */
  staff?: boolean;
  /** Also everyone who opened their Home tab lately (a change that concerns everyone: a petition opening for signatures). */
  viewers?: boolean;
}

/** "Lately" for `viewers`, and at most this many of them (most recent first). */
export const VIEWERS_SINCE_DAYS = 90;
export const MAX_VIEWERS = 500;

export function homeOpened(deps: HomeDeps, userId: string): Promise<void> {
  return store.markHomeOpened(deps.prisma, userId, deps.clock());
}

export type RefreshHome = (userIds: string[], opts?: RefreshOptions) => Promise<void>;

/**
 * Builds the function features call after a write (after the ack): it publishes the App Home
 * again for the people affected, one after the other; failures are logged, never thrown.
 * Refreshes coalesce: a person asked for while a round is running is refreshed once in the next
 * round, however many times they were asked for (a burst of a thousand signatures is not a
 * thousand renders of the organizer's Home). People who have never opened their Home tab are
 * skipped: Slack shows them nothing until they do, and opening it renders it fresh.
 */
export function homeRefresher(deps: HomeDeps & { client: WebClient; logger: Logger }, render: (userId: string) => Promise<unknown>): RefreshHome {
  const pending = new Set<string>();
  let round: Promise<void> | undefined;
  const flush = async () => {
    while (pending.size > 0) {
      const batch = [...pending];
      pending.clear();
      for (const userId of await store.everOpenedHome(deps.prisma, batch)) {
        try {
          await deps.client.views.publish({ user_id: userId, view: (await render(userId)) as never });
        } catch (error) {
          deps.logger.error(`home: could not refresh the App Home of ${userId}: ${String(error)}`);
        }
      }
    }
  };
  const start = (): Promise<void> =>
    (round ??= flush()
      .catch((error: unknown) => deps.logger.error(`home: refreshing App Homes failed: ${String(error)}`))
      .finally(() => {
        round = undefined;
        if (pending.size > 0) void start(); // asked for after the last look at `pending`
      }));
  return async (userIds, opts = {}) => {
    try {
      const people = new Set(userIds);
      const today = localDate(deps.clock(), deps.zone);
      if (opts.groupId) for (const id of await store.groupPeople(deps.prisma, opts.groupId, today, Boolean(opts.members))) people.add(id);
      if (opts.staff) for (const id of await store.staffIds(deps.prisma)) people.add(id);
      if (opts.viewers) {
        const since = new Date(deps.clock().getTime() - VIEWERS_SINCE_DAYS * 86_400_000);
        for (const id of await store.homeViewersSince(deps.prisma, since, MAX_VIEWERS)) people.add(id);
      }
      for (const id of people) pending.add(id);
    } catch (error) {
      deps.logger.error(`home: refreshing App Homes failed: ${String(error)}`);
    }
    await start();
  };
}
