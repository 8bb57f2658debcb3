// The App Home tab: "my groups" and the command list.
import type { FeatureContext } from '../../app-context.js';
import { KIND_LABELS } from '../directory/rules.js';
import { myGroups } from '../directory/service.js';
import { isStaff } from '../admin/service.js';
import { homeView } from './views.js';

export function register({ app, ig, prisma, clock, config }: FeatureContext): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const [groups, staff] = await Promise.all([
      myGroups({ prisma, clock, orgTimezone: config.orgTimezone }, event.user),
      isStaff(prisma, event.user),
    ]);
    const view = homeView(
      { groups: groups.map((g) => ({ name: g.group.name, kind: KIND_LABELS[g.group.kind], convener: g.convener })), staff },
      ig.list(staff),
    );
    await client.views.publish({ user_id: event.user, view });
  });
}
