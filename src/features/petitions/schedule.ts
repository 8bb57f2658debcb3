// Petition nudges for the deadline engine. These only deliver messages; the state changes
// at the same deadlines (opening for signatures, expiry) are applyDueTransitions in service.ts.
import { DAY, daysLeft, inWindow } from '../reminders/rules.js';
import { localDate } from '../../lib/time.js';
import type { Occurrence, ReminderRule, Transition } from '../reminders/types.js';
import { applyDueTransitions } from './service.js';
import { staffAudience } from '../conveners/service.js';
import { COUNCIL_NUDGE_EVERY_DAYS, COUNCIL_NUDGE_TIME, councilNudges, stewards, WARNING_DAYS, warningAt } from './rules.js';
import * as store from './store.js';
import { councilNudge, expiredNotice, expiryWarning, openedNotice } from './views.js';

export const petitionOpeningRule: ReminderRule = {
  id: 'petitions.opening',
  description: 'Petitions: "now open for signatures", with a Sign button, in the petition\'s channel the morning after its feedback period ends',
  latenessMs: 2 * DAY,
  async occurrences({ prisma, zone }, window) {
    const rows = await store.openingBetween(prisma, window.from, window.to);
    return rows.map((p) => ({
      subject: `petition:${p.id}:open`,
      dueAt: p.opensAt,
      label: `Petition #${p.id} ${p.name}: open for signatures`,
      audience: { kind: 'channel', channelId: p.channelId },
      message: openedNotice(p, zone),
    }));
  },
};

export const petitionExpiryWarningRule: ReminderRule = {
  id: 'petitions.expiry-warning',
  description: `Petitions: DM to its conveners or organizers and the person who filed it ${WARNING_DAYS.join(' and ')} days before a petition still collecting signatures expires`,
  latenessMs: DAY,
  async occurrences({ prisma, zone, asOf }, window) {
    // A warning in the window belongs to a petition expiring up to the longest lead (plus a day) later.
    const horizon = new Date(window.to.getTime() + (Math.max(...WARNING_DAYS) + 1) * DAY);
    const out: Occurrence[] = [];
    for (const p of await store.collectingExpiringBetween(prisma, window.from, horizon)) {
      for (const days of WARNING_DAYS) {
        const dueAt = warningAt(p.expiresAt, days, zone);
        if (!inWindow(dueAt, window) || (p.openedAt && dueAt <= p.openedAt)) continue;
        out.push({
          subject: `petition:${p.id}:expiry-${days}d`,
          dueAt,
          label: `Petition #${p.id} ${p.name}: expires in ${days} days`,
          audience: { kind: 'users', userIds: stewards(p) },
          message: expiryWarning(p, daysLeft(localDate(p.expiresAt, zone), asOf ?? dueAt, zone), zone),
        });
      }
    }
    return out;
  },
};

export const petitionExpiredRule: ReminderRule = {
  id: 'petitions.expired',
  description: 'Petitions: DM to its conveners or organizers and the person who filed it when a petition expires without reaching its threshold',
  latenessMs: 7 * DAY,
  async occurrences({ prisma }, window) {
    const rows = await store.expiringBetween(prisma, window.from, window.to);
    return rows.map((p) => ({
      subject: `petition:${p.id}:expired`,
      dueAt: p.expiresAt,
      label: `Petition #${p.id} ${p.name}: expired`,
      audience: { kind: 'users', userIds: stewards(p) },
      message: expiredNotice(p),
    }));
  },
};

export const petitionCouncilReportRule: ReminderRule = {
  id: 'petitions.council-report',
  description: `Petitions: weekly (every ${COUNCIL_NUDGE_EVERY_DAYS} days at ${COUNCIL_NUDGE_TIME}, from a week after the approval) to staff — the staff channel, or each staff member by DM when none is set — until an approved MIG is marked reported to Council`,
  latenessMs: DAY,
  async occurrences({ prisma, zone }, window) {
    const rows = await store.unreportedApprovals(prisma, window.to);
    if (rows.length === 0) return [];
    const audience = await staffAudience(prisma);
    return rows.flatMap((p) =>
      councilNudges(p.decidedAt!, window, zone).map((dueAt) => ({
        subject: `petition:${p.id}:council-report`,
        dueAt,
        label: `Petition #${p.id} ${p.name}: report the approval to Council`,
        audience,
        message: councilNudge(p, zone),
      })),
    );
  },
};

export const petitionRules: ReminderRule[] = [petitionOpeningRule, petitionExpiryWarningRule, petitionExpiredRule, petitionCouncilReportRule];

/** Opens petitions whose feedback period ended and expires those past their collection period. */
export const petitionTransitions: Transition[] = [
  {
    id: 'petitions.transitions',
    async apply({ prisma, client, zone, logger }, now) {
      await applyDueTransitions(prisma, client, now, { zone, logger });
    },
  },
];
