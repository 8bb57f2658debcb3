// The local workspace's demo data, loaded on first start and on "Reset workspace": people with
// every role Convene knows (in different time zones), a roster, the seed groups, a few Core
// interest groups with conveners for the current term, and the app's channels. Everything is
// marked as demo: names and titles say so, emails are on demo.example, and the database carries
// the `workspace.demo` setting. It goes in through the app's own import paths (roster CSV,
// group CSV, seed groups), so what the app sees is what a real import gives it.
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Role } from '../generated/prisma/enums.js';
import { ensurePerson, grant, setSetting } from '../features/admin/store.js';
import { APP_CHANNELS, type AppChannel, channelSettingKey } from '../features/admin/rules.js';
import { groupKey } from '../features/directory/rules.js';
import { upsertPerson } from '../features/people/store.js';
import { importGroups, importMembers, seedGroups } from '../features/roster/service.js';
import { channelName } from '../lib/slack/channels.js';
import type { Clock } from '../lib/time.js';
import type { SlackEmulator } from '../slack-emulator/emulator.js';
import { addGroupMembers, groupsByKeys, markDemo, setGroupChannel, setGroupCreated } from './store.js';
import type { DemoPerson } from './types.js';

type Membership = 'ALA' | 'Core' | 'PLA';

interface DemoSpec {
  id: string;
  name: string;
  title: string;
  tz: string;
  roles: string[];
  /** Roster memberships; undefined: not on the roster. */
  roster?: Membership[];
  grants?: Role[];
}

const signer = (n: number, name: string, tz: string): DemoSpec => ({
  id: `U0DEMOSIGN${String(n).padStart(2, '0')}`,
  name: `${name} (demo)`,
  title: `Core member, demo signer ${n}`,
  tz,
  roles: ['signer', 'core'],
  roster: ['ALA', 'Core'],
});

const SPECS: DemoSpec[] = [
  { id: 'U0DEMOSTAFF', name: 'Dana Reyes (demo)', title: 'Staff liaison (demo)', tz: 'America/Chicago', roles: ['staff'], roster: ['ALA', 'Core'], grants: ['STAFF'] },
  { id: 'U0DEMOCONV', name: 'Sam Okafor (demo)', title: 'Core convener (demo)', tz: 'America/New_York', roles: ['convener', 'core'], roster: ['ALA', 'Core'] },
  { id: 'U0DEMOIGCC', name: 'Priya Nair (demo)', title: 'Interest Group Coordination Committee (demo)', tz: 'America/Los_Angeles', roles: ['igcc', 'core'], roster: ['ALA', 'Core'], grants: ['IGCC'] },
  { id: 'U0DEMOCOO', name: 'Lars Berg (demo)', title: 'Committee on Organization (demo)', tz: 'Europe/Stockholm', roles: ['coo', 'ala'], roster: ['ALA'], grants: ['COO'] },
  { id: 'U0DEMOALA', name: 'Mei Chen (demo)', title: 'ALA member (demo)', tz: 'Asia/Singapore', roles: ['ala'], roster: ['ALA'] },
  { id: 'U0DEMOPLA', name: 'Tomás Silva (demo)', title: 'PLA member (demo)', tz: 'America/Denver', roles: ['pla'], roster: ['ALA', 'PLA'] },
  { id: 'U0DEMOGUEST', name: 'Alex Kim (demo)', title: 'Not on the roster (demo)', tz: 'Pacific/Honolulu', roles: ['not-on-roster'] },
  signer(1, 'Ada Park', 'America/Chicago'),
  signer(2, 'Ben Ortiz', 'America/New_York'),
  signer(3, 'Chloe Martin', 'Europe/London'),
  signer(4, 'Dev Patel', 'Asia/Kolkata'),
  signer(5, 'Elena Rossi', 'Europe/Rome'),
  signer(6, 'Farid Haddad', 'America/Phoenix'),
  signer(7, 'Grace Liu', 'America/Los_Angeles'),
  signer(8, 'Hana Sato', 'Asia/Tokyo'),
  signer(9, 'Ivan Petrov', 'Europe/Berlin'),
  signer(10, 'Julia Souza', 'America/Sao_Paulo'),
  signer(11, 'Kofi Mensah', 'Africa/Accra'),
  signer(12, 'Lena Novak', 'Australia/Sydney'),
];

export const DEMO_PEOPLE: DemoPerson[] = SPECS.map(({ id, name, title, tz, roles }) => ({ id, name, title, tz, roles, demo: true }));

const CONVENER = 'U0DEMOCONV';
const STAFF = 'U0DEMOSTAFF';
const COMMITTEES = ['U0DEMOIGCC', 'U0DEMOCOO'];

export const GENERAL_CHANNEL = 'C0GENERAL';

/** The app's channels in the demo, set through the same settings staff set with `/ig admin channel`. */
const APP_CHANNEL_SPECS: Record<AppChannel, { id: string; name: string; isPrivate: boolean; members: 'everyone' | string[] }> = {
  petitions: { id: 'C0DEMOPETITIONS', name: 'demo-petitions', isPrivate: false, members: 'everyone' },
  announcements: { id: 'C0DEMOANNOUNCE', name: 'demo-announcements', isPrivate: false, members: 'everyone' },
  staff: { id: 'C0DEMOSTAFF', name: 'demo-staff', isPrivate: true, members: [STAFF, ...COMMITTEES] },
  conveners: { id: 'C0DEMOCONVENERS', name: 'demo-conveners', isPrivate: false, members: [CONVENER, 'U0DEMOSIGN01', STAFF] },
};

/** Core interest groups made up for the demo, with this term's conveners. */
const CORE_GROUPS: { name: string; description: string; conveners: string[]; channelId: string; members: string[] }[] = [
  {
    name: 'Metadata Practices (demo)',
    description: 'A demo Core interest group: for people who create, manage and share metadata in any kind of library.',
    conveners: [CONVENER, 'U0DEMOSIGN01'],
    channelId: 'C0DEMOIG1',
    members: ['U0DEMOSIGN02', 'U0DEMOSIGN03', 'U0DEMOIGCC'],
  },
  {
    name: 'Preservation Technology (demo)',
    description: 'A demo Core interest group: digital and physical preservation, the tools and the practice.',
    conveners: [CONVENER],
    channelId: 'C0DEMOIG2',
    members: ['U0DEMOSIGN04', 'U0DEMOSIGN05'],
  },
  {
    name: 'Library Facilities Planning (demo)',
    description: 'A demo Core interest group: planning, building and renovating library spaces.',
    conveners: [CONVENER, 'U0DEMOSIGN06'],
    channelId: 'C0DEMOIG3',
    members: ['U0DEMOSIGN07'],
  },
];

const emailOf = (spec: DemoSpec) => `${spec.name.replace(/ \(demo\)$/, '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]+/g, '.')}@demo.example`;
const byId = new Map(SPECS.map((s) => [s.id, s]));
const csvField = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csv = (header: string[], rows: string[][]) => [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n');

/** The demo people as Slack users of the emulated workspace (with emails, so the app finds them on the roster). */
export function addDemoUsers(emulator: SlackEmulator): void {
  for (const spec of SPECS) {
    emulator.addUser({ id: spec.id, name: spec.name.replace(/ \(demo\)$/, '').toLowerCase().replace(/[^a-z]+/g, '.'), real_name: spec.name, title: spec.title, tz: spec.tz, email: emailOf(spec) });
  }
}

/** Loads the demo into an empty database and workspace. */
export async function loadDemo(p: { prisma: PrismaClient; emulator: SlackEmulator; clock: Clock; orgTimezone: string }): Promise<void> {
  const { prisma, emulator } = p;
  const everyone = SPECS.map((s) => s.id);
  const bot = emulator.botUserId;
  addDemoUsers(emulator);

  emulator.addChannel({ id: GENERAL_CHANNEL, name: 'general', members: [bot, ...everyone] });
  for (const which of APP_CHANNELS) {
    const c = APP_CHANNEL_SPECS[which];
    emulator.addChannel({ id: c.id, name: c.name, is_private: c.isPrivate, members: [bot, ...(c.members === 'everyone' ? everyone : c.members)] });
  }

  const groupOptions = { clock: p.clock, orgTimezone: p.orgTimezone };
  await importMembers(
    prisma,
    csv(
      ['email', 'name', 'memberships', 'standing'],
      SPECS.filter((s) => s.roster).map((s) => [emailOf(s), s.name, s.roster!.join(';'), 'good']),
    ),
    'demo',
  );
  await seedGroups(prisma, 'demo', groupOptions);
  await importGroups(
    prisma,
    csv(
      ['name', 'kind', 'level', 'description', 'staff_liaison', 'open_to_public', 'conveners'],
      CORE_GROUPS.map((g) => [g.name, 'core-ig', 'division', g.description, byId.get(STAFF)!.name, 'no', g.conveners.map((id) => emailOf(byId.get(id)!)).join(';')]),
    ),
    'demo',
    groupOptions,
  );

  await prisma.$transaction(async (tx) => {
    for (const spec of SPECS) {
      await upsertPerson(tx, { slackUserId: spec.id, email: emailOf(spec), name: spec.name });
      for (const role of spec.grants ?? []) {
        await ensurePerson(tx, spec.id);
        await grant(tx, spec.id, role, 'demo');
      }
    }
    for (const which of APP_CHANNELS) await setSetting(tx, channelSettingKey(which), APP_CHANNEL_SPECS[which].id, 'demo');
    const groups = new Map((await groupsByKeys(tx, CORE_GROUPS.map((g) => groupKey(g.name)))).map((g) => [g.key, g]));
    for (const g of CORE_GROUPS) {
      const group = groups.get(groupKey(g.name))!;
      await setGroupChannel(tx, group.id, g.channelId);
      // The demo's Core groups are established: created a year ago, so they owe this quarter's reports.
      await setGroupCreated(tx, group.id, new Date(p.clock().getTime() - 365 * 86_400_000));
      await addGroupMembers(tx, group.id, [...g.conveners, ...g.members]);
    }
    await markDemo(tx);
  });
  for (const g of CORE_GROUPS) {
    emulator.addChannel({ id: g.channelId, name: channelName(g.name), members: [bot, ...g.conveners, ...g.members, STAFF] });
  }
}
