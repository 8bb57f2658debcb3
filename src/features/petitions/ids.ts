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
  /** In the MIG form: one more organizer row (organizer + mailing address). */
  addOrganizer: 'petition.add-organizer',
  /** Staff: the approved MIG has been reported to Council. */
  reportedToCouncil: 'petition.reported-to-council',
} as const;

/** Modal block ids: zod paths use the same names, so field errors land on the right input. */
export const FormBlocks = {
  name: 'name',
  purpose: 'purpose',
  level: 'level',
  leaders: 'leaders',
  feedback: 'feedback',
  reason: 'reason',
} as const;

/** The MIG form's organizer rows, numbered from 1: a user select and that organizer's mailing address. */
export const OrganizerBlocks = {
  organizer: (row: number) => `organizer-${row}`,
  address: (row: number) => `address-${row}`,
  /** Reads a block id back: its kind and row, or undefined for other blocks. */
  parse(blockId: string): { field: 'organizer' | 'address'; row: number } | undefined {
    const m = /^(organizer|address)-(\d{1,2})$/.exec(blockId);
    return m ? { field: m[1] as 'organizer' | 'address', row: Number(m[2]) } : undefined;
  },
} as const;

/** Every input element in the modals has this action id (the block id says which field it is). */
export const INPUT = 'value';
