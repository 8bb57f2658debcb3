// Who is this Slack user to the association? Their roster row, found by the email
// Slack knows for them (users.info needs the users:read.email scope). And the other way
// round: which Slack user a roster email belongs to (linking), and how to show a person.
import { ErrorCode, type WebClient } from '@slack/web-api';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { Tx } from '../../db/audit.js';
import { type ShownPerson, personPlain } from '../../lib/slack/people.js';
import type { RosterFacts } from '../directory/rules.js';
import * as store from './store.js';

export interface Identity {
  slackUserId: string;
  email: string | null;
  name: string | null;
  roster: (RosterFacts & { name: string }) | null;
}

/** Loads (and on first sight records) a Slack user: their id, email and name, without the roster. */
export async function recognize(prisma: PrismaClient, client: WebClient, slackUserId: string): Promise<Omit<Identity, 'roster'>> {
  let person = await store.findPerson(prisma, slackUserId);
  if (!person?.email) {
    const profile = await lookupProfile(client, slackUserId);
    person = await store.upsertPerson(prisma, {
      slackUserId,
      email: profile.email ?? person?.email ?? null,
      name: profile.name ?? person?.name ?? null,
    });
    // First sight with an email: roster rows and convener terms known only by it are theirs now.
    if (person.email) await store.linkEmail(prisma, person.email, slackUserId);
  }
  return { slackUserId, email: person.email, name: person.name };
}

/** Loads (and on first sight records) a Slack user, with their roster facts. */
export async function identify(prisma: PrismaClient, client: WebClient, slackUserId: string): Promise<Identity> {
  const person = await recognize(prisma, client, slackUserId);
  const roster = person.email ? await store.rosterByEmail(prisma, person.email) : null;
  return { ...person, roster: roster ? { ala: roster.ala, core: roster.core, pla: roster.pla, standing: roster.standing, name: roster.name } : null };
}

async function lookupProfile(client: WebClient, user: string): Promise<{ email?: string; name?: string }> {
  try {
    const res = await client.users.info({ user });
    const profile = res.user?.profile;
    return {
      email: profile?.email?.toLowerCase(),
      name: res.user?.real_name || profile?.real_name || res.user?.name || undefined,
    };
  } catch {
    // Unknown user or missing scope: treat as "not on the roster"; the refusal says to ask staff.
    return {};
  }
}

// ---------------------------------------------------------------------------
// Showing people

/** What is known of someone: a Slack id, an email (from the roster or an import), a name typed somewhere. */
export interface PersonRef {
  slackUserId?: string | null;
  email?: string | null;
  name?: string | null;
}

/**
 * Each person as they are shown (see lib/slack/people.ts): the Slack user their email is linked
 * to when they have no id yet, and their roster name, else the name recorded with them, else
 * their Slack profile name. Emails are used to look people up, never returned.
 */
export async function resolvePeople(db: Tx, refs: PersonRef[]): Promise<ShownPerson[]> {
  const ids = [...new Set(refs.flatMap((r) => (r.slackUserId ? [r.slackUserId] : [])))];
  const byId = new Map((await store.peopleByIds(db, ids)).map((p) => [p.slackUserId, p]));
  const emailOf = (r: PersonRef) => (r.email ?? (r.slackUserId ? byId.get(r.slackUserId)?.email : null) ?? null)?.toLowerCase() ?? null;
  const emails = [...new Set(refs.flatMap((r) => emailOf(r) ?? []))];
  const [rosterRows, peopleByEmail] = await Promise.all([store.rosterByEmails(db, emails), store.peopleByEmails(db, emails)]);
  const roster = new Map(rosterRows.map((r) => [r.email, r]));
  const personByEmail = new Map(peopleByEmail.flatMap((p) => (p.email ? [[p.email, p] as const] : [])));
  return refs.map((r) => {
    const email = emailOf(r);
    const row = email ? roster.get(email) : undefined;
    const person = (r.slackUserId ? byId.get(r.slackUserId) : undefined) ?? (email ? personByEmail.get(email) : undefined);
    return {
      slackUserId: r.slackUserId ?? person?.slackUserId ?? row?.slackUserId ?? null,
      name: row?.name ?? r.name ?? person?.name ?? null,
    };
  });
}

/** Plain-text names for Slack users (exports): roster name, else Slack profile name, never the id. */
export async function namesOf(db: Tx, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const shown = await resolvePeople(db, unique.map((slackUserId) => ({ slackUserId })));
  return new Map(unique.map((id, i) => [id, personPlain(shown[i]!)]));
}

/** Records Slack users the app hasn't met (e.g. speakers picked in a form), so their names are known later. Best effort. */
export async function meet(prisma: PrismaClient, client: WebClient, ids: string[]): Promise<void> {
  const known = new Set((await store.peopleByIds(prisma, ids)).filter((p) => p.name || p.email).map((p) => p.slackUserId));
  for (const id of new Set(ids)) if (!known.has(id)) await recognize(prisma, client, id);
}

// ---------------------------------------------------------------------------
// Linking roster emails to Slack users

/** Slack's answer for an email: a user, no such account, or no answer (network, 5xx, 429…). */
export type EmailAnswer = { userId: string; name: string | null; error?: undefined } | { userId?: undefined; error?: string };
export type LookupByEmail = (email: string) => Promise<EmailAnswer>;

/** users.lookupByEmail, one try: only `users_not_found` means "no account"; any other failure is an error to retry later. */
export function lookupByEmail(client: WebClient): LookupByEmail {
  return async (email) => {
    try {
      const res = await client.users.lookupByEmail({ email });
      if (!res.user?.id) return {};
      return { userId: res.user.id, name: res.user.real_name || res.user.profile?.real_name || res.user.name || null };
    } catch (error) {
      const e = error as { code?: string; data?: { error?: string }; statusCode?: number; original?: Error };
      if (e.code === ErrorCode.PlatformError && e.data?.error === 'users_not_found') return {};
      if (e.code === ErrorCode.PlatformError) return { error: e.data?.error ?? 'unknown_error' };
      if (e.code === ErrorCode.RateLimitedError) return { error: 'ratelimited' };
      if (e.code === ErrorCode.HTTPError) return { error: `http_${e.statusCode}` };
      return { error: e.original?.message ?? (error instanceof Error ? error.message : String(error)) };
    }
  };
}

/**
 * An email Slack had no account for is asked about again after this long. (Someone who joins
 * Slack later is linked as soon as they use the app; this only catches the others.)
 */
export const RECHECK_AFTER_MS = 30 * 24 * 3600_000;

export interface LinkSummary {
  /** Roster rows and convener terms given a Slack user. */
  linked: number;
  /** Emails Slack has no account for (asked again in 30 days). */
  notInSlack: number;
  /** Emails still to ask Slack about. */
  pending: number;
  /** Why asking stopped early (no token, Slack unreachable…): the rest is linked later. */
  stopped?: string;
}

/**
 * Links roster rows and convener terms known only by email to Slack users: first those whose
 * email the app knows already, then up to `maxLookups` emails asked of Slack (least recently
 * asked first). Stops at the first failure that isn't "no such account"; what is left stays
 * pending for the next run (the deadline engine's `people.link` step, every minute).
 */
export async function linkPending(prisma: PrismaClient, lookup: LookupByEmail | undefined, opts: { now: Date; maxLookups: number }): Promise<LinkSummary> {
  const before = new Date(opts.now.getTime() - RECHECK_AFTER_MS);
  const summary: LinkSummary = { linked: await store.linkKnownEmails(prisma), notInSlack: 0, pending: 0 };
  if (!lookup) summary.stopped = 'no Slack token';
  else {
    for (const email of await store.pendingEmails(prisma, before, opts.maxLookups)) {
      const answer = await lookup(email);
      if (answer.userId) {
        const userId = answer.userId;
        summary.linked += await prisma.$transaction(async (tx) => {
          await store.rememberPerson(tx, { slackUserId: userId, email, name: answer.name });
          return store.linkEmail(tx, email, userId);
        });
      } else if (answer.error) {
        summary.stopped = answer.error;
        break;
      } else {
        await store.markNotInSlack(prisma, email, opts.now);
        summary.notInSlack++;
      }
    }
  }
  summary.pending = await store.countPending(prisma, before);
  return summary;
}
