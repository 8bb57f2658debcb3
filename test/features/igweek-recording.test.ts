// The IG Week recording nudge (48 h after a session whose recording link is missing) reaches
// staff by DM when no staff channel is set, like other staff notices: through the deadline
// engine and the fake Web API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWeek } from '../../src/features/igweek/service.js';
import { type Harness, startHarness, textOf } from '../support/harness.js';
import { coreGroup } from './igweek-support.js';
import { dm, makeEngine } from './reminders-helpers.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ adminUserIds: ['USTAFF', 'USTAFF2'], now: '2027-03-03T16:00:00Z' });
  for (const id of ['USTAFF', 'USTAFF2']) h.fake.addUser({ id, email: `${id.toLowerCase()}@example.org` });
  await loadWeek(h.prisma, 2027);
  const slot = await h.prisma.igWeekSlot.findFirstOrThrow({ where: { year: 2027 }, orderBy: { startsAt: 'asc' } });
  const group = await coreGroup(h, 'Alpha Interest Group', 'UA');
  await h.prisma.igWeekSession.create({ data: { year: 2027, slotId: slot.id, groupId: group.id, claimedBy: 'UA', title: 'Alpha talks' } });
});
afterAll(() => h?.close());

describe('the IG Week recording nudge', () => {
  it('reaches each staff member by DM when no staff channel is set', async () => {
    // The first session is Mon, Mar 1, 10:00–11:00 Central; the nudge is due 48 hours after it ends.
    h.clock.set('2027-03-03T17:00:00Z');
    const r = await makeEngine(h).tick();
    expect(r.errors).toEqual([]);
    // Both DMs go out at once (the engine sends to several recipients in parallel): in either order.
    expect(r.outcomes.filter((o) => o.ruleId === 'igweek.recording-missing').map((o) => [o.recipient, o.status]).sort()).toEqual([
      ['USTAFF', 'SENT'],
      ['USTAFF2', 'SENT'],
    ]);
    for (const staff of ['USTAFF', 'USTAFF2']) {
      const texts = h.fake.messagesIn(dm(staff)).map((m) => textOf(m as unknown as Record<string, unknown>));
      expect(texts).toContainEqual(expect.stringContaining("The recording link for *Alpha Interest Group*'s IG Week session"));
    }
  });
});
