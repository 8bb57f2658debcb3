// Annual space nudges: DM to the conveners of each eligible group without a request, 14 and
// 3 days before requests close for the next Annual Conference.
import { isoDateOf, localDate, plusDays } from '../../lib/time.js';
import { DAY, daysLeft, deadlineNudges, nudgesInWindow } from '../reminders/rules.js';
import type { Occurrence, ReminderRule } from '../reminders/types.js';
import { NUDGE_PLAN } from './rules.js';
import * as store from './store.js';
import { requestNudge } from './views.js';

export const annualSpaceRule: ReminderRule = {
  id: 'annual.space',
  description: 'Annual space requests: DM to the conveners of each Core interest group without a request, 14 and 3 days before requests close',
  latenessMs: 2 * DAY,
  async occurrences({ prisma, zone, asOf }, window) {
    // A nudge falls at most 14 days before the close: conferences closing from the window's start to 15 days after its end.
    const closing = await store.conferencesClosingBetween(prisma, localDate(window.from, zone), plusDays(localDate(window.to, zone), 15));
    const out: Occurrence[] = [];
    for (const c of closing) {
      const closeOn = isoDateOf(c.requestsCloseOn);
      const nudges = nudgesInWindow(deadlineNudges(closeOn, NUDGE_PLAN, zone), window);
      if (nudges.length === 0) continue;
      for (const g of await store.eligibleWithoutRequest(prisma, c.id)) {
        for (const n of nudges) {
          const days = daysLeft(closeOn, asOf ?? n.at, zone);
          out.push({
            subject: `group:${g.id}:annual:${c.id}`,
            dueAt: n.at,
            label: `${g.name}: space at ${c.name} (${n.key})`,
            audience: { kind: 'groupConveners', groupId: g.id },
            message: requestNudge({ groupId: g.id, groupName: g.name, conference: c.name, closeOn, days, zone }),
          });
        }
      }
    }
    return out;
  },
};

export const annualRules: ReminderRule[] = [annualSpaceRule];
