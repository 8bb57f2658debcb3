// `/ig election`, nominations, the secret ballot, cancelling.
import type { FeatureContext } from '../../app-context.js';
import { onAction, onSubmit, openModal } from '../../lib/slack/handlers.js';
import { UserError } from '../../lib/slack/errors.js';
import { escapeMrkdwn } from '../../lib/slack/text.js';
import { metadataId } from '../../lib/slack/modal.js';
import * as conveners from '../conveners/service.js';
import { ElectionIds } from './ids.js';
import * as service from './service.js';
import * as views from './views.js';

export function register({ app, ig, prisma, clock, config, logger, refreshHome }: FeatureContext): void {
  const deps: conveners.ConvenerDeps = { prisma, clock, zone: config.orgTimezone, client: app.client };
  const zone = config.orgTimezone;

  // The close itself (totals, ballots and secret destroyed, winners' terms) is the deadline
  // engine's `elections.finalize` transition; results are posted by the `elections.close` rule.

  ig.add({
    name: 'election',
    usage: 'election [group]',
    summary: 'the convener election of a group: nominate, vote, see results; conveners open one (held by April 30)',
    run: async ({ args, userId, triggerId, client }) => {
      const group = await conveners.groupFromArgs(deps, userId, args);
      if (!group) throw new UserError('Name the group, e.g. `/ig election data and measurement`.');
      const overview = await service.electionOverview(deps, userId, group);
      if (!overview.active && overview.manager && !overview.last) {
        const { defaults } = await service.prepareOpen(deps, userId, group.id);
        await openModal(client, triggerId, views.openModal(group, defaults));
        return;
      }
      return views.statusReply(overview, zone);
    },
  });

  onAction(app, ElectionIds.open, logger, async ({ value, userId, body, client }) => {
    const { group, defaults } = await service.prepareOpen(deps, userId, Number(value));
    await openModal(client, body.trigger_id, views.openModal(group, defaults));
  });

  onSubmit(app, ElectionIds.openModal, logger, async ({ values, view, userId, client }) => {
    const { election } = await service.openElection(deps, client, userId, metadataId(view.private_metadata, 'groupId'), values);
    return {
      view: views.openedModal(election, zone),
      after: async () => {
        void refreshHome([userId], { groupId: election.groupId });
        if (election.group.channelId) await client.chat.postMessage({ channel: election.group.channelId, ...views.announcement(election, zone) } as never);
        for (const c of election.positions[0]!.candidates.filter((x) => x.status === 'PENDING')) {
          await client.chat.postMessage({ channel: c.slackUserId, ...views.nominationDm(election, election.positions[0]!, c.id, userId, zone) } as never);
        }
      },
    };
  });

  onAction(app, ElectionIds.nominate, logger, async ({ value, userId, body, client }) => {
    const election = await service.prepareNominate(deps, userId, Number(value));
    await openModal(client, body.trigger_id, views.nominateModal(election));
  });

  onSubmit(app, ElectionIds.nominateModal, logger, async ({ values, view, userId, client }) => {
    const r = await service.nominate(deps, client, userId, metadataId(view.private_metadata, 'electionId'), values);
    return {
      view: views.nominatedModal(r.election, r.position, r.candidate.slackUserId, r.self),
      after: async () => {
        if (!r.self) await client.chat.postMessage({ channel: r.candidate.slackUserId, ...views.nominationDm(r.election, r.position, r.candidate.id, userId, zone) } as never);
        else if (r.election.group.channelId) await client.chat.postMessage({ channel: r.election.group.channelId, ...views.candidatePost(r.election, r.position, userId) } as never);
      },
    };
  });

  for (const accept of [true, false]) {
    onAction(app, accept ? ElectionIds.accept : ElectionIds.decline, logger, async ({ value, userId, client }) => {
      const r = await service.answerNomination(deps, client, userId, Number(value), accept);
      if (accept && r.election.group.channelId) {
        await client.chat.postMessage({ channel: r.election.group.channelId, ...views.candidatePost(r.election, r.position, userId) } as never).catch((error: unknown) => logger.error(error));
      }
      return { ...views.answeredReply(r.election, r.position, accept), replace: true };
    });
  }

  onAction(app, ElectionIds.vote, logger, async ({ value, userId, body, client }) => {
    const { election, voted } = await service.prepareBallot(deps, userId, Number(value));
    await openModal(client, body.trigger_id, views.ballotModal(election, voted, zone));
  });

  onSubmit(app, ElectionIds.ballotModal, logger, async ({ values, view, userId }) => {
    const r = await service.castBallot(deps, userId, metadataId(view.private_metadata, 'electionId'), values);
    return { view: views.votedModal(r.election, r.replaced, zone), after: () => refreshHome([userId]) };
  });

  onAction(app, ElectionIds.cancel, logger, async ({ value, userId, client }) => {
    const e = await service.cancelElection(deps, userId, Number(value));
    void refreshHome([userId], { groupId: e.groupId, members: true });
    if (e.group.channelId) await client.chat.postMessage({ channel: e.group.channelId, ...views.cancelledReply(e) } as never).catch((error: unknown) => logger.error(error));
    return { text: `Cancelled the convener election in *${escapeMrkdwn(e.group.name)}*.` };
  });
}
