// The App Home tab: published when someone opens it, and again (refreshHome) when something
// on it changes.
import type { WebClient } from '@slack/web-api';
import type { FeatureContext } from '../../app-context.js';
import { SLASH_COMMANDS } from '../../surface.js';
import { isStaff } from '../admin/service.js';
import { homeData, type HomeDeps, homeOpened, homeRefresher, type RefreshHome } from './service.js';
import { homeView } from './views.js';

type HomeContext = Pick<FeatureContext, 'app' | 'ig' | 'prisma' | 'clock' | 'config' | 'logger'>;

function renderer({ ig, prisma, clock, config }: HomeContext) {
  const deps: HomeDeps = { prisma, clock, zone: config.orgTimezone };
  const others = SLASH_COMMANDS.filter((c) => c.command !== '/ig');
  return async (userId: string, client?: WebClient) => {
    const data = await homeData(deps, userId, client);
    return homeView({ ...data, commands: { ig: ig.list(await isStaff(prisma, userId)), others } });
  };
}

/** The refreshHome features call after their writes (see FeatureContext.refreshHome). */
export function refresher(ctx: HomeContext): RefreshHome {
  const render = renderer(ctx);
  return homeRefresher({ prisma: ctx.prisma, clock: ctx.clock, zone: ctx.config.orgTimezone, client: ctx.app.client, logger: ctx.logger }, (userId) => render(userId));
}

export function register(ctx: FeatureContext): void {
  const render = renderer(ctx);
  const deps: HomeDeps = { prisma: ctx.prisma, clock: ctx.clock, zone: ctx.config.orgTimezone };
  ctx.app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await homeOpened(deps, event.user);
    await client.views.publish({ user_id: event.user, view: (await render(event.user, client)) as never });
  });
}
