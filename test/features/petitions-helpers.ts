// Shared steps for the petition tests: the slash command, the modal, button clicks, and
// reading back what Slack was sent. Everything goes through the app's HTTP surface.
import { expect } from 'vitest';
import type { Harness } from '../support/harness.js';
import { textOf } from '../support/harness.js';
import type { ViewValues } from '../support/slack-driver.js';

export const ZONE = 'America/Chicago';

export interface FormInput {
  name?: string;
  purpose?: string;
  level?: 'DIVISION' | 'SECTION';
  /** Interest groups: the conveners multi-select. */
  leaders?: string[];
  /** MIGs: the organizer rows (organizer-N, address-N), as many as given. */
  organizers?: { user?: string; address?: string }[];
  feedback?: string;
}

export function formValues(f: FormInput): ViewValues {
  const values: ViewValues = {
    name: { value: { type: 'plain_text_input', value: f.name ?? null } },
    purpose: { value: { type: 'plain_text_input', value: f.purpose ?? null } },
    feedback: { value: { type: 'datepicker', selected_date: f.feedback ?? null } },
  };
  if (f.organizers) {
    f.organizers.forEach((o, i) => {
      values[`organizer-${i + 1}`] = { value: { type: 'users_select', selected_user: o.user ?? null } };
      values[`address-${i + 1}`] = { value: { type: 'plain_text_input', value: o.address ?? null } };
    });
  } else {
    values.level = { value: { type: 'static_select', selected_option: f.level ? { value: f.level } : null } };
    values.leaders = { value: { type: 'multi_users_select', selected_users: f.leaders ?? [] } };
  }
  return values;
}

/** Polls until `check` holds (the app keeps working after it acks). */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The texts a reader sees as mrkdwn (the message's `text` and every mrkdwn text object). */
export function mrkdwnTexts(message: { text?: unknown; blocks?: unknown }): string[] {
  const out: string[] = typeof message.text === 'string' ? [message.text] : [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(message.blocks);
  return out;
}

export function dmChannel(userId: string): string {
  return `D${userId.slice(1)}`;
}

export class PetitionSteps {
  constructor(private readonly h: Harness) {}

  /** `/petition …` and the ephemeral answer on its response_url. */
  async command(user: string, text: string, channelId = 'CGENERAL'): Promise<Record<string, unknown> & { text: string }> {
    const responseUrl = this.h.fake.responseUrl();
    const ack = await this.h.driver.command(user, '/petition', text, { channelId, responseUrl });
    expect(ack.status).toBe(200);
    const reply = await this.h.fake.waitFor('response_url', (c) => c.url === responseUrl);
    return { ...reply.args, text: textOf(reply.args) };
  }

  /** Opens the form with `/petition ig|mig` and returns the opened view. */
  async openForm(user: string, kind: 'ig' | 'mig', channelId = 'CGENERAL'): Promise<Record<string, unknown>> {
    const before = this.h.fake.callsTo('views.open').length;
    const ack = await this.h.driver.command(user, '/petition', kind, { channelId });
    expect(ack.status).toBe(200);
    const call = await this.h.fake.waitFor('views.open', () => this.h.fake.callsTo('views.open').length > before);
    expect(call.response?.ok).toBe(true);
    return call.args.view as Record<string, unknown>;
  }

  submit(user: string, f: FormInput) {
    return this.h.driver.viewSubmission(user, { callback_id: 'petition.form', values: formValues(f) });
  }

  /** Opens the form, submits it (no duplicates expected) and returns the stored petition once it is posted. */
  async file(user: string, kind: 'ig' | 'mig', f: FormInput, channelId = 'CGENERAL') {
    await this.openForm(user, kind, channelId);
    const ack = await this.submit(user, f);
    expect(ack.body).toEqual({ response_action: 'clear' });
    const petition = await this.h.prisma.petition.findFirstOrThrow({ where: { name: f.name! }, orderBy: { id: 'desc' } });
    await until(async () => Boolean((await this.h.prisma.petition.findUnique({ where: { id: petition.id } }))?.messageTs), 'the petition to be posted');
    return this.h.prisma.petition.findUniqueOrThrow({ where: { id: petition.id } });
  }

  /** Clicks a petition button (as on its message) and returns the ephemeral answer. */
  async click(user: string, actionId: string, petitionId: number, at?: { channel: string; ts: string }): Promise<string> {
    const responseUrl = this.h.fake.responseUrl();
    const context = at ? { channelId: at.channel, messageTs: at.ts, responseUrl } : { channelId: 'CGENERAL', responseUrl };
    const ack = await this.h.driver.blockAction(user, { action_id: actionId, value: String(petitionId) }, context);
    expect(ack.status).toBe(200);
    const reply = await this.h.fake.waitFor('response_url', (c) => c.url === responseUrl, 20_000);
    return textOf(reply.args);
  }

  /** The petition's message as Slack holds it now. */
  async message(petitionId: number) {
    const p = await this.h.prisma.petition.findUniqueOrThrow({ where: { id: petitionId } });
    const msg = this.h.fake.message(p.channelId, p.messageTs!);
    return { ...msg!, all: textOf(msg as unknown as Record<string, unknown>) };
  }

  dms(user: string): string[] {
    return this.h.fake.messagesIn(dmChannel(user)).map((m) => textOf(m as unknown as Record<string, unknown>));
  }

  /** Grants a committee role straight in the database (set-up, not under test). */
  async grant(user: string, role: 'STAFF' | 'IGCC' | 'COO'): Promise<void> {
    await this.h.prisma.person.upsert({ where: { slackUserId: user }, create: { slackUserId: user }, update: {} });
    await this.h.prisma.roleGrant.create({ data: { slackUserId: user, role, grantedBy: 'test' } });
  }
}
