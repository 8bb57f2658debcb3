// Ids of feedback and invitations: the feedback modal, the staff listing's pages, the
// "Invite colleagues" button on `/ig info` (value: the group id), its modal, and the
// "Don't invite me again" button of an invitation (value: the group id).
export const OutreachIds = {
  feedbackModal: 'outreach.feedback.modal',
  feedbackPage: 'outreach.feedback.page',
  invite: 'outreach.invite',
  inviteModal: 'outreach.invite.modal',
  optOut: 'outreach.optout',
} as const;
