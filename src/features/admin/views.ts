import type { GroupKind, Role } from '../../generated/prisma/enums.js';
import { kindsWithText } from '../directory/kinds.js';
import { type Block, type Reply, context, divider, header, section } from '../../lib/slack/blocks.js';
import { mentionChannel, mentionUser } from '../../lib/slack/text.js';
import { APP_CHANNELS, type AppChannel, CHANNEL_PURPOSES, ROLE_LABELS, roleName } from './rules.js';

export interface AdminSubcommandHelp {
  usage: string;
  summary: string;
}

export function overviewReply(
  data: { grants: { slackUserId: string; role: Role }[]; channels: Record<AppChannel, string | undefined> },
  commands: AdminSubcommandHelp[],
): Reply {
  const roles: Role[] = ['STAFF', 'IGCC', 'COO'];
  const roleLines = roles.map((role) => {
    const holders = data.grants.filter((g) => g.role === role).map((g) => mentionUser(g.slackUserId));
    return `*${ROLE_LABELS[role]}* (\`${roleName(role)}\`): ${holders.length ? holders.join(', ') : '_nobody yet_'}`;
  });
  const channelLines = APP_CHANNELS.map((c) => {
    const id = data.channels[c];
    return `*${c}*: ${id ? mentionChannel(id) : '_not set_'} — ${CHANNEL_PURPOSES[c]}`;
  });
  const blocks: Block[] = [
    header('Convene administration'),
    section(roleLines.join('\n')),
    divider(),
    section(`*Channels*\n${channelLines.join('\n')}`),
    divider(),
    section(commands.map((c) => `\`/ig admin ${c.usage}\` — ${c.summary}`).join('\n')),
    context('Every change here is written to the audit log.'),
  ];
  return { text: 'Convene administration', blocks };
}

export function roleChangeReply(verb: 'granted' | 'revoked', role: Role, changed: string[], unchanged: string[]): Reply {
  const parts: string[] = [];
  if (changed.length) parts.push(`:white_check_mark: ${ROLE_LABELS[role]} ${verb}: ${changed.map(mentionUser).join(', ')}.`);
  if (unchanged.length) {
    const state = verb === 'granted' ? 'already had it' : "didn't have it";
    parts.push(`${unchanged.map(mentionUser).join(', ')} ${state}; nothing changed for them.`);
  }
  return { text: parts.join('\n') };
}

export function channelSetReply(which: AppChannel, channelId: string | null): Reply {
  if (!channelId) return { text: `The *${which}* channel is cleared.` };
  return {
    text: `:white_check_mark: The *${which}* channel is now ${mentionChannel(channelId)} (${CHANNEL_PURPOSES[which]}). Invite the app there with \`/invite @Convene\` if it isn't a member yet.`,
  };
}

export function lifecycleReply(kinds: GroupKind[], changed: boolean): Reply {
  const rule = kinds.length ? `${kindsWithText(kinds)} renew their charter every three years and dissolve after three years without an approved charter or activity.` : 'No groups renew a charter or dissolve.';
  return { text: changed ? `:white_check_mark: ${rule}` : `${rule} Change it with \`/ig admin lifecycle core-ig pla-ig mig\` (any of them) or \`default\`.` };
}
