// Shared set-up for the IG Week tests: Core groups with conveners, and Slack round trips.
import { expect } from 'vitest';
import { groupKey } from '../../src/features/directory/rules.js';
import { type Harness, textOf } from '../support/harness.js';

export type Answer = Record<string, unknown> & { text: string; blocks?: Record<string, unknown>[] };

export const TERM = { startsOn: new Date('2026-07-01'), endsOn: new Date('2027-06-30') };

/** An active Core interest group; its convener (if any) holds a current term and is a known Slack user. */
export async function coreGroup(h: Harness, name: string, convener?: string, opts: { channelId?: string; byEmail?: boolean } = {}) {
  const group = await h.prisma.group.create({ data: { name, key: groupKey(name), kind: 'CORE_IG', eligibility: 'ANYONE', channelId: opts.channelId ?? null } });
  if (convener) await addConvener(h, group.id, convener, opts);
  return group;
}

export async function addConvener(h: Harness, groupId: number, convener: string, opts: { byEmail?: boolean } = {}) {
  const email = `${convener.toLowerCase()}@example.org`;
  h.fake.addUser({ id: convener, email, name: convener.toLowerCase() });
  await h.prisma.person.upsert({ where: { slackUserId: convener }, create: { slackUserId: convener, email }, update: { email } });
  await h.prisma.convenerTerm.create({ data: { groupId, ...(opts.byEmail ? { email } : { slackUserId: convener }), ...TERM } });
}

/** `/igweek <text>` and its ephemeral answer. */
export async function igweek(h: Harness, user: string, text = ''): Promise<Answer> {
  const responseUrl = h.fake.responseUrl();
  const ack = await h.driver.command(user, '/igweek', text, { responseUrl });
  expect(ack.status).toBe(200);
  const reply = await h.fake.waitFor('response_url', (c) => c.url === responseUrl);
  expect(reply.response?.ok, JSON.stringify(reply.response)).toBe(true);
  return { ...reply.args, text: textOf(reply.args) } as Answer;
}

/** A button click (or an overflow choice) answered on its response_url. */
export async function click(h: Harness, user: string, actionId: string, value: string, opts: { overflow?: boolean; timeoutMs?: number } = {}): Promise<Answer> {
  const responseUrl = h.fake.responseUrl();
  const action = opts.overflow ? { action_id: actionId, type: 'overflow', selected_option: { value } } : { action_id: actionId, value, type: 'button' };
  const ack = await h.driver.blockAction(user, action, { channelId: 'C0GENERAL', responseUrl });
  expect(ack.status).toBe(200);
  const reply = await h.fake.waitFor('response_url', (c) => c.url === responseUrl, opts.timeoutMs);
  // An answer Slack refused (invalid blocks) never reaches the person: a test must not read it.
  expect(reply.response?.ok, JSON.stringify(reply.response)).toBe(true);
  return { ...reply.args, text: textOf(reply.args) } as Answer;
}

/** An overflow choice (or button) that opens a modal: resolves with the view the app opened. */
export async function openModal(h: Harness, user: string, actionId: string, value: string, overflow = true): Promise<Record<string, unknown>> {
  const before = h.fake.callsTo('views.open').length;
  const action = overflow ? { action_id: actionId, type: 'overflow', selected_option: { value } } : { action_id: actionId, value, type: 'button' };
  await h.driver.blockAction(user, action, { channelId: 'C0GENERAL', responseUrl: h.fake.responseUrl() });
  const call = await h.fake.waitFor('views.open', () => h.fake.callsTo('views.open').length > before);
  expect(call.response?.ok, JSON.stringify(call.response)).toBe(true);
  return call.args.view as Record<string, unknown>;
}

export function unix(iso: string): number {
  return Date.parse(iso) / 1000;
}

/** Labels of a view's input blocks, in order. */
export function inputLabels(view: Record<string, unknown>): string[] {
  return (view.blocks as { type: string; label?: { text: string } }[]).filter((b) => b.type === 'input').map((b) => b.label!.text);
}

export async function slotsOf(h: Harness, year: number) {
  return h.prisma.igWeekSlot.findMany({ where: { year }, orderBy: { startsAt: 'asc' } });
}
