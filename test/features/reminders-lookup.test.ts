// A convener known only by email: when users.lookupByEmail fails for a reason that may pass
// (network error, 5xx, 429), the nudge is not lost: the delivery fails and is retried on the
// same schedule as a failed post; only Slack's users_not_found skips it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HOUR } from '../../src/features/reminders/rules.js';
import { type Harness, startHarness } from '../support/harness.js';
import { addGroup, dm, fixedRule, makeEngine, note, recordingSleep } from './reminders-helpers.js';

let h: Harness;
const groups: Record<string, number> = {};

beforeAll(async () => {
  h = await startHarness({ now: '2027-01-10T12:00:00Z', adminUserIds: ['USTAFF'] });
  for (const id of ['USTAFF', 'U1', 'U2', 'U3']) h.fake.addUser({ id, email: `${id.toLowerCase()}@example.org` });
  groups.network = await addGroup(h.prisma, { name: 'Network', conveners: [{ email: 'u1@example.org' }] });
  groups.server = await addGroup(h.prisma, { name: 'Server', conveners: [{ email: 'u2@example.org' }] });
  groups.limited = await addGroup(h.prisma, { name: 'Limited', conveners: [{ email: 'u3@example.org' }] });
  groups.nobody = await addGroup(h.prisma, { name: 'Nobody', conveners: [{ email: 'ghost@example.org' }] });
});
afterAll(() => h?.close());
beforeEach(() => h.fake.reset());

const texts = (user: string) => h.fake.messagesIn(dm(user)).map((m) => m.text);
// Without transitions: the people.link step would look the emails up (and link them) first.
const delivery = (subject: string) => h.prisma.reminderDelivery.findFirstOrThrow({ where: { occurrence: { subject } } });

describe('looking up a convener known only by email', () => {
  const cases = [
    { name: 'a network error', subject: 'network', user: 'U1', fail: () => h.fake.failNext('users.lookupByEmail', 'dropped', { times: 2, network: true }), error: /request_error/ },
    { name: 'a 503', subject: 'server', user: 'U2', fail: () => h.fake.failNext('users.lookupByEmail', 'service_unavailable', { times: 2, status: 503 }), error: /http_503/ },
    { name: 'a long 429', subject: 'limited', user: 'U3', fail: () => h.fake.failNext('users.lookupByEmail', 'ratelimited', { times: 2, retryAfter: 120 }), error: /ratelimited/ },
  ];

  for (const c of cases) {
    it(`retries after ${c.name} like a failed post, then delivers`, async () => {
      h.clock.set('2027-01-10T12:00:00Z');
      const rule = fixedRule(`t.lookup.${c.subject}`, [note(c.subject, '2027-01-10T12:00:00Z', { kind: 'groupConveners', groupId: groups[c.subject]! }, `nudge ${c.subject}`)], HOUR);
      const { sleep } = recordingSleep();
      c.fail();
      const first = await makeEngine(h, { rules: [rule], transitions: [], sleep }).tick();
      expect(first.skipped).toBe(0);
      expect(first.failed).toBe(1);
      const failed = await delivery(c.subject);
      expect(failed).toMatchObject({ recipient: `email:${c.user.toLowerCase()}@example.org`, status: 'FAILED', attempts: 1 });
      expect(failed.lastError).toMatch(c.error);
      // The first retry comes 5 minutes later (or after a longer Retry-After), as for a post.
      expect(failed.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(Date.parse('2027-01-10T12:05:00Z'));
      expect(texts(c.user)).toEqual([]);

      h.clock.set(new Date(failed.nextAttemptAt!.getTime()).toISOString());
      const retry = await makeEngine(h, { rules: [rule], transitions: [], sleep }).tick();
      expect(retry.sent).toBe(1);
      expect(await delivery(c.subject)).toMatchObject({ status: 'SENT', attempts: 2 });
      expect(texts(c.user)).toEqual([`nudge ${c.subject}`]);
    });
  }

  it("skips only when Slack answers that nobody has the email", async () => {
    h.clock.set('2027-01-11T12:00:00Z');
    const rule = fixedRule('t.lookup.nobody', [note('nobody', '2027-01-11T12:00:00Z', { kind: 'groupConveners', groupId: groups.nobody! })], HOUR);
    const r = await makeEngine(h, { rules: [rule], transitions: [] }).tick();
    expect(r.skipped).toBe(1);
    expect(await delivery('nobody')).toMatchObject({ recipient: 'email:ghost@example.org', status: 'SKIPPED', reason: 'no Slack account has this email' });
  });
});
