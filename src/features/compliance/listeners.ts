// `/ig admin compliance [needs-attention]`, the App Home's button and the view's filter and pages.
import type { FeatureContext } from '../../app-context.js';
import { onAction } from '../../lib/slack/handlers.js';
import { ComplianceIds } from './ids.js';
import * as service from './service.js';
import * as views from './views.js';

export function register({ app, admin, prisma, clock, config, logger }: FeatureContext): void {
  const deps: service.ComplianceDeps = { prisma, clock, zone: config.orgTimezone };
  const render = async (userId: string, attention: boolean, page: number) => views.complianceReply(await service.complianceView(deps, userId, { attention, page }));
  admin.add({
    name: 'compliance',
    usage: 'compliance [needs-attention]',
    summary: 'every active group: conveners, activity, reports, charter, dissolution risk',
    run: async ({ userId, args }) => render(userId, /^needs[- ]?attention$|^attention$/i.test(args.trim()), 1),
  });
  onAction(app, ComplianceIds.open, logger, async ({ userId }) => render(userId, false, 1));
  onAction(app, new RegExp(`^(${ComplianceIds.filter.replace('.', '\\.')}|${ComplianceIds.page.replace('.', '\\.')}\\..+)$`), logger, async ({ userId, value }) => {
    const s = JSON.parse(value) as Partial<views.CompliancePageState>;
    return { ...(await render(userId, s.a === 1, Number(s.p) || 1)), replace: true };
  });
}
