import type { Tx } from '../../db/audit.js';

export function findPerson(db: Tx, slackUserId: string) {
  return db.person.findUnique({ where: { slackUserId } });
}

export function upsertPerson(db: Tx, p: { slackUserId: string; email?: string | null; name?: string | null }) {
  const data = { email: p.email ?? null, name: p.name ?? null };
  return db.person.upsert({ where: { slackUserId: p.slackUserId }, create: { slackUserId: p.slackUserId, ...data }, update: data });
}

export function rosterByEmail(db: Tx, email: string) {
  return db.rosterMember.findUnique({ where: { email: email.toLowerCase() } });
}

export function peopleByEmails(db: Tx, emails: string[]) {
  return db.person.findMany({ where: { email: { in: emails.map((e) => e.toLowerCase()) } } });
}

export function peopleByIds(db: Tx, ids: string[]) {
  return ids.length ? db.person.findMany({ where: { slackUserId: { in: ids } } }) : Promise.resolve([]);
}

export function rosterByEmails(db: Tx, emails: string[]) {
  return emails.length ? db.rosterMember.findMany({ where: { email: { in: emails.map((e) => e.toLowerCase()) } } }) : Promise.resolve([]);
}

/** Records that this email is this Slack user's: on its roster row and on every convener term known only by it. */
export async function linkEmail(db: Tx, email: string, slackUserId: string): Promise<number> {
  const e = email.toLowerCase();
  const [terms, roster] = await Promise.all([
    db.convenerTerm.updateMany({ where: { email: e, slackUserId: null }, data: { slackUserId } }),
    db.rosterMember.updateMany({ where: { email: e, OR: [{ slackUserId: null }, { slackUserId: { not: slackUserId } }] }, data: { slackUserId } }),
  ]);
  return terms.count + roster.count;
}

/** Slack said no account has this email (asked again after a while). */
export async function markNotInSlack(db: Tx, email: string, at: Date): Promise<void> {
  const e = email.toLowerCase();
  await Promise.all([
    db.convenerTerm.updateMany({ where: { email: e, slackUserId: null }, data: { linkCheckedAt: at } }),
    db.rosterMember.updateMany({ where: { email: e, slackUserId: null }, data: { linkCheckedAt: at } }),
  ]);
}

/** Links, without asking Slack, the roster rows and convener terms whose email the app already knows a Slack user for. */
export async function linkKnownEmails(db: Tx): Promise<number> {
  const roster = await db.$executeRaw`
    UPDATE "RosterMember" r SET "slackUserId" = p."slackUserId"
    FROM "Person" p WHERE r."slackUserId" IS NULL AND p.email = r.email`;
  const viaPerson = await db.$executeRaw`
    UPDATE "ConvenerTerm" t SET "slackUserId" = p."slackUserId"
    FROM "Person" p WHERE t."slackUserId" IS NULL AND t.email IS NOT NULL AND p.email = t.email`;
  const viaRoster = await db.$executeRaw`
    UPDATE "ConvenerTerm" t SET "slackUserId" = r."slackUserId"
    FROM "RosterMember" r WHERE t."slackUserId" IS NULL AND r."slackUserId" IS NOT NULL AND r.email = t.email`;
  return roster + viaPerson + viaRoster;
}

const unchecked = (before: Date) => ({ OR: [{ linkCheckedAt: null }, { linkCheckedAt: { lt: before } }] });

/** Emails of roster rows and convener terms still without a Slack user (never asked, or asked before `before`), least recently asked first. */
export async function pendingEmails(db: Tx, before: Date, take: number): Promise<string[]> {
  const order = [{ linkCheckedAt: { sort: 'asc' as const, nulls: 'first' as const } }, { email: 'asc' as const }];
  const [roster, terms] = await Promise.all([
    db.rosterMember.findMany({ where: { slackUserId: null, ...unchecked(before) }, select: { email: true, linkCheckedAt: true }, orderBy: order, take }),
    db.convenerTerm.findMany({ where: { slackUserId: null, email: { not: null }, ...unchecked(before) }, select: { email: true, linkCheckedAt: true }, orderBy: order, take }),
  ]);
  const rows = [...roster, ...terms].sort((a, b) => (a.linkCheckedAt?.getTime() ?? 0) - (b.linkCheckedAt?.getTime() ?? 0) || a.email!.localeCompare(b.email!));
  return [...new Set(rows.map((r) => r.email!))].slice(0, take);
}

export async function countPending(db: Tx, before: Date): Promise<number> {
  const rosterWhere = { slackUserId: null, ...unchecked(before) };
  const terms = await db.convenerTerm.findMany({ where: { slackUserId: null, email: { not: null }, ...unchecked(before) }, select: { email: true }, distinct: ['email'] });
  const termEmails = terms.map((t) => t.email!);
  const [roster, both] = await Promise.all([
    db.rosterMember.count({ where: rosterWhere }),
    termEmails.length ? db.rosterMember.count({ where: { ...rosterWhere, email: { in: termEmails } } }) : 0,
  ]);
  return roster + termEmails.length - both;
}

/** Records a Slack user found by email, unless the app knows them already. */
export function rememberPerson(db: Tx, p: { slackUserId: string; email: string; name: string | null }) {
  return db.person.upsert({ where: { slackUserId: p.slackUserId }, create: { slackUserId: p.slackUserId, email: p.email.toLowerCase(), name: p.name }, update: {} });
}
