// Proposal nudges: DM to the conveners of each eligible group without a proposal for a call,
// 14 and 3 days before the call closes.
import { isoDateOf, localDate, plusDays } from '../../lib/time.js';
import { DAY, daysLeft, deadlineNudges, nudgesInWindow } from '../reminders/rules.js';
import type { Occurrence, ReminderRule } from '../reminders/types.js';
import { callRules, NUDGE_PLAN } from './rules.js';
import * as store from './store.js';
import { proposalNudge } from './views.js';

export const proposalDeadlineRule: ReminderRule = {
  id: 'proposals.deadline',
  description: 'Calls for proposals: DM to the conveners of each Core interest group without a proposal for the call, 14 and 3 days before it closes',
  latenessMs: 2 * DAY,
  async occurrences({ prisma, zone, asOf }, window) {
    const closing = await store.callsClosingBetween(prisma, localDate(window.from, zone), plusDays(localDate(window.to, zone), 15));
    const out: Occurrence[] = [];
    for (const call of closing) {
      if (!callRules(call.key)) continue;
      const closesOn = isoDateOf(call.closesOn);
      const nudges = nudgesInWindow(deadlineNudges(closesOn, NUDGE_PLAN, zone), window).filter((n) => n.at.getTime() > call.opensOn.getTime());
      if (nudges.length === 0) continue;
      for (const g of await store.eligibleWithoutProposal(prisma, call.key)) {
        for (const n of nudges) {
          out.push({
            subject: `group:${g.id}:proposals:${call.key}:${closesOn}`,
            dueAt: n.at,
            label: `${g.name}: ${callRules(call.key)!.label} proposals (${n.key})`,
            audience: { kind: 'groupConveners', groupId: g.id },
            message: proposalNudge({ groupId: g.id, groupName: g.name, callKey: call.key, closesOn, days: daysLeft(closesOn, asOf ?? n.at, zone), zone }),
          });
        }
      }
    }
    return out;
  },
};

export const proposalRules: ReminderRule[] = [proposalDeadlineRule];
