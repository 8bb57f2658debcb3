// Shared set-up for tests that drive the deadline engine: an engine on the harness database and the fake
// Slack, a sleep that records instead of waiting, groups with conveners, fixed rules.
import { createDeliveryClient } from '../../src/features/reminders/delivery.js';
import { createEngine, type Engine } from '../../src/features/reminders/engine.js';
import { allRules, allTransitions } from '../../src/features/reminders/registry.js';
import { inWindow } from '../../src/features/reminders/rules.js';
import type { Occurrence, ReminderRule, Transition } from '../../src/features/reminders/types.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import type { Harness } from '../support/harness.js';
import { capturingLogger } from '../support/logger.js';

export const ZONE = 'America/Chicago';

export function recordingSleep() {
  const calls: number[] = [];
  return { calls, sleep: async (ms: number) => void calls.push(ms) };
}

export function makeEngine(
  h: Harness,
  opts: { rules?: ReminderRule[]; transitions?: Transition[]; instanceId?: string; sleep?: (ms: number) => Promise<void>; prisma?: PrismaClient } = {},
): Engine {
  return createEngine({
    prisma: opts.prisma ?? h.prisma,
    client: createDeliveryClient(h.config.slack),
    rules: opts.rules ?? allRules(),
    transitions: opts.transitions ?? allTransitions(),
    zone: h.config.orgTimezone,
    clock: h.clock.now,
    instanceId: opts.instanceId ?? 'test-engine',
    logger: capturingLogger(),
    sleep: opts.sleep ?? recordingSleep().sleep,
  });
}

export interface GroupSpec {
  name: string;
  kind?: 'CORE_IG' | 'PLA_IG' | 'MIG';
  channelId?: string;
  status?: 'ACTIVE' | 'DISSOLVED';
  conveners?: { slackUserId?: string; email?: string }[];
  /** Term of every convener (default: July 2026 to June 2027). */
  term?: [string, string];
}

export async function addGroup(prisma: PrismaClient, g: GroupSpec): Promise<number> {
  const key = g.name.toLowerCase().replace(/[^a-z0-9]/g, '');
  const [startsOn, endsOn] = g.term ?? ['2026-07-01', '2027-06-30'];
  const group = await prisma.group.create({
    data: {
      name: g.name,
      key,
      kind: g.kind ?? 'CORE_IG',
      eligibility: 'ANYONE',
      status: g.status ?? 'ACTIVE',
      channelId: g.channelId ?? null,
      createdAt: new Date('2026-01-01T00:00:00Z'),
      conveners: {
        create: (g.conveners ?? []).map((c) => ({ ...c, startsOn: new Date(`${startsOn}T00:00:00Z`), endsOn: new Date(`${endsOn}T00:00:00Z`) })),
      },
    },
  });
  return group.id;
}

/** The DM channel id the fake gives a user. */
export const dm = (userId: string) => `D${userId.slice(1)}`;

/** A rule over a fixed (mutable) list of occurrences. */
export function fixedRule(id: string, occurrences: Occurrence[], latenessMs: number): ReminderRule & { list: Occurrence[] } {
  return {
    id,
    description: `test rule ${id}`,
    latenessMs,
    list: occurrences,
    async occurrences(_ctx, window) {
      return this.list.filter((o) => inWindow(o.dueAt, window));
    },
  };
}

export function note(subject: string, dueAt: string, audience: Occurrence['audience'], text = `nudge ${subject}`): Occurrence {
  return { subject, dueAt: new Date(dueAt), audience, label: `Label ${subject}`, message: { text } };
}
