// Group settings in Slack: give a group its channel (staff or its conveners), and staff edit
// its description, staff liaison and level. Every change is audited.
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Group } from '../../generated/prisma/client.js';
import type { GroupLevel } from '../../generated/prisma/enums.js';
import { audit } from '../../db/audit.js';
import { createChannel, inviteAll, slackError } from '../../lib/slack/channels.js';
import { FieldErrors, UserError, zodFieldErrors } from '../../lib/slack/errors.js';
import { escapeMrkdwn, mentionChannel } from '../../lib/slack/text.js';
import { dateOnly } from '../../lib/time.js';
import { requireRole } from '../admin/service.js';
import { activeGroup, type ConvenerDeps, requireConvenerOrStaff, today } from '../conveners/service.js';
import { type GroupRef, resolveGroup } from '../directory/service.js';
import { CHANNEL_USAGE, levelProblem, parseChannelArgs } from './rules.js';
import * as store from './store.js';

export interface ChannelResult {
  group: Group;
  channelId: string;
  previous: string | null;
  created: boolean;
  invited: number;
  notInvited: string[];
}

/** `/ig channel <group> #channel|create`. */
export async function setGroupChannel(deps: ConvenerDeps, client: WebClient, actor: string, args: string): Promise<ChannelResult> {
  const parsed = parseChannelArgs(args);
  if (!parsed) throw new UserError(`Usage: ${CHANNEL_USAGE}`);
  const group = await resolveGroup(deps.prisma, { query: parsed.query });
  await requireConvenerOrStaff(deps, actor, group, 'give it a channel');
  let channelId: string;
  if (parsed.target.kind === 'link') {
    channelId = parsed.target.channelId;
    if (group.channelId === channelId) throw new UserError(`${mentionChannel(channelId)} is already the channel of *${escapeMrkdwn(group.name)}*.`);
    const other = await store.groupWithChannel(deps.prisma, channelId);
    if (other) throw new UserError(`${mentionChannel(channelId)} is already the channel of *${escapeMrkdwn(other.name)}*; choose another, or \`create\` a new one.`);
    await joinChannel(client, channelId);
  } else {
    const made = await createChannel(client, group.name);
    if (made.kind === 'failed') throw new UserError(`Slack didn't create a channel for *${escapeMrkdwn(group.name)}* (it said \`${made.reason}\`). Create one yourself and link it with \`/ig channel ${escapeMrkdwn(group.name)} #channel\`.`);
    channelId = made.id;
  }
  await deps.prisma.$transaction(async (tx) => {
    await store.setChannel(tx, group.id, channelId);
    await audit(tx, {
      actor,
      action: 'group.channel_set',
      subjectType: 'group',
      subjectId: group.id,
      details: { from: group.channelId, to: channelId, created: parsed.target.kind === 'create' },
    });
  });
  const people = await store.channelPeople(deps.prisma, group.id, dateOnly(today(deps)));
  const invite = people.length ? await inviteAll(client, channelId, people) : { invited: 0, failed: [] };
  return { group, channelId, previous: group.channelId, created: parsed.target.kind === 'create', invited: invite.invited, notInvited: invite.failed };
}

/** The app must be in the channel to invite people: it joins public channels itself; private ones must invite it. */
async function joinChannel(client: WebClient, channelId: string): Promise<void> {
  let info: { is_private?: boolean; is_archived?: boolean; is_member?: boolean } | undefined;
  try {
    info = (await client.conversations.info({ channel: channelId })).channel;
  } catch (error) {
    const reason = slackError(error);
    if (reason === 'channel_not_found') throw new UserError(`I can't see ${mentionChannel(channelId)}. If it is private, invite me first (\`/invite @Convene\` in the channel), then try again.`);
    throw error;
  }
  if (info?.is_archived) throw new UserError(`${mentionChannel(channelId)} is archived; choose another channel, or \`create\` a new one.`);
  if (info?.is_member) return;
  if (info?.is_private) throw new UserError(`${mentionChannel(channelId)} is private, so I can't join it myself: invite me (\`/invite @Convene\` in the channel), then try again.`);
  await client.conversations.join({ channel: channelId });
}

// ---------------------------------------------------------------------------
// Editing a group (staff)

export async function prepareEdit(deps: ConvenerDeps, actor: string, ref: GroupRef): Promise<Group> {
  await requireRole(deps.prisma, actor, 'STAFF', "edit a group's description, liaison and level");
  return 'id' in ref ? activeGroup(deps, ref.id) : resolveGroup(deps.prisma, ref);
}

const EditForm = z.object({
  description: z
    .string({ error: "Describe the group's purpose." })
    .trim()
    .min(10, "Describe the group's purpose in at least 10 characters.")
    .max(2000, 'Keep the description under 2,000 characters.'),
  liaison: z.string().trim().max(200, 'Keep the staff liaison under 200 characters (a name, or a name and an email).').optional(),
  liaisonUser: z.string().regex(/^[UW][A-Z0-9]+$/, 'Choose a person from the list.').optional(),
  level: z.enum(['DIVISION', 'SECTION', 'NONE'], { error: 'Choose a level.' }),
});

export type EditField = 'description' | 'staffLiaison' | 'staffLiaisonUserId' | 'level';

export async function saveEdit(deps: ConvenerDeps, actor: string, groupId: number, values: Record<string, unknown>) {
  await requireRole(deps.prisma, actor, 'STAFF', "edit a group's description, liaison and level");
  const parsed = EditForm.safeParse(values);
  if (!parsed.success) throw zodFieldErrors(parsed.error);
  const group = await activeGroup(deps, groupId);
  const next = {
    description: parsed.data.description,
    staffLiaison: parsed.data.liaison || null,
    staffLiaisonUserId: parsed.data.liaisonUser ?? null,
    level: parsed.data.level === 'NONE' ? null : (parsed.data.level as GroupLevel),
  };
  const problem = levelProblem(group.kind, next.level);
  if (problem) throw new FieldErrors({ level: problem });
  const changed = (Object.keys(next) as EditField[]).filter((k) => group[k] !== next[k]);
  if (changed.length === 0) return { group, changed };
  const updated = await deps.prisma.$transaction(async (tx) => {
    const row = await store.updateSettings(tx, group.id, next);
    const changes = Object.fromEntries(changed.map((k) => [k, { from: group[k], to: next[k] }]));
    await audit(tx, { actor, action: 'group.edited', subjectType: 'group', subjectId: group.id, details: changes });
    return row;
  });
  return { group: updated, changed };
}
