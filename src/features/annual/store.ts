// Annual Conferences and the groups' space requests: the only Prisma code of the feature.
import type { Tx } from '../../db/audit.js';
import { dateOnly } from '../../lib/time.js';
import { kindsWith } from '../directory/kinds.js';

/** The next Annual: the soonest conference that hasn't ended by `today` (YYYY-MM-DD). */
export function nextConference(db: Tx, today: string) {
  return db.annualConference.findFirst({ where: { lastDay: { gte: dateOnly(today) } }, orderBy: { firstDay: 'asc' } });
}

/** Conferences whose requests close in a range of days (for the nudges). */
export function conferencesClosingBetween(db: Tx, from: string, to: string) {
  return db.annualConference.findMany({ where: { requestsCloseOn: { gte: dateOnly(from), lte: dateOnly(to) } } });
}

export interface ConferenceFields {
  name: string;
  firstDay: string;
  lastDay: string;
  closeOn: string;
}

export function saveConference(tx: Tx, id: number | null, f: ConferenceFields, by: string) {
  const data = { name: f.name, firstDay: dateOnly(f.firstDay), lastDay: dateOnly(f.lastDay), requestsCloseOn: dateOnly(f.closeOn), updatedBy: by };
  return id ? tx.annualConference.update({ where: { id }, data }) : tx.annualConference.create({ data });
}

export function requestOf(db: Tx, conferenceId: number, groupId: number) {
  return db.annualSpaceRequest.findUnique({ where: { conferenceId_groupId: { conferenceId, groupId } } });
}

export function requestById(db: Tx, id: number) {
  return db.annualSpaceRequest.findUnique({ where: { id }, include: { group: true, conference: true } });
}

export function requestsOf(db: Tx, conferenceId: number) {
  return db.annualSpaceRequest.findMany({ where: { conferenceId }, include: { group: true }, orderBy: [{ status: 'asc' }, { createdAt: 'asc' }] });
}

export interface RequestFields {
  days: string[];
  times: string[];
  attendance: number;
  notes: string;
}

/**
 * Files the group's request, or edits it while it is still pending. The unique key
 * (conference, group) decides races; returns null when the request was already decided.
 */
export async function saveRequest(tx: Tx, r: { conferenceId: number; groupId: number; by: string; at: Date; fields: RequestFields }) {
  const created = await tx.annualSpaceRequest.createMany({
    data: [{ conferenceId: r.conferenceId, groupId: r.groupId, requestedBy: r.by, acknowledgedAt: r.at, ...r.fields }],
    skipDuplicates: true,
  });
  if (created.count === 0) {
    const updated = await tx.annualSpaceRequest.updateMany({
      where: { conferenceId: r.conferenceId, groupId: r.groupId, status: 'PENDING' },
      data: { ...r.fields, requestedBy: r.by, acknowledgedAt: r.at },
    });
    if (updated.count === 0) return null;
  }
  return { row: (await requestOf(tx, r.conferenceId, r.groupId))!, created: created.count === 1 };
}

export type Decision =
  | { status: 'CONFIRMED'; room: string; slotDay: string; slotStart: string; slotEnd: string }
  | { status: 'DECLINED'; reason: string };

/** Decides a pending request; false when someone decided it first. */
export async function decide(tx: Tx, id: number, d: Decision, by: string, at: Date): Promise<boolean> {
  const data =
    d.status === 'CONFIRMED'
      ? { status: d.status, room: d.room, slotDay: dateOnly(d.slotDay), slotStart: d.slotStart, slotEnd: d.slotEnd, declineReason: null }
      : { status: d.status, declineReason: d.reason };
  const r = await tx.annualSpaceRequest.updateMany({ where: { id, status: 'PENDING' }, data: { ...data, decidedBy: by, decidedAt: at } });
  return r.count === 1;
}

/** Active groups whose kind may request space, without a request for this conference. */
export function eligibleWithoutRequest(db: Tx, conferenceId: number) {
  return db.group.findMany({
    where: { status: 'ACTIVE', kind: { in: kindsWith('annualSpace') }, annualRequests: { none: { conferenceId } } },
    orderBy: { name: 'asc' },
  });
}
