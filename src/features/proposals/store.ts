// Calls for proposals and the groups' proposals: the only Prisma code of the feature.
import type { Tx } from '../../db/audit.js';
import type { ProposalKind, ProposalStatus } from '../../generated/prisma/enums.js';
import { dateOnly, isoDateOf } from '../../lib/time.js';
import { kindsWith } from '../directory/kinds.js';

export interface CallDates {
  opensOn: string;
  closesOn: string;
}

export async function calls(db: Tx): Promise<Map<string, CallDates>> {
  const rows = await db.proposalCall.findMany();
  return new Map(rows.map((r) => [r.key, { opensOn: isoDateOf(r.opensOn), closesOn: isoDateOf(r.closesOn) }]));
}

export function saveCall(tx: Tx, key: string, d: CallDates, by: string) {
  const data = { opensOn: dateOnly(d.opensOn), closesOn: dateOnly(d.closesOn), updatedBy: by };
  return tx.proposalCall.upsert({ where: { key }, create: { key, ...data }, update: data });
}

export function clearCall(tx: Tx, key: string) {
  return tx.proposalCall.deleteMany({ where: { key } });
}

export function callsClosingBetween(db: Tx, from: string, to: string) {
  return db.proposalCall.findMany({ where: { closesOn: { gte: dateOnly(from), lte: dateOnly(to) } } });
}

export interface ProposalFields {
  title: string;
  description: string;
  format: string;
  speakers: string;
  needs: string;
}

export function create(tx: Tx, p: { groupId: number; kind: ProposalKind; callKey: string; by: string; at: Date; fields: ProposalFields }) {
  return tx.proposal.create({ data: { groupId: p.groupId, kind: p.kind, callKey: p.callKey, submittedBy: p.by, submittedAt: p.at, ...p.fields } });
}

export function byId(db: Tx, id: number) {
  return db.proposal.findUnique({ where: { id }, include: { group: true } });
}

/** Resubmits a proposal the committee asked changes of; false when it isn't waiting for changes. */
export async function resubmit(tx: Tx, id: number, fields: ProposalFields, by: string, at: Date): Promise<boolean> {
  const r = await tx.proposal.updateMany({ where: { id, status: 'CHANGES_REQUESTED' }, data: { ...fields, status: 'SUBMITTED', revision: { increment: 1 }, submittedBy: by, submittedAt: at } });
  return r.count === 1;
}

/** Decides a submitted proposal; false when someone decided it first (or it is waiting for changes). */
export async function decide(tx: Tx, id: number, status: ProposalStatus, reason: string, by: string, at: Date): Promise<boolean> {
  const r = await tx.proposal.updateMany({ where: { id, status: 'SUBMITTED' }, data: { status, reason, decidedBy: by, decidedAt: at } });
  return r.count === 1;
}

/** The group's accepted proposals, newest first (its record in `/ig info`). */
export function accepted(db: Tx, groupId: number) {
  return db.proposal.findMany({ where: { groupId, status: 'ACCEPTED' }, orderBy: { decidedAt: 'desc' }, select: { id: true, title: true, callKey: true, decidedAt: true } });
}

/** Active groups whose kind proposes, without a proposal for this call. */
export function eligibleWithoutProposal(db: Tx, callKey: string) {
  return db.group.findMany({ where: { status: 'ACTIVE', kind: { in: kindsWith('proposals') }, proposals: { none: { callKey } } }, orderBy: { name: 'asc' } });
}
