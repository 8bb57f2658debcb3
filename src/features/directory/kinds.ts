// The kind rules: what each kind of group is called and which duties it has. Every feature
// that treats kinds differently asks here instead of testing `kind === 'CORE_IG'` itself.
//
// Per the Core pages (seed 000, 001) the duties below belong to Core interest groups: business
// meetings in January and June, the quarterly IG Report Form, the annual selection of conveners
// (elections by April 30, names to the Core Office), a slot at IG Week, and the staff digest of
// missing reports. PLA interest groups (seed 003) and MIGs (seed 002) have none of them here.
import type { GroupKind } from '../../generated/prisma/enums.js';

export interface GroupDuties {
  /** Business meetings in January and June, nudged in December and May. */
  businessMeetings: boolean;
  /** The quarterly report (IG Report Form), nudged before and after its due date. */
  quarterlyReports: boolean;
  /** The annual convener election (by April 30), nudged on March 1 and April 15. */
  elections: boolean;
  /** A slot at IG Week. */
  igWeek: boolean;
  /** Appears in staff's digest of missing quarterly reports. */
  staffDigest: boolean;
  /** Charter renewal (charters/). The default only: staff may change which kinds renew and dissolve (hasLifecycleDuty). */
  charterRenewal: boolean;
  /** In-person discussion space at the ALA Annual Conference, on request (`/ig annual`), nudged before requests close. */
  annualSpace: boolean;
  /** Program proposals to the Core Programming Committee and course/webinar proposals to Continuing Education (`/ig propose`). */
  proposals: boolean;
  /** Automatic dissolution (no approved charter or no activity for three years), with warnings 90/30/7 days before (dissolution/). */
  dissolution: boolean;
}

export type Duty = keyof GroupDuties;

export interface KindRules {
  /** "Core interest group": capitalised the same way everywhere. */
  label: string;
  /** "Core interest groups" */
  plural: string;
  /** Conveners must be Core members in good standing (else: eligible to join the group). */
  convenersMustBeCoreMembers: boolean;
  duties: GroupDuties;
}

const NONE: GroupDuties = {
  businessMeetings: false,
  quarterlyReports: false,
  elections: false,
  igWeek: false,
  staffDigest: false,
  charterRenewal: false,
  annualSpace: false,
  proposals: false,
  dissolution: false,
};

export const GROUP_KINDS: Record<GroupKind, KindRules> = {
  CORE_IG: {
    label: 'Core interest group',
    plural: 'Core interest groups',
    convenersMustBeCoreMembers: true,
    duties: { businessMeetings: true, quarterlyReports: true, elections: true, igWeek: true, staffDigest: true, charterRenewal: true, annualSpace: true, proposals: true, dissolution: true },
  },
  PLA_IG: { label: 'PLA interest group', plural: 'PLA interest groups', convenersMustBeCoreMembers: false, duties: NONE },
  MIG: { label: 'Membership initiative group', plural: 'Membership initiative groups', convenersMustBeCoreMembers: false, duties: NONE },
};

const ALL_KINDS = Object.keys(GROUP_KINDS) as GroupKind[];

export function hasDuty(kind: GroupKind, duty: Duty): boolean {
  return GROUP_KINDS[kind].duties[duty];
}

/** The kinds that have a duty, e.g. for a database filter `kind: { in: kindsWith('igWeek') }`. */
export function kindsWith(duty: Duty): GroupKind[] {
  return ALL_KINDS.filter((k) => hasDuty(k, duty));
}

export function kindLabel(kind: GroupKind): string {
  return GROUP_KINDS[kind].label;
}

/** The kinds that renew a charter and dissolve: the seeds' rule unless staff chose otherwise (`/ig admin lifecycle`, setting `lifecycle.kinds`). */
export const DEFAULT_LIFECYCLE_KINDS: readonly GroupKind[] = ALL_KINDS.filter((k) => hasDuty(k, 'charterRenewal'));

/** Charter renewal and dissolution, which staff may extend to other kinds: checked against the effective kinds. */
export function hasLifecycleDuty(kind: GroupKind, kinds: readonly GroupKind[]): boolean {
  return kinds.includes(kind);
}

/** The command words for kinds (`core-ig`, `pla-ig`, `mig`). */
export const KIND_WORDS: Record<string, GroupKind> = { 'core-ig': 'CORE_IG', 'pla-ig': 'PLA_IG', mig: 'MIG' };

/** "Core interest groups", or "Core interest groups and PLA interest groups": the kinds that have a duty, for sentences. */
export function kindsWithText(duty: Duty | readonly GroupKind[]): string {
  const names = (typeof duty === 'string' ? kindsWith(duty) : duty).map((k) => GROUP_KINDS[k].plural);
  return names.length <= 1 ? (names[0] ?? 'no groups') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
