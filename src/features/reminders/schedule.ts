// The engine's first rules (seed 000): business-meeting and convener-election nudges to
// each group's conveners. Each stops for a group once the group has done the thing.
import { dateOnly, endOfDay, localDate, localYear } from '../../lib/time.js';
import {
  annualInstants,
  DAY,
  ELECTION_CALL,
  ELECTION_DEADLINE,
  ELECTION_LAST_CALL,
  MEETING_NUDGE_DATES,
  meetingSeason,
  monthDayIn,
  yearly,
} from './rules.js';
import { kindsWith } from '../directory/kinds.js';
import * as store from './store.js';
import type { Occurrence, ReminderRule } from './types.js';
import { businessMeetingNudge, electionNudge } from './views.js';

const NUDGE_TIME = '10:00';
/** A nudge missed by downtime still goes out up to three days late. */
const LATENESS_MS = 3 * DAY;

export const businessMeetingRule: ReminderRule = {
  id: 'meetings.business',
  description: "Business meetings: DM to each active Core interest group's conveners on Dec 1 and 15 (January virtual meeting) and May 1 and 15 (June meeting), until the meeting is recorded",
  latenessMs: LATENESS_MS,
  async occurrences({ prisma, zone }, window) {
    const out: Occurrence[] = [];
    for (const dueAt of annualInstants(MEETING_NUDGE_DATES, NUDGE_TIME, zone, window)) {
      const season = meetingSeason(localDate(dueAt, zone));
      const groups = await store.activeGroups(prisma, dueAt, kindsWith('businessMeetings'));
      const held = await store.groupsWithMeeting(prisma, groups.map((g) => g.id), dateOnly(season.fromDay), dateOnly(season.toDay));
      for (const g of groups.filter((g) => !held.has(g.id))) {
        out.push({
          subject: `group:${g.id}:meeting:${season.key}`,
          dueAt,
          label: `${g.name}: ${season.name} ${season.year} business meeting`,
          audience: { kind: 'groupConveners', groupId: g.id },
          message: businessMeetingNudge({ groupId: g.id, groupName: g.name, season: season.name, deadline: endOfDay(season.toDay, zone), zone }),
        });
      }
    }
    return out;
  },
};

export const electionRule: ReminderRule = {
  id: 'elections.convener',
  description: 'Convener elections: DM to the conveners of each active Core interest group with no election recorded for the year, on March 1 and a last call on April 15 (elections are held by April 30)',
  latenessMs: LATENESS_MS,
  async occurrences({ prisma, zone }, window) {
    const out: Occurrence[] = [];
    const calls = [
      ...yearly(ELECTION_CALL, NUDGE_TIME, zone, window).map((dueAt) => ({ dueAt, lastCall: false })),
      ...yearly(ELECTION_LAST_CALL, NUDGE_TIME, zone, window).map((dueAt) => ({ dueAt, lastCall: true })),
    ];
    for (const { dueAt, lastCall } of calls) {
      const year = localYear(dueAt, zone);
      const deadline = endOfDay(monthDayIn(year, ELECTION_DEADLINE), zone);
      const groups = await store.activeGroups(prisma, dueAt, kindsWith('elections'));
      const held = await store.groupsWithElection(prisma, groups.map((g) => g.id), year);
      for (const g of groups.filter((g) => !held.has(g.id))) {
        out.push({
          subject: `group:${g.id}:election:${year}`,
          dueAt,
          label: `${g.name}: ${year} convener election${lastCall ? ' (last call)' : ''}`,
          audience: { kind: 'groupConveners', groupId: g.id },
          message: electionNudge({ groupId: g.id, groupName: g.name, year, deadline, lastCall, zone }),
        });
      }
    }
    return out;
  },
};
