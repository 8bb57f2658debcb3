// Dissolution rules (pure, clock passed in). A group of a kind with the `dissolution` duty
// (kinds.ts) is dissolved when it has had no approved charter for three years (its charter
// came due and no renewal was continued: a continued renewal moves charterApprovedOn) or no
// activity for three years. Conveners and staff are warned 90, 30 and 7 days before.
import type { GroupKind } from '../../generated/prisma/enums.js';
import { charterDueOn, inactivityDissolvesAt, LIFECYCLE_TIME } from '../charters/rules.js';
import { hasLifecycleDuty } from '../directory/kinds.js';
import { localDate, localTime, plusDays, zonedInstant } from '../../lib/time.js';

export type DissolutionCause = 'charter' | 'inactivity';

/** Days before the dissolution that its warnings go out. */
export const WARNING_DAYS = [90, 30, 7] as const;
/** Staff may reinstate a dissolved group for this many days. */
export const REINSTATE_DAYS = 90;

export interface LifecycleGroup {
  kind: GroupKind;
  status: string;
  createdAt: Date;
  charterApprovedOn: Date | null;
  lastActivityAt: Date | null;
}

export interface DissolutionDue {
  cause: DissolutionCause;
  /** The instant the group is dissolved unless something stops it. */
  at: Date;
  /** The date behind it (YYYY-MM-DD, org time): the charter's due date, or the day of the last activity plus three years. */
  on: string;
}

/**
 * When an active group will be dissolved and why, or null (a kind without the duty, a group
 * not active). A renewal still under review (requested or recommended, not yet decided)
 * holds the charter deadline: the Core Board decides that group's fate instead.
 */
export function dissolutionDue(group: LifecycleGroup, zone: string, opts: { renewalPending: boolean; kinds: readonly GroupKind[] }): DissolutionDue | null {
  if (group.status !== 'ACTIVE' || !hasLifecycleDuty(group.kind, opts.kinds)) return null;
  const inactivityAt = inactivityDissolvesAt(group, zone);
  const inactivity: DissolutionDue = { cause: 'inactivity', at: inactivityAt, on: localDate(inactivityAt, zone) };
  if (opts.renewalPending) return inactivity;
  const dueOn = charterDueOn(group, zone);
  const charter: DissolutionDue = { cause: 'charter', at: zonedInstant(dueOn, LIFECYCLE_TIME, zone), on: dueOn };
  return charter.at.getTime() <= inactivity.at.getTime() ? charter : inactivity;
}

/** True when the group is due to be dissolved at `now`. */
export function isDue(due: DissolutionDue | null, now: Date): due is DissolutionDue {
  return due !== null && due.at.getTime() <= now.getTime();
}

/** The same wall-clock time `days` calendar days earlier in the zone (DST-safe: 10:00 stays 10:00). */
export function daysBefore(at: Date, days: number, zone: string): Date {
  return zonedInstant(plusDays(localDate(at, zone), -days), localTime(at, zone), zone);
}

/** The warnings for a dissolution: one per WARNING_DAYS, at 10:00 org time that many days before. */
export function warningInstants(due: DissolutionDue, zone: string): { days: number; at: Date }[] {
  return WARNING_DAYS.map((days) => ({ days, at: daysBefore(due.at, days, zone) }));
}

/** The deadline engine rule that sends the warnings. */
export const WARNING_RULE_ID = 'dissolution.warning';

/** The ledger subject of one warning: the deadline (cause and date) is part of it, so a moved deadline gets new warnings. */
export function warningSubject(groupId: number, due: Pick<DissolutionDue, 'cause' | 'on'>, days: number, to: 'conveners' | 'staff'): string {
  return `group:${groupId}:dissolve:${due.cause}:${due.on}:${days}d:${to}`;
}

/** The last day (YYYY-MM-DD, org time) staff may reinstate a group dissolved at `dissolvedAt`. */
export function reinstatableUntil(dissolvedAt: Date, zone: string): string {
  return plusDays(localDate(dissolvedAt, zone), REINSTATE_DAYS);
}

export function mayReinstate(dissolvedAt: Date, now: Date, zone: string): boolean {
  return localDate(now, zone) <= reinstatableUntil(dissolvedAt, zone);
}

/** The reason stored on the group and shown to people, e.g. "no activity for three years (since Dec 3, 2023)". */
export function causeText(cause: DissolutionCause): string {
  return cause === 'charter' ? 'no charter approved for three years' : 'no activity for three years';
}
