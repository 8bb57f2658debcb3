// What Slack is told about the app (manifests/manifest.json) must match what app.ts
// registers; test/manifest.test.ts holds the two together.

export interface SlashCommandSpec {
  command: string;
  description: string;
  usage_hint: string;
  /** One line for `/ig help` and the App Home: what the command is for. */
  summary: string;
}

export const SLASH_COMMANDS: SlashCommandSpec[] = [
  { command: '/ig', description: 'Interest groups: directory, membership, feedback, invitations, conveners, elections, meetings; help', usage_hint: 'help | list [words] | info | join | leave | feedback | invite | conveners | election | meeting | channel | edit <group>', summary: 'interest groups: the directory, joining, conveners, elections, meetings (`/ig help`)' },
  { command: '/igweek', description: 'IG Week: the schedule, claim a slot for your group, session details, the program', usage_hint: '[year] | program | details | release | help', summary: 'IG Week: the schedule, claiming a slot for your group, session details, the program (`/igweek help`)' },
  { command: '/petition', description: 'Petition for a new interest group or MIG; sign, list and follow petitions', usage_hint: 'ig | mig | list | status <number> | help', summary: 'petition for a new Core interest group or MIG; sign and follow petitions (`/petition help`)' },
  { command: '/igreport', description: 'Quarterly reports: file or revise your group\'s IG Report Form; read filed reports; status for conveners and staff', usage_hint: '[group] | show <group> [quarter] | status [quarter] | due <quarter> <date> | help', summary: 'file or revise your group\'s quarterly report; read a filed report and its versions; report status (`/igreport help`)' },
];

/** message.channels / message.groups: a group channel's messages count as its activity (count and date only, never content). */
export const BOT_EVENTS = ['app_home_opened', 'message.channels', 'message.groups'] as const;

/** Bot scopes, each for the Web API methods that need it. */
export const BOT_SCOPES: Record<string, string> = {
  commands: 'slash commands',
  'chat:write': 'chat.postMessage, chat.postEphemeral, chat.update',
  'chat:write.public': 'post to public channels without joining',
  'channels:join': 'conversations.join (to invite members to a group channel)',
  'channels:manage': 'conversations.create, conversations.invite, conversations.kick, conversations.archive, conversations.unarchive (public)',
  'channels:read': 'conversations.info (public)',
  'channels:history': 'message.channels events: messages in group channels counted as activity (count and date only)',
  'groups:history': 'message.groups events: messages in private group channels counted as activity (count and date only)',
  'groups:write': 'conversations.invite, conversations.kick, conversations.archive, conversations.unarchive (private)',
  'groups:read': 'conversations.info (private)',
  'im:write': 'conversations.open (direct messages)',
  'users:read': 'users.info',
  'users:read.email': 'users.info email, users.lookupByEmail',
};
