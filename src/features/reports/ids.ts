// Ids shared by the reports views and listeners. `fileOpen` is also on the report nudges (value: group id).
export const ReportIds = {
  fileOpen: 'reports.file.open',
  pickModal: 'reports.pick',
  formModal: 'reports.file',
} as const;
