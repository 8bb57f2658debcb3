// `/ig admin audit <group>` through Slack's real HTTP surface (signed commands and clicks, the
// fake Web API) and `convene export audit --group` through the CLI: a group's timeline, newest
// first, 20 a page, staff only; the CSV names people, never their Slack ids.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { audit } from '../../src/db/audit.js';
import { parseCsv } from '../../src/lib/csv.js';
import { formatInstant } from '../../src/lib/time.js';
import { cliRunner } from '../support/cli.js';
import { type Harness, startHarness, textOf } from '../support/harness.js';

let h: Harness;
let openData: number;
type Answer = Record<string, unknown> & { text: string };

async function ig(user: string, text: string): Promise<Answer> {
  const before = h.fake.callsTo('response_url').length;
  expect((await h.driver.command(user, '/ig', text)).status).toBe(200);
  const reply = await h.fake.waitFor('response_url', () => h.fake.callsTo('response_url').length > before);
  return { ...reply.args, text: textOf(reply.args) };
}

async function click(user: string, reply: Record<string, unknown>, actionId: string): Promise<Answer> {
  const blocks = reply.blocks as { elements?: { action_id: string; value?: string }[] }[];
  const button = blocks.flatMap((b) => b.elements ?? []).find((b) => b.action_id === actionId);
  if (!button) throw new Error(`no button ${actionId} in ${JSON.stringify(blocks)}`);
  const before = h.fake.callsTo('response_url').length;
  expect((await h.driver.blockAction(user, { action_id: button.action_id, value: button.value })).status).toBe(200);
  const answer = await h.fake.waitFor('response_url', () => h.fake.callsTo('response_url').length > before);
  return { ...answer.args, text: textOf(answer.args) };
}

const unix = (d: Date) => Math.floor(d.getTime() / 1000);
/** The entry lines of a timeline reply, in order. */
const linesOf = (a: Answer) => a.text.split('\n').filter((l) => l.startsWith('• <!date^'));

beforeAll(async () => {
  h = await startHarness({ now: '2027-02-10T16:00:00Z', adminUserIds: ['USTAFF'] });
  for (const [id, name] of [['USTAFF', 'Stella Staff'], ['UMEMBER', 'Mo Member'], ['UANN', 'Ann Archivist']] as const) h.fake.addUser({ id, email: `${id.toLowerCase()}@example.org`, name });
  for (const [slackUserId, name] of [['UANN', 'Ann Archivist'], ['USTAFF', 'Stella Staff']] as const) await h.prisma.person.upsert({ where: { slackUserId }, create: { slackUserId, name }, update: { name } });
  const group = await h.prisma.group.create({ data: { name: 'Open Data', key: 'opendata', kind: 'CORE_IG', eligibility: 'ANYONE', createdAt: new Date('2025-01-05T16:00:00Z') } });
  openData = group.id;
  const other = await h.prisma.group.create({ data: { name: 'Book Arts', key: 'bookarts', kind: 'MIG', eligibility: 'ANYONE' } });
  const petition = await h.prisma.petition.create({
    data: { kind: 'CORE_IG', level: 'DIVISION', name: 'Open Data', purpose: 'Open data.', organizers: ['UANN'], petitioner: 'UANN', status: 'APPROVED', threshold: 10, signatureCount: 10, opensAt: new Date('2024-12-01T16:00:00Z'), expiresAt: new Date('2025-03-01T16:00:00Z'), channelId: 'CPET', createdAt: new Date('2024-12-01T16:00:00Z'), groupId: openData },
  });
  const at = (iso: string) => new Date(iso);
  // The petition that created the group (its subject is the petition), then the group's life.
  await h.prisma.auditLog.create({ data: { at: at('2024-12-01T16:00:00Z'), actor: 'UANN', action: 'petition.filed', subjectType: 'petition', subjectId: String(petition.id), details: {} } });
  await h.prisma.auditLog.create({ data: { at: at('2025-01-05T16:00:00Z'), actor: 'USTAFF', action: 'petition.approved', subjectType: 'petition', subjectId: String(petition.id), details: { groupId: openData } } });
  await h.prisma.auditLog.create({ data: { at: at('2025-01-05T16:00:01Z'), actor: 'USTAFF', action: 'group.created', subjectType: 'group', subjectId: String(openData), details: { name: 'Open Data', source: 'petition', petitionId: petition.id, conveners: ['UANN'] } } });
  for (let i = 1; i <= 21; i++) {
    const month = String(((i - 1) % 12) + 1).padStart(2, '0');
    await h.prisma.auditLog.create({ data: { at: at(`2025-${month}-${String(10 + Math.floor((i - 1) / 12)).padStart(2, '0')}T16:00:00Z`), actor: 'UANN', action: 'meeting.recorded', subjectType: 'group', subjectId: String(openData), details: { heldOn: `2025-${month}-0${1 + Math.floor((i - 1) / 12)}`, format: 'VIRTUAL' } } });
  }
  // An entry about another record that names the group only in its details.
  await h.prisma.auditLog.create({ data: { at: at('2025-06-15T16:00:00Z'), actor: 'UANN', action: 'igweek.claimed', subjectType: 'igweek_session', subjectId: '999', details: { year: 2026, groupId: openData } } });
  // Another group's change never shows in Open Data's timeline.
  await audit(h.prisma, { actor: 'UANN', action: 'group.joined', subjectType: 'group', subjectId: other.id });
});
afterAll(() => h?.close());
beforeEach(() => h.fake.reset());

describe('/ig admin audit <group>', () => {
  it('is refused to anyone but staff, by command and by button', async () => {
    expect((await ig('UMEMBER', 'admin audit open data')).text).toContain('Only staff can use `/ig admin`');
    const page = await ig('USTAFF', 'admin audit open data');
    const refused = await click('UMEMBER', page, 'audit.page.older');
    expect(refused.text).toContain("Only staff can see a group's audit log.");
    expect(linesOf(refused)).toEqual([]);
  });

  it('lists every change of the group, newest first, 20 a page, with Newer/Older', async () => {
    // A change made through Slack now: the newest entry.
    expect((await ig('UMEMBER', 'join open data')).text).toContain('Open Data');
    const first = await ig('USTAFF', 'admin audit open data');
    expect(first.text).toContain('*Audit log: Open Data* — 26 changes, newest first (page 1 of 2)');
    const lines = linesOf(first);
    expect(lines).toHaveLength(20);
    const joined = await h.prisma.auditLog.findFirstOrThrow({ where: { action: 'group.joined', actor: 'UMEMBER' } });
    expect(lines[0]).toBe(`• <!date^${unix(joined.at)}^{date_short_pretty} {time}|${formatInstant(joined.at, h.config.orgTimezone)}> — <@UMEMBER> joined the group`);
    expect(lines[1]).toContain('— <@UANN> recorded a business meeting held 2025-12-01');
    const stamps = lines.map((l) => Number(/<!date\^(\d+)\^/.exec(l)![1]));
    expect(stamps).toEqual([...stamps].sort((a, b) => b - a));
    expect(first.text).not.toContain('Newer');

    const second = await click('USTAFF', first, 'audit.page.older');
    expect(second.replace_original).toBe(true);
    expect(second.text).toContain('(page 2 of 2)');
    const older = linesOf(second);
    expect(older).toHaveLength(6);
    expect(first.text).toContain('— <@UANN> IG Week session #999: claimed');
    expect(older.at(-3)).toContain('— <@USTAFF> created the group (petition #');
    expect(older.at(-2)).toContain('— <@USTAFF> petition #');
    expect(older.at(-2)).toContain(': approved');
    expect(older.at(-1)).toContain('— <@UANN> petition #');
    expect(older.at(-1)).toContain(': filed');
    expect(second.text).not.toContain('Older');
    expect(second.text).not.toContain('Book Arts');

    const back = await click('USTAFF', second, 'audit.page.newer');
    expect(linesOf(back)).toEqual(lines);
  });

  it('says which group it needs', async () => {
    expect((await ig('USTAFF', 'admin audit')).text).toContain('Name a group');
    expect((await ig('USTAFF', 'admin audit basket weaving')).text).toContain('No group matches "basket weaving"');
  });
});

describe('convene export audit', () => {
  const cli = () => cliRunner(() => h.db, h.config, h.clock.now);

  it('writes the whole timeline as CSV, newest first, people by name', async () => {
    const r = await cli()('export', 'audit', '--group', 'open data');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.split('\r\n')[0]).toBe('at_utc,actor,action,what,subject,details');
    const rows = parseCsv(r.out, []).map((row) => row.values);
    expect(rows).toHaveLength(26);
    expect(rows[0]).toMatchObject({ actor: 'Mo Member', action: 'group.joined', what: 'joined the group' });
    expect(rows.at(-1)).toMatchObject({ at_utc: '2024-12-01T16:00:00.000Z', actor: 'Ann Archivist', action: 'petition.filed' });
    const created = rows.find((row) => row.action === 'group.created')!;
    expect(created.actor).toBe('Stella Staff');
    expect(JSON.parse(created.details!)).toMatchObject({ conveners: ['Ann Archivist'] });
    expect(r.out).not.toMatch(/\bU(ANN|STAFF|MEMBER)\b/);
  });

  it('needs --group, and a group that exists', async () => {
    const missing = await cli()('export', 'audit');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('export audit needs --group <name>');
    const unknown = await cli()('export', 'audit', '--group', 'nothing like it');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('No group matches "nothing like it"');
  });
});
