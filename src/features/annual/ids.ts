// Ids shared by the Annual space views and listeners. `requestOpen` is also on the nudges (value: group id).
export const AnnualIds = {
  requestOpen: 'annual.request.open',
  requestModal: 'annual.request',
  settingsOpen: 'annual.settings.open',
  settingsModal: 'annual.settings',
  /** Buttons on each pending request in `/ig admin annual` (value: the request id). */
  confirmOpen: 'annual.confirm.open',
  declineOpen: 'annual.decline.open',
  confirmModal: 'annual.confirm',
  declineModal: 'annual.decline',
} as const;
