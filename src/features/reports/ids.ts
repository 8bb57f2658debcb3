// Ids shared by the reports views and listeners. `fileOpen` is also on the report nudges (value: group id).
export const ReportIds = {
  fileOpen: 'reports.file.open',
  pickModal: 'reports.pick',
  formModal: 'reports.file',
  /** "Show version N" beside each earlier version in `/igreport show` (action id `reports.version.N`; value: the revision's id). */
  showVersion: 'reports.version',
} as const;
