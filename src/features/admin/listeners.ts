// `/ig admin …`: staff-only administration. Other features add their own admin
// subcommands to the same router (e.g. `/ig admin reminders`).
import type { FeatureContext } from '../../app-context.js';
import { CommandRouter } from '../../lib/slack/router.js';
import { UserError } from '../../lib/slack/errors.js';
import { ROLE_CHOICES } from './rules.js';
import * as service from './service.js';
import * as views from './views.js';

export function register({ ig, admin, prisma }: FeatureContext): void {
  admin.add({
    name: 'grant',
    usage: `grant ${ROLE_CHOICES} @person`,
    summary: 'give someone a role',
    run: async ({ userId, args }) => {
      const r = await service.grantRole(prisma, userId, args);
      return views.roleChangeReply('granted', r.role, r.changed, r.unchanged);
    },
  });
  admin.add({
    name: 'revoke',
    usage: `revoke ${ROLE_CHOICES} @person`,
    summary: 'take a role away',
    run: async ({ userId, args }) => {
      const r = await service.revokeRole(prisma, userId, args);
      return views.roleChangeReply('revoked', r.role, r.changed, r.unchanged);
    },
  });
  admin.add({
    name: 'channel',
    usage: 'channel petitions|staff|announcements|conveners #channel',
    summary: 'choose where the app posts (or `none` to clear)',
    run: async ({ userId, args }) => {
      const r = await service.setAppChannel(prisma, userId, args);
      return views.channelSetReply(r.which, r.channelId);
    },
  });

  admin.add({
    name: 'lifecycle',
    usage: 'lifecycle [core-ig] [pla-ig] [mig] | default',
    summary: 'show, or choose, which kinds of group renew a charter and dissolve',
    run: async ({ userId, args }) => {
      const r = await service.setLifecycleKinds(prisma, userId, args);
      return views.lifecycleReply(r.kinds, r.changed);
    },
  });

  ig.add({
    name: 'admin',
    usage: 'admin',
    summary: 'roles, channels and other staff tools',
    staffOnly: true,
    run: async (ctx) => {
      await service.requireRole(prisma, ctx.userId, 'STAFF', 'use `/ig admin`');
      const { name, args } = CommandRouter.split(ctx.args);
      if (name === '' || name === 'help') {
        return views.overviewReply(await service.overview(prisma), admin.list(true));
      }
      const sub = admin.find(name);
      if (!sub) throw new UserError(`\`/ig admin ${name}\` isn't a command. Try \`/ig admin\` for the list.`);
      return sub.run({ ...ctx, args });
    },
  });
}
