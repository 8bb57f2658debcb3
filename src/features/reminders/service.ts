// Staff use cases: see what the engine will send, pause and resume rules.
import type { PrismaClient } from '../../generated/prisma/client.js';
import { audit } from '../../db/audit.js';
import { UserError } from '../../lib/slack/errors.js';
import { escapeMrkdwn } from '../../lib/slack/text.js';
import { APP_CHANNELS, type AppChannel } from '../admin/rules.js';
import { appChannel, requireRole } from '../admin/service.js';
import { planUpcoming } from './engine.js';
import { DAY } from './rules.js';
import * as store from './store.js';
import type { Audience, ReminderRule } from './types.js';
import type { AudienceNames, RemindersOverview } from './views.js';

export const UPCOMING_DAYS = 30;

export function findRule(rules: ReminderRule[], id: string): ReminderRule | undefined {
  return rules.find((r) => r.id === id.trim());
}

function requireRule(rules: ReminderRule[], id: string, verb: string): ReminderRule {
  const rule = findRule(rules, id);
  if (rule) return rule;
  const known = rules.map((r) => `\`${r.id}\``).join(', ');
  if (!id.trim()) throw new UserError(`Usage: \`/ig admin reminders ${verb} <rule>\`. Rules: ${known}.`);
  throw new UserError(`There is no reminder rule \`${escapeMrkdwn(id.trim())}\`. Rules: ${known}.`);
}

/** Group names and app channels, so staff can read each audience. */
export async function audienceNames(prisma: PrismaClient, audiences: Audience[]): Promise<AudienceNames> {
  const ids = [...new Set(audiences.flatMap((a) => (a.kind === 'groupChannel' || a.kind === 'groupConveners' ? [a.groupId] : [])))];
  const groups = new Map((await store.groupsByIds(prisma, ids)).map((g) => [g.id, g.name]));
  const channels: Partial<Record<AppChannel, string>> = {};
  for (const which of APP_CHANNELS) channels[which] = await appChannel(prisma, which);
  return { groups, channels };
}

export async function overview(prisma: PrismaClient, rules: ReminderRule[], zone: string, now: Date): Promise<RemindersOverview> {
  const upcoming = await planUpcoming(prisma, rules, zone, now, UPCOMING_DAYS);
  const states = new Map((await store.ruleStates(prisma)).map((s) => [s.ruleId, s]));
  const problems = await store.recentProblems(prisma, new Date(now.getTime() - UPCOMING_DAYS * DAY), 10);
  return {
    days: UPCOMING_DAYS,
    upcoming,
    rules: rules.map((r) => {
      const s = states.get(r.id);
      return { id: r.id, description: r.description, paused: s?.paused ?? false, changedBy: s?.changedBy ?? null, changedAt: s?.changedAt ?? null };
    }),
    problems: problems.map((p) => ({
      ruleId: p.occurrence.ruleId,
      label: p.occurrence.label || p.occurrence.subject,
      recipient: p.recipient,
      status: p.status,
      lastError: p.lastError,
      attempts: p.attempts,
    })),
    names: await audienceNames(prisma, upcoming.map((u) => u.audience)),
    zone,
  };
}

/** Pauses or resumes a rule (staff only, audited). `changed` is false when it was already so. */
export async function setRulePaused(
  prisma: PrismaClient,
  actor: string,
  rules: ReminderRule[],
  ruleText: string,
  paused: boolean,
  now: Date,
): Promise<{ ruleId: string; changed: boolean }> {
  await requireRole(prisma, actor, 'STAFF', `${paused ? 'pause' : 'resume'} reminder rules`);
  const rule = requireRule(rules, ruleText, paused ? 'pause' : 'resume');
  return prisma.$transaction(async (tx) => {
    const current = await store.ruleState(tx, rule.id);
    if ((current?.paused ?? false) === paused) return { ruleId: rule.id, changed: false };
    await store.setPaused(tx, rule.id, paused, actor, now);
    await audit(tx, { actor, action: paused ? 'reminders.rule.paused' : 'reminders.rule.resumed', subjectType: 'reminderRule', subjectId: rule.id });
    return { ruleId: rule.id, changed: true };
  });
}
