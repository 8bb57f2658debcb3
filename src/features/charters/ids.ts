// Ids shared by the charters views and listeners.
export const CharterIds = {
  /** "Request renewal" on /ig info, App Home and the nudges (value: group id). */
  renewOpen: 'charters.renew.open',
  renewModal: 'charters.renew',
  /** The IGCC's buttons: `charters.recommend.<continue|dissolve>` (value: "<renewal id>:<choice>"). */
  recommend: 'charters.recommend',
  recommendModal: 'charters.recommend.reason',
  /** The board's buttons: `charters.decide.<continue|dissolve>` (value: "<renewal id>:<choice>"). */
  decide: 'charters.decide',
  decideModal: 'charters.decide.reason',
} as const;
