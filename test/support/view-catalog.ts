/**
 * Every Block Kit payload the app can send, built from realistic data: several groups, names
 * near their limits, user text full of mrkdwn characters, many options, empty and full states.
 *
 * Data only (no database, no Slack): `test/views-catalog.test.ts` validates each entry with the
 * Block Kit validator and checks that every exported builder of `src/features/<feature>/views.ts`
 * and of `src/lib/slack/{blocks,modal}.ts` has an entry; the local workspace reuses the list to
 * test its renderer. Entry names are `<module>.<export>` with an optional ` — <variant>`, where
 * <module> is the feature folder name, or `lib/blocks` / `lib/modal`.
 */
import type { Group, IgWeek, IgWeekSession, IgWeekSlot } from '../../src/generated/prisma/client.js';
import type { Block, Reply } from '../../src/lib/slack/blocks.js';
import * as blocks from '../../src/lib/slack/blocks.js';
import * as modalKit from '../../src/lib/slack/modal.js';
import * as admin from '../../src/features/admin/views.js';
import * as annual from '../../src/features/annual/views.js';
import * as audit from '../../src/features/audit/views.js';
import * as compliance from '../../src/features/compliance/views.js';
import * as conveners from '../../src/features/conveners/views.js';
import * as directory from '../../src/features/directory/views.js';
import * as dissolution from '../../src/features/dissolution/views.js';
import * as elections from '../../src/features/elections/views.js';
import * as groups from '../../src/features/groups/views.js';
import * as home from '../../src/features/home/views.js';
import * as igweek from '../../src/features/igweek/views.js';
import * as outreach from '../../src/features/outreach/views.js';
import { igWeekCalendar } from '../../src/features/igweek/rules.js';
import * as petitions from '../../src/features/petitions/views.js';
import * as proposals from '../../src/features/proposals/views.js';
import * as charters from '../../src/features/charters/views.js';
import * as reminders from '../../src/features/reminders/views.js';
import * as reports from '../../src/features/reports/views.js';
import * as rooms from '../../src/features/rooms/views.js';
import type { Booking as RoomBooking, Room as RoomRow } from '../../src/features/rooms/service.js';

export type CatalogKind = 'message' | 'modal' | 'home';

export interface CatalogEntry {
  /** `<module>.<export>` or `<module>.<export> — <variant>`. */
  name: string;
  /** message: a Reply `{ text, blocks? }` (chat.postMessage, postEphemeral, response_url); modal/home: a view. */
  kind: CatalogKind;
  build: () => unknown;
}

/**
 * Exports of the scanned modules that build no payload (text helpers, parsers, counts). Listed
 * so that a new export must be put either here or in the catalog.
 */
export const NOT_PAYLOADS: Record<string, string[]> = {
  'lib/blocks': [],
  'lib/modal': ['formValues', 'metadata', 'metadataId', 'plainText'],
  annual: ['slotText'],
  charters: ['lastActivityText', 'renewButton', 'outcomeText'],
  conveners: ['termText'],
  dissolution: ['whatStopsIt', 'dissolvedNotice'],
  outreach: ['inviteSummaryText'],
  igweek: ['slotPlainText', 'slotTimesText', 'weekSpan', 'takenNotice', 'detailsSavedText', 'settingsSavedText'],
  petitions: ['petitionRef', 'organizerRows'],
  proposals: ['callsText', 'acceptedText'],
  reminders: ['formatRecipient', 'formatAudience', 'plainInstant'],
  rooms: ['whenText', 'freeTimesText'],
};

// ---------------------------------------------------------------------------
// Data

const ZONE = 'America/Chicago';
const NOW = new Date('2027-02-10T16:00:00Z');
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const users = (n: number, prefix = 'U0') => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(6, '0')}`);

/** 100 characters: the longest group name the directory takes, with characters mrkdwn must escape. */
const LONG_NAME = 'Cataloging & Metadata <Standards> *Research* _Working_ Interest Group of the Americas — Ex'.padEnd(100, 'x');
const LONG_TEXT = `${'Linked data, <BIBFRAME> & *RDA*: what changed this year and what comes next. '.repeat(40)}`.slice(0, 2000);

function group(id: number, name: string, over: Partial<Group> = {}): Group {
  return {
    id,
    name,
    key: name.toLowerCase().replace(/[^a-z0-9]/g, ''),
    kind: 'CORE_IG',
    level: 'DIVISION',
    status: 'ACTIVE',
    eligibility: 'ANYONE',
    description: 'Practitioners who share what works in metadata: standards, tools, workflows & training.',
    staffLiaison: 'Jordan Lee (jlee@example.org)',
    staffLiaisonUserId: null,
    channelId: `C${String(id).padStart(8, '0')}`,
    lastActivityAt: NOW,
    charterApprovedOn: null,
    dissolvedAt: null,
    dissolvedReason: null,
    channelMessageCount: 0,
    createdAt: new Date('2024-09-01T15:00:00Z'),
    updatedAt: NOW,
    ...over,
  };
}

const GROUPS: Group[] = [
  group(1, 'Metadata Interest Group'),
  group(2, LONG_NAME, { level: 'SECTION', staffLiaison: null, channelId: null, description: LONG_TEXT }),
  group(3, 'Health Sciences', { kind: 'PLA_IG', eligibility: 'PLA_MEMBERS', level: null }),
  group(4, 'New Librarians Initiative', { kind: 'MIG', eligibility: 'ALA_MEMBERS', level: null, description: '' }),
];
const MANY_GROUPS: Group[] = Array.from({ length: 130 }, (_, i) => group(100 + i, `${i % 7 === 0 ? LONG_NAME.slice(0, 90) : 'Interest Group'} ${i + 1}`));
const groupRef = (g: Group) => ({ id: g.id, name: g.name, channelId: g.channelId });

// IG Week ------------------------------------------------------------------

const CAL = igWeekCalendar(2027);
const WEEK_ROW: IgWeek = {
  id: 1,
  year: 2027,
  firstDay: null,
  lastDay: null,
  hours: [],
  slotCount: null,
  claimOpensAt: null,
  detailsDueOn: null,
  surveyUrl: null,
  claiming: 'AUTO',
  openedAt: null,
  programLocked: false,
  updatedBy: 'USTAFF',
  createdAt: NOW,
  updatedAt: NOW,
};
const SLOTS: IgWeekSlot[] = CAL.slots.map((s, i) => ({ id: i + 1, year: 2027, startsAt: s.startsAt }));

function session(id: number, slot: IgWeekSlot, g: Group, over: Partial<IgWeekSession> = {}): IgWeekSession & { slot: IgWeekSlot; group: ReturnType<typeof groupRef> } {
  return {
    id,
    year: 2027,
    slotId: slot.id,
    groupId: g.id,
    claimedBy: 'UCONVENER',
    claimedAt: NOW,
    title: null,
    description: null,
    setup: null,
    polls: null,
    breakoutRooms: null,
    speakerUserIds: [],
    outsideSpeakers: [],
    moderatorUserId: null,
    detailsBy: null,
    detailsAt: null,
    registrationUrl: null,
    practiceAt: null,
    recordingUrl: null,
    updatedAt: NOW,
    slot,
    group: groupRef(g),
    ...over,
  };
}

const FULL_SESSION = session(1, SLOTS[0]!, GROUPS[1]!, {
  title: `${'Linked Data <in> *Practice* & '.repeat(6)}`.slice(0, 150),
  description: LONG_TEXT.padEnd(3000, '.'),
  setup: 'WEBINAR',
  polls: true,
  breakoutRooms: false,
  speakerUserIds: users(10),
  outsideSpeakers: ['Dr. Ada O’Brien <University of Somewhere>', 'Sam *Star* Smith', 'A'.repeat(100)],
  moderatorUserId: 'UMODERATOR',
  registrationUrl: 'https://zoom.example.org/webinar/register/WN_abc|def<ghi>',
  practiceAt: new Date('2027-02-24T17:00:00Z'),
  recordingUrl: 'https://videos.example.org/igweek/2027/metadata',
});
const BARE_SESSION = { ...session(2, SLOTS[1]!, GROUPS[0]!), group: { ...groupRef(GROUPS[0]!), channelId: null } };

type ScheduleData = Parameters<typeof igweek.scheduleReply>[0];
function scheduleData(o: { staff: boolean; mine: boolean; taken: number; now?: Date; state?: ScheduleData['state'] }): ScheduleData {
  const slots = SLOTS.map((slot, i) => ({
    ...slot,
    session: i < o.taken ? { ...session(100 + i, slot, i % 3 === 0 ? GROUPS[1]! : MANY_GROUPS[i]!, i % 2 ? { title: `Session ${i} & <friends>` } : {}), slot: undefined } : null,
  }));
  return {
    year: 2027,
    cal: CAL,
    row: WEEK_ROW,
    now: o.now ?? NOW,
    state: o.state ?? { open: true },
    slots: slots as ScheduleData['slots'],
    myGroupIds: o.mine ? [GROUPS[1]!.id, MANY_GROUPS[1]!.id] : [],
    staff: o.staff,
    canClaim: o.staff || o.mine,
  };
}

type ProgramData = Parameters<typeof igweek.programReply>[0];
const PROGRAM: ProgramData = {
  year: 2027,
  cal: CAL,
  locked: false,
  surveyUrl: null,
  sessions: [FULL_SESSION, BARE_SESSION, ...SLOTS.slice(2).map((slot, i) => session(10 + i, slot, MANY_GROUPS[i]!, { title: `Session ${i + 3}`, description: LONG_TEXT }))],
  nameOf: (id: string) => `Person ${id}`,
};

// Elections ----------------------------------------------------------------

type FullElection = Parameters<typeof elections.announcement>[0];
function election(positions: { title: string; seats: number; candidates: { user: string; status: 'PENDING' | 'ACCEPTED' | 'DECLINED' | 'WITHDRAWN' }[] }[], g: Group = GROUPS[1]!): FullElection {
  return {
    id: 7,
    groupId: g.id,
    year: 2027,
    status: 'OPEN',
    opensAt: new Date('2027-03-15T05:00:00Z'),
    closesAt: new Date('2027-04-30T04:59:59Z'),
    createdBy: 'UCONVENER',
    createdAt: NOW,
    closedAt: null,
    group: g,
    positions: positions.map((p, sort) => ({
      id: 70 + sort,
      electionId: 7,
      title: p.title,
      seats: p.seats,
      sort,
      candidates: p.candidates.map((c, i) => ({ id: 700 + sort * 100 + i, positionId: 70 + sort, slackUserId: c.user, nominatedBy: 'UNOMINATOR', status: c.status, respondedAt: null, createdAt: NOW, votes: null })),
    })),
  } as FullElection;
}
const ONE_SEAT = election([{ title: 'Convener', seats: 1, candidates: [{ user: 'UCAND1', status: 'ACCEPTED' }, { user: 'UCAND2', status: 'PENDING' }] }]);
const MANY_SEATS = election([
  { title: 'Co-conveners', seats: 2, candidates: users(10, 'UC').map((user, i) => ({ user, status: i < 8 ? 'ACCEPTED' : 'PENDING' })) },
  { title: `Secretary ${'and Treasurer '.repeat(5)}`.trim(), seats: 1, candidates: users(9, 'US').map((user) => ({ user, status: 'ACCEPTED' })) },
  { title: 'Webmaster', seats: 1, candidates: [] },
]);
const tally = (e: FullElection, p: number) => e.positions[p]!.candidates.map((c, i) => ({ id: c.id, slackUserId: c.slackUserId, votes: 20 - i }));
type ResultView = Parameters<typeof elections.resultsPost>[0];
const RESULTS: ResultView = {
  election: MANY_SEATS,
  positions: [
    { title: 'Co-conveners', seats: 2, ranked: tally(MANY_SEATS, 0), elected: tally(MANY_SEATS, 0).slice(0, 1), tied: tally(MANY_SEATS, 0).slice(1, 3), openSeats: 1 },
    { title: 'Secretary', seats: 1, ranked: tally(MANY_SEATS, 1), elected: tally(MANY_SEATS, 1).slice(0, 1), tied: [], openSeats: 0 },
    { title: 'Webmaster', seats: 1, ranked: [], elected: [], tied: [], openSeats: 1 },
  ],
  turnout: 143,
  members: 1200,
  term: { startsOn: '2027-07-01', endsOn: '2028-06-30' },
};
const NOBODY_ELECTED: ResultView = { ...RESULTS, election: ONE_SEAT, positions: [{ title: 'Convener', seats: 1, ranked: [], elected: [], tied: [], openSeats: 1 }], turnout: 0, members: 0 };

// Petitions ----------------------------------------------------------------

type PetitionRow = Parameters<typeof petitions.petitionMessage>[0];
function petition(id: number, over: Partial<PetitionRow> = {}): PetitionRow {
  return {
    id,
    kind: 'CORE_IG',
    level: 'SECTION',
    name: LONG_NAME,
    purpose: LONG_TEXT,
    organizers: users(10, 'UO'),
    mailingAddresses: null,
    petitioner: 'UPETITIONER',
    status: 'COLLECTING',
    threshold: 10,
    signatureCount: 7,
    feedbackUntil: day('2027-02-20'),
    opensAt: new Date('2027-02-21T14:00:00Z'),
    openedAt: null,
    expiresAt: new Date('2027-05-21T14:00:00Z'),
    channelId: 'CPETITIONS',
    messageTs: '1800000000.000100',
    approvalPosts: [],
    halfNotifiedAt: null,
    ninetyNotifiedAt: null,
    decidedBy: null,
    decidedAt: null,
    rejectionReason: null,
    reportToCouncil: false,
    reportedToCouncilAt: null,
    reportedToCouncilBy: null,
    groupId: null,
    createdAt: NOW,
    updatedAt: NOW,
    ...over,
  };
}
const PETITION_STATUSES = ['IN_REVIEW', 'COLLECTING', 'AWAITING_APPROVAL', 'APPROVED', 'REJECTED', 'WITHDRAWN', 'EXPIRED'] as const;
const MIG = petition(12, { kind: 'MIG', level: null, name: 'New Librarians', status: 'APPROVED', threshold: 200, signatureCount: 245, reportToCouncil: true, decidedBy: 'USTAFF', decidedAt: NOW, groupId: 4, mailingAddresses: `Ada O'Brien, 50 E Huron St, Chicago IL 60611 <USA>\n`.repeat(40) });
const MIG_REPORTED = { ...MIG, reportedToCouncilAt: NOW, reportedToCouncilBy: 'USTAFF' };
const ADDRESSES: Parameters<typeof petitions.approvalRequest>[1] = users(10, 'UO').map((slackUserId, position) => ({ petitionId: 12, slackUserId, position, address: `${position + 1} Long Street & <Avenue>, Apartment *${position}*, Springfield, IL 62701, United States of America`.padEnd(500, '.') }));
const TIMELINE = Array.from({ length: 30 }, (_, i) => ({ at: new Date(NOW.getTime() + i * 3600_000), actor: i % 4 === 0 ? 'system' : 'USTAFF', label: 'Status changed', detail: i % 2 ? `Reason <${i}> & *more*` : undefined }));

// Reports ------------------------------------------------------------------

const Q1 = { year: 2027, q: 1 as const };
const CONTENT = { activities: LONG_TEXT.padEnd(2900, '!'), progress: 'Steady & *good* <progress>', deliverables: ['ongoing_discussion', 'ig_week', 'resource_products'], issues: '', plans: 'More of the same.' };
const REVISIONS = Array.from({ length: 25 }, (_, i) => ({ id: 500 + i, reportId: 50, revision: i + 1, filedBy: 'UCONVENER', filedAt: new Date(NOW.getTime() - (25 - i) * 86400_000), ...CONTENT }));
const ANNUAL = { id: 1, name: `ALA Annual 2027 ${LONG_NAME}`.slice(0, 100), firstDay: '2027-06-25', lastDay: '2027-07-04', closeOn: '2027-05-31', days: ['2027-06-25', '2027-06-26', '2027-06-27', '2027-06-28', '2027-06-29', '2027-06-30', '2027-07-01', '2027-07-02', '2027-07-03', '2027-07-04'], open: true };
const ANNUAL_FIELDS = { days: ANNUAL.days, times: ['morning', 'midday', 'afternoon'], attendance: 1000, notes: LONG_TEXT };
const ANNUAL_REQUESTS = Array.from({ length: 60 }, (_, i) => ({
  ...ANNUAL_FIELDS,
  id: i + 1,
  status: (['PENDING', 'CONFIRMED', 'DECLINED'] as const)[i % 3]!,
  requestedBy: users(1)[0]!,
  group: group(i + 1, `${LONG_NAME}${i}`.slice(0, 100)),
  room: i % 3 === 1 ? 'Convention Center <Hall B> & *Room 204*' : null,
  slotDay: i % 3 === 1 ? day('2027-06-26') : null,
  slotStart: i % 3 === 1 ? '11:30' : null,
  slotEnd: i % 3 === 1 ? '12:30' : null,
  declineReason: i % 3 === 2 ? LONG_TEXT : null,
}));
const ANNUAL_CONFIRMED = {
  request: { ...ANNUAL_REQUESTS[0]!, groupId: 1, conferenceId: 1, acknowledgedAt: NOW, decidedBy: null, decidedAt: null, createdAt: NOW, updatedAt: NOW, conference: { id: 1, name: ANNUAL.name, firstDay: day(ANNUAL.firstDay), lastDay: day(ANNUAL.lastDay), requestsCloseOn: day(ANNUAL.closeOn), updatedBy: 'U1', createdAt: NOW, updatedAt: NOW } },
  conference: ANNUAL,
  decision: { status: 'CONFIRMED' as const, room: 'Convention Center <Hall B> & *Room 204*', slotDay: '2027-06-26', slotStart: '11:30', slotEnd: '12:30' },
};

const RECORD = { since: '2024-05-01', reports: 11, meetings: 6, elections: 1, sessions: 3, proposals: 2, channelMessages: 1234, lastActivityAt: NOW };
const RENEWAL = { id: 9, status: 'REQUESTED', activities: LONG_TEXT.slice(0, 2900), deliverables: LONG_TEXT.slice(0, 2900), conveners: LONG_TEXT.slice(0, 1000), plans: LONG_TEXT.slice(0, 2900), other: LONG_TEXT.slice(0, 2900), requestedBy: 'U0000001', recommendation: null, recommendationReason: null, recommendedBy: null, decisionReason: null, decidedBy: null, group: { id: 2, name: LONG_NAME } };
const PROPOSAL = { id: 7, callKey: 'program-exchange', status: 'SUBMITTED' as const, revision: 3, submittedBy: 'U0000001', reason: LONG_TEXT, group: { id: 1, name: LONG_NAME }, title: LONG_TEXT.slice(0, 200), description: LONG_TEXT.repeat(2).slice(0, 2900), format: LONG_TEXT.slice(0, 500), speakers: LONG_TEXT.slice(0, 1000), needs: LONG_TEXT.slice(0, 1000) };
const CALL_VIEWS = [
  { key: 'program-annual', label: 'Program at the ALA Annual Conference', dates: { opensOn: '2027-01-15', closesOn: '2027-02-28' }, state: 'open' as const },
  { key: 'program-exchange', label: 'Program at Core Exchange', dates: { opensOn: '2027-03-01', closesOn: '2027-03-31' }, state: 'not-yet' as const },
  { key: 'program-forum', label: 'Program at Core Forum', dates: { opensOn: '2026-09-01', closesOn: '2026-10-01' }, state: 'closed' as const },
  { key: 'course', label: 'Online course or webinar', state: 'unset' as const },
];

const SHOWN: Parameters<typeof reports.reportShowReply>[0]['report'] = {
  id: 50,
  groupId: 2,
  quarter: '2027-Q1',
  ...CONTENT,
  revision: 25,
  firstFiledAt: REVISIONS[0]!.filedAt,
  lastFiledAt: REVISIONS[24]!.filedAt,
  lastFiledBy: 'UCONVENER',
  revisions: REVISIONS,
};
const STATUSES = ['FILED', 'LATE', 'MISSING', 'PENDING'] as const;
const STATUS_ROWS = MANY_GROUPS.map((g, i) => ({ group: { id: g.id, name: g.name }, status: STATUSES[i % 4]!, filedAt: i % 4 < 2 ? NOW : null, filedBy: i % 4 < 2 ? 'UCONVENER' : null }));

// Reminders ----------------------------------------------------------------

const AUDIENCES: Parameters<typeof reminders.formatAudience>[0][] = [
  { kind: 'channel', channelId: 'CGENERAL' },
  { kind: 'appChannel', which: 'staff' },
  { kind: 'groupChannel', groupId: 2 },
  { kind: 'groupConveners', groupId: 999 },
  { kind: 'users', userIds: users(5) },
];
const NAMES = { groups: new Map(MANY_GROUPS.map((g) => [g.id, g.name] as [number, string]).concat([[2, LONG_NAME]])), channels: { staff: 'CSTAFF' } };

// Home -----------------------------------------------------------------------

type HomeData = Parameters<typeof home.homeView>[0];
type MyGroup = HomeData['groups'][number];
const myGroup = (g: Group, role: MyGroup['role']): MyGroup => ({ id: g.id, name: g.name, kind: g.kind, channelId: g.channelId, createdAt: g.createdAt, role, ...(role === 'incoming' ? { from: '2027-07-01' } : {}) });
const facts = (p: PetitionRow, signed = false) => ({ id: p.id, kind: p.kind, name: p.name, status: p.status, organizers: p.organizers, threshold: p.threshold, signatureCount: p.signatureCount, expiresAt: p.expiresAt, signed });
const HELP_LINES = Array.from({ length: 30 }, (_, i) => ({ usage: `sub${i} <group> [options]`, summary: 'does something useful for your group & its <members>' }));

function homeData(o: { empty: boolean }): HomeData {
  if (o.empty) return { now: NOW, zone: ZONE, groups: [], owed: [], igweek: null, petitions: [], staff: null, commands: { ig: HELP_LINES.slice(0, 3), others: [] } };
  const mine = MANY_GROUPS.slice(0, 70).map((g, i) => myGroup(g, (['convener', 'incoming', 'member'] as const)[i % 3]!));
  const g = mine[0]!;
  const season = { name: 'January' as const, year: 2027, key: '2027-01', fromDay: '2026-12-01', toDay: '2027-01-31' };
  const owedOne: HomeData['owed'] = [
    { type: 'report', group: g, quarter: Q1, dueOn: '2027-04-30', overdue: false },
    { type: 'report', group: g, quarter: { year: 2026, q: 4 }, dueOn: '2027-01-31', overdue: true },
    { type: 'meeting', group: g, season, open: true },
    { type: 'meeting', group: g, season, open: false },
    { type: 'election', group: g, deadline: '2027-04-30', term: { startsOn: '2027-07-01', endsOn: '2028-06-30' } },
    { type: 'election-open', group: g, electionId: 7, phase: 'NOMINATING', opensAt: NOW, closesAt: NOW },
    { type: 'election-open', group: g, electionId: 7, phase: 'VOTING', opensAt: NOW, closesAt: NOW },
    { type: 'vote', group: g, electionId: 7, closesAt: NOW },
    { type: 'igweek-claim', group: g, year: 2027, opensAt: null, until: CAL.startsAt },
    { type: 'igweek-claim', group: g, year: 2027, opensAt: CAL.claimOpensAt, until: CAL.startsAt },
    { type: 'igweek-details', group: g, year: 2027, sessionId: 1, startsAt: SLOTS[0]!.startsAt, missing: ['title', 'description', 'speakers'], dueOn: '2027-02-01' },
  ];
  const owed = Array.from({ length: 5 }, () => owedOne).flat().map((x, i) => ({ ...x, group: mine[i % mine.length]! }));
  const open = Array.from({ length: 12 }, (_, i) => facts(petition(i + 1)));
  return {
    now: NOW,
    zone: ZONE,
    groups: mine,
    owed,
    igweek: { year: 2027, sessions: PROGRAM.sessions.slice(0, 15).map((s, i) => ({ ...s, group: mine[i]! })) },
    petitions: open,
    staff: {
      reports: { quarter: Q1, dueOn: '2027-04-30', counts: { FILED: 80, LATE: 12, MISSING: 30, PENDING: 8 } },
      withoutConveners: { term: { startsOn: '2027-07-01', endsOn: '2028-06-30' }, groups: MANY_GROUPS.slice(0, 40) },
      awaitingDecision: open.slice(0, 8),
    },
    commands: { ig: HELP_LINES, others: [{ command: '/igweek', summary: 'IG Week' }, { command: '/petition', summary: 'petitions' }, { command: '/igreport', summary: 'quarterly reports' }] },
  };
}

const SENT_FEEDBACK = {
  group: { ...GROUPS[1]!, staffLiaisonUserId: 'ULIAISON' },
  senderIsMember: true,
  feedback: { id: 7, senderId: 'USENDER', topic: `Meeting <times> & *more* ${'t'.repeat(120)}`, message: `Could we meet <later>? & *please*\n${'M'.repeat(2990)}`.slice(0, 3000), liaisonId: 'ULIAISON', createdAt: NOW },
};

// ---------------------------------------------------------------------------
// Helpers

const message = (name: string, build: () => Reply | { text: string; blocks?: Block[] }): CatalogEntry => ({ name, kind: 'message', build });
const modalEntry = (name: string, build: () => unknown): CatalogEntry => ({ name, kind: 'modal', build });
/** Wraps loose blocks (lib builders, block lists) in a message. */
const inMessage = (name: string, build: () => Block[]): CatalogEntry => message(name, () => ({ text: name, blocks: build() }));
/** Wraps an input element in a one-input modal. */
const inModal = (name: string, element: () => Block): CatalogEntry =>
  modalEntry(name, () => modalKit.modal('catalog.element', 'Element', [modalKit.input('field', 'A field', element())], { submit: 'Save' }));
const manyChoices = (n: number) => Array.from({ length: n }, (_, i) => ({ text: `${LONG_NAME} ${i}`, value: `v${i}` }));

// ---------------------------------------------------------------------------
// Zoom rooms

const LONG_ROOM = 'Core Zoom Room <One> & *Webinar* License — Large Meetings of the Association'.padEnd(80, 'x');
function roomRow(id: number, over: Partial<RoomRow> = {}): RoomRow {
  return { id, name: id === 1 ? LONG_ROOM : `Core Zoom Room ${id}`, capacity: 100 * id, joinUrl: `https://ala-org.zoom.us/j/${'9'.repeat(11)}${id}?pwd=${'A'.repeat(40)}`, access: (['CONVENERS', 'CORE_CONVENERS', 'STAFF'] as const)[id % 3]!, igWeek: id === 2, createdAt: NOW, updatedAt: NOW, updatedBy: 'USTAFF', ...over };
}
const ROOMS: RoomRow[] = Array.from({ length: 60 }, (_, i) => roomRow(i + 1));
function roomBooking(id: number, over: Partial<RoomBooking> = {}): RoomBooking {
  const startsAt = new Date(NOW.getTime() + id * 3 * 3600_000);
  const room = ROOMS[id % 3]!;
  const g = GROUPS[id % GROUPS.length]!;
  return {
    id,
    roomId: room.id,
    groupId: g.id,
    bookedBy: 'UCONV01',
    startsAt,
    endsAt: new Date(startsAt.getTime() + 4 * 3600_000),
    purpose: 'Steering <committee> & *planning*: '.padEnd(200, 'p'),
    zone: 'America/Los_Angeles',
    igWeekSessionId: null,
    createdAt: NOW,
    updatedAt: NOW,
    room,
    group: { id: g.id, name: id === 1 ? LONG_NAME : g.name, kind: g.kind },
    ...over,
  };
}
const BOOKINGS: RoomBooking[] = Array.from({ length: 40 }, (_, i) => roomBooking(i + 1));
const BOOKING_FORM: Parameters<typeof rooms.bookModal>[0] = {
  groups: MANY_GROUPS.map((g) => ({ id: g.id, name: g.name, kind: g.kind })),
  rooms: ROOMS,
  zone: 'America/Los_Angeles',
  roomId: 1,
  date: '2027-02-10',
  free: Array.from({ length: 30 }, (_, i) => ({ startsAt: new Date(NOW.getTime() + i * 2 * 3600_000), endsAt: new Date(NOW.getTime() + (i * 2 + 1) * 3600_000) })),
  now: NOW,
};
const BOOKED = { booking: BOOKINGS[0]!, zone: 'America/Los_Angeles' };
const MOVED = { ...BOOKED, from: { startsAt: BOOKINGS[1]!.startsAt, endsAt: BOOKINGS[1]!.endsAt, roomName: LONG_ROOM } };

const ROOM_ENTRIES: CatalogEntry[] = [
  modalEntry('rooms.bookModal — several groups, 60 rooms, many free times', () => rooms.bookModal(BOOKING_FORM)),
  modalEntry('rooms.bookModal — one group, nothing free', () => rooms.bookModal({ ...BOOKING_FORM, groups: BOOKING_FORM.groups.slice(0, 1), free: [] })),
  modalEntry('rooms.bookModal — moving a booking', () => rooms.bookModal({ ...BOOKING_FORM, groups: BOOKING_FORM.groups.slice(0, 1), booking: BOOKINGS[0]! })),
  modalEntry('rooms.withFreeTimes', () => rooms.withFreeTimes(rooms.bookModal(BOOKING_FORM), rooms.freeTimesText(BOOKING_FORM.free, 'America/Los_Angeles', LONG_ROOM, '2027-02-10'))),
  modalEntry('rooms.bookedView — new', () => rooms.bookedView(BOOKED, ZONE)),
  modalEntry('rooms.bookedView — moved', () => rooms.bookedView(MOVED, ZONE)),
  message('rooms.bookedMessage', () => rooms.bookedMessage(MOVED, ZONE)),
  message('rooms.cancelConfirmReply', () => rooms.cancelConfirmReply(BOOKINGS[0]!, ZONE)),
  message('rooms.cancelledReply', () => rooms.cancelledReply(BOOKINGS[0]!, ZONE)),
  message('rooms.keptReply', () => rooms.keptReply()),
  message('rooms.mineReply — 40 bookings, an IG Week hold', () => rooms.mineReply(BOOKINGS.map((b, i) => (i === 2 ? { ...b, igWeekSessionId: 7 } : b)), ZONE)),
  message('rooms.mineReply — none', () => rooms.mineReply([], ZONE)),
  message('rooms.icsReply', () => rooms.icsReply(BOOKINGS[0]!, 'BEGIN:VCALENDAR\r\n'.padEnd(1500, 'X'))),
  message('rooms.roomsReply — 60 rooms', () => rooms.roomsReply(ROOMS)),
  message('rooms.roomsReply — none', () => rooms.roomsReply([])),
  modalEntry('rooms.roomModal — add', () => rooms.roomModal()),
  modalEntry('rooms.roomModal — edit', () => rooms.roomModal(ROOMS[0]!)),
  modalEntry('rooms.roomSavedView', () => rooms.roomSavedView({ room: ROOMS[1]!, added: true })),
  message('rooms.dayReply — 40 bookings', () => rooms.dayReply({ date: '2027-02-10', rooms: ROOMS, bookings: BOOKINGS }, ZONE)),
  message('rooms.dayReply — no rooms', () => rooms.dayReply({ date: '2027-02-10', rooms: [], bookings: [] }, ZONE)),
  message('rooms.reminderMessage', () => rooms.reminderMessage(BOOKINGS[0]!, ZONE)),
];


// ---------------------------------------------------------------------------
// The catalog

export const VIEW_CATALOG: CatalogEntry[] = [
  // lib/slack/blocks.ts
  inMessage('lib/blocks.header — 200 characters', () => [blocks.header('H'.repeat(200))]),
  inMessage('lib/blocks.section — 4000 characters with a button', () => [blocks.section('S'.repeat(4000), { block_id: 'b', accessory: blocks.button('B'.repeat(100), 'catalog.button', 'v') })]),
  inMessage('lib/blocks.lineSections — 200 long lines', () => blocks.lineSections(Array.from({ length: 200 }, (_, i) => `${i}. ${'L'.repeat(150)}`), 45)),
  inMessage('lib/blocks.fields — 12 long fields', () => [blocks.fields(Array.from({ length: 12 }, () => 'F'.repeat(2500)), 'fields')]),
  inMessage('lib/blocks.context — 12 texts', () => [blocks.context(...Array.from({ length: 12 }, () => 'C'.repeat(3500)))]),
  inMessage('lib/blocks.divider', () => [blocks.section('above'), blocks.divider(), blocks.section('below')]),
  inMessage('lib/blocks.button — danger, long label', () => [blocks.actions([blocks.button('B'.repeat(100), 'catalog.a', 'v', 'danger'), blocks.button('Other', 'catalog.b')])]),
  inMessage('lib/blocks.actions — 30 buttons', () => [blocks.actions(Array.from({ length: 30 }, (_, i) => blocks.button(`Button ${i}`, `catalog.${i}`)), 'many')]),
  inMessage('lib/blocks.option — in an overflow', () => [blocks.section('x', { accessory: { type: 'overflow', action_id: 'catalog.overflow', options: [blocks.option('O'.repeat(100), 'v1'), blocks.option('Two', 'v2')] } })]),
  inMessage('lib/blocks.plain — in a header', () => [{ type: 'header', text: blocks.plain('P'.repeat(500), 150) }]),
  // lib/slack/modal.ts
  inModal('lib/modal.input — optional, hint, dispatch', () => modalKit.textInput()),
  inModal('lib/modal.textInput — long initial value', () => modalKit.textInput({ multiline: true, initial: 'I'.repeat(5000), max: 3000, placeholder: 'P'.repeat(200) })),
  inModal('lib/modal.staticSelect — 130 long choices', () => modalKit.staticSelect(manyChoices(130), 'v3', 'P'.repeat(200))),
  inModal('lib/modal.radios — 12 choices', () => modalKit.radios(manyChoices(12), 'v11')),
  inModal('lib/modal.checkboxes — 12 choices, several chosen', () => modalKit.checkboxes(manyChoices(12), ['v0', 'v5', 'v11'])),
  inModal('lib/modal.datePicker', () => modalKit.datePicker('2027-03-01')),
  inModal('lib/modal.usersSelect — chosen', () => modalKit.usersSelect('ULIAISON', 'P'.repeat(200))),
  inModal('lib/modal.multiUsersSelect — at most 20', () => modalKit.multiUsersSelect({ max: 20, placeholder: 'P'.repeat(200) })),
  modalEntry('lib/modal.modal — long title, no submit', () => modalKit.modal('catalog.modal', 'T'.repeat(40), [blocks.section('text')])),
  modalEntry('lib/modal.doneModal', () => modalKit.doneModal('D'.repeat(40), 'Done & <dusted>')),

  // admin
  message('admin.overviewReply — nobody yet', () => admin.overviewReply({ grants: [], channels: { petitions: undefined, staff: undefined, announcements: undefined, conveners: undefined } }, [{ usage: 'grant <role> @person', summary: 'give someone a role' }])),
  message('admin.overviewReply — many grants', () =>
    admin.overviewReply(
      { grants: users(60).map((slackUserId, i) => ({ slackUserId, role: (['STAFF', 'IGCC', 'COO'] as const)[i % 3]! })), channels: { petitions: 'CPET', staff: 'CSTAFF', announcements: 'CANN', conveners: 'CCONV' } },
      Array.from({ length: 12 }, (_, i) => ({ usage: `command${i} <args>`, summary: 'does a thing' })),
    ),
  ),
  message('admin.roleChangeReply — granted', () => admin.roleChangeReply('granted', 'STAFF', users(3), users(2, 'UX'))),
  message('admin.roleChangeReply — revoked, nothing changed', () => admin.roleChangeReply('revoked', 'COO', [], users(1))),
  message('admin.channelSetReply — set', () => admin.channelSetReply('staff', 'CSTAFF')),
  message('admin.lifecycleReply — the seeds\' rule', () => admin.lifecycleReply(['CORE_IG'], false)),
  message('admin.lifecycleReply — changed to every kind', () => admin.lifecycleReply(['CORE_IG', 'PLA_IG', 'MIG'], true)),
  message('admin.channelSetReply — cleared', () => admin.channelSetReply('petitions', null)),

  // conveners
  message('conveners.convenersReply — none recorded', () => conveners.convenersReply({ group: GROUPS[0]!, current: [], incoming: [], canAdd: false })),
  message('conveners.convenersReply — several, can add', () =>
    conveners.convenersReply({
      group: GROUPS[1]!,
      current: users(6).map((u, i) => ({ id: i, slackUserId: u, label: `<@${u}>`, startsOn: '2026-07-01', endsOn: '2027-06-30' })),
      incoming: [{ id: 9, slackUserId: null, label: 'Ada *O’Brien* <ada@example.org>', startsOn: '2027-07-01', endsOn: '2028-06-30' }],
      canAdd: true,
    }),
  ),
  modalEntry('conveners.addModal', () => conveners.addModal(GROUPS[1]!, { startsOn: '2027-07-01', endsOn: '2028-06-30' })),
  modalEntry('conveners.convenerAddedModal', () => conveners.convenerAddedModal(GROUPS[1]!, 'UNEW', { startsOn: '2027-07-01', endsOn: '2028-06-30' })),
  message('conveners.incomingReport — several', () => conveners.incomingReport(GROUPS[1]!, users(8).map((slackUserId) => ({ slackUserId, term: { startsOn: '2027-07-01', endsOn: '2028-06-30' } })), 'elected')),
  modalEntry('conveners.meetingModal — group picker with 130 groups', () => conveners.meetingModal(MANY_GROUPS, undefined, '2027-01-20')),
  modalEntry('conveners.meetingModal — one group', () => conveners.meetingModal([GROUPS[1]!], GROUPS[1]!, '2027-01-20')),
  modalEntry('conveners.meetingRecordedModal', () => conveners.meetingRecordedModal(GROUPS[1]!, { heldOn: '2027-01-20', format: 'IN_PERSON', notes: '', link: null })),
  message('conveners.meetingPost — notes and link', () => conveners.meetingPost(GROUPS[1]!, { heldOn: '2027-01-20', format: 'VIRTUAL', notes: LONG_TEXT.padEnd(2900, '.'), link: 'https://example.org/minutes?a=1|b=<2>' }, 'UCONVENER')),

  // directory
  message('directory.listReply — no match', () => directory.listReply({ query: 'zzz <&>', page: 1, pages: 0, total: 0, groups: [] })),
  message('directory.listReply — a middle page of long names', () =>
    directory.listReply({ query: '', page: 2, pages: 9, total: 130, groups: MANY_GROUPS.slice(0, 15).map((g) => ({ ...g, description: LONG_TEXT, _count: { members: 1234 } })) }),
  ),
  message('directory.infoReply — member, several conveners', () =>
    directory.infoReply({
      group: { ...GROUPS[1]!, _count: { members: 3 } },
      conveners: [{ slackUserId: 'UCONV1', name: null }, { slackUserId: null, name: 'Ada *O’Brien*' }, { slackUserId: null, name: null }],
      liaison: { slackUserId: null, name: 'Jane Staff' },
      memberCount: 3,
      isMember: true,
    }),
  ),
  message('directory.infoReply — 12 accepted proposals', () =>
    directory.infoReply({ group: { ...GROUPS[1]!, _count: { members: 3 } }, conveners: [], liaison: null, memberCount: 3, isMember: false, acceptedProposals: Array.from({ length: 12 }, (_, i) => ({ title: `${LONG_TEXT.slice(0, 190)} ${i}`, callKey: ['program-annual', 'course', 'program-forum'][i % 3]!, decidedAt: NOW })) }),
  ),
  message('directory.infoReply — not a member, nothing recorded', () => directory.infoReply({ group: { ...GROUPS[3]!, _count: { members: 0 } }, conveners: [], liaison: null, memberCount: 0, isMember: false })),
  message('directory.joinedReply — channel failed', () => directory.joinedReply(GROUPS[1]!, { kind: 'failed', channelId: 'CX', reason: 'is_archived' })),
  message('directory.leftReply — removed from channel', () => directory.leftReply(GROUPS[1]!, { kind: 'done', channelId: 'CX' })),

  // elections
  modalEntry('elections.openModal', () => elections.openModal(GROUPS[1]!, { opens: '2027-03-15', closes: '2027-04-29', deadline: '2027-04-30' })),
  message('elections.announcement — several positions', () => elections.announcement(MANY_SEATS, ZONE)),
  modalEntry('elections.openedModal — group without a channel', () => elections.openedModal(election([{ title: 'Convener', seats: 1, candidates: [] }], GROUPS[1]!), ZONE)),
  message('elections.nominationDm', () => elections.nominationDm(MANY_SEATS, MANY_SEATS.positions[1]!, 801, 'UNOMINATOR', ZONE)),
  modalEntry('elections.nominatedModal — someone else', () => elections.nominatedModal(MANY_SEATS, MANY_SEATS.positions[0]!, 'UCAND1', false)),
  modalEntry('elections.nominatedModal — self', () => elections.nominatedModal(ONE_SEAT, ONE_SEAT.positions[0]!, 'UCAND1', true)),
  message('elections.answeredReply — accepted', () => elections.answeredReply(MANY_SEATS, MANY_SEATS.positions[1]!, true)),
  message('elections.answeredReply — declined', () => elections.answeredReply(ONE_SEAT, ONE_SEAT.positions[0]!, false)),
  message('elections.candidatePost', () => elections.candidatePost(MANY_SEATS, MANY_SEATS.positions[1]!, 'UCAND1')),
  modalEntry('elections.nominateModal — several positions', () => elections.nominateModal(MANY_SEATS)),
  modalEntry('elections.nominateModal — one position', () => elections.nominateModal(ONE_SEAT)),
  modalEntry('elections.ballotModal — several seats, voted', () => elections.ballotModal(MANY_SEATS, true, ZONE)),
  modalEntry('elections.ballotModal — one seat', () => elections.ballotModal(ONE_SEAT, false, ZONE)),
  modalEntry('elections.votedModal', () => elections.votedModal(MANY_SEATS, true, ZONE)),
  message('elections.statusReply — none, with last results, manager', () => elections.statusReply({ group: GROUPS[1]!, manager: true, active: null, last: RESULTS }, ZONE)),
  message('elections.statusReply — nominating, manager', () => elections.statusReply({ group: GROUPS[1]!, manager: true, active: { election: MANY_SEATS, phase: 'NOMINATING', voted: false, turnout: 0, members: 1200, member: true }, last: null }, ZONE)),
  message('elections.statusReply — voting, voted', () => elections.statusReply({ group: GROUPS[1]!, manager: false, active: { election: MANY_SEATS, phase: 'VOTING', voted: true, turnout: 140, members: 1200, member: true }, last: null }, ZONE)),
  message('elections.votingOpenPost', () => elections.votingOpenPost(MANY_SEATS, ZONE)),
  message('elections.resultsPost — with a tie', () => elections.resultsPost(RESULTS)),
  message('elections.resultsPost — nobody elected', () => elections.resultsPost(NOBODY_ELECTED)),
  message('elections.staffResultsReport — with a tie', () => elections.staffResultsReport(RESULTS)),
  message('elections.staffResultsReport — nobody elected', () => elections.staffResultsReport(NOBODY_ELECTED)),
  message('elections.cancelledReply', () => elections.cancelledReply(MANY_SEATS)),

  // groups
  message('groups.channelSetReply — created, some not invited', () => groups.channelSetReply({ group: GROUPS[1]!, channelId: 'CNEW', previous: 'COLD', created: true, invited: 140, notInvited: users(14) })),
  message('groups.channelSetReply — existing channel', () => groups.channelSetReply({ group: GROUPS[0]!, channelId: 'CNEW', previous: null, created: false, invited: 0, notInvited: [] })),
  modalEntry('groups.editModal — long description', () => groups.editModal(GROUPS[1]!)),
  modalEntry('groups.editModal — MIG without level', () => groups.editModal(GROUPS[3]!)),
  modalEntry('groups.editedModal — changed', () => groups.editedModal({ group: GROUPS[1]!, changed: ['description', 'staffLiaison', 'level'] })),
  modalEntry('groups.editedModal — nothing changed', () => groups.editedModal({ group: GROUPS[1]!, changed: [] })),

  // home
  message('home.helpReply — unknown subcommand, other commands', () =>
    home.helpReply('/ig', Array.from({ length: 20 }, (_, i) => ({ usage: `sub${i} <group>`, summary: 'does something useful' })), 'frobnicate <&>', { otherCommands: [{ command: '/igweek', summary: 'IG Week' }, { command: '/petition', summary: 'petitions' }] }),
  ),
  message('home.helpReply — own intro', () => home.helpReply('/igweek', [{ usage: 'help', summary: 'this' }], undefined, { intro: 'IG Week, in Slack.' })),
  { name: 'home.homeView — new member, nothing yet', kind: 'home', build: () => home.homeView(homeData({ empty: true })) },
  { name: 'home.homeView — convener of many groups, staff, everything due', kind: 'home', build: () => home.homeView(homeData({ empty: false })) },

  // igweek
  message('igweek.scheduleReply — member: read only', () => igweek.scheduleReply(scheduleData({ staff: false, mine: false, taken: 3 }))),
  message('igweek.scheduleReply — convener, some taken', () => igweek.scheduleReply(scheduleData({ staff: false, mine: true, taken: 5 }))),
  message('igweek.scheduleReply — staff, every slot taken', () => igweek.scheduleReply(scheduleData({ staff: true, mine: false, taken: 25 }))),
  message('igweek.scheduleReply — staff, nothing taken, not open yet', () => igweek.scheduleReply(scheduleData({ staff: true, mine: true, taken: 0, state: { open: false, reason: 'not-yet', opensAt: CAL.claimOpensAt } }))),
  message('igweek.scheduleReply — taken notice, only open slots', () => igweek.scheduleReply(scheduleData({ staff: false, mine: true, taken: 24 }), { notice: igweek.takenNotice(SLOTS[0]!.startsAt), onlyOpen: true })),
  message('igweek.scheduleReply — week over', () => igweek.scheduleReply(scheduleData({ staff: false, mine: true, taken: 2, now: new Date('2027-03-10T00:00:00Z'), state: { open: false, reason: 'over' } }))),
  message('igweek.pickGroupReply — two groups', () => igweek.pickGroupReply(3, SLOTS[2]!.startsAt, [groupRef(GROUPS[0]!), groupRef(GROUPS[1]!)])),
  message('igweek.pickGroupReply — 30 groups with long names', () => igweek.pickGroupReply(3, SLOTS[2]!.startsAt, MANY_GROUPS.slice(0, 30).map(groupRef))),
  message('igweek.claimedReply', () => igweek.claimedReply(FULL_SESSION, CAL)),
  message('igweek.mySessionsReply — details', () => igweek.mySessionsReply([FULL_SESSION, BARE_SESSION], 'details')),
  message('igweek.mySessionsReply — release, many', () => igweek.mySessionsReply(PROGRAM.sessions, 'release')),
  message('igweek.assignedMessage', () => igweek.assignedMessage(1, LONG_NAME, SLOTS[4]!.startsAt)),
  message('igweek.releaseConfirmReply — with details', () => igweek.releaseConfirmReply(FULL_SESSION)),
  message('igweek.releaseConfirmReply — no title yet', () => igweek.releaseConfirmReply(BARE_SESSION)),
  message('igweek.keptReply', () => igweek.keptReply()),
  message('igweek.releasedReply', () => igweek.releasedReply({ sessionId: 1, group: groupRef(GROUPS[1]!), startsAt: SLOTS[0]!.startsAt })),
  message('igweek.restoredReply', () => igweek.restoredReply(FULL_SESSION)),
  message('igweek.programReply — draft, full', () => igweek.programReply(PROGRAM)),
  message('igweek.programReply — locked, empty', () => igweek.programReply({ ...PROGRAM, locked: true, sessions: [] })),
  modalEntry('igweek.detailsModal — everything filled in', () => igweek.detailsModal(FULL_SESSION)),
  modalEntry('igweek.detailsModal — empty', () => igweek.detailsModal(BARE_SESSION)),
  modalEntry('igweek.linksModal — filled in', () => igweek.linksModal(FULL_SESSION)),
  modalEntry('igweek.linksModal — empty', () => igweek.linksModal(BARE_SESSION)),
  modalEntry('igweek.assignModal — 130 groups', () => igweek.assignModal(SLOTS[3]!, MANY_GROUPS.map(groupRef))),
  modalEntry('igweek.moveModal — every slot open', () => igweek.moveModal(FULL_SESSION, SLOTS)),
  modalEntry('igweek.settingsModal — computed calendar', () => igweek.settingsModal({ year: 2027, row: { firstDay: null, lastDay: null, hours: [], slotCount: null, claimOpensAt: null, detailsDueOn: null, surveyUrl: null, claiming: 'AUTO' }, defaults: CAL })),
  modalEntry('igweek.settingsModal — every override', () =>
    igweek.settingsModal({ year: 2027, row: { firstDay: day('2027-03-08'), lastDay: day('2027-03-12'), hours: [9, 10, 11, 13, 15], slotCount: 20, claimOpensAt: new Date('2027-01-15T16:00:00Z'), detailsDueOn: day('2027-02-01'), surveyUrl: 'https://example.org/survey', claiming: 'OPEN' }, defaults: CAL }),
  ),
  modalEntry('igweek.doneView', () => igweek.doneView('Session details', igweek.detailsSavedText(FULL_SESSION, FULL_SESSION.title!))),
  message('igweek.claimingOpenMessage', () => igweek.claimingOpenMessage(CAL)),
  message('igweek.detailsReminderMessage', () => igweek.detailsReminderMessage(BARE_SESSION, '2027-02-01')),
  message('igweek.programMessage', () => igweek.programMessage(PROGRAM)),
  message('igweek.practiceCallMessage', () => igweek.practiceCallMessage(CAL)),
  message('igweek.checklistMessage — with channel and registration', () => igweek.checklistMessage({ ...FULL_SESSION, group: groupRef(GROUPS[0]!) })),
  message('igweek.checklistMessage — bare', () => igweek.checklistMessage(BARE_SESSION)),
  message('igweek.recordingPostMessage', () => igweek.recordingPostMessage(FULL_SESSION, 'https://videos.example.org/a|b')),
  message('igweek.recordingMissingMessage', () => igweek.recordingMissingMessage(FULL_SESSION)),
  message('igweek.surveyMessage — chairs', () => igweek.surveyMessage(2027, 'https://example.org/survey', 'chairs')),
  message('igweek.surveyMessage — everyone', () => igweek.surveyMessage(2027, 'https://example.org/survey', 'everyone')),
  message('igweek.staffChangeMessage', () => igweek.staffChangeMessage(`Staff moved your group's IG Week session from ${igweek.slotTimesText(SLOTS[0]!.startsAt)} to ${igweek.slotTimesText(SLOTS[1]!.startsAt)}.`)),

  // petitions
  message('petitions.kindChoiceReply', () => petitions.kindChoiceReply()),
  modalEntry('petitions.formView — interest group', () => petitions.formView({ kind: 'CORE_IG', channel: 'CPETITIONS' })),
  modalEntry('petitions.formView — MIG, most organizer rows', () => petitions.formView({ kind: 'MIG', channel: 'CPETITIONS', rows: 99 })),
  modalEntry('petitions.formView — MIG, first rows', () => petitions.formView({ kind: 'MIG', channel: 'CPETITIONS' })),
  modalEntry('petitions.duplicatesView — eight matches', () =>
    petitions.duplicatesView(3, Array.from({ length: 8 }, (_, i) => ({ candidate: { type: i % 2 ? 'group' : 'petition', id: i, name: LONG_NAME, text: LONG_TEXT, label: `petition #${i}, collecting signatures` }, similarName: i % 2 === 0, sharedWords: ['metadata', 'linked', 'data', 'standards'] }))),
  ),
  modalEntry('petitions.rejectView — long name', () => petitions.rejectView(petition(123456))),
  ...PETITION_STATUSES.map((status) => message(`petitions.petitionMessage — ${status}`, () => petitions.petitionMessage(petition(5, { status, rejectionReason: status === 'REJECTED' ? 'Overlaps *Metadata* <IG>' : null, decidedBy: 'USTAFF' }), ZONE, status === 'APPROVED' ? 'CGROUP' : null))),
  message('petitions.petitionMessage — approved MIG', () => petitions.petitionMessage(MIG, ZONE, 'CGROUP')),
  message('petitions.statusReply — long timeline', () => petitions.statusReply(petition(5), TIMELINE, 240, ZONE, null)),
  message('petitions.listReply — none', () => petitions.listReply([], ZONE)),
  message('petitions.listReply — 45 open', () => petitions.listReply(Array.from({ length: 45 }, (_, i) => petition(i + 1, { status: (['IN_REVIEW', 'COLLECTING', 'AWAITING_APPROVAL'] as const)[i % 3]! })), ZONE)),
  message('petitions.helpReply', () => petitions.helpReply()),
  message('petitions.helpReply — unknown', () => petitions.helpReply('frobnicate <&>')),
  message('petitions.approvalRequest — interest group', () => petitions.approvalRequest(petition(5, { status: 'AWAITING_APPROVAL' }))),
  message('petitions.approvalRequest — MIG with ten addresses', () => petitions.approvalRequest({ ...MIG, status: 'AWAITING_APPROVAL', mailingAddresses: null }, ADDRESSES)),
  message('petitions.approvalRequest — MIG with typed addresses', () => petitions.approvalRequest({ ...MIG, status: 'AWAITING_APPROVAL' })),
  inMessage('petitions.councilButton — MIG not reported', () => petitions.councilButton(MIG)),
  message('petitions.approvalClosed — approved MIG', () => petitions.approvalClosed(MIG, 'CGROUP', ZONE)),
  message('petitions.approvalClosed — reported to Council', () => petitions.approvalClosed(MIG_REPORTED, 'CGROUP', ZONE)),
  message('petitions.approvalClosed — rejected', () => petitions.approvalClosed(petition(5, { status: 'REJECTED', decidedBy: 'USTAFF', rejectionReason: 'R'.repeat(1000) }))),
  message('petitions.approvalClosed — withdrawn', () => petitions.approvalClosed(petition(5, { status: 'WITHDRAWN' }))),
  message('petitions.reportedToCouncilReply', () => petitions.reportedToCouncilReply(MIG_REPORTED, ZONE)),
  message('petitions.councilNudge', () => petitions.councilNudge(MIG, ZONE)),
  message('petitions.approvedReply — channel created', () => petitions.approvedReply(MIG, { channel: { kind: 'created', id: 'CGROUP' }, invited: 240, notInvited: users(10) })),
  message('petitions.approvedReply — channel failed', () => petitions.approvedReply(petition(5, { status: 'APPROVED' }), { channel: { kind: 'failed', reason: 'name_taken' }, invited: 0, notInvited: [] })),
  message('petitions.announcement — with channel', () => petitions.announcement(MIG, 'CGROUP')),
  message('petitions.announcement — no channel', () => petitions.announcement(petition(5, { status: 'APPROVED' }), null)),
  message('petitions.welcome', () => petitions.welcome(petition(5, { status: 'APPROVED' }))),
  message('petitions.filedDm — in review, posted', () => petitions.filedDm(petition(5, { status: 'IN_REVIEW' }), { ok: true }, ZONE)),
  message('petitions.filedDm — collecting, not posted', () => petitions.filedDm(petition(5, { feedbackUntil: null }), { ok: false, reason: 'not_in_channel' }, ZONE)),
  message('petitions.signedReply', () => petitions.signedReply(petition(5))),
  message('petitions.unsignedReply', () => petitions.unsignedReply(petition(5))),
  message('petitions.thresholdDm', () => petitions.thresholdDm(petition(5, { status: 'AWAITING_APPROVAL' }))),
  message('petitions.milestoneDm', () => petitions.milestoneDm(petition(5), 90)),
  message('petitions.approvedDm', () => petitions.approvedDm(MIG, 'CGROUP')),
  message('petitions.rejectedDm', () => petitions.rejectedDm(petition(5, { status: 'REJECTED', rejectionReason: 'Overlaps <an existing> *group*' }))),
  message('petitions.withdrawnReply', () => petitions.withdrawnReply(petition(5, { status: 'WITHDRAWN' }))),
  message('petitions.openedNotice', () => petitions.openedNotice(petition(5), ZONE)),
  message('petitions.expiryWarning', () => petitions.expiryWarning(petition(5), 7, ZONE)),
  message('petitions.expiredNotice', () => petitions.expiredNotice(petition(5, { status: 'EXPIRED' }))),

  // reminders
  message('reminders.businessMeetingNudge — January', () => reminders.businessMeetingNudge({ groupId: 2, groupName: LONG_NAME, season: 'January', deadline: new Date('2027-01-31T23:59:59Z'), zone: ZONE })),
  message('reminders.businessMeetingNudge — June', () => reminders.businessMeetingNudge({ groupId: 1, groupName: 'Metadata', season: 'June', deadline: new Date('2027-06-30T23:59:59Z'), zone: ZONE })),
  message('reminders.electionNudge — last call', () => reminders.electionNudge({ groupId: 2, groupName: LONG_NAME, year: 2027, deadline: new Date('2027-04-30T23:59:59Z'), lastCall: true, zone: ZONE })),
  message('reminders.gaveUpReport — 40 items', () =>
    reminders.gaveUpReport(Array.from({ length: 40 }, (_, i) => ({ ruleId: 'reports.quarterly', label: `${LONG_NAME}: report`, dueAt: NOW, recipient: ['C0123', 'U0123', 'email:ada@example.org'][i % 3]!, attempts: 5, lastError: 'channel_not_found <&>' })), ZONE),
  ),
  message('reminders.remindersReply — empty', () => reminders.remindersReply({ days: 30, upcoming: [], rules: [], problems: [], names: NAMES, zone: ZONE })),
  message('reminders.remindersReply — full', () =>
    reminders.remindersReply({
      days: 30,
      upcoming: Array.from({ length: 80 }, (_, i) => ({ ruleId: 'meetings.business', label: `${MANY_GROUPS[i]!.name}: business meeting`, dueAt: NOW, audience: AUDIENCES[i % AUDIENCES.length]!, paused: i % 5 === 0 })),
      rules: Array.from({ length: 12 }, (_, i) => ({ id: `rule.${i}`, description: 'Nudges conveners & staff <weekly>', paused: i % 2 === 0, changedBy: i % 2 === 0 ? 'USTAFF' : null, changedAt: i % 2 === 0 ? NOW : null })),
      problems: Array.from({ length: 20 }, (_, i) => ({ ruleId: 'reports.quarterly', label: 'Report', recipient: 'U0123', status: i % 2 ? 'GAVE_UP' : 'PENDING', lastError: i % 3 ? 'ratelimited' : null, attempts: i })),
      names: NAMES,
      zone: ZONE,
    }),
  ),
  message('reminders.ruleStateReply — paused', () => reminders.ruleStateReply('meetings.business', true, true)),
  message('reminders.ruleStateReply — unchanged', () => reminders.ruleStateReply('meetings.business', false, false)),

  // reports
  modalEntry('reports.pickModal — 130 groups', () => reports.pickModal(MANY_GROUPS)),
  modalEntry('reports.formModal — new', () => reports.formModal({ group: GROUPS[1]!, options: [{ quarter: Q1, dueOn: '2027-04-30', filed: false }, { quarter: { year: 2026, q: 4 }, dueOn: '2027-01-31', filed: true }], selected: '2027-Q1', content: null })),
  modalEntry('reports.formModal — revising a long report', () => reports.formModal({ group: GROUPS[1]!, options: [{ quarter: Q1, dueOn: '2027-04-30', filed: true }], selected: '2027-Q1', content: CONTENT })),
  modalEntry('reports.filedModal — late revision', () => reports.filedModal({ group: GROUPS[1]!, quarter: Q1, dueOn: '2027-04-30', revision: 3, late: true })),
  modalEntry('reports.filedModal — first filing', () => reports.filedModal({ group: GROUPS[1]!, quarter: Q1, dueOn: '2027-04-30', revision: 1, late: false })),
  message('reports.statusReply — staff, 130 groups', () => reports.statusReply({ kind: 'staff', status: { quarter: Q1, dueOn: '2027-04-30', rows: STATUS_ROWS } }, ZONE)),
  message('reports.statusReply — conveners, 25 groups', () =>
    reports.statusReply({ kind: 'conveners', groups: MANY_GROUPS.slice(0, 25).map((g, i) => ({ group: g, history: [0, 1, 2, 3].map((k) => ({ quarter: { year: 2026, q: (k + 1) as 1 | 2 | 3 | 4 }, dueOn: '2026-04-30', rows: [STATUS_ROWS[i + k]!] })) })) }, ZONE),
  ),
  message('reports.dueChangedReply', () => reports.dueChangedReply({ quarter: Q1, before: '2027-04-30', after: '2027-05-15' })),
  message('reports.helpReply — staff', () => reports.helpReply(true)),
  message('reports.helpReply — convener', () => reports.helpReply(false)),
  message('reports.reportNudge — before', () => reports.reportNudge({ groupId: 2, groupName: LONG_NAME, quarter: Q1, dueOn: '2027-04-30', nudge: { kind: 'before', days: 7 }, zone: ZONE })),
  message('reports.reportNudge — overdue', () => reports.reportNudge({ groupId: 2, groupName: LONG_NAME, quarter: Q1, dueOn: '2027-04-30', nudge: { kind: 'overdue' }, zone: ZONE })),
  message('reports.staffDigest — 130 missing', () => reports.staffDigest({ quarter: Q1, dueOn: '2027-04-30', missing: MANY_GROUPS, owing: 140 })),
  message('reports.staffDigest — none missing', () => reports.staffDigest({ quarter: Q1, dueOn: '2027-04-30', missing: [], owing: 140 })),
  message('reports.reportShowReply — 25 versions', () => reports.reportShowReply({ group: GROUPS[1]!, quarter: Q1, report: SHOWN }, ZONE)),
  message('reports.reportShowReply — filed once', () => reports.reportShowReply({ group: GROUPS[1]!, quarter: Q1, report: { ...SHOWN, revision: 1, revisions: REVISIONS.slice(0, 1) } }, ZONE)),
  // outreach
  modalEntry('outreach.feedbackModal — with a liaison', () => outreach.feedbackModal({ ...GROUPS[1]!, staffLiaisonUserId: 'ULIAISON' })),
  modalEntry('outreach.feedbackModal — to staff', () => outreach.feedbackModal(GROUPS[0]!)),
  modalEntry('outreach.feedbackSentModal', () => outreach.feedbackSentModal(SENT_FEEDBACK)),
  message('outreach.feedbackMessage — liaison, longest message', () => outreach.feedbackMessage(SENT_FEEDBACK, 'liaison')),
  message('outreach.feedbackMessage — staff, not a member', () => outreach.feedbackMessage({ ...SENT_FEEDBACK, senderIsMember: false, feedback: { ...SENT_FEEDBACK.feedback, liaisonId: null, topic: null } }, 'staff')),
  message('outreach.feedbackMessage — liaison unreachable', () => outreach.feedbackMessage(SENT_FEEDBACK, 'unreachable-liaison')),
  message('outreach.feedbackListReply — none', () => outreach.feedbackListReply({ group: GROUPS[0]!, total: 0, page: 1, pages: 1, zone: ZONE, rows: [] })),
  message('outreach.feedbackListReply — a full middle page', () =>
    outreach.feedbackListReply({ group: null, total: 95, page: 3, pages: 10, zone: ZONE, rows: Array.from({ length: 10 }, (_, i) => ({ ...SENT_FEEDBACK.feedback, id: i + 1, group: { name: LONG_NAME } })) }),
  ),
  modalEntry('outreach.inviteModal', () => outreach.inviteModal(GROUPS[1]!, { groupId: 2 })),
  modalEntry('outreach.invitingModal', () => outreach.invitingModal(GROUPS[1]!)),
  message('outreach.invitationMessage — long purpose', () => outreach.invitationMessage(GROUPS[1]!, 'UINVITER')),
  message('outreach.optedOutReply', () => outreach.optedOutReply()),
  message('outreach.inviteSummaryReply — every outcome', () => outreach.inviteSummaryReply(GROUPS[1]!, { invited: users(8), members: users(4, 'UM'), recent: users(3, 'UR'), optedOut: users(2, 'UO'), unreachable: users(2, 'UX'), self: true })),
  modalEntry('outreach.inviteSummaryModal — nobody', () => outreach.inviteSummaryModal(GROUPS[1]!, { invited: [], members: [], recent: [], optedOut: [], unreachable: [], self: true })),
  message('reports.revisionReply', () => reports.revisionReply({ group: GROUPS[1]!, quarter: Q1, revision: REVISIONS[3]!, latest: 25 }, ZONE)),

  // dissolution
  message('dissolution.warning — inactivity, to conveners', () => dissolution.warning({ name: LONG_NAME }, { cause: 'inactivity', at: NOW, on: '2027-02-10' }, 90, ZONE, 'conveners')),
  message('dissolution.warning — charter, to staff', () => dissolution.warning({ name: LONG_NAME }, { cause: 'charter', at: NOW, on: '2027-02-10' }, 7, ZONE, 'staff')),
  message('dissolution.memberNotice', () => dissolution.memberNotice({ name: LONG_NAME }, 'no activity for three years', NOW, ZONE)),
  message('dissolution.channelAnnouncement', () => dissolution.channelAnnouncement({ name: LONG_NAME }, 'Core Board decision: <no> *deliverables*', NOW, ZONE)),
  message('dissolution.staffDissolved — archived', () => dissolution.staffDissolved({ group: { name: LONG_NAME, channelId: 'C00000001' }, reason: 'no charter approved for three years', at: NOW, membersTold: 120, membersNotTold: 3, channel: { kind: 'done', channelId: 'C00000001' } }, ZONE)),
  message('dissolution.staffDissolved — archive refused, no channel', () => dissolution.staffDissolved({ group: { name: LONG_NAME, channelId: 'C00000001' }, reason: 'no activity for three years', at: NOW, membersTold: 1, membersNotTold: 0, channel: { kind: 'failed', channelId: 'C00000001', reason: 'restricted_action' } }, ZONE)),
  message('dissolution.reinstateQuestion', () => dissolution.reinstateQuestion({ id: 2, name: LONG_NAME, dissolvedAt: NOW, dissolvedReason: 'no activity for three years' }, 40, '2027-05-11', ZONE)),
  message('dissolution.reinstatedReply — unarchived', () => dissolution.reinstatedReply({ name: LONG_NAME }, { kind: 'done', channelId: 'C00000001' })),
  message('dissolution.reinstatedReply — no channel', () => dissolution.reinstatedReply({ name: LONG_NAME }, { kind: 'none' })),
  message('dissolution.keptDissolvedReply', () => dissolution.keptDissolvedReply()),
  message('dissolution.channelReinstated', () => dissolution.channelReinstated({ name: LONG_NAME })),

  // rooms
  ...ROOM_ENTRIES,
  // annual
  modalEntry('annual.requestModal — new', () => annual.requestModal({ group: GROUPS[1]!, conference: ANNUAL, existing: null })),
  modalEntry('annual.requestModal — editing', () => annual.requestModal({ group: GROUPS[1]!, conference: ANNUAL, existing: ANNUAL_FIELDS })),
  modalEntry('annual.requestedModal', () => annual.requestedModal({ group: GROUPS[1]!, conference: ANNUAL, created: true, fields: ANNUAL_FIELDS })),
  modalEntry('annual.settingsModal — first time', () => annual.settingsModal(null)),
  modalEntry('annual.settingsModal — set', () => annual.settingsModal(ANNUAL)),
  modalEntry('annual.settingsSavedModal', () => annual.settingsSavedModal(ANNUAL)),
  message('annual.queueReply — none set up', () => annual.queueReply({ conference: null, requests: [] })),
  message('annual.queueReply — 60 requests', () => annual.queueReply({ conference: ANNUAL, requests: ANNUAL_REQUESTS })),
  modalEntry('annual.confirmModal', () => annual.confirmModal({ request: ANNUAL_REQUESTS[0]!, conference: ANNUAL })),
  modalEntry('annual.declineModal', () => annual.declineModal({ request: ANNUAL_REQUESTS[0]!, conference: ANNUAL })),
  modalEntry('annual.decidedModal', () => annual.decidedModal(ANNUAL_CONFIRMED)),
  message('annual.decisionMessage — confirmed', () => annual.decisionMessage(ANNUAL_CONFIRMED)),
  message('annual.decisionMessage — declined', () => annual.decisionMessage({ ...ANNUAL_CONFIRMED, decision: { status: 'DECLINED', reason: LONG_TEXT } })),
  message('annual.requestNudge', () => annual.requestNudge({ groupId: 2, groupName: LONG_NAME, conference: LONG_NAME, closeOn: '2027-05-31', days: 14, zone: ZONE })),

  // proposals
  modalEntry('proposals.proposeModal', () => proposals.proposeModal({ group: GROUPS[1]!, calls: CALL_VIEWS.slice(0, 1) })),
  modalEntry('proposals.reviseModal', () => proposals.reviseModal(PROPOSAL)),
  modalEntry('proposals.submittedModal', () => proposals.submittedModal(PROPOSAL, 'Core Programming Committee')),
  message('proposals.reviewMessage — committee', () => proposals.reviewMessage(PROPOSAL, 'Core Programming Committee', false)),
  message('proposals.reviewMessage — to staff', () => proposals.reviewMessage({ ...PROPOSAL, needs: '' }, 'Continuing Education Coordination Committee', true)),
  modalEntry('proposals.reviewModal — changes', () => proposals.reviewModal({ proposal: PROPOSAL, decision: 'changes' })),
  modalEntry('proposals.reviewModal — accept', () => proposals.reviewModal({ proposal: PROPOSAL, decision: 'accept' })),
  modalEntry('proposals.decidedModal', () => proposals.decidedModal({ proposal: PROPOSAL, decision: 'decline' })),
  message('proposals.decisionMessage — changes', () => proposals.decisionMessage({ proposal: PROPOSAL, decision: 'changes' })),
  message('proposals.decisionMessage — accepted', () => proposals.decisionMessage({ proposal: PROPOSAL, decision: 'accept' })),
  modalEntry('proposals.settingsModal', () => proposals.settingsModal(CALL_VIEWS)),
  modalEntry('proposals.settingsSavedModal', () => proposals.settingsSavedModal(CALL_VIEWS)),
  message('proposals.settingsReply', () => proposals.settingsReply(CALL_VIEWS)),
  message('proposals.proposalNudge', () => proposals.proposalNudge({ groupId: 2, groupName: LONG_NAME, callKey: 'program-annual', closesOn: '2027-02-28', days: 3, zone: ZONE })),
  message('audit.timelineReply — a full middle page', () =>
    audit.timelineReply(
      {
        group: { id: 2, name: LONG_NAME, status: 'DISSOLVED' },
        total: 57,
        page: 2,
        pages: 3,
        entries: Array.from({ length: 20 }, (_, i) => ({
          id: 100 - i,
          at: new Date(NOW.getTime() - i * 86_400_000),
          actor: i % 3 === 0 ? 'system' : `U0${String(i + 1).padStart(6, '0')}`,
          action: i % 2 ? 'group.invited' : 'report.revised',
          subjectType: 'group',
          subjectId: '2',
          details: { invitee: 'U0000099', quarter: '2026-Q4', revision: i + 2 },
        })),
      },
      ZONE,
    ),
  ),
  modalEntry('charters.renewModal', () => charters.renewModal({ group: { id: 2, name: LONG_NAME }, facts: { charterOn: '2024-05-01', dueOn: '2027-05-01' }, record: RECORD, conveners: 'Ann Lee, Bo Chen' })),
  modalEntry('charters.requestedModal', () => charters.requestedModal(RENEWAL)),
  message('charters.reviewMessage — IGCC', () => charters.reviewMessage(RENEWAL, RECORD, ZONE, false)),
  message('charters.reviewMessage — to staff', () => charters.reviewMessage({ ...RENEWAL, other: '' }, RECORD, ZONE, true)),
  message('charters.boardMessage', () => charters.boardMessage({ ...RENEWAL, status: 'RECOMMENDED', recommendation: 'dissolve', recommendationReason: LONG_TEXT, recommendedBy: 'U0000002' }, RECORD, ZONE, false)),
  modalEntry('charters.reasonModal — recommend', () => charters.reasonModal('recommend', { renewal: RENEWAL, choice: 'dissolve' })),
  modalEntry('charters.reasonModal — decide', () => charters.reasonModal('decide', { renewal: RENEWAL, choice: 'continue' })),
  modalEntry('charters.recommendedModal', () => charters.recommendedModal({ ...RENEWAL, recommendation: 'continue' }, true)),
  modalEntry('charters.decidedModal', () => charters.decidedModal({ ...RENEWAL, status: 'CONTINUED', decisionReason: LONG_TEXT }, '2030-04-20')),
  message('charters.outcomeMessage — dissolve', () => charters.outcomeMessage({ ...RENEWAL, status: 'DISSOLVE_DECIDED', decisionReason: LONG_TEXT })),
  message('charters.renewalNudge', () => charters.renewalNudge({ groupId: 2, groupName: LONG_NAME, dueOn: '2027-05-01', days: 7 })),
  message('charters.renewalNudge — sent after its day', () => charters.renewalNudge({ groupId: 2, groupName: LONG_NAME, dueOn: '2027-05-01', days: -1 })),
  message('audit.timelineReply — nothing yet', () => audit.timelineReply({ group: { id: 2, name: LONG_NAME, status: 'ACTIVE' }, total: 0, page: 1, pages: 1, entries: [] }, ZONE)),
  message('compliance.complianceReply — a full middle page', () =>
    compliance.complianceReply({
      now: NOW,
      zone: ZONE,
      attention: false,
      total: 35,
      needingAttention: 12,
      page: 2,
      pages: 4,
      rows: Array.from({ length: 10 }, (_, i) => ({
        group: { id: i + 1, name: `${LONG_NAME}${i}`, kind: i % 3 ? 'CORE_IG' : 'MIG', createdAt: day('2024-01-01'), charterApprovedOn: day('2024-03-01'), lastActivityAt: i % 2 ? NOW : null },
        conveners: users(8).map((slackUserId) => ({ slackUserId, name: null })),
        nextConveners: i % 2 ? [] : [{ slackUserId: null, name: LONG_NAME }],
        reports: i % 3 ? { filed: 1, late: 1, missing: 2 } : null,
        charter: i % 3 ? { dueOn: '2027-03-01', renewal: 'overdue' as const } : null,
        dissolution: i % 3 ? { at: new Date('2027-03-01T16:00:00Z'), reason: 'charter' as const, atRisk: true } : null,
        attention: i % 3 ? ['no convener for next term', '2 missing reports', '1 late report', 'renewal overdue', 'dissolves when its charter lapses by 2027-03-01'] : [],
      })),
    }),
  ),
  message('compliance.complianceReply — nothing needs attention', () =>
    compliance.complianceReply({ now: NOW, zone: ZONE, attention: true, total: 0, needingAttention: 0, page: 1, pages: 1, rows: [] }),
  ),
];

/** The export an entry exercises: `igweek.scheduleReply — staff` → `igweek.scheduleReply`. */
export function exportOf(entry: Pick<CatalogEntry, 'name'>): string {
  return entry.name.split(' — ')[0]!;
}
