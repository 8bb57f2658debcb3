// Ids shared by the election views and listeners. `open` is also carried by the deadline
// engine's election nudges (value: the group id).
export const ElectionIds = {
  open: 'conveners.election.open',
  openModal: 'elections.open.modal',
  nominate: 'elections.nominate',
  nominateModal: 'elections.nominate.modal',
  accept: 'elections.nomination.accept',
  decline: 'elections.nomination.decline',
  vote: 'elections.vote',
  ballotModal: 'elections.ballot',
  cancel: 'elections.cancel',
} as const;
