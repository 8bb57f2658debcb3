// Pure rules of a group's settings: reading `/ig channel` and which levels a kind may have.
import type { GroupKind, GroupLevel } from '../../generated/prisma/enums.js';
import { parseChannelMention } from '../../lib/slack/text.js';

export type ChannelTarget = { kind: 'link'; channelId: string } | { kind: 'create' };

export const CHANNEL_USAGE = '`/ig channel <group> #channel` links an existing channel; `/ig channel <group> create` creates one named after the group.';

/** "data and measurement <#C123|dm>" or "data and measurement create": the group and what to do. */
export function parseChannelArgs(args: string): { query: string; target: ChannelTarget } | undefined {
  const words = args.trim().split(/\s+/).filter(Boolean);
  const last = words.at(-1);
  if (!last || words.length < 2) return undefined;
  const query = words.slice(0, -1).join(' ');
  if (last.toLowerCase() === 'create') return { query, target: { kind: 'create' } };
  const channelId = parseChannelMention(last);
  return channelId ? { query, target: { kind: 'link', channelId } } : undefined;
}

export const LEVEL_CHOICES: { value: GroupLevel | 'NONE'; text: string }[] = [
  { value: 'DIVISION', text: 'Division' },
  { value: 'SECTION', text: 'Section' },
  { value: 'NONE', text: 'No level' },
];

/** Interest groups are formed at the division or the section level; membership initiative groups have no level. */
export function levelProblem(kind: GroupKind, level: GroupLevel | null): string | undefined {
  if (kind === 'MIG' && level) return 'Membership initiative groups have no level; choose "No level".';
  return undefined;
}
