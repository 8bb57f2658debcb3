// The only Zoom-room code that touches Prisma.
//
// No two bookings of a room overlap. PGlite has no btree_gist wired in, so instead of an
// exclusion constraint every booking write runs in a transaction that first takes the room's
// row with SELECT … FOR UPDATE (lockRoom), then looks for an overlapping booking, then writes.
// Writers of one room queue on that row lock in PostgreSQL (PGlite runs one transaction at a
// time anyway), so the check and the write can't interleave with another booking of the room.
import type { Prisma } from '../../generated/prisma/client.js';
import type { RoomAccess } from '../../generated/prisma/enums.js';
import type { Tx } from '../../db/audit.js';

export function rooms(db: Tx) {
  return db.room.findMany({ orderBy: { id: 'asc' } });
}

export function roomById(db: Tx, id: number) {
  return db.room.findUnique({ where: { id } });
}

export interface RoomData {
  name: string;
  capacity: number;
  joinUrl: string;
  access: RoomAccess;
  igWeek: boolean;
  updatedBy: string;
}

export function createRoom(db: Tx, data: RoomData) {
  return db.room.create({ data });
}

export function updateRoom(db: Tx, id: number, data: RoomData) {
  return db.room.update({ where: { id }, data });
}

/** Only one room is the IG Week room. */
export async function clearIgWeekRoom(db: Tx, exceptId: number): Promise<void> {
  await db.room.updateMany({ where: { igWeek: true, id: { not: exceptId } }, data: { igWeek: false } });
}

/** The room IG Week sessions hold: the one staff marked, else the first room. */
export async function igWeekRoom(db: Tx) {
  return (await db.room.findFirst({ where: { igWeek: true } })) ?? (await db.room.findFirst({ orderBy: { id: 'asc' } }));
}

/** Takes the room's row lock until the transaction ends (see the top of this file). */
export async function lockRoom(tx: Prisma.TransactionClient, roomId: number): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: number }[]>`SELECT "id" FROM "Room" WHERE "id" = ${roomId} FOR UPDATE`;
  return rows.length > 0;
}

/** Bookings of a room that overlap [startsAt, endsAt), except one (the booking being moved). */
export function overlapping(db: Tx, roomId: number, startsAt: Date, endsAt: Date, exceptId?: number) {
  return db.roomBooking.findMany({
    where: { roomId, startsAt: { lt: endsAt }, endsAt: { gt: startsAt }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    orderBy: { startsAt: 'asc' },
  });
}

const withRoomAndGroup = { include: { room: true, group: { select: { id: true, name: true, kind: true } } } } as const;

export function bookingById(db: Tx, id: number) {
  return db.roomBooking.findUnique({ where: { id }, ...withRoomAndGroup });
}

export interface BookingData {
  roomId: number;
  groupId: number;
  bookedBy: string;
  startsAt: Date;
  endsAt: Date;
  purpose: string;
  zone: string;
  igWeekSessionId?: number;
}

export function createBooking(tx: Tx, data: BookingData) {
  return tx.roomBooking.create({ data });
}

export function updateBooking(tx: Tx, id: number, data: Prisma.RoomBookingUncheckedUpdateInput) {
  return tx.roomBooking.update({ where: { id }, data });
}

export async function deleteBooking(tx: Tx, id: number): Promise<boolean> {
  const { count } = await tx.roomBooking.deleteMany({ where: { id } });
  return count > 0;
}

/** Bookings (of every room, or one) overlapping [from, to), in order. */
export function bookingsBetween(db: Tx, from: Date, to: Date, roomId?: number) {
  return db.roomBooking.findMany({
    where: { startsAt: { lt: to }, endsAt: { gt: from }, ...(roomId ? { roomId } : {}) },
    orderBy: [{ startsAt: 'asc' }, { roomId: 'asc' }],
    ...withRoomAndGroup,
  });
}

/** Bookings starting in [from, to), in order (the reminder rule). */
export function bookingsStartingBetween(db: Tx, from: Date, to: Date) {
  return db.roomBooking.findMany({ where: { startsAt: { gte: from, lt: to } }, orderBy: { startsAt: 'asc' }, ...withRoomAndGroup });
}

/** Bookings not yet over, made by this person or for these groups. */
export function upcomingBookings(db: Tx, userId: string, groupIds: number[], now: Date) {
  return db.roomBooking.findMany({
    where: { endsAt: { gt: now }, OR: [{ bookedBy: userId }, { groupId: { in: groupIds } }] },
    orderBy: { startsAt: 'asc' },
    take: 40,
    ...withRoomAndGroup,
  });
}

export function bookingOfSession(db: Tx, igWeekSessionId: number) {
  return db.roomBooking.findUnique({ where: { igWeekSessionId } });
}

export function activeGroups(db: Tx, ids?: number[]) {
  return db.group.findMany({ where: { status: 'ACTIVE', ...(ids ? { id: { in: ids } } : {}) }, select: { id: true, name: true, kind: true }, orderBy: { name: 'asc' } });
}
