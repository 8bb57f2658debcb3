// Group settings: the channel confirmation and the edit modal. Pure Block Kit builders.
import type { Group } from '../../generated/prisma/client.js';
import type { Reply } from '../../lib/slack/blocks.js';
import { section } from '../../lib/slack/blocks.js';
import { doneModal, input, type Modal, modal, staticSelect, textInput, usersSelect } from '../../lib/slack/modal.js';
import { escapeMrkdwn, mentionChannel, mentionUser, plural } from '../../lib/slack/text.js';
import { KIND_LABELS } from '../directory/rules.js';
import { GroupIds } from './ids.js';
import { LEVEL_CHOICES } from './rules.js';
import type { ChannelResult, EditField } from './service.js';

export function channelSetReply(r: ChannelResult): Reply {
  const name = escapeMrkdwn(r.group.name);
  const what = r.created ? `I created ${mentionChannel(r.channelId)} for *${name}*` : `${mentionChannel(r.channelId)} is now the channel of *${name}*`;
  const was = r.previous ? ` (it was ${mentionChannel(r.previous)})` : '';
  const invited = r.invited ? ` I invited its members and conveners there (${plural(r.invited, 'person', 'people')}).` : '';
  const missed = r.notInvited.length ? ` I couldn't invite ${r.notInvited.slice(0, 10).map(mentionUser).join(', ')}${r.notInvited.length > 10 ? '…' : ''}.` : '';
  const text = `:white_check_mark: ${what}${was}.${invited}${missed} People who join the group from now on are added to it.`;
  return { text, blocks: [section(text)] };
}

export function editModal(g: Group): Modal {
  return modal(
    GroupIds.editModal,
    'Edit group',
    [
      section(`*${escapeMrkdwn(g.name)}* · ${KIND_LABELS[g.kind]}`),
      input('description', 'Description', textInput({ multiline: true, initial: g.description, max: 2000, placeholder: "The group's purpose, as the directory shows it" })),
      input('liaison', 'Staff liaison', textInput({ initial: g.staffLiaison ?? undefined, max: 200, placeholder: 'Name (and email)' }), { optional: true, hint: 'Shown when no Slack user is chosen below.' }),
      input('liaisonUser', 'Staff liaison (Slack user)', usersSelect(g.staffLiaisonUserId ?? undefined), { optional: true, hint: 'Feedback sent with /ig feedback goes to this person by DM; without one it goes to staff.' }),
      input('level', 'Level', staticSelect(LEVEL_CHOICES, g.level ?? 'NONE')),
    ],
    { submit: 'Save', metadata: { groupId: g.id } },
  );
}

const FIELD_LABELS: Record<EditField, string> = { description: 'description', staffLiaison: 'staff liaison', staffLiaisonUserId: 'staff liaison (Slack user)', level: 'level' };

export function editedModal(r: { group: Group; changed: EditField[] }): Modal {
  const name = escapeMrkdwn(r.group.name);
  if (r.changed.length === 0) return doneModal('Edit group', `Nothing changed for *${name}*.`);
  return doneModal('Group saved', `:white_check_mark: Saved the ${r.changed.map((f) => FIELD_LABELS[f]).join(', ')} of *${name}*. \`/ig info ${name}\` shows it.`);
}
