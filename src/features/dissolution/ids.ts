export const DissolutionIds = {
  /** On `/ig admin reinstate`'s question: reinstate (value: the group id) or leave it dissolved. */
  confirmReinstate: 'dissolution.reinstate',
  cancelReinstate: 'dissolution.reinstate-cancel',
} as const;
