// The public pages' test data, shared by the HTTP tests and the browser test: groups of each kind
// with conveners (by Slack id and by email only), a liaison typed with an email, members, business
// meetings past and future, IG Week sessions, and a dissolved group with a session.
import { groupKey } from '../../src/features/directory/rules.js';
import { loadWeek } from '../../src/features/igweek/service.js';
import { importMembers } from '../../src/features/roster/service.js';
import { zonedInstant } from '../../src/lib/time.js';
import type { Harness } from '../support/harness.js';

export const AI = 'Artificial Intelligence & Libraries';
export const AI_SLUG = 'artificial-intelligence-and-libraries';
export const REGISTRATION = 'https://example.zoom.us/webinar/register/WN_ai2027';

/** Everything that must never appear on a public page. */
export const PRIVATE = {
  emails: ['ana@example.org', 'bo@example.org', 'mia@example.org', 'jane.staff@ala.org', 'gone@example.org'],
  ids: ['UCONVANA1', 'UMEMBERMIA', 'UCLAIMER9'],
  memberNames: ['Mia Member'],
  dissolved: ['Old Dissolved Group', 'Should not appear'],
};

export async function seedPublicData(h: Harness) {
  await importMembers(
    h.prisma,
    [
      'email,name,memberships,standing',
      'ana@example.org,Ana María Convener,Core;ALA,good',
      'bo@example.org,Bo Email-Only,Core,good',
      'mia@example.org,Mia Member,Core,good',
    ].join('\n'),
    'test',
  );
  await h.prisma.person.createMany({
    data: [
      { slackUserId: 'UCONVANA1', email: 'ana@example.org', name: 'ana.slack' },
      { slackUserId: 'UMEMBERMIA', email: 'mia@example.org', name: 'Mia Member' },
      { slackUserId: 'UCLAIMER9', email: 'gone@example.org', name: 'gone.person' },
    ],
  });
  const group = (data: { name: string; kind: 'CORE_IG' | 'PLA_IG' | 'MIG'; level?: 'DIVISION' | 'SECTION'; eligibility: 'ANYONE' | 'PLA_MEMBERS' | 'ALA_MEMBERS'; description: string; staffLiaison?: string; status?: 'ACTIVE' | 'DISSOLVED' }) =>
    h.prisma.group.create({ data: { ...data, key: groupKey(data.name) } });
  const ai = await group({
    name: AI,
    kind: 'CORE_IG',
    level: 'DIVISION',
    eligibility: 'ANYONE',
    description: 'Explores machine learning in library services.\n\nWe meet <monthly> & share notes.',
    staffLiaison: 'Jane Staff (jane.staff@ala.org)',
  });
  const pla = await group({ name: 'Public Library Technology', kind: 'PLA_IG', eligibility: 'PLA_MEMBERS', description: 'Technology in public libraries.' });
  const mig = await group({ name: 'Rural Libraries', kind: 'MIG', eligibility: 'ALA_MEMBERS', description: 'Small and rural libraries.' });
  const gone = await group({ name: 'Old Dissolved Group', kind: 'CORE_IG', eligibility: 'ANYONE', description: 'Gone.', status: 'DISSOLVED' });

  const term = { startsOn: new Date('2026-07-01'), endsOn: new Date('2027-06-30') };
  await h.prisma.convenerTerm.createMany({
    data: [
      { groupId: ai.id, slackUserId: 'UCONVANA1', ...term },
      { groupId: ai.id, email: 'bo@example.org', ...term },
      { groupId: gone.id, email: 'gone@example.org', ...term },
    ],
  });
  await h.prisma.groupMember.createMany({ data: [ai, pla, mig].map((g) => ({ groupId: g.id, slackUserId: 'UMEMBERMIA' })) });
  await h.prisma.businessMeeting.createMany({
    data: [
      { groupId: ai.id, heldOn: new Date('2026-06-10'), format: 'IN_PERSON', recordedBy: 'UCONVANA1', notes: 'ana@example.org took notes' },
      { groupId: ai.id, heldOn: new Date('2027-01-20'), format: 'VIRTUAL', recordedBy: 'UCONVANA1', link: 'https://example.zoom.us/j/1' },
    ],
  });

  await loadWeek(h.prisma, 2027);
  const slotAt = (day: string, time: string) => h.prisma.igWeekSlot.findUniqueOrThrow({ where: { year_startsAt: { year: 2027, startsAt: zonedInstant(day, time, 'America/Chicago') } } });
  const monday = await slotAt('2027-03-01', '10:00');
  const tuesday = await slotAt('2027-03-02', '11:00');
  await h.prisma.igWeekSession.create({
    data: { year: 2027, slotId: monday.id, groupId: ai.id, claimedBy: 'UCONVANA1', title: 'AI in cataloging', registrationUrl: REGISTRATION, speakerUserIds: ['UCONVANA1'] },
  });
  await h.prisma.igWeekSession.create({ data: { year: 2027, slotId: tuesday.id, groupId: gone.id, claimedBy: 'UCLAIMER9', title: 'Should not appear' } });
  return { ai, pla, mig, gone };
}
