// `convene export igweek`: the program as CSV and iCalendar, read back and checked.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { loadConfig } from '../../src/config.js';
import { bootstrapAdmins } from '../../src/features/admin/service.js';
import { groupKey } from '../../src/features/directory/rules.js';
import { foldLine } from '../../src/features/igweek/export.js';
import { saveSettings } from '../../src/features/igweek/service.js';
import { parseCsv } from '../../src/lib/csv.js';
import { openTestDatabase, type TestDatabase } from '../support/harness.js';

let t: TestDatabase;
const NOW = new Date('2026-02-20T12:00:00Z');
const config = loadConfig({ LOG_LEVEL: 'error' });

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, config, { out: (l) => out.push(l), err: (l) => err.push(l) }, {
    // The test database stays open across runs: the CLI's close() is a no-op here.
    openDatabase: async () => ({ ...t.db, close: async () => {} }),
    clock: () => NOW,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Unfolds an iCalendar text into its content lines (RFC 5545 3.1). */
function unfold(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean);
}

function unescapeText(v: string): string {
  return v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function events(ics: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  let current: Record<string, string> | undefined;
  for (const line of unfold(ics)) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      out.push(current!);
      current = undefined;
    } else if (current) {
      const i = line.indexOf(':');
      current[line.slice(0, i)] = line.slice(i + 1);
    }
  }
  return out;
}

beforeAll(async () => {
  t = await openTestDatabase();
  const prisma = t.db.prisma;
  await bootstrapAdmins(prisma, ['USTAFF']);
  // 2026's week moved after the DST change (Sunday March 8): 10:00 Central is 15:00 UTC.
  await saveSettings({ prisma, clock: () => NOW, orgTimezone: 'America/Chicago' }, 'USTAFF', 2026, {
    firstDay: '2026-03-09', lastDay: '2026-03-13', hours: '', slotCount: '', opensDate: null, opensTime: null, detailsDueOn: null, survey: '', claiming: 'AUTO',
  });
  const slots = await prisma.igWeekSlot.findMany({ where: { year: 2026 }, orderBy: { startsAt: 'asc' } });
  const a = await prisma.group.create({ data: { name: 'Metadata, Cataloging; & More', key: groupKey('Metadata Cataloging More'), kind: 'CORE_IG', eligibility: 'ANYONE' } });
  const b = await prisma.group.create({ data: { name: 'Preservation', key: 'preservation', kind: 'CORE_IG', eligibility: 'ANYONE' } });
  await prisma.person.create({ data: { slackUserId: 'USPEAK', name: 'Sam Speaker' } });
  await prisma.igWeekSession.create({
    data: {
      year: 2026, slotId: slots[0]!.id, groupId: a.id, claimedBy: 'UX', title: 'Linked data, "in practice"; part 2',
      description: 'Line one\nLine two with a backslash \\ and ünïcödé — long enough to need folding across several iCalendar lines, surely, yes.',
      setup: 'WEBINAR', polls: true, breakoutRooms: false, speakerUserIds: ['USPEAK'], outsideSpeakers: ['Dr. Ann Outside'],
      registrationUrl: 'https://zoom.us/webinar/register/WN_abc123?x=1,2',
    },
  });
  await prisma.igWeekSession.create({ data: { year: 2026, slotId: slots[7]!.id, groupId: b.id, claimedBy: 'UY' } });
});
afterAll(() => t?.dispose());

describe('convene export igweek --format ics', () => {
  it('writes one VEVENT per session with UTC times (after the DST change), CRLF lines, folding and escaping', async () => {
    const r = await cli('export', 'igweek', '--year', '2026', '--format', 'ics');
    expect(r.code).toBe(0);
    const ics = `${r.out}\r\n`;
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // every line break is CRLF
    for (const raw of ics.split('\r\n')) expect(Buffer.byteLength(raw, 'utf8')).toBeLessThanOrEqual(75);
    const [first, second] = events(ics);
    expect(events(ics)).toHaveLength(2);
    expect(first).toMatchObject({
      DTSTART: '20260309T150000Z',
      DTEND: '20260309T160000Z',
      DTSTAMP: '20260220T120000Z',
      UID: expect.stringMatching(/^igweek-2026-session-\d+@convene$/),
      URL: 'https://zoom.us/webinar/register/WN_abc123?x=1,2',
      LOCATION: 'Zoom (registration required)',
    });
    expect(unescapeText(first!.SUMMARY!)).toBe('Metadata, Cataloging; & More: Linked data, "in practice"; part 2');
    const description = unescapeText(first!.DESCRIPTION!);
    expect(description).toContain('Line one\nLine two with a backslash \\ and ünïcödé');
    expect(description).toContain('Speakers: Sam Speaker, Dr. Ann Outside');
    expect(description).toContain('Register: https://zoom.us/webinar/register/WN_abc123?x=1,2');
    // Tuesday 12:00 CDT
    expect(second).toMatchObject({ DTSTART: '20260310T170000Z', DTEND: '20260310T180000Z', SUMMARY: 'Preservation: Title to come' });
    expect(second!.URL).toBeUndefined();
    expect(first!.UID).not.toBe(second!.UID);
  });

  it('folds without splitting a multi-byte character', () => {
    const folded = foldLine(`DESCRIPTION:${'é'.repeat(80)}`);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.replace(/\r\n /g, '')).toBe(`DESCRIPTION:${'é'.repeat(80)}`);
  });
});

describe('convene export igweek --format csv', () => {
  it('writes the program to a file, one row per session, with Central and UTC times', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'igweek-'));
    const file = join(dir, 'program.csv');
    const r = await cli('export', 'igweek', '--year=2026', '--format=csv', '--out', file);
    expect(r).toMatchObject({ code: 0, out: `Wrote IG Week 2026 (2 sessions) as CSV to ${file}.` });
    const text = await readFile(file, 'utf8');
    expect(text.split('\r\n')[0]).toBe('year,date,start_central,end_central,start_utc,end_utc,group,title,description,setup,polls,breakout_rooms,speakers,moderator,registration_url,practice_session_utc,recording_url');
    const rows = parseCsv(text, ['group']);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.values).toMatchObject({
      date: '2026-03-09',
      start_central: '10:00',
      end_central: '11:00',
      start_utc: '2026-03-09T15:00:00.000Z',
      group: 'Metadata, Cataloging; & More',
      title: 'Linked data, "in practice"; part 2',
      setup: 'webinar',
      polls: 'yes',
      breakout_rooms: 'no',
      speakers: 'Sam Speaker; Dr. Ann Outside',
    });
    expect(rows[0]!.values.description).toContain('Line one\nLine two');
    expect(rows[1]!.values).toMatchObject({ group: 'Preservation', start_central: '12:00', title: '', polls: '' });
  });
});

describe('bad input', () => {
  it('exits 2 for a bad year, a bad or missing format, an unknown option or export', async () => {
    for (const argv of [
      ['export', 'igweek', '--year', '27', '--format', 'ics'],
      ['export', 'igweek', '--year', 'next', '--format', 'csv'],
      ['export', 'igweek', '--year', '2026', '--format', 'pdf'],
      ['export', 'igweek', '--year', '2026'],
      ['export', 'igweek', '--year', '2026', '--format', 'csv', '--colour', 'red'],
      ['export', 'petitions', '--format', 'csv'],
    ]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toMatch(/^convene: /);
    }
    expect((await cli('export', 'igweek', '--year', '27', '--format', 'ics')).err).toContain('"27" is not a year');
    expect((await cli('export', 'igweek', '--format', 'pdf')).err).toContain('--format must be csv or ics (not "pdf")');
  });

  it('exports an empty calendar for a year without sessions', async () => {
    const r = await cli('export', 'igweek', '--year', '2030', '--format', 'ics');
    expect(r.code).toBe(0);
    expect(events(`${r.out}\r\n`)).toHaveLength(0);
    expect(r.out).toContain('END:VCALENDAR');
  });
});

describe('people in the exports', () => {
  it('names speakers and moderators (roster name, else Slack name), never by user id', async () => {
    const prisma = t.db.prisma;
    await prisma.rosterMember.create({ data: { email: 'rose@example.org', name: 'Rose Roster', core: true } });
    await prisma.person.create({ data: { slackUserId: 'UROSE', email: 'rose@example.org', name: 'rose.slack' } });
    const slots = await prisma.igWeekSlot.findMany({ where: { year: 2026 }, orderBy: { startsAt: 'asc' } });
    const c = await prisma.group.create({ data: { name: 'Cataloging Norms', key: 'catalogingnorms', kind: 'CORE_IG', eligibility: 'ANYONE' } });
    await prisma.igWeekSession.create({
      data: { year: 2026, slotId: slots[20]!.id, groupId: c.id, claimedBy: 'UROSE', title: 'Norms', speakerUserIds: ['UROSE', 'UGHOST', 'USPEAK'], moderatorUserId: 'UGHOST' },
    });
    const csv = await cli('export', 'igweek', '--year', '2026', '--format', 'csv');
    const row = parseCsv(`${csv.out}\r\n`, ['group']).find((r) => r.values.group === 'Cataloging Norms')!;
    expect(row.values).toMatchObject({ speakers: 'Rose Roster; a workspace member; Sam Speaker', moderator: 'a workspace member' });
    const ics = await cli('export', 'igweek', '--year', '2026', '--format', 'ics');
    const event = events(`${ics.out}\r\n`).find((e) => e.SUMMARY === 'Cataloging Norms: Norms')!;
    expect(unescapeText(event.DESCRIPTION!)).toContain('Speakers: Rose Roster, a workspace member, Sam Speaker\n\nModerator: a workspace member');
    for (const out of [csv.out, ics.out]) expect(out).not.toMatch(/\bU(ROSE|GHOST|SPEAK)\b|@example\.org/);
  });
});
