// Modal plumbing shared by the features' modals: reading a view's state by block_id,
// input blocks, private_metadata, and the view a submission turns into. Pure.
import type { ViewStateValue } from '@slack/bolt';
import { type Block, plain, section } from './blocks.js';
import { UserError } from './errors.js';

export type ViewValues = Record<string, Record<string, ViewStateValue>>;

/** One value per block: the first element's text, date, user(s) or option value(s); undefined when empty. */
export function formValues(values: ViewValues): Record<string, string | string[] | undefined> {
  const out: Record<string, string | string[] | undefined> = {};
  for (const [blockId, actions] of Object.entries(values)) {
    const v = Object.values(actions)[0];
    if (!v) continue;
    out[blockId] =
      v.selected_options?.map((o) => o.value) ??
      v.selected_users ??
      v.selected_option?.value ??
      v.selected_user ??
      v.selected_date ??
      (typeof v.value === 'string' && v.value.trim() !== '' ? v.value : undefined);
  }
  return out;
}

export interface InputOptions {
  optional?: boolean;
  hint?: string;
  dispatch?: boolean;
}

/** An input block whose block_id is also the key its value is read (and its error reported) under. */
export function input(blockId: string, label: string, element: Block, opts: InputOptions = {}): Block {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label, 2000),
    element: { action_id: blockId, ...element },
    ...(opts.optional ? { optional: true } : {}),
    ...(opts.hint ? { hint: plain(opts.hint, 2000) } : {}),
    ...(opts.dispatch ? { dispatch_action: true } : {}),
  };
}

export function textInput(opts: { multiline?: boolean; initial?: string; max?: number; placeholder?: string } = {}): Block {
  return {
    type: 'plain_text_input',
    ...(opts.multiline ? { multiline: true } : {}),
    ...(opts.initial ? { initial_value: opts.initial.slice(0, 3000) } : {}),
    ...(opts.max ? { max_length: opts.max } : {}),
    ...(opts.placeholder ? { placeholder: plain(opts.placeholder, 150) } : {}),
  };
}

export interface Choice {
  text: string;
  value: string;
}

function choice(c: Choice) {
  return { text: plain(c.text, 75), value: c.value };
}

export function staticSelect(choices: Choice[], initial?: string, placeholder = 'Choose…'): Block {
  const selected = choices.find((c) => c.value === initial);
  return {
    type: 'static_select',
    placeholder: plain(placeholder, 150),
    options: choices.slice(0, 100).map(choice),
    ...(selected ? { initial_option: choice(selected) } : {}),
  };
}

export function radios(choices: Choice[], initial?: string): Block {
  const selected = choices.find((c) => c.value === initial);
  return { type: 'radio_buttons', options: choices.slice(0, 10).map(choice), ...(selected ? { initial_option: choice(selected) } : {}) };
}

export function checkboxes(choices: Choice[], initial: string[] = []): Block {
  const selected = choices.filter((c) => initial.includes(c.value));
  return { type: 'checkboxes', options: choices.slice(0, 10).map(choice), ...(selected.length ? { initial_options: selected.map(choice) } : {}) };
}

export function usersSelect(initial?: string, placeholder = 'Choose a person…'): Block {
  return { type: 'users_select', placeholder: plain(placeholder, 150), ...(initial ? { initial_user: initial } : {}) };
}

export function multiUsersSelect(opts: { max?: number; placeholder?: string } = {}): Block {
  return {
    type: 'multi_users_select',
    placeholder: plain(opts.placeholder ?? 'Choose people…', 150),
    ...(opts.max ? { max_selected_items: opts.max } : {}),
  };
}

export function datePicker(initial?: string): Block {
  return { type: 'datepicker', ...(initial ? { initial_date: initial } : {}) };
}

export interface Modal {
  type: 'modal';
  callback_id: string;
  title: ReturnType<typeof plain>;
  submit?: ReturnType<typeof plain>;
  close: ReturnType<typeof plain>;
  private_metadata?: string;
  blocks: Block[];
}

export function modal(callbackId: string, title: string, blocks: Block[], opts: { submit?: string; metadata?: unknown; close?: string } = {}): Modal {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plain(title, 24),
    ...(opts.submit ? { submit: plain(opts.submit, 24) } : {}),
    close: plain(opts.close ?? (opts.submit ? 'Cancel' : 'Close'), 24),
    ...(opts.metadata !== undefined ? { private_metadata: JSON.stringify(opts.metadata) } : {}),
    blocks,
  };
}

/** The modal a successful submission turns into (response_action 'update'). */
export function doneModal(title: string, text: string): Modal {
  return modal('convene.done', title, [section(text)]);
}

/** Reads private_metadata written by modal(); a tampered or missing value reads as {}. */
export function metadata<T extends object>(raw: string | undefined): Partial<T> {
  try {
    const v: unknown = JSON.parse(raw ?? '');
    return typeof v === 'object' && v !== null ? (v as Partial<T>) : {};
  } catch {
    return {};
  }
}

/** A positive integer id from private_metadata; a form that lost it is refused, not guessed at. */
export function metadataId(raw: string | undefined, key: string): number {
  const value = Number(metadata<Record<string, unknown>>(raw)[key]);
  if (!Number.isInteger(value) || value <= 0) throw new UserError('This form is out of date. Please start again.');
  return value;
}

/** Modal errors are plain text: drop mrkdwn bold and undo escaping meant for mrkdwn. */
export function plainText(mrkdwn: string): string {
  return mrkdwn
    .replace(/\*([^*\n]+)\*/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
