// Listener wrappers: ack at once, do the work, answer the one person ephemerally,
// and turn failures into a clear reply instead of silence.
import type { AllMiddlewareArgs, App, BlockAction, Logger, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Reply } from './blocks.js';
import { errorReply } from './errors.js';

export type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

export interface ActionReply extends Reply {
  /** Replace the message the button was on (pagination, undo) instead of adding a new one. */
  replace?: boolean;
}

export function onAction(
  app: App,
  actionId: string | RegExp,
  logger: Logger,
  handler: (args: ActionArgs & { value: string; userId: string }) => Promise<ActionReply | void>,
): void {
  app.action<BlockAction>({ type: 'block_actions', action_id: actionId }, async (args) => {
    await args.ack();
    const action = args.action as { value?: string; selected_option?: { value: string } };
    const value = action.value ?? action.selected_option?.value ?? '';
    let reply: ActionReply | void;
    try {
      reply = await handler({ ...args, value, userId: args.body.user.id });
    } catch (error) {
      reply = errorReply(error, logger);
    }
    if (!reply) return;
    const { replace, ...message } = reply;
    if (args.body.response_url) {
      await args.respond({ response_type: 'ephemeral', replace_original: Boolean(replace), ...message });
    } else if (args.body.channel?.id) {
      await args.client.chat.postEphemeral({ channel: args.body.channel.id, user: args.body.user.id, ...message });
    } else {
      // From the App Home or a modal: a direct message is the only place left to answer.
      await args.client.chat.postMessage({ channel: args.body.user.id, ...message });
    }
  });
}

export type { Logger };
