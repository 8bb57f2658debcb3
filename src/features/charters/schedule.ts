// Charters and activity for the deadline engine: IG Week sessions count as activity once
// their hour has passed; renewal nudges 90, 30 and 7 days before the due date and on the day.
import { SLOT_MS } from '../igweek/rules.js';
import { lifecycleKinds } from '../admin/service.js';
import { DAY, daysLeft } from '../reminders/rules.js';
import type { Occurrence, ReminderRule, Transition } from '../reminders/types.js';
import { charterDueOn, renewalNudges } from './rules.js';
import * as store from './store.js';
import { renewalNudge } from './views.js';

/** How far back a tick looks for sessions that ended (covers downtime; recording activity twice is harmless). */
const LOOKBACK_MS = 7 * 24 * 60 * 60 * 1000;

export const sessionActivity: Transition = {
  id: 'charters.igweek-activity',
  async apply({ prisma }, now) {
    const ended = await store.sessionsEndedBetween(prisma, new Date(now.getTime() - LOOKBACK_MS), now, SLOT_MS);
    for (const s of ended) await store.recordActivity(prisma, s.groupId, s.endedAt);
  },
};

export const charterTransitions: Transition[] = [sessionActivity];

/** DM to the conveners 90, 30 and 7 days before the charter is due (10:00) and on the day (08:00); none once a request is filed. */
export const renewalRule: ReminderRule = {
  id: 'charters.renewal',
  description: 'Charter renewal: DM to the conveners of each Core interest group 90, 30 and 7 days before its charter is due (10:00) and on the day (08:00), until a renewal request is filed',
  latenessMs: 2 * DAY,
  async occurrences({ prisma, zone, asOf }, window) {
    const out: Occurrence[] = [];
    for (const g of await store.groupsAwaitingRenewal(prisma, await lifecycleKinds(prisma))) {
      const dueOn = charterDueOn(g, zone);
      for (const n of renewalNudges(g, zone)) {
        if (!(n.at > window.from && n.at <= window.to)) continue;
        out.push({
          subject: `group:${g.id}:charter:${dueOn}`,
          dueAt: n.at,
          label: `${g.name}: charter renewal (${n.daysBefore} days)`,
          audience: { kind: 'groupConveners', groupId: g.id },
          message: renewalNudge({ groupId: g.id, groupName: g.name, dueOn, days: daysLeft(dueOn, asOf ?? n.at, zone) }),
        });
      }
    }
    return out;
  },
};

export const charterRules: ReminderRule[] = [renewalRule];
