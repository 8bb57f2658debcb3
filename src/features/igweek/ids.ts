export const IgWeekIds = {
  claim: 'igweek.claim',
  claimFor: 'igweek.claim-for',
  slotMenu: 'igweek.slot-menu',
  editDetails: 'igweek.edit-details',
  schedule: 'igweek.schedule',
  detailsModal: 'igweek.details',
  linksModal: 'igweek.links',
  assignModal: 'igweek.assign',
  moveModal: 'igweek.move',
  settingsModal: 'igweek.settings',
} as const;

/** Overflow menu verbs on a slot: `${verb}:${id}` (slot id for claim/assign, session id for the rest). */
export type SlotVerb = 'claim' | 'assign' | 'details' | 'links' | 'move' | 'release';
