export const IgWeekIds = {
  claim: 'igweek.claim',
  claimFor: 'igweek.claim-for',
  slotMenu: 'igweek.slot-menu',
  /** The confirm step's buttons after "Release this slot", and Undo on the released message. */
  release: 'igweek.release',
  keepSlot: 'igweek.keep-slot',
  undoRelease: 'igweek.undo-release',
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

/** The picker's button for one group: action_ids must be unique within a block. */
export const claimForId = (groupId: number): string => `${IgWeekIds.claimFor}:${groupId}`;
/** Matches every group's picker button (and the old shared id on messages sent before). */
export const CLAIM_FOR = /^igweek\.claim-for(:\d+)?$/;
