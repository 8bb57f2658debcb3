// A group's audit timeline: which entries are its own and how each reads. Pure: the entries,
// the clock and how to show a person are passed in.

/** Entries on one page of `/ig admin audit <group>`. */
export const AUDIT_PAGE_SIZE = 20;

export interface AuditRow {
  id: number;
  at: Date;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string;
  details: unknown;
}

/** How a person (a Slack user id) is shown: `<@U…>` in Slack, their name in a CSV. */
export type ShowPerson = (slackUserId: string) => string;

/** A Slack user id (U… or W…), as actors and details record people. */
export function isSlackUserId(text: string): boolean {
  return /^[UW][A-Z0-9]{2,}$/.test(text);
}

/** Who did it: a person, or the app itself ("system") or an operator at the command line ("cli"). */
export function actorText(actor: string, person: ShowPerson): string {
  if (actor === 'system') return 'Convene';
  if (actor === 'cli' || actor === 'config') return 'an operator (command line)';
  return isSlackUserId(actor) ? person(actor) : actor;
}

const SUBJECTS: Record<string, string> = {
  petition: 'petition',
  election: 'election',
  proposal: 'proposal',
  annual_request: 'Annual space request',
  igweek_session: 'IG Week session',
  room_booking: 'room booking',
};

type Details = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** What happened, as a phrase after the actor: "filed the 2027-Q1 report". */
export function describeEntry(e: AuditRow, person: ShowPerson): string {
  const d = (e.details && typeof e.details === 'object' ? e.details : {}) as Details;
  const who = (v: unknown) => (typeof v === 'string' && isSlackUserId(v) ? person(v) : 'someone');
  switch (e.action) {
    case 'group.created':
      return d.source === 'petition' ? `created the group (petition #${str(d.petitionId)} approved)` : d.source === 'import' ? 'imported the group' : 'created the group';
    case 'group.updated':
      return 'updated the group from an import';
    case 'group.edited':
      return `edited the group (${Object.keys(d).join(', ') || 'no fields'})`;
    case 'group.channel_set':
      return "set the group's channel";
    case 'group.joined':
      return 'joined the group';
    case 'group.left':
      return 'left the group';
    case 'group.invited':
      return `invited ${who(d.invitee)}`;
    case 'group.invite_undelivered':
      return `invited ${who(d.invitee)} (the invitation could not be delivered)`;
    case 'feedback.sent':
      return 'sent feedback about the group';
    case 'convener.added':
      return `added ${who(d.slackUserId)} as convener (${str(d.startsOn)} – ${str(d.endsOn)})`;
    case 'convener.term.added':
      return `added a convener term from an import (${str(d.startsOn)} – ${str(d.endsOn)})`;
    case 'meeting.recorded':
      return `recorded a business meeting held ${str(d.heldOn)}`;
    case 'report.filed':
      return `filed the ${str(d.quarter)} report`;
    case 'report.revised':
      return `revised the ${str(d.quarter)} report (version ${str(d.revision)})`;
    case 'invitations.opted_out':
      return 'asked never to be invited again';
  }
  const [area = '', ...rest] = e.action.split('.');
  const verb = (rest.length ? rest.join(' ') : area).replace(/[_-]/g, ' ');
  const subject = SUBJECTS[e.subjectType];
  if (subject) return `${subject} #${e.subjectId}: ${verb}`;
  return `${area.replace(/[_-]/g, ' ')}: ${verb}`;
}

/** Replaces every Slack user id in an entry's details by how the person is shown (CSV: names, never ids). */
export function detailsWithNames(details: unknown, person: ShowPerson): unknown {
  if (typeof details === 'string') return isSlackUserId(details) ? person(details) : details;
  if (Array.isArray(details)) return details.map((v) => detailsWithNames(v, person));
  if (details && typeof details === 'object') return Object.fromEntries(Object.entries(details).map(([k, v]) => [k, detailsWithNames(v, person)]));
  return details;
}

/** Every Slack user id an entry names (actor and details), to look their names up once. */
export function peopleIn(e: AuditRow): string[] {
  const ids: string[] = isSlackUserId(e.actor) ? [e.actor] : [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string' && isSlackUserId(v)) ids.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(e.details);
  return ids;
}

/** Pages for a total (at least one) of `size` items, and the page clamped into them. */
export function pageOf(total: number, page: number, size = AUDIT_PAGE_SIZE): { page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(total / size));
  return { page: Math.min(Math.max(1, Math.trunc(page) || 1), pages), pages };
}

export const AUDIT_COLUMNS = ['at_utc', 'actor', 'action', 'what', 'subject', 'details'] as const;
