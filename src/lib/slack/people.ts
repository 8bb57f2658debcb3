// How a person is shown, the one way every feature shows people. Pure.
//
// Resolve first (features/people/service.ts resolvePeople: a Slack id from the person's
// email when they are linked, a name from the roster or their Slack profile), then render:
// in mrkdwn the Slack mention when they have an account, else their name, else a neutral
// label; in plain text (modal errors, exports) their name. An email address or a raw user
// id is never shown: neither renderer takes an email, and names that are emails are dropped.
import { escapeMrkdwn, mentionUser } from './text.js';

export interface ShownPerson {
  slackUserId: string | null;
  /** Roster name, else the Slack profile name, else null. */
  name: string | null;
}

/** Said of someone known only by an email that no Slack account has (yet). */
export const NOT_IN_SLACK = 'someone not yet in Slack';
/** Plain text for a Slack user whose name Convene doesn't know. */
export const UNNAMED_MEMBER = 'a workspace member';

const EMAIL = /[^\s<>()[\]@,;:]+@[^\s<>()[\]@,;:]+\.[^\s<>()[\]@,;:]+/g;

/** The name without any email address in it ("Ann (ann@x.org)" → "Ann"); undefined when nothing is left. */
export function cleanName(name: string | null | undefined): string | undefined {
  const cleaned = (name ?? '')
    .replace(EMAIL, '')
    .replace(/\(\s*\)|<\s*>|\[\s*\]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:–—-]+|[\s,;:–—-]+$/g, '');
  return cleaned || undefined;
}

/** A person typed as text, e.g. a staff liaison "Jane Staff (jane@ala.org)": the email to look them up by, and the name. */
export function personFromText(text: string): { email: string | null; name: string | null } {
  const email = text.match(EMAIL)?.[0]?.toLowerCase() ?? null;
  return { email, name: cleanName(text) ?? null };
}

/** mrkdwn: `<@U…>`, else the escaped name, else "_someone not yet in Slack_". */
export function personMrkdwn(p: ShownPerson): string {
  if (p.slackUserId) return mentionUser(p.slackUserId);
  const name = cleanName(p.name);
  return name ? escapeMrkdwn(name) : `_${NOT_IN_SLACK}_`;
}

/** Plain text (modal field errors, CSV, iCalendar): the name, else a neutral label. Never an id or email. */
export function personPlain(p: ShownPerson): string {
  return cleanName(p.name) ?? (p.slackUserId ? UNNAMED_MEMBER : NOT_IN_SLACK);
}

/** "A", "A and B", "A, B and C"; `none` when empty. */
export function andList(items: string[], none = 'nobody'): string {
  if (items.length === 0) return none;
  return items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
