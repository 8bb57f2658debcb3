export const AuditIds = {
  /** `audit.page.newer` / `audit.page.older`: the timeline's Newer/Older buttons. */
  page: 'audit.page',
} as const;
