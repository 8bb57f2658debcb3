export const RoomIds = {
  /** The booking modal (new booking or move), and its room / date pickers that refresh the free times. */
  bookModal: 'rooms.book',
  pickRoom: 'rooms.pick-room',
  pickDate: 'rooms.pick-date',
  /** Staff's add/edit room modal. */
  roomModal: 'rooms.room',
  addRoom: 'rooms.add',
  editRoom: 'rooms.edit',
  /** On a booking: cancel (asks first), confirm, move (opens the modal), calendar file. */
  cancel: 'rooms.cancel',
  confirmCancel: 'rooms.confirm-cancel',
  keep: 'rooms.keep',
  move: 'rooms.move',
  ics: 'rooms.ics',
} as const;
