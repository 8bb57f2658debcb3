import { type Block, type Reply, actions, button, context, divider, header, lineSections, section } from '../../lib/slack/blocks.js';
import { escapeMrkdwn, plural, truncate } from '../../lib/slack/text.js';
import { formatDate, slackDateTime } from '../../lib/time.js';
import { ComplianceIds } from '../compliance/ids.js';
import { ConvenerIds } from '../conveners/ids.js';
import { KIND_LABELS } from '../directory/rules.js';
import { ElectionIds } from '../elections/ids.js';
import { IgWeekIds } from '../igweek/ids.js';
import { slotTimesText } from '../igweek/views.js';
import { PetitionIds } from '../petitions/ids.js';
import { ReportIds } from '../reports/ids.js';
import { quarterLabel } from '../reports/rules.js';
import type { MyGroup, Owed, PetitionFacts, ReportCompliance, SessionFacts } from './rules.js';
import { lastActivityText, renewButton } from '../charters/views.js';

export interface HelpLine {
  usage: string;
  summary: string;
}

export interface HelpOptions {
  /** What the command is for, when it isn't `/ig` (each command's help has its own text). */
  intro?: string;
  /** The app's other slash commands, one line each (for `/ig help`). */
  otherCommands?: { command: string; summary: string }[];
}

const IG_INTRO = '*Convene* runs our interest groups in Slack. Here is what you can do:';

export function helpReply(command: string, lines: HelpLine[], unknown?: string, opts: HelpOptions = {}): Reply {
  const intro = unknown ? `\`${command} ${escapeMrkdwn(unknown)}\` isn't a command I know. Here is what I can do:` : (opts.intro ?? IG_INTRO);
  const blocks: Block[] = [section(intro), section(lines.map((l) => `\`${command} ${l.usage}\` — ${l.summary}`).join('\n'))];
  if (opts.otherCommands?.length) {
    blocks.push(section(`*Other commands*\n${opts.otherCommands.map((c) => `\`${c.command}\` — ${c.summary}`).join('\n')}`));
  }
  if (!opts.intro) blocks.push(context('Group names can be typed loosely: any case, no punctuation, or just the start of the name.'));
  return { text: intro, blocks };
}

export interface HomeData {
  now: Date;
  zone: string;
  groups: MyGroup[];
  owed: Owed[];
  igweek: { year: number; sessions: (SessionFacts & { group: MyGroup })[] } | null;
  petitions: PetitionFacts[];
  /** Groups the viewer convenes whose charter renewal is open and not yet requested. */
  renewals?: { groupId: number; name: string; dueOn: string }[];
  staff: {
    reports: ReportCompliance;
    withoutConveners: { term: { startsOn: string; endsOn: string }; groups: { id: number; name: string }[] };
    awaitingDecision: PetitionFacts[];
  } | null;
  commands: { ig: HelpLine[]; others: { command: string; summary: string }[] };
}

/** Slack allows 100 blocks in a view; the dashboard keeps some room for its fixed parts. */
export const MAX_HOME_BLOCKS = 100;
const MAX_OWED = 30;
const MAX_PETITIONS = 5;
const MAX_LISTED = 10;

const ROLE_TEXT: Record<MyGroup['role'], string> = { convener: 'convener', incoming: 'incoming convener', member: 'member' };

function groupLine(g: MyGroup, zone: string): string {
  const role = g.role === 'incoming' && g.from ? `incoming convener (from ${formatDate(g.from)})` : ROLE_TEXT[g.role];
  const activity = g.lastActivityAt !== undefined ? ` · Last activity: ${lastActivityText(g.lastActivityAt, zone)}` : '';
  return `• *${escapeMrkdwn(truncate(g.name, 120))}* — ${KIND_LABELS[g.kind]} · _${role}_${activity}`;
}

const sections = lineSections;

function owedBlock(o: Owed, i: number, zone: string): Block {
  const name = `*${escapeMrkdwn(truncate(o.group.name, 120))}*`;
  const block_id = `owed-${i}`;
  const gid = String(o.group.id);
  switch (o.type) {
    case 'report':
      return section(
        o.overdue
          ? `:warning: ${name}: the ${quarterLabel(o.quarter)} report is overdue (it was due ${formatDate(o.dueOn)}).`
          : `:memo: ${name}: the ${quarterLabel(o.quarter)} report is due ${formatDate(o.dueOn)}.`,
        { block_id, accessory: button('File report', ReportIds.fileOpen, gid, 'primary') },
      );
    case 'meeting':
      return o.open
        ? section(`:spiral_calendar_pad: ${name}: record the ${o.season.name} ${o.season.year} business meeting by ${formatDate(o.season.toDay)}.`, {
            block_id,
            accessory: button('Record a meeting', ConvenerIds.meetingOpen, gid),
          })
        : section(`:spiral_calendar_pad: ${name}: the ${o.season.name} ${o.season.year} business meeting is next (${formatDate(o.season.fromDay)} – ${formatDate(o.season.toDay)}).`, { block_id });
    case 'election':
      return section(
        `:ballot_box_with_ballot: ${name}: hold the convener election by ${formatDate(o.deadline)}; the winners serve ${formatDate(o.term.startsOn)} – ${formatDate(o.term.endsOn)}.`,
        { block_id, accessory: button('Open election', ElectionIds.open, gid) },
      );
    case 'election-open':
      return section(
        o.phase === 'NOMINATING'
          ? `:ballot_box_with_ballot: ${name}: the convener election takes nominations until voting opens ${slackDateTime(o.opensAt, zone)}.`
          : `:ballot_box_with_ballot: ${name}: voting in the convener election closes ${slackDateTime(o.closesAt, zone)}.`,
        { block_id },
      );
    case 'vote':
      return section(`:ballot_box_with_ballot: ${name}: voting in the convener election is open until ${slackDateTime(o.closesAt, zone)}.`, {
        block_id,
        accessory: button('Vote', ElectionIds.vote, String(o.electionId), 'primary'),
      });
    case 'igweek-claim':
      return o.opensAt
        ? section(`:studio_microphone: ${name}: slot selection for IG Week ${o.year} opens ${slackDateTime(o.opensAt, zone)}.`, { block_id })
        : section(`:studio_microphone: ${name}: slot selection for IG Week ${o.year} is open; claim a slot for your group.`, {
            block_id,
            accessory: button('Claim a slot', IgWeekIds.schedule, String(o.year), 'primary'),
          });
    case 'igweek-details':
      return section(`:studio_microphone: ${name}: your IG Week ${o.year} session, ${slotTimesText(o.startsAt)}, needs its ${o.missing.join(', ')} by ${formatDate(o.dueOn)}.`, {
        block_id,
        accessory: button('Session details', IgWeekIds.editDetails, String(o.sessionId)),
      });
  }
}

function petitionBlocks(p: PetitionFacts, prefix: string, sign: boolean): Block[] {
  const progress = `${p.signatureCount} of ${p.threshold} signatures`;
  return [
    section(`*#${p.id} ${escapeMrkdwn(truncate(p.name, 150))}* — ${KIND_LABELS[p.kind]} · ${progress}`, { block_id: `${prefix}-${p.id}` }),
    actions(
      [...(sign ? [button('Sign', PetitionIds.sign, String(p.id), 'primary')] : []), button('View petition', PetitionIds.details, String(p.id))],
      `${prefix}-actions-${p.id}`,
    ),
  ];
}

export function homeView(d: HomeData): { type: 'home'; blocks: Block[] } {
  const blocks: Block[] = [header('Convene')];

  // My groups
  if (d.groups.length === 0) {
    blocks.push(section("You haven't joined any interest groups yet. Try `/ig list` to browse the directory."));
  } else {
    blocks.push(...sections([`*Your groups*`, ...d.groups.slice(0, 60).map((g) => groupLine(g, d.zone))], 2));
  }
  for (const r of (d.renewals ?? []).slice(0, 5)) {
    blocks.push(section(`:scroll: *${escapeMrkdwn(truncate(r.name, 120))}*'s charter is due for renewal on ${formatDate(r.dueOn)}.`, { block_id: `charter-renew-${r.groupId}`, accessory: renewButton(r.groupId) }));
  }

  // What I owe
  if (d.owed.length || d.groups.some((g) => g.role === 'convener')) {
    blocks.push(divider(), section('*What you owe*', { block_id: 'owed' }));
    if (d.owed.length === 0) blocks.push(context('Nothing is due from your groups right now.'));
    d.owed.slice(0, MAX_OWED).forEach((o, i) => blocks.push(owedBlock(o, i, d.zone)));
    if (d.owed.length > MAX_OWED) blocks.push(context(`…and ${d.owed.length - MAX_OWED} more.`));
  }

  // My groups' IG Week sessions
  if (d.igweek?.sessions.length) {
    const lines = d.igweek.sessions
      .slice(0, MAX_LISTED)
      .map((s) => `• *${escapeMrkdwn(truncate(s.group.name, 120))}*: ${slotTimesText(s.slot.startsAt)}${s.title ? ` — ${escapeMrkdwn(truncate(s.title, 150))}` : ''}`);
    blocks.push(divider(), ...sections([`*IG Week ${d.igweek.year}*`, ...lines], 1), context('`/igweek program` shows every session.'));
  }

  // Petitions I can sign
  if (d.petitions.length) {
    blocks.push(divider(), section('*Petitions you can sign*', { block_id: 'petitions' }));
    for (const p of d.petitions.slice(0, MAX_PETITIONS)) blocks.push(...petitionBlocks(p, 'sign', true));
    if (d.petitions.length > MAX_PETITIONS) blocks.push(context(`…and ${d.petitions.length - MAX_PETITIONS} more: \`/petition list\`.`));
  }

  // Staff: compliance
  if (d.staff) {
    const r = d.staff.reports;
    const c = r.counts;
    const w = d.staff.withoutConveners;
    const names = w.groups.slice(0, MAX_LISTED).map((g) => escapeMrkdwn(truncate(g.name, 80)));
    const more = w.groups.length > MAX_LISTED ? ` and ${w.groups.length - MAX_LISTED} more` : '';
    blocks.push(
      divider(),
      section('*Compliance* (staff)', { block_id: 'compliance', accessory: button('Compliance view', ComplianceIds.open, 'all') }),
      section(
        `:memo: *${quarterLabel(r.quarter)} reports* (due ${formatDate(r.dueOn)}): ${c.FILED} filed · ${c.LATE} filed late · ${c.MISSING} missing · ${c.PENDING} not filed yet`,
        { block_id: 'compliance-reports' },
      ),
      section(
        w.groups.length
          ? `:bust_in_silhouette: *${plural(w.groups.length, 'group')} without a convener* for ${formatDate(w.term.startsOn)} – ${formatDate(w.term.endsOn)}: ${names.join(', ')}${more}`
          : `:white_check_mark: Every group has a convener for ${formatDate(w.term.startsOn)} – ${formatDate(w.term.endsOn)}.`,
        { block_id: 'compliance-conveners' },
      ),
      section(
        d.staff.awaitingDecision.length ? `:inbox_tray: *${plural(d.staff.awaitingDecision.length, 'petition')} awaiting a decision*` : ':inbox_tray: No petition is awaiting a decision.',
        { block_id: 'compliance-petitions' },
      ),
    );
    for (const p of d.staff.awaitingDecision.slice(0, MAX_PETITIONS)) blocks.push(...petitionBlocks(p, 'decide', false));
    blocks.push(context('`/ig admin compliance` lists every group\'s compliance · `/igreport status` every group\'s report · `/ig conveners <group>` adds conveners · `/petition list` shows open petitions'));
  }

  // Commands
  const commands = [...d.commands.ig.map((l) => `\`/ig ${l.usage}\` — ${l.summary}`), ...d.commands.others.map((c) => `\`${c.command}\` — ${c.summary}`)];
  blocks.push(divider(), ...sections(['*Commands*', ...commands], 2));
  const fixed = blocks.length > MAX_HOME_BLOCKS ? [...blocks.slice(0, MAX_HOME_BLOCKS - 1), context('There is more than fits here; the commands above show everything.')] : blocks;
  return { type: 'home', blocks: fixed };
}
