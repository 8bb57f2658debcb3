// Roles and app channels: pure rules.
import type { Role } from '../../generated/prisma/enums.js';

export const ROLE_LABELS: Record<Role, string> = {
  STAFF: 'Staff',
  IGCC: 'Interest Group Coordination Committee',
  COO: 'Committee on Organization',
  PROGRAMMING: 'Core Programming Committee',
  CONTINUING_ED: 'Continuing Education Coordination Committee',
  BOARD: 'Core Board',
};

const ROLE_NAMES: Record<string, Role> = {
  staff: 'STAFF',
  igcc: 'IGCC',
  coo: 'COO',
  programming: 'PROGRAMMING',
  ce: 'CONTINUING_ED',
  board: 'BOARD',
};

/** What staff type for a role in `/ig admin grant <role>`. */
const ROLE_WORDS: Record<Role, string> = { STAFF: 'staff', IGCC: 'igcc', COO: 'coo', PROGRAMMING: 'programming', CONTINUING_ED: 'ce', BOARD: 'board' };

/** "staff|igcc|coo|programming|ce|board", for usage lines. */
export const ROLE_CHOICES = Object.values(ROLE_WORDS).join('|');

export function parseRole(text: string): Role | undefined {
  return ROLE_NAMES[text.trim().toLowerCase()];
}

export function roleName(role: Role): string {
  return ROLE_WORDS[role];
}

/** Staff may act wherever a committee may. */
export function satisfies(held: readonly Role[], needed: Role): boolean {
  return held.includes(needed) || held.includes('STAFF');
}

export const APP_CHANNELS = ['petitions', 'staff', 'announcements', 'conveners'] as const;
export type AppChannel = (typeof APP_CHANNELS)[number];

export const CHANNEL_PURPOSES: Record<AppChannel, string> = {
  petitions: 'new petitions are posted here for feedback and signatures',
  staff: 'approval requests, digests and delivery problems',
  announcements: 'programs and news for everyone',
  conveners: 'nudges and news for all conveners',
};

export function parseAppChannel(text: string): AppChannel | undefined {
  const t = text.trim().toLowerCase();
  return (APP_CHANNELS as readonly string[]).includes(t) ? (t as AppChannel) : undefined;
}

export function channelSettingKey(which: AppChannel): string {
  return `channel.${which}`;
}
