// The deadline engine. Each tick asks every rule what is due (from the database, nothing
// kept in memory), claims each occurrence and each delivery in the ledger, and posts what it
// holds. The ledger's unique keys and conditional updates make every nudge go out once, across
// restarts and across processes sharing one database.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger, WebClient } from '@slack/web-api';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { holdersOf } from '../admin/store.js';
import { appChannel } from '../admin/service.js';
import { type Clock, localDate } from '../../lib/time.js';
import { ChannelThrottle, deliveryTarget, type EmailLookup, postNudge, realSleep, resolveAudience, type Sleep, slackEmailLookup } from './delivery.js';
import {
  afterFailure,
  DAY,
  queuesByRecipient,
  SEND_CONCURRENCY,
  inWindow,
  isTooLate,
  STALE_CLAIM_MS,
  tooLateReason,
  type Window,
  windowStart,
} from './rules.js';
import * as store from './store.js';
import type { Audience, Occurrence, ReminderMessage, ReminderRule, Transition } from './types.js';
import { gaveUpReport } from './views.js';

export interface EngineDeps {
  prisma: PrismaClient;
  /** The engine's own client: see createDeliveryClient. */
  client: WebClient;
  rules: ReminderRule[];
  /** ORG_TIMEZONE */
  zone: string;
  clock: Clock;
  /** Written into the ledger's claimedBy: which process holds a claim. */
  instanceId: string;
  logger: Logger;
  /** Waits (Retry-After, per-channel spacing); tests pass one that records instead of waiting. */
  sleep?: Sleep;
  /** State changes due at deadlines, applied at the start of each tick. */
  transitions?: Transition[];
}

export type OutcomeStatus = 'SENT' | 'FAILED' | 'GAVE_UP' | 'SKIPPED';

export interface DeliveryOutcome {
  ruleId: string;
  subject: string;
  label: string;
  dueAt: Date;
  /** Channel or user id; '' when the whole occurrence was skipped. */
  recipient: string;
  status: OutcomeStatus;
  /** Slack's error, or why it was skipped. */
  reason?: string;
  /** For a post that was attempted: which attempt it was (1 = first, more = a retry). */
  attempt?: number;
}

export interface TickResult {
  asOf: Date;
  sent: number;
  failed: number;
  gaveUp: number;
  skipped: number;
  outcomes: DeliveryOutcome[];
  /** Rules or deliveries that threw (logged; the tick went on). */
  errors: string[];
}

export interface DueItem {
  ruleId: string;
  subject: string;
  label: string;
  dueAt: Date;
  audience: Audience;
  action: 'send' | 'skip';
  /** Why it would be skipped. */
  reason?: string;
  /** Who would get it (conveners known only by email show as "email:…"). */
  recipients: string[];
  /** Parts of the audience nobody can be reached at, with why. */
  unreachable: { recipient: string; reason: string }[];
}

export interface DueRetry {
  ruleId: string;
  subject: string;
  label: string;
  recipient: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
}

export interface DueReport {
  asOf: Date;
  items: DueItem[];
  retries: DueRetry[];
}

export interface UpcomingItem {
  ruleId: string;
  subject: string;
  label: string;
  dueAt: Date;
  audience: Audience;
  paused: boolean;
}

export interface Engine {
  /** Sends what is due as of `at` (default: the clock). */
  tick(at?: Date): Promise<TickResult>;
  /** What a tick at `at` would do, without claiming or sending anything. */
  due(at?: Date): Promise<DueReport>;
  upcoming(from: Date, days: number): Promise<UpcomingItem[]>;
}

interface Held {
  deliveryId: number;
  recipient: string;
  attempts: number;
  message: ReminderMessage;
  info: Pick<DeliveryOutcome, 'ruleId' | 'subject' | 'label' | 'dueAt'>;
}

type RuleState = Awaited<ReturnType<typeof store.ruleStates>>[number];

const keyOf = (o: { subject: string; dueAt: Date }) => `${o.dueAt.getTime()} ${o.subject}`;

/**
 * How stale a rule's checkedUntil mark may get before a tick rewrites it. A slightly old mark
 * only widens the next window a little (what is in it is in the ledger already), and saves a
 * write per rule per tick.
 */
const CHECKED_UNTIL_GRANULARITY_MS = 60 * 60_000;

/** Names this process in the ledger's claimedBy, e.g. "app:web-1:4242:9f3a1c". */
export function newInstanceId(kind: 'app' | 'cli'): string {
  return `${kind}:${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** Occurrences a rule returned that are inside the window, once each (a rule bug is logged, not fatal). */
function validOccurrences(rule: ReminderRule, occurrences: Occurrence[], window: Window, logger: Logger): Occurrence[] {
  const seen = new Set<string>();
  return occurrences.filter((o) => {
    if (!inWindow(o.dueAt, window) || seen.has(keyOf(o))) {
      logger.warn(`reminders: rule ${rule.id} returned ${o.subject} at ${o.dueAt.toISOString()} twice or outside its window; ignored`);
      return false;
    }
    seen.add(keyOf(o));
    return true;
  });
}

/** The next `days` days of every rule's occurrences (for staff listings; reads nothing from the ledger). */
export async function planUpcoming(prisma: PrismaClient, rules: ReminderRule[], zone: string, from: Date, days: number): Promise<UpcomingItem[]> {
  const window = { from, to: new Date(from.getTime() + days * DAY) };
  const paused = new Set((await store.ruleStates(prisma)).filter((s) => s.paused).map((s) => s.ruleId));
  const items: UpcomingItem[] = [];
  for (const rule of rules) {
    for (const o of await rule.occurrences({ prisma, zone }, window)) {
      if (!inWindow(o.dueAt, window)) continue;
      items.push({ ruleId: rule.id, subject: o.subject, label: o.label ?? o.subject, dueAt: o.dueAt, audience: o.audience, paused: paused.has(rule.id) });
    }
  }
  return items.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.label.localeCompare(b.label));
}

export function createEngine(deps: EngineDeps): Engine {
  const { prisma, client, rules, zone, clock, instanceId, logger } = deps;
  const sleep = deps.sleep ?? realSleep;
  const ruleById = new Map<string, ReminderRule>();
  for (const rule of rules) {
    if (ruleById.has(rule.id)) throw new Error(`Two reminder rules have the id ${rule.id}`);
    ruleById.set(rule.id, rule);
  }
  const ruleIds = [...ruleById.keys()];
  const lookup: EmailLookup = slackEmailLookup(client, sleep);
  const ctx = { prisma, zone };

  async function loadStates(): Promise<Map<string, RuleState>> {
    return new Map((await store.ruleStates(prisma)).map((s) => [s.ruleId, s]));
  }

  function windowFor(rule: ReminderRule, asOf: Date, state: RuleState | undefined): Window {
    return { from: windowStart(asOf, rule.latenessMs, state?.checkedUntil), to: asOf };
  }

  /** Occurrences in the window that are not in the ledger yet (the window ends now: their messages are as of then). */
  async function newOccurrences(rule: ReminderRule, window: Window): Promise<Occurrence[]> {
    const occurrences = validOccurrences(rule, await rule.occurrences({ ...ctx, asOf: window.to }, window), window, logger);
    if (occurrences.length === 0) return [];
    const known = new Set((await store.occurrencesIn(prisma, rule.id, window)).map(keyOf));
    return occurrences.filter((o) => !known.has(keyOf(o)));
  }

  /** The occurrence as the rule sees it now; undefined when it no longer applies (e.g. the report was filed). */
  async function reconstruct(rule: ReminderRule, key: { subject: string; dueAt: Date }): Promise<Occurrence | undefined> {
    const window = { from: new Date(key.dueAt.getTime() - 1), to: key.dueAt };
    return (await rule.occurrences({ ...ctx, asOf: clock() }, window)).find((o) => keyOf(o) === keyOf(key));
  }

  function skipReason(rule: ReminderRule, dueAt: Date, asOf: Date, state: RuleState | undefined): string | undefined {
    if (state?.paused) return 'rule paused';
    if (isTooLate(dueAt, asOf, rule.latenessMs)) return tooLateReason(dueAt, asOf, rule.latenessMs);
    return undefined;
  }

  async function tick(at?: Date): Promise<TickResult> {
    const asOf = at ?? clock();
    const result: TickResult = { asOf, sent: 0, failed: 0, gaveUp: 0, skipped: 0, outcomes: [], errors: [] };
    const record = (o: DeliveryOutcome) => {
      result.outcomes.push(o);
      if (o.status === 'SENT') result.sent++;
      else if (o.status === 'FAILED') result.failed++;
      else if (o.status === 'GAVE_UP') result.gaveUp++;
      else result.skipped++;
    };
    const fail = (what: string, error: unknown) => {
      logger.error(`reminders: ${what} failed`, error);
      result.errors.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    };
    for (const transition of deps.transitions ?? []) {
      try {
        await transition.apply({ prisma, client, zone, logger }, asOf);
      } catch (error) {
        fail(`transition ${transition.id}`, error);
      }
    }
    const states = await loadStates();
    const held: Held[] = [];
    let unreported = false;

    /** We hold the CLAIMED occurrence: skip it, or expand its audience into deliveries we hold. */
    async function settle(rule: ReminderRule, occurrenceId: number, o: Occurrence): Promise<void> {
      const info = { ruleId: rule.id, subject: o.subject, label: o.label ?? o.subject, dueAt: o.dueAt };
      const skip = skipReason(rule, o.dueAt, asOf, states.get(rule.id));
      if (skip) {
        await store.skipOccurrence(prisma, occurrenceId, skip);
        return record({ ...info, recipient: '', status: 'SKIPPED', reason: skip });
      }
      const audience = await resolveAudience(prisma, o.audience, localDate(o.dueAt, zone), lookup);
      if (audience.sendTo.length === 0 && audience.unreachable.length === 0) {
        await store.skipOccurrence(prisma, occurrenceId, 'nobody to send it to');
        return record({ ...info, recipient: '', status: 'SKIPPED', reason: 'nobody to send it to' });
      }
      const created = await store.expandOccurrence(prisma, occurrenceId, audience.sendTo, audience.unreachable, instanceId, clock());
      for (const u of audience.unreachable) record({ ...info, recipient: u.recipient, status: 'SKIPPED', reason: u.reason });
      for (const d of created) held.push({ deliveryId: d.id, recipient: d.recipient, attempts: d.attempts, message: o.message, info });
    }

    /** We hold an existing SENDING delivery (a retry or a takeover): queue it with a fresh message. */
    async function requeue(d: Awaited<ReturnType<typeof store.actionableDeliveries>>[number]): Promise<void> {
      const rule = ruleById.get(d.occurrence.ruleId)!;
      const info = { ruleId: rule.id, subject: d.occurrence.subject, label: d.occurrence.label || d.occurrence.subject, dueAt: d.occurrence.dueAt };
      const o = states.get(rule.id)?.paused ? undefined : await reconstruct(rule, d.occurrence);
      if (!o) {
        const reason = states.get(rule.id)?.paused ? 'rule paused' : 'no longer applies';
        await store.finishDelivery(prisma, d.id, instanceId, { status: 'SKIPPED', reason });
        return record({ ...info, recipient: d.recipient, status: 'SKIPPED', reason });
      }
      held.push({ deliveryId: d.id, recipient: d.recipient, attempts: d.attempts, message: o.message, info });
    }

    /** Claims left by a process that died, failed deliveries whose retry time has come, unreported give-ups. */
    async function recover(cutoff: Date): Promise<void> {
      for (const row of await store.staleClaimedOccurrences(prisma, cutoff, ruleIds)) {
        if (!(await store.takeOverOccurrence(prisma, row, instanceId, clock()))) continue;
        const rule = ruleById.get(row.ruleId)!;
        const o = await reconstruct(rule, row);
        if (o) await settle(rule, row.id, o);
        else await store.skipOccurrence(prisma, row.id, 'no longer applies');
      }
      for (const d of await store.actionableDeliveries(prisma, clock(), cutoff, ruleIds)) {
        if (d.status === 'GAVE_UP') unreported = true;
        else if (d.status === 'FAILED' ? await store.claimRetry(prisma, d, instanceId, clock()) : await store.takeOverSending(prisma, d, instanceId, clock())) {
          await requeue(d);
        }
      }
    }

    // 1. New occurrences, rule by rule.
    for (const rule of rules) {
      try {
        const window = windowFor(rule, asOf, states.get(rule.id));
        for (const o of await newOccurrences(rule, window)) {
          const row = await store.claimOccurrence(prisma, { ruleId: rule.id, subject: o.subject, dueAt: o.dueAt, label: o.label ?? '' }, instanceId, clock());
          if (row) await settle(rule, row.id, o); // else another process or an earlier run has it
        }
        const checked = states.get(rule.id)?.checkedUntil;
        if (!checked || asOf.getTime() - checked.getTime() >= CHECKED_UNTIL_GRANULARITY_MS) await store.advanceCheckedUntil(prisma, rule.id, asOf);
      } catch (error) {
        fail(`rule ${rule.id}`, error);
      }
    }

    // 2. Crashed claims and due retries (one cheap probe when there are none).
    try {
      const cutoff = new Date(clock().getTime() - STALE_CLAIM_MS);
      if (await store.hasPendingWork(prisma, clock(), cutoff)) await recover(cutoff);
    } catch (error) {
      fail('recovering claims and retries', error);
    }

    // 3. Post what we hold: several channels at once, each channel's messages a second apart.
    const throttle = new ChannelThrottle(sleep);
    const deliver = async (item: (typeof held)[number]): Promise<void> => {
      try {
        await throttle.before(item.recipient);
        // A process that stalls past STALE_CLAIM_MS loses its claim to another; then it must not post.
        if (!(await store.renewClaim(prisma, item.deliveryId, instanceId, clock()))) return;
        const target = await deliveryTarget(item.recipient, lookup);
        if (target.kind === 'skip') {
          await store.finishDelivery(prisma, item.deliveryId, instanceId, { status: 'SKIPPED', reason: target.reason });
          record({ ...item.info, recipient: item.recipient, status: 'SKIPPED', reason: target.reason });
          return;
        }
        const posted = target.kind === 'post' ? await postNudge(client, target.channel, item.message, sleep) : target.failure;
        const attempts = item.attempts + 1;
        if (posted.ok) {
          await store.finishDelivery(prisma, item.deliveryId, instanceId, { status: 'SENT', attempts, sentAt: clock(), channelId: posted.channelId, messageTs: posted.ts });
          record({ ...item.info, recipient: item.recipient, status: 'SENT', attempt: attempts });
          return;
        }
        const now = clock();
        const next = afterFailure(attempts, now, posted.retryAfterMs ? new Date(now.getTime() + posted.retryAfterMs) : undefined);
        await store.finishDelivery(
          prisma,
          item.deliveryId,
          instanceId,
          next.status === 'FAILED' ? { status: 'FAILED', attempts, lastError: posted.error, nextAttemptAt: next.nextAttemptAt } : { status: 'GAVE_UP', attempts, lastError: posted.error },
        );
        logger.warn(`reminders: ${item.info.ruleId} ${item.info.subject} to ${item.recipient} failed (${posted.error}), attempt ${attempts}: ${next.status}`);
        record({ ...item.info, recipient: item.recipient, status: next.status, reason: posted.error, attempt: attempts });
      } catch (error) {
        fail(`delivery ${item.deliveryId}`, error);
      }
    };
    const queues = queuesByRecipient(held);
    const sender = async () => {
      for (let queue = queues.shift(); queue; queue = queues.shift()) for (const item of queue) await deliver(item);
    };
    await Promise.all(Array.from({ length: Math.min(SEND_CONCURRENCY, queues.length) }, sender));

    // 4. Tell staff, once, about deliveries that gave up.
    try {
      if (unreported || result.gaveUp > 0) await reportGaveUp();
    } catch (error) {
      fail('reporting failed deliveries to staff', error);
    }
    return result;
  }

  async function reportGaveUp(): Promise<void> {
    const rows = await store.claimUnreported(prisma, clock());
    if (rows.length === 0) return;
    const message = gaveUpReport(
      rows.map((r) => ({ ruleId: r.occurrence.ruleId, label: r.occurrence.label || r.occurrence.subject, dueAt: r.occurrence.dueAt, recipient: r.recipient, attempts: r.attempts, lastError: r.lastError ?? 'unknown' })),
      zone,
    );
    const staffChannel = await appChannel(prisma, 'staff');
    const targets = staffChannel ? [staffChannel] : (await holdersOf(prisma, 'STAFF')).map((g) => g.slackUserId);
    if (targets.length === 0) logger.error(`reminders: ${rows.length} deliveries gave up and there is no staff channel or staff member to tell`);
    for (const target of targets) {
      const posted = await postNudge(client, target, message, sleep);
      if (!posted.ok) logger.error(`reminders: could not tell staff (${target}) about failed deliveries: ${posted.error}`);
    }
  }

  async function due(at?: Date): Promise<DueReport> {
    const asOf = at ?? clock();
    const states = await loadStates();
    const items: DueItem[] = [];
    for (const rule of rules) {
      for (const o of await newOccurrences(rule, windowFor(rule, asOf, states.get(rule.id)))) {
        let reason = skipReason(rule, o.dueAt, asOf, states.get(rule.id));
        const { sendTo, unreachable } = reason ? { sendTo: [], unreachable: [] } : await resolveAudience(prisma, o.audience, localDate(o.dueAt, zone));
        if (!reason && sendTo.length === 0) reason = unreachable.map((u) => u.reason).join('; ') || 'nobody to send it to';
        const info = { ruleId: rule.id, subject: o.subject, label: o.label ?? o.subject, dueAt: o.dueAt, audience: o.audience };
        items.push({ ...info, action: reason ? 'skip' : 'send', reason, recipients: sendTo, unreachable });
      }
    }
    const retries = (await store.pendingRetries(prisma, ruleIds)).map((d) => ({
      ruleId: d.occurrence.ruleId,
      subject: d.occurrence.subject,
      label: d.occurrence.label || d.occurrence.subject,
      recipient: d.recipient,
      attempts: d.attempts,
      lastError: d.lastError,
      nextAttemptAt: d.nextAttemptAt!,
    }));
    items.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.label.localeCompare(b.label));
    return { asOf, items, retries };
  }

  return {
    tick,
    due,
    upcoming: (from, days) => planUpcoming(prisma, rules, zone, from, days),
  };
}
