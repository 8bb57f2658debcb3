// Set-up and Slack helpers shared by the conveners, elections and reports tests.
import { expect } from 'vitest';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { importMembers } from '../../src/features/roster/service.js';
import type { Occurrence, ReminderRule } from '../../src/features/reminders/types.js';
import { type Harness, textOf } from '../support/harness.js';
import type { ViewValues } from '../support/slack-driver.js';

export type Answer = Record<string, unknown> & { text: string };

/** A slash command; returns the ephemeral answer sent to its response_url. */
export async function slash(h: Harness, user: string, command: string, text: string): Promise<Answer> {
  const before = h.fake.callsTo('response_url').length;
  expect((await h.driver.command(user, command, text)).status).toBe(200);
  const reply = await h.fake.waitFor('response_url', () => h.fake.callsTo('response_url').length > before);
  return { ...reply.args, text: textOf(reply.args) };
}

/** A slash command that should open a modal; returns the view opened. */
export async function slashModal(h: Harness, user: string, command: string, text: string): Promise<Record<string, unknown>> {
  const before = h.fake.callsTo('views.open').length;
  expect((await h.driver.command(user, command, text)).status).toBe(200);
  const call = await h.fake.waitFor('views.open', () => h.fake.callsTo('views.open').length > before);
  expect(call.response?.ok, JSON.stringify(call.response)).toBe(true);
  return call.args.view as Record<string, unknown>;
}

/** Clicks a button (found in the app's latest message carrying it, or given a channel); returns the view it opened. */
export async function clickModal(h: Harness, user: string, actionId: string, value: string, channelId?: string): Promise<Record<string, unknown>> {
  const before = h.fake.callsTo('views.open').length;
  expect((await h.driver.blockAction(user, { action_id: actionId, value }, channelId ? { channelId } : {})).status).toBe(200);
  const call = await h.fake.waitFor('views.open', () => h.fake.callsTo('views.open').length > before);
  expect(call.response?.ok, JSON.stringify(call.response)).toBe(true);
  return call.args.view as Record<string, unknown>;
}

/** Clicks a button whose answer is an ephemeral reply (response_url). */
export async function clickReply(h: Harness, user: string, actionId: string, value: string, channelId?: string): Promise<Answer> {
  const before = h.fake.callsTo('response_url').length;
  expect((await h.driver.blockAction(user, { action_id: actionId, value }, channelId ? { channelId } : {})).status).toBe(200);
  const reply = await h.fake.waitFor('response_url', () => h.fake.callsTo('response_url').length > before);
  return { ...reply.args, text: textOf(reply.args) };
}

export interface SubmitAnswer {
  errors?: Record<string, string>;
  view?: Record<string, unknown>;
  text: string;
  raw: unknown;
}

/** Submits a modal; returns the ack: field errors, or the view it turned into. */
export async function submit(h: Harness, user: string, callbackId: string, values: ViewValues, privateMetadata?: string): Promise<SubmitAnswer> {
  const ack = await h.driver.viewSubmission(user, { callback_id: callbackId, values, ...(privateMetadata !== undefined ? { private_metadata: privateMetadata } : {}) });
  expect(ack.status).toBe(200);
  expect(ack.ackErrors).toEqual([]);
  const body = (typeof ack.body === 'object' && ack.body ? ack.body : {}) as { response_action?: string; errors?: Record<string, string>; view?: Record<string, unknown> };
  return { errors: body.errors, view: body.view, text: body.view ? textOf(body.view) : '', raw: ack.body };
}

// View state values, as Slack sends them.
export const v = {
  text: (value: string) => ({ a: { type: 'plain_text_input', value } }),
  user: (id: string) => ({ a: { type: 'users_select', selected_user: id } }),
  users: (ids: string[]) => ({ a: { type: 'multi_users_select', selected_users: ids } }),
  date: (d: string) => ({ a: { type: 'datepicker', selected_date: d } }),
  select: (value: string) => ({ a: { type: 'static_select', selected_option: { value } } }),
  radio: (value: string) => ({ a: { type: 'radio_buttons', selected_option: { value } } }),
  checks: (values: string[]) => ({ a: { type: 'checkboxes', selected_options: values.map((value) => ({ value })) } }),
  url: (value: string) => ({ a: { type: 'url_text_input', value } }),
};

/** Input blocks of a view: block_id → label text. */
export function labels(view: Record<string, unknown>): Record<string, string> {
  const blocks = view.blocks as { type: string; block_id?: string; label?: { text: string } }[];
  return Object.fromEntries(blocks.filter((b) => b.type === 'input').map((b) => [b.block_id!, b.label!.text]));
}

export function inputElement(view: Record<string, unknown>, blockId: string): Record<string, unknown> {
  const blocks = view.blocks as { block_id?: string; element?: Record<string, unknown> }[];
  const block = blocks.find((b) => b.block_id === blockId);
  if (!block?.element) throw new Error(`no input ${blockId} in ${JSON.stringify(view.blocks)}`);
  return block.element;
}

export interface Person {
  id: string;
  email: string;
  /** Roster memberships, e.g. "Core;ALA"; undefined: not on the roster. */
  memberships?: string;
  standing?: 'good' | 'lapsed';
}

export async function addPeople(h: Harness, people: Person[]): Promise<void> {
  for (const p of people) h.fake.addUser({ id: p.id, email: p.email, name: p.id.toLowerCase() });
  const rows = people.filter((p) => p.memberships !== undefined).map((p) => `${p.email},${p.id},${p.memberships},${p.standing ?? 'good'}`);
  await importMembers(h.prisma, ['email,name,memberships,standing', ...rows].join('\n'), 'test');
}

export async function addGroup(
  prisma: PrismaClient,
  g: { name: string; channelId?: string; kind?: 'CORE_IG' | 'PLA_IG' | 'MIG'; members?: string[]; terms?: { slackUserId?: string; email?: string; year: number }[] },
): Promise<number> {
  const group = await prisma.group.create({
    data: {
      name: g.name,
      key: g.name.toLowerCase().replace(/[^a-z0-9]/g, ''),
      kind: g.kind ?? 'CORE_IG',
      eligibility: 'ANYONE',
      channelId: g.channelId ?? null,
      createdAt: new Date('2026-01-01T00:00:00Z'),
      members: { create: (g.members ?? []).map((slackUserId) => ({ person: { connectOrCreate: { where: { slackUserId }, create: { slackUserId } } } })) },
      conveners: {
        create: (g.terms ?? []).map((t) => ({
          slackUserId: t.slackUserId ?? null,
          email: t.email ?? null,
          startsOn: new Date(`${t.year}-07-01T00:00:00Z`),
          endsOn: new Date(`${t.year + 1}-06-30T00:00:00Z`),
        })),
      },
    },
  });
  return group.id;
}

/** A rule's occurrences in a window, as the engine would ask for them. */
export function occurrences(h: Harness, rule: ReminderRule, from: string, to: string): Promise<Occurrence[]> {
  return rule.occurrences({ prisma: h.prisma, zone: h.config.orgTimezone }, { from: new Date(from), to: new Date(to) });
}

export function messageText(o: Occurrence): string {
  return textOf(o.message as unknown as Record<string, unknown>);
}
