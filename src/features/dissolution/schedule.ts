// Dissolution's deadline-engine parts: the warnings (90, 30 and 7 days before, to the
// conveners by DM and to staff) and the dissolution itself (a transition, run at the start of
// each tick; never by a dry run). Both read the same rule, so activity that moves the deadline
// stops the remaining warnings (they are no longer returned) and the dissolution.
import type { Occurrence, ReminderRule, Transition } from '../reminders/types.js';
import { DAY, inWindow } from '../reminders/rules.js';
import { staffAudience } from '../conveners/service.js';
import { dissolutionDue, WARNING_RULE_ID, warningInstants, warningSubject } from './rules.js';
import { dissolveDue } from './service.js';
import { lifecycleKinds } from '../admin/service.js';
import * as store from './store.js';
import { warning } from './views.js';

export const dissolutionWarningRule: ReminderRule = {
  id: WARNING_RULE_ID,
  description: 'Dissolution warnings to conveners (DM) and staff, 90, 30 and 7 days before a group is dissolved for no charter or no activity in three years',
  latenessMs: 3 * DAY,
  async occurrences({ prisma, zone }, window) {
    const out: Occurrence[] = [];
    let staff: Occurrence['audience'] | undefined;
    const kinds = await lifecycleKinds(prisma);
    for (const g of await store.dissolvableGroups(prisma, kinds)) {
      const due = dissolutionDue(g, zone, { renewalPending: g.renewalPending, kinds });
      if (!due) continue;
      for (const w of warningInstants(due, zone)) {
        if (!inWindow(w.at, window)) continue;
        const label = `${g.name}: dissolution in ${w.days} days (${due.cause})`;
        out.push({ subject: warningSubject(g.id, due, w.days, 'conveners'), dueAt: w.at, label, audience: { kind: 'groupConveners', groupId: g.id }, message: warning(g, due, w.days, zone, 'conveners') });
        staff ??= await staffAudience(prisma);
        out.push({ subject: warningSubject(g.id, due, w.days, 'staff'), dueAt: w.at, label: `${label}, to staff`, audience: staff, message: warning(g, due, w.days, zone, 'staff') });
      }
    }
    return out;
  },
};

export const dissolutionRules: ReminderRule[] = [dissolutionWarningRule];

export const dissolutionTransitions: Transition[] = [
  {
    id: 'dissolution.dissolve',
    async apply({ prisma, client, zone, logger }, now) {
      await dissolveDue({ prisma, client, zone, logger, clock: () => now });
    },
  },
];
