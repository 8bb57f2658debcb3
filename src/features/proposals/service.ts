// Proposals: staff open calls (dates per committee and venue), conveners submit, the committee
// that owns the call (or staff) accepts, declines or asks for changes with a reason, and the
// convener revises and resubmits. Accepted proposals count as the group's activity.
import { z } from 'zod';
import type { Group } from '../../generated/prisma/client.js';
import { audit } from '../../db/audit.js';
import { FieldErrors, UserError, zodFieldErrors } from '../../lib/slack/errors.js';
import { escapeMrkdwn } from '../../lib/slack/text.js';
import { formatDate } from '../../lib/time.js';
import { ROLE_LABELS } from '../admin/rules.js';
import { postEach, requireRole, roleRecipients } from '../admin/service.js';
import { hasDuty, kindLabel, kindsWithText } from '../directory/kinds.js';
import { resolveGroup } from '../directory/service.js';
import { activeGroup, type ConvenerDeps, groupsToManage, requireConvenerOrStaff } from '../conveners/service.js';
import { CALLS, callRules, type CallState, callState, DECISION_STATUS, DECISIONS, type ReviewDecision } from './rules.js';
import * as store from './store.js';
import { recordActivity } from '../charters/store.js';

export type Deps = ConvenerDeps;
export type Proposal = NonNullable<Awaited<ReturnType<typeof store.byId>>>;

export interface CallView {
  key: string;
  label: string;
  dates?: store.CallDates;
  state: CallState;
}

export async function callViews(deps: Deps): Promise<CallView[]> {
  const dates = await store.calls(deps.prisma);
  return CALLS.map((c) => ({ key: c.key, label: c.label, dates: dates.get(c.key), state: callState(dates.get(c.key), deps.clock(), deps.zone) }));
}

function callText(c: CallView): string {
  if (c.state === 'unset') return `${c.label}: no call open`;
  if (c.state === 'not-yet') return `${c.label}: opens ${formatDate(c.dates!.opensOn)}`;
  if (c.state === 'closed') return `${c.label}: closed ${formatDate(c.dates!.closesOn)}`;
  return `${c.label}: open until ${formatDate(c.dates!.closesOn)}`;
}

// ---------------------------------------------------------------------------
// Conveners: submitting

async function proposingGroup(deps: Deps, groupId: number): Promise<Group> {
  const group = await activeGroup(deps, groupId);
  if (!hasDuty(group.kind, 'proposals')) throw new UserError(`*${escapeMrkdwn(group.name)}* is a ${kindLabel(group.kind)}; only ${kindsWithText('proposals')} submit proposals to Core's committees through Convene.`);
  return group;
}

export interface ProposeForm {
  group: Group;
  calls: CallView[];
}

export async function formFor(deps: Deps, userId: string, groupId: number): Promise<ProposeForm> {
  const group = await proposingGroup(deps, groupId);
  await requireConvenerOrStaff(deps, userId, group, 'submit proposals for it');
  const calls = await callViews(deps);
  if (!calls.some((c) => c.state === 'open')) throw new UserError(`No call for proposals is open at the moment:\n${calls.map((c) => `• ${callText(c)}`).join('\n')}`);
  return { group, calls: calls.filter((c) => c.state === 'open') };
}

/** `/ig propose [group]`: the form for the named (or only) group the user convenes. */
export async function entry(deps: Deps, userId: string, args: string): Promise<ProposeForm> {
  if (args.trim()) return formFor(deps, userId, (await resolveGroup(deps.prisma, { query: args })).id);
  const managed = await groupsToManage(deps, userId);
  const groups = managed.filter((g) => hasDuty(g.kind, 'proposals'));
  if (groups.length === 1) return formFor(deps, userId, groups[0]!.id);
  if (groups.length > 1) throw new UserError(`Which group? \`/ig propose <group>\`. You can propose for: ${groups.slice(0, 20).map((g) => `*${escapeMrkdwn(g.name)}*`).join(', ')}.`);
  if (managed.length > 0) await proposingGroup(deps, managed[0]!.id);
  throw new UserError("Proposals are submitted by a group's conveners, and you don't convene a group. `/ig conveners <group>` shows who does.");
}

const text = (label: string, max: number, required = true) =>
  required ? z.string({ error: `Give the ${label}.` }).trim().min(1, `Give the ${label}.`).max(max, `Keep the ${label} under ${max.toLocaleString('en-US')} characters.`) : z.string().trim().max(max, `Keep the ${label} under ${max.toLocaleString('en-US')} characters.`).default('');
const FieldsSchema = z.object({
  title: text('title', 200),
  description: text('description', 2900),
  format: text('format', 500),
  speakers: text('speakers', 1000),
  needs: text('needs', 1000, false),
});
const ProposeSchema = FieldsSchema.extend({ call: z.string({ error: 'Choose the call.' }).refine((k) => callRules(k) !== undefined, 'Choose the call.') });

export async function submit(deps: Deps, actor: string, groupId: number, values: Record<string, unknown>) {
  const parsed = ProposeSchema.safeParse(values);
  if (!parsed.success) throw zodFieldErrors(parsed.error);
  const group = await proposingGroup(deps, groupId);
  await requireConvenerOrStaff(deps, actor, group, 'submit proposals for it');
  const { call: key, ...fields } = parsed.data;
  const call = (await callViews(deps)).find((c) => c.key === key)!;
  if (call.state !== 'open') throw new FieldErrors({ call: `This call isn't taking proposals (${callText(call)}).` });
  const rules = callRules(key)!;
  const proposal = await deps.prisma.$transaction(async (tx) => {
    const p = await store.create(tx, { groupId: group.id, kind: rules.kind, callKey: key, by: actor, at: deps.clock(), fields });
    await audit(tx, { actor, action: 'proposal.submitted', subjectType: 'proposal', subjectId: p.id, details: { groupId: group.id, callKey: key, title: fields.title } });
    return p;
  });
  return { ...proposal, group };
}

export async function reviseForm(deps: Deps, userId: string, proposalId: number): Promise<Proposal> {
  const p = await find(deps, proposalId);
  await requireConvenerOrStaff(deps, userId, p.group, 'revise its proposals');
  if (p.status !== 'CHANGES_REQUESTED') throw new UserError(`*${escapeMrkdwn(p.title)}* isn't waiting for changes (it is ${statusWord(p.status)}).`);
  return p;
}

export async function resubmit(deps: Deps, actor: string, proposalId: number, values: Record<string, unknown>): Promise<Proposal> {
  const parsed = FieldsSchema.safeParse(values);
  if (!parsed.success) throw zodFieldErrors(parsed.error);
  const p = await reviseForm(deps, actor, proposalId);
  const done = await deps.prisma.$transaction(async (tx) => {
    if (!(await store.resubmit(tx, p.id, parsed.data, actor, deps.clock()))) return false;
    await audit(tx, { actor, action: 'proposal.resubmitted', subjectType: 'proposal', subjectId: p.id, details: { revision: p.revision + 1 } });
    return true;
  });
  if (!done) throw new UserError(`*${escapeMrkdwn(p.title)}* was resubmitted already.`);
  return (await store.byId(deps.prisma, p.id))!;
}

// ---------------------------------------------------------------------------
// Committees: reviewing

async function find(deps: Deps, id: number): Promise<Proposal> {
  const p = Number.isSafeInteger(id) ? await store.byId(deps.prisma, id) : null;
  if (!p) throw new UserError('That proposal no longer exists.');
  return p;
}

function statusWord(status: Proposal['status']): string {
  return { SUBMITTED: 'waiting for the committee', CHANGES_REQUESTED: 'waiting for changes', ACCEPTED: 'accepted', DECLINED: 'declined' }[status];
}

export function committeeOf(p: Pick<Proposal, 'callKey'>) {
  return callRules(p.callKey)!.committee;
}

async function reviewable(deps: Deps, actor: string, id: number): Promise<Proposal> {
  const p = await find(deps, id);
  await requireRole(deps.prisma, actor, committeeOf(p), 'decide this proposal');
  if (p.status !== 'SUBMITTED') throw new UserError(`*${escapeMrkdwn(p.title)}* is ${statusWord(p.status)}; there is nothing to decide.`);
  return p;
}

export function parseReview(value: string): { id: number; decision: ReviewDecision } {
  const [id, decision] = value.split(':');
  if (!(DECISIONS as readonly string[]).includes(decision ?? '')) throw new UserError('This button is out of date.');
  return { id: Number(id), decision: decision as ReviewDecision };
}

export async function reviewForm(deps: Deps, actor: string, value: string) {
  const { id, decision } = parseReview(value);
  return { proposal: await reviewable(deps, actor, id), decision };
}

const ReasonSchema = z.object({ reason: z.string({ error: 'Give the reason.' }).trim().min(1, 'Give the reason.').max(2000, 'Keep the reason under 2,000 characters.') });

export async function decide(deps: Deps, actor: string, id: number, decision: ReviewDecision, values: Record<string, unknown>) {
  const p = await reviewable(deps, actor, id);
  const parsed = ReasonSchema.safeParse(values);
  if (!parsed.success) throw zodFieldErrors(parsed.error);
  const at = deps.clock();
  const done = await deps.prisma.$transaction(async (tx) => {
    if (!(await store.decide(tx, p.id, DECISION_STATUS[decision], parsed.data.reason, actor, at))) return false;
    if (decision === 'accept') await recordActivity(tx, p.groupId, at);
    await audit(tx, { actor, action: `proposal.${decision === 'changes' ? 'changes_requested' : `${decision}ed`}`, subjectType: 'proposal', subjectId: p.id, details: { reason: parsed.data.reason, revision: p.revision } });
    return true;
  });
  if (!done) throw new UserError(`Someone decided *${escapeMrkdwn(p.title)}* first.`);
  return { proposal: (await store.byId(deps.prisma, p.id))!, decision };
}

/** Where a proposal goes for review: each committee member by DM; with no members, the staff channel (or each staff member). */
export function reviewers(deps: Deps, p: Pick<Proposal, 'callKey'>): Promise<{ channels: string[]; committeeEmpty: boolean }> {
  return roleRecipients(deps.prisma, committeeOf(p));
}

export const post = postEach;

export function committeeLabel(p: Pick<Proposal, 'callKey'>): string {
  return ROLE_LABELS[committeeOf(p)];
}

// ---------------------------------------------------------------------------
// Staff: the calls' dates

export async function settingsFor(deps: Deps, actor: string): Promise<CallView[]> {
  await requireRole(deps.prisma, actor, 'STAFF', 'set the calls for proposals');
  return callViews(deps);
}

const optionalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional();

export async function saveSettings(deps: Deps, actor: string, values: Record<string, unknown>): Promise<CallView[]> {
  await requireRole(deps.prisma, actor, 'STAFF', 'set the calls for proposals');
  const errors: Record<string, string> = {};
  const chosen: { key: string; dates: store.CallDates | null }[] = [];
  for (const c of CALLS) {
    const opens = optionalDate.safeParse(values[`${c.key}.opens`]).data;
    const closes = optionalDate.safeParse(values[`${c.key}.closes`]).data;
    if (!opens && !closes) chosen.push({ key: c.key, dates: null });
    else if (!opens) errors[`${c.key}.opens`] = 'Choose when the call opens (or clear both dates).';
    else if (!closes) errors[`${c.key}.closes`] = 'Choose when the call closes (or clear both dates).';
    else if (closes < opens) errors[`${c.key}.closes`] = 'The call closes before it opens.';
    else chosen.push({ key: c.key, dates: { opensOn: opens, closesOn: closes } });
  }
  if (Object.keys(errors).length) throw new FieldErrors(errors);
  await deps.prisma.$transaction(async (tx) => {
    for (const { key, dates } of chosen) {
      if (dates) await store.saveCall(tx, key, dates, actor);
      else await store.clearCall(tx, key);
    }
    await audit(tx, { actor, action: 'proposal.calls_set', subjectType: 'setting', subjectId: 'proposal.calls', details: Object.fromEntries(chosen.map((c) => [c.key, c.dates ? `${c.dates.opensOn}..${c.dates.closesOn}` : 'none'])) });
  });
  return callViews(deps);
}

export { callText };
