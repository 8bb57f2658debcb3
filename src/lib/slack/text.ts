// Text helpers for Slack mrkdwn.

/** Escapes user text so it can't ping @channel, link or mention anything in mrkdwn. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts text to a Slack limit, marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function mentionUser(userId: string): string {
  return `<@${userId}>`;
}

export function mentionChannel(channelId: string): string {
  return `<#${channelId}>`;
}

/** Reads a user mention as Slack sends it in command text (`<@U123>` or `<@U123|name>`). */
export function parseUserMention(token: string): string | undefined {
  return /^<@([UW][A-Z0-9]+)(\|[^>]*)?>$/.exec(token.trim())?.[1];
}

/** Reads a channel mention as Slack sends it in command text (`<#C123|name>` or `<#C123>`). */
export function parseChannelMention(token: string): string | undefined {
  return /^<#([CG][A-Z0-9]+)(\|[^>]*)?>$/.exec(token.trim())?.[1];
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
