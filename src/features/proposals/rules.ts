// Proposals: the calls (which committee reviews what), when a call takes submissions and the
// decisions a committee can make. Pure; the instant and the zone are parameters.
import type { ProposalKind, Role } from '../../generated/prisma/enums.js';
import { endOfDay, zonedInstant } from '../../lib/time.js';
import type { OffsetPlan } from '../reminders/rules.js';

export interface CallRules {
  key: string;
  kind: ProposalKind;
  committee: Role;
  /** "Program at Annual" */
  label: string;
}

/** Program proposals go to the Core Programming Committee by venue; courses and webinars to Continuing Education. */
export const CALLS: readonly CallRules[] = [
  { key: 'program-annual', kind: 'PROGRAM', committee: 'PROGRAMMING', label: 'Program at the ALA Annual Conference' },
  { key: 'program-exchange', kind: 'PROGRAM', committee: 'PROGRAMMING', label: 'Program at Core Exchange' },
  { key: 'program-forum', kind: 'PROGRAM', committee: 'PROGRAMMING', label: 'Program at Core Forum' },
  { key: 'course', kind: 'COURSE', committee: 'CONTINUING_ED', label: 'Online course or webinar' },
];

export function callRules(key: string): CallRules | undefined {
  return CALLS.find((c) => c.key === key);
}

export type CallState = 'unset' | 'not-yet' | 'open' | 'closed';

/** A call takes submissions from the start of its opening day to the end of its closing day (org zone). */
export function callState(call: { opensOn: string; closesOn: string } | undefined, now: Date, zone: string): CallState {
  if (!call) return 'unset';
  if (now.getTime() < zonedInstant(call.opensOn, '00:00', zone).getTime()) return 'not-yet';
  return now.getTime() <= endOfDay(call.closesOn, zone).getTime() ? 'open' : 'closed';
}

export const DECISIONS = ['accept', 'decline', 'changes'] as const;
export type ReviewDecision = (typeof DECISIONS)[number];

export const DECISION_STATUS = { accept: 'ACCEPTED', decline: 'DECLINED', changes: 'CHANGES_REQUESTED' } as const;

export const DECISION_LABELS: Record<ReviewDecision, string> = { accept: 'Accept', decline: 'Decline', changes: 'Ask for changes' };

/** Nudges to conveners of groups without a proposal for a call: 14 and 3 days before it closes. */
export const NUDGE_PLAN: OffsetPlan = { daysBefore: [14, 3], time: '10:00' };
