// `/petition …`, the petition form and its duplicate check, and the petition buttons.
import type { App, ViewOutput } from '@slack/bolt';
import type { FeatureContext } from '../../app-context.js';
import type { PetitionKind } from '../../generated/prisma/enums.js';
import type { Reply } from '../../lib/slack/blocks.js';
import { errorReply } from '../../lib/slack/errors.js';
import { onAction, onSubmit } from '../../lib/slack/handlers.js';
import type { Modal } from '../../lib/slack/modal.js';
import { CommandRouter } from '../../lib/slack/router.js';
import { FormBlocks, INPUT, OrganizerBlocks, PetitionIds } from './ids.js';
import * as service from './service.js';
import type { PetitionRow } from './store.js';
import * as views from './views.js';

function petitionId(value: string): number {
  return Number.parseInt(value, 10);
}

const KIND_WORDS: Record<string, PetitionKind> = { ig: 'CORE_IG', core: 'CORE_IG', mig: 'MIG' };

/** The MIG form's organizer rows (organizer-N / address-N blocks), by row number. */
function organizerRows(values: ViewOutput['state']['values']): service.OrganizerRowInput[] {
  const rows = new Map<number, service.OrganizerRowInput>();
  for (const [blockId, inputs] of Object.entries(values)) {
    const at = OrganizerBlocks.parse(blockId);
    if (!at) continue;
    const row = rows.get(at.row) ?? { row: at.row };
    if (at.field === 'organizer') row.organizer = inputs[INPUT]?.selected_user;
    else row.address = inputs[INPUT]?.value;
    rows.set(at.row, row);
  }
  return [...rows.values()].sort((a, b) => a.row - b.row);
}

/** Reads the form's state (block id → its single input) into the service's shape. */
function formValues(view: ViewOutput): service.FormValues {
  const v = view.state.values;
  const input = (block: string) => v[block]?.[INPUT];
  return {
    name: input(FormBlocks.name)?.value,
    purpose: input(FormBlocks.purpose)?.value,
    level: input(FormBlocks.level)?.selected_option?.value,
    leaders: input(FormBlocks.leaders)?.selected_users ?? [],
    organizerRows: organizerRows(v),
    feedback: input(FormBlocks.feedback)?.selected_date,
  };
}

function parseMeta(view: Pick<ViewOutput, 'private_metadata'>): views.FormMeta {
  const meta = JSON.parse(view.private_metadata || '{}') as Partial<views.FormMeta>;
  if (meta.kind !== 'CORE_IG' && meta.kind !== 'MIG') throw new Error(`petition form without a kind: ${view.private_metadata}`);
  return { kind: meta.kind, channel: meta.channel ?? '', ...(typeof meta.rows === 'number' ? { rows: meta.rows } : {}) };
}

export function register({ app, prisma, clock, config, logger, refreshHome }: FeatureContext): void {
  const refresher: service.MessageRefresher = new service.MessageRefresher((id) => service.updateMessage(prisma, app.client, id, config.orgTimezone), logger);
  const deps: service.PetitionDeps = { prisma, clock, zone: config.orgTimezone, logger, refresher };

  /** Posts a new petition; one open for signatures at once shows on everyone's App Home ("Petitions you can sign"). */
  const publishAndRefresh = async (client: App['client'], petition: PetitionRow) => {
    await service.publish(deps, client, petition);
    if (petition.status === 'COLLECTING') void refreshHome([petition.petitioner], { viewers: true });
  };

  const openForm = (client: App['client'], triggerId: string, meta: views.FormMeta) => client.views.open({ trigger_id: triggerId, view: views.formView(meta) });

  app.command('/petition', async ({ ack, command, respond, client }) => {
    await ack();
    const { name, args } = CommandRouter.split(command.text ?? '');
    try {
      let reply: Reply | undefined;
      if (name === '') reply = views.kindChoiceReply();
      else if (KIND_WORDS[name]) await openForm(client, command.trigger_id, { kind: KIND_WORDS[name], channel: command.channel_id });
      else if (name === 'list') reply = views.listReply(await service.listOpen(deps, client), deps.zone);
      else if (name === 'status') reply = await service.status(deps, client, service.parseNumber(args), command.user_id);
      else reply = views.helpReply(name === 'help' ? undefined : name);
      if (reply) await respond({ response_type: 'ephemeral', ...reply });
    } catch (error) {
      await respond({ response_type: 'ephemeral', ...errorReply(error, logger) });
    }
  });

  onAction(app, new RegExp(`^${PetitionIds.kind.replace('.', '\\.')}\\.`), logger, async ({ value, body, client }) => {
    const kind = value === 'MIG' ? 'MIG' : 'CORE_IG';
    await openForm(client, body.trigger_id, { kind, channel: body.channel?.id ?? body.user.id });
  });

  onSubmit(
    app,
    PetitionIds.form,
    logger,
    async ({ body, view, client }) => {
      const meta = parseMeta(view);
      const outcome = await service.submitForm(deps, client, body.user.id, meta.kind, meta.channel, formValues(view));
      if (outcome.kind === 'duplicates') return { push: views.duplicatesView(outcome.draftId, outcome.matches) as Modal };
      return { clear: true, after: () => publishAndRefresh(client, outcome.petition) };
    },
    { refusalBlock: FormBlocks.name },
  );

  app.view(PetitionIds.confirm, async ({ ack, body, view, client }) => {
    await ack({ response_action: 'clear' });
    try {
      const petition = await service.confirmDraft(deps, body.user.id, Number.parseInt(view.private_metadata, 10));
      if (petition) await publishAndRefresh(client, petition);
    } catch (error) {
      await client.chat.postMessage({ channel: body.user.id, ...errorReply(error, logger) });
    }
  });

  // "Add another organizer": the same form with one more row; Slack keeps what was typed in the
  // rows already there (same block and action ids).
  onAction(app, PetitionIds.addOrganizer, logger, async ({ body, client }) => {
    if (!body.view) return;
    const meta = parseMeta(body.view);
    const rows = views.organizerRows({ ...meta, rows: views.organizerRows(meta) + 1 });
    await client.views.update({ view_id: body.view.id, hash: body.view.hash, view: views.formView({ ...meta, rows }) });
  });

  onAction(app, PetitionIds.reportedToCouncil, logger, ({ value, userId, client }) => service.markReportedToCouncil(deps, client, petitionId(value), userId));
  /** Runs a petition action, then refreshes the person's App Home (and with `staff`, staff's: their summary counts petitions awaiting a decision). */
  const andRefresh =
    <T>(run: (a: { value: string; userId: string; client: App['client'] }) => Promise<T>, staff = false) =>
    async (a: { value: string; userId: string; client: App['client'] }): Promise<T> => {
      const result = await run(a);
      void refreshHome([a.userId], { staff });
      return result;
    };
  onAction(app, PetitionIds.sign, logger, andRefresh(({ value, userId, client }) => service.sign(deps, client, petitionId(value), userId)));
  onAction(app, PetitionIds.unsign, logger, andRefresh(({ value, userId, client }) => service.unsign(deps, client, petitionId(value), userId)));
  onAction(app, PetitionIds.withdraw, logger, andRefresh(({ value, userId, client }) => service.withdraw(deps, client, petitionId(value), userId), true));
  onAction(app, PetitionIds.details, logger, ({ value, userId, client }) => service.status(deps, client, petitionId(value), userId));
  onAction(app, PetitionIds.approve, logger, andRefresh(({ value, userId, client }) => service.approve(deps, client, petitionId(value), userId), true));
  onAction(app, PetitionIds.reject, logger, async ({ value, userId, client, body }) => {
    const p = await service.checkDecider(deps, client, petitionId(value), userId);
    await client.views.open({ trigger_id: body.trigger_id, view: views.rejectView(p) });
  });

  onSubmit(
    app,
    PetitionIds.rejectForm,
    logger,
    async ({ body, view, client }) => {
      const reason = view.state.values[FormBlocks.reason]?.[INPUT]?.value;
      const rejected = await service.reject(deps, client, petitionId(view.private_metadata), body.user.id, reason);
      return {
        after: async () => {
          void refreshHome([body.user.id], { staff: true });
          await service.announceRejection(deps, client, rejected);
        },
      };
    },
    { refusalBlock: FormBlocks.reason },
  );
}
