// `/ig room`, `/ig admin rooms`, the booking and room modals, and the buttons on bookings.
import type { BlockAction, ViewStateValue } from '@slack/bolt';
import type { FeatureContext } from '../../app-context.js';
import { UserError } from '../../lib/slack/errors.js';
import { onAction, onSubmit, openModal } from '../../lib/slack/handlers.js';
import { metadata, metadataId, type Modal } from '../../lib/slack/modal.js';
import { CommandRouter } from '../../lib/slack/router.js';
import { RoomIds } from './ids.js';
import * as service from './service.js';
import * as views from './views.js';

type StateValues = Record<string, Record<string, ViewStateValue>>;

/** The first element's value of a block, whatever its kind (time pickers included). */
function valueOf(values: StateValues, blockId: string): string | undefined {
  const v = Object.values(values[blockId] ?? {})[0];
  if (!v) return undefined;
  const text = v.selected_option?.value ?? v.selected_date ?? v.selected_time ?? v.value;
  return typeof text === 'string' && text.trim() !== '' ? text : undefined;
}

export function register({ app, ig, admin, prisma, clock, config, logger }: FeatureContext): void {
  const deps: service.RoomDeps = { prisma, clock, orgTimezone: config.orgTimezone };
  const zone = config.orgTimezone;

  ig.add({
    name: 'room',
    usage: 'room [group] | room mine',
    summary: 'book a Core Zoom room for your group (see the free times), or list your bookings to move or cancel them',
    run: async ({ userId, args, client, triggerId }) => {
      if (args.trim().toLowerCase() === 'mine') {
        const r = await service.mine(deps, client, userId);
        return views.mineReply(r.bookings, zone);
      }
      await openModal(client, triggerId, views.bookModal(await service.bookingForm(deps, client, userId, args)));
    },
  });

  admin.add({
    name: 'rooms',
    usage: 'rooms [add | day [YYYY-MM-DD]]',
    summary: "the shared Zoom rooms: add and edit them (name, capacity, join link, who may book); a day's bookings",
    run: async ({ userId, args, client, triggerId }) => {
      const { name, args: rest } = CommandRouter.split(args);
      if (name === '' || name === 'list') return views.roomsReply(await service.roomList(deps, userId));
      if (name === 'add') {
        await service.roomForEdit(deps, userId);
        await openModal(client, triggerId, views.roomModal());
        return;
      }
      if (name === 'day') return views.dayReply(await service.day(deps, userId, rest), zone);
      throw new UserError('Usage: `/ig admin rooms`, `/ig admin rooms add` or `/ig admin rooms day [YYYY-MM-DD]`.');
    },
  });

  // Staff: add and edit rooms.
  onAction(app, RoomIds.addRoom, logger, async ({ userId, body, client }) => {
    await service.roomForEdit(deps, userId);
    await openModal(client, body.trigger_id, views.roomModal());
  });
  onAction(app, RoomIds.editRoom, logger, async ({ userId, value, body, client }) => {
    await openModal(client, body.trigger_id, views.roomModal(await service.roomForEdit(deps, userId, Number(value))));
  });
  onSubmit(app, RoomIds.roomModal, logger, async ({ userId, values, view }) => {
    const id = metadata<{ roomId: number }>(view.private_metadata).roomId;
    const r = await service.saveRoom(deps, userId, id === undefined ? undefined : metadataId(view.private_metadata, 'roomId'), {
      name: values.name,
      capacity: values.capacity,
      joinUrl: values.joinUrl,
      access: values.access,
      igWeek: Array.isArray(values.igWeek) && values.igWeek.includes('yes'),
    });
    return { view: views.roomSavedView(r) };
  });

  // The booking modal: the room and day pickers refresh the free times in place.
  const refresh = async ({ body, client }: { body: BlockAction; client: typeof app.client }) => {
    const view = body.view;
    if (!view) return;
    const values = view.state.values as StateValues;
    const meta = metadata<service.BookMeta>(view.private_metadata);
    const found = await service.refreshedFreeTimes(deps, Number(valueOf(values, 'room')), valueOf(values, 'date') ?? '', meta.zone ?? '');
    if (!found) return;
    const current = { type: 'modal', callback_id: view.callback_id, title: view.title, submit: view.submit, close: view.close, private_metadata: view.private_metadata, blocks: view.blocks } as unknown as Modal;
    const text = views.freeTimesText(found.free, meta.zone!, found.room.name, valueOf(values, 'date')!);
    await client.views.update({ view_id: view.id, hash: view.hash, view: views.withFreeTimes(current, text) as never });
  };
  onAction(app, RoomIds.pickRoom, logger, async (args) => refresh(args));
  onAction(app, RoomIds.pickDate, logger, async (args) => refresh(args));

  onSubmit(app, RoomIds.bookModal, logger, async ({ userId, view, client }) => {
    const values = view.state.values as StateValues;
    const raw = Object.fromEntries(['group', 'room', 'date', 'start', 'end', 'purpose'].map((k) => [k, valueOf(values, k)]).filter(([, v]) => v !== undefined));
    const r = await service.book(deps, client, userId, metadata<service.BookMeta>(view.private_metadata), raw);
    return {
      view: views.bookedView(r, zone),
      after: () => client.chat.postMessage({ channel: userId, ...views.bookedMessage(r, zone) }),
    };
  });

  // Buttons on a booking.
  onAction(app, RoomIds.move, logger, async ({ userId, value, body, client }) => {
    await openModal(client, body.trigger_id, views.bookModal(await service.moveForm(deps, client, userId, Number(value))));
  });
  onAction(app, RoomIds.cancel, logger, async ({ userId, value, client }) => views.cancelConfirmReply(await service.cancelTarget(deps, client, userId, Number(value)), zone));
  onAction(app, RoomIds.confirmCancel, logger, async ({ userId, value, client }) => ({ ...views.cancelledReply(await service.cancel(deps, client, userId, Number(value)), zone), replace: true }));
  onAction(app, RoomIds.keep, logger, async () => ({ ...views.keptReply(), replace: true }));
  onAction(app, RoomIds.ics, logger, async ({ userId, value, client }) => {
    const r = await service.calendarFile(deps, client, userId, Number(value));
    return views.icsReply(r.booking, r.ics);
  });
}
