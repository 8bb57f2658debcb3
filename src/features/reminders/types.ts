// The deadline engine's contract with the features that register nudges.
//
// A feature's schedule.ts exports ReminderRule objects. Every tick the engine asks each
// rule for the occurrences due in a window, claims each (rule, subject, dueAt, recipient)
// in the ledger table inside the database (a unique key, so only one process ever sends
// it), renders the message and posts it. Nothing is held in memory between ticks.
import type { WebClient } from '@slack/web-api';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { Block } from '../../lib/slack/blocks.js';
import type { AppChannel } from '../admin/rules.js';

/** Who receives a nudge. The engine expands it into one delivery per channel or user. */
export type Audience =
  | { kind: 'channel'; channelId: string }
  /** A channel staff chose in `/ig admin channel` (skipped, and recorded so, when unset). */
  | { kind: 'appChannel'; which: AppChannel }
  /** The group's own Slack channel. */
  | { kind: 'groupChannel'; groupId: number }
  /** Each current convener of the group, by direct message. */
  | { kind: 'groupConveners'; groupId: number }
  /** These users, by direct message. */
  | { kind: 'users'; userIds: string[] };

export interface ReminderMessage {
  text: string;
  blocks?: Block[];
}

export interface Occurrence {
  /** Identifies what the nudge is about, e.g. "group:12" or "petition:7:14d". Stable across restarts. */
  subject: string;
  /** The instant the nudge is for (its scheduled time, not when it happens to be sent). */
  dueAt: Date;
  audience: Audience;
  /** What staff see in listings and failure reports, e.g. "Open Data: January business meeting". Defaults to the subject. */
  label?: string;
  /** Built at delivery time (so it can say the latest state). */
  message: ReminderMessage;
}

export interface RuleContext {
  prisma: PrismaClient;
  /** ORG_TIMEZONE */
  zone: string;
  /**
   * When the engine is about to send (a tick, a retry): now. Messages that count days count from
   * here (`daysLeft`), so one sent late, after an outage or a pause, doesn't say "due today" the day
   * after. Unset for listings of what is coming: each message as of its own due time.
   */
  asOf?: Date;
}

export interface ReminderRule {
  /** Stable id, e.g. "meetings.business". Used in the ledger, the CLI and /ig admin reminders. */
  id: string;
  /** One line for staff, e.g. "Business-meeting nudges to conveners (early December and May)". */
  description: string;
  /**
   * How long after dueAt a missed occurrence is still worth sending (after downtime).
   * Older ones are recorded as skipped, never silently dropped.
   */
  latenessMs: number;
  /**
   * Occurrences with from < dueAt <= to. Must be a pure function of the database state
   * and the window: called again for the same window it returns the same subjects and instants.
   * Occurrences that no longer apply (e.g. the report was filed) are simply not returned.
   */
  occurrences(ctx: RuleContext, window: { from: Date; to: Date }): Promise<Occurrence[]>;
}

export interface TransitionContext {
  prisma: PrismaClient;
  /** The engine's delivery client. */
  client: WebClient;
  zone: string;
  logger: { error(...msg: unknown[]): void; warn(...msg: unknown[]): void };
}

/**
 * A state change due at a deadline (a petition opens for signatures, an election closes).
 * Run by the engine at the start of each tick (never by `due`, which must have no effects),
 * before the rules are asked what to send, so messages describe the new state.
 * Must be idempotent and decided by the database: several processes may run it at once.
 */
export interface Transition {
  id: string;
  apply(ctx: TransitionContext, now: Date): Promise<void>;
}
