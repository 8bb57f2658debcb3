// Small Block Kit builders shared by every feature's views.ts. They return plain data.
import { truncate } from './text.js';

/** A Block Kit block or element, structurally compatible with @slack/types' Block. */
export type Block = { type: string; block_id?: string; [key: string]: unknown };
export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}

export function plain(text: string, max = 3000): PlainText {
  return { type: 'plain_text', text: truncate(text, max), emoji: true };
}

export function header(text: string): Block {
  return { type: 'header', text: plain(text, 150) };
}

export function section(text: string, extra: { block_id?: string; accessory?: Block } = {}): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, 3000) }, ...extra };
}

/** Lines joined into as few sections as Slack's 3,000-character limit allows (at most `max` sections). */
export function lineSections(lines: string[], max: number): Block[] {
  const out: Block[] = [];
  let current = '';
  for (const line of lines) {
    if (current && current.length + line.length + 1 > 2800) {
      out.push(section(current));
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push(section(current));
  return out.slice(0, max);
}

export function fields(pairs: string[], block_id?: string): Block {
  return {
    type: 'section',
    ...(block_id ? { block_id } : {}),
    fields: pairs.slice(0, 10).map((text) => ({ type: 'mrkdwn', text: truncate(text, 2000) })),
  };
}

export function context(...texts: string[]): Block {
  return { type: 'context', elements: texts.slice(0, 10).map((text) => ({ type: 'mrkdwn', text: truncate(text, 3000) })) };
}

export function divider(): Block {
  return { type: 'divider' };
}

export function button(
  text: string,
  action_id: string,
  value?: string,
  style?: 'primary' | 'danger',
): Block {
  return {
    type: 'button',
    text: plain(text, 75),
    action_id,
    ...(value !== undefined ? { value } : {}),
    ...(style ? { style } : {}),
  };
}

export function actions(elements: Block[], block_id?: string): Block {
  return { type: 'actions', ...(block_id ? { block_id } : {}), elements: elements.slice(0, 25) };
}

export function option(text: string, value: string): { text: PlainText; value: string } {
  return { text: plain(text, 75), value };
}

/** A reply for one person only. */
export interface Reply {
  text: string;
  blocks?: Block[];
}
