// Every feature's deadline-engine rules, in one list. Add yours: import it from your
// feature's schedule.ts and append it below.
import { petitionRules, petitionTransitions } from '../petitions/schedule.js';
import { igWeekRules } from '../igweek/schedule.js';
import { electionRules, electionTransitions } from '../elections/schedule.js';
import { reportRules } from '../reports/schedule.js';
import { annualRules } from '../annual/schedule.js';
import { proposalRules } from '../proposals/schedule.js';
import { peopleTransitions } from '../people/schedule.js';
import { roomRules } from '../rooms/schedule.js';
import { dissolutionRules, dissolutionTransitions } from '../dissolution/schedule.js';
import { charterRules, charterTransitions } from '../charters/schedule.js';
import { businessMeetingRule, electionRule } from './schedule.js';
import { forgetEventsBefore } from '../../db/processed-events.js';
import type { ReminderRule, Transition } from './types.js';

export function allRules(): ReminderRule[] {
  return [
    businessMeetingRule,
    electionRule,
    ...igWeekRules,
    ...petitionRules,
    ...electionRules,
    ...reportRules,
    ...roomRules,
    ...annualRules,
    ...proposalRules,
    ...charterRules,
    ...dissolutionRules,
  ];
}

/** State changes the engine applies at each tick, before it asks the rules what is due. */
export function allTransitions(): Transition[] {
  return [...petitionTransitions, ...electionTransitions, ...peopleTransitions, ...charterTransitions, ...dissolutionTransitions, forgetOldEvents];
}

/** Slack stops retrying an event within hours; ids older than two days need no keeping. */
const forgetOldEvents: Transition = {
  id: 'events.forget',
  async apply({ prisma }, now) {
    await forgetEventsBefore(prisma, new Date(now.getTime() - 2 * 24 * 3600_000));
  },
};
