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
