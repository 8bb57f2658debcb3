// The exports' only Prisma code: everything a CSV needs, read in a few queries.
import type { Tx } from '../../db/audit.js';
import { dateOnly } from '../../lib/time.js';

/** Every group (dissolved ones too), with its convener terms covering `isoDate` and its member count. */
export function groupsWithConveners(db: Tx, isoDate: string) {
  const day = dateOnly(isoDate);
  return db.group.findMany({
    orderBy: { name: 'asc' },
    include: {
      conveners: { where: { startsOn: { lte: day }, endsOn: { gte: day } }, orderBy: { startsOn: 'asc' } },
      _count: { select: { members: true } },
    },
  });
}

/** Filed reports (current version), with the group's name and how many versions were filed. */
export function reports(db: Tx, quarter?: string) {
  return db.quarterlyReport.findMany({
    where: quarter ? { quarter } : {},
    orderBy: [{ quarter: 'desc' }, { group: { name: 'asc' } }],
    include: { group: { select: { name: true } } },
  });
}

/** Every petition with its organizers' addresses and the group it created. */
export function petitions(db: Tx) {
  return db.petition.findMany({
    orderBy: { id: 'asc' },
    include: { organizerAddresses: { orderBy: { position: 'asc' } }, group: { select: { name: true } } },
  });
}

/** What Convene knows of these Slack users: their Slack name and email. */
export function people(db: Tx, slackUserIds: string[]) {
  return db.person.findMany({ where: { slackUserId: { in: slackUserIds } }, select: { slackUserId: true, name: true, email: true } });
}

/** Roster names by (lower-case) email. */
export function rosterNames(db: Tx, emails: string[]) {
  return db.rosterMember.findMany({ where: { email: { in: emails } }, select: { email: true, name: true } });
}
