// What every feature's register() receives. Kept apart from app.ts so features don't import the app builder.
import type { App, Logger } from '@slack/bolt';
import type { Config } from './config.js';
import type { PrismaClient } from './generated/prisma/client.js';
import type { Clock } from './lib/time.js';
import type { CommandRouter } from './lib/slack/router.js';
import type { RefreshHome } from './features/home/service.js';

export interface FeatureContext {
  app: App;
  prisma: PrismaClient;
  config: Config;
  clock: Clock;
  logger: Logger;
  /** `/ig <subcommand>` */
  ig: CommandRouter;
  /** `/ig admin <subcommand>` (staff only) */
  admin: CommandRouter;
  /**
   * Publishes the App Home again for these people (and, with options, a group's conveners and
   * members, or every staff member) after a write that changes what it shows. Call it after
   * the ack, without awaiting it (`void refreshHome(...)`) or in a submission's `after`; it
   * never throws (failures are logged).
   */
  refreshHome: RefreshHome;
}
