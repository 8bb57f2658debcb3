// Feedback and invitations: the modals, the messages the liaison, staff and invitees get, the
// inviter's summary and the staff listing. Pure Block Kit builders.
import type { Group } from '../../generated/prisma/client.js';
import { type Block, type Reply, actions, button, context, divider, section } from '../../lib/slack/blocks.js';
import { andList } from '../../lib/slack/people.js';
import { doneModal, input, type Modal, modal, multiUsersSelect, textInput } from '../../lib/slack/modal.js';
import { escapeMrkdwn, mentionUser, plural, truncate } from '../../lib/slack/text.js';
import { slackDateTime } from '../../lib/time.js';
import { DirectoryIds } from '../directory/ids.js';
import { ELIGIBILITY_LABELS, KIND_LABELS } from '../directory/rules.js';
import { OutreachIds } from './ids.js';
import { FEEDBACK_MAX, INVITE_LIMIT, type InviteSummary, REINVITE_DAYS, TOPIC_MAX } from './rules.js';
import type { SentFeedback } from './service.js';

// ---------------------------------------------------------------------------
// Feedback

export function feedbackModal(g: Group): Modal {
  const to = g.staffLiaisonUserId ? 'its staff liaison' : 'staff (the group has no staff liaison in Slack yet)';
  return modal(
    OutreachIds.feedbackModal,
    'Send feedback',
    [
      section(`Your feedback about *${escapeMrkdwn(g.name)}* goes to ${to}, with your name.`),
      input('topic', 'Topic', textInput({ max: TOPIC_MAX, placeholder: 'e.g. Meeting times' }), { optional: true }),
      input('message', 'Message', textInput({ multiline: true, max: FEEDBACK_MAX, placeholder: 'What would you like the liaison to know?' })),
    ],
    { submit: 'Send', metadata: { groupId: g.id } },
  );
}

export function feedbackSentModal(r: SentFeedback): Modal {
  const to = r.feedback.liaisonId ? `its staff liaison, ${mentionUser(r.feedback.liaisonId)}` : 'staff';
  return doneModal('Feedback sent', `:white_check_mark: Thank you. I sent your feedback about *${escapeMrkdwn(r.group.name)}* to ${to}.`);
}

/** What the liaison (or staff) reads. */
export function feedbackMessage(r: SentFeedback, to: 'liaison' | 'staff' | 'unreachable-liaison'): Reply {
  const name = escapeMrkdwn(r.group.name);
  const who = `${mentionUser(r.feedback.senderId)}${r.senderIsMember ? '' : ' (not a member)'}`;
  const lead =
    to === 'liaison'
      ? `:speech_balloon: ${who} sent you feedback about *${name}*, the group you are staff liaison for.`
      : to === 'staff'
        ? `:speech_balloon: ${who} sent feedback about *${name}*. The group has no staff liaison in Slack; \`/ig edit ${name}\` sets one.`
        : `:speech_balloon: ${who} sent feedback about *${name}* to its staff liaison, ${mentionUser(r.feedback.liaisonId!)}, but Slack wouldn't deliver it to them.`;
  const topic = r.feedback.topic ? `*Topic:* ${escapeMrkdwn(r.feedback.topic)}\n` : '';
  const body = `${topic}>${escapeMrkdwn(truncate(r.feedback.message, 2800)).replace(/\n/g, '\n>')}`;
  return {
    text: `${lead}`,
    blocks: [section(lead), section(body), context(`Reply to ${mentionUser(r.feedback.senderId)} directly · staff see all feedback with \`/ig admin feedback\``)],
  };
}

export interface FeedbackListing {
  group: Pick<Group, 'id' | 'name'> | null;
  total: number;
  page: number;
  pages: number;
  zone: string;
  rows: { id: number; senderId: string; topic: string | null; message: string; liaisonId: string | null; createdAt: Date; group: { name: string } }[];
}

export interface FeedbackPageState {
  g: number | null;
  p: number;
}

export function feedbackListReply(l: FeedbackListing): Reply {
  const about = l.group ? ` about *${escapeMrkdwn(l.group.name)}*` : '';
  if (l.total === 0) {
    const text = `No feedback${about} yet.`;
    return { text, blocks: [section(text)] };
  }
  const blocks: Block[] = [section(`*${plural(l.total, 'message')} of feedback${about}*, newest first (page ${l.page} of ${l.pages})`)];
  for (const f of l.rows) {
    const to = f.liaisonId ? `to ${mentionUser(f.liaisonId)}` : 'to staff';
    const topic = f.topic ? ` · _${escapeMrkdwn(f.topic)}_` : '';
    blocks.push(divider(), section(`*${escapeMrkdwn(f.group.name)}* · ${mentionUser(f.senderId)} ${to} · ${slackDateTime(f.createdAt, l.zone)}${topic}\n${escapeMrkdwn(truncate(f.message, 2600))}`));
  }
  const nav: Block[] = [];
  const state = (p: number) => JSON.stringify({ g: l.group?.id ?? null, p } satisfies FeedbackPageState);
  if (l.page > 1) nav.push(button('Newer', `${OutreachIds.feedbackPage}.prev`, state(l.page - 1)));
  if (l.page < l.pages) nav.push(button('Older', `${OutreachIds.feedbackPage}.next`, state(l.page + 1)));
  if (nav.length) blocks.push(actions(nav, 'feedback-nav'));
  return { text: `${plural(l.total, 'message')} of feedback${about}`, blocks };
}

// ---------------------------------------------------------------------------
// Invitations

export function inviteModal(g: Group, meta: { groupId: number }): Modal {
  return modal(
    OutreachIds.inviteModal,
    'Invite colleagues',
    [
      section(`I'll send each colleague a message about *${escapeMrkdwn(g.name)}* with a Join button. Nobody is invited to a group twice within ${REINVITE_DAYS} days.`),
      input('colleagues', 'Colleagues', multiUsersSelect({ max: INVITE_LIMIT, placeholder: `Up to ${INVITE_LIMIT} people` })),
    ],
    { submit: 'Invite', metadata: meta },
  );
}

export function invitingModal(g: Group): Modal {
  return doneModal('Invite colleagues', `Sending the invitations to *${escapeMrkdwn(g.name)}*…`);
}

/** The DM each colleague gets. */
export function invitationMessage(g: Group, inviterId: string): Reply {
  const name = escapeMrkdwn(g.name);
  const lead = `:wave: ${mentionUser(inviterId)} invites you to join *${name}*, a ${KIND_LABELS[g.kind]}.`;
  const purpose = g.description ? escapeMrkdwn(truncate(g.description, 1500)) : '_No statement of purpose yet._';
  return {
    text: `${mentionUser(inviterId)} invites you to join ${name}`,
    blocks: [
      section(lead),
      section(purpose),
      context(`Who can join: ${ELIGIBILITY_LABELS[g.eligibility]} · \`/ig info ${name}\` for details`),
      actions([button('Join', DirectoryIds.join, String(g.id), 'primary'), button("Don't invite me again", OutreachIds.optOut, String(g.id))], 'invitation'),
    ],
  };
}

export function optedOutReply(): Reply {
  const text = "Done: nobody can invite you to a group through Convene again. You can still join any group yourself with `/ig list` and `/ig join`.";
  return { text, blocks: [section(text)] };
}

export function inviteSummaryText(g: Group, s: InviteSummary): string {
  const people = (ids: string[]) => andList(ids.map(mentionUser));
  const lines = [`*Invitations to ${escapeMrkdwn(g.name)}*`];
  if (s.invited.length) lines.push(`:white_check_mark: Invited: ${people(s.invited)}`);
  if (s.members.length) lines.push(`• Already a member: ${people(s.members)}`);
  if (s.recent.length) lines.push(`• Invited in the last ${REINVITE_DAYS} days (not again): ${people(s.recent)}`);
  if (s.optedOut.length) lines.push(`• Asked not to be invited: ${people(s.optedOut)}`);
  if (s.unreachable.length) lines.push(`• Slack wouldn't deliver my message to: ${people(s.unreachable)}`);
  if (s.self) lines.push("• You can't invite yourself.");
  if (lines.length === 1) lines.push('Nobody to invite.');
  return lines.join('\n');
}

export function inviteSummaryReply(g: Group, s: InviteSummary): Reply {
  const text = inviteSummaryText(g, s);
  return { text, blocks: [section(text)] };
}

export function inviteSummaryModal(g: Group, s: InviteSummary): Modal {
  return doneModal('Invitations sent', inviteSummaryText(g, s));
}
