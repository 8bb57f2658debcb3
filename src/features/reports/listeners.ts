// `/igreport`: the Quarterly report modal (a group picker first when the user convenes
// several), `status`, `due`; and the "File report" button on the nudges.
import type { FeatureContext } from '../../app-context.js';
import { errorReply } from '../../lib/slack/errors.js';
import { onAction, onSubmit, openModal } from '../../lib/slack/handlers.js';
import { CommandRouter } from '../../lib/slack/router.js';
import { isStaff } from '../admin/service.js';
import { metadataId } from '../../lib/slack/modal.js';
import { ReportIds } from './ids.js';
import * as service from './service.js';
import * as views from './views.js';

export const REPORT_COMMAND = '/igreport';

export function register({ app, prisma, clock, config, logger, refreshHome }: FeatureContext): void {
  const deps: service.Deps = { prisma, clock, zone: config.orgTimezone, client: app.client };

  app.command(REPORT_COMMAND, async ({ ack, command, respond, client }) => {
    await ack();
    const { name, args } = CommandRouter.split(command.text ?? '');
    try {
      if (name === 'help') return void (await respond({ response_type: 'ephemeral', ...views.helpReply(await isStaff(prisma, command.user_id)) }));
      if (name === 'status') return void (await respond({ response_type: 'ephemeral', ...views.statusReply(await service.statusView(deps, command.user_id, args), deps.zone) }));
      if (name === 'show') return void (await respond({ response_type: 'ephemeral', ...views.reportShowReply(await service.showReport(deps, command.user_id, args), deps.zone) }));
      if (name === 'due') return void (await respond({ response_type: 'ephemeral', ...views.dueChangedReply(await service.setDueDate(deps, command.user_id, args)) }));
      const entry = await service.entry(deps, command.user_id, command.text ?? '');
      await openModal(client, command.trigger_id, entry.kind === 'pick' ? views.pickModal(entry.groups) : views.formModal(entry.form));
    } catch (error) {
      await respond({ response_type: 'ephemeral', ...errorReply(error, logger) });
    }
  });

  onAction(app, ReportIds.fileOpen, logger, async ({ value, userId, body, client }) => {
    await openModal(client, body.trigger_id, views.formModal(await service.formFor(deps, userId, Number(value))));
  });

  onAction(app, new RegExp(`^${ReportIds.showVersion.replace('.', '\\.')}\\.\\d+$`), logger, async ({ value, userId }) =>
    views.revisionReply(await service.showRevision(deps, userId, Number(value)), deps.zone),
  );

  onSubmit(app, ReportIds.pickModal, logger, async ({ values, userId }) => ({
    view: views.formModal(await service.pickedForm(deps, userId, values)),
  }));

  onSubmit(app, ReportIds.formModal, logger, async ({ values, view, userId }) => {
    const filed = await service.fileReport(deps, userId, metadataId(view.private_metadata, 'groupId'), values);
    return { view: views.filedModal(filed), after: () => refreshHome([userId], { groupId: filed.group.id, staff: true }) };
  });
}
