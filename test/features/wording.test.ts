// Wording that depends on who is spoken to and on the group's kind: staff told about someone
// else's roster situation in the third person, and the nominate modal's eligibility sentence
// from the kind rules. Through signed requests and the fake Web API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, textOf } from '../support/harness.js';
import { addGroup, addPeople, clickModal, submit, v } from './conveners-support.js';

let h: Harness;
let rural: number;
let core: number;

beforeAll(async () => {
  // March 1, 2027, 10:00 in Chicago.
  h = await startHarness({ adminUserIds: ['UADMIN'], now: '2027-03-01T16:00:00Z' });
  await addPeople(h, [
    { id: 'UADMIN', email: 'admin@example.org' },
    { id: 'UCAT', email: 'cat@example.org', memberships: 'ALA' },
    { id: 'ULEE', email: 'lee@example.org', memberships: 'PLA', standing: 'lapsed' },
    { id: 'UNOBODY', email: 'nobody@example.org' },
  ]);
  rural = await addGroup(h.prisma, { name: 'Rural Libraries', kind: 'PLA_IG' });
  await h.prisma.group.update({ where: { id: rural }, data: { eligibility: 'PLA_MEMBERS' } });
  core = await addGroup(h.prisma, { name: 'Open Data' });
});
afterAll(() => h?.close());

const addValues = (person: string) => ({ person: v.user(person), starts: v.date('2027-07-01'), ends: v.date('2028-06-30') });

describe('staff adding someone else as convener', () => {
  it("names the person's roster situation in the third person", async () => {
    const meta = JSON.stringify({ groupId: rural });
    const notPla = (await submit(h, 'UADMIN', 'conveners.add.modal', addValues('UCAT'), meta)).errors?.person ?? '';
    expect(notPla).toContain("requires PLA personal membership; the roster doesn't show it for UCAT.");
    expect(notPla).not.toMatch(/\byou\b/i);
    const lapsed = (await submit(h, 'UADMIN', 'conveners.add.modal', addValues('ULEE'), meta)).errors?.person ?? '';
    expect(lapsed).toContain("the roster shows ULEE's membership as lapsed");
    const unknown = (await submit(h, 'UADMIN', 'conveners.add.modal', addValues('UNOBODY'), meta)).errors?.person ?? '';
    expect(unknown).toContain('and unobody is not on the membership roster. Staff can add them to the roster with their email address.');
  });
});

describe('the nominate modal', () => {
  async function nominateText(groupId: number): Promise<string> {
    const open = await clickModal(h, 'UADMIN', 'conveners.election.open', String(groupId), 'DADMIN');
    const r = await submit(h, 'UADMIN', 'elections.open.modal', { positions: v.text('Convener'), opens: v.date('2027-03-08'), closes: v.date('2027-03-22') }, open.private_metadata as string);
    expect(r.errors).toBeUndefined();
    const e = await h.prisma.election.findFirstOrThrow({ where: { groupId } });
    return textOf(await clickModal(h, 'UADMIN', 'elections.nominate', String(e.id), 'DADMIN'));
  }

  it("states the eligibility of the group's kind", async () => {
    const pla = await nominateText(rural);
    expect(pla).toContain('They must be able to join the group (PLA personal members) and accept the nomination.');
    expect(pla).not.toContain('Core member');
    expect(await nominateText(core)).toContain('They must be a Core member in good standing and accept the nomination.');
  });
});
