// The `convene` operator tool against a real embedded database in a temporary DATA_DIR.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { type Config, loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';

const run = promisify(execFile);
let dir: string;
let config: Config;

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, config, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function file(name: string, lines: string[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, lines.join('\n'));
  return path;
}

/** Reads the database the CLI wrote, then lets go of it so the next command can open it. */
async function inspect<T>(fn: (prisma: Awaited<ReturnType<typeof openDatabase>>['prisma']) => Promise<T>): Promise<T> {
  const db = await openDatabase({ dataDir: config.dataDir });
  try {
    return await fn(db.prisma);
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'convene-cli-'));
  config = loadConfig({ DATA_DIR: join(dir, 'data') });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('convene CLI', () => {
  it('migrates a new database, then has nothing to apply', async () => {
    const first = await cli('migrate');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^Applied \d+ migration\(s\): \d{14}_init/);
    const second = await cli('migrate');
    expect(second.out).toBe('Database is up to date; nothing to apply.');
  });

  it('seeds the groups from the seed documents, idempotently', async () => {
    expect((await cli('seed')).out).toBe('Seed groups: 16 created, 0 updated, 0 unchanged.');
    expect((await cli('seed')).out).toBe('Seed groups: 0 created, 0 updated, 16 unchanged.');
    const kinds = await inspect((p) => p.group.groupBy({ by: ['kind'], _count: true, orderBy: { kind: 'asc' } }));
    expect(kinds.map((k) => [k.kind, k._count])).toEqual([
      ['PLA_IG', 9],
      ['MIG', 7],
    ]);
    const social = await inspect((p) => p.group.findUniqueOrThrow({ where: { key: 'socialwork' } }));
    expect(social.eligibility).toBe('ANYONE');
  });

  it('imports members, updating rather than duplicating on re-import', async () => {
    const v1 = await file('members.csv', ['email,name,memberships,standing,extra', 'Ann@Example.org,Ann,ALA;PLA,good,x', '"b@example.org","Bee, Jr.",Core,lapsed,y']);
    expect(await cli('import', 'members', v1)).toMatchObject({
      code: 0,
      out: 'Roster: 2 created, 0 updated, 0 unchanged.\nSlack: 0 linked by email, 0 without a Slack account; 2 still to look up (SLACK_BOT_TOKEN is not set): the running app links them in the background.',
    });
    const v2 = await file('members2.csv', ['email,name,memberships,standing', 'ann@example.org,Ann,ALA;PLA,good', 'b@example.org,"Bee, Jr.",Core;ALA,good']);
    expect((await cli('import', 'members', v2)).out).toMatch(/^Roster: 0 created, 1 updated, 1 unchanged.\n/);
    const rows = await inspect((p) => p.rosterMember.findMany({ orderBy: { email: 'asc' } }));
    expect(rows.map((r) => [r.email, r.name, r.ala, r.core, r.pla, r.standing])).toEqual([
      ['ann@example.org', 'Ann', true, false, true, 'GOOD'],
      ['b@example.org', 'Bee, Jr.', true, true, false, 'GOOD'],
    ]);
  });

  it('reports bad rows by line number and applies nothing from a bad file', async () => {
    const bad = await file('bad.csv', ['email,name,memberships,standing', 'new@example.org,New,ALA,good', 'not-an-email,X,ALA,good', 'z@example.org,Z,ACRL,good', 'w@example.org,W,ALA,retired', 'new@example.org,Again,ALA,good']);
    const result = await cli('import', 'members', bad);
    expect(result.code).toBe(2);
    expect(result.err).toContain('line 3: email is not an email address');
    expect(result.err).toContain('line 4: memberships');
    expect(result.err).toContain('line 5: standing');
    expect(result.err).toContain('line 6: the same email as line 2');
    expect(await inspect((p) => p.rosterMember.count({ where: { email: 'new@example.org' } }))).toBe(0);
  });

  it('imports groups with conveners, and re-import updates', async () => {
    const groups = await file('groups.csv', [
      'name,kind,level,description,staff_liaison,open_to_public,conveners',
      'Metadata Interest Group,core-ig,section,All things metadata,Jane Staff,no,b@example.org',
      'Rural Libraries,pla-ig,,Small and rural public libraries,,yes,ann@example.org',
    ]);
    expect((await cli('import', 'groups', groups)).out).toMatch(/^Groups: 2 created, 0 updated, 0 unchanged; 2 convener term\(s\) added.\n/);
    const again = await file('groups2.csv', [
      'name,kind,level,description,staff_liaison,open_to_public,conveners',
      'Metadata Interest Group,core-ig,division,All things metadata,Jane Staff,no,b@example.org',
    ]);
    expect((await cli('import', 'groups', again)).out).toMatch(/^Groups: 0 created, 1 updated, 0 unchanged; 0 convener term\(s\) added.\n/);
    const g = await inspect((p) => p.group.findUniqueOrThrow({ where: { key: 'metadatainterestgroup' }, include: { conveners: true } }));
    expect(g).toMatchObject({ kind: 'CORE_IG', level: 'DIVISION', eligibility: 'ANYONE', staffLiaison: 'Jane Staff' });
    expect(g.conveners.map((c) => c.email).sort()).toEqual(['b@example.org']);
    const rural = await inspect((p) => p.group.findUniqueOrThrow({ where: { key: 'rurallibraries' } }));
    expect(rural).toMatchObject({ kind: 'PLA_IG', level: null, eligibility: 'ANYONE' });
  });

  it('takes an optional charter_approved column; a new group without one is chartered on the import date', async () => {
    const groups = await file('chartergroups.csv', [
      'name,kind,level,description,staff_liaison,open_to_public,conveners,charter_approved',
      'Chartered Group,core-ig,,x,,no,,2024-02-29',
      'Fresh Group,core-ig,,x,,no,,',
    ]);
    expect((await cli('import', 'groups', groups)).out).toMatch(/^Groups: 2 created/);
    const rows = await inspect((p) => p.group.findMany({ where: { key: { in: ['charteredgroup', 'freshgroup'] } }, orderBy: { name: 'asc' } }));
    expect(rows[0]!.charterApprovedOn?.toISOString().slice(0, 10)).toBe('2024-02-29');
    expect(rows[1]!.charterApprovedOn?.toISOString().slice(0, 10)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Math.abs(rows[1]!.charterApprovedOn!.getTime() - Date.now())).toBeLessThan(2 * 86_400_000);
    const bad = await file('badcharter.csv', ['name,kind,level,description,staff_liaison,open_to_public,conveners,charter_approved', 'Odd Group,core-ig,,x,,no,,2025-02-29']);
    const result = await cli('import', 'groups', bad);
    expect(result.code).toBe(2);
    expect(result.err).toContain('line 2: charter_approved must be a date YYYY-MM-DD (or empty)');
  });

  it('rejects a groups file with bad rows, naming each', async () => {
    const bad = await file('badgroups.csv', ['name,kind,level,description,staff_liaison,open_to_public,conveners', 'Ok Group,core-ig,,x,,no,', 'Bad Kind,round-table,,x,,no,', 'Bad Level,mig,branch,x,,maybe,not-an-email']);
    const result = await cli('import', 'groups', bad);
    expect(result.code).toBe(2);
    expect(result.err).toContain('line 3: kind must be core-ig, pla-ig or mig');
    expect(result.err).toMatch(/line 4: .*level must be division, section or empty.*open_to_public must be yes or no/);
    expect(await inspect((p) => p.group.count({ where: { key: 'okgroup' } }))).toBe(0);
  });

  it("refuses a Core interest group's conveners who aren't Core members in good standing, by line", async () => {
    const members = await file('members3.csv', ['email,name,memberships,standing', 'lapsed@example.org,Lapsed,Core,lapsed']);
    expect((await cli('import', 'members', members)).code).toBe(0);
    const groups = await file('convenergroups.csv', [
      'name,kind,level,description,staff_liaison,open_to_public,conveners',
      'Good Conveners,core-ig,,x,,no,b@example.org',
      'Not Core,core-ig,,x,,no,ann@example.org',
      'Lapsed Core,core-ig,,x,,no,lapsed@example.org;b@example.org',
      'Unknown,core-ig,,x,,no,nobody@example.org',
      'Public Libraries,pla-ig,,x,,no,ann@example.org',
    ]);
    const result = await cli('import', 'groups', groups);
    expect(result.code).toBe(2);
    expect(result.err).toContain("line 3: convener ann@example.org isn't a Core member on the roster; conveners of Core interest groups must be Core members in good standing");
    expect(result.err).toContain('line 4: convener lapsed@example.org is a lapsed Core member on the roster');
    expect(result.err).toContain('line 5: convener nobody@example.org is not on the membership roster');
    expect(result.err).not.toMatch(/line [26]:/);
    expect(await inspect((p) => p.group.count({ where: { key: { in: ['goodconveners', 'publiclibraries'] } } }))).toBe(0);
  });

  it('answers usage errors with exit code 2', async () => {
    expect(await cli('import', 'members')).toMatchObject({ code: 2, err: expect.stringContaining('needs a file') });
    expect(await cli('import', 'members', join(dir, 'missing.csv'))).toMatchObject({ code: 2, err: expect.stringContaining('ENOENT') });
    expect(await cli('import', 'people', 'x.csv')).toMatchObject({ code: 2 });
    expect(await cli('frobnicate')).toMatchObject({ code: 2, err: expect.stringContaining('unknown command "frobnicate"') });
    const header = await file('header.csv', ['mail,name']);
    expect((await cli('import', 'members', header)).err).toContain('line 1: the header is missing "email"');
  });

  it('refuses to open the embedded database while another holder (the app) has it', async () => {
    const app = await openDatabase({ dataDir: config.dataDir });
    try {
      const result = await cli('seed');
      expect(result.code).toBe(1);
      expect(result.err).toContain('is in use by another process');
      expect(result.err).toContain('DATABASE_URL');
    } finally {
      await app.close();
    }
    expect((await cli('seed')).code).toBe(0);
  });

  it('runs as `convene` from the package bin', async () => {
    const { stdout } = await run(process.execPath, ['bin/convene.mjs', 'help'], { env: { ...process.env, DATA_DIR: join(dir, 'data') } });
    expect(stdout).toContain('Usage: convene <command>');
    expect(stdout).toContain('import members <file.csv>');
  });
});
