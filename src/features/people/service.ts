// Who is this Slack user to the association? Their roster row, found by the email
// Slack knows for them (users.info needs the users:read.email scope).
import type { WebClient } from '@slack/web-api';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { RosterFacts } from '../directory/rules.js';
import * as store from './store.js';

export interface Identity {
  slackUserId: string;
  email: string | null;
  name: string | null;
  roster: (RosterFacts & { name: string }) | null;
}

/** Loads (and on first sight records) a Slack user, with their roster facts. */
export async function identify(prisma: PrismaClient, client: WebClient, slackUserId: string): Promise<Identity> {
  let person = await store.findPerson(prisma, slackUserId);
  if (!person?.email) {
    const profile = await lookupProfile(client, slackUserId);
    person = await store.upsertPerson(prisma, {
      slackUserId,
      email: profile.email ?? person?.email ?? null,
      name: profile.name ?? person?.name ?? null,
    });
  }
  const roster = person.email ? await store.rosterByEmail(prisma, person.email) : null;
  return {
    slackUserId,
    email: person.email,
    name: person.name,
    roster: roster ? { ala: roster.ala, core: roster.core, pla: roster.pla, standing: roster.standing, name: roster.name } : null,
  };
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
