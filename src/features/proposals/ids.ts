// Ids shared by the proposals views and listeners.
export const ProposalIds = {
  /** On the nudges (value: group id). */
  proposeOpen: 'proposals.propose.open',
  proposeModal: 'proposals.propose',
  /** "Revise and resubmit" on the convener's DM (value: proposal id). */
  reviseOpen: 'proposals.revise.open',
  reviseModal: 'proposals.revise',
  /** Accept / Decline / Ask for changes on the committee's DM: `proposals.review.<decision>` (value: "<proposal id>:<decision>"). */
  review: 'proposals.review',
  reviewModal: 'proposals.review.reason',
  settingsOpen: 'proposals.settings.open',
  settingsModal: 'proposals.settings',
} as const;
