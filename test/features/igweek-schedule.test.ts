// IG Week's milestone nudges: given the database and a window, which occurrences, to whom, at which instant.
// (Delivery itself is the deadline engine's, tested there.)
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { groupKey } from '../../src/features/directory/rules.js';
import { loadWeek } from '../../src/features/igweek/service.js';
import {
  chairChecklistRule,
  claimingOpenRule,
  detailsDueRule,
  igWeekRules,
  practiceCallRule,
  programRule,
  recordingMissingRule,
  surveyRule,
} from '../../src/features/igweek/schedule.js';
import { allRules } from '../../src/features/reminders/registry.js';
import type { Occurrence, ReminderRule } from '../../src/features/reminders/types.js';
import { openTestDatabase, type TestDatabase, textOf } from '../support/harness.js';
import { TERM } from './igweek-support.js';

let t: TestDatabase;
const ids: Record<'A' | 'B' | 'C', number> = { A: 0, B: 0, C: 0 };

const ctx = () => ({ prisma: t.db.prisma, zone: 'America/Chicago' });
const win = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });
const run = (rule: ReminderRule, from: string, to: string) => rule.occurrences(ctx(), win(from, to));
const brief = (o: Occurrence) => ({ subject: o.subject, dueAt: o.dueAt.toISOString(), audience: o.audience });

beforeAll(async () => {
  t = await openTestDatabase();
  const prisma = t.db.prisma;
  await loadWeek(prisma, 2027);
  const slots = await prisma.igWeekSlot.findMany({ where: { year: 2027 }, orderBy: { startsAt: 'asc' } });
  const group = async (name: string, convener: string, channelId?: string) => {
    const g = await prisma.group.create({ data: { name, key: groupKey(name), kind: 'CORE_IG', eligibility: 'ANYONE', channelId } });
    await prisma.convenerTerm.create({ data: { groupId: g.id, slackUserId: convener, ...TERM } });
    return g.id;
  };
  ids.A = await group('Alpha Interest Group', 'UA', 'CALPHA');
  ids.B = await group('Beta Interest Group', 'UB');
  ids.C = await group('Gamma Interest Group', 'UC');
  // A: complete details and a moderator; B: nothing yet; C: assigned by staff, outside speaker only.
  await prisma.igWeekSession.create({ data: { year: 2027, slotId: slots[0]!.id, groupId: ids.A, claimedBy: 'UA', title: 'Alpha talks', description: 'About alpha.', speakerUserIds: ['USPK'], moderatorUserId: 'UMOD', registrationUrl: 'https://zoom.us/r/alpha' } });
  await prisma.igWeekSession.create({ data: { year: 2027, slotId: slots[5]!.id, groupId: ids.B, claimedBy: 'UB' } });
  await prisma.igWeekSession.create({ data: { year: 2027, slotId: slots[3]!.id, groupId: ids.C, claimedBy: 'USTAFF', title: 'Gamma', outsideSpeakers: ['Ann Guest'] } });
});
afterAll(() => t?.dispose());
beforeEach(async () => {
  await t.db.prisma.igWeek.update({ where: { year: 2027 }, data: { claiming: 'AUTO', openedAt: null, surveyUrl: 'https://survey.example.org/igw27' } });
  await t.db.prisma.igWeekSession.updateMany({ where: { year: 2027 }, data: { recordingUrl: null } });
});

describe('slot selection is open', () => {
  it("goes to the conveners' channel at January 15, 10:00 Central, once per window", async () => {
    const due = await run(claimingOpenRule, '2027-01-15T15:00:00Z', '2027-01-15T17:00:00Z');
    expect(due.map(brief)).toEqual([{ subject: 'igweek:2027:claiming-open', dueAt: '2027-01-15T16:00:00.000Z', audience: { kind: 'appChannel', which: 'conveners' } }]);
    expect(textOf(due[0]!.message as unknown as Record<string, unknown>)).toContain('Slot selection for IG Week 2027 is open');
    expect(JSON.stringify(due[0]!.message.blocks)).toContain('igweek.schedule');
    expect(await run(claimingOpenRule, '2027-01-15T16:00:00Z', '2027-01-16T00:00:00Z')).toEqual([]); // (from, to]: not again
    expect((await run(claimingOpenRule, '2027-01-15T15:00:00Z', '2027-01-15T17:00:00Z')).map(brief)).toEqual(due.map(brief));
  });

  it('goes when staff open selection early instead, and not at all while staff keep it closed', async () => {
    await t.db.prisma.igWeek.update({ where: { year: 2027 }, data: { claiming: 'OPEN', openedAt: new Date('2027-01-05T18:30:00Z') } });
    expect((await run(claimingOpenRule, '2027-01-05T18:00:00Z', '2027-01-05T19:00:00Z')).map((o) => o.dueAt.toISOString())).toEqual(['2027-01-05T18:30:00.000Z']);
    expect(await run(claimingOpenRule, '2027-01-15T15:00:00Z', '2027-01-15T17:00:00Z')).toEqual([]);
    await t.db.prisma.igWeek.update({ where: { year: 2027 }, data: { claiming: 'CLOSED', openedAt: null } });
    expect(await run(claimingOpenRule, '2027-01-01T00:00:00Z', '2027-02-01T00:00:00Z')).toEqual([]);
  });
});

describe('one week before details are due', () => {
  it("DMs the conveners of groups with a slot but no description or speakers", async () => {
    const due = await run(detailsDueRule, '2027-01-25T00:00:00Z', '2027-01-26T00:00:00Z');
    expect(due.map(brief)).toEqual([
      { subject: `igweek:2027:details:group:${ids.C}`, dueAt: '2027-01-25T16:00:00.000Z', audience: { kind: 'groupConveners', groupId: ids.C } },
      { subject: `igweek:2027:details:group:${ids.B}`, dueAt: '2027-01-25T16:00:00.000Z', audience: { kind: 'groupConveners', groupId: ids.B } },
    ]);
    expect(due[0]!.message.text).toContain('still needs its description');
    expect(due[1]!.message.text).toContain('still needs its description and speakers');
    expect(JSON.stringify(due[1]!.message.blocks)).toContain('igweek.edit-details');
  });
});

describe('the program and the call for practice sessions', () => {
  it('posts the program to the announcements channel one month before (Feb 1, 10:00 Central)', async () => {
    const due = await run(programRule, '2027-01-31T00:00:00Z', '2027-02-02T00:00:00Z');
    expect(due.map(brief)).toEqual([{ subject: 'igweek:2027:program', dueAt: '2027-02-01T16:00:00.000Z', audience: { kind: 'appChannel', which: 'announcements' } }]);
    const text = textOf(due[0]!.message as unknown as Record<string, unknown>);
    expect(text).toContain('*Alpha talks* — Alpha Interest Group');
    expect(text).toContain('<https://zoom.us/r/alpha|Register for this session>');
    expect(due[0]!.message.blocks!.length).toBeLessThanOrEqual(50);
  });

  it("calls for practice sessions in the conveners' channel two weeks before (Feb 15)", async () => {
    const due = await run(practiceCallRule, '2027-02-01T00:00:00Z', '2027-03-01T00:00:00Z');
    expect(due.map(brief)).toEqual([{ subject: 'igweek:2027:practice-call', dueAt: '2027-02-15T16:00:00.000Z', audience: { kind: 'appChannel', which: 'conveners' } }]);
    expect(due[0]!.message.text).toContain('practice session');
  });
});

describe("the chair's checklist", () => {
  it('goes the day before each session at 10:00 Central to whoever claimed it and the moderator (the conveners when staff assigned it)', async () => {
    const due = await run(chairChecklistRule, '2027-02-28T00:00:00Z', '2027-03-01T00:00:00Z');
    expect(due.map(brief)).toEqual([
      { subject: expect.stringMatching(/^igweek:session:\d+:checklist$/), dueAt: '2027-02-28T16:00:00.000Z', audience: { kind: 'users', userIds: ['UA', 'UMOD'] } },
      { subject: expect.stringMatching(/^igweek:session:\d+:checklist$/), dueAt: '2027-02-28T16:00:00.000Z', audience: { kind: 'groupConveners', groupId: ids.C } },
    ]);
    const text = textOf(due[0]!.message as unknown as Record<string, unknown>);
    for (const item of ['registered on their own', 'Log in 10 minutes before', 'pronouns in your name', 'order of speakers', 'hand-offs between speakers', "move the discussion and remaining questions to your group's channel (<#CALPHA>)"]) {
      expect(text).toContain(item);
    }
    expect(text).toContain('Tomorrow: Alpha Interest Group');
    // Tuesday's session comes a day later.
    expect((await run(chairChecklistRule, '2027-03-01T00:00:00Z', '2027-03-02T00:00:00Z')).map((o) => o.dueAt.toISOString())).toEqual(['2027-03-01T16:00:00.000Z']);
  });
});

describe('recordings', () => {
  it('nudges staff 48 hours after a session whose recording link is still missing: the staff channel, else each staff member by DM', async () => {
    await t.db.prisma.igWeekSession.update({ where: { year_groupId: { year: 2027, groupId: ids.C } }, data: { recordingUrl: 'https://youtu.be/c' } });
    await t.db.prisma.roleGrant.create({ data: { role: 'STAFF', grantedBy: 'test', person: { connectOrCreate: { where: { slackUserId: 'USTAFF' }, create: { slackUserId: 'USTAFF' } } } } });
    const byDm = await run(recordingMissingRule, '2027-03-03T00:00:00Z', '2027-03-04T00:00:00Z');
    expect(byDm.map((o) => o.audience)).toEqual([{ kind: 'users', userIds: ['USTAFF'] }]);
    await t.db.prisma.setting.create({ data: { key: 'channel.staff', value: 'CSTAFF', updatedBy: 'test' } });
    const due = await run(recordingMissingRule, '2027-03-03T00:00:00Z', '2027-03-04T00:00:00Z');
    expect(due.map(brief)).toEqual([{ subject: expect.stringMatching(/^igweek:session:\d+:recording$/), dueAt: '2027-03-03T17:00:00.000Z', audience: { kind: 'appChannel', which: 'staff' } }]);
    expect(due[0]!.message.text).toContain('Alpha Interest Group');
    await t.db.prisma.igWeekSession.updateMany({ data: { recordingUrl: 'https://youtu.be/x' } });
    expect(await run(recordingMissingRule, '2027-03-03T00:00:00Z', '2027-03-04T00:00:00Z')).toEqual([]);
  });
});

describe('the follow-up survey', () => {
  it('goes to the announcements channel and the chairs on the first weekday after the week', async () => {
    const due = await run(surveyRule, '2027-03-06T00:00:00Z', '2027-03-09T00:00:00Z');
    expect(due.map(brief)).toEqual([
      { subject: 'igweek:2027:survey:announcements', dueAt: '2027-03-08T16:00:00.000Z', audience: { kind: 'appChannel', which: 'announcements' } },
      { subject: 'igweek:2027:survey:chairs', dueAt: '2027-03-08T16:00:00.000Z', audience: { kind: 'users', userIds: ['UA', 'UB', 'UMOD'] } },
    ]);
    expect(due[1]!.message.text).toContain('<https://survey.example.org/igw27|');
  });

  it('waits for staff to set the survey link', async () => {
    await t.db.prisma.igWeek.update({ where: { year: 2027 }, data: { surveyUrl: null } });
    expect(await run(surveyRule, '2027-03-06T00:00:00Z', '2027-03-09T00:00:00Z')).toEqual([]);
  });
});

describe('the whole season', () => {
  it('walks December to April: every milestone once, in order; the rules are registered with the engine', async () => {
    const all: { rule: string; dueAt: string }[] = [];
    for (const rule of igWeekRules) for (const o of await run(rule, '2026-12-01T00:00:00Z', '2027-04-01T00:00:00Z')) all.push({ rule: rule.id, dueAt: o.dueAt.toISOString() });
    all.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.rule.localeCompare(b.rule));
    expect(all).toEqual([
      { rule: 'igweek.claiming-open', dueAt: '2027-01-15T16:00:00.000Z' },
      { rule: 'igweek.details-due', dueAt: '2027-01-25T16:00:00.000Z' },
      { rule: 'igweek.details-due', dueAt: '2027-01-25T16:00:00.000Z' },
      { rule: 'igweek.program', dueAt: '2027-02-01T16:00:00.000Z' },
      { rule: 'igweek.practice-call', dueAt: '2027-02-15T16:00:00.000Z' },
      { rule: 'igweek.chair-checklist', dueAt: '2027-02-28T16:00:00.000Z' },
      { rule: 'igweek.chair-checklist', dueAt: '2027-02-28T16:00:00.000Z' },
      { rule: 'igweek.chair-checklist', dueAt: '2027-03-01T16:00:00.000Z' },
      { rule: 'igweek.recording-missing', dueAt: '2027-03-03T17:00:00.000Z' },
      { rule: 'igweek.recording-missing', dueAt: '2027-03-03T20:00:00.000Z' },
      { rule: 'igweek.recording-missing', dueAt: '2027-03-04T17:00:00.000Z' },
      { rule: 'igweek.survey', dueAt: '2027-03-08T16:00:00.000Z' },
      { rule: 'igweek.survey', dueAt: '2027-03-08T16:00:00.000Z' },
    ]);
    const registered = allRules().map((r) => r.id);
    for (const rule of igWeekRules) expect(registered).toContain(rule.id);
  });
});
