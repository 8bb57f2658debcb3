// Builds Slack app manifests from src/surface.ts. `npm run manifest` writes them to
// manifests/; a test fails when the committed files drift from what this builds.
import { BOT_EVENTS, BOT_SCOPES, SLASH_COMMANDS } from './surface.js';

export const PLACEHOLDER_URL = 'https://convene.example.org/slack/events';

const LONG_DESCRIPTION =
  'Convene runs the whole life of an association\'s member interest groups in Slack: a searchable directory of Core interest groups, PLA interest groups and membership initiative groups; joining and leaving with each kind\'s eligibility; petitions with e-signatures and committee approval; convener terms, elections and quarterly reports; IG Week slot claiming; and deadline nudges that arrive on time, once.';

export function buildManifest(mode: 'http' | 'socket'): Record<string, unknown> {
  const url = mode === 'http' ? { url: PLACEHOLDER_URL } : {};
  const requestUrl = mode === 'http' ? { request_url: PLACEHOLDER_URL } : {};
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: 'Convene',
      description: 'Member interest groups: directory, petitions, conveners, IG Week and nudges.',
      background_color: '#1d4e89',
      long_description: LONG_DESCRIPTION,
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: true },
      bot_user: { display_name: 'Convene', always_online: true },
      slash_commands: SLASH_COMMANDS.map((c) => ({ command: c.command, ...url, description: c.description, usage_hint: c.usage_hint, should_escape: true })),
    },
    oauth_config: { scopes: { bot: Object.keys(BOT_SCOPES).sort() } },
    settings: {
      event_subscriptions: { ...requestUrl, bot_events: [...BOT_EVENTS].sort() },
      interactivity: { is_enabled: true, ...requestUrl },
      org_deploy_enabled: false,
      socket_mode_enabled: mode === 'socket',
      token_rotation_enabled: false,
    },
  };
}

export const MANIFEST_FILES = { http: 'manifests/manifest.json', socket: 'manifests/manifest.socket.json' } as const;
