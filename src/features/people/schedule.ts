// The deadline engine's linking step: roster people and conveners known only by email are
// matched to Slack users a few at a time, so an import made while Slack was unreachable (or
// without a token) is linked later, and people who join Slack later are found (at the latest 30 days on; at once when they use the app).
import type { Transition } from '../reminders/types.js';
import { linkPending, lookupByEmail } from './service.js';

/** Emails asked of Slack per tick (a minute): well under users.lookupByEmail's tier 3 (~50 a minute), beside the nudges' own lookups. */
export const LOOKUPS_PER_TICK = 10;

export const peopleTransitions: Transition[] = [
  {
    id: 'people.link',
    async apply({ prisma, client, logger }, now) {
      const r = await linkPending(prisma, lookupByEmail(client), { now, maxLookups: LOOKUPS_PER_TICK });
      if (r.stopped) logger.warn(`people: linking roster emails to Slack paused (${r.stopped}); ${r.pending} left, retried next minute`);
    },
  },
];
