// Talking to Slack for batch delivery: the engine's own WebClient, who an audience is,
// and one post with Slack's rate limits respected.
import { ErrorCode, WebClient, type Logger } from '@slack/web-api';
import type { PrismaClient } from '../../generated/prisma/client.js';
import { appChannel } from '../admin/service.js';
import { currentConveners } from '../directory/store.js';
import { MAX_RATE_LIMIT_WAIT_MS, MAX_RATE_LIMIT_WAITS, PER_CHANNEL_INTERVAL_MS } from './rules.js';
import { groupsByIds } from './store.js';
import type { Audience, ReminderMessage } from './types.js';

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A WebClient for nudges only. The app's shared client answers a 429 by pausing its whole
 * queue (every call with the token, interactive ones included) and retrying for up to half an
 * hour; this one fails fast instead, so the engine waits out Retry-After itself, and records
 * other failures for its own retry schedule.
 */
export function createDeliveryClient(slack: { botToken?: string; apiUrl?: string }, logger?: Logger): WebClient {
  const apiUrl = slack.apiUrl && !slack.apiUrl.endsWith('/') ? `${slack.apiUrl}/` : slack.apiUrl;
  return new WebClient(slack.botToken, {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    ...(logger ? { logger } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
}

type Failure = { ok: false; error: string; retryAfterMs?: number };

/** Slack's own error name when there is one (is_archived, channel_not_found, not_in_channel…). */
function describeError(error: unknown): Failure {
  const e = error as { code?: string; data?: { error?: string }; statusCode?: number; original?: Error; retryAfter?: number };
  switch (e.code) {
    case ErrorCode.RateLimitedError:
      return { ok: false, error: 'ratelimited', retryAfterMs: (e.retryAfter ?? 1) * 1000 };
    case ErrorCode.PlatformError:
      return { ok: false, error: e.data?.error ?? 'unknown_error' };
    case ErrorCode.HTTPError:
      return { ok: false, error: `http_${e.statusCode}` };
    case ErrorCode.RequestError:
      return { ok: false, error: `request_error: ${e.original?.message ?? 'no answer'}` };
    default:
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Calls Slack, waiting out short Retry-After answers (through `sleep`, so tests don't wait). */
async function withRateLimit<T>(call: () => Promise<T>, sleep: Sleep): Promise<{ ok: true; value: T } | Failure> {
  for (let waits = 0; ; waits++) {
    try {
      return { ok: true, value: await call() };
    } catch (error) {
      const failure = describeError(error);
      const wait = failure.retryAfterMs;
      if (wait === undefined || wait > MAX_RATE_LIMIT_WAIT_MS || waits >= MAX_RATE_LIMIT_WAITS) return failure;
      await sleep(wait);
    }
  }
}

export type PostResult = { ok: true; channelId: string; ts: string } | Failure;

/** One message to a channel, or to a user by DM (channel = user id). */
export async function postNudge(client: WebClient, channel: string, message: ReminderMessage, sleep: Sleep): Promise<PostResult> {
  const result = await withRateLimit(
    () => client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false }),
    sleep,
  );
  if (!result.ok) return result;
  return { ok: true, channelId: result.value.channel ?? channel, ts: result.value.ts ?? '' };
}

/** Keeps each channel (a DM counts as one) under about one message a second. */
export class ChannelThrottle {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly sleep: Sleep,
    private readonly now: () => number = () => performance.now(),
  ) {}

  async before(channel: string): Promise<void> {
    const last = this.last.get(channel);
    const wait = last === undefined ? 0 : last + PER_CHANNEL_INTERVAL_MS - this.now();
    if (wait > 0) await this.sleep(wait);
    this.last.set(channel, this.now());
  }
}

// ---------------------------------------------------------------------------
// Audiences

export interface ResolvedAudience {
  /** Channel or user ids to post to. */
  sendTo: string[];
  /** Parts of the audience nobody can be reached at, each recorded as a skipped delivery. */
  unreachable: { recipient: string; reason: string }[];
}

/**
 * Finds a Slack user by email: `userId`, or neither field when Slack says there is none
 * (`users_not_found`, the only permanent answer), or `error` when the lookup itself failed
 * (network, 5xx, 429, any other error): then try again later.
 */
export type EmailLookup = (email: string) => Promise<{ userId?: string; error?: string; retryAfterMs?: number }>;

export function slackEmailLookup(client: WebClient, sleep: Sleep): EmailLookup {
  return async (email) => {
    const r = await withRateLimit(() => client.users.lookupByEmail({ email }), sleep);
    if (r.ok) return r.value.user?.id ? { userId: r.value.user.id } : { error: 'no user in the answer' };
    if (r.error === 'users_not_found') return {};
    return { error: r.error, ...(r.retryAfterMs !== undefined ? { retryAfterMs: r.retryAfterMs } : {}) };
  };
}

/** A recipient known only by email (a convener whose Slack account the lookup couldn't find yet). */
const EMAIL_PREFIX = 'email:';
export const NO_SLACK_ACCOUNT = 'no Slack account has this email';

export type DeliveryTarget = { kind: 'post'; channel: string } | { kind: 'skip'; reason: string } | { kind: 'failed'; failure: Failure };

/**
 * Where a delivery goes: its channel or user id; for an `email:` recipient, the Slack user the
 * lookup finds now. A failed lookup is a failed attempt (retried like a failed post); only
 * Slack's "no such user" skips it.
 */
export async function deliveryTarget(recipient: string, lookup: EmailLookup): Promise<DeliveryTarget> {
  if (!recipient.startsWith(EMAIL_PREFIX)) return { kind: 'post', channel: recipient };
  const found = await lookup(recipient.slice(EMAIL_PREFIX.length));
  if (found.userId) return { kind: 'post', channel: found.userId };
  if (!found.error) return { kind: 'skip', reason: NO_SLACK_ACCOUNT };
  return { kind: 'failed', failure: { ok: false, error: `looking up the email failed: ${found.error}`, ...(found.retryAfterMs !== undefined ? { retryAfterMs: found.retryAfterMs } : {}) } };
}

/**
 * Who an audience is on a given day (YYYY-MM-DD, the occurrence's day in the org zone).
 * Without `lookup` (a dry run) conveners known only by email are listed as "email:…".
 */
export async function resolveAudience(
  prisma: PrismaClient,
  audience: Audience,
  onDay: string,
  lookup?: EmailLookup,
): Promise<ResolvedAudience> {
  switch (audience.kind) {
    case 'channel':
      return { sendTo: [audience.channelId], unreachable: [] };
    case 'users':
      return { sendTo: [...new Set(audience.userIds)], unreachable: [] };
    case 'appChannel': {
      const id = await appChannel(prisma, audience.which);
      return id
        ? { sendTo: [id], unreachable: [] }
        : { sendTo: [], unreachable: [{ recipient: `appChannel:${audience.which}`, reason: `no ${audience.which} channel is set (/ig admin channel ${audience.which} #channel)` }] };
    }
    case 'groupChannel': {
      const [group] = await groupsByIds(prisma, [audience.groupId]);
      if (group?.channelId) return { sendTo: [group.channelId], unreachable: [] };
      return { sendTo: [], unreachable: [{ recipient: `group:${audience.groupId}:channel`, reason: group ? 'the group has no Slack channel' : 'the group no longer exists' }] };
    }
    case 'groupConveners': {
      const terms = await currentConveners(prisma, audience.groupId, onDay);
      if (terms.length === 0) return { sendTo: [], unreachable: [{ recipient: `group:${audience.groupId}:conveners`, reason: 'the group has no current conveners' }] };
      const resolved: ResolvedAudience = { sendTo: [], unreachable: [] };
      for (const term of terms) {
        if (term.slackUserId) resolved.sendTo.push(term.slackUserId);
        else if (term.email && !lookup) resolved.sendTo.push(`${EMAIL_PREFIX}${term.email}`);
        else if (term.email && lookup) {
          const found = await lookup(term.email);
          if (found.userId) resolved.sendTo.push(found.userId);
          // A failed lookup is not an answer: the delivery stays addressed to the email and its
          // send retries the lookup on the retry schedule (deliveryTarget).
          else if (found.error) resolved.sendTo.push(`${EMAIL_PREFIX}${term.email}`);
          else resolved.unreachable.push({ recipient: `${EMAIL_PREFIX}${term.email}`, reason: NO_SLACK_ACCOUNT });
        }
      }
      resolved.sendTo = [...new Set(resolved.sendTo)];
      return resolved;
    }
  }
}
