// Pure rules of feedback and invitations: reading `/ig invite`, the limits, the 30-day window.
import { parseUserMention } from '../../lib/slack/text.js';

/** At most this many colleagues per `/ig invite` (or per invite modal). */
export const INVITE_LIMIT = 20;
/** Nobody is invited to the same group twice within this many days. */
export const REINVITE_DAYS = 30;
export const FEEDBACK_MAX = 3000;
export const TOPIC_MAX = 150;
export const FEEDBACK_PAGE_SIZE = 10;

export const INVITE_USAGE = '`/ig invite <group> @colleague…` invites up to 20 people (mention them); `/ig invite <group>` opens a form to choose them.';

/** The instant before which an earlier invitation no longer blocks a new one. */
export function reinviteCutoff(now: Date): Date {
  return new Date(now.getTime() - REINVITE_DAYS * 24 * 60 * 60 * 1000);
}

/**
 * "data and measurement <@U1|ann> <@U2>": the group (the words before the first mention) and
 * the people mentioned, each once. `stray` holds words after the mentions that aren't mentions.
 */
export function parseInviteArgs(args: string): { query: string; userIds: string[]; stray: string[] } {
  const words = args.trim().split(/\s+/).filter(Boolean);
  const first = words.findIndex((w) => parseUserMention(w));
  if (first === -1) return { query: words.join(' '), userIds: [], stray: [] };
  const rest = words.slice(first);
  const userIds = [...new Set(rest.flatMap((w) => parseUserMention(w) ?? []))];
  return { query: words.slice(0, first).join(' '), userIds, stray: rest.filter((w) => !parseUserMention(w)) };
}

/** How each colleague was answered, in the inviter's summary. */
export interface InviteSummary {
  invited: string[];
  members: string[];
  recent: string[];
  optedOut: string[];
  unreachable: string[];
  /** The inviter named themselves (skipped). */
  self: boolean;
}

export function pageBounds(total: number, page: number): { page: number; pages: number; skip: number } {
  const pages = Math.max(1, Math.ceil(total / FEEDBACK_PAGE_SIZE));
  const current = Math.min(Math.max(1, Math.trunc(page) || 1), pages);
  return { page: current, pages, skip: (current - 1) * FEEDBACK_PAGE_SIZE };
}
