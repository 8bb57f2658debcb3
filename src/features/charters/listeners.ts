// `/ig renew [group]`, "Request renewal" (info, App Home, nudges), the IGCC's and the board's
// buttons and reason modals, and the channel message events that count as activity.
import type { FeatureContext } from '../../app-context.js';
import { postEach } from '../admin/service.js';
import { dissolveGroup } from '../dissolution/service.js';
import { onAction, onSubmit, openModal } from '../../lib/slack/handlers.js';
import { metadata, metadataId } from '../../lib/slack/modal.js';
import { CharterIds } from './ids.js';
import { charterDueOn, CHOICES, type Choice } from './rules.js';
import * as service from './service.js';
import * as store from './store.js';
import * as views from './views.js';

const choiceRe = (prefix: string) => new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(${CHOICES.join('|')})$`);

/** Slack message event ts ("1700000000.000100") as an instant. */
function tsInstant(ts: string | undefined): Date | undefined {
  const seconds = Number(ts);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(Math.round(seconds * 1000)) : undefined;
}

export function register({ app, ig, prisma, clock, config, logger, refreshHome }: FeatureContext): void {
  const deps: service.Deps = { prisma, clock, zone: config.orgTimezone, client: app.client };

  ig.add({
    name: 'renew',
    usage: 'renew [group]',
    summary: "request renewal of your Core interest group's charter (from 90 days before it is due)",
    run: async ({ userId, args, triggerId, client }) => {
      await openModal(client, triggerId, views.renewModal(await service.entry(deps, userId, args)));
    },
  });

  onAction(app, CharterIds.renewOpen, logger, async ({ value, userId, body, client }) => {
    await openModal(client, body.trigger_id, views.renewModal(await service.renewForm(deps, userId, Number(value))));
  });

  onSubmit(app, CharterIds.renewModal, logger, async ({ values, view, userId }) => {
    const r = await service.requestRenewal(deps, userId, metadataId(view.private_metadata, 'groupId'), values);
    return {
      view: views.requestedModal(r),
      after: async () => {
        const [to, record] = await Promise.all([service.igccRecipients(deps), service.activityRecord(deps, r.group)]);
        await postEach(app.client, to.channels, views.reviewMessage(r, record, deps.zone, to.committeeEmpty), logger);
        void refreshHome([], { groupId: r.groupId });
      },
    };
  });

  onAction(app, choiceRe(CharterIds.recommend), logger, async ({ value, userId, body, client }) => {
    await openModal(client, body.trigger_id, views.reasonModal('recommend', await service.recommendForm(deps, userId, value)));
  });

  onSubmit(app, CharterIds.recommendModal, logger, async ({ values, view, userId }) => {
    const r = await service.recommend(deps, userId, metadataId(view.private_metadata, 'renewalId'), choiceOf(view.private_metadata), values);
    const [to, record] = await Promise.all([service.boardRecipients(deps), service.activityRecord(deps, r.group)]);
    return { view: views.recommendedModal(r, to.committeeEmpty), after: () => postEach(app.client, to.channels, views.boardMessage(r, record, deps.zone, to.committeeEmpty), logger) };
  });

  onAction(app, choiceRe(CharterIds.decide), logger, async ({ value, userId, body, client }) => {
    await openModal(client, body.trigger_id, views.reasonModal('decide', await service.decideForm(deps, userId, value)));
  });

  onSubmit(app, CharterIds.decideModal, logger, async ({ values, view, userId }) => {
    const r = await service.decide(deps, userId, metadataId(view.private_metadata, 'renewalId'), choiceOf(view.private_metadata), values);
    const until = r.status === 'CONTINUED' ? charterDueOn(r.group, deps.zone) : undefined;
    return {
      view: views.decidedModal(r, until),
      after: async () => {
        // Told before dissolution archives the channel; dissolution then tells members and staff.
        await postEach(app.client, await service.groupAudience(deps, r.group), views.outcomeMessage(r, until), logger);
        if (r.status === 'DISSOLVE_DECIDED') await dissolveGroup({ prisma, client: app.client, zone: deps.zone, clock, logger }, r.groupId, `Core Board decision: ${r.decisionReason ?? ''}`, userId);
        void refreshHome([], { groupId: r.groupId });
      },
    };
  });

  // Messages in a group's channel: counted and dated, never stored. Bots, edits and deletions don't count.
  app.event('message', async ({ event }) => {
    const e = event as { subtype?: string; bot_id?: string; channel?: string; channel_type?: string; ts?: string; user?: string };
    if (e.bot_id || (e.subtype && e.subtype !== 'thread_broadcast' && e.subtype !== 'file_share')) return;
    if (!e.user || !e.channel || e.channel_type === 'im' || e.channel_type === 'mpim') return;
    const at = tsInstant(e.ts) ?? clock();
    try {
      await prisma.$transaction((tx) => store.countChannelMessage(tx, e.channel!, at));
    } catch (error) {
      logger.error(error);
    }
  });
}

function choiceOf(raw: string | undefined): Choice {
  const choice = metadata<{ choice: string }>(raw).choice;
  if (!(CHOICES as readonly string[]).includes(choice ?? '')) throw new Error('charter modal without a choice');
  return choice as Choice;
}
