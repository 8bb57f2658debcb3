// People appear as people: roster people and conveners imported by email are linked to
// Slack users (at import, later by the deadline engine when Slack didn't answer, and when
// they first use the app), and every listing shows the Slack mention, else the roster name,
// never an email address. Through the real CLI, signed Slack requests and the fake Web API.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { andList, cleanName, personFromText, personMrkdwn, personPlain } from '../../src/lib/slack/people.js';
import { type Harness, startHarness, textOf } from '../support/harness.js';
import { makeEngine } from './reminders-helpers.js';

let h: Harness;
let dir: string;

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, h.config, { out: (l) => out.push(l), err: (l) => err.push(l) }, {
    openDatabase: async () => ({ ...h.db, close: async () => {} }),
    clock: h.clock.now,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function file(name: string, lines: string[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, lines.join('\n'));
  return path;
}

async function ig(user: string, text: string): Promise<string> {
  const before = h.fake.callsTo('response_url').length;
  expect((await h.driver.command(user, '/ig', text)).status).toBe(200);
  const reply = await h.fake.waitFor('response_url', () => h.fake.callsTo('response_url').length > before);
  return textOf(reply.args);
}

const terms = () => h.prisma.convenerTerm.findMany({ orderBy: { email: 'asc' }, select: { email: true, slackUserId: true, linkCheckedAt: true } });
const roster = () => h.prisma.rosterMember.findMany({ orderBy: { email: 'asc' }, select: { email: true, slackUserId: true, linkCheckedAt: true } });

beforeAll(async () => {
  h = await startHarness({ adminUserIds: ['UADMIN'] });
  dir = await mkdtemp(join(tmpdir(), 'convene-people-'));
  h.fake.addUser({ id: 'UANN', email: 'ann@example.org', name: 'ann.slack' });
  h.fake.addUser({ id: 'UBEA', email: 'Bea@Example.org', name: 'bea.slack' });
  h.fake.addUser({ id: 'UOUT', email: 'out@example.org', name: 'outsider' });
});
afterAll(async () => {
  await h?.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => h.fake.reset());

describe('showing a person (lib/slack/people)', () => {
  it('mentions Slack users, names the others, and never shows an email', () => {
    expect(personMrkdwn({ slackUserId: 'U1', name: 'Ann' })).toBe('<@U1>');
    expect(personMrkdwn({ slackUserId: null, name: 'Ann <b> & Co' })).toBe('Ann &lt;b&gt; &amp; Co');
    expect(personMrkdwn({ slackUserId: null, name: 'ann@example.org' })).toBe('_someone not yet in Slack_');
    expect(personMrkdwn({ slackUserId: null, name: null })).toBe('_someone not yet in Slack_');
    expect(personPlain({ slackUserId: 'U1', name: null })).toBe('a workspace member');
    expect(personPlain({ slackUserId: 'U1', name: 'Jane Staff (jane@ala.org)' })).toBe('Jane Staff');
    expect(cleanName('Jane Staff, jane@ala.org')).toBe('Jane Staff');
    expect(personFromText('Jane Staff <Jane@ALA.org>')).toEqual({ email: 'jane@ala.org', name: 'Jane Staff' });
    expect(andList(['a', 'b', 'c'])).toBe('a, b and c');
    expect(andList([], 'nobody at the moment')).toBe('nobody at the moment');
  });
});

describe('linking imported people to Slack, and showing them', () => {
  it('imports while Slack is unreachable, shows roster names meanwhile, and links on the next engine tick', async () => {
    // Slack doesn't answer the first lookup of each import.
    h.fake.failNext('users.lookupByEmail', 'service_unavailable', { status: 503, times: 2 });
    const members = await file('members.csv', [
      'email,name,memberships,standing',
      'ann@example.org,Ann Archer,Core;ALA,good',
      'bea@example.org,Bea Baker,Core,good',
      'cy@example.org,Cy Cole,Core,good',
    ]);
    const m = await cli('import', 'members', members);
    expect(m.code).toBe(0);
    expect(m.out).toBe(
      'Roster: 3 created, 0 updated, 0 unchanged.\n' +
        "Slack: 0 linked by email, 0 without a Slack account; 3 still to look up (Slack didn't answer: http_503): the running app links them in the background.",
    );
    const groups = await file('groups.csv', [
      'name,kind,level,description,staff_liaison,open_to_public,conveners',
      'Metadata Matters,core-ig,section,All things metadata,Bea Baker (bea@example.org),no,ann@example.org;cy@example.org',
    ]);
    const g = await cli('import', 'groups', groups);
    expect(g.code).toBe(0);
    expect(g.out).toContain('2 convener term(s) added.\nSlack: 0 linked by email, 0 without a Slack account; 3 still to look up');
    expect((await terms()).map((t) => t.slackUserId)).toEqual([null, null]);

    // Not linked yet: roster names, never the emails.
    const info = await ig('UOUT', 'info metadata matters');
    expect(info).toContain('*Conveners*\nAnn Archer, Cy Cole');
    expect(info).toContain('*Staff liaison*\nBea Baker');
    expect(info).not.toMatch(/@example\.org/);
    const refusal = await ig('UOUT', 'meeting metadata matters');
    expect(refusal).toBe('Only the conveners of *Metadata Matters* (Ann Archer and Cy Cole) and staff can record its business meetings.');

    // The deadline engine's linking step asks Slack again.
    const result = await makeEngine(h, { rules: [] }).tick();
    expect(result.errors).toEqual([]);
    expect(h.fake.callsTo('users.lookupByEmail').map((c) => c.args.email)).toEqual(['ann@example.org', 'ann@example.org', 'ann@example.org', 'bea@example.org', 'cy@example.org']);
    expect(await roster()).toEqual([
      { email: 'ann@example.org', slackUserId: 'UANN', linkCheckedAt: null },
      { email: 'bea@example.org', slackUserId: 'UBEA', linkCheckedAt: null },
      { email: 'cy@example.org', slackUserId: null, linkCheckedAt: h.clock.now() },
    ]);
    expect(await terms()).toEqual([
      { email: 'ann@example.org', slackUserId: 'UANN', linkCheckedAt: null },
      { email: 'cy@example.org', slackUserId: null, linkCheckedAt: h.clock.now() },
    ]);
    // Someone Slack has no account for isn't asked about again on the next tick.
    h.fake.reset();
    await makeEngine(h, { rules: [] }).tick();
    expect(h.fake.callsTo('users.lookupByEmail')).toEqual([]);

    const linked = await ig('UOUT', 'info metadata matters');
    expect(linked).toContain('*Conveners*\n<@UANN>, Cy Cole');
    expect(linked).toContain('*Staff liaison*\n<@UBEA>');
    expect(linked).not.toMatch(/@example\.org/);
  });

  it('links a convener known only by email when they first use the app', async () => {
    h.fake.addUser({ id: 'UCY', email: 'cy@example.org', name: 'cy.slack' });
    const list = await ig('UCY', 'conveners metadata matters');
    expect(list).toContain('<@UANN>');
    expect(list).toContain('<@UCY>');
    expect(list).not.toMatch(/@example\.org|Cy Cole/);
    expect((await terms()).find((t) => t.email === 'cy@example.org')?.slackUserId).toBe('UCY');
    expect((await roster()).find((r) => r.email === 'cy@example.org')?.slackUserId).toBe('UCY');
    const refusal = await ig('UOUT', 'meeting metadata matters');
    expect(refusal).toContain('(<@UANN> and <@UCY>)');
  });

  it('links at import when Slack answers, and says so', async () => {
    h.fake.addUser({ id: 'UDEE', email: 'dee@example.org', name: 'dee.slack' });
    const members = await file('members2.csv', ['email,name,memberships,standing', 'dee@example.org,Dee Dunn,ALA,good', 'eve@example.org,Eve Evans,ALA,good']);
    const m = await cli('import', 'members', members);
    expect(m.out).toBe('Roster: 2 created, 0 updated, 0 unchanged.\nSlack: 1 linked by email, 1 without a Slack account.');
    expect((await roster()).filter((r) => r.slackUserId).map((r) => [r.email, r.slackUserId])).toEqual([
      ['ann@example.org', 'UANN'],
      ['bea@example.org', 'UBEA'],
      ['cy@example.org', 'UCY'],
      ['dee@example.org', 'UDEE'],
    ]);
    // The app met Dee through the lookup: her Person row names her.
    expect(await h.prisma.person.findUnique({ where: { slackUserId: 'UDEE' } })).toMatchObject({ email: 'dee@example.org', name: 'dee.slack' });
  });
});
