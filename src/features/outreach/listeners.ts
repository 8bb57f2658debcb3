// `/ig feedback`, `/ig invite`, `/ig admin feedback`, the "Invite colleagues" button of
// `/ig info`, the two modals, the listing's pages and an invitation's "Don't invite me again".
import type { FeatureContext } from '../../app-context.js';
import { onAction, onSubmit, openModal } from '../../lib/slack/handlers.js';
import { metadata, metadataId } from '../../lib/slack/modal.js';
import { activeGroup } from '../conveners/service.js';
import { OutreachIds } from './ids.js';
import * as service from './service.js';
import * as views from './views.js';

export function register({ app, ig, admin, prisma, clock, config, logger }: FeatureContext): void {
  const deps: service.OutreachDeps = { prisma, clock, zone: config.orgTimezone, client: app.client, logger };

  ig.add({
    name: 'feedback',
    usage: 'feedback <group>',
    summary: "send feedback to a group's staff liaison (a form; they see your name)",
    run: async ({ args, triggerId, client }) => {
      await openModal(client, triggerId, views.feedbackModal(await service.feedbackGroup(deps, args)));
    },
  });

  onSubmit(app, OutreachIds.feedbackModal, logger, async ({ values, view, userId }) => {
    const sent = await service.sendFeedback(deps, userId, metadataId(view.private_metadata, 'groupId'), values);
    return { view: views.feedbackSentModal(sent), after: () => service.deliverFeedback(deps, sent) };
  });

  admin.add({
    name: 'feedback',
    usage: 'feedback [group]',
    summary: 'the feedback members sent to staff liaisons, newest first',
    run: async ({ userId, args }) => views.feedbackListReply(await service.listFeedback(deps, userId, args.trim() ? { query: args } : undefined, 1)),
  });

  onAction(app, new RegExp(`^${OutreachIds.feedbackPage.replace(/\./g, '\\.')}\\.`), logger, async ({ value, userId }) => {
    const state = metadata<views.FeedbackPageState>(value);
    const ref = typeof state.g === 'number' ? { id: state.g } : undefined;
    return { ...views.feedbackListReply(await service.listFeedback(deps, userId, ref, Number(state.p) || 1)), replace: true };
  });

  ig.add({
    name: 'invite',
    usage: 'invite <group> @colleague…',
    summary: `invite up to 20 colleagues to join a group (each gets a message with a Join button)`,
    run: async ({ args, userId, triggerId, client }) => {
      const { group, userIds } = await service.parseInvite(deps, userId, args);
      if (userIds.length === 0) {
        await openModal(client, triggerId, views.inviteModal(group, { groupId: group.id }));
        return;
      }
      const r = await service.invite(deps, userId, group, userIds);
      return views.inviteSummaryReply(r.group, r.summary);
    },
  });

  onAction(app, OutreachIds.invite, logger, async ({ value, userId, body, client }) => {
    const group = await activeGroup(deps, Number(value));
    await service.requireMayInvite(deps, userId, group);
    await openModal(client, body.trigger_id, views.inviteModal(group, { groupId: group.id }));
  });

  onSubmit(app, OutreachIds.inviteModal, logger, async ({ values, view, userId, client }) => {
    const group = await activeGroup(deps, metadataId(view.private_metadata, 'groupId'));
    await service.requireMayInvite(deps, userId, group);
    const userIds = service.invitedFromForm(values);
    return {
      view: views.invitingModal(group),
      after: async () => {
        const r = await service.invite(deps, userId, group, userIds);
        await client.views.update({ view_id: view.id, view: views.inviteSummaryModal(r.group, r.summary) as never });
      },
    };
  });

  onAction(app, OutreachIds.optOut, logger, async ({ value, userId }) => {
    await service.optOut(deps, userId, Number(value));
    return { ...views.optedOutReply(), replace: true };
  });
}
