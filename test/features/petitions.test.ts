// Core interest group petitions through Slack's HTTP surface: the form and its validation,
// the duplicate check, signing (concurrently too), the committee's decision, the new group.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importMembers, seedGroups } from '../../src/features/roster/service.js';
import { localDate } from '../../src/lib/time.js';
import { type Harness, startHarness, textOf } from '../support/harness.js';
import { dmChannel, mrkdwnTexts, PetitionSteps, until, ZONE } from './petitions-helpers.js';

let h: Harness;
let s: PetitionSteps;

const SIGNERS = Array.from({ length: 60 }, (_, i) => `US${String(i + 1).padStart(2, '0')}`);
const PURPOSE = 'A place for metadata librarians to discuss linked data, cataloging workflows and the tools of technical services.';

beforeAll(async () => {
  h = await startHarness({ adminUserIds: ['UADMIN'] });
  s = new PetitionSteps(h);
  await seedGroups(h.prisma, 'test', { clock: h.clock.now, orgTimezone: ZONE });
  await importMembers(
    h.prisma,
    [
      'email,name,memberships,standing',
      'cora@example.org,Cora Core,Core;ALA,good',
      'carl@example.org,Carl Convener,Core,good',
      'pat@example.org,Pat Public,ALA,good',
      'lee@example.org,Lee Lapsed,Core,lapsed',
    ].join('\n'),
    'test',
  );
  for (const [id, email] of [
    ['UCORA', 'cora@example.org'],
    ['UCARL', 'carl@example.org'],
    ['UPAT', 'pat@example.org'],
    ['ULEE', 'lee@example.org'],
    ['UNOBODY', 'nobody@example.org'],
    ['UIGCC', 'igcc@example.org'],
    ['UCOO', 'coo@example.org'],
    ['UADMIN', 'admin@example.org'],
  ] as const) {
    h.fake.addUser({ id, email, name: id.toLowerCase() });
  }
  for (const id of SIGNERS) h.fake.addUser({ id, email: `${id.toLowerCase()}@example.org` });
  h.fake.addChannel({ id: 'CGENERAL', name: 'general' });
  h.fake.addChannel({ id: 'CPETITIONS', name: 'petitions' });
  h.fake.addChannel({ id: 'CSTAFF', name: 'ig-staff' });
  await s.grant('UIGCC', 'IGCC');
  await s.grant('UCOO', 'COO');
});
afterAll(() => h?.close());
beforeEach(() => h.fake.reset());

describe('/petition', () => {
  it('explains itself, and asks which kind when run bare', async () => {
    const help = await s.command('UPAT', 'help');
    for (const usage of ['/petition ig', '/petition mig', '/petition list', '/petition status <number>']) expect(help.text).toContain(usage);
    expect((await s.command('UPAT', 'frobnicate')).text).toContain("`/petition frobnicate` isn't a command");
    const choice = await s.command('UPAT', '');
    expect(choice.text).toContain('Which kind of group');
    const actions = (choice.blocks as { type: string; elements?: { action_id: string }[] }[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []).map((e) => e.action_id);
    expect(actions).toEqual(['petition.kind.CORE_IG', 'petition.kind.MIG']);
  });

  it('opens the interest-group form from the kind button, with the labelled inputs', async () => {
    await s.command('UCORA', '');
    const ack = await h.driver.blockAction('UCORA', { action_id: 'petition.kind.CORE_IG', value: 'CORE_IG' }, { channelId: 'CGENERAL' });
    expect(ack.status).toBe(200);
    const open = await h.fake.waitFor('views.open');
    expect(open.response?.ok).toBe(true);
    const view = open.args.view as { blocks: { type: string; label?: { text: string } }[]; private_metadata: string };
    expect(view.blocks.filter((b) => b.type === 'input').map((b) => b.label!.text)).toEqual(['Group name', 'Statement of purpose', 'Level', 'Conveners', 'Feedback until']);
    expect(JSON.parse(view.private_metadata)).toEqual({ kind: 'CORE_IG', channel: 'CGENERAL' });
  });

  it('opens the MIG form straight from `/petition mig`', async () => {
    const view = (await s.openForm('UPAT', 'mig')) as { blocks: { type: string; label?: { text: string }; optional?: boolean }[] };
    const inputs = view.blocks.filter((b) => b.type === 'input');
    expect(inputs.map((b) => b.label!.text)).toEqual(['Group name', 'Statement of purpose', 'Organizer 1', 'Mailing address of organizer 1', 'Organizer 2', 'Mailing address of organizer 2', 'Feedback until']);
    expect(inputs.find((b) => b.label!.text === 'Feedback until')!.optional).toBe(true);
  });
});

describe('form validation', () => {
  it('answers in the modal, on each field at fault, and stores nothing', async () => {
    await s.openForm('UCORA', 'ig');
    const empty = await s.submit('UCORA', {});
    expect(empty.body).toEqual({
      response_action: 'errors',
      errors: {
        name: 'Enter the group name.',
        purpose: 'Enter the statement of purpose.',
        level: 'Choose division or section.',
        leaders: 'Choose at least one convener.',
      },
    });
    const sizes = await s.submit('UCORA', { name: 'ab', purpose: 'Too short.', level: 'SECTION', leaders: ['UCORA'] });
    expect((sizes.body as { errors: Record<string, string> }).errors).toEqual({
      name: 'The group name is too short: at least 3 characters.',
      purpose: 'The statement of purpose is too short: at least 30 characters.',
    });
    const long = await s.submit('UCORA', { name: 'x'.repeat(101), purpose: PURPOSE, level: 'SECTION', leaders: ['UCORA'] });
    expect((long.body as { errors: Record<string, string> }).errors).toEqual({ name: 'The group name is too long: at most 100 characters.' });
    expect(await h.prisma.petition.count()).toBe(0);
  });

  it('refuses conveners who are not Core members in good standing, naming them', async () => {
    await s.openForm('UCORA', 'ig');
    const ack = await s.submit('UCORA', { name: 'Metadata Wranglers', purpose: PURPOSE, level: 'SECTION', leaders: ['UCORA', 'UPAT', 'ULEE', 'UNOBODY'] });
    const error = (ack.body as { errors: Record<string, string> }).errors.leaders!;
    expect(error).toContain('Pat Public is not a Core member');
    expect(error).toContain('Lee Lapsed is not a Core member in good standing');
    expect(error).toContain('unobody is not a Core member');
    expect(error).not.toContain('Cora');
  });

  it('refuses a feedback date in the past (in the org zone) and a name the directory already has', async () => {
    await s.openForm('UCORA', 'ig');
    const ack = await s.submit('UCORA', { name: 'Data & Measurement', purpose: PURPOSE, level: 'SECTION', leaders: ['UCORA'], feedback: '2026-11-24' });
    const errors = (ack.body as { errors: Record<string, string> }).errors;
    expect(errors.feedback).toMatch(/in the past/);
    expect(errors.name).toContain('There is already a group called "Data and Measurement"');
    expect(await h.prisma.petition.count()).toBe(0);
  });
});

describe('duplicate check', () => {
  const comics = { name: 'Comics and Graphic Novels', purpose: 'For librarians who collect comic books and graphic novels: collection development and programming.', level: 'DIVISION' as const, leaders: ['UCORA'] };

  it('shows close groups with the reason, and going back and changing the proposal files it', async () => {
    await s.openForm('UCORA', 'ig');
    const ack = await s.submit('UCORA', comics);
    expect(ack.ackErrors).toEqual([]);
    const body = ack.body as { response_action: string; view: { callback_id: string; submit: { text: string }; close: { text: string } } };
    expect(body.response_action).toBe('push');
    expect(body.view.callback_id).toBe('petition.confirm');
    expect([body.view.submit.text, body.view.close.text]).toEqual(['Continue anyway', 'Go back']);
    const shown = textOf(body.view as unknown as Record<string, unknown>);
    expect(shown).toContain('*Graphic Novels &amp; Comics in Libraries* — Membership initiative group');
    expect(shown).toMatch(/Why: similar name; overlapping purpose \(.*comic.*\)/);
    expect(await h.prisma.petition.count()).toBe(0);
    expect(await h.prisma.petitionDraft.count({ where: { userId: 'UCORA' } })).toBe(1);

    // "Go back" closes the pushed view in Slack; the form is submitted again, changed.
    const again = await s.submit('UCORA', { ...comics, name: 'Sequential Art Cataloging', purpose: 'Describing sequential art in catalogs: authority work for creators, series and characters.' });
    expect(again.body).toEqual({ response_action: 'clear' });
    await until(async () => (await h.prisma.petition.count({ where: { name: 'Sequential Art Cataloging' } })) === 1, 'the changed petition');
    expect(await h.prisma.petitionDraft.count({ where: { userId: 'UCORA' } })).toBe(0);
  });

  it('files the proposal once on "Continue anyway", however often it is submitted', async () => {
    await s.openForm('UCARL', 'ig');
    const ack = await s.submit('UCARL', { ...comics, leaders: ['UCARL'] });
    const pushed = ack.body as { response_action: string; view: { private_metadata: string } };
    expect(pushed.response_action).toBe('push');
    const confirm = () => h.driver.viewSubmission('UCARL', { callback_id: 'petition.confirm', private_metadata: pushed.view.private_metadata, values: {} });
    expect((await confirm()).body).toEqual({ response_action: 'clear' });
    expect((await confirm()).body).toEqual({ response_action: 'clear' });
    await until(async () => Boolean((await h.prisma.petition.findFirst({ where: { name: comics.name } }))?.messageTs), 'the petition to be posted');
    expect(await h.prisma.petition.count({ where: { name: comics.name } })).toBe(1);
    // The open petition now counts as a possible duplicate of the next proposal.
    await s.openForm('UCORA', 'ig');
    const third = await s.submit('UCORA', { ...comics, name: 'Comics & Graphic Novels Forum' });
    expect(textOf((third.body as { view: Record<string, unknown> }).view)).toMatch(/open petition #\d+, collecting signatures/);
  });
});

describe('the life of an interest-group petition', () => {
  let id: number;
  let at: { channel: string; ts: string };

  it('opens at once without a feedback date, in the channel where /petition was run, and tells the petitioner', async () => {
    const p = await s.file('UCORA', 'ig', { name: 'Metadata Wranglers', purpose: PURPOSE, level: 'SECTION', leaders: ['UCORA', 'UCARL'] });
    id = p.id;
    at = { channel: p.channelId, ts: p.messageTs! };
    expect(p).toMatchObject({ status: 'COLLECTING', kind: 'CORE_IG', level: 'SECTION', channelId: 'CGENERAL', threshold: 10, organizers: ['UCORA', 'UCARL'], petitioner: 'UCORA' });
    const msg = await s.message(id);
    expect(msg.all).toContain(`Petition #${id}: Metadata Wranglers`);
    expect(msg.all).toContain('*Proposed:* Core interest group (Section level) · filed by <@UCORA>');
    expect(msg.all).not.toMatch(/core interest group/);
    expect(msg.all).toContain('*0 of 10 signatures*');
    expect(msg.all).toMatch(/collecting until <!date\^\d+\^/);
    expect(JSON.stringify(msg.blocks)).toContain('"action_id":"petition.sign"');
    // (A DM about the previous test's petition may still arrive after the reset: wait for this one.)
    await until(() => s.dms('UCORA').some((t) => t.includes(`#${id}`)), 'the DM to the petitioner');
    expect(s.dms('UCORA').find((t) => t.includes(`#${id}`))).toContain(`Your petition #${id} (*Metadata Wranglers*) is filed. It is posted in <#CGENERAL>`);
    const trail = await h.prisma.auditLog.findMany({ where: { subjectType: 'petition', subjectId: String(id) }, orderBy: { id: 'asc' } });
    expect(trail.map((a) => [a.actor, a.action])).toEqual([
      ['UCORA', 'petition.filed'],
      ['system', 'petition.opened'],
    ]);
  });

  it('signs in one click, says so on a second click, and withdraws a signature', async () => {
    expect(await s.click('US01', 'petition.sign', id, at)).toContain(`You signed petition #${id} (*Metadata Wranglers*). It now has 1 of 10 signatures.`);
    await until(async () => (await s.message(id)).all.includes('*1 of 10 signatures*'), 'the message to show 1 of 10');
    expect(await s.click('US01', 'petition.sign', id, at)).toContain("You've already signed petition");
    expect(await h.prisma.petitionSignature.count({ where: { petitionId: id } })).toBe(1);
    expect(await s.click('US01', 'petition.unsign', id, at)).toContain('Your signature on petition');
    expect(await s.click('US01', 'petition.unsign', id, at)).toContain("You haven't signed");
    expect((await h.prisma.petition.findUniqueOrThrow({ where: { id } })).signatureCount).toBe(0);
    await until(async () => (await s.message(id)).all.includes('*0 of 10 signatures*'), 'the message to show 0 of 10');
  });

  it("doesn't count conveners", async () => {
    expect(await s.click('UCARL', 'petition.sign', id, at)).toContain("You're a convener of petition");
    expect(await h.prisma.petitionSignature.count({ where: { petitionId: id } })).toBe(0);
  });

  it('lists open petitions with their progress', async () => {
    const list = await s.command('UPAT', 'list');
    expect(list.text).toContain(`*#${id} Metadata Wranglers*`);
    expect(list.text).toContain('Core interest group (Section level) · 0 of 10 signatures, closes');
  });

  it('counts sixty concurrent clicks by fifty people exactly once each, with one threshold transition', async () => {
    const fifty = SIGNERS.slice(0, 50);
    const clicks = [...fifty, ...fifty.slice(0, 10)].map((u) => s.click(u, 'petition.sign', id, at));
    const replies = await Promise.all(clicks);
    expect(replies.filter((r) => r.includes('You signed'))).toHaveLength(50);
    expect(replies.filter((r) => r.includes("You've already signed"))).toHaveLength(10);

    const p = await h.prisma.petition.findUniqueOrThrow({ where: { id } });
    expect(p.status).toBe('AWAITING_APPROVAL');
    expect(p.signatureCount).toBe(50);
    expect(await h.prisma.petitionSignature.count({ where: { petitionId: id } })).toBe(50);
    expect(await h.prisma.auditLog.count({ where: { subjectId: String(id), action: 'petition.threshold_reached' } })).toBe(1);
    expect(await h.prisma.auditLog.count({ where: { subjectId: String(id), action: 'petition.milestone' } })).toBe(2);

    // The final message shows the final count.
    await until(async () => (await s.message(id)).all.includes('50 signatures (10 needed)'), 'the final count on the message');
    expect((await s.message(id)).all).toContain('*Awaiting approval* by the Interest Group Coordination Committee');

    // One approval request, to the committee by DM (no staff channel yet); organizers told once each.
    await until(() => s.dms('UIGCC').length === 1, 'the approval request');
    expect(s.dms('UIGCC')[0]).toContain('needs a decision by the Interest Group Coordination Committee');
    for (const organizer of ['UCORA', 'UCARL']) {
      await until(() => s.dms(organizer).some((t) => t.includes('reached 10 of 10 signatures')), `the threshold DM to ${organizer}`);
      const dms = s.dms(organizer);
      expect(dms.filter((t) => t.includes('reached 10 of 10 signatures'))).toHaveLength(1);
      expect(dms.filter((t) => t.includes('is at 50% of its goal'))).toHaveLength(1);
      expect(dms.filter((t) => t.includes('is at 90% of its goal'))).toHaveLength(1);
    }
  });

  it('keeps a signature when Slack fails to update the message, and the next update catches up', async () => {
    h.fake.failNext('chat.update', 'internal_error');
    expect(await s.click('US51', 'petition.sign', id, at)).toContain('You signed');
    expect(await h.prisma.petitionSignature.count({ where: { petitionId: id, signer: 'US51' } })).toBe(1);
    expect(await s.click('US52', 'petition.sign', id, at)).toContain('52 signatures (10 needed)');
    await until(async () => (await s.message(id)).all.includes('52 signatures (10 needed)'), 'the message to catch up');
    expect(await s.click('US52', 'petition.unsign', id, at)).toContain('signatures can no longer be withdrawn');
  });

  it('refuses a decision by anyone outside the committee, and changes nothing', async () => {
    const request = h.fake.messagesIn(dmChannel('UIGCC'))[0]!;
    const requestAt = { channel: request.channel, ts: request.ts };
    expect(await s.click('UNOBODY', 'petition.approve', id, requestAt)).toContain('Only the Interest Group Coordination Committee (or staff) can decide on petition');
    expect(await s.click('UCOO', 'petition.approve', id, requestAt)).toContain('Only the Interest Group Coordination Committee (or staff)');
    expect(await s.click('UCOO', 'petition.reject', id, requestAt)).toContain('Only the Interest Group Coordination Committee');
    expect(h.fake.callsTo('views.open')).toHaveLength(0);
    expect((await h.prisma.petition.findUniqueOrThrow({ where: { id } })).status).toBe('AWAITING_APPROVAL');
    expect(await h.prisma.group.count({ where: { key: 'metadatawranglers' } })).toBe(0);
  });

  it('creates the group on approval: directory entry, first convener terms, a free channel name, invitations, announcement', async () => {
    h.fake.addChannel({ id: 'CTAKEN', name: 'metadata-wranglers' });
    const request = h.fake.messagesIn(dmChannel('UIGCC'))[0]!;
    const reply = await s.click('UIGCC', 'petition.approve', id, { channel: request.channel, ts: request.ts });
    expect(reply).toContain(`Approved petition #${id} (*Metadata Wranglers*): the Core interest group is in the directory.`);

    const group = await h.prisma.group.findUniqueOrThrow({ where: { key: 'metadatawranglers' }, include: { conveners: true, members: true } });
    expect(group).toMatchObject({ name: 'Metadata Wranglers', kind: 'CORE_IG', level: 'SECTION', eligibility: 'ANYONE', description: PURPOSE, status: 'ACTIVE' });
    expect(group.conveners.map((c) => [c.slackUserId, c.email, c.startsOn.toISOString().slice(0, 10), c.endsOn.toISOString().slice(0, 10)]).sort()).toEqual([
      ['UCARL', 'carl@example.org', '2026-07-01', '2027-06-30'],
      ['UCORA', 'cora@example.org', '2026-07-01', '2027-06-30'],
    ]);
    expect(group.members).toHaveLength(54); // 2 conveners + 52 signers
    // The approval is the charter date and the group's first activity.
    expect(group.charterApprovedOn?.toISOString().slice(0, 10)).toBe(localDate(h.clock.now(), h.config.orgTimezone));
    expect(group.lastActivityAt?.getTime()).toBe(h.clock.now().getTime());

    const creates = h.fake.callsTo('conversations.create').map((c) => [c.args.name, c.response?.ok ? 'ok' : c.response?.error]);
    expect(creates).toEqual([
      ['metadata-wranglers', 'name_taken'],
      ['metadata-wranglers-2', 'ok'],
    ]);
    const channel = h.fake.channelByName('metadata-wranglers-2')!;
    expect(group.channelId).toBe(channel.id);
    expect(reply).toContain(`Its channel is <#${channel.id}>; 54 people invited.`);
    for (const member of ['UCORA', 'UCARL', 'US01', 'US50', 'US51', 'US52']) expect(h.fake.channelMembers(channel.id)).toContain(member);
    expect(h.fake.channelMembers(channel.id)).not.toContain('US53');
    expect(textOf(h.fake.messagesIn(channel.id)[0] as never)).toContain('Welcome to *Metadata Wranglers*');

    // Announced where the petition was (no announcements channel set), and everyone told.
    const announced = h.fake.messagesIn('CGENERAL').map((m) => textOf(m as never));
    expect(announced.some((t) => t.includes('New Core interest group: *Metadata Wranglers*') && t.includes(`Join <#${channel.id}>`))).toBe(true);
    await until(async () => (await s.message(id)).all.includes('*Approved*'), 'the petition message to say approved');
    expect((await s.message(id)).all).toContain(`The group is in the directory: <#${channel.id}>`);
    expect(JSON.stringify((await s.message(id)).blocks)).not.toContain('petition.sign');
    expect(textOf(h.fake.message(request.channel, request.ts) as never)).toContain('Approved by <@UIGCC>');
    expect(JSON.stringify(h.fake.message(request.channel, request.ts)!.blocks)).not.toContain('petition.approve');
    for (const organizer of ['UCORA', 'UCARL']) expect(s.dms(organizer).some((t) => t.includes('was approved by the Interest Group Coordination Committee'))).toBe(true);
  });

  it('says the petition was already decided on a second click, and shows the timeline', async () => {
    const request = h.fake.messagesIn(dmChannel('UIGCC'))[0]!;
    expect(await s.click('UADMIN', 'petition.approve', id, { channel: request.channel, ts: request.ts })).toContain('was already decided: approved by <@UIGCC>. Nothing changed.');
    expect(await h.prisma.group.count({ where: { key: { startsWith: 'metadatawranglers' } } })).toBe(1);
    const status = await s.command('UPAT', `status ${id}`);
    for (const line of ['Filed by <@UCORA>', 'Opened for signatures', 'Conveners told of progress', 'Reached its threshold; sent for approval', 'Approved by <@UIGCC>', 'Group channel created']) {
      expect(status.text).toContain(line);
    }
    // Interest groups have conveners, not organizers; and they aren't reported to Council.
    expect(status.text).not.toContain('Organizers');
    expect(status.text).not.toContain('Council');
    expect(JSON.stringify((await s.command('UADMIN', `status ${id}`)).blocks)).not.toContain('petition.reported-to-council');
    expect(status.text).toMatch(/…and 5\d signature events/);
    expect((await s.command('UPAT', 'status 999')).text).toContain('There is no petition #999');
    expect((await s.command('UPAT', 'status soon')).text).toContain('Give the petition number');
  });
});

describe('rejection, withdrawal and hostile text', () => {
  it('posts approval requests to the staff channel once set, and a rejection needs a reason the organizers are told', async () => {
    await s.command('UADMIN', 'help'); // staff exist; set the channels the way staff do
    await h.driver.command('UADMIN', '/ig', 'admin channel staff <#CSTAFF|ig-staff>');
    await h.driver.command('UADMIN', '/ig', 'admin channel petitions <#CPETITIONS|petitions>');
    await until(async () => (await h.prisma.setting.count()) === 2, 'the channels to be set');

    const p = await s.file('UCARL', 'ig', { name: 'Zine Librarians Circle', purpose: 'Zine librarians trading practice on collecting, describing and preserving zines.', level: 'DIVISION', leaders: ['UCARL'] });
    expect(p.channelId).toBe('CPETITIONS');
    const at = { channel: p.channelId, ts: p.messageTs! };
    await Promise.all(SIGNERS.slice(0, 10).map((u) => s.click(u, 'petition.sign', p.id, at)));
    await until(() => h.fake.messagesIn('CSTAFF').length === 1, 'the approval request in the staff channel');
    const request = h.fake.messagesIn('CSTAFF')[0]!;
    const requestAt = { channel: 'CSTAFF', ts: request.ts };

    expect(await s.click('UNOBODY', 'petition.reject', p.id, requestAt)).toContain('Only the Interest Group Coordination Committee');
    await h.driver.blockAction('UIGCC', { action_id: 'petition.reject', value: String(p.id) }, { channelId: 'CSTAFF', messageTs: request.ts });
    const modal = await h.fake.waitFor('views.open', (c) => (c.args.view as { callback_id: string }).callback_id !== 'petition.form');
    expect((modal.args.view as { callback_id: string }).callback_id).toBe('petition.reject.form');

    const reason = (value: string | null) => ({ reason: { value: { type: 'plain_text_input', value } } });
    const empty = await h.driver.viewSubmission('UIGCC', { callback_id: 'petition.reject.form', values: reason(null) });
    expect(empty.body).toEqual({ response_action: 'errors', errors: { reason: 'Give a reason; the conveners and the person who filed the petition will read it.' } });
    const ok = await h.driver.viewSubmission('UIGCC', { callback_id: 'petition.reject.form', values: reason('Overlaps <!channel> & Metadata Wranglers') });
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('');

    const stored = await h.prisma.petition.findUniqueOrThrow({ where: { id: p.id } });
    expect(stored).toMatchObject({ status: 'REJECTED', decidedBy: 'UIGCC', rejectionReason: 'Overlaps <!channel> & Metadata Wranglers', groupId: null });
    await until(() => s.dms('UCARL').some((t) => t.includes('was not approved')), 'the rejection DM');
    const dm = s.dms('UCARL').find((t) => t.includes('was not approved'))!;
    expect(dm).toContain('Their reason: Overlaps &lt;!channel&gt; &amp; Metadata Wranglers');
    await until(async () => (await s.message(p.id)).all.includes('*Not approved*'), 'the petition message to say not approved');
    await until(() => textOf(h.fake.message('CSTAFF', request.ts) as never).includes('Not approved by <@UIGCC>'), 'the staff request to close');
    expect(await s.click('UIGCC', 'petition.sign', p.id, at)).toContain('is no longer taking signatures: it is not approved');
  });

  it('lets only its organizers withdraw a petition', async () => {
    const p = await s.file('UCORA', 'ig', { name: 'Linked Open Data Lab', purpose: 'Hands-on practice with linked open data, SPARQL and knowledge graphs in catalogs.', level: 'SECTION', leaders: ['UCARL'] });
    const at = { channel: p.channelId, ts: p.messageTs! };
    expect(await s.click('UPAT', 'petition.withdraw', p.id, at)).toBe(`Only its conveners or the person who filed it can withdraw petition #${p.id} (*Linked Open Data Lab*).`);
    expect(await s.click('UCORA', 'petition.withdraw', p.id, at)).toContain('is withdrawn'); // the petitioner
    expect((await h.prisma.petition.findUniqueOrThrow({ where: { id: p.id } })).status).toBe('WITHDRAWN');
    expect(await s.click('UCARL', 'petition.withdraw', p.id, at)).toContain('there is nothing to withdraw');
    expect(await s.click('UPAT', 'petition.sign', p.id, at)).toContain('it is withdrawn');
    await until(async () => (await s.message(p.id)).all.includes('*Withdrawn* by <@UCORA>, with 0 of 10 signatures.'), 'the message to say withdrawn, by whom');
  });

  it('shows names and purposes literally: no pings, no links', async () => {
    const name = '<!channel> & <@UADMIN> @here';
    const p = await s.file('UCORA', 'ig', { name, purpose: 'Testing <!here> and <https://evil.example|click> & <#CSTAFF> in a statement of purpose.', level: 'SECTION', leaders: ['UCORA'] });
    const msg = await s.message(p.id);
    const texts = mrkdwnTexts(msg);
    expect(texts.join('\n')).toContain('&lt;!channel&gt; &amp; &lt;@UADMIN&gt; @here');
    expect(texts.join('\n')).toContain('&lt;https://evil.example|click&gt;');
    for (const t of texts) expect(t).not.toMatch(/<!channel>|<!here>|<@UADMIN>|<https:|<#CSTAFF>/);
    const dm = h.fake.messagesIn(dmChannel('UCORA')).at(-1)!;
    for (const t of mrkdwnTexts(dm)) expect(t).not.toContain('<!channel>');
    const list = await s.command('UPAT', 'list');
    for (const t of mrkdwnTexts(list)) expect(t).not.toContain('<!channel>');
  });
});
