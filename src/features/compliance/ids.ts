export const ComplianceIds = {
  /** The App Home's "Compliance view" button. */
  open: 'compliance.open',
  /** Toggles the "needs attention" filter. */
  filter: 'compliance.filter',
  /** `compliance.page.prev` / `compliance.page.next` */
  page: 'compliance.page',
} as const;
