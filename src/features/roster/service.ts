// Imports of the membership roster and the group directory from CSV, and the seed groups.
// A file is checked whole before anything is written, then applied in one transaction.
import type { PrismaClient } from '../../generated/prisma/client.js';
import { audit } from '../../db/audit.js';
import { CsvError, parseCsv } from '../../lib/csv.js';
import { type Clock, dateOnly, localDate, termYearContaining } from '../../lib/time.js';
import * as directory from '../directory/store.js';
import { checkGroups, checkMembers, convenerProblems, GROUP_COLUMNS, type GroupRecord, MEMBER_COLUMNS } from './rules.js';
import { SEED_GROUPS } from './seed-groups.js';
import * as store from './store.js';
import { setCharterDate } from '../charters/store.js';

/** A file that can't be imported; `errors` name the lines at fault. Nothing was written. */
export class ImportError extends Error {
  constructor(readonly errors: string[]) {
    super(`nothing was imported:\n${errors.map((e) => `  ${e}`).join('\n')}`);
    this.name = 'ImportError';
  }
}

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
}

function rowsOf(text: string, columns: string[]) {
  try {
    return parseCsv(text, columns);
  } catch (error) {
    if (error instanceof CsvError) throw new ImportError([error.message]);
    throw error;
  }
}

export async function importMembers(prisma: PrismaClient, csv: string, actor: string): Promise<ImportSummary> {
  const checked = checkMembers(rowsOf(csv, MEMBER_COLUMNS));
  if (!checked.ok) throw new ImportError(checked.errors);
  return prisma.$transaction(
    async (tx) => {
      const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0 };
      for (const m of checked.records) summary[await store.upsertMember(tx, m)]++;
      await audit(tx, { actor, action: 'roster.imported', subjectType: 'roster', subjectId: 'members', details: { ...summary } });
      return summary;
    },
    { timeout: 120_000 },
  );
}

export interface GroupImportOptions {
  clock: Clock;
  orgTimezone: string;
}

async function applyGroups(prisma: PrismaClient, records: GroupRecord[], actor: string, opts: GroupImportOptions): Promise<ImportSummary & { conveners: number }> {
  const term = termYearContaining(localDate(opts.clock(), opts.orgTimezone));
  return prisma.$transaction(
    async (tx) => {
      const summary = { created: 0, updated: 0, unchanged: 0, conveners: 0 };
      for (const { convenerEmails, ...group } of records) {
        const { charterApproved, ...input } = group;
        const r = await directory.upsertGroup(tx, input);
        const charterOn = charterApproved ?? (r.created ? localDate(opts.clock(), opts.orgTimezone) : undefined);
        if (charterOn && (await setCharterDate(tx, r.id, dateOnly(charterOn))) && !r.created) {
          await audit(tx, { actor, action: 'group.charter_date_set', subjectType: 'group', subjectId: r.id, details: { charterApprovedOn: charterOn, source: 'import' } });
        }
        const outcome = r.created ? 'created' : r.changed ? 'updated' : 'unchanged';
        summary[outcome]++;
        if (outcome !== 'unchanged') await audit(tx, { actor, action: `group.${outcome}`, subjectType: 'group', subjectId: r.id, details: { name: group.name, source: 'import' } });
        for (const email of convenerEmails) {
          if (await directory.ensureConvenerTerm(tx, { groupId: r.id, email, ...term })) {
            summary.conveners++;
            await audit(tx, { actor, action: 'convener.term.added', subjectType: 'group', subjectId: r.id, details: { email, ...term } });
          }
        }
      }
      return summary;
    },
    { timeout: 120_000 },
  );
}

export async function importGroups(prisma: PrismaClient, csv: string, actor: string, opts: GroupImportOptions) {
  const checked = checkGroups(rowsOf(csv, GROUP_COLUMNS));
  if (!checked.ok) throw new ImportError(checked.errors);
  const roster = await store.rosterFacts(prisma, [...new Set(checked.records.flatMap((g) => g.convenerEmails))]);
  const refused = convenerProblems(checked.records, checked.lines, roster);
  if (refused.length) throw new ImportError(refused);
  return applyGroups(prisma, checked.records, actor, opts);
}

/** Loads the groups named in the seed documents; running it again changes nothing. */
export async function seedGroups(prisma: PrismaClient, actor: string, opts: GroupImportOptions) {
  return applyGroups(prisma, SEED_GROUPS, actor, opts);
}
