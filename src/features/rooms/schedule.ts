// The day-before reminder of a room booking, for the deadline engine: 10:00 (org zone) the
// day before, a DM to whoever booked it with the join link. A moved booking gets a new one.
import type { ReminderRule } from '../reminders/types.js';
import { reminderAt } from './rules.js';
import * as store from './store.js';
import * as views from './views.js';

const HOUR = 3600_000;

export const bookingReminderRule: ReminderRule = {
  id: 'rooms.booking-reminder',
  description: 'Zoom rooms: the day before a booking, 10:00 org time, a DM to whoever booked it with the join link',
  latenessMs: 12 * HOUR,
  async occurrences({ prisma, zone }, w) {
    // The reminder comes 14–38 hours before the start: look that far past the window.
    const bookings = await store.bookingsStartingBetween(prisma, w.from, new Date(w.to.getTime() + 48 * HOUR));
    return bookings
      .map((b) => ({ b, dueAt: reminderAt(b.startsAt, zone) }))
      .filter(({ dueAt }) => dueAt > w.from && dueAt <= w.to)
      .map(({ b, dueAt }) => ({
        subject: `rooms:booking:${b.id}:${b.startsAt.toISOString()}`,
        dueAt,
        label: `Zoom room: ${b.room.name} for ${b.group.name}`,
        audience: { kind: 'users', userIds: [b.bookedBy] } as const,
        message: views.reminderMessage(b, zone),
      }));
  },
};

export const roomRules: ReminderRule[] = [bookingReminderRule];
