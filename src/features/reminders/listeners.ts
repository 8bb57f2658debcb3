// `/ig admin reminders [pause|resume <rule>]`: staff see the next 30 days of nudges and
// pause or resume rules. The engine itself runs from the scheduler (scheduler.ts), not from here.
import type { FeatureContext } from '../../app-context.js';
import { UserError } from '../../lib/slack/errors.js';
import { CommandRouter } from '../../lib/slack/router.js';
import { requireRole } from '../admin/service.js';
import { allRules } from './registry.js';
import * as service from './service.js';
import * as views from './views.js';

export function register({ admin, prisma, config, clock }: FeatureContext): void {
  admin.add({
    name: 'reminders',
    usage: 'reminders [pause|resume <rule>]',
    summary: 'nudges of the next 30 days and rule states; pause or resume a rule',
    run: async ({ userId, args }) => {
      const rules = allRules();
      const { name, args: rest } = CommandRouter.split(args);
      if (name === '' || name === 'list') {
        await requireRole(prisma, userId, 'STAFF', 'see the reminders');
        return views.remindersReply(await service.overview(prisma, rules, config.orgTimezone, clock()));
      }
      if (name === 'pause' || name === 'resume') {
        const paused = name === 'pause';
        const r = await service.setRulePaused(prisma, userId, rules, rest, paused, clock());
        return views.ruleStateReply(r.ruleId, paused, r.changed);
      }
      throw new UserError('Usage: `/ig admin reminders`, `/ig admin reminders pause <rule>` or `/ig admin reminders resume <rule>`.');
    },
  });
}
