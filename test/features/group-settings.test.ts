// Group settings through signed requests: giving an imported group its channel (staff or its
// conveners), and staff editing a group's description, liaison and level in a modal.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';
import { addGroup, addPeople, clickModal, slash, slashModal, submit, v } from './conveners-support.js';

let h: Harness;
const groups: Record<string, number> = {};

beforeAll(async () => {
  h = await startHarness({ adminUserIds: ['UADMIN'], now: '2027-02-10T16:00:00Z' });
  await addPeople(h, [
    { id: 'UADMIN', email: 'admin@example.org' },
    { id: 'UANN', email: 'ann@example.org', memberships: 'Core' },
    { id: 'UBOB', email: 'bob@example.org', memberships: 'Core' },
    { id: 'UDAN', email: 'dan@example.org' },
  ]);
  groups.open = await addGroup(h.prisma, { name: 'Open Data', members: ['UDAN'], terms: [{ slackUserId: 'UANN', year: 2026 }] });
  groups.health = await addGroup(h.prisma, { name: 'Health', terms: [{ slackUserId: 'UBOB', year: 2026 }] });
  groups.meta = await addGroup(h.prisma, { name: 'Metadata', channelId: 'CMETA' });
  groups.mig = await addGroup(h.prisma, { name: 'New Members Round Table', kind: 'MIG' });
  h.fake.addChannel({ id: 'CMETA', name: 'metadata-ig' });
  h.fake.addChannel({ id: 'CTALK', name: 'open-data-talk' });
  h.fake.addChannel({ id: 'CSECRET', name: 'secret', is_private: true });
  h.fake.addChannel({ id: 'CHEALTH', name: 'health' });
});
afterAll(() => h?.close());
beforeEach(() => h.fake.reset());

const group = (key: string) => h.prisma.group.findUniqueOrThrow({ where: { id: groups[key] } });
const audits = (key: string, action: string) => h.prisma.auditLog.findMany({ where: { subjectType: 'group', subjectId: String(groups[key]), action }, orderBy: { id: 'asc' } });

describe('/ig channel', () => {
  it("is refused to members who don't convene the group, and changes nothing", async () => {
    const reply = await slash(h, 'UDAN', '/ig', 'channel open data create');
    expect(reply.text).toBe('Only the conveners of *Open Data* (<@UANN>) and staff can give it a channel.');
    expect(h.fake.callsTo('conversations.create')).toHaveLength(0);
    expect((await group('open')).channelId).toBeNull();
  });

  it('explains its usage', async () => {
    expect((await slash(h, 'UANN', '/ig', 'channel open data')).text).toContain('`/ig channel <group> #channel` links an existing channel');
  });

  it("lets a convener link an existing public channel: the app joins it and invites the group's people", async () => {
    const reply = await slash(h, 'UANN', '/ig', 'channel open data <#CTALK|open-data-talk>');
    expect(reply.text).toContain(':white_check_mark: <#CTALK> is now the channel of *Open Data*. I invited its members and conveners there (2 people). People who join the group from now on are added to it.');
    expect((await group('open')).channelId).toBe('CTALK');
    expect(h.fake.callsTo('conversations.join').map((c) => c.args.channel)).toEqual(['CTALK']);
    expect(h.fake.channelMembers('CTALK')).toEqual(expect.arrayContaining([h.fake.botUserId, 'UDAN', 'UANN']));
    const [entry] = await audits('open', 'group.channel_set');
    expect(entry).toMatchObject({ actor: 'UANN', details: { from: null, to: 'CTALK', created: false } });
    // /ig join now adds new members to it.
    expect((await slash(h, 'UBOB', '/ig', 'join open data')).text).toContain("You've been added to <#CTALK>");
  });

  it("refuses a channel another group uses, and a private channel the app isn't in", async () => {
    expect((await slash(h, 'UBOB', '/ig', 'channel health <#CMETA|metadata-ig>')).text).toBe('<#CMETA> is already the channel of *Metadata*; choose another, or `create` a new one.');
    expect((await slash(h, 'UBOB', '/ig', 'channel health <#CSECRET|secret>')).text).toContain("<#CSECRET> is private, so I can't join it myself: invite me");
    expect((await group('health')).channelId).toBeNull();
    expect(await audits('health', 'group.channel_set')).toHaveLength(0);
  });

  it('lets staff create one named after the group, with -2 when the name is taken', async () => {
    const reply = await slash(h, 'UADMIN', '/ig', 'channel health create');
    const created = h.fake.channelByName('health-2');
    expect(created).toBeDefined();
    expect(h.fake.callsTo('conversations.create').map((c) => c.args.name)).toEqual(['health', 'health-2']);
    expect(reply.text).toContain(`:white_check_mark: I created <#${created!.id}> for *Health*. I invited its members and conveners there (1 person). People who join the group from now on are added to it.`);
    expect((await group('health')).channelId).toBe(created!.id);
    expect(h.fake.channelMembers(created!.id)).toContain('UBOB');
    expect((await audits('health', 'group.channel_set'))[0]).toMatchObject({ actor: 'UADMIN', details: { from: null, to: created!.id, created: true } });
  });
});

describe('/ig info for staff and conveners', () => {
  it('gives staff an Edit button, and tells conveners how to add a missing channel', async () => {
    const staff = await slash(h, 'UADMIN', '/ig', 'info new members');
    expect(JSON.stringify(staff.blocks)).toContain('"action_id":"groups.edit"');
    expect(staff.text).toContain('No channel yet: `/ig channel New Members Round Table #channel` links one');
    const member = await slash(h, 'UDAN', '/ig', 'info open data');
    expect(JSON.stringify(member.blocks)).not.toContain('groups.edit');
    expect(member.text).not.toContain('No channel yet');
  });
});

describe('editing a group (staff)', () => {
  it('is refused to everyone else', async () => {
    expect((await slash(h, 'UANN', '/ig', 'edit open data')).text).toBe("Only staff can edit a group's description, liaison and level.");
    expect(h.fake.callsTo('views.open')).toHaveLength(0);
  });

  it('opens from the Edit button with the current values, checks each field, saves and audits', async () => {
    await h.prisma.group.update({ where: { id: groups.open }, data: { description: 'Open data in libraries.', level: 'SECTION' } });
    await slash(h, 'UADMIN', '/ig', 'info open data');
    const view = await clickModal(h, 'UADMIN', 'groups.edit', String(groups.open));
    expect(view.callback_id).toBe('groups.edit.modal');
    const blocks = view.blocks as { block_id?: string; element?: { initial_value?: string; initial_option?: { value: string } } }[];
    expect(blocks.find((b) => b.block_id === 'description')?.element?.initial_value).toBe('Open data in libraries.');
    expect(blocks.find((b) => b.block_id === 'level')?.element?.initial_option?.value).toBe('SECTION');

    const bad = await submit(h, 'UADMIN', 'groups.edit.modal', { description: v.text('Short'), liaison: v.text('x'.repeat(201)), level: v.select('DIVISION') });
    expect(bad.errors).toEqual({
      description: "Describe the group's purpose in at least 10 characters.",
      liaison: 'Keep the staff liaison under 200 characters (a name, or a name and an email).',
    });
    expect((await group('open')).level).toBe('SECTION');

    const ok = await submit(h, 'UADMIN', 'groups.edit.modal', {
      description: v.text('Open data & open government in <libraries>.'),
      liaison: v.text('Sam Staff'),
      level: v.select('DIVISION'),
    });
    expect(ok.text).toContain('Saved the description, staff liaison, level of *Open Data*');
    expect(await group('open')).toMatchObject({ description: 'Open data & open government in <libraries>.', staffLiaison: 'Sam Staff', level: 'DIVISION' });
    const [entry] = await audits('open', 'group.edited');
    expect(entry).toMatchObject({
      actor: 'UADMIN',
      details: { description: { from: 'Open data in libraries.', to: 'Open data & open government in <libraries>.' }, staffLiaison: { from: null, to: 'Sam Staff' }, level: { from: 'SECTION', to: 'DIVISION' } },
    });
    const info = await slash(h, 'UDAN', '/ig', 'info open data');
    expect(info.text).toContain('Open data &amp; open government in &lt;libraries&gt;.');
    expect(info.text).toContain('*Staff liaison*\nSam Staff');
    expect(info.text).toContain('*Level*\nDivision');
  });

  it('opens from /ig edit, and refuses a level for a membership initiative group on the field', async () => {
    const view = await slashModal(h, 'UADMIN', '/ig', 'edit new members');
    expect(view.private_metadata).toBe(JSON.stringify({ groupId: groups.mig }));
    const answer = await submit(h, 'UADMIN', 'groups.edit.modal', { description: v.text('A round table for new members.'), level: v.select('SECTION') });
    expect(answer.errors).toEqual({ level: 'Membership initiative groups have no level; choose "No level".' });
    expect(await audits('mig', 'group.edited')).toHaveLength(0);
  });
});
