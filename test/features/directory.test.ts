// The directory through Slack's real HTTP surface: signed slash commands and button
// clicks into the Bolt app, answers read back from the fake Web API, rows from the database.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importMembers, seedGroups } from '../../src/features/roster/service.js';
import { type Harness, startHarness, textOf } from '../support/harness.js';

let h: Harness;

type Answer = Record<string, unknown> & { text: string };

/** Runs a slash command and returns the ephemeral answer sent to its response_url. */
async function ig(user: string, text: string): Promise<Answer> {
  const before = h.fake.callsTo('response_url').length;
  const ack = await h.driver.command(user, '/ig', text);
  expect(ack.status).toBe(200);
  const reply = await h.fake.waitFor('response_url', () => h.fake.callsTo('response_url').length > before);
  return { ...reply.args, text: textOf(reply.args) };
}

async function click(user: string, reply: Record<string, unknown>, actionId: string, context: { channelId?: string } = {}): Promise<Answer> {
  const blocks = reply.blocks as { elements?: { action_id: string; value?: string }[]; accessory?: { action_id: string; value?: string } }[];
  const buttons = blocks.flatMap((b) => [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])]);
  const button = buttons.find((b) => b.action_id === actionId);
  if (!button) throw new Error(`no button ${actionId} in ${JSON.stringify(blocks)}`);
  const before = h.fake.callsTo('response_url').length;
  const ack = await h.driver.blockAction(user, { action_id: button.action_id, value: button.value }, context);
  expect(ack.status).toBe(200);
  const answer = await h.fake.waitFor('response_url', () => h.fake.callsTo('response_url').length > before);
  return { ...answer.args, text: textOf(answer.args) };
}

beforeAll(async () => {
  h = await startHarness({ adminUserIds: ['UADMIN'] });
  await seedGroups(h.prisma, 'test', { clock: h.clock.now, orgTimezone: 'America/Chicago' });
  await importMembers(
    h.prisma,
    ['email,name,memberships,standing', 'pat@example.org,Pat Patron,PLA;ALA,good', 'lee@example.org,Lee Lapsed,ALA,lapsed', 'cora@example.org,Cora Core,Core,good'].join('\n'),
    'test',
  );
  for (const [id, email] of [
    ['UPAT', 'pat@example.org'],
    ['ULEE', 'lee@example.org'],
    ['UCORA', 'cora@example.org'],
    ['UNOBODY', 'nobody@example.org'],
  ] as const) {
    h.fake.addUser({ id, email, name: id.toLowerCase() });
  }
});
afterAll(() => h?.close());
beforeEach(() => h.fake.reset());

describe('/ig help', () => {
  it('explains every command, for an empty /ig and for /ig help', async () => {
    for (const text of ['', 'help']) {
      const reply = await ig('UPAT', text);
      expect(reply.response_type).toBe('ephemeral');
      for (const usage of ['/ig list [words]', '/ig info <group>', '/ig join <group>', '/ig leave <group>']) expect(reply.text).toContain(usage);
      expect(reply.text).not.toContain('/ig admin');
    }
  });

  it('shows staff the admin command, and says when a subcommand is unknown', async () => {
    expect((await ig('UADMIN', 'help')).text).toContain('/ig admin');
    const reply = await ig('UPAT', 'frobnicate');
    expect(reply.text).toContain("`/ig frobnicate` isn't a command");
    expect(reply.text).toContain('/ig list');
  });
});

describe('/ig list', () => {
  it('pages through the whole directory with Next and Previous', async () => {
    const first = await ig('UPAT', 'list');
    expect(first.text).toContain('16 groups in the directory* (page 1 of 2)');
    expect(first.text).toContain('Data and Measurement');
    expect(first.text).not.toContain('Workforce Development');
    const second = await click('UPAT', first, 'directory.page.next');
    expect(second.replace_original).toBe(true);
    expect(second.text).toContain('(page 2 of 2)');
    expect(second.text).toContain('Workforce Development/Small Business');
    const back = await click('UPAT', second, 'directory.page.prev');
    expect(back.text).toContain('(page 1 of 2)');
  });

  it('searches names and descriptions, every word must match', async () => {
    const health = await ig('UPAT', 'list consumer health');
    expect(health.text).toContain('1 group matching "consumer health"');
    expect(health.text).toContain('*Health*');
    const none = await ig('UPAT', 'list basket weaving');
    expect(none.text).toContain('No groups matching "basket weaving"');
  });
});

describe('/ig info', () => {
  it('shows purpose, kind, level, conveners, liaison, channel and members', async () => {
    const group = await h.prisma.group.findUniqueOrThrow({ where: { key: 'informationcommons' } });
    await h.prisma.convenerTerm.create({ data: { groupId: group.id, slackUserId: 'UCORA', startsOn: new Date('2026-07-01'), endsOn: new Date('2027-06-30') } });
    await h.prisma.group.update({ where: { id: group.id }, data: { channelId: 'CINFO' } });
    const reply = await ig('UPAT', 'info information commons');
    expect(reply.text).toContain('Information Commons');
    expect(reply.text).toContain('Membership initiative group');
    expect(reply.text).toContain('*Conveners*\n<@UCORA>');
    expect(reply.text).toContain('Mary W. Ghikas');
    expect(reply.text).toContain('<#CINFO>');
    expect(reply.text).toContain('*Members*\n0');
  });

  it('takes a name loosely: case, punctuation and a unique prefix', async () => {
    expect((await ig('UPAT', 'info EQUITY diversity & inclusion!')).text).toContain('PLA interest group');
    expect((await ig('UPAT', 'info immig')).text).toContain('Immigration and Citizenship');
  });

  it('lists the candidates for an ambiguous name, and says when nothing matches', async () => {
    const ambiguous = await ig('UPAT', 'info di');
    expect(ambiguous.text).toContain('matches several groups');
    expect(ambiguous.text).toContain('Digital Literacy');
    expect(ambiguous.text).toContain('Diversity Membership Initiative Group');
    const missing = await ig('UPAT', 'info underwater basket weaving');
    expect(missing.text).toContain('No group matches "underwater basket weaving"');
  });

  it('escapes names so user text cannot ping a channel', async () => {
    const missing = await ig('UPAT', 'info <!channel>');
    expect(missing.text).toContain('&lt;!channel&gt;');
    expect(missing.text).not.toContain('<!channel>');
  });
});

describe('/ig join and /ig leave', () => {
  it('lets anyone join a group open to the public, and invites them to its channel', async () => {
    h.fake.addChannel({ id: 'CSOCIAL', name: 'pla-social-work', members: [h.fake.botUserId] });
    await h.prisma.group.update({ where: { key: 'socialwork' }, data: { channelId: 'CSOCIAL' } });
    const reply = await ig('UNOBODY', 'join social work');
    expect(reply.text).toContain('You joined *Social Work*');
    expect(reply.text).toContain("You've been added to <#CSOCIAL>");
    expect(h.fake.channelMembers('CSOCIAL')).toContain('UNOBODY');
    const stored = await h.prisma.groupMember.findMany({ where: { slackUserId: 'UNOBODY' }, include: { group: true } });
    expect(stored.map((m) => m.group.name)).toEqual(['Social Work']);
    const audit = await h.prisma.auditLog.findFirst({ where: { actor: 'UNOBODY', action: 'group.joined' } });
    expect(audit?.subjectId).toBe(String(stored[0]!.groupId));
  });

  it('refuses a PLA group to someone not on the roster, telling them to ask staff, and stores nothing', async () => {
    const reply = await ig('UNOBODY', 'join data and measurement');
    expect(reply.text).toContain('requires PLA personal membership');
    expect(reply.text).toMatch(/ask staff to update the roster/i);
    expect(await h.prisma.groupMember.count({ where: { slackUserId: 'UNOBODY', group: { key: 'dataandmeasurement' } } })).toBe(0);
  });

  it('lets a PLA member join a PLA group once; a second join says so', async () => {
    expect((await ig('UPAT', 'join data and measurement')).text).toContain('You joined *Data and Measurement*');
    expect((await ig('UPAT', 'join Data & Measurement')).text).toContain("You're already a member of *Data and Measurement*");
    expect(await h.prisma.groupMember.count({ where: { slackUserId: 'UPAT' } })).toBe(1);
  });

  it('keeps membership initiative groups to ALA members in good standing', async () => {
    expect((await ig('ULEE', 'join information commons')).text).toContain('lapsed');
    expect((await ig('UCORA', 'join information commons')).text).toContain('requires ALA membership');
    expect((await ig('UPAT', 'join information commons')).text).toContain('You joined *Information Commons*');
  });

  it('lets anyone join a Core interest group', async () => {
    await h.prisma.group.create({ data: { name: 'Metadata Wranglers', key: 'metadatawranglers', kind: 'CORE_IG', level: 'SECTION', eligibility: 'ANYONE' } });
    expect((await ig('UNOBODY', 'join metadata wranglers')).text).toContain('You joined *Metadata Wranglers*');
  });

  it('leaves a group, removes the member from its channel, and offers an undo', async () => {
    const left = await ig('UNOBODY', 'leave social work');
    expect(left.text).toContain('You left *Social Work*');
    expect(h.fake.channelMembers('CSOCIAL')).not.toContain('UNOBODY');
    expect(await h.prisma.groupMember.count({ where: { slackUserId: 'UNOBODY', group: { key: 'socialwork' } } })).toBe(0);
    const undone = await click('UNOBODY', left, 'directory.join');
    expect(undone.text).toContain('You joined *Social Work*');
    expect(await h.prisma.groupMember.count({ where: { slackUserId: 'UNOBODY', group: { key: 'socialwork' } } })).toBe(1);
  });

  it('says so when leaving a group you are not in', async () => {
    expect((await ig('UCORA', 'leave health')).text).toContain("You aren't a member of *Health*");
  });

  it('joins from the Join button on a group card', async () => {
    const info = await ig('UCORA', 'info metadata wranglers');
    const joined = await click('UCORA', info, 'directory.join');
    expect(joined.text).toContain('You joined *Metadata Wranglers*');
  });

  it('records the membership even when Slack refuses the channel invite, and says why', async () => {
    h.fake.addChannel({ id: 'CARCH', name: 'old-health', is_archived: true });
    await h.prisma.group.update({ where: { key: 'health' }, data: { channelId: 'CARCH' } });
    const reply = await ig('UPAT', 'join health');
    expect(reply.text).toContain('You joined *Health*');
    expect(reply.text).toContain("couldn't update <#CARCH>");
    expect(await h.prisma.groupMember.count({ where: { slackUserId: 'UPAT', group: { key: 'health' } } })).toBe(1);
  });
});
