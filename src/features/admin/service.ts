// Roles (staff and the approving committees) and the app's channels.
import type { WebClient } from '@slack/web-api';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { Role } from '../../generated/prisma/enums.js';
import { audit } from '../../db/audit.js';
import { UserError } from '../../lib/slack/errors.js';
import { parseChannelMention, parseUserMention } from '../../lib/slack/text.js';
import {
  APP_CHANNELS,
  type AppChannel,
  channelSettingKey,
  parseAppChannel,
  parseRole,
  ROLE_CHOICES,
  ROLE_LABELS,
  satisfies,
} from './rules.js';
import * as store from './store.js';
import type { Tx } from '../../db/audit.js';
import type { GroupKind } from '../../generated/prisma/enums.js';
import { DEFAULT_LIFECYCLE_KINDS, GROUP_KINDS, KIND_WORDS } from '../directory/kinds.js';

const LIFECYCLE_KEY = 'lifecycle.kinds';

/** The kinds that renew a charter and dissolve (setting `lifecycle.kinds`, else the seeds' rule). */
export async function lifecycleKinds(db: Tx): Promise<GroupKind[]> {
  const value = await store.getSetting(db, LIFECYCLE_KEY);
  if (value === undefined) return [...DEFAULT_LIFECYCLE_KINDS];
  return value.split(',').filter((k): k is GroupKind => k in GROUP_KINDS);
}

/** `/ig admin lifecycle [core-ig pla-ig mig | default]`: shows, or sets, which kinds renew and dissolve. */
export async function setLifecycleKinds(prisma: PrismaClient, actor: string, args: string): Promise<{ kinds: GroupKind[]; changed: boolean }> {
  await requireRole(prisma, actor, 'STAFF', 'choose which kinds renew and dissolve');
  const words = args.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { kinds: await lifecycleKinds(prisma), changed: false };
  const usage = `Usage: \`/ig admin lifecycle ${Object.keys(KIND_WORDS).join(' ')}\` (any of them), or \`default\` for the seeds' rule.`;
  const isDefault = words.length === 1 && words[0] === 'default';
  const unknown = words.filter((w) => !(w in KIND_WORDS));
  if (!isDefault && unknown.length) throw new UserError(`${usage} — "${unknown[0]}" is not a kind.`);
  const kinds = isDefault ? [...DEFAULT_LIFECYCLE_KINDS] : (Object.keys(GROUP_KINDS) as GroupKind[]).filter((k) => words.some((w) => KIND_WORDS[w] === k));
  await prisma.$transaction(async (tx) => {
    if (isDefault) await store.deleteSetting(tx, LIFECYCLE_KEY);
    else await store.setSetting(tx, LIFECYCLE_KEY, kinds.join(','), actor);
    await audit(tx, { actor, action: isDefault ? 'setting.lifecycle.cleared' : 'setting.lifecycle.set', subjectType: 'setting', subjectId: LIFECYCLE_KEY, details: { kinds } });
  });
  return { kinds, changed: true };
}

export async function hasRole(prisma: PrismaClient, userId: string, role: Role): Promise<boolean> {
  return satisfies(await store.rolesOf(prisma, userId), role);
}

export async function isStaff(prisma: PrismaClient, userId: string): Promise<boolean> {
  return hasRole(prisma, userId, 'STAFF');
}

/** Throws a UserError saying who may do this when the user lacks the role. */
export async function requireRole(prisma: PrismaClient, userId: string, role: Role, doing: string): Promise<void> {
  if (!(await hasRole(prisma, userId, role))) {
    const who = role === 'STAFF' ? 'staff' : `the ${ROLE_LABELS[role]} (or staff)`;
    throw new UserError(`Only ${who} can ${doing}.`);
  }
}

/** ADMIN_USER_IDS start as staff: granted at start-up when they don't hold it yet. */
export async function bootstrapAdmins(prisma: PrismaClient, ids: string[]): Promise<string[]> {
  const granted: string[] = [];
  for (const id of ids) {
    await prisma.$transaction(async (tx) => {
      await store.ensurePerson(tx, id);
      if (await store.grant(tx, id, 'STAFF', 'config')) {
        await audit(tx, { actor: 'system', action: 'role.granted', subjectType: 'person', subjectId: id, details: { role: 'STAFF', source: 'ADMIN_USER_IDS' } });
        granted.push(id);
      }
    });
  }
  return granted;
}

export interface GrantResult {
  role: Role;
  changed: string[];
  unchanged: string[];
}

function parseRoleAndUsers(args: string, verb: 'grant' | 'revoke'): { role: Role; users: string[] } {
  const [roleText = '', ...rest] = args.split(/\s+/).filter(Boolean);
  const role = parseRole(roleText);
  if (!role) throw new UserError(`Usage: \`/ig admin ${verb} ${ROLE_CHOICES} @person\` — "${roleText || '(nothing)'}" is not a role.`);
  const users = rest.map(parseUserMention);
  if (users.length === 0 || users.some((u) => !u)) {
    throw new UserError(`Usage: \`/ig admin ${verb} ${roleText.toLowerCase()} @person [@person…]\` — mention each person with @.`);
  }
  return { role, users: users as string[] };
}

export async function grantRole(prisma: PrismaClient, actor: string, args: string): Promise<GrantResult> {
  await requireRole(prisma, actor, 'STAFF', 'grant roles');
  const { role, users } = parseRoleAndUsers(args, 'grant');
  return prisma.$transaction(async (tx) => {
    const result: GrantResult = { role, changed: [], unchanged: [] };
    for (const user of users) {
      await store.ensurePerson(tx, user);
      if (await store.grant(tx, user, role, actor)) {
        await audit(tx, { actor, action: 'role.granted', subjectType: 'person', subjectId: user, details: { role } });
        result.changed.push(user);
      } else result.unchanged.push(user);
    }
    return result;
  });
}

export async function revokeRole(prisma: PrismaClient, actor: string, args: string): Promise<GrantResult> {
  await requireRole(prisma, actor, 'STAFF', 'revoke roles');
  const { role, users } = parseRoleAndUsers(args, 'revoke');
  return prisma.$transaction(async (tx) => {
    if (role === 'STAFF') {
      const staff = (await store.holdersOf(tx, 'STAFF')).map((g) => g.slackUserId);
      if (staff.every((id) => users.includes(id))) throw new UserError('That would leave Convene with no staff at all; grant someone else staff first.');
    }
    const result: GrantResult = { role, changed: [], unchanged: [] };
    for (const user of users) {
      if (await store.revoke(tx, user, role)) {
        await audit(tx, { actor, action: 'role.revoked', subjectType: 'person', subjectId: user, details: { role } });
        result.changed.push(user);
      } else result.unchanged.push(user);
    }
    return result;
  });
}

/** The channel staff chose for a purpose, if any. */
export async function appChannel(prisma: PrismaClient, which: AppChannel): Promise<string | undefined> {
  return store.getSetting(prisma, channelSettingKey(which));
}

export async function setAppChannel(
  prisma: PrismaClient,
  actor: string,
  args: string,
): Promise<{ which: AppChannel; channelId: string | null }> {
  await requireRole(prisma, actor, 'STAFF', 'choose the app channels');
  const [whichText = '', target = ''] = args.split(/\s+/).filter(Boolean);
  const which = parseAppChannel(whichText);
  if (!which) throw new UserError(`Usage: \`/ig admin channel ${APP_CHANNELS.join('|')} #channel\` (or \`none\` to clear).`);
  const channelId = target.toLowerCase() === 'none' ? null : parseChannelMention(target);
  if (channelId === undefined) throw new UserError(`Name the channel with #, e.g. \`/ig admin channel ${which} #ig-${which}\`, or \`none\` to clear it.`);
  await prisma.$transaction(async (tx) => {
    if (channelId) await store.setSetting(tx, channelSettingKey(which), channelId, actor);
    else await store.deleteSetting(tx, channelSettingKey(which));
    await audit(tx, { actor, action: channelId ? 'setting.channel.set' : 'setting.channel.cleared', subjectType: 'setting', subjectId: channelSettingKey(which), details: { channelId } });
  });
  return { which, channelId };
}

export async function overview(prisma: PrismaClient) {
  const [grants, settings] = await Promise.all([store.allGrants(prisma), store.allSettings(prisma)]);
  const channels = Object.fromEntries(APP_CHANNELS.map((c) => [c, settings.find((s) => s.key === channelSettingKey(c))?.value]));
  return { grants, channels: channels as Record<AppChannel, string | undefined> };
}

/** Where a committee's work goes: each holder of the role by DM; with none, the staff channel (or each staff member). */
export async function roleRecipients(prisma: PrismaClient, role: Role): Promise<{ channels: string[]; committeeEmpty: boolean }> {
  const members = (await store.holdersOf(prisma, role)).map((g) => g.slackUserId);
  if (members.length) return { channels: members, committeeEmpty: false };
  const staffChannel = await appChannel(prisma, 'staff');
  return { channels: staffChannel ? [staffChannel] : (await store.holdersOf(prisma, 'STAFF')).map((g) => g.slackUserId), committeeEmpty: true };
}

/** Posts one message to each channel or user; failures are logged, never thrown. */
export async function postEach(client: WebClient, channels: string[], message: { text: string; blocks?: unknown[] }, log: { error(...m: unknown[]): void }): Promise<void> {
  for (const channel of channels) await client.chat.postMessage({ channel, ...message } as never).catch((e: unknown) => log.error(e));
}
