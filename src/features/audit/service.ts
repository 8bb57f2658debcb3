// `/ig admin audit <group>` and `convene export audit --group <name>`: a group's timeline.
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { Tx } from '../../db/audit.js';
import { csvTable } from '../../lib/csv.js';
import { UserError } from '../../lib/slack/errors.js';
import { escapeMrkdwn } from '../../lib/slack/text.js';
import { requireRole } from '../admin/service.js';
import { matchGroup } from '../directory/rules.js';
import { namesOf } from '../people/service.js';
import { actorText, AUDIT_COLUMNS, AUDIT_PAGE_SIZE, describeEntry, detailsWithNames, pageOf, peopleIn } from './rules.js';
import * as store from './store.js';

export type AuditGroup = NonNullable<Awaited<ReturnType<typeof store.groupById>>>;

/** A group by loosely typed name (dissolved groups too), or by id. */
export async function auditedGroup(db: Tx, ref: { query: string } | { id: number }): Promise<AuditGroup> {
  if ('id' in ref) {
    const g = await store.groupById(db, ref.id);
    if (!g) throw new UserError('That group no longer exists.');
    return g;
  }
  if (!ref.query.trim()) throw new UserError('Name a group, e.g. `/ig admin audit data and measurement`.');
  const match = matchGroup(ref.query, await store.allGroupNames(db));
  if (match.kind === 'none') throw new UserError(`No group matches "${escapeMrkdwn(ref.query)}".`);
  if (match.kind === 'many') {
    const names = match.candidates.slice(0, 10).map((g) => `• ${escapeMrkdwn(g.name)}`);
    throw new UserError(`"${escapeMrkdwn(ref.query)}" matches several groups; which one?\n${names.join('\n')}`);
  }
  return match.group;
}

/** One page of a group's timeline, newest first. Staff only. */
export async function timeline(prisma: PrismaClient, userId: string, ref: { query: string } | { id: number }, page: number) {
  await requireRole(prisma, userId, 'STAFF', "see a group's audit log");
  const group = await auditedGroup(prisma, ref);
  const where = await store.timelineWhere(prisma, group.id);
  const total = await store.count(prisma, where);
  const at = pageOf(total, page);
  const entries = await store.entries(prisma, where, (at.page - 1) * AUDIT_PAGE_SIZE, AUDIT_PAGE_SIZE);
  return { group, total, ...at, entries };
}

/** The whole timeline as CSV, people by name (never a Slack user id). */
export async function auditCsv(db: Tx, groupQuery: string): Promise<{ content: string; count: number; group: AuditGroup }> {
  const group = await auditedGroup(db, { query: groupQuery });
  const rows = await store.entries(db, await store.timelineWhere(db, group.id));
  const names = await namesOf(db, rows.flatMap(peopleIn));
  const person = (id: string) => names.get(id) ?? id;
  const content = csvTable(
    AUDIT_COLUMNS,
    rows.map((e) => ({
      at_utc: e.at.toISOString(),
      actor: actorText(e.actor, person),
      action: e.action,
      what: describeEntry(e, person),
      subject: `${e.subjectType} ${e.subjectId}`,
      details: JSON.stringify(detailsWithNames(e.details, person)),
    })),
  );
  return { content, count: rows.length, group };
}
