// The staff compliance view (`/ig admin compliance`, the App Home button) and `convene export compliance`.
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { Tx } from '../../db/audit.js';
import { csvTable } from '../../lib/csv.js';
import { type ShownPerson, personPlain } from '../../lib/slack/people.js';
import { isoDateOf, localDate } from '../../lib/time.js';
import { lifecycleKinds, requireRole } from '../admin/service.js';
import { pageOf } from '../audit/rules.js';
import { nextTerm } from '../conveners/rules.js';
import { kindLabel } from '../directory/kinds.js';
import { resolvePeople } from '../people/service.js';
import { quarterKey } from '../reports/rules.js';
import { dueDates } from '../reports/service.js';
import { type Compliance, compliance, COMPLIANCE_COLUMNS, COMPLIANCE_PAGE_SIZE, type ComplianceGroup, quartersThisYear, RENEWAL_LABELS } from './rules.js';
import * as store from './store.js';

export interface ComplianceRow extends Compliance {
  group: ComplianceGroup;
  conveners: ShownPerson[];
  nextConveners: ShownPerson[];
}

/** Every active group with its compliance, by name. */
export async function complianceRows(db: Tx, now: Date, zone: string): Promise<ComplianceRow[]> {
  const today = localDate(now, zone);
  const next = nextTerm(today).startsOn;
  const groups = await store.activeGroups(db);
  const ids = groups.map((g) => g.id);
  const quarters = quartersThisYear(today);
  const [terms, reports, renewals, dues] = await Promise.all([
    store.termsCovering(db, ids, [today, next]),
    store.reportsFor(db, ids, quarters.map(quarterKey)),
    store.renewalsOf(db, ids),
    dueDates(db, quarters),
  ]);
  const facts = { now, zone, quarters: quarters.map((quarter) => ({ quarter, dueOn: dues.get(quarterKey(quarter))! })), reports, renewals, lifecycleKinds: await lifecycleKinds(db) };
  const covers = (t: (typeof terms)[number], day: string) => isoDateOf(t.startsOn) <= day && isoDateOf(t.endsOn) >= day;
  const shown = await resolvePeople(db, terms);
  const people = terms.map((t, i) => ({ t, p: shown[i]! }));
  return groups.map((group) => {
    const mine = people.filter(({ t }) => t.groupId === group.id);
    const nextConveners = mine.filter(({ t }) => covers(t, next)).map(({ p }) => p);
    return { group, conveners: mine.filter(({ t }) => covers(t, today)).map(({ p }) => p), nextConveners, ...compliance(group, nextConveners.length > 0, facts) };
  });
}

export interface ComplianceDeps {
  prisma: PrismaClient;
  clock: () => Date;
  zone: string;
}

/** One page of the view, all groups or only those needing attention. Staff only. */
export async function complianceView(deps: ComplianceDeps, userId: string, opts: { attention: boolean; page: number }) {
  await requireRole(deps.prisma, userId, 'STAFF', 'see the compliance view');
  const now = deps.clock();
  const all = await complianceRows(deps.prisma, now, deps.zone);
  const shown = opts.attention ? all.filter((r) => r.attention.length) : all;
  const at = pageOf(shown.length, opts.page, COMPLIANCE_PAGE_SIZE);
  return {
    now,
    zone: deps.zone,
    attention: opts.attention,
    total: shown.length,
    needingAttention: all.filter((r) => r.attention.length).length,
    ...at,
    rows: shown.slice((at.page - 1) * COMPLIANCE_PAGE_SIZE, at.page * COMPLIANCE_PAGE_SIZE),
  };
}

const NA = 'n/a';

export async function complianceCsv(db: Tx, now: Date, zone: string): Promise<{ content: string; count: number }> {
  const rows = await complianceRows(db, now, zone);
  const names = (people: ShownPerson[]) => people.map(personPlain).join('; ');
  const content = csvTable(
    COMPLIANCE_COLUMNS,
    rows.map((r) => ({
      group: r.group.name,
      kind: kindLabel(r.group.kind),
      conveners: names(r.conveners),
      next_term_conveners: names(r.nextConveners),
      last_activity_utc: r.group.lastActivityAt?.toISOString() ?? '',
      reports_filed: r.reports ? String(r.reports.filed) : NA,
      reports_late: r.reports ? String(r.reports.late) : NA,
      reports_missing: r.reports ? String(r.reports.missing) : NA,
      charter_due_on: r.charter?.dueOn ?? NA,
      renewal_status: r.charter ? RENEWAL_LABELS[r.charter.renewal] : NA,
      dissolves_on: r.dissolution ? localDate(r.dissolution.at, zone) : NA,
      dissolution_reason: r.dissolution?.reason ?? NA,
      at_risk: r.dissolution ? (r.dissolution.atRisk ? 'yes' : 'no') : NA,
      needs_attention: r.attention.join('; '),
    })),
  );
  return { content, count: rows.length };
}
