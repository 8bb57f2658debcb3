// CSV rows for the roster and group imports: validation only, no I/O.
import { z } from 'zod';
import type { CsvRow } from '../../lib/csv.js';
import { GROUP_KINDS } from '../directory/kinds.js';
import { defaultEligibility, type GroupInput, groupKey, type RosterFacts } from '../directory/rules.js';

export const MEMBER_COLUMNS = ['email', 'name', 'memberships', 'standing'];
export const GROUP_COLUMNS = ['name', 'kind', 'level', 'description', 'staff_liaison', 'open_to_public', 'conveners'];

const email = z.email('is not an email address').transform((e) => e.toLowerCase());

const memberRow = z.object({
  email,
  name: z.string().min(1, 'name is empty'),
  memberships: z
    .string()
    .transform((s) => s.split(';').map((m) => m.trim().toUpperCase()).filter(Boolean))
    .pipe(z.array(z.enum(['ALA', 'CORE', 'PLA'], { error: 'memberships may only be ALA, Core and PLA, separated by ;' }))),
  standing: z.string().transform((s) => s.toLowerCase()).pipe(z.enum(['good', 'lapsed'], { error: 'standing must be "good" or "lapsed"' })),
});

const KINDS = { 'core-ig': 'CORE_IG', 'pla-ig': 'PLA_IG', mig: 'MIG' } as const;
const LEVELS = { division: 'DIVISION', section: 'SECTION', '': null } as const;

const groupRow = z.object({
  name: z.string().min(3, 'name must have at least 3 characters').max(150, 'name is longer than 150 characters'),
  kind: z.string().transform((s) => s.toLowerCase()).pipe(z.enum(['core-ig', 'pla-ig', 'mig'], { error: 'kind must be core-ig, pla-ig or mig' })),
  level: z.string().transform((s) => s.toLowerCase()).pipe(z.enum(['division', 'section', ''], { error: 'level must be division, section or empty' })),
  description: z.string().max(3000, 'description is longer than 3000 characters'),
  staff_liaison: z.string(),
  open_to_public: z.string().transform((s) => s.toLowerCase()).pipe(z.enum(['yes', 'no', ''], { error: 'open_to_public must be yes or no' })),
  conveners: z
    .string()
    .transform((s) => s.split(';').map((m) => m.trim()).filter(Boolean))
    .pipe(z.array(email)),
  /** Optional column: the charter date (YYYY-MM-DD); empty or absent means the import date for a new group. */
  charter_approved: z
    .string()
    .optional()
    .refine((s) => !s || (/^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s)), 'must be a date YYYY-MM-DD (or empty)'),
});

export interface MemberRecord {
  email: string;
  name: string;
  ala: boolean;
  core: boolean;
  pla: boolean;
  standing: 'GOOD' | 'LAPSED';
}

export interface GroupRecord extends GroupInput {
  convenerEmails: string[];
  /** The charter date from the optional `charter_approved` column. */
  charterApproved?: string;
}

/** When ok, `lines[i]` is the CSV line of `records[i]`. */
export type Checked<T> = { ok: true; records: T[]; lines: number[] } | { ok: false; errors: string[] };

function describe(row: CsvRow, error: z.ZodError): string {
  return `line ${row.line}: ${error.issues.map((i) => `${String(i.path[0])} ${i.message.startsWith(String(i.path[0])) ? i.message.slice(String(i.path[0]).length + 1) : i.message}`).join('; ')}`;
}

/** Validates every row; duplicates within the file are errors too. */
function checkAll<T>(rows: CsvRow[], parse: (row: CsvRow) => T | z.ZodError, keyOf: (t: T) => string, what: string): Checked<T> {
  const errors: string[] = [];
  const records: T[] = [];
  const lines: number[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const result = parse(row);
    if (result instanceof z.ZodError) {
      errors.push(describe(row, result));
      continue;
    }
    const key = keyOf(result);
    const first = seen.get(key);
    if (first !== undefined) errors.push(`line ${row.line}: the same ${what} as line ${first}`);
    else seen.set(key, row.line);
    records.push(result);
    lines.push(row.line);
  }
  return errors.length ? { ok: false, errors } : { ok: true, records, lines };
}

export function checkMembers(rows: CsvRow[]): Checked<MemberRecord> {
  return checkAll(
    rows,
    (row) => {
      const r = memberRow.safeParse(row.values);
      if (!r.success) return r.error;
      const m = r.data;
      return {
        email: m.email,
        name: m.name,
        ala: m.memberships.includes('ALA'),
        core: m.memberships.includes('CORE'),
        pla: m.memberships.includes('PLA'),
        standing: m.standing === 'good' ? 'GOOD' : 'LAPSED',
      } satisfies MemberRecord;
    },
    (m) => m.email,
    'email',
  );
}

export function checkGroups(rows: CsvRow[]): Checked<GroupRecord> {
  return checkAll(
    rows,
    (row) => {
      const r = groupRow.safeParse(row.values);
      if (!r.success) return r.error;
      const g = r.data;
      const kind = KINDS[g.kind];
      return {
        name: g.name,
        key: groupKey(g.name),
        kind,
        level: LEVELS[g.level],
        eligibility: defaultEligibility(kind, g.open_to_public === 'yes'),
        description: g.description,
        staffLiaison: g.staff_liaison || null,
        convenerEmails: g.conveners,
        ...(g.charter_approved ? { charterApproved: g.charter_approved } : {}),
      } satisfies GroupRecord;
    },
    (g) => g.key,
    'group name',
  );
}

/**
 * Conveners the kind rules refuse: a Core interest group's conveners must be Core members in good
 * standing on the roster (import the members first). One error per convener, by line.
 */
export function convenerProblems(records: GroupRecord[], lines: number[], roster: ReadonlyMap<string, RosterFacts>): string[] {
  const errors: string[] = [];
  records.forEach((g, i) => {
    if (!GROUP_KINDS[g.kind].convenersMustBeCoreMembers) return;
    for (const email of g.convenerEmails) {
      const r = roster.get(email);
      const why = !r ? 'is not on the membership roster' : !r.core ? "isn't a Core member on the roster" : r.standing !== 'GOOD' ? "is a lapsed Core member on the roster" : undefined;
      if (why) errors.push(`line ${lines[i]}: convener ${email} ${why}; conveners of ${GROUP_KINDS[g.kind].plural} must be Core members in good standing`);
    }
  });
  return errors;
}
