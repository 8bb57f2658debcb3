// The public site's reads: the only Prisma code of the feature. Nothing here writes.
import type { GroupKind } from '../../generated/prisma/enums.js';
import type { Tx } from '../../db/audit.js';
import { dateOnly } from '../../lib/time.js';
import { activeMatching } from '../directory/store.js';

const PUBLIC_GROUP = { id: true, name: true, key: true, kind: true, level: true, eligibility: true, description: true, staffLiaison: true } as const;

/** Active groups matching every word (as `/ig list`), of one kind when given, by name. */
export function activeGroups(db: Tx, words: string[], kind?: GroupKind) {
  return db.group.findMany({ where: { ...activeMatching(words), ...(kind ? { kind } : {}) }, select: PUBLIC_GROUP, orderBy: { name: 'asc' } });
}

/** The active group with this key; dissolved groups are not public. */
export function activeGroupByKey(db: Tx, key: string) {
  return db.group.findFirst({ where: { key, status: 'ACTIVE' }, select: PUBLIC_GROUP });
}

/** Convener terms covering a day, for several groups at once. */
export function convenerTerms(db: Tx, groupIds: number[], isoDate: string) {
  const day = dateOnly(isoDate);
  return db.convenerTerm.findMany({
    where: { groupId: { in: groupIds }, startsOn: { lte: day }, endsOn: { gte: day } },
    select: { groupId: true, slackUserId: true, email: true, name: true },
    orderBy: [{ startsOn: 'asc' }, { id: 'asc' }],
  });
}

/** Business meetings recorded for a day from `isoDate` on, soonest first. */
export function upcomingMeetings(db: Tx, groupIds: number[], isoDate: string, perGroup: number) {
  return db.businessMeeting
    .findMany({
      where: { groupId: { in: groupIds }, heldOn: { gte: dateOnly(isoDate) } },
      select: { groupId: true, heldOn: true, format: true },
      orderBy: [{ heldOn: 'asc' }, { id: 'asc' }],
    })
    .then((rows) => {
      const seen = new Map<number, number>();
      return rows.filter((r) => {
        const n = (seen.get(r.groupId) ?? 0) + 1;
        seen.set(r.groupId, n);
        return n <= perGroup;
      });
    });
}

/** Sessions of a year held by these groups, with their slots. */
export function sessionsOf(db: Tx, year: number, groupIds: number[]) {
  return db.igWeekSession.findMany({
    where: { year, groupId: { in: groupIds } },
    select: { groupId: true, title: true, registrationUrl: true, slot: { select: { startsAt: true } } },
    orderBy: { slot: { startsAt: 'asc' } },
  });
}

/** Which of these groups are active (the program leaves out sessions of dissolved groups). */
export async function activeIds(db: Tx, groupIds: number[]): Promise<Set<number>> {
  const rows = await db.group.findMany({ where: { id: { in: groupIds }, status: 'ACTIVE' }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}
