// Modal listeners shared by the conveners, elections and reports features: open a modal
// straight from a trigger, and answer a submission with field errors, a refusal or the
// confirmation view, then do the slow work (posting) after the ack.
import type { AllMiddlewareArgs, App, Logger, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { errorReply, FieldErrors } from '../../lib/slack/errors.js';
import { doneModal, formValues, type Modal, plainText } from './form.js';

export interface Submitted {
  /** The view the modal turns into; none closes it. */
  view?: Modal;
  /** Work after the ack (channel posts, DMs); failures are logged. */
  after?: () => Promise<unknown>;
}

export type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> &
  AllMiddlewareArgs & { values: Record<string, string | string[] | undefined>; userId: string };

export function onSubmit(app: App, callbackId: string, logger: Logger, handler: (args: SubmitArgs) => Promise<Submitted>): void {
  app.view<ViewSubmitAction>(callbackId, async (args) => {
    let result: Submitted;
    try {
      result = await handler({ ...args, values: formValues(args.view.state.values), userId: args.body.user.id });
    } catch (error) {
      if (error instanceof FieldErrors) {
        const errors = Object.fromEntries(Object.entries(error.errors).map(([block, message]) => [block, plainText(message)]));
        await args.ack({ response_action: 'errors', errors });
        return;
      }
      await args.ack({ response_action: 'update', view: doneModal('Not done', errorReply(error, logger).text) as never });
      return;
    }
    await args.ack(result.view ? { response_action: 'update', view: result.view as never } : undefined);
    if (result.after) await result.after().catch((error: unknown) => logger.error(error));
  });
}

export async function openModal(client: WebClient, triggerId: string, view: Modal): Promise<void> {
  await client.views.open({ trigger_id: triggerId, view: view as never });
}
