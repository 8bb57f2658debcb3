// `/ig admin audit <group>` and the timeline's Newer/Older buttons.
import type { FeatureContext } from '../../app-context.js';
import { onAction } from '../../lib/slack/handlers.js';
import { AuditIds } from './ids.js';
import * as service from './service.js';
import * as views from './views.js';

export function register({ app, admin, prisma, config, logger }: FeatureContext): void {
  admin.add({
    name: 'audit',
    usage: 'audit <group>',
    summary: "a group's history: every audited change, newest first",
    run: async ({ userId, args }) => views.timelineReply(await service.timeline(prisma, userId, { query: args }, 1), config.orgTimezone),
  });
  onAction(app, new RegExp(`^${AuditIds.page.replace('.', '\\.')}\\.`), logger, async ({ userId, value }) => {
    const state = JSON.parse(value) as Partial<views.AuditPageState>;
    const data = await service.timeline(prisma, userId, { id: Number(state.g) }, Number(state.p) || 1);
    return { ...views.timelineReply(data, config.orgTimezone), replace: true };
  });
}
