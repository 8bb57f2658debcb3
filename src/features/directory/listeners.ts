// `/ig list|info|join|leave` and the directory's buttons.
import type { FeatureContext } from '../../app-context.js';
import { onAction } from '../../lib/slack/handlers.js';
import { DirectoryIds } from './ids.js';
import * as service from './service.js';
import * as views from './views.js';

function groupId(value: string): { id: number } {
  return { id: Number.parseInt(value, 10) };
}

export function register({ app, ig, prisma, clock, config, logger, refreshHome }: FeatureContext): void {
  const deps: service.DirectoryDeps = { prisma, clock, orgTimezone: config.orgTimezone };

  ig.add({
    name: 'list',
    usage: 'list [words]',
    summary: 'search the directory of groups by name and description',
    run: async ({ args }) => views.listReply(await service.listGroups(prisma, args, 1)),
  });
  ig.add({
    name: 'info',
    usage: 'info <group>',
    summary: "a group's purpose, kind, level, conveners, liaison, channel and members",
    run: async ({ args, userId }) => views.infoReply(await service.groupInfo(deps, { query: args }, userId)),
  });
  ig.add({
    name: 'join',
    usage: 'join <group>',
    summary: "join a group (and its channel) if you're eligible",
    run: async ({ args, userId, client }) => {
      const r = await service.join(deps, client, userId, { query: args });
      void refreshHome([userId]);
      return views.joinedReply(r.group, r.channel);
    },
  });
  ig.add({
    name: 'leave',
    usage: 'leave <group>',
    summary: 'leave a group (and its channel)',
    run: async ({ args, userId, client }) => {
      const r = await service.leave(deps, client, userId, { query: args });
      void refreshHome([userId]);
      return views.leftReply(r.group, r.channel);
    },
  });

  onAction(app, new RegExp(`^${DirectoryIds.page.replace('.', '\\.')}\\.`), logger, async ({ value }) => {
    const state = JSON.parse(value) as views.PageState;
    return { ...views.listReply(await service.listGroups(prisma, state.q, state.p)), replace: true };
  });
  onAction(app, DirectoryIds.info, logger, async ({ value, userId }) => views.infoReply(await service.groupInfo(deps, groupId(value), userId)));
  onAction(app, DirectoryIds.join, logger, async ({ value, userId, client }) => {
    const r = await service.join(deps, client, userId, groupId(value));
    void refreshHome([userId]);
    return { ...views.joinedReply(r.group, r.channel), replace: true };
  });
  onAction(app, DirectoryIds.leave, logger, async ({ value, userId, client }) => {
    const r = await service.leave(deps, client, userId, groupId(value));
    void refreshHome([userId]);
    return { ...views.leftReply(r.group, r.channel), replace: true };
  });
}
