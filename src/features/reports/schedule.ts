// Quarterly-report nudges: each group's conveners by DM 14 and 3 days before the due date, on
// the day, and weekly while overdue (four at most), until the report is filed; and a digest
// of missing reports to staff the day after each due date.
import { localDate, plusDays, zonedInstant } from '../../lib/time.js';
import { staffAudience } from '../conveners/service.js';
import { daysLeft, deadlineNudges, DAY, inWindow, nudgesInWindow, type Window } from '../reminders/rules.js';
import type { Occurrence, ReminderRule } from '../reminders/types.js';
import { NUDGE_PLAN, type Quarter, quarterKey, quarterLabel, quarterOf, quarterStart, shiftQuarter } from './rules.js';
import { dueDates } from './service.js';
import { hasDuty } from '../directory/kinds.js';
import * as store from './store.js';
import { type NudgeKind, reportNudge, staffDigest } from './views.js';

/** Quarters whose nudges can fall in the window (a due date is at most six months after its quarter). */
function quartersNear(window: Window, zone: string): Quarter[] {
  const first = shiftQuarter(quarterOf(localDate(window.from, zone)), -3);
  const last = quarterOf(plusDays(localDate(window.to, zone), 14));
  const out: Quarter[] = [];
  for (let q = first; quarterKey(q) <= quarterKey(last); q = shiftQuarter(q, 1)) out.push(q);
  return out;
}

type Prisma = Parameters<ReminderRule['occurrences']>[0]['prisma'];

/** The quarters near the window with their keys and (possibly staff-moved) due dates. */
async function quarterDues(prisma: Prisma, window: Window, zone: string) {
  const quarters = quartersNear(window, zone);
  const dues = await dueDates(prisma, quarters);
  return quarters.map((quarter) => ({ quarter, key: quarterKey(quarter), dueOn: dues.get(quarterKey(quarter))! }));
}

/** What a nudge going out at `at` says: due in N days, today, or overdue (a late one says it as it is then). */
function nudgeKindAt(dueOn: string, at: Date, zone: string): NudgeKind {
  const days = daysLeft(dueOn, at, zone);
  if (days > 0) return { kind: 'before', days };
  if (days === 0) return { kind: 'due' };
  return { kind: 'overdue' };
}

async function owingWithoutReport(prisma: Prisma, quarter: Quarter, zone: string) {
  const [groups, reports] = await Promise.all([store.groupsOwing(prisma, zonedInstant(quarterStart(quarter), '00:00', zone)), store.reportsFor(prisma, [quarterKey(quarter)])]);
  const filed = new Set(reports.map((r) => r.groupId));
  return { owing: groups, missing: groups.filter((g) => !filed.has(g.id)) };
}

export const reportNudgeRule: ReminderRule = {
  id: 'reports.quarterly',
  description: "Quarterly reports: DM to each active Core interest group's conveners 14 and 3 days before the due date, on the day, then weekly while overdue (four at most), until the report is filed",
  latenessMs: 3 * DAY,
  async occurrences({ prisma, zone, asOf }, window) {
    const out: Occurrence[] = [];
    for (const { quarter, key, dueOn } of await quarterDues(prisma, window, zone)) {
      const nudges = nudgesInWindow(deadlineNudges(dueOn, NUDGE_PLAN, zone), window);
      if (nudges.length === 0) continue;
      const { missing } = await owingWithoutReport(prisma, quarter, zone);
      for (const g of missing) {
        for (const n of nudges) {
          out.push({
            subject: `group:${g.id}:report:${key}`,
            dueAt: n.at,
            label: `${g.name}: ${quarterLabel(quarter)} report (${n.key})`,
            audience: { kind: 'groupConveners', groupId: g.id },
            message: reportNudge({ groupId: g.id, groupName: g.name, quarter, dueOn, nudge: nudgeKindAt(dueOn, asOf ?? n.at, zone), zone }),
          });
        }
      }
    }
    return out;
  },
};

export const reportDigestRule: ReminderRule = {
  id: 'reports.digest',
  description: 'Quarterly reports: the groups that have not filed, to staff, the day after each due date',
  latenessMs: 7 * DAY,
  async occurrences({ prisma, zone }, window) {
    const out: Occurrence[] = [];
    for (const { quarter, key, dueOn } of await quarterDues(prisma, window, zone)) {
      const at = zonedInstant(plusDays(dueOn, 1), NUDGE_PLAN.time, zone);
      if (!inWindow(at, window)) continue;
      const owed = await owingWithoutReport(prisma, quarter, zone);
      const owing = owed.owing.filter((g) => hasDuty(g.kind, 'staffDigest'));
      const missing = owed.missing.filter((g) => hasDuty(g.kind, 'staffDigest'));
      out.push({
        subject: `quarter:${key}:digest`,
        dueAt: at,
        label: `${quarterLabel(quarter)} reports: digest to staff`,
        audience: await staffAudience(prisma),
        message: staffDigest({ quarter, dueOn, missing, owing: owing.length }),
      });
    }
    return out;
  },
};

export const reportRules: ReminderRule[] = [reportNudgeRule, reportDigestRule];
