// Pure petition rules: what each kind needs, when a petition opens and closes, who may
// sign or lead, duplicate detection, channel names. No I/O; instants and zones are parameters.
import type { GroupLevel, PetitionKind, PetitionStatus, Role } from '../../generated/prisma/enums.js';
import { endOfDay, localDate, plusDays, zonedInstant } from '../../lib/time.js';
import { kindLabel } from '../directory/kinds.js';
import type { RosterFacts } from '../directory/rules.js';
import { groupKey } from '../directory/rules.js';

export interface KindRules {
  /** Signatures needed besides the conveners/organizers. */
  threshold: number;
  /** Days from opening to expiry. */
  collectionDays: number;
  /** The body that approves it (staff may always act for it). */
  approver: Exclude<Role, 'STAFF'>;
  /** The kind's name, from the kind rules (directory/kinds.ts): "Core interest group", capitalised the same way everywhere. */
  label: string;
  /** "Conveners" / "Organizers": the modal label and the message field. */
  leaders: string;
  leader: string;
}

/** Per-kind settings (Core IG procedures; ALA Policy 6.12 for MIGs). Change here to reconfigure. */
export const KIND_RULES: Record<PetitionKind, KindRules> = {
  CORE_IG: { threshold: 10, collectionDays: 120, approver: 'IGCC', label: kindLabel('CORE_IG'), leaders: 'Conveners', leader: 'convener' },
  MIG: { threshold: 100, collectionDays: 120, approver: 'COO', label: kindLabel('MIG'), leaders: 'Organizers', leader: 'organizer' },
};

/** Lengths the form accepts (Slack enforces the maxima too; the service checks both). */
export const LIMITS = { name: { min: 3, max: 100 }, purpose: { min: 30, max: 2000 }, address: { min: 10, max: 500 }, leaders: 10, reason: { min: 5, max: 1000 } } as const;

/** Organizer rows (organizer + mailing address) the MIG form starts with; "Add another organizer" adds more, up to LIMITS.leaders. */
export const INITIAL_ORGANIZER_ROWS = 2;

export const LEVEL_LABELS: Record<GroupLevel, string> = { DIVISION: 'Division', SECTION: 'Section' };

export const STATUS_LABELS: Record<PetitionStatus, string> = {
  IN_REVIEW: 'In review',
  COLLECTING: 'Collecting signatures',
  AWAITING_APPROVAL: 'Awaiting approval',
  APPROVED: 'Approved',
  REJECTED: 'Not approved',
  WITHDRAWN: 'Withdrawn',
  EXPIRED: 'Expired',
};

/** Still alive: listed by `/petition list` and compared against by the duplicate check. */
export const OPEN_STATUSES: PetitionStatus[] = ['IN_REVIEW', 'COLLECTING', 'AWAITING_APPROVAL'];
/** Signatures are taken while collecting and, as extra support, while awaiting the decision. */
export const SIGNABLE_STATUSES: PetitionStatus[] = ['COLLECTING', 'AWAITING_APPROVAL'];

/** The petition's own opening (end of feedback) or expiry is due and not applied yet: what the deadline transitions would change for it. */
export function transitionOverdue(p: { status: PetitionStatus; opensAt: Date; expiresAt: Date }, now: Date): boolean {
  return (p.status === 'IN_REVIEW' && p.opensAt <= now) || (p.status === 'COLLECTING' && p.expiresAt <= now);
}

// ---------------------------------------------------------------------------
// Dates (all wall-clock times in the org zone)

/** Signing opens at this time on the day after the feedback period. */
export const OPEN_TIME = '09:00';
export const WARNING_TIME = '09:00';
/** Organizers are warned this many days before expiry. */
export const WARNING_DAYS = [14, 3] as const;
/** Organizers are told when signatures reach these percentages of the threshold. */
export const MILESTONES = [50, 90] as const;
export type Milestone = (typeof MILESTONES)[number];
/** The furthest ahead a feedback period may run. */
export const MAX_FEEDBACK_DAYS = 90;

export interface PetitionDates {
  opensAt: Date;
  expiresAt: Date;
}

/** Opens the morning after the feedback period (or now), expires at the end of the collection period's last day. */
export function petitionDates(kind: PetitionKind, now: Date, feedbackUntil: string | null, zone: string): PetitionDates {
  const opensAt = feedbackUntil ? zonedInstant(plusDays(feedbackUntil, 1), OPEN_TIME, zone) : now;
  const expiresAt = endOfDay(plusDays(localDate(opensAt, zone), KIND_RULES[kind].collectionDays), zone);
  return { opensAt, expiresAt };
}

/** Why a feedback date can't be used, or undefined. */
export function feedbackDateProblem(isoDate: string, now: Date, zone: string): string | undefined {
  const today = localDate(now, zone);
  if (isoDate < today) return 'The feedback date is in the past; pick today or a later day.';
  if (isoDate > plusDays(today, MAX_FEEDBACK_DAYS)) return `Keep the feedback period under ${MAX_FEEDBACK_DAYS} days.`;
  return undefined;
}

export function warningAt(expiresAt: Date, daysBefore: number, zone: string): Date {
  return zonedInstant(plusDays(localDate(expiresAt, zone), -daysBefore), WARNING_TIME, zone);
}

export function milestoneCount(threshold: number, percent: Milestone): number {
  return Math.ceil((threshold * percent) / 100);
}

// ---------------------------------------------------------------------------
// People

export type Decision = { allowed: true } | { allowed: false; reason: string };

const ROSTER_HINT = 'If that is wrong, ask staff to update the membership roster.';

function rosterDecision(roster: RosterFacts | null, has: (r: RosterFacts) => boolean, needed: string, doing: string): Decision {
  if (!roster) return { allowed: false, reason: `${doing} requires ${needed}, and you are not on the membership roster. ${ROSTER_HINT}` };
  if (!has(roster)) return { allowed: false, reason: `${doing} requires ${needed}; the roster doesn't show it for you. ${ROSTER_HINT}` };
  if (roster.standing !== 'GOOD') return { allowed: false, reason: `${doing} requires ${needed}; the roster shows your membership as lapsed. ${ROSTER_HINT}` };
  return { allowed: true };
}

/** Core interest groups take anyone's signature; MIGs need ALA members in good standing. */
export function maySign(kind: PetitionKind, roster: RosterFacts | null): Decision {
  if (kind === 'CORE_IG') return { allowed: true };
  return rosterDecision(roster, (r) => r.ala, 'ALA membership in good standing', 'Signing a membership initiative group petition');
}

/** Conveners must be Core members, MIG organizers ALA members, in good standing. Returns the problem or undefined. */
export function leaderProblem(kind: PetitionKind, who: string, roster: RosterFacts | null): string | undefined {
  const ok = roster?.standing === 'GOOD' && (kind === 'CORE_IG' ? roster.core : roster.ala);
  if (ok) return undefined;
  return kind === 'CORE_IG'
    ? `${who} is not a Core member in good standing on the roster; conveners must be Core members.`
    : `${who} is not an ALA member in good standing on the roster; organizers must be ALA members.`;
}

// ---------------------------------------------------------------------------
// Duplicate check

/** Words that say nothing about a group's topic. */
const STOP_WORDS = new Set(
  (
    'a about above across after all also am an and any are as at be been being both but by can could did do does doing during each etc ' +
    'for from further had has have having he her here hers him his how i if in into is it its itself just may me more most my no nor not ' +
    'now of off on once only or other our ours out over own per same she should so some such than that the their theirs them then there ' +
    'these they this those through to too under until up upon very via was we were what when where which while who whom why will with ' +
    'within without would you your ' +
    // the vocabulary every group statement shares
    'ala core pla association division section group interest initiative membership member mig ig library librarian ' +
    'provide home forum base mechanism bring together type work all level encourage help serve those persons people share sharing idea'
  ).split(/\s+/),
);

/** Crude singular: "libraries" → "library", "novels" → "novel". */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Meaningful words of a text: lower case, no accents, singular, stop words dropped. */
export function contentWords(text: string, minLength = 3): Set<string> {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .split(/[^a-z0-9]+/)
    .map(stem)
    .filter((w) => w.length >= minLength && !STOP_WORDS.has(w));
  return new Set(words);
}

function intersect(a: Set<string>, b: Set<string>): string[] {
  return [...a].filter((w) => b.has(w)).sort();
}

export function namesAreSimilar(a: string, b: string): boolean {
  if (groupKey(a) !== '' && groupKey(a) === groupKey(b)) return true;
  const wa = contentWords(a, 2);
  const wb = contentWords(b, 2);
  if (wa.size === 0 || wb.size === 0) return false;
  const shared = intersect(wa, wb).length;
  const jaccard = shared / (wa.size + wb.size - shared);
  // One name inside the other ("Health" / "Consumer Health") or most words shared.
  return jaccard >= 0.5 || shared === Math.min(wa.size, wb.size);
}

/** Purpose words shared, when enough of the shorter statement is shared to look like the same topic. */
export function purposeOverlap(a: string, b: string): string[] {
  const wa = contentWords(a);
  const wb = contentWords(b);
  const shared = intersect(wa, wb);
  const smaller = Math.min(wa.size, wb.size);
  if (smaller === 0 || shared.length < 4) return [];
  return shared.length / smaller >= 0.3 ? shared : [];
}

export interface DuplicateCandidate {
  type: 'group' | 'petition';
  id: number;
  name: string;
  text: string;
  /** e.g. "Core interest group" or "petition #4, collecting signatures" */
  label: string;
}

export interface DuplicateMatch {
  candidate: DuplicateCandidate;
  similarName: boolean;
  /** Shared purpose words (empty when the purposes don't overlap). */
  sharedWords: string[];
}

/** Groups and open petitions that look like the proposal, closest first. */
export function findDuplicates(proposal: { name: string; purpose: string }, candidates: DuplicateCandidate[], max = 8): DuplicateMatch[] {
  const matches: DuplicateMatch[] = [];
  for (const candidate of candidates) {
    const similarName = namesAreSimilar(proposal.name, candidate.name);
    const sharedWords = purposeOverlap(proposal.purpose, candidate.text);
    if (similarName || sharedWords.length > 0) matches.push({ candidate, similarName, sharedWords });
  }
  const score = (m: DuplicateMatch) => (m.similarName ? 1000 : 0) + m.sharedWords.length;
  return matches.sort((a, b) => score(b) - score(a) || a.candidate.name.localeCompare(b.candidate.name)).slice(0, max);
}

export function duplicateReasons(m: DuplicateMatch): string[] {
  const reasons: string[] = [];
  if (m.similarName) reasons.push('similar name');
  if (m.sharedWords.length) reasons.push(`overlapping purpose (${m.sharedWords.slice(0, 6).join(', ')})`);
  return reasons;
}

// Slack channel names live with the channel helpers (group settings create channels too).
export { CHANNEL_NAME_MAX, channelName } from '../../lib/slack/channels.js';

// ---------------------------------------------------------------------------
// Display

/** "7 of 10 signatures"; past the threshold, "12 signatures (10 needed)". */
export function progressLine(count: number, threshold: number): string {
  if (count > threshold) return `${count} signatures (${threshold} needed)`;
  return `${count} of ${threshold} signature${threshold === 1 ? '' : 's'}`;
}

export interface Leaders {
  organizers: string[];
  petitioner: string;
}

/** Whoever may withdraw the petition and hears about it: its leaders and whoever filed it. */
export function stewards(p: Leaders): string[] {
  return [...new Set([...p.organizers, p.petitioner])];
}

const ACTION_LABELS: Record<string, string | ((kind: PetitionKind) => string)> = {
  'petition.filed': 'Filed',
  'petition.opened': 'Opened for signatures',
  'petition.threshold_reached': 'Reached its threshold; sent for approval',
  'petition.milestone': (kind) => `${KIND_RULES[kind].leaders} told of progress`,
  'petition.approved': 'Approved',
  'petition.reported_to_council': 'Reported to Council',
  'petition.rejected': 'Not approved',
  'petition.withdrawn': 'Withdrawn',
  'petition.expired': 'Expired without reaching its threshold',
  'petition.channel_created': 'Group channel created',
};

/** Timeline line text for an audit action, or undefined for entries the timeline summarises (signatures). */
export function timelineLabel(action: string, kind: PetitionKind): string | undefined {
  const label = ACTION_LABELS[action];
  return typeof label === 'function' ? label(kind) : label;
}

// ---------------------------------------------------------------------------
// Reporting a MIG approval to Council

/** Staff are nudged weekly, at this time, from a week after the approval until it is marked reported. */
export const COUNCIL_NUDGE_TIME = '10:00';
export const COUNCIL_NUDGE_EVERY_DAYS = 7;

/** The nudge instants in (from, to] for an approval decided at `decidedAt`: weekly at 10:00 org time, starting a week after. */
export function councilNudges(decidedAt: Date, window: { from: Date; to: Date }, zone: string): Date[] {
  const day = localDate(decidedAt, zone);
  const out: Date[] = [];
  for (let week = 1; ; week++) {
    const at = zonedInstant(plusDays(day, week * COUNCIL_NUDGE_EVERY_DAYS), COUNCIL_NUDGE_TIME, zone);
    if (at > window.to) break;
    if (at > window.from) out.push(at);
  }
  return out;
}
