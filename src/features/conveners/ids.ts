// Ids shared by the conveners views and listeners. The two `open` actions are also carried
// by the deadline engine's nudges (src/features/reminders/ids.ts); the value is the group id.
export const ConvenerIds = {
  add: 'conveners.add',
  addModal: 'conveners.add.modal',
  meetingOpen: 'conveners.meeting.open',
  meetingModal: 'conveners.meeting.modal',
} as const;
