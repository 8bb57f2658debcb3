// `/ig propose [group]`, `/ig admin proposals`, the committee's review buttons and reason modal,
// the convener's "Revise and resubmit", and the nudges' "Submit a proposal".
import type { FeatureContext } from '../../app-context.js';
import { onAction, onSubmit, openModal } from '../../lib/slack/handlers.js';
import { metadata, metadataId } from '../../lib/slack/modal.js';
import { ProposalIds } from './ids.js';
import { DECISIONS, type ReviewDecision } from './rules.js';
import * as service from './service.js';
import * as views from './views.js';

export function register({ app, ig, admin, prisma, clock, config, logger }: FeatureContext): void {
  const deps: service.Deps = { prisma, clock, zone: config.orgTimezone, client: app.client };

  /** Sends a (re)submitted proposal to its committee. */
  const toCommittee = async (p: service.Proposal) => {
    const r = await service.reviewers(deps, p);
    await service.post(app.client, r.channels, views.reviewMessage(p, service.committeeLabel(p), r.committeeEmpty), logger);
  };

  ig.add({
    name: 'propose',
    usage: 'propose [group]',
    summary: 'submit a program proposal (Core Programming Committee) or a course/webinar proposal (Continuing Education) for your group',
    run: async ({ userId, args, triggerId, client }) => {
      await openModal(client, triggerId, views.proposeModal(await service.entry(deps, userId, args)));
    },
  });

  admin.add({
    name: 'proposals',
    usage: 'proposals',
    summary: 'the calls for proposals: when each opens and closes',
    run: async ({ userId }) => views.settingsReply(await service.settingsFor(deps, userId)),
  });

  onAction(app, ProposalIds.proposeOpen, logger, async ({ value, userId, body, client }) => {
    await openModal(client, body.trigger_id, views.proposeModal(await service.formFor(deps, userId, Number(value))));
  });

  onSubmit(app, ProposalIds.proposeModal, logger, async ({ values, view, userId }) => {
    const p = await service.submit(deps, userId, metadataId(view.private_metadata, 'groupId'), values);
    return { view: views.submittedModal(p, service.committeeLabel(p)), after: () => toCommittee(p) };
  });

  onAction(app, ProposalIds.reviseOpen, logger, async ({ value, userId, body, client }) => {
    await openModal(client, body.trigger_id, views.reviseModal(await service.reviseForm(deps, userId, Number(value))));
  });

  onSubmit(app, ProposalIds.reviseModal, logger, async ({ values, view, userId }) => {
    const p = await service.resubmit(deps, userId, metadataId(view.private_metadata, 'proposalId'), values);
    return { view: views.submittedModal(p, service.committeeLabel(p)), after: () => toCommittee(p) };
  });

  onAction(app, new RegExp(`^${ProposalIds.review.replace('.', '\\.')}\\.(${DECISIONS.join('|')})$`), logger, async ({ value, userId, body, client }) => {
    await openModal(client, body.trigger_id, views.reviewModal(await service.reviewForm(deps, userId, value)));
  });

  onSubmit(app, ProposalIds.reviewModal, logger, async ({ values, view, userId, client }) => {
    const decision = metadata<{ decision: string }>(view.private_metadata).decision;
    if (!(DECISIONS as readonly string[]).includes(decision ?? '')) throw new Error('review modal without a decision');
    const r = await service.decide(deps, userId, metadataId(view.private_metadata, 'proposalId'), decision as ReviewDecision, values);
    return { view: views.decidedModal(r), after: () => service.post(client, [r.proposal.submittedBy], views.decisionMessage(r), logger) };
  });

  onAction(app, ProposalIds.settingsOpen, logger, async ({ userId, body, client }) => {
    await openModal(client, body.trigger_id, views.settingsModal(await service.settingsFor(deps, userId)));
  });

  onSubmit(app, ProposalIds.settingsModal, logger, async ({ values, userId }) => ({ view: views.settingsSavedModal(await service.saveSettings(deps, userId, values)) }));
}
