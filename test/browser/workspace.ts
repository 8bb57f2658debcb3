// The local workspace exactly as `npm start` runs it without Slack tokens (startLocalWorkspace: the
// emulator, the page and the real Bolt app), on a test database and a throwaway DATA_DIR.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { startLocalWorkspace } from '../../src/workspace/workspace.js';
import { openTestDatabase } from '../support/harness.js';

export interface BrowserWorkspace {
  /** The page's address. */
  url: string;
  /** The year of the next IG Week whose slot selection (January 15) is still ahead of the workspace clock. */
  igWeekYear: number;
  close(): Promise<void>;
}

export async function startBrowserWorkspace(): Promise<BrowserWorkspace> {
  const dataDir = await mkdtemp(join(tmpdir(), 'convene-workspace-'));
  const { db, dispose } = await openTestDatabase();
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'error' });
  const running = await startLocalWorkspace({ config, db });
  const now = running.workspace.now();
  // January 15 noon of next year is always ahead; this year's only before it.
  const thisYear = now.getUTCFullYear();
  const igWeekYear = now < new Date(`${thisYear}-01-14T00:00:00Z`) ? thisYear : thisYear + 1;
  return {
    url: `http://127.0.0.1:${running.port}/`,
    igWeekYear,
    async close() {
      await running.close();
      await dispose();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
