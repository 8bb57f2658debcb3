// Help through signed slash commands: `/ig help` lists every command of the app, and each
// command's own help has its own text.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SLASH_COMMANDS } from '../../src/surface.js';
import { type Harness, startHarness } from '../support/harness.js';
import { slash } from './conveners-support.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ adminUserIds: ['UADMIN'] });
});
afterAll(() => h?.close());
beforeEach(() => h.fake.reset());

describe('/ig help', () => {
  it('lists every slash command of the app with a one-line summary', async () => {
    const help = await slash(h, 'UMEMBER', '/ig', 'help');
    expect(help.text).toContain('*Other commands*');
    expect(help.text).toContain('`/petition` — petition for a new Core interest group or MIG');
    expect(help.text).toContain('`/igweek` — IG Week: the schedule, claiming a slot');
    expect(help.text).toContain("`/igreport` — file or revise your group's quarterly report");
    for (const c of SLASH_COMMANDS.filter((x) => x.command !== '/ig')) expect(help.text).toContain(`\`${c.command}\` — ${c.summary}`);
    expect(help.text).toContain('`/ig channel <group> #channel|create`');
    // The staff-only commands stay hidden from members.
    expect(help.text).not.toContain('/ig edit');
    expect(help.text).not.toContain('/ig admin');
  });

  it('shows staff their commands too', async () => {
    const help = await slash(h, 'UADMIN', '/ig', 'help');
    expect(help.text).toContain('`/ig edit <group>`');
    expect(help.text).toContain('`/ig admin`');
  });
});

describe("each command's own help", () => {
  it('has its own text, not the /ig introduction', async () => {
    const ig = (await slash(h, 'UMEMBER', '/ig', 'help')).text;
    const igweek = (await slash(h, 'UMEMBER', '/igweek', 'help')).text;
    const petition = (await slash(h, 'UMEMBER', '/petition', 'help')).text;
    const igreport = (await slash(h, 'UMEMBER', '/igreport', 'help')).text;
    const admin = (await slash(h, 'UADMIN', '/ig', 'admin help')).text;
    expect(ig).toContain('*Convene* runs our interest groups in Slack');
    expect(igweek).toContain('*IG Week* is a week of one-hour online sessions each March');
    expect(igweek).toContain('`/igweek program [year]`');
    expect(petition).toContain('*Petitions* ask for a new group');
    expect(igreport).toContain('*Quarterly reports* are due');
    expect(admin).toContain('Convene administration');
    expect(admin).toContain('`/ig admin grant staff|igcc|coo|programming|ce|board @person`');
    for (const text of [igweek, petition, igreport, admin]) {
      expect(text).not.toContain('*Convene* runs our interest groups in Slack');
      expect(text).not.toContain('*Other commands*');
    }
  });
});
