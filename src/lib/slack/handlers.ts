// Listener wrappers: ack at once, do the work, answer the one person (ephemerally, or in
// the modal), and turn failures into a clear reply instead of silence.
import type { AllMiddlewareArgs, App, BlockAction, Logger, SlackActionMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Reply } from './blocks.js';
import { errorReply, FieldErrors } from './errors.js';
import { doneModal, formValues, type Modal, plainText } from './modal.js';

export type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

export interface ActionReply extends Reply {
  /** Replace the message the button was on (pagination, undo) instead of adding a new one. */
  replace?: boolean;
}

/**
 * Listeners by id, behind one Bolt listener per kind. Bolt tries every listener it has on every
 * request (a chain of promises each); with a hundred buttons and forms that cost more than the
 * rest of an ack, so onAction and onSubmit look the id up here instead.
 */
class ListenerTable<A> {
  private readonly byId = new Map<string, ((args: A) => Promise<void>)[]>();
  private readonly patterns: [RegExp, (args: A) => Promise<void>][] = [];

  add(id: string | RegExp, listener: (args: A) => Promise<void>): void {
    if (typeof id !== 'string') this.patterns.push([id, listener]);
    else this.byId.set(id, [...(this.byId.get(id) ?? []), listener]);
  }

  /** Every listener for `id`, as Bolt would have run them (all that match, at once); `unknown` when none does. */
  async dispatch(id: string, args: A, unknown?: (args: A) => Promise<void>): Promise<void> {
    const matching = [...(this.byId.get(id) ?? []), ...this.patterns.filter(([re]) => re.test(id)).map(([, l]) => l)];
    if (matching.length === 0 && unknown) return unknown(args);
    await Promise.all(matching.map((listener) => listener(args)));
  }
}

type ActionListenerArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;
type SubmitListenerArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** The app's table of one kind, made (and its one Bolt listener registered) on first use. */
function tableOf<A>(tables: WeakMap<App, ListenerTable<A>>, app: App, register: (table: ListenerTable<A>) => void): ListenerTable<A> {
  let table = tables.get(app);
  if (!table) {
    tables.set(app, (table = new ListenerTable<A>()));
    register(table);
  }
  return table;
}

const actionTables = new WeakMap<App, ListenerTable<ActionListenerArgs>>();
const submitTables = new WeakMap<App, ListenerTable<SubmitListenerArgs>>();
// A click nothing listens for (a button from an older version's message, a menu in a modal that is
// read on submit) is still acked: Slack shows the person a warning when it is not.
const ackOnly = async (args: ActionListenerArgs) => {
  await args.ack();
  args.logger.debug(`No listener for action ${args.action.action_id}; acked.`);
};
const actionTable = (app: App) => tableOf(actionTables, app, (t) => app.action<BlockAction>({ type: 'block_actions' }, (args) => t.dispatch(args.action.action_id, args, ackOnly)));
const submitTable = (app: App) => tableOf(submitTables, app, (t) => app.view<ViewSubmitAction>({ type: 'view_submission' }, (args) => t.dispatch(args.view.callback_id, args)));

export function onAction(
  app: App,
  actionId: string | RegExp,
  logger: Logger,
  handler: (args: ActionArgs & { value: string; userId: string }) => Promise<ActionReply | void>,
): void {
  actionTable(app).add(actionId, async (args) => {
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
    try {
      await answer(args, reply);
    } catch (error) {
      // Slack refused the answer (invalid blocks, an expired response_url, an outage): the work may
      // well be done, so say that the answer was lost rather than leave the person with nothing.
      logger.error(error);
      await answer(args, { text: undeliveredText(error) }).catch((again: unknown) => logger.error(again));
    }
  });
}

async function answer(args: ActionArgs, reply: ActionReply): Promise<void> {
  const { replace, ...message } = reply;
  if (args.body.response_url) {
    await args.respond({ response_type: 'ephemeral', replace_original: Boolean(replace), ...message });
  } else if (args.body.channel?.id) {
    await args.client.chat.postEphemeral({ channel: args.body.channel.id, user: args.body.user.id, ...message });
  } else {
    // From the App Home or a modal: a direct message is the only place left to answer.
    await args.client.chat.postMessage({ channel: args.body.user.id, ...message });
  }
}

/** What someone reads when Slack would not show them the app's answer to their click. */
export function undeliveredText(error: unknown): string {
  const data = (error as { data?: { error?: unknown } }).data;
  const reason = typeof data?.error === 'string' ? ` (Slack said \`${data.error}\`)` : '';
  return `:warning: Slack would not show my answer to that${reason}. What you asked may have been done: run the command again to see where things stand. If this keeps happening, tell staff (details are in the app log).`;
}

// Modal submissions: answer field errors on the field, a refusal in the modal itself, or the
// confirmation view; then do the slow work (posting) after the ack.

export interface Submitted {
  /** The view the modal turns into; none closes it. */
  view?: Modal;
  /** A view pushed on top of this one instead (e.g. "are you sure?"). */
  push?: Modal;
  /** Close the whole modal stack. */
  clear?: boolean;
  /** Work after the ack (channel posts, DMs); failures are logged. */
  after?: () => Promise<unknown>;
}

export type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> &
  AllMiddlewareArgs & { values: Record<string, string | string[] | undefined>; userId: string };

export interface SubmitOptions {
  /** Show a refusal (UserError or fault) as an error on this block, keeping the form, instead of a "Not done" view. */
  refusalBlock?: string;
}

export function onSubmit(
  app: App,
  callbackId: string,
  logger: Logger,
  handler: (args: SubmitArgs) => Promise<Submitted>,
  opts: SubmitOptions = {},
): void {
  submitTable(app).add(callbackId, async (args) => {
    let result: Submitted;
    try {
      result = await handler({ ...args, values: formValues(args.view.state.values), userId: args.body.user.id });
    } catch (error) {
      if (error instanceof FieldErrors) {
        const errors = Object.fromEntries(Object.entries(error.errors).map(([block, message]) => [block, plainText(message)]));
        await args.ack({ response_action: 'errors', errors });
        return;
      }
      const message = errorReply(error, logger).text;
      if (opts.refusalBlock) await args.ack({ response_action: 'errors', errors: { [opts.refusalBlock]: plainText(message) } });
      else await args.ack({ response_action: 'update', view: doneModal('Not done', message) as never });
      return;
    }
    if (result.push) await args.ack({ response_action: 'push', view: result.push as never });
    else if (result.clear) await args.ack({ response_action: 'clear' });
    else await args.ack(result.view ? { response_action: 'update', view: result.view as never } : undefined);
    if (result.after) await result.after().catch((error: unknown) => logger.error(error));
  });
}

export async function openModal(client: WebClient, triggerId: string, view: Modal): Promise<void> {
  await client.views.open({ trigger_id: triggerId, view: view as never });
}

export type { Logger };
