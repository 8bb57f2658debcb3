// `/igweek`, its buttons and menus, and its modals.
import type { BlockAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { FeatureContext } from '../../app-context.js';
import type { Reply } from '../../lib/slack/blocks.js';
import { UserError, errorReply } from '../../lib/slack/errors.js';
import { onAction, onSubmit } from '../../lib/slack/handlers.js';
import type { Modal } from '../../lib/slack/modal.js';
import { CommandRouter, type SubcommandContext } from '../../lib/slack/router.js';
import { escapeMrkdwn, mentionChannel } from '../../lib/slack/text.js';
import { isStaff } from '../admin/service.js';
import { helpReply } from '../home/views.js';
import { CLAIM_FOR, IgWeekIds, type SlotVerb } from './ids.js';
import * as service from './service.js';
import * as views from './views.js';

type Values = Record<string, Record<string, { value?: string | null; selected_option?: { value: string } | null; selected_users?: string[]; selected_user?: string | null; selected_date?: string | null; selected_time?: string | null; selected_date_time?: number | null }>>;

/** After a successful submit: the view to show, and work to do once Slack has its answer. */
interface Submitted {
  view: views.View;
  after?: () => Promise<void>;
}

const IGWEEK_INTRO = '*IG Week* is a week of one-hour online sessions each March: each Core interest group claims one slot, first come, first served, and fills in its session details. Here is what you can do:';

export function register({ app, prisma, clock, config, logger, refreshHome }: FeatureContext): void {
  const deps: service.IgWeekDeps = { prisma, clock, orgTimezone: config.orgTimezone };
  const router = new CommandRouter('/igweek');

  const scheduleReply = async (client: WebClient, userId: string, args: string) => views.scheduleReply(await service.schedule(deps, client, userId, args));

  router.add({ name: 'schedule', usage: 'schedule [year]', summary: "the coming IG Week's slots: claim one for your group (same as `/igweek`)", run: ({ client, userId, args }) => scheduleReply(client, userId, args) });
  router.add({ name: 'program', usage: 'program [year]', summary: 'the program: every session with its time, speakers and registration link', run: async ({ args }) => views.programReply(await service.programFor(deps, args)) });
  router.add({ name: 'details', usage: 'details', summary: "edit your group's session details (title, description, setup, speakers, moderator)", run: (ctx) => mySessionsAction(ctx, 'details') });
  router.add({ name: 'release', usage: 'release', summary: "give up your group's slot (to claim another, or none)", run: (ctx) => mySessionsAction(ctx, 'release') });
  router.add({ name: 'open', usage: 'open [year]', summary: 'open slot selection now', staffOnly: true, run: async ({ userId, args }) => claimingChanged(await service.setClaiming(deps, userId, 'OPEN', args)) });
  router.add({ name: 'close', usage: 'close [year]', summary: 'close slot selection now', staffOnly: true, run: async ({ userId, args }) => claimingChanged(await service.setClaiming(deps, userId, 'CLOSED', args)) });
  router.add({ name: 'lock', usage: 'lock [year]', summary: 'lock the program: conveners can no longer edit details or release slots', staffOnly: true, run: async ({ userId, args }) => lockChanged(await service.setLocked(deps, userId, true, args)) });
  router.add({ name: 'unlock', usage: 'unlock [year]', summary: 'let conveners edit their session details again', staffOnly: true, run: async ({ userId, args }) => lockChanged(await service.setLocked(deps, userId, false, args)) });
  router.add({
    name: 'settings',
    usage: 'settings [year] | settings reset [year]',
    summary: "the year's dates, hours, number of slots, when selection opens, when details are due, the survey link",
    staffOnly: true,
    run: async ({ userId, args, client, triggerId }) => {
      const { name, args: rest } = CommandRouter.split(args);
      if (name === 'reset') {
        const r = await service.resetSettings(deps, userId, rest);
        return { text: `IG Week ${r.year} is back to the computed calendar: ${views.weekSpan(r.cal)}, ${r.cal.slots.length} slots.` };
      }
      await client.views.open({ trigger_id: triggerId, view: views.settingsModal(await service.settingsFor(deps, userId, args)) });
    },
  });

  async function mySessionsAction(ctx: SubcommandContext, verb: 'details' | 'release'): Promise<Reply | void> {
    const mine = await service.mySessions(deps, ctx.client, ctx.userId);
    if (mine.groups.length === 0) throw new UserError('Only conveners of an active Core interest group have IG Week sessions. Staff can use the menu on each slot in `/igweek`.');
    if (mine.sessions.length === 0) throw new UserError(`Your group has no slot at IG Week ${mine.year} yet. Claim one with \`/igweek\`.`);
    if (mine.sessions.length === 1 && verb === 'details') {
      const session = await service.sessionForEdit(deps, ctx.client, ctx.userId, mine.sessions[0]!.id);
      await ctx.client.views.open({ trigger_id: ctx.triggerId, view: views.detailsModal(session) });
      return;
    }
    if (mine.sessions.length === 1) return views.releaseConfirmReply(await service.releaseTarget(deps, ctx.client, ctx.userId, mine.sessions[0]!.id));
    return views.mySessionsReply(mine.sessions, verb);
  }

  async function releaseReply(client: WebClient, userId: string, sessionId: number): Promise<Reply> {
    const r = await service.release(deps, client, userId, sessionId);
    void refreshHome([userId], { groupId: r.group.id, members: true });
    if (r.byStaff) await notifyConveners(client, r.group.id, userId, views.staffChangeMessage(`Staff released your group's IG Week slot, ${views.slotTimesText(r.startsAt)}.`));
    return views.releasedReply(r);
  }

  function claimingChanged(r: Awaited<ReturnType<typeof service.setClaiming>>): Reply {
    const state = r.state.open ? 'open' : r.state.reason === 'closed' ? 'closed' : `not open (${r.state.reason})`;
    return { text: `Slot selection for IG Week ${r.year} is now *${state}*.${r.state.open ? ' Conveners can claim slots with `/igweek`.' : ''}` };
  }

  function lockChanged(r: { year: number; locked: boolean }): Reply {
    return {
      text: r.locked
        ? `:lock: The IG Week ${r.year} program is locked: conveners can no longer edit details, claim or release slots. Staff still can.`
        : `:unlock: The IG Week ${r.year} program is unlocked: conveners can edit their session details again.`,
    };
  }

  /** Tells a group's conveners (except whoever did it) what staff changed; a DM that fails is only logged. */
  async function notifyConveners(client: WebClient, groupId: number, actor: string, message: Reply): Promise<void> {
    for (const user of await service.convenerIds(deps, groupId)) {
      if (user === actor) continue;
      await client.chat.postMessage({ channel: user, ...message }).catch((error: unknown) => logger.warn(`igweek: could not DM ${user}: ${String(error)}`));
    }
  }

  async function claimReply(client: WebClient, userId: string, triggerId: string, slotId: number, groupId?: number): Promise<Reply> {
    const outcome = await service.claim(deps, client, userId, slotId, groupId);
    if (outcome.kind === 'pick') return views.pickGroupReply(outcome.slotId, outcome.startsAt, outcome.groups);
    if (outcome.kind === 'taken') return views.scheduleReply(outcome.schedule, { notice: views.takenNotice(outcome.startsAt), onlyOpen: true });
    void refreshHome([userId], { groupId: outcome.session.groupId, members: true });
    // Straight into the details modal while the click's trigger_id is fresh; the reply keeps a button for later.
    await client.views.open({ trigger_id: triggerId, view: views.detailsModal(outcome.session) }).catch((error: unknown) => logger.warn(`igweek: details modal not opened: ${String(error)}`));
    return views.claimedReply(outcome.session, outcome.cal);
  }

  app.command('/igweek', async ({ ack, command, respond, client }) => {
    await ack();
    const { name, args } = CommandRouter.split(command.text ?? '');
    const ctx: SubcommandContext = { userId: command.user_id, channelId: command.channel_id, args, triggerId: command.trigger_id, client, respond };
    try {
      let reply: Reply | void;
      if (name === '' || service.parseYear(name)) reply = await scheduleReply(client, command.user_id, name);
      else {
        const sub = name === 'help' ? undefined : router.find(name);
        reply = sub ? await sub.run(ctx) : helpReply('/igweek', router.list(await isStaff(prisma, command.user_id)), name === 'help' ? undefined : name, { intro: IGWEEK_INTRO });
      }
      if (reply) await respond({ response_type: 'ephemeral', ...reply });
    } catch (error) {
      await respond({ response_type: 'ephemeral', ...errorReply(error, logger) });
    }
  });

  const triggerOf = (body: BlockAction) => body.trigger_id;

  onAction(app, IgWeekIds.schedule, logger, ({ client, userId, value }) => scheduleReply(client, userId, value));
  onAction(app, IgWeekIds.claim, logger, ({ client, userId, value, body }) => claimReply(client, userId, triggerOf(body), Number(value)));
  onAction(app, CLAIM_FOR, logger, ({ client, userId, value, body }) => {
    const [slotId, groupId] = value.split(':').map(Number);
    return claimReply(client, userId, triggerOf(body), slotId!, groupId);
  });
  onAction(app, IgWeekIds.release, logger, async ({ client, userId, value }) => ({ ...(await releaseReply(client, userId, Number(value))), replace: true }));
  onAction(app, IgWeekIds.keepSlot, logger, async () => ({ ...views.keptReply(), replace: true }));
  onAction(app, IgWeekIds.undoRelease, logger, async ({ client, userId, value }) => {
    const outcome = await service.undoRelease(deps, client, userId, Number(value));
    if (outcome.kind === 'taken') return { ...views.scheduleReply(outcome.schedule, { notice: views.takenNotice(outcome.startsAt), onlyOpen: true }), replace: true };
    void refreshHome([userId], { groupId: outcome.session.groupId, members: true });
    if (outcome.byStaff) await notifyConveners(client, outcome.session.groupId, userId, views.staffChangeMessage(`Staff undid the release: your group's IG Week slot, ${views.slotTimesText(outcome.session.slot.startsAt)}, is back${outcome.session.title ? ' with its session details' : ''}.`));
    return { ...views.restoredReply(outcome.session), replace: true };
  });
  onAction(app, IgWeekIds.editDetails, logger, async ({ client, userId, value, body }) => {
    const session = await service.sessionForEdit(deps, client, userId, Number(value));
    await client.views.open({ trigger_id: triggerOf(body), view: views.detailsModal(session) });
  });
  onAction(app, IgWeekIds.slotMenu, logger, async ({ client, userId, value, body }) => {
    const [verb, idText] = value.split(':') as [SlotVerb, string];
    const id = Number(idText);
    const open = async (view: views.View) => void (await client.views.open({ trigger_id: triggerOf(body), view }));
    switch (verb) {
      case 'claim':
        return claimReply(client, userId, triggerOf(body), id);
      case 'release':
        // Ask first: the slot goes to whoever claims it next.
        return views.releaseConfirmReply(await service.releaseTarget(deps, client, userId, id));
      case 'details':
        return open(views.detailsModal(await service.sessionForEdit(deps, client, userId, id)));
      case 'links':
        return open(views.linksModal(await service.sessionForStaff(deps, userId, id)));
      case 'assign': {
        const c = await service.assignChoices(deps, userId, id);
        return open(views.assignModal(c.slot, c.groups));
      }
      case 'move': {
        const c = await service.moveChoices(deps, userId, id);
        return open(views.moveModal(c.session, c.open));
      }
      default:
        throw new UserError('That menu item is no longer available; run `/igweek` again.');
    }
  });

  // ---------------------------------------------------------------------------
  // Modals

  /** IG Week modals keep the form on a refusal, shown on their first field; private_metadata is the record id. */
  function onModal(callbackId: string, firstBlock: string, handler: (a: { userId: string; id: number; values: Values; client: WebClient }) => Promise<Submitted>): void {
    onSubmit(
      app,
      callbackId,
      logger,
      async ({ body, view, client }) => {
        const done = await handler({ userId: body.user.id, id: Number(view.private_metadata), values: view.state.values as Values, client });
        return { view: done.view as unknown as Modal, after: done.after };
      },
      { refusalBlock: firstBlock },
    );
  }

  onModal(IgWeekIds.detailsModal, 'title', async ({ userId, id, values: v, client }) => {
    const raw: service.DetailsRaw = {
      title: v.title?.title?.value ?? '',
      description: v.description?.description?.value ?? '',
      setup: (v.setup?.setup?.selected_option?.value ?? undefined) as service.DetailsRaw['setup'],
      polls: (v.polls?.polls?.selected_option?.value ?? undefined) as service.DetailsRaw['polls'],
      breakout: (v.breakout?.breakout?.selected_option?.value ?? undefined) as service.DetailsRaw['breakout'],
      speakers: v.speakers?.speakers?.selected_users ?? [],
      outside: (v.outside?.outside?.value ?? '').split('\n'),
      moderator: v.moderator?.moderator?.selected_user ?? null,
    };
    const r = await service.saveDetails(deps, client, userId, id, raw);
    return { view: views.doneView('Session details', views.detailsSavedText(r.session, r.title)), after: () => refreshHome([userId], { groupId: r.session.groupId, members: true }) };
  });

  onModal(IgWeekIds.linksModal, 'registration', async ({ userId, id, values: v, client }) => {
    const practice = v.practice?.practice?.selected_date_time;
    const r = await service.saveLinks(deps, userId, id, {
      registration: v.registration?.registration?.value ?? '',
      practice: typeof practice === 'number' ? practice : null,
      recording: v.recording?.recording?.value ?? '',
    });
    const channel = r.session.group.channelId;
    const posting = r.recordingAdded ? (channel ? ` The recording link is being posted in ${mentionChannel(channel)}.` : " The group has no channel, so the recording link goes to its conveners by direct message.") : '';
    return {
      view: views.doneView('Session links', `Saved the links for *${escapeMrkdwn(r.session.group.name)}*.${posting}`),
      after: async () => {
        if (!r.recordingAdded || !r.recording) return;
        const message = views.recordingPostMessage(r.session, r.recording);
        if (!channel) return notifyConveners(client, r.session.group.id, '', message);
        try {
          await client.chat.postMessage({ channel, ...message });
        } catch (error) {
          const reason = (error as { data?: { error?: string } }).data?.error ?? String(error);
          await client.chat.postMessage({ channel: userId, text: `:warning: I couldn't post the recording link in ${mentionChannel(channel)} (Slack said \`${reason}\`). Please share it with the group yourself: ${r.recording}` });
        }
      },
    };
  });

  onModal(IgWeekIds.assignModal, 'group', async ({ userId, id, values: v, client }) => {
    const r = await service.assign(deps, userId, id, Number(v.group?.group?.selected_option?.value));
    return {
      view: views.doneView('Slot assigned', `*${escapeMrkdwn(r.group.name)}* now holds ${views.slotTimesText(r.startsAt)}.`),
      after: async () => {
        void refreshHome([userId], { groupId: r.group.id, members: true });
        await notifyConveners(client, r.group.id, userId, views.assignedMessage(r.sessionId, r.group.name, r.startsAt));
      },
    };
  });

  onModal(IgWeekIds.moveModal, 'slot', async ({ userId, id, values: v, client }) => {
    const r = await service.move(deps, userId, id, Number(v.slot?.slot?.selected_option?.value));
    return {
      view: views.doneView('Session moved', `*${escapeMrkdwn(r.group.name)}* moved to ${views.slotTimesText(r.to)}.`),
      after: () => notifyConveners(client, r.group.id, userId, views.staffChangeMessage(`Staff moved your group's IG Week session from ${views.slotTimesText(r.from)} to ${views.slotTimesText(r.to)}.`)),
    };
  });

  onModal(IgWeekIds.settingsModal, 'firstDay', async ({ userId, id, values: v }) => {
    const r = await service.saveSettings(deps, userId, id, {
      firstDay: v.firstDay?.firstDay?.selected_date ?? null,
      lastDay: v.lastDay?.lastDay?.selected_date ?? null,
      hours: v.hours?.hours?.value ?? '',
      slotCount: v.slotCount?.slotCount?.value ?? '',
      opensDate: v.opensDate?.opensDate?.selected_date ?? null,
      opensTime: v.opensTime?.opensTime?.selected_time ?? null,
      detailsDueOn: v.detailsDueOn?.detailsDueOn?.selected_date ?? null,
      survey: v.survey?.survey?.value ?? '',
      claiming: v.claiming?.claiming?.selected_option?.value,
    });
    return { view: views.doneView('IG Week settings', views.settingsSavedText(r.cal)) };
  });
}
