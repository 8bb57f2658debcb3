// `/ig conveners`, `/ig meeting`, and their buttons and modals.
import type { FeatureContext } from '../../app-context.js';
import { onAction, onSubmit, openModal } from '../../lib/slack/handlers.js';
import { UserError } from '../../lib/slack/errors.js';
import { mentionUser } from '../../lib/slack/text.js';
import { metadata, metadataId } from '../../lib/slack/modal.js';
import { ConvenerIds } from './ids.js';
import * as service from './service.js';
import * as views from './views.js';

export function register({ app, ig, prisma, clock, config, logger, refreshHome }: FeatureContext): void {
  const deps: service.ConvenerDeps = { prisma, clock, zone: config.orgTimezone, client: app.client };

  ig.add({
    name: 'conveners',
    usage: 'conveners <group>',
    summary: "a group's current and incoming conveners (conveners and staff add incoming ones)",
    run: async ({ args, userId }) => {
      const group = await service.groupFromArgs(deps, userId, args);
      if (!group) throw new UserError('Name the group, e.g. `/ig conveners data and measurement`.');
      return views.convenersReply(await service.listConveners(deps, { id: group.id }, userId));
    },
  });

  onAction(app, ConvenerIds.add, logger, async ({ value, userId, body, client }) => {
    const { group, term } = await service.prepareAdd(deps, userId, Number(value));
    await openModal(client, body.trigger_id, views.addModal(group, term));
  });

  onSubmit(app, ConvenerIds.addModal, logger, async ({ values, view, userId, client }) => {
    const r = await service.addConvener(deps, client, userId, metadataId(view.private_metadata, 'groupId'), values);
    return {
      view: views.convenerAddedModal(r.group, r.slackUserId, r.term),
      after: async () => {
        await service.tellStaff(prisma, client, views.incomingReport(r.group, [r], `added by ${mentionUser(userId)}`), logger);
        await refreshHome([userId, r.slackUserId], { groupId: r.group.id, staff: true });
      },
    };
  });

  ig.add({
    name: 'meeting',
    usage: 'meeting [group]',
    summary: 'record a business meeting of a group you convene (January virtual, June virtual or in person)',
    run: async ({ args, userId, triggerId, client }) => {
      if (args.trim()) return openMeeting(userId, (await service.groupFromArgs(deps, userId, args))!.id, triggerId, client);
      const groups = await service.groupsToManage(deps, userId);
      if (groups.length === 0) throw new UserError("Only a group's conveners (and staff) record its business meetings, and you don't convene a group.");
      await openModal(client, triggerId, views.meetingModal(groups, groups.length === 1 ? groups[0] : undefined, service.today(deps)));
    },
  });

  async function openMeeting(userId: string, groupId: number, triggerId: string, client: Parameters<typeof openModal>[0]) {
    const group = await service.activeGroup(deps, groupId);
    await service.requireConvenerOrStaff(deps, userId, group, 'record its business meetings');
    await openModal(client, triggerId, views.meetingModal([group], group, service.today(deps)));
  }

  onAction(app, ConvenerIds.meetingOpen, logger, async ({ value, userId, body, client }) => {
    await openMeeting(userId, Number(value), body.trigger_id, client);
  });

  onSubmit(app, ConvenerIds.meetingModal, logger, async ({ values, view, userId, client }) => {
    const { groupId } = metadata<{ groupId: number }>(view.private_metadata);
    const { group, meeting } = await service.recordMeeting(deps, userId, groupId ? Number(groupId) : undefined, values);
    return {
      view: views.meetingRecordedModal(group, meeting),
      after: async () => {
        void refreshHome([userId], { groupId: group.id });
        if (group.channelId) await client.chat.postMessage({ channel: group.channelId, ...views.meetingPost(group, meeting, userId) } as never);
      },
    };
  });
}
