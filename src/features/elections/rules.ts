// Pure election rules: positions, the voting period (by April 30), the ballot, the count.
import { createHmac } from 'node:crypto';
import { nextTerm, type TermSpan } from '../conveners/rules.js';

export const MAX_POSITIONS = 5;
export const MAX_SEATS = 5;
/** Radio buttons and checkboxes hold at most 10 options. */
export const MAX_CANDIDATES = 10;

export interface PositionSpec {
  title: string;
  seats: number;
}

/** "Convener" or "Co-conveners (2)", one per line. */
export function parsePositions(text: string): { positions: PositionSpec[] } | { error: string } {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length === 0) return { error: 'Name at least one position, e.g. Convener.' };
  if (lines.length > MAX_POSITIONS) return { error: `At most ${MAX_POSITIONS} positions per election.` };
  const positions: PositionSpec[] = [];
  for (const line of lines) {
    const m = /^(.*?)\s*\((\d+)\)$/.exec(line);
    const title = (m ? m[1]! : line).trim();
    const seats = m ? Number(m[2]) : 1;
    if (!title) return { error: `"${line}" has no title.` };
    if (title.length > 60) return { error: `"${title.slice(0, 20)}…" is too long: keep titles under 60 characters.` };
    if (seats < 1 || seats > MAX_SEATS) return { error: `"${title}": between 1 and ${MAX_SEATS} seats.` };
    if (positions.some((p) => p.title.toLowerCase() === title.toLowerCase())) return { error: `"${title}" is listed twice.` };
    positions.push({ title, seats });
  }
  return { positions };
}

/** The last day an election may end: April 30 of this year, or of next year once this one's has passed. */
export function votingDeadline(today: string): string {
  const year = Number(today.slice(0, 4));
  return today <= `${year}-04-30` ? `${year}-04-30` : `${year + 1}-04-30`;
}

/** Problems with a voting period (YYYY-MM-DD days in the org zone), keyed by the field at fault. */
export function periodProblems(opens: string, closes: string, today: string): Partial<Record<'opens' | 'closes', string>> {
  if (opens <= today) return { opens: 'Voting opens tomorrow at the earliest, so members have time to nominate and accept.' };
  if (closes < opens) return { closes: 'Voting must close on or after the day it opens.' };
  const deadline = votingDeadline(today);
  if (closes > deadline) return { closes: `Elections are held no later than April: voting must close by ${deadline}.` };
  return {};
}

/**
 * The term an election's winners serve: always the next one starting July 1 after the day voting
 * closes (a close in December 2026 elects for Jul 1, 2027 – Jun 30, 2028; one in April 2027 too).
 * An election is "the year's election" for the year that term starts.
 */
export function electedTerm(closesOn: string): TermSpan {
  return nextTerm(closesOn);
}

export function electionYearOf(closesOn: string): number {
  return Number(electedTerm(closesOn).startsOn.slice(0, 4));
}

export type Phase = 'NOMINATING' | 'VOTING' | 'ENDED';

export function phaseAt(e: { opensAt: Date; closesAt: Date }, now: Date): Phase {
  if (now.getTime() < e.opensAt.getTime()) return 'NOMINATING';
  return now.getTime() < e.closesAt.getTime() ? 'VOTING' : 'ENDED';
}

/**
 * The ballot's key: HMAC of the voter with the election's secret. It lets a voter replace
 * their ballot while voting is open; once the secret is destroyed at close, it names nobody.
 */
export function receiptOf(secret: string, electionId: number, voterId: string): string {
  return createHmac('sha256', secret).update(`${electionId}:${voterId}`).digest('hex');
}

export interface BallotPosition {
  id: number;
  title: string;
  seats: number;
  candidateIds: number[];
}

/** Checks a ballot's choices per position; errors keyed by position id. At least one choice overall. */
export function ballotProblems(positions: BallotPosition[], choices: Map<number, number[]>): Map<number, string> {
  const problems = new Map<number, string>();
  for (const p of positions) {
    const chosen = choices.get(p.id) ?? [];
    if (chosen.some((c) => !p.candidateIds.includes(c))) problems.set(p.id, 'That choice is not on the ballot for this position.');
    else if (new Set(chosen).size !== chosen.length) problems.set(p.id, 'Choose each candidate once.');
    else if (chosen.length > p.seats) problems.set(p.id, `Choose at most ${p.seats}.`);
  }
  const total = [...choices.values()].reduce((n, c) => n + c.length, 0);
  const first = positions.find((p) => p.candidateIds.length > 0);
  if (problems.size === 0 && total === 0 && first) problems.set(first.id, 'Choose at least one candidate (you may leave other positions blank).');
  return problems;
}

/** Votes per candidate from ballots (each ballot lists the candidates it chose). */
export function countBallots(ballots: { candidateIds: number[] }[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const b of ballots) for (const id of new Set(b.candidateIds)) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

export interface Tallied {
  id: number;
  slackUserId: string;
  votes: number;
}

export interface PositionResult<C extends Tallied = Tallied> {
  title: string;
  seats: number;
  /** Best first. */
  ranked: C[];
  elected: C[];
  /** Tied for the last seat(s): the group decides among them. */
  tied: C[];
  /** Seats the tie leaves open. */
  openSeats: number;
}

/**
 * The top `seats` candidates win. Candidates level on votes across the last seat are a tie the
 * group must resolve; everyone above the tie still wins. An uncontested position elects
 * its candidates.
 */
export function decide<C extends Tallied>(title: string, seats: number, candidates: C[]): PositionResult<C> {
  const ranked = [...candidates].sort((a, b) => b.votes - a.votes || a.id - b.id);
  if (ranked.length <= seats) return { title, seats, ranked, elected: ranked, tied: [], openSeats: seats - ranked.length };
  const cutoff = ranked[seats - 1]!.votes;
  if (ranked[seats]!.votes < cutoff) return { title, seats, ranked, elected: ranked.slice(0, seats), tied: [], openSeats: 0 };
  const elected = ranked.filter((c) => c.votes > cutoff);
  return { title, seats, ranked, elected, tied: ranked.filter((c) => c.votes === cutoff), openSeats: seats - elected.length };
}
