// `/ig annual [group]` (the request form), `/ig admin annual` (staff's queue and settings),
// the Confirm / Decline buttons and their modals, and the nudges' "Request space" button.
import type { FeatureContext } from '../../app-context.js';
import { onAction, onSubmit, openModal } from '../../lib/slack/handlers.js';
import { metadata, metadataId } from '../../lib/slack/modal.js';
import { AnnualIds } from './ids.js';
import * as service from './service.js';
import * as views from './views.js';

export function register({ app, ig, admin, prisma, clock, config, logger }: FeatureContext): void {
  const deps: service.Deps = { prisma, clock, zone: config.orgTimezone, client: app.client };

  ig.add({
    name: 'annual',
    usage: 'annual [group]',
    summary: 'request in-person discussion space at the next ALA Annual Conference (conveners)',
    run: async ({ userId, args, triggerId, client }) => {
      await openModal(client, triggerId, views.requestModal(await service.entry(deps, userId, args)));
    },
  });

  admin.add({
    name: 'annual',
    usage: 'annual',
    summary: 'the Annual Conference: its days, when space requests close, and the requests to confirm or decline',
    run: async ({ userId }) => views.queueReply(await service.queue(deps, userId)),
  });

  onAction(app, AnnualIds.requestOpen, logger, async ({ value, userId, body, client }) => {
    await openModal(client, body.trigger_id, views.requestModal(await service.formFor(deps, userId, Number(value))));
  });

  onSubmit(app, AnnualIds.requestModal, logger, async ({ values, view, userId }) => {
    const groupId = metadataId(view.private_metadata, 'groupId');
    const r = await service.submitRequest(deps, userId, groupId, metadataId(view.private_metadata, 'conferenceId'), values);
    return { view: views.requestedModal(r) };
  });

  onAction(app, AnnualIds.settingsOpen, logger, async ({ userId, body, client }) => {
    await openModal(client, body.trigger_id, views.settingsModal(await service.settingsFor(deps, userId)));
  });

  onSubmit(app, AnnualIds.settingsModal, logger, async ({ values, view, userId }) => {
    const id = Number(metadata<{ conferenceId: number }>(view.private_metadata).conferenceId) || null;
    return { view: views.settingsSavedModal(await service.saveSettings(deps, userId, id, values)) };
  });

  onAction(app, AnnualIds.confirmOpen, logger, async ({ value, userId, body, client }) => {
    await openModal(client, body.trigger_id, views.confirmModal(await service.decisionForm(deps, userId, Number(value))));
  });
  onAction(app, AnnualIds.declineOpen, logger, async ({ value, userId, body, client }) => {
    await openModal(client, body.trigger_id, views.declineModal(await service.decisionForm(deps, userId, Number(value))));
  });

  for (const [callbackId, decide] of [
    [AnnualIds.confirmModal, service.confirm],
    [AnnualIds.declineModal, service.decline],
  ] as const) {
    onSubmit(app, callbackId, logger, async ({ values, view, userId, client }) => {
      const d = await decide(deps, userId, metadataId(view.private_metadata, 'requestId'), values);
      return { view: views.decidedModal(d), after: () => service.announce(client, d, views.decisionMessage(d), logger) };
    });
  }
}
