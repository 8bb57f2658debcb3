// Elections: pure Block Kit builders. No view ever shows how anyone voted.
import type { Group } from '../../generated/prisma/client.js';
import { type Block, type Reply, actions, button, context, divider, section } from '../../lib/slack/blocks.js';
import { escapeMrkdwn, mentionUser, plural } from '../../lib/slack/text.js';
import { formatDate, slackDateTime } from '../../lib/time.js';
import { datePicker, doneModal, input, type Modal, modal, staticSelect, textInput } from '../../lib/slack/modal.js';
import { nomineeRequirement, termYear, termYearLabel } from '../conveners/rules.js';
import { termText } from '../conveners/views.js';
import { ElectionIds } from './ids.js';
import type { Phase, PositionResult } from './rules.js';
import type { FullElection, ResultView } from './service.js';

type Position = FullElection['positions'][number];

const seatsText = (n: number) => plural(n, 'seat');

export function openModal(group: Group, d: { opens: string; closes: string; deadline: string }): Modal {
  return modal(
    ElectionIds.openModal,
    'Open an election',
    [
      section(`Convener election for *${escapeMrkdwn(group.name)}*. Members nominate candidates until voting opens; nominees must accept to be on the ballot.`),
      input('positions', 'Positions', textInput({ multiline: true, initial: 'Convener', max: 400 }), {
        hint: 'One per line. Add the number of seats in brackets when there are several, e.g. Co-conveners (2).',
      }),
      input('candidates', 'Candidates', { type: 'multi_users_select', placeholder: { type: 'plain_text', text: 'Nominate people now (optional)' } }, {
        optional: true,
        hint: 'Nominated for the first position listed; each is asked to accept. Members can nominate more until voting opens.',
      }),
      input('opens', 'Voting opens', datePicker(d.opens), { hint: 'Nominations close when voting opens.' }),
      input('closes', 'Voting closes (end of the day)', datePicker(d.closes), { hint: `No later than ${formatDate(d.deadline)}: elections are held by April 30.` }),
    ],
    { submit: 'Open', metadata: { groupId: group.id } },
  );
}

function positionLine(p: Position, showPending: boolean): string {
  const accepted = p.candidates.filter((c) => c.status === 'ACCEPTED').map((c) => mentionUser(c.slackUserId));
  const pending = p.candidates.filter((c) => c.status === 'PENDING').map((c) => mentionUser(c.slackUserId));
  const parts = [`*${escapeMrkdwn(p.title)}* (${seatsText(p.seats)}): ${accepted.length ? accepted.join(', ') : '_no candidates yet_'}`];
  if (showPending && pending.length) parts.push(`  _awaiting acceptance:_ ${pending.join(', ')}`);
  return parts.join('\n');
}

function periodText(e: FullElection, zone: string): string {
  return `Nominations until ${slackDateTime(e.opensAt, zone)}. Voting ${slackDateTime(e.opensAt, zone)} – ${slackDateTime(e.closesAt, zone)}.`;
}

/** Posted in the group's channel when the election is opened. */
export function announcement(e: FullElection, zone: string): Reply {
  const name = escapeMrkdwn(e.group.name);
  return {
    text: `Convener election in ${e.group.name}: nominations are open.`,
    blocks: [
      section(`:ballot_box_with_ballot: *Convener election in ${name}*\n${e.positions.map((p) => positionLine(p, false)).join('\n')}\n${periodText(e, zone)}`),
      actions([button('Nominate someone', ElectionIds.nominate, String(e.id), 'primary'), button('Vote', ElectionIds.vote, String(e.id))], `election-${e.id}`),
      context(`Any member of ${name} can nominate; nominees accept before voting opens. Ballots are secret: the app records who voted, never how. Elected conveners serve ${termText(incomingTerm(e))}.`),
    ],
  };
}

/** The term the winners serve (an election's year is the year that term starts). */
function incomingTerm(e: Pick<FullElection, 'year'>) {
  return termYear(e.year);
}

export function openedModal(e: FullElection, zone: string): Modal {
  const where = e.group.channelId
    ? `I've announced it in <#${e.group.channelId}>.`
    : `${escapeMrkdwn(e.group.name)} has no Slack channel, so tell members to use \`/ig election ${escapeMrkdwn(e.group.name)}\` to nominate and vote.`;
  return doneModal('Election opened', `:white_check_mark: The convener election for *${escapeMrkdwn(e.group.name)}* is open. ${periodText(e, zone)} ${where}`);
}

export function nominationDm(e: FullElection, position: Pick<Position, 'title'>, candidateId: number, nominatedBy: string, zone: string): Reply {
  const text =
    `${mentionUser(nominatedBy)} nominated you for *${escapeMrkdwn(position.title)}* of *${escapeMrkdwn(e.group.name)}* ` +
    `(term ${termText(incomingTerm(e))}). Accept before voting opens ${slackDateTime(e.opensAt, zone)} to be on the ballot.`;
  return {
    text: `You were nominated for ${position.title} of ${e.group.name}.`,
    blocks: [
      section(`:ballot_box_with_ballot: ${text}`),
      actions([button('Accept', ElectionIds.accept, String(candidateId), 'primary'), button('Decline', ElectionIds.decline, String(candidateId))], `nomination-${candidateId}`),
    ],
  };
}

export function nominatedModal(e: FullElection, position: Pick<Position, 'title'>, nominee: string, self: boolean): Modal {
  const text = self
    ? `:white_check_mark: You stand for *${escapeMrkdwn(position.title)}* of *${escapeMrkdwn(e.group.name)}*.`
    : `:white_check_mark: You nominated ${mentionUser(nominee)} for *${escapeMrkdwn(position.title)}* of *${escapeMrkdwn(e.group.name)}*. I've asked them to accept.`;
  return doneModal('Nomination made', text);
}

export function answeredReply(e: FullElection, position: Pick<Position, 'title'>, accept: boolean): Reply {
  const text = accept
    ? `:white_check_mark: You accepted the nomination for *${escapeMrkdwn(position.title)}* of *${escapeMrkdwn(e.group.name)}*. You'll be on the ballot.`
    : `You declined the nomination for *${escapeMrkdwn(position.title)}* of *${escapeMrkdwn(e.group.name)}*.`;
  return { text, blocks: [section(text)] };
}

export function candidatePost(e: FullElection, position: Pick<Position, 'title'>, userId: string): Reply {
  const text = `${mentionUser(userId)} is a candidate for *${escapeMrkdwn(position.title)}* in the ${escapeMrkdwn(e.group.name)} convener election.`;
  return { text, blocks: [section(text)] };
}

export function nominateModal(e: FullElection): Modal {
  const blocks: Block[] = [section(`Nominate a candidate in the *${escapeMrkdwn(e.group.name)}* convener election. ${nomineeRequirement(e.group.kind, e.group.eligibility)}`)];
  if (e.positions.length > 1) blocks.push(input('position', 'Position', staticSelect(e.positions.map((p) => ({ text: p.title, value: String(p.id) })), undefined, 'Choose a position')));
  else blocks.push(context(`Position: *${escapeMrkdwn(e.positions[0]!.title)}*`));
  blocks.push(input('nominee', 'Nominee', { type: 'users_select', placeholder: { type: 'plain_text', text: 'Choose a person (yourself included)' } }));
  return modal(ElectionIds.nominateModal, 'Nominate', blocks, { submit: 'Nominate', metadata: { electionId: e.id } });
}

/** One input per position with candidates: radio buttons for one seat, checkboxes for several. */
export function ballotModal(e: FullElection, voted: boolean, zone: string): Modal {
  const blocks: Block[] = [section(`*${escapeMrkdwn(e.group.name)}* convener election. Voting closes ${slackDateTime(e.closesAt, zone)}.`)];
  for (const p of e.positions) {
    const options = p.candidates
      .filter((c) => c.status === 'ACCEPTED')
      .map((c) => ({ text: { type: 'mrkdwn', text: mentionUser(c.slackUserId) }, value: String(c.id) }));
    if (options.length === 0) {
      blocks.push(context(`*${escapeMrkdwn(p.title)}*: no candidates.`));
      continue;
    }
    const element = p.seats === 1 ? { type: 'radio_buttons', options } : { type: 'checkboxes', options };
    const label = p.seats === 1 ? p.title : `${p.title} (choose up to ${p.seats})`;
    blocks.push(input(`pos-${p.id}`, label, element, { optional: true }));
  }
  blocks.push(
    context(
      voted
        ? ':lock: You have already voted. Submitting replaces your earlier ballot; it is not shown here, because ballots are secret.'
        : ':lock: Your ballot is secret: the app records that you voted, never how. You can change it until voting closes.',
    ),
  );
  return modal(ElectionIds.ballotModal, 'Your ballot', blocks, { submit: 'Cast ballot', metadata: { electionId: e.id } });
}

export function votedModal(e: FullElection, replaced: boolean, zone: string): Modal {
  const what = replaced ? 'Your new ballot replaced your earlier one.' : 'Your ballot is cast.';
  return doneModal('Ballot cast', `:white_check_mark: ${what} You can change it until ${slackDateTime(e.closesAt, zone)}. Results are posted when voting closes.`);
}

const PHASE_TEXT: Record<Phase, string> = { NOMINATING: 'Nominations are open', VOTING: 'Voting is open', ENDED: 'Voting has closed' };

export interface StatusData {
  group: Group;
  manager: boolean;
  active: { election: FullElection; phase: Phase; voted: boolean; turnout: number; members: number; member: boolean } | null;
  last: ResultView | null;
}

export function statusReply(d: StatusData, zone: string): Reply {
  const name = escapeMrkdwn(d.group.name);
  if (!d.active) {
    const blocks: Block[] = [section(`No convener election is in progress for *${name}*.`)];
    if (d.last) blocks.push(divider(), ...resultBlocks(d.last));
    if (d.manager) blocks.push(actions([button('Open an election', ElectionIds.open, String(d.group.id), 'primary')], 'election-start'));
    return { text: `No election in progress for ${d.group.name}`, blocks };
  }
  const { election: e, phase } = d.active;
  const buttons: Block[] = [];
  if (phase === 'NOMINATING') buttons.push(button('Nominate someone', ElectionIds.nominate, String(e.id), 'primary'));
  if (phase === 'VOTING' && d.active.member) buttons.push(button(d.active.voted ? 'Change my vote' : 'Vote', ElectionIds.vote, String(e.id), 'primary'));
  if (d.manager) {
    buttons.push({
      ...button('Cancel election', ElectionIds.cancel, String(e.id), 'danger'),
      confirm: {
        title: { type: 'plain_text', text: 'Cancel the election?' },
        text: { type: 'mrkdwn', text: 'Nominations and any ballots cast are discarded.' },
        confirm: { type: 'plain_text', text: 'Cancel it' },
        deny: { type: 'plain_text', text: 'Keep it' },
      },
    });
  }
  const blocks: Block[] = [
    section(`:ballot_box_with_ballot: *Convener election in ${name}* — ${PHASE_TEXT[phase]}\n${e.positions.map((p) => positionLine(p, true)).join('\n')}\n${periodText(e, zone)}`),
    context(`Turnout so far: ${d.active.turnout} of ${plural(d.active.members, 'member')}.${d.active.voted ? ' You have voted.' : ''}`),
  ];
  if (buttons.length) blocks.push(actions(buttons, `election-${e.id}`));
  return { text: `Convener election in ${d.group.name}: ${PHASE_TEXT[phase]}`, blocks };
}

export function votingOpenPost(e: FullElection, zone: string): Reply {
  const name = escapeMrkdwn(e.group.name);
  return {
    text: `Voting is open in the ${e.group.name} convener election.`,
    blocks: [
      section(`:ballot_box_with_ballot: *Voting is open: ${name} convener election*\n${e.positions.map((p) => positionLine(p, false)).join('\n')}\nVote by ${slackDateTime(e.closesAt, zone)}. Every member votes once, in secret, and can change their vote until then.`),
      actions([button('Vote', ElectionIds.vote, String(e.id), 'primary')], `election-${e.id}`),
    ],
  };
}

function positionResult(r: PositionResult): string {
  const elected = new Set(r.elected.map((c) => c.id));
  const lines = [`*${escapeMrkdwn(r.title)}* (${seatsText(r.seats)})`];
  if (r.ranked.length === 0) lines.push('_No candidates._');
  for (const c of r.ranked) lines.push(`• ${mentionUser(c.slackUserId)} — ${plural(c.votes, 'vote')}${elected.has(c.id) ? ' :white_check_mark: elected' : ''}`);
  if (r.tied.length) {
    lines.push(
      `:warning: *Tie* for ${r.openSeats === 1 ? 'the last seat' : `the last ${r.openSeats} seats`} between ${r.tied.map((c) => mentionUser(c.slackUserId)).join(' and ')} ` +
        `(${plural(r.tied[0]!.votes, 'vote')} each). The group decides how to resolve it, for example a run-off with \`/ig election\`; staff or conveners then record the result with \`/ig conveners\`.`,
    );
  }
  return lines.join('\n');
}

function turnoutText(v: Pick<ResultView, 'turnout' | 'members'>): string {
  const pct = v.members ? ` (${Math.round((v.turnout / v.members) * 100)}%)` : '';
  return `Turnout: ${v.turnout} of ${plural(v.members, 'member')}${pct}.`;
}

function resultBlocks(v: ResultView): Block[] {
  const name = escapeMrkdwn(v.election.group.name);
  const winners = v.positions.flatMap((p) => p.elected);
  return [
    section(`:ballot_box_with_ballot: *Results: ${name} convener election for ${termYearLabel(v.election.year)}*`),
    ...v.positions.map((p) => section(positionResult(p))),
    context(`${turnoutText(v)}${winners.length ? ` Elected conveners serve ${termText(v.term)}.` : ''}`),
  ];
}

/** Posted in the group's channel when voting closes. */
export function resultsPost(v: ResultView): Reply {
  const ties = v.positions.some((p) => p.tied.length);
  return { text: `Results of the ${v.election.group.name} convener election${ties ? ' (with a tie to resolve)' : ''}`, blocks: resultBlocks(v) };
}

/** The names of the incoming conveners, for the Core Office (staff). */
export function staffResultsReport(v: ResultView): Reply {
  const name = escapeMrkdwn(v.election.group.name);
  const winners = v.positions.flatMap((p) => p.elected);
  const ties = v.positions.flatMap((p) => p.tied);
  const lines = [`:ballot_box_with_ballot: The convener election in *${name}* has closed.`];
  lines.push(winners.length ? `Incoming conveners (${termText(v.term)}): ${winners.map((c) => mentionUser(c.slackUserId)).join(', ')}` : 'Nobody was elected.');
  if (ties.length) lines.push(`Tie to be resolved by the group: ${ties.map((c) => mentionUser(c.slackUserId)).join(', ')}.`);
  lines.push(turnoutText(v));
  return { text: `Incoming conveners elected in ${v.election.group.name}`, blocks: [section(lines.join('\n'))] };
}

export function cancelledReply(e: FullElection): Reply {
  const text = `The convener election in *${escapeMrkdwn(e.group.name)}* was cancelled. Nominations and ballots were discarded.`;
  return { text, blocks: [section(text)] };
}
