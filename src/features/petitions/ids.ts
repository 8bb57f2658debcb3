export const PetitionIds = {
  /** Buttons of `/petition`: which kind (action ids `petition.kind.CORE_IG`, `petition.kind.MIG`). */
  kind: 'petition.kind',
  form: 'petition.form',
  confirm: 'petition.confirm',
  sign: 'petition.sign',
  unsign: 'petition.unsign',
  withdraw: 'petition.withdraw',
  details: 'petition.details',
  approve: 'petition.approve',
  reject: 'petition.reject',
  rejectForm: 'petition.reject.form',
} as const;

/** Modal block ids: zod paths use the same names, so field errors land on the right input. */
export const FormBlocks = {
  name: 'name',
  purpose: 'purpose',
  level: 'level',
  leaders: 'leaders',
  addresses: 'addresses',
  feedback: 'feedback',
  reason: 'reason',
} as const;

/** Every input element in the modals has this action id (the block id says which field it is). */
export const INPUT = 'value';
