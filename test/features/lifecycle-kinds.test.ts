// Which kinds renew a charter and dissolve: the seeds' rule (Core interest groups) unless staff
// choose otherwise with `/ig admin lifecycle`; every check (renewal nudges, /ig renew, the
// dissolution rule, /ig info) honours the choice; `default` restores the seeds' rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renewalRule } from '../../src/features/charters/schedule.js';
import { dissolutionWarningRule } from '../../src/features/dissolution/schedule.js';
import { type Harness, startHarness, textOf } from '../support/harness.js';
import { addGroup, addPeople, slash, slashModal } from './conveners-support.js';
import { makeEngine } from './reminders-helpers.js';

let h: Harness;
let pla = 0;

beforeAll(async () => {
  h = await startHarness({ adminUserIds: ['UADMIN'], now: '2027-04-01T15:00:00Z' });
  await addPeople(h, [{ id: 'UADMIN', email: 'admin@example.org' }, { id: 'UPAT', email: 'pat@example.org' }]);
  pla = await addGroup(h.prisma, { name: 'Public Tech', kind: 'PLA_IG', terms: [{ slackUserId: 'UPAT', year: 2026 }] });
  await h.prisma.group.update({ where: { id: pla }, data: { charterApprovedOn: new Date('2024-05-01T00:00:00Z') } });
});
afterAll(() => h?.close());

const dissolutionSubjects = async () =>
  (await dissolutionWarningRule.occurrences({ prisma: h.prisma, zone: h.config.orgTimezone }, { from: new Date('2027-01-01T00:00:00Z'), to: new Date('2027-05-02T00:00:00Z') })).map((o) => o.subject);

describe('/ig admin lifecycle', () => {
  it('shows the seeds’ rule by default, and PLA groups neither renew nor dissolve', async () => {
    expect((await slash(h, 'UADMIN', '/ig', 'admin lifecycle')).text).toContain('Core interest groups renew their charter every three years');
    expect((await slash(h, 'UPAT', '/ig', 'renew public tech')).text).toContain('only Core interest groups renew a charter');
    expect(await dissolutionSubjects()).toEqual([]);
  });

  it('is refused to non-staff and for unknown kinds', async () => {
    expect((await slash(h, 'UPAT', '/ig', 'admin lifecycle pla-ig')).text).toContain('Only staff');
    expect((await slash(h, 'UADMIN', '/ig', 'admin lifecycle pla')).text).toContain('"pla" is not a kind');
    expect(await h.prisma.setting.findUnique({ where: { key: 'lifecycle.kinds' } })).toBeNull();
  });

  it('staff make PLA groups renew and dissolve: /ig renew, the nudge and the dissolution rule follow', async () => {
    const r = await slash(h, 'UADMIN', '/ig', 'admin lifecycle core-ig pla-ig');
    expect(r.text).toBe(':white_check_mark: Core interest groups and PLA interest groups renew their charter every three years and dissolve after three years without an approved charter or activity.');
    expect((await h.prisma.setting.findUniqueOrThrow({ where: { key: 'lifecycle.kinds' } })).value).toBe('CORE_IG,PLA_IG');
    expect(await h.prisma.auditLog.findFirst({ where: { action: 'setting.lifecycle.set', actor: 'UADMIN' } })).toMatchObject({ details: { kinds: ['CORE_IG', 'PLA_IG'] } });

    expect((await slash(h, 'UPAT', '/ig', 'info public tech')).text).toContain('*Charter renewal due*\nMay 1, 2027');
    const view = await slashModal(h, 'UPAT', '/ig', 'renew public tech');
    expect(JSON.stringify(view)).toContain('Public Tech');
    expect((await dissolutionSubjects()).some((s) => s.startsWith(`group:${pla}:`))).toBe(true);

    h.fake.reset();
    h.clock.set('2027-05-01T13:00:00Z');
    await makeEngine(h, { rules: [renewalRule], transitions: [] }).tick();
    const texts = h.fake.callsTo('chat.postMessage').map((c) => textOf(c.args));
    expect(texts.some((t) => t.includes('Public Tech') && t.includes('is due for renewal today'))).toBe(true);
    h.clock.set('2027-04-01T15:00:00Z');
  });

  it('`default` restores the seeds’ rule', async () => {
    expect((await slash(h, 'UADMIN', '/ig', 'admin lifecycle default')).text).toContain(':white_check_mark: Core interest groups renew');
    expect(await h.prisma.setting.findUnique({ where: { key: 'lifecycle.kinds' } })).toBeNull();
    expect(await h.prisma.auditLog.count({ where: { action: 'setting.lifecycle.cleared' } })).toBe(1);
    expect((await slash(h, 'UPAT', '/ig', 'renew public tech')).text).toContain('only Core interest groups renew a charter');
    expect(await dissolutionSubjects()).toEqual([]);
  });
});
