// The staff compliance view through the real path: `/ig admin compliance [needs-attention]` and
// its buttons (signed requests, the fake Web API), the App Home's button, and
// `convene export compliance` through the CLI.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/lib/csv.js';
import { cliRunner } from '../support/cli.js';
import { type Harness, startHarness, textOf } from '../support/harness.js';

let h: Harness;
type Answer = Record<string, unknown> & { text: string };
type Blocks = { elements?: { action_id: string; value?: string }[]; accessory?: { action_id: string; value?: string } }[];

async function ig(user: string, text: string): Promise<Answer> {
  const before = h.fake.callsTo('response_url').length;
  expect((await h.driver.command(user, '/ig', text)).status).toBe(200);
  const reply = await h.fake.waitFor('response_url', () => h.fake.callsTo('response_url').length > before);
  return { ...reply.args, text: textOf(reply.args) };
}

function buttonIn(blocks: Blocks, actionId: string) {
  const b = blocks.flatMap((x) => [...(x.elements ?? []), ...(x.accessory ? [x.accessory] : [])]).find((e) => e.action_id === actionId);
  if (!b) throw new Error(`no button ${actionId} in ${JSON.stringify(blocks)}`);
  return b;
}

async function click(user: string, reply: Record<string, unknown>, actionId: string): Promise<Answer> {
  const b = buttonIn(reply.blocks as Blocks, actionId);
  const before = h.fake.callsTo('response_url').length;
  expect((await h.driver.blockAction(user, { action_id: b.action_id, value: b.value })).status).toBe(200);
  const answer = await h.fake.waitFor('response_url', () => h.fake.callsTo('response_url').length > before);
  return { ...answer.args, text: textOf(answer.args) };
}

/** The text of the row (section) for a group. */
function rowOf(a: Answer, name: string): string {
  const blocks = a.blocks as { text?: { text: string } }[];
  return blocks.map((b) => b.text?.text ?? '').find((t) => t.includes(`*${name}*`)) ?? '';
}

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const THIS_TERM = { startsOn: day('2026-07-01'), endsOn: day('2027-06-30') };
const NEXT_TERM = { startsOn: day('2027-07-01'), endsOn: day('2028-06-30') };

async function group(name: string, o: { kind?: 'CORE_IG' | 'MIG'; charter?: string; lastActivity?: string; next?: boolean; q1Filed?: boolean }) {
  const g = await h.prisma.group.create({
    data: {
      name,
      key: name.toLowerCase().replace(/[^a-z0-9]/g, ''),
      kind: o.kind ?? 'CORE_IG',
      eligibility: 'ANYONE',
      createdAt: new Date('2026-01-05T16:00:00Z'),
      charterApprovedOn: o.charter ? day(o.charter) : null,
      lastActivityAt: new Date(o.lastActivity ?? '2027-04-01T16:00:00Z'),
      conveners: { create: [{ slackUserId: 'UANN', ...THIS_TERM }, ...(o.next === false ? [] : [{ slackUserId: 'UBEA', ...NEXT_TERM }])] },
    },
  });
  if (o.q1Filed !== false && (o.kind ?? 'CORE_IG') === 'CORE_IG') {
    await h.prisma.quarterlyReport.create({ data: { groupId: g.id, quarter: '2027-Q1', activities: 'a', progress: 'p', deliverables: [], plans: 'x', firstFiledAt: new Date('2027-04-20T15:00:00Z'), lastFiledAt: new Date('2027-04-20T15:00:00Z'), lastFiledBy: 'UANN' } });
  }
  return g;
}

beforeAll(async () => {
  // May 10, 2027 (Chicago): the 2027 Q1 report was due April 30.
  h = await startHarness({ now: '2027-05-10T16:00:00Z', adminUserIds: ['USTAFF'], env: { ORG_TIMEZONE: 'America/Chicago' } });
  h.fake.addUser({ id: 'USTAFF', email: 'ustaff@example.org', name: 'Stella Staff' });
  for (const [id, name] of [['UANN', 'Ann Archivist'], ['UBEA', 'Bea Binder'], ['UMEMBER', 'Mo Member']] as const) {
    h.fake.addUser({ id, email: `${id.toLowerCase()}@example.org`, name });
    await h.prisma.person.create({ data: { slackUserId: id, name } });
  }
  await group('Alpha Missing', { q1Filed: false, charter: '2026-01-05' });
  await group('Beta No Next', { next: false, charter: '2026-01-05' });
  await group('Gamma Fading', { charter: '2026-01-05', lastActivity: '2024-06-20T15:00:00Z' });
  const delta = await group('Delta Renewing', { charter: '2024-07-01' });
  await h.prisma.charterRenewal.create({ data: { groupId: delta.id, status: 'REQUESTED', activities: 'a', deliverables: 'd', conveners: 'c', plans: 'p', requestedBy: 'UANN', requestedAt: new Date('2027-04-10T15:00:00Z') } });
  await group('Echo Fine', { charter: '2026-01-05' });
  await group('Foxtrot Lapsing', { charter: '2024-07-01' });
  await group('Book Arts', { kind: 'MIG' });
  for (let i = 1; i <= 6; i++) await group(`Zine Circle ${i}`, { kind: 'MIG' });
  await h.prisma.group.create({ data: { name: 'Gone Group', key: 'gonegroup', kind: 'CORE_IG', eligibility: 'ANYONE', status: 'DISSOLVED' } });
});
afterAll(() => h?.close());
beforeEach(() => h.fake.reset());

describe('/ig admin compliance', () => {
  it('is for staff only', async () => {
    expect((await ig('UMEMBER', 'admin compliance')).text).toContain('Only staff can use `/ig admin`');
    const page = await ig('USTAFF', 'admin compliance');
    expect((await click('UMEMBER', page, 'compliance.filter')).text).toContain('Only staff can see the compliance view.');
  });

  it('shows each active group: conveners now and next term, activity, reports, charter, dissolution risk', async () => {
    const page = await ig('USTAFF', 'admin compliance');
    expect(page.text).toContain('*Compliance* — 13 groups active (4 need attention) · page 1 of 2');
    expect(page.text).not.toContain('Gone Group');
    const alpha = rowOf(page, 'Alpha Missing');
    expect(alpha).toContain(':warning: *Alpha Missing* — Core interest group');
    expect(alpha).toContain('Conveners: <@UANN> · next term: <@UBEA>');
    expect(alpha).toContain('Reports this year: 0 filed, 0 late, 1 missing');
    expect(alpha).toContain('Charter: due Jan 5, 2029 (not due yet)');
    expect(alpha).toContain('_Needs attention: 1 missing report_');
    const beta = rowOf(page, 'Beta No Next');
    expect(beta).toContain('next term: _nobody_');
    expect(beta).toContain('_Needs attention: no convener for next term_');
    const gamma = rowOf(page, 'Gamma Fading');
    expect(gamma).toContain('Dissolution: :rotating_light: Jun 20, 2027 (no activity)');
    expect(gamma).toContain('_Needs attention: dissolves for inactivity by 2027-06-20_');
    const delta = rowOf(page, 'Delta Renewing');
    expect(delta).toContain('Charter: due Jul 1, 2027 (renewal requested)');
    // A renewal under review holds the charter deadline (the board decides): only inactivity counts.
    expect(delta).toContain('Dissolution: Apr 1, 2030 (no activity)');
    expect(delta).not.toContain('Needs attention');
    const foxtrot = rowOf(page, 'Foxtrot Lapsing');
    expect(foxtrot).toContain('Charter: due Jul 1, 2027 (renewal due) · Dissolution: :rotating_light: Jul 1, 2027 (charter lapses)');
    expect(foxtrot).toContain('_Needs attention: renewal due; dissolves when its charter lapses by 2027-07-01_');
    const echo = rowOf(page, 'Echo Fine');
    expect(echo).toContain(':white_check_mark: *Echo Fine*');
    expect(echo).toContain('Reports this year: 1 filed, 0 late, 0 missing');
    expect(echo).not.toContain('Needs attention');
    const mig = rowOf(page, 'Book Arts');
    expect(mig).toContain('Reports this year: n/a');
    expect(mig).toContain('Charter: n/a · Dissolution: n/a');

    const second = await click('USTAFF', page, 'compliance.page.next');
    expect(second.replace_original).toBe(true);
    expect(second.text).toContain('page 2 of 2');
    expect(second.text).toContain('*Zine Circle 6*');
    expect(second.text).not.toContain('*Alpha Missing*');
  });

  it('filters to the groups needing attention, by argument and by button', async () => {
    const only = await ig('USTAFF', 'admin compliance needs-attention');
    expect(only.text).toContain('4 groups needing attention');
    for (const name of ['Alpha Missing', 'Beta No Next', 'Gamma Fading', 'Foxtrot Lapsing']) expect(rowOf(only, name)).not.toBe('');
    for (const name of ['Echo Fine', 'Book Arts', 'Delta Renewing']) expect(only.text).not.toContain(`*${name}*`);
    const all = await click('USTAFF', only, 'compliance.filter');
    expect(all.text).toContain('13 groups active');
    const again = await click('USTAFF', all, 'compliance.filter');
    expect(again.text).toContain('4 groups needing attention');
  });

  it('opens from the App Home staff section', async () => {
    expect((await h.driver.event({ type: 'app_home_opened', user: 'USTAFF', tab: 'home', channel: 'DUSTAFF' }, { eventId: 'Ev-compliance-home' })).status).toBe(200);
    const publish = await h.fake.waitFor('views.publish', (c) => c.args.user_id === 'USTAFF');
    const view = publish.args.view as { id?: string; blocks: Blocks };
    const b = buttonIn(view.blocks, 'compliance.open');
    const before = h.fake.callsTo('chat.postMessage').length;
    expect((await h.driver.blockAction('USTAFF', { action_id: b.action_id, value: b.value, type: 'button' }, { view: { id: (publish.response as { view: { id: string } }).view.id, callback_id: '', type: 'home' } })).status).toBe(200);
    const dm = await h.fake.waitFor('chat.postMessage', () => h.fake.callsTo('chat.postMessage').length > before);
    expect(dm.args.channel).toBe('USTAFF');
    expect(dm.response?.ok).toBe(true);
    expect(textOf(dm.args)).toContain('*Compliance* — 13 groups active');
  });
});

describe('convene export compliance', () => {
  it('writes every active group with the same columns, people by name, n/a where the kind has no such duty', async () => {
    const r = await cliRunner(() => h.db, h.config, h.clock.now)('export', 'compliance');
    expect(r.code).toBe(0);
    expect(r.out.split('\r\n')[0]).toBe(
      'group,kind,conveners,next_term_conveners,last_activity_utc,reports_filed,reports_late,reports_missing,charter_due_on,renewal_status,dissolves_on,dissolution_reason,at_risk,needs_attention',
    );
    const rows = parseCsv(r.out, []).map((x) => x.values);
    expect(rows).toHaveLength(13);
    expect(rows.find((x) => x.group === 'Alpha Missing')).toMatchObject({ kind: 'Core interest group', conveners: 'Ann Archivist', next_term_conveners: 'Bea Binder', reports_missing: '1', charter_due_on: '2029-01-05', renewal_status: 'not due yet', at_risk: 'no', needs_attention: '1 missing report' });
    expect(rows.find((x) => x.group === 'Gamma Fading')).toMatchObject({ dissolves_on: '2027-06-20', dissolution_reason: 'inactivity', at_risk: 'yes', last_activity_utc: '2024-06-20T15:00:00.000Z' });
    expect(rows.find((x) => x.group === 'Book Arts')).toMatchObject({ kind: 'Membership initiative group', reports_filed: 'n/a', charter_due_on: 'n/a', renewal_status: 'n/a', dissolves_on: 'n/a', at_risk: 'n/a', needs_attention: '' });
    expect(r.out).not.toMatch(/\bU(ANN|BEA)\b/);
  });
});
