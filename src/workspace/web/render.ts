// Block Kit -> HTML for the local workspace page (issue #9), server-side and pure: messages,
// modals and the App Home, as a Slack client draws the parts Convene uses. Every piece of text
// is HTML-escaped here (the page inserts the result as is); interactive elements carry
// data-* attributes (action_id, block_id, value) that app.js turns into block_actions and
// view state. Anything this file doesn't know becomes a visible "unsupported" placeholder.
import { formatClock, formatSlackDate, localDate, localTime } from '../../lib/time.js';
import type { WsMessage, WsView } from '../types.js';

export interface RenderContext {
  /** The viewer's IANA zone: `<!date^…>` tokens, message times and date-time pickers are shown in it. */
  zone: string;
  /** The workspace's "now" ("today", "yesterday" in date tokens). */
  now: Date;
  /** People the workspace knows (mentions, user selects). */
  users: { id: string; name: string }[];
  /** Channels the viewer can see (mentions, conversation selects). */
  channels: { id: string; name: string; isDm?: boolean }[];
  /** The app's bot user id (its messages are signed "Convene"). */
  botUserId?: string;
}

/** The class of the placeholder shown for a block or element this renderer does not draw. */
export const UNSUPPORTED = 'bk-unsupported';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

// ---------------------------------------------------------------------------
// Escaping
// ---------------------------------------------------------------------------

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Slack mrkdwn arrives entity-escaped (`&lt; &gt; &amp;`): decoded once, so `&amp;lt;` reads `&lt;`. */
function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', amp: '&' })[name]!);
}

function attrs(pairs: Record<string, string | number | boolean | undefined>): string {
  return Object.entries(pairs)
    .filter(([, v]) => v !== undefined && v !== false)
    .map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${escapeHtml(String(v))}"`))
    .join('');
}

/** Only web and mail links become hrefs; anything else (javascript:, data:) is shown as text. */
function safeUrl(url: string): string | undefined {
  return /^(https?:|mailto:)/i.test(url.trim()) ? url.trim() : undefined;
}

// The shortcodes Convene's messages use, and a few common ones; others stay as `:name:`.
const EMOJI: Record<string, string> = {
  white_check_mark: '✅', ballot_box_with_ballot: '🗳️', warning: '⚠️', tada: '🎉', lock: '🔒', unlock: '🔓', memo: '📝',
  x: '❌', hourglass_flowing_sand: '⏳', writing_hand: '✍️', pray: '🙏', no_entry: '⛔', microphone: '🎤',
  large_green_circle: '🟢', information_source: 'ℹ️', calendar: '📆', spiral_calendar_pad: '🗓️', wave: '👋',
  speech_balloon: '💬', movie_camera: '🎥', loudspeaker: '📢', inbox_tray: '📥', double_vertical_bar: '⏸️',
  chart_with_upwards_trend: '📈', alarm_clock: '⏰', bell: '🔔', star: '⭐', thumbsup: '👍', '+1': '👍', eyes: '👀',
  raised_hands: '🙌', heavy_check_mark: '✔️', exclamation: '❗', question: '❓', clipboard: '📋', link: '🔗',
  bulb: '💡', rocket: '🚀', point_right: '👉', busts_in_silhouette: '👥', bust_in_silhouette: '👤', mailbox: '📫',
  email: '📧', envelope: '✉️', pushpin: '📌', date: '📅', clock1: '🕐', hourglass: '⌛', red_circle: '🔴',
  large_blue_circle: '🔵', white_circle: '⚪', black_circle: '⚫', sparkles: '✨', fire: '🔥', smile: '😄',
  slightly_smiling_face: '🙂', trophy: '🏆', scroll: '📜', books: '📚', book: '📖', mag: '🔍', gear: '⚙️',
  hammer_and_wrench: '🛠️', handshake: '🤝', key: '🔑', file_folder: '📁', page_facing_up: '📄', bar_chart: '📊',
};

/** `:name:` -> the emoji, in already-escaped HTML text. Times such as 10:00:00 are left alone. */
function emoji(html: string): string {
  return html.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => EMOJI[name] ?? whole);
}

// ---------------------------------------------------------------------------
// mrkdwn
// ---------------------------------------------------------------------------

function userName(ctx: RenderContext, id: string): string | undefined {
  return ctx.users.find((u) => u.id === id)?.name;
}

function channelName(ctx: RenderContext, id: string): string | undefined {
  return ctx.channels.find((c) => c.id === id)?.name;
}

/** `<!date^1700000000^{date_short_pretty} at {time}^https://link|fallback>` as the viewer sees it. */
function renderDate(body: string, fallback: string | undefined, ctx: RenderContext): string {
  const [, unix, tokens = '', link] = body.split('^');
  const seconds = Number(unix);
  const shown = Number.isFinite(seconds) ? formatSlackDate(new Date(seconds * 1000), ctx.zone, tokens, ctx.now) : undefined;
  const text = shown ?? fallback ?? '';
  const title = fallback ? attrs({ title: fallback }) : '';
  const url = link ? safeUrl(link) : undefined;
  const inner = `<time class="bk-date"${title}>${escapeHtml(text)}</time>`;
  return url ? `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${inner}</a>` : inner;
}

/** One `<…>` construct of mrkdwn: mention, channel, special, date or link. Its parts are still entity-escaped. */
function renderAngle(raw: string, ctx: RenderContext): string {
  const bar = raw.indexOf('|');
  const target = decodeEntities(bar === -1 ? raw : raw.slice(0, bar));
  const label = bar === -1 ? undefined : decodeEntities(raw.slice(bar + 1));
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return `<span class="bk-mention"${attrs({ 'data-user-id': id })}>@${escapeHtml(userName(ctx, id) ?? label ?? id)}</span>`;
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    const name = channelName(ctx, id) ?? label ?? id;
    return `<span class="bk-channel"${attrs({ 'data-channel-id': id })}>#${escapeHtml(name)}</span>`;
  }
  if (target.startsWith('!date^')) return renderDate(target.slice(1), label, ctx);
  if (target.startsWith('!subteam^')) return `<span class="bk-mention">${escapeHtml(label ?? '@group')}</span>`;
  if (target.startsWith('!')) {
    const name = target.slice(1);
    return `<span class="bk-mention bk-broadcast">@${escapeHtml(label ?? name)}</span>`;
  }
  const url = safeUrl(target);
  const text = escapeHtml(label ?? target);
  return url ? `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${text}</a>` : text;
}

const MARK = '\u0000';

/** Inline mrkdwn of one line-run: code spans, `<…>` constructs, *bold*, _italic_, ~strike~. */
function inline(text: string, ctx: RenderContext): string {
  const held: string[] = [];
  const hold = (html: string) => `${MARK}${held.push(html) - 1}${MARK}`;
  let s = text.replaceAll(MARK, '');
  s = s.replace(/`([^`\n]+)`/g, (_, code: string) => hold(`<code>${escapeHtml(decodeEntities(code))}</code>`));
  s = s.replace(/<([^<>\n]+)>/g, (_, body: string) => hold(renderAngle(body, ctx)));
  s = emoji(escapeHtml(decodeEntities(s)));
  // After escaping, quotes are entities: `;` counts as punctuation before a marker.
  s = s.replace(/(^|[^\w*])\*(?=\S)([^*\n]*?[^\s*])\*(?![\w*])/g, '$1<b>$2</b>');
  s = s.replace(/(^|[^\w*])\*([^*\s])\*(?![\w*])/g, '$1<b>$2</b>');
  s = s.replace(/(^|[^\w_])_(?=\S)([^_\n]*?[^\s_])_(?![\w_])/g, '$1<i>$2</i>');
  s = s.replace(/(^|[^\w_])_([^_\s])_(?![\w_])/g, '$1<i>$2</i>');
  s = s.replace(/(^|[^\w~])~(?=\S)([^~\n]*?[^\s~])~(?![\w~])/g, '$1<s>$2</s>');
  return s.replace(new RegExp(`${MARK}(\\d+)${MARK}`, 'g'), (_, i: string) => held[Number(i)] ?? '');
}

const BULLET = /^\s*[•◦▪‣]\s+/;
const NUMBERED = /^\s*(\d+)[.)]\s+/;
const QUOTE = /^(&gt;|>)\s?/;

/** Lines of mrkdwn outside code fences: quotes, bullet and numbered lists, plain lines. */
function lines(text: string, ctx: RenderContext): string {
  const out: string[] = [];
  const rows = text.split('\n');
  for (let i = 0; i < rows.length; ) {
    const row = rows[i]!;
    if (QUOTE.test(row)) {
      const quoted: string[] = [];
      while (i < rows.length && QUOTE.test(rows[i]!)) quoted.push(rows[i++]!.replace(QUOTE, ''));
      out.push(`<blockquote>${quoted.map((q) => inline(q, ctx)).join('<br>')}</blockquote>`);
    } else if (BULLET.test(row)) {
      const items: string[] = [];
      while (i < rows.length && BULLET.test(rows[i]!)) items.push(rows[i++]!.replace(BULLET, ''));
      out.push(`<ul>${items.map((t) => `<li>${inline(t, ctx)}</li>`).join('')}</ul>`);
    } else if (NUMBERED.test(row)) {
      const start = Number(NUMBERED.exec(row)![1]);
      const items: string[] = [];
      while (i < rows.length && NUMBERED.test(rows[i]!)) items.push(rows[i++]!.replace(NUMBERED, ''));
      out.push(`<ol${start !== 1 ? attrs({ start }) : ''}>${items.map((t) => `<li>${inline(t, ctx)}</li>`).join('')}</ol>`);
    } else {
      const plainRows: string[] = [];
      while (i < rows.length && !QUOTE.test(rows[i]!) && !BULLET.test(rows[i]!) && !NUMBERED.test(rows[i]!)) plainRows.push(rows[i++]!);
      out.push(plainRows.map((r) => inline(r, ctx)).join('<br>'));
    }
  }
  // A list or quote is a block of its own: no extra line break around it.
  return out.join('<br>').replace(/<br>(<(?:ul|ol|blockquote)[ >])/g, '$1').replace(/(<\/(?:ul|ol|blockquote)>)<br>/g, '$1');
}

/** Slack mrkdwn -> HTML. */
export function mrkdwn(text: string, ctx: RenderContext): string {
  const parts = text.split('```');
  // An unclosed fence is literal text.
  if (parts.length % 2 === 0) return `<span class="bk-mrkdwn">${lines(text, ctx)}</span>`;
  const html = parts
    .map((part, i) => (i % 2 === 1 ? `<pre>${escapeHtml(decodeEntities(part.replace(/^\n/, '')))}</pre>` : lines(part, ctx)))
    .join('');
  return `<span class="bk-mrkdwn">${html}</span>`;
}

/** A composition text object: plain_text escaped (with emoji), mrkdwn formatted. */
export function textObject(t: unknown, ctx: RenderContext): string {
  if (!isObj(t)) return '';
  const text = str(t.text) ?? '';
  return t.type === 'mrkdwn' ? mrkdwn(text, ctx) : t.emoji === false ? escapeHtml(text) : emoji(escapeHtml(text));
}

/** The text of a plain_text object, for attributes (placeholder, title). */
function plainOf(t: unknown): string | undefined {
  return isObj(t) ? str(t.text) : undefined;
}

// ---------------------------------------------------------------------------
// Elements
// ---------------------------------------------------------------------------

export type Surface = 'message' | 'modal' | 'home';

interface Where {
  surface: Surface;
  blockId: string;
  /** In an input block: the element is part of the form's state, not an action (unless dispatch_action). */
  input?: boolean;
  dispatch?: boolean;
}

function unsupported(kind: string, type: unknown): string {
  return `<div class="${UNSUPPORTED}"${attrs({ 'data-unsupported': String(type) })}>Unsupported ${escapeHtml(kind)}: ${escapeHtml(String(type))}</div>`;
}

/** Data attributes every interactive element carries. */
function common(el: Obj, where: Where, extra: Record<string, string | number | boolean | undefined> = {}): string {
  return attrs({
    'data-type': str(el.type),
    'data-action-id': str(el.action_id),
    'data-block-id': where.blockId,
    'data-dispatch': !where.input || where.dispatch ? 'true' : undefined,
    ...extra,
  });
}

/** A `confirm` dialog, kept hidden next to its element; the page shows it before sending the action. */
function confirmDialog(el: Obj, ctx: RenderContext): string {
  const c = el.confirm;
  if (!isObj(c)) return '';
  return (
    `<template class="bk-confirm"${attrs({ 'data-style': str(c.style) })}>` +
    `<h3 class="bk-confirm-title">${textObject(c.title, ctx)}</h3>` +
    `<div class="bk-confirm-text">${textObject(c.text, ctx)}</div>` +
    `<span class="bk-confirm-yes">${textObject(c.confirm, ctx)}</span><span class="bk-confirm-no">${textObject(c.deny, ctx)}</span>` +
    '</template>'
  );
}

function optionValue(o: unknown): string {
  return isObj(o) ? (str(o.value) ?? '') : '';
}

function optionHtml(o: unknown, selected: Set<string>, ctx: RenderContext): string {
  if (!isObj(o)) return '';
  const value = optionValue(o);
  return `<option${attrs({ value, selected: selected.has(value) })}>${escapeHtml(plainOf(o.text) ?? value)}</option>`;
}

/** Options of a select: flat or in option_groups. */
function selectOptions(el: Obj, selected: Set<string>, ctx: RenderContext): string {
  if (Array.isArray(el.option_groups)) {
    return el.option_groups
      .map((g) => (isObj(g) ? `<optgroup${attrs({ label: plainOf(g.label) ?? '' })}>${arr(g.options).map((o) => optionHtml(o, selected, ctx)).join('')}</optgroup>` : ''))
      .join('');
  }
  return arr(el.options).map((o) => optionHtml(o, selected, ctx)).join('');
}

function placeholderOption(el: Obj, fallback: string, selected: boolean): string {
  return `<option value=""${selected ? ' selected' : ''}>${escapeHtml(plainOf(el.placeholder) ?? fallback)}</option>`;
}

function select(el: Obj, where: Where, ctx: RenderContext, options: string, multi: boolean, hasSelection: boolean): string {
  const size = multi ? ' size="5"' : '';
  return (
    `<select class="bk-select"${common(el, where)}${multi ? ' multiple' : ''}${size}>` +
    (multi ? '' : placeholderOption(el, 'Select an item', !hasSelection)) +
    options +
    `</select>${confirmDialog(el, ctx)}`
  );
}

function peopleOptions(ctx: RenderContext, selected: Set<string>): string {
  return ctx.users
    .filter((u) => u.id !== ctx.botUserId)
    .map((u) => `<option${attrs({ value: u.id, selected: selected.has(u.id) })}>${escapeHtml(u.name)}</option>`).join('');
}

function channelOptions(ctx: RenderContext, selected: Set<string>, onlyChannels: boolean): string {
  return ctx.channels
    .filter((c) => !onlyChannels || !c.isDm)
    .map((c) => `<option${attrs({ value: c.id, selected: selected.has(c.id) })}>${escapeHtml(c.isDm ? c.name : `#${c.name}`)}</option>`)
    .join('');
}

function strings(v: unknown): string[] {
  return arr(v).filter((x): x is string => typeof x === 'string');
}

function choiceList(el: Obj, where: Where, ctx: RenderContext, kind: 'radio' | 'checkbox'): string {
  const selected = new Set(kind === 'radio' ? [optionValue(el.initial_option)].filter(Boolean) : arr(el.initial_options).map(optionValue));
  const name = `${where.blockId}/${str(el.action_id) ?? ''}`;
  const items = arr(el.options)
    .map((o) => {
      if (!isObj(o)) return '';
      const value = optionValue(o);
      const description = o.description ? `<span class="bk-option-description">${textObject(o.description, ctx)}</span>` : '';
      return `<label class="bk-choice"><input${attrs({ type: kind, name, value, checked: selected.has(value) })}><span>${textObject(o.text, ctx)}${description}</span></label>`;
    })
    .join('');
  return `<div class="bk-choices bk-${kind === 'radio' ? 'radios' : 'checkboxes'}"${common(el, where)}>${items}</div>${confirmDialog(el, ctx)}`;
}

function textInput(el: Obj, where: Where, type: string): string {
  const placeholder = plainOf(el.placeholder);
  const initial = str(el.initial_value) ?? '';
  const bounds = {
    maxlength: typeof el.max_length === 'number' ? el.max_length : undefined,
    minlength: typeof el.min_length === 'number' ? el.min_length : undefined,
    placeholder,
  };
  if (el.type === 'plain_text_input' && el.multiline === true) {
    return `<textarea class="bk-text" rows="4"${common(el, where, bounds)}>${escapeHtml(initial)}</textarea>`;
  }
  const number =
    el.type === 'number_input'
      ? { min: str(el.min_value), max: str(el.max_value), step: el.is_decimal_allowed === true ? 'any' : '1', inputmode: el.is_decimal_allowed === true ? 'decimal' : 'numeric' }
      : {};
  return `<input class="bk-text"${common(el, where, { type, value: initial, ...bounds, ...number })}>`;
}

function element(el: unknown, where: Where, ctx: RenderContext): string {
  if (!isObj(el)) return unsupported('element', el);
  switch (el.type) {
    case 'button': {
      const url = str(el.url) ? safeUrl(str(el.url)!) : undefined;
      const style = str(el.style);
      const a = common(el, where, { 'data-value': str(el.value), 'data-url': url, class: `bk-button${style ? ` bk-${style}` : ''}`, type: 'button' });
      return `<button${a}>${textObject(el.text, ctx)}</button>${confirmDialog(el, ctx)}`;
    }
    case 'overflow': {
      const items = arr(el.options)
        .map((o) => (isObj(o) ? `<button type="button" class="bk-overflow-option"${attrs({ 'data-value': optionValue(o) })}>${escapeHtml(plainOf(o.text) ?? '')}</button>` : ''))
        .join('');
      return `<details class="bk-overflow"${common(el, where)}><summary aria-label="More actions" title="More actions">⋮</summary><div class="bk-overflow-menu">${items}</div></details>${confirmDialog(el, ctx)}`;
    }
    case 'image': {
      const url = str(el.image_url) ? safeUrl(str(el.image_url)!) : undefined;
      return url ? `<img class="bk-image-element"${attrs({ src: url, alt: str(el.alt_text) ?? '', loading: 'lazy' })}>` : `<span class="bk-image-element">${escapeHtml(str(el.alt_text) ?? '')}</span>`;
    }
    case 'static_select':
    case 'external_select': {
      const selected = new Set([optionValue(el.initial_option)].filter(Boolean));
      return select(el, where, ctx, selectOptions(el, selected, ctx), false, selected.size > 0);
    }
    case 'multi_static_select':
    case 'multi_external_select': {
      const selected = new Set(arr(el.initial_options).map(optionValue));
      return select(el, where, ctx, selectOptions(el, selected, ctx), true, selected.size > 0);
    }
    case 'users_select': {
      const selected = new Set([str(el.initial_user)].filter((x): x is string => Boolean(x)));
      return select(el, where, ctx, peopleOptions(ctx, selected), false, selected.size > 0);
    }
    case 'multi_users_select':
      return select(el, where, ctx, peopleOptions(ctx, new Set(strings(el.initial_users))), true, true);
    case 'conversations_select':
    case 'channels_select': {
      const initial = str(el.initial_conversation) ?? str(el.initial_channel);
      const selected = new Set(initial ? [initial] : []);
      return select(el, where, ctx, channelOptions(ctx, selected, el.type === 'channels_select'), false, selected.size > 0);
    }
    case 'multi_conversations_select':
    case 'multi_channels_select': {
      const selected = new Set([...strings(el.initial_conversations), ...strings(el.initial_channels)]);
      return select(el, where, ctx, channelOptions(ctx, selected, el.type === 'multi_channels_select'), true, true);
    }
    case 'radio_buttons':
      return choiceList(el, where, ctx, 'radio');
    case 'checkboxes':
      return choiceList(el, where, ctx, 'checkbox');
    case 'datepicker':
      return `<input class="bk-date-input"${common(el, where, { type: 'date', value: str(el.initial_date), title: plainOf(el.placeholder) })}>${confirmDialog(el, ctx)}`;
    case 'timepicker':
      return `<input class="bk-time-input"${common(el, where, { type: 'time', value: str(el.initial_time), 'data-timezone': str(el.timezone), title: plainOf(el.placeholder) })}>${confirmDialog(el, ctx)}`;
    case 'datetimepicker': {
      // Shown as wall-clock time in the viewer's zone; server.ts turns it back into a unix time.
      const initial = typeof el.initial_date_time === 'number' ? new Date(el.initial_date_time * 1000) : undefined;
      const value = initial ? `${localDate(initial, ctx.zone)}T${localTime(initial, ctx.zone)}` : undefined;
      return `<input class="bk-datetime-input"${common(el, where, { type: 'datetime-local', value })}>${confirmDialog(el, ctx)}`;
    }
    case 'plain_text_input':
      return textInput(el, where, 'text');
    case 'url_text_input':
      return textInput(el, where, 'url');
    case 'email_text_input':
      return textInput(el, where, 'email');
    case 'number_input':
      return textInput(el, where, 'number');
    default:
      return unsupported('element', el.type);
  }
}

// ---------------------------------------------------------------------------
// rich_text
// ---------------------------------------------------------------------------

function richInline(el: unknown, ctx: RenderContext): string {
  if (!isObj(el)) return '';
  const style = isObj(el.style) ? el.style : {};
  const wrap = (html: string) => {
    let out = html;
    if (style.code) out = `<code>${out}</code>`;
    if (style.bold) out = `<b>${out}</b>`;
    if (style.italic) out = `<i>${out}</i>`;
    if (style.strike) out = `<s>${out}</s>`;
    return out;
  };
  switch (el.type) {
    case 'text':
      return wrap(escapeHtml(str(el.text) ?? '').replace(/\n/g, '<br>'));
    case 'link': {
      const url = safeUrl(str(el.url) ?? '');
      const text = escapeHtml(str(el.text) ?? str(el.url) ?? '');
      return wrap(url ? `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${text}</a>` : text);
    }
    case 'emoji':
      return EMOJI[str(el.name) ?? ''] ?? escapeHtml(`:${str(el.name) ?? ''}:`);
    case 'user':
      return renderAngle(`@${str(el.user_id) ?? ''}`, ctx);
    case 'channel':
      return renderAngle(`#${str(el.channel_id) ?? ''}`, ctx);
    case 'usergroup':
      return `<span class="bk-mention">@${escapeHtml(str(el.usergroup_id) ?? '')}</span>`;
    case 'broadcast':
      return `<span class="bk-mention bk-broadcast">@${escapeHtml(str(el.range) ?? '')}</span>`;
    case 'date':
      return renderDate(`date^${String(el.timestamp)}^${str(el.format) ?? ''}${str(el.url) ? `^${str(el.url)}` : ''}`, str(el.fallback), ctx);
    default:
      return unsupported('rich text element', el.type);
  }
}

function richPart(part: unknown, ctx: RenderContext): string {
  if (!isObj(part)) return '';
  const inner = () => arr(part.elements).map((e) => richInline(e, ctx)).join('');
  switch (part.type) {
    case 'rich_text_section':
      return `<div class="bk-rich-section">${inner()}</div>`;
    case 'rich_text_quote':
      return `<blockquote>${inner()}</blockquote>`;
    case 'rich_text_preformatted':
      return `<pre>${arr(part.elements).map((e) => richInline(isObj(e) ? { ...e, style: {} } : e, ctx)).join('')}</pre>`;
    case 'rich_text_list': {
      const tag = part.style === 'ordered' ? 'ol' : 'ul';
      const indent = typeof part.indent === 'number' ? part.indent : 0;
      const items = arr(part.elements).map((s) => `<li>${isObj(s) ? arr(s.elements).map((e) => richInline(e, ctx)).join('') : ''}</li>`).join('');
      return `<${tag}${attrs({ style: indent ? `margin-left:${indent * 1.5}em` : undefined })}>${items}</${tag}>`;
    }
    default:
      return unsupported('rich text part', part.type);
  }
}

// ---------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------

export interface BlocksOptions {
  surface: Surface;
  /** Errors from `response_action: errors`, block_id -> message, shown under their input. */
  errors?: Record<string, string>;
}

function block(b: unknown, index: number, ctx: RenderContext, opts: BlocksOptions): string {
  if (!isObj(b)) return unsupported('block', b);
  const blockId = str(b.block_id) ?? `b${index}`;
  const where: Where = { surface: opts.surface, blockId };
  const a = attrs({ 'data-block-id': blockId });
  switch (b.type) {
    case 'header':
      return `<h2 class="bk-header"${a}>${textObject(b.text, ctx)}</h2>`;
    case 'divider':
      return `<hr class="bk-divider"${a}>`;
    case 'section': {
      const text = b.text ? `<div class="bk-section-text">${textObject(b.text, ctx)}</div>` : '';
      const fields = Array.isArray(b.fields) ? `<div class="bk-fields">${b.fields.map((f) => `<div class="bk-field">${textObject(f, ctx)}</div>`).join('')}</div>` : '';
      const accessory = b.accessory ? `<div class="bk-accessory">${element(b.accessory, where, ctx)}</div>` : '';
      return `<div class="bk-section"${a}><div class="bk-section-body">${text}${fields}</div>${accessory}</div>`;
    }
    case 'context': {
      const items = arr(b.elements)
        .map((e) => (isObj(e) && e.type === 'image' ? element(e, where, ctx) : isObj(e) && (e.type === 'mrkdwn' || e.type === 'plain_text') ? `<span>${textObject(e, ctx)}</span>` : unsupported('context element', isObj(e) ? e.type : e)))
        .join('');
      return `<div class="bk-context"${a}>${items}</div>`;
    }
    case 'actions':
      return `<div class="bk-actions"${a}>${arr(b.elements).map((e) => element(e, where, ctx)).join('')}</div>`;
    case 'image': {
      const url = str(b.image_url) ? safeUrl(str(b.image_url)!) : undefined;
      const title = b.title ? `<div class="bk-image-title">${textObject(b.title, ctx)}</div>` : '';
      const img = url ? `<img${attrs({ src: url, alt: str(b.alt_text) ?? '', loading: 'lazy' })}>` : escapeHtml(str(b.alt_text) ?? '');
      return `<figure class="bk-image"${a}>${title}${img}</figure>`;
    }
    case 'input': {
      const inputWhere: Where = { ...where, input: true, dispatch: b.dispatch_action === true };
      const optional = b.optional === true ? '<span class="bk-optional">(optional)</span>' : '';
      const hint = b.hint ? `<div class="bk-hint">${textObject(b.hint, ctx)}</div>` : '';
      const error = opts.errors?.[blockId];
      const errorHtml = `<div class="bk-field-error" role="alert"${error ? '' : ' hidden'}>${error ? escapeHtml(error) : ''}</div>`;
      return (
        `<div class="bk-input${error ? ' bk-has-error' : ''}"${a}${attrs({ 'data-optional': b.optional === true ? 'true' : undefined })}>` +
        `<label class="bk-label">${textObject(b.label, ctx)} ${optional}</label>` +
        `${element(b.element, inputWhere, ctx)}${hint}${errorHtml}</div>`
      );
    }
    case 'rich_text':
      return `<div class="bk-rich-text"${a}>${arr(b.elements).map((p) => richPart(p, ctx)).join('')}</div>`;
    default:
      return unsupported('block', b.type);
  }
}

export function renderBlocks(blocks: unknown[], ctx: RenderContext, opts: BlocksOptions): string {
  return `<div class="bk-blocks">${blocks.map((b, i) => block(b, i, ctx, opts)).join('')}</div>`;
}

// ---------------------------------------------------------------------------
// Surfaces
// ---------------------------------------------------------------------------

function initials(name: string): string {
  return (name.match(/\b\p{L}/gu) ?? ['?']).slice(0, 2).join('').toUpperCase();
}

/** One message as a Slack client lists it: author, time, blocks (or its text), thread and ephemeral marks. */
export function renderMessage(m: WsMessage, ctx: RenderContext, opts: { inThread?: boolean } = {}): string {
  const isApp = m.userId === ctx.botUserId;
  const author = isApp ? 'Convene' : (userName(ctx, m.userId) ?? m.userId);
  const time = formatClock(new Date(Number(m.ts) * 1000), ctx.zone);
  const blocks = Array.isArray(m.blocks) && m.blocks.length > 0 ? m.blocks : undefined;
  const body = blocks ? renderBlocks(blocks, ctx, { surface: 'message' }) : `<div class="bk-text-message">${mrkdwn(m.text ?? '', ctx)}</div>`;
  const ephemeral = m.ephemeralFor ? '<div class="msg-ephemeral">👁 Only visible to you</div>' : '';
  const edited = m.edited ? ' <span class="msg-edited">(edited)</span>' : '';
  const replies =
    !opts.inThread && m.replyCount > 0
      ? `<button type="button" class="msg-replies"${attrs({ 'data-thread-ts': m.ts })}>${m.replyCount} ${m.replyCount === 1 ? 'reply' : 'replies'}</button>`
      : !opts.inThread && !m.threadTs && !m.ephemeralFor
        ? `<button type="button" class="msg-reply"${attrs({ 'data-thread-ts': m.ts, title: 'Reply in thread' })}>💬 Reply</button>`
        : '';
  const classes = ['msg', isApp ? 'msg-app' : 'msg-person', m.ephemeralFor ? 'msg-is-ephemeral' : ''].filter(Boolean).join(' ');
  return (
    `<article class="${classes}"${attrs({ 'data-channel': m.channel, 'data-ts': m.ts, 'data-thread-ts': m.threadTs })}>` +
    `<div class="msg-avatar${isApp ? ' msg-avatar-app' : ''}" aria-hidden="true">${escapeHtml(isApp ? 'C' : initials(author))}</div>` +
    `<div class="msg-main">${ephemeral}<div class="msg-head"><span class="msg-author">${escapeHtml(author)}</span>${isApp ? '<span class="msg-app-badge">APP</span>' : ''}` +
    `<time class="msg-time"${attrs({ title: m.ts })}>${escapeHtml(time)}</time>${edited}</div>` +
    `${body}${replies}</div></article>`
  );
}

/** A modal as a dialog: title, blocks (inputs with their errors), close and submit. */
export function renderModal(v: WsView, ctx: RenderContext, errors: Record<string, string> = {}): string {
  const view = v.view;
  const blocks = arr(view.blocks);
  const submit = view.submit ? `<button type="submit" class="bk-button bk-primary modal-submit">${textObject(view.submit, ctx)}</button>` : '';
  const close = `<button type="button" class="bk-button modal-close">${view.close ? textObject(view.close, ctx) : 'Close'}</button>`;
  return (
    `<form class="modal"${attrs({ 'data-view-id': v.id, 'data-callback-id': str(view.callback_id), 'data-stack-index': v.stackIndex })} novalidate>` +
    `<header class="modal-head"><h2 class="modal-title">${textObject(view.title, ctx)}</h2><button type="button" class="modal-x" aria-label="Close">×</button></header>` +
    `<div class="modal-body">${renderBlocks(blocks, ctx, { surface: 'modal', errors })}</div>` +
    `<footer class="modal-foot">${close}${submit}</footer></form>`
  );
}

/** The App Home tab. */
export function renderHome(v: WsView, ctx: RenderContext): string {
  return `<div class="home"${attrs({ 'data-view-id': v.id })}>${renderBlocks(arr(v.view.blocks), ctx, { surface: 'home' })}</div>`;
}
