// `convene export groups|reports|petitions`: CSV read back and checked; people appear by name
// (roster name, else Slack name, else the email they were imported by), never by Slack user id.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { importMembers } from '../../src/features/roster/service.js';
import { parseCsv } from '../../src/lib/csv.js';
import { cliRunner } from '../support/cli.js';
import { openTestDatabase, type TestDatabase } from '../support/harness.js';

let t: TestDatabase;
// May 5, 2027: the 2027 Q1 report was due April 30.
const NOW = new Date('2027-05-05T15:00:00Z');
const config = loadConfig({ LOG_LEVEL: 'error', ORG_TIMEZONE: 'America/Chicago' });
const SLACK_ID = /\b[UW][A-Z0-9]{3,}\b/;

const cli = cliRunner(() => t.db, config, () => NOW);

const rowsOf = (csv: string) => parseCsv(csv, []).map((r) => r.values);

beforeAll(async () => {
  t = await openTestDatabase();
  const prisma = t.db.prisma;
  await importMembers(
    prisma,
    ['email,name,memberships,standing', 'ann@example.org,Ann Archivist,Core;ALA,good', 'alma@example.org,Alma Organizer,ALA,good', 'olga@example.org,Olga Organizer,ALA,good'].join('\n'),
    'test',
  );
  await prisma.person.createMany({
    data: [
      { slackUserId: 'UANN', email: 'ann@example.org', name: 'ann' },
      { slackUserId: 'UBOB', email: 'bob@example.org', name: 'Bob Slack' },
      { slackUserId: 'UALMA', email: 'alma@example.org' },
      { slackUserId: 'UOLGA', email: 'olga@example.org' },
      { slackUserId: 'USTAFF', name: 'Stella Staff' },
    ],
  });
  const term = { startsOn: new Date('2026-07-01T00:00:00Z'), endsOn: new Date('2027-06-30T00:00:00Z') };
  const open = await prisma.group.create({
    data: {
      name: 'Open Data',
      key: 'opendata',
      kind: 'CORE_IG',
      level: 'SECTION',
      eligibility: 'ANYONE',
      description: 'Open data, "linked", and more',
      staffLiaison: 'Sam Liaison',
      channelId: 'COPEN',
      createdAt: new Date('2026-01-01T00:00:00Z'),
      conveners: { create: [{ slackUserId: 'UANN', ...term }, { email: 'carl@example.org', name: 'Carl Imported', ...term }, { slackUserId: 'UBOB', startsOn: new Date('2024-07-01T00:00:00Z'), endsOn: new Date('2025-06-30T00:00:00Z') }] },
      members: { create: [{ slackUserId: 'UANN' }, { slackUserId: 'UBOB' }] },
    },
  });
  await prisma.group.create({ data: { name: 'Book Arts', key: 'bookarts', kind: 'MIG', eligibility: 'ALA_MEMBERS', createdAt: new Date('2026-01-01T00:00:00Z') } });

  const content = { activities: 'Two meetups', progress: 'Webinar planned', deliverables: ['ongoing_discussion', 'online_course'], issues: '', plans: 'Run it' };
  await prisma.quarterlyReport.create({
    data: { groupId: open.id, quarter: '2027-Q1', ...content, activities: 'Three meetups, one "hackathon"', revision: 2, firstFiledAt: new Date('2027-04-20T15:00:00Z'), lastFiledAt: new Date('2027-04-25T15:00:00Z'), lastFiledBy: 'UANN' },
  });
  await prisma.quarterlyReport.create({ data: { groupId: open.id, quarter: '2026-Q4', ...content, firstFiledAt: new Date('2027-02-10T15:00:00Z'), lastFiledAt: new Date('2027-02-10T15:00:00Z'), lastFiledBy: 'UGHOST' } });

  const dates = { opensAt: new Date('2027-01-01T15:00:00Z'), expiresAt: new Date('2027-05-01T04:59:59Z'), createdAt: new Date('2027-01-01T15:00:00Z'), channelId: 'CPETITIONS' };
  await prisma.petition.create({
    data: {
      kind: 'MIG', name: 'Book Arts', purpose: 'Bookbinding, letterpress and the book arts in libraries.', organizers: ['UALMA', 'UOLGA'], petitioner: 'UALMA', status: 'APPROVED', threshold: 100, signatureCount: 104,
      decidedBy: 'USTAFF', decidedAt: new Date('2027-03-01T16:00:00Z'), reportToCouncil: true, reportedToCouncilAt: new Date('2027-03-09T16:00:00Z'), reportedToCouncilBy: 'USTAFF', ...dates,
      organizerAddresses: { create: [{ slackUserId: 'UALMA', position: 1, address: '50 E Huron St\nChicago IL 60611' }, { slackUserId: 'UOLGA', position: 2, address: '1 Main St, Springfield IL 62701' }] },
    },
  });
  await prisma.petition.create({
    data: { kind: 'CORE_IG', level: 'DIVISION', name: 'Zine Circle', purpose: 'Zines.', organizers: ['UANN'], petitioner: 'UNEVERSEEN', status: 'COLLECTING', threshold: 10, signatureCount: 3, ...dates },
  });
});
afterAll(() => t?.dispose());

describe('convene export groups', () => {
  it('writes every group with its current conveners by name', async () => {
    const r = await cli('export', 'groups');
    expect(r.code).toBe(0);
    const rows = rowsOf(r.out);
    expect(rows.map((g) => g.name)).toEqual(['Book Arts', 'Open Data']);
    expect(rows[1]).toEqual({
      name: 'Open Data',
      kind: 'Core interest group',
      level: 'Section',
      status: 'active',
      eligibility: 'Open to everyone',
      conveners: 'Ann Archivist; Carl Imported',
      members: '2',
      staff_liaison: 'Sam Liaison',
      channel_id: 'COPEN',
      created_utc: '2026-01-01T00:00:00.000Z',
      description: 'Open data, "linked", and more',
    });
    expect(rows[0]).toMatchObject({ kind: 'Membership initiative group', level: '', conveners: '', eligibility: 'ALA members in good standing' });
    expect(r.out).not.toMatch(SLACK_ID);
  });
});

describe('convene export reports', () => {
  it('writes each filed report (current version) with who filed it by name, its due date and status', async () => {
    const r = await cli('export', 'reports');
    expect(r.code).toBe(0);
    const rows = rowsOf(r.out);
    expect(rows.map((x) => [x.group, x.quarter, x.due_on, x.status, x.version, x.last_filed_by])).toEqual([
      ['Open Data', '2027-Q1', '2027-04-30', 'filed', '2', 'Ann Archivist'],
      ['Open Data', '2026-Q4', '2027-01-31', 'late', '1', 'unknown Slack user'],
    ]);
    expect(rows[0]).toMatchObject({ activities: 'Three meetups, one "hackathon"', deliverables: 'Ongoing discussion; Online course or webinar', last_filed_utc: '2027-04-25T15:00:00.000Z' });
    expect(r.out).not.toMatch(SLACK_ID);
    const q1 = await cli('export', 'reports', '--quarter', 'q1 2027');
    expect(rowsOf(q1.out).map((x) => x.quarter)).toEqual(['2027-Q1']);
    expect(await cli('export', 'reports', '--quarter', 'spring')).toMatchObject({ code: 2, err: 'convene: --quarter "spring" is not a quarter; write it like 2027-Q1' });
  });
});

describe('convene export petitions', () => {
  it('writes every petition: people by name, each organizer with their address, the Council report', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'convene-export-'));
    const file = join(dir, 'petitions.csv');
    const r = await cli('export', 'petitions', '--out', file);
    expect(r).toEqual({ code: 0, out: `Wrote 2 petitions as CSV to ${file}.`, err: '' });
    const csv = await readFile(file, 'utf8');
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = rowsOf(csv);
    expect(rows[0]).toMatchObject({
      number: '1',
      kind: 'Membership initiative group',
      name: 'Book Arts',
      status: 'Approved',
      filed_by: 'Alma Organizer',
      leaders: 'Alma Organizer; Olga Organizer',
      organizer_addresses: 'Alma Organizer: 50 E Huron St, Chicago IL 60611; Olga Organizer: 1 Main St, Springfield IL 62701',
      signatures: '104',
      decided_by: 'Stella Staff',
      report_to_council: 'yes',
      reported_to_council_utc: '2027-03-09T16:00:00.000Z',
      reported_to_council_by: 'Stella Staff',
    });
    expect(rows[1]).toMatchObject({ kind: 'Core interest group', level: 'Division', status: 'Collecting signatures', filed_by: 'unknown Slack user', leaders: 'Ann Archivist', report_to_council: 'no', organizer_addresses: '' });
    expect(csv).not.toMatch(SLACK_ID);
  });

  it('refuses unknown exports and options, and lists them in the help', async () => {
    expect(await cli('export', 'members')).toMatchObject({ code: 2, err: expect.stringContaining('convene export needs igweek, groups, reports, petitions, audit or compliance') });
    expect(await cli('export', 'groups', '--quarter', '2027-Q1')).toMatchObject({ code: 2, err: expect.stringContaining('unknown option "--quarter" for export groups') });
    expect(await cli('export', 'groups', '--out')).toMatchObject({ code: 2, err: 'convene: --out needs a value' });
    const help = await cli('help');
    expect(help.out).toContain('export groups|petitions [--out <file>]');
    expect(help.out).toContain('export reports [--quarter <quarter>] [--out <file>]');
    expect(help.out).toContain('export audit --group <name> [--out <file>]');
  });
});
