// `/ig channel`, `/ig edit`, the "Edit" button of `/ig info` and the edit modal.
import type { FeatureContext } from '../../app-context.js';
import { onAction, onSubmit, openModal } from '../../lib/slack/handlers.js';
import { UserError } from '../../lib/slack/errors.js';
import { metadataId } from '../../lib/slack/modal.js';
import type { ConvenerDeps } from '../conveners/service.js';
import { GroupIds } from './ids.js';
import * as service from './service.js';
import * as views from './views.js';

export function register({ app, ig, prisma, clock, config, logger }: FeatureContext): void {
  const deps: ConvenerDeps = { prisma, clock, zone: config.orgTimezone, client: app.client };

  ig.add({
    name: 'channel',
    usage: 'channel <group> #channel|create',
    summary: "give a group its Slack channel: link one (I join it) or create one (staff and the group's conveners)",
    run: async ({ args, userId, client }) => views.channelSetReply(await service.setGroupChannel(deps, client, userId, args)),
  });

  ig.add({
    name: 'edit',
    usage: 'edit <group>',
    summary: "edit a group's description, staff liaison and level",
    staffOnly: true,
    run: async ({ args, userId, triggerId, client }) => {
      if (!args.trim()) throw new UserError('Name the group, e.g. `/ig edit data and measurement`.');
      await openModal(client, triggerId, views.editModal(await service.prepareEdit(deps, userId, { query: args })));
    },
  });

  onAction(app, GroupIds.edit, logger, async ({ value, userId, body, client }) => {
    await openModal(client, body.trigger_id, views.editModal(await service.prepareEdit(deps, userId, { id: Number(value) })));
  });

  onSubmit(app, GroupIds.editModal, logger, async ({ values, view, userId }) => ({
    view: views.editedModal(await service.saveEdit(deps, userId, metadataId(view.private_metadata, 'groupId'), values)),
  }));
}
