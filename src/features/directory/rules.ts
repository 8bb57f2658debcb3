// Pure directory rules: name matching and who may join what. No I/O.
import type { Eligibility, GroupKind } from '../../generated/prisma/enums.js';
import { GROUP_KINDS } from './kinds.js';

/** Lower case, letters and digits only: "Data & Measurement" -> "datameasurement". */
export function groupKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]/g, '');
}

/** A directory entry as imports and petitions create it. */
export interface GroupInput {
  name: string;
  key: string;
  kind: 'CORE_IG' | 'PLA_IG' | 'MIG';
  level: 'DIVISION' | 'SECTION' | null;
  eligibility: 'ANYONE' | 'PLA_MEMBERS' | 'ALA_MEMBERS';
  description: string;
  staffLiaison: string | null;
}

export function defaultEligibility(kind: GroupKind, openToPublic: boolean): Eligibility {
  if (openToPublic || kind === 'CORE_IG') return 'ANYONE';
  return kind === 'PLA_IG' ? 'PLA_MEMBERS' : 'ALA_MEMBERS';
}

export interface NamedGroup {
  id: number;
  name: string;
  key: string;
}

export type Match<G> = { kind: 'one'; group: G } | { kind: 'none' } | { kind: 'many'; candidates: G[] };

/**
 * Finds a group from loosely typed text: the exact name (ignoring case and
 * punctuation), else a unique prefix, else a unique group whose name contains it.
 */
export function matchGroup<G extends NamedGroup>(query: string, groups: G[]): Match<G> {
  const key = groupKey(query);
  if (key === '') return { kind: 'none' };
  const exact = groups.find((g) => g.key === key);
  if (exact) return { kind: 'one', group: exact };
  for (const test of [(g: G) => g.key.startsWith(key), (g: G) => g.key.includes(key)]) {
    const hits = groups.filter(test);
    if (hits.length === 1) return { kind: 'one', group: hits[0]! };
    if (hits.length > 1) return { kind: 'many', candidates: hits.sort((a, b) => a.name.localeCompare(b.name)) };
  }
  return { kind: 'none' };
}

/** What the roster says about a person; null when they have no roster row. */
export interface RosterFacts {
  ala: boolean;
  core: boolean;
  pla: boolean;
  standing: 'GOOD' | 'LAPSED';
}

export type JoinDecision = { allowed: true } | { allowed: false; reason: string };

const ROSTER_HINT = 'If that is wrong, ask staff to update the membership roster.';

/**
 * May this person join a group with this eligibility rule? The reason speaks to the person
 * ("you"), or about them when `who` names someone else (staff or a convener acting for them).
 */
export function mayJoin(eligibility: Eligibility, roster: RosterFacts | null, groupName: string, who?: string): JoinDecision {
  if (eligibility === 'ANYONE') return { allowed: true };
  const needed = eligibility === 'PLA_MEMBERS' ? 'PLA personal membership' : 'ALA membership in good standing';
  const other = who !== undefined && who !== 'You';
  if (!roster) {
    return {
      allowed: false,
      reason: other
        ? `*${groupName}* requires ${needed}, and ${who} is not on the membership roster. Staff can add them to the roster with their email address.`
        : `*${groupName}* requires ${needed}, and you are not on the membership roster. Ask staff to update the roster with your email address.`,
    };
  }
  const hasIt = eligibility === 'PLA_MEMBERS' ? roster.pla : roster.ala;
  if (!hasIt) return { allowed: false, reason: `*${groupName}* requires ${needed}; the roster doesn't show it for ${other ? who : 'you'}. ${ROSTER_HINT}` };
  if (roster.standing !== 'GOOD') {
    return { allowed: false, reason: `*${groupName}* requires ${needed}; the roster shows ${other ? `${who}'s` : 'your'} membership as lapsed. ${ROSTER_HINT}` };
  }
  return { allowed: true };
}

/** Each kind's label (from the kind rules, kinds.ts). */
export const KIND_LABELS: Record<GroupKind, string> = {
  CORE_IG: GROUP_KINDS.CORE_IG.label,
  PLA_IG: GROUP_KINDS.PLA_IG.label,
  MIG: GROUP_KINDS.MIG.label,
};

export const ELIGIBILITY_LABELS: Record<Eligibility, string> = {
  ANYONE: 'Open to everyone',
  PLA_MEMBERS: 'PLA personal members',
  ALA_MEMBERS: 'ALA members in good standing',
};

export const PAGE_SIZE = 8;

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}

/** Search words: split on spaces, ignore empties, at most 8. */
export function searchWords(text: string): string[] {
  return text
    .split(/\s+/)
    .map((w) => w.trim())
    .filter(Boolean)
    .slice(0, 8);
}
