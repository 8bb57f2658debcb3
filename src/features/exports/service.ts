// `convene export groups|reports|petitions`: reads what the CSV needs and names the people in it.
import type { Tx } from '../../db/audit.js';
import { endOfDay, localDate } from '../../lib/time.js';
import { parseQuarter, quarterKey, reportStatus } from '../reports/rules.js';
import { dueDates } from '../reports/service.js';
import { auditCsv } from '../audit/service.js';
import { complianceCsv } from '../compliance/service.js';
import { type ExportKind, groupsCsv, type NameOf, petitionsCsv, reportsCsv, type TermName } from './rules.js';
import * as store from './store.js';

/** Shown for a Slack user Convene has never seen (no name, no email): never their raw id. */
export const UNKNOWN_PERSON = 'unknown Slack user';

/**
 * Names for Slack users and convener terms: the roster name (found by email), else the name Slack
 * gave, else the email they were imported by.
 */
async function namer(db: Tx, slackUserIds: string[], termEmails: string[] = []): Promise<{ nameOf: NameOf; termName: TermName }> {
  const people = await store.people(db, [...new Set(slackUserIds)]);
  const emails = [...new Set([...people.flatMap((p) => (p.email ? [p.email.toLowerCase()] : [])), ...termEmails.map((e) => e.toLowerCase())])];
  const roster = new Map((await store.rosterNames(db, emails)).map((r) => [r.email, r.name]));
  const byId = new Map(people.map((p) => [p.slackUserId, p]));
  const ofEmail = (email: string | null | undefined) => (email ? roster.get(email.toLowerCase()) : undefined);
  const nameOf: NameOf = (id) => {
    const p = byId.get(id);
    return ofEmail(p?.email) ?? p?.name ?? p?.email ?? UNKNOWN_PERSON;
  };
  const termName: TermName = (t) => ofEmail(t.email) ?? (t.slackUserId && byId.has(t.slackUserId) ? nameOf(t.slackUserId) : null) ?? t.name ?? t.email ?? UNKNOWN_PERSON;
  return { nameOf, termName };
}

export interface ExportOptions {
  now: Date;
  zone: string;
  /** reports only: one quarter, e.g. "2027-Q1" */
  quarter?: string;
  /** audit only: the group whose timeline to export, as typed */
  group?: string;
}

/** The CSV and how many rows it has. */
export async function exportCsv(db: Tx, kind: ExportKind, opts: ExportOptions): Promise<{ content: string; count: number }> {
  if (kind === 'groups') {
    const groups = await store.groupsWithConveners(db, localDate(opts.now, opts.zone));
    const terms = groups.flatMap((g) => g.conveners);
    const { termName } = await namer(db, terms.flatMap((t) => (t.slackUserId ? [t.slackUserId] : [])), terms.flatMap((t) => (t.email ? [t.email] : [])));
    return { content: groupsCsv(groups, termName), count: groups.length };
  }
  if (kind === 'audit') return auditCsv(db, opts.group ?? '');
  if (kind === 'compliance') return complianceCsv(db, opts.now, opts.zone);
  if (kind === 'reports') {
    const rows = await store.reports(db, opts.quarter);
    const quarters = [...new Set(rows.map((r) => r.quarter))].flatMap((k) => parseQuarter(k) ?? []);
    const dues = await dueDates(db, quarters);
    const { nameOf } = await namer(db, rows.map((r) => r.lastFiledBy));
    const dueOn = (quarter: string) => dues.get(quarter) ?? '';
    const status = (r: (typeof rows)[number]) => {
      const due = dues.get(r.quarter);
      return due ? reportStatus(r.firstFiledAt, endOfDay(due, opts.zone), opts.now).toLowerCase() : 'filed';
    };
    return { content: reportsCsv(rows, nameOf, dueOn, status), count: rows.length };
  }
  const rows = await store.petitions(db);
  const ids = rows.flatMap((p) => [p.petitioner, ...p.organizers, ...(p.decidedBy ? [p.decidedBy] : []), ...(p.reportedToCouncilBy ? [p.reportedToCouncilBy] : [])]);
  const { nameOf } = await namer(db, ids);
  return { content: petitionsCsv(rows, nameOf), count: rows.length };
}

/** "2027-Q1" from what the operator typed ("q1 2027" too), or undefined when it isn't a quarter. */
export function quarterArg(text: string): string | undefined {
  const q = parseQuarter(text);
  return q ? quarterKey(q) : undefined;
}
