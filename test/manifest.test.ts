// The manifest Slack is given must list exactly what the app handles, and be valid by
// Slack's published manifest schema (checked against the copy in ../shared).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildManifest, MANIFEST_FILES } from '../src/manifest.js';
import { BOT_EVENTS, BOT_SCOPES, SLASH_COMMANDS } from '../src/surface.js';
import { type Harness, startHarness } from './support/harness.js';

const root = resolve(import.meta.dirname, '..');
const schemaPath = resolve(root, '../shared/slack-manifest-schema/manifest.schema.1.0.0.json');

function committed(mode: 'http' | 'socket') {
  return JSON.parse(readFileSync(resolve(root, MANIFEST_FILES[mode]), 'utf8')) as {
    features: { slash_commands: { command: string; should_escape: boolean }[]; app_home: { home_tab_enabled: boolean } };
    oauth_config: { scopes: { bot: string[] } };
    settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
  };
}

describe('manifests/', () => {
  it.each(['http', 'socket'] as const)('%s manifest is what src/surface.ts builds (run `npm run manifest` after changing it)', (mode) => {
    expect(committed(mode)).toEqual(buildManifest(mode));
  });

  // The schema copy lives beside the checkout (../shared), as in CI; CI must have it.
  const haveSchema = existsSync(schemaPath) || Boolean(process.env.CI);
  it.skipIf(!haveSchema).each(['http', 'socket'] as const)('%s manifest validates against Slack\'s manifest schema', (mode) => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    // ajv-formats is CommonJS: its function is the default export's `default`.
    (formats as unknown as { default: (a: Ajv) => void }).default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
    expect(validate(committed(mode)), JSON.stringify(validate.errors)).toBe(true);
    // The schema does catch mistakes: a manifest without its display name fails.
    const broken = structuredClone(committed(mode)) as Record<string, unknown>;
    delete (broken.display_information as Record<string, unknown>).name;
    expect(validate(broken)).toBe(false);
  });

  it('declares App Home, interactivity, events, scopes and escaped slash commands', () => {
    const m = committed('http');
    expect(m.features.app_home.home_tab_enabled).toBe(true);
    expect(m.settings.interactivity.is_enabled).toBe(true);
    expect(m.settings.event_subscriptions.bot_events).toEqual([...BOT_EVENTS].sort());
    expect(m.oauth_config.scopes.bot).toEqual(Object.keys(BOT_SCOPES).sort());
    expect(m.features.slash_commands.every((c) => c.should_escape)).toBe(true);
    expect(committed('socket').settings.socket_mode_enabled).toBe(true);
  });
});

describe('the app handles everything the manifest declares', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  it.each(SLASH_COMMANDS.map((c) => c.command))('%s is registered (acked in time, not 404)', async (command) => {
    const res = await h.driver.command('UANY', command, 'help');
    expect(res.status).toBe(200);
  });

  it('handles every declared event', async () => {
    for (const type of BOT_EVENTS) {
      const res = await h.driver.event({ type, user: 'UANY', tab: 'home', channel: 'D1' }, { eventId: `Ev-${type}` });
      expect(res.status).toBe(200);
    }
    await h.fake.waitFor('views.publish');
  });

  it('an undeclared command is not handled (the check above can fail)', async () => {
    const started = Date.now();
    const res = await h.driver.command('UANY', '/not-ours', '');
    expect(res.status).toBe(404);
    expect(Date.now() - started).toBeGreaterThan(2500);
  });
});
