// The elections' deadline-engine rules: "voting is open" and the results in the group's
// channel (its conveners by DM when it has none), and the names of the incoming conveners
// to staff (the report to the Core Office). Read only: the close itself is
// service.closeDueElections; the count is the same before and after it.
import type { Audience, Occurrence, ReminderRule, RuleContext, Transition } from '../reminders/types.js';
import { staffAudience } from '../conveners/service.js';
import { closeDueElections, resultsOf } from './service.js';
import * as store from './store.js';
import { resultsPost, staffResultsReport, votingOpenPost } from './views.js';

const DAY = 86_400_000;

function groupAudience(e: { groupId: number; group: { channelId: string | null } }): Audience {
  return e.group.channelId ? { kind: 'groupChannel', groupId: e.groupId } : { kind: 'groupConveners', groupId: e.groupId };
}

export const votingOpenRule: ReminderRule = {
  id: 'elections.voting',
  description: "Elections: 'voting is open' with a Vote button in the group's channel when the voting period starts",
  latenessMs: 2 * DAY,
  async occurrences({ prisma, zone }: RuleContext, { from, to }) {
    const elections = await store.electionsBy(prisma, 'opensAt', from, to);
    return elections
      .filter((e) => e.status === 'OPEN')
      .map((e): Occurrence => ({
        subject: `election:${e.id}:voting`,
        dueAt: e.opensAt,
        label: `${e.group.name}: voting opens`,
        audience: groupAudience(e),
        message: votingOpenPost(e, zone),
      }));
  },
};

export const resultsRule: ReminderRule = {
  id: 'elections.close',
  description: "Elections: the results (turnout, winners, ties) in the group's channel when voting closes",
  latenessMs: 30 * DAY,
  async occurrences({ prisma }: RuleContext, { from, to }) {
    const out: Occurrence[] = [];
    for (const e of await store.electionsBy(prisma, 'closesAt', from, to)) {
      out.push({ subject: `election:${e.id}:results`, dueAt: e.closesAt, label: `${e.group.name}: election results`, audience: groupAudience(e), message: resultsPost(await resultsOf({ prisma }, e)) });
    }
    return out;
  },
};

export const staffReportRule: ReminderRule = {
  id: 'elections.report',
  description: 'Elections: the incoming conveners each election elected, to staff (the report to the Core Office)',
  latenessMs: 30 * DAY,
  async occurrences({ prisma }: RuleContext, { from, to }) {
    const elections = await store.electionsBy(prisma, 'closesAt', from, to);
    if (elections.length === 0) return [];
    const audience = await staffAudience(prisma);
    const out: Occurrence[] = [];
    for (const e of elections) {
      out.push({ subject: `election:${e.id}:report`, dueAt: e.closesAt, label: `${e.group.name}: incoming conveners to staff`, audience, message: staffResultsReport(await resultsOf({ prisma }, e)) });
    }
    return out;
  },
};

export const electionRules: ReminderRule[] = [votingOpenRule, resultsRule, staffReportRule];

/** Closes elections whose voting period has ended: totals stored, ballots and secret destroyed, winners' terms. */
export const electionTransitions: Transition[] = [
  {
    id: 'elections.finalize',
    async apply({ prisma, client, zone }, now) {
      await closeDueElections({ prisma, client, zone, clock: () => now });
    },
  },
];
