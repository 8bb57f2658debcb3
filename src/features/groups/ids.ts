// Ids of the group settings: the "Edit" button on `/ig info` (value: the group id) and its modal.
export const GroupIds = {
  edit: 'groups.edit',
  editModal: 'groups.edit.modal',
} as const;
