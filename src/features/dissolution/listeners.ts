// `/ig admin reinstate <group>` and its confirmation buttons.
import type { WebClient } from '@slack/web-api';
import type { FeatureContext } from '../../app-context.js';
import { onAction } from '../../lib/slack/handlers.js';
import { DissolutionIds } from './ids.js';
import * as service from './service.js';
import * as views from './views.js';

export function register({ app, admin, prisma, clock, config, logger, refreshHome }: FeatureContext): void {
  const deps = (client: WebClient): service.DissolutionDeps => ({ prisma, client, zone: config.orgTimezone, clock, logger });

  admin.add({
    name: 'reinstate',
    usage: 'reinstate <group>',
    summary: 'restore a dissolved group as it was (within 90 days of its dissolution)',
    run: async ({ userId, args, client }) => service.reinstatePrompt(deps(client), userId, args),
  });

  onAction(app, DissolutionIds.confirmReinstate, logger, async ({ userId, value, client }) => {
    const r = await service.reinstateGroup(deps(client), userId, value);
    void refreshHome([userId], { groupId: r.group.id });
    return { ...views.reinstatedReply(r.group, r.channel), replace: true };
  });
  onAction(app, DissolutionIds.cancelReinstate, logger, async () => ({ ...views.keptDissolvedReply(), replace: true }));
}
