// Slack channels for groups: a free channel name, creating one (with "-2", "-3"… when the name
// is taken), and inviting many people. Feature-free; petitions and group settings use it.
import type { WebClient } from '@slack/web-api';

/** The error code of a failed Web API call (e.g. "name_taken"), or the error's message. */
export function slackError(error: unknown): string {
  return (error as { data?: { error?: string } }).data?.error ?? (error instanceof Error ? error.message : String(error));
}

// Slack channel names: lower case letters, digits, hyphens and underscores, at most 80.
export const CHANNEL_NAME_MAX = 80;

/** The channel name for a group, with "-2", "-3"… when an earlier attempt was taken. */
export function channelName(groupName: string, attempt = 1): string {
  const base =
    groupName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/&/g, ' and ')
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^[-_]+|[-_]+$/g, '') || 'new-group';
  const suffix = attempt > 1 ? `-${attempt}` : '';
  return `${base.slice(0, CHANNEL_NAME_MAX - suffix.length).replace(/[-_]+$/, '')}${suffix}`;
}

export type CreatedChannel = { kind: 'created'; id: string } | { kind: 'failed'; reason: string };

const MAX_NAME_ATTEMPTS = 50;

/** Creates a public channel named after the group: the first free name of "name", "name-2", "name-3"… */
export async function createChannel(client: WebClient, groupName: string): Promise<CreatedChannel> {
  for (let attempt = 1; attempt <= MAX_NAME_ATTEMPTS; attempt++) {
    try {
      const res = await client.conversations.create({ name: channelName(groupName, attempt) });
      return { kind: 'created', id: res.channel!.id! };
    } catch (error) {
      if (slackError(error) !== 'name_taken') return { kind: 'failed', reason: slackError(error) };
    }
  }
  return { kind: 'failed', reason: 'name_taken' };
}

/** Invites in batches (Slack takes up to 1000 per call); a failed batch is retried one by one to find who failed. */
export async function inviteAll(client: WebClient, channel: string, users: string[]): Promise<{ invited: number; failed: string[] }> {
  let invited = 0;
  const failed: string[] = [];
  const inviteOne = async (batch: string[]) => {
    try {
      await client.conversations.invite({ channel, users: batch.join(',') });
      return true;
    } catch (error) {
      return slackError(error) === 'already_in_channel' && batch.length === 1;
    }
  };
  for (let i = 0; i < users.length; i += 1000) {
    const batch = users.slice(i, i + 1000);
    if (await inviteOne(batch)) {
      invited += batch.length;
      continue;
    }
    for (const user of batch) {
      if (await inviteOne([user])) invited++;
      else failed.push(user);
    }
  }
  return { invited, failed };
}
