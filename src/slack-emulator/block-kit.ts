/**
 * Block Kit validation for the fake Slack API: the limits Slack enforces when it
 * rejects a message or view. Rules are tables of field specs, so adding a limit
 * is one line. Errors are Slack-style: `[ERROR] <what> [json-pointer:/blocks/0/text/text]`.
 *
 * Not a full schema: unknown fields are ignored, only the limits that real apps
 * trip over are checked.
 */

type Obj = Record<string, unknown>;

export class BlockKitErrors {
  readonly messages: string[] = [];
  add(pointer: string, message: string): void {
    this.messages.push(`[ERROR] ${message} [json-pointer:${pointer}]`);
  }
  get ok(): boolean {
    return this.messages.length === 0;
  }
}

/** A rule for one field value. `required` is checked by the enclosing object. */
interface Spec {
  required?: boolean;
  check(errs: BlockKitErrors, value: unknown, pointer: string): void;
}
type Fields = Record<string, Spec>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

// ---------------------------------------------------------------------------
// Spec constructors
// ---------------------------------------------------------------------------

function str(max: number, opts: { required?: boolean } = {}): Spec {
  return {
    ...opts,
    check(errs, v, p) {
      if (typeof v !== 'string') return errs.add(p, 'must be a string');
      if (v.length > max) errs.add(p, `must be less than ${max + 1} characters`);
    },
  };
}

function oneOf(values: string[], opts: { required?: boolean } = {}): Spec {
  return {
    ...opts,
    check(errs, v, p) {
      if (typeof v !== 'string' || !values.includes(v)) errs.add(p, `must be one of: ${values.join(', ')}`);
    },
  };
}

/** A composition text object `{ type: 'plain_text' | 'mrkdwn', text }`. */
function text(max: number, opts: { plain?: boolean; required?: boolean } = {}): Spec {
  return {
    required: opts.required,
    check(errs, v, p) {
      if (!isObj(v)) return errs.add(p, 'must provide an object');
      if (v.type === undefined) errs.add(`${p}/type`, 'missing required field: type');
      else if (v.type !== 'plain_text' && v.type !== 'mrkdwn') errs.add(`${p}/type`, 'must be plain_text or mrkdwn');
      else if (opts.plain && v.type !== 'plain_text') errs.add(`${p}/type`, 'must be plain_text (mrkdwn is not allowed here)');
      if (v.text === undefined) return errs.add(`${p}/text`, 'missing required field: text');
      if (typeof v.text !== 'string') return errs.add(`${p}/text`, 'must be a string');
      if (v.text.length === 0) errs.add(`${p}/text`, 'must be more than 0 characters');
      if (v.text.length > max) errs.add(`${p}/text`, `must be less than ${max + 1} characters`);
    },
  };
}

function list(max: number, item: Spec, opts: { required?: boolean; min?: number } = {}): Spec {
  return {
    required: opts.required,
    check(errs, v, p) {
      if (!Array.isArray(v)) return errs.add(p, 'must be an array');
      if (v.length < (opts.min ?? 0)) errs.add(p, `must have at least ${opts.min} items`);
      if (v.length > max) errs.add(p, `no more than ${max} items allowed`);
      v.forEach((x, i) => item.check(errs, x, `${p}/${i}`));
    },
  };
}

function obj(fields: Fields, opts: { required?: boolean } = {}): Spec {
  return { ...opts, check: (errs, v, p) => checkFields(errs, v, p, fields) };
}

function checkFields(errs: BlockKitErrors, v: unknown, p: string, fields: Fields): void {
  if (!isObj(v)) return errs.add(p, 'must provide an object');
  for (const [key, spec] of Object.entries(fields)) {
    const value = v[key];
    if (value === undefined || value === null) {
      if (spec.required) errs.add(p, `missing required field: ${key}`);
    } else {
      spec.check(errs, value, `${p}/${key}`);
    }
  }
}

/** An object whose `type` selects its field table (blocks, elements). */
function typed(table: Record<string, Fields>, what: string, opts: { required?: boolean } = {}): Spec {
  return {
    ...opts,
    check(errs, v, p) {
      if (!isObj(v)) return errs.add(p, 'must provide an object');
      if (typeof v.type !== 'string') return errs.add(p, 'missing required field: type');
      const fields = table[v.type];
      if (!fields) return errs.add(`${p}/type`, `unknown ${what} type: ${v.type}`);
      checkFields(errs, v, p, fields);
    },
  };
}

// ---------------------------------------------------------------------------
// Composition objects and elements
// ---------------------------------------------------------------------------

const actionId = str(255);
const placeholder = text(150, { plain: true });
const confirm = obj({
  title: text(100, { plain: true, required: true }),
  text: text(300, { required: true }),
  confirm: text(30, { plain: true, required: true }),
  deny: text(30, { plain: true, required: true }),
});
/** Options in select menus/overflow must be plain_text; checkboxes/radios allow mrkdwn. */
const option = (plain: boolean) =>
  obj({ text: text(75, { plain, required: true }), value: str(150, { required: true }), description: text(75, { plain }) });
const selectOptions = list(100, option(true));
const optionGroups = list(100, obj({ label: text(75, { plain: true, required: true }), options: list(100, option(true), { required: true }) }));

const selectFields: Fields = { action_id: actionId, placeholder, confirm };
const imageElement: Fields = { image_url: str(3000), alt_text: str(2000, { required: true }) };

export const ELEMENTS: Record<string, Fields> = {
  button: {
    text: text(75, { plain: true, required: true }),
    action_id: actionId,
    value: str(2000),
    url: str(3000),
    style: oneOf(['primary', 'danger']),
    confirm,
  },
  static_select: { ...selectFields, options: selectOptions, option_groups: optionGroups, initial_option: option(true) },
  multi_static_select: { ...selectFields, options: selectOptions, option_groups: optionGroups, initial_options: selectOptions },
  external_select: selectFields,
  multi_external_select: selectFields,
  users_select: selectFields,
  multi_users_select: selectFields,
  conversations_select: selectFields,
  multi_conversations_select: selectFields,
  channels_select: selectFields,
  multi_channels_select: selectFields,
  overflow: { action_id: actionId, options: list(5, option(true), { required: true, min: 1 }), confirm },
  checkboxes: { action_id: actionId, options: list(10, option(false), { required: true }), confirm },
  radio_buttons: { action_id: actionId, options: list(10, option(false), { required: true }), confirm },
  datepicker: { ...selectFields },
  timepicker: { ...selectFields },
  datetimepicker: { action_id: actionId, confirm },
  plain_text_input: { action_id: actionId, placeholder, initial_value: str(3000) },
  email_text_input: { action_id: actionId, placeholder },
  url_text_input: { action_id: actionId, placeholder },
  number_input: { action_id: actionId, placeholder },
  rich_text_input: { action_id: actionId, placeholder },
  file_input: { action_id: actionId },
  workflow_button: { text: text(75, { plain: true, required: true }), action_id: actionId },
  image: imageElement,
};

const element = (opts: { required?: boolean } = {}) => typed(ELEMENTS, 'element', opts);

/** Context blocks take only text objects and image elements. */
const contextElement: Spec = {
  check(errs, v, p) {
    if (isObj(v) && v.type === 'image') return checkFields(errs, v, p, imageElement);
    text(3000).check(errs, v, p);
  },
};

// ---------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------

const anything: Spec = { check() {} };

export const BLOCKS: Record<string, Fields> = {
  section: { text: text(3000), fields: list(10, text(2000)), accessory: element() },
  header: { text: text(150, { plain: true, required: true }) },
  divider: {},
  context: { elements: list(10, contextElement, { required: true, min: 1 }) },
  actions: { elements: list(25, element(), { required: true, min: 1 }) },
  input: {
    label: text(2000, { plain: true, required: true }),
    element: element({ required: true }),
    hint: text(2000, { plain: true }),
  },
  image: { image_url: str(3000), alt_text: str(2000, { required: true }), title: text(2000, { plain: true }) },
  markdown: { text: str(12000, { required: true }) },
  rich_text: { elements: list(Number.POSITIVE_INFINITY, anything, { required: true }) },
  video: { title: text(200, { plain: true, required: true }), video_url: str(3000, { required: true }) },
  file: { external_id: str(255, { required: true }) },
  table: { rows: list(100, anything, { required: true }) },
  call: {},
};

/** Rules that span fields or blocks, which the per-field tables can't express. */
function checkBlockList(errs: BlockKitErrors, blocks: unknown, pointer: string, max: number): void {
  if (!Array.isArray(blocks)) return errs.add(pointer, 'must be an array');
  if (blocks.length > max) errs.add(pointer, `no more than ${max} items allowed`);
  const seen = new Set<string>();
  blocks.forEach((block, i) => {
    const p = `${pointer}/${i}`;
    typed(BLOCKS, 'block').check(errs, block, p);
    if (!isObj(block)) return;
    if (block.block_id !== undefined) {
      str(255).check(errs, block.block_id, `${p}/block_id`);
      if (typeof block.block_id === 'string') {
        if (seen.has(block.block_id)) errs.add(`${p}/block_id`, `duplicate block_id: ${block.block_id}`);
        seen.add(block.block_id);
      }
    }
    // Block Kit: an element's action_id "should be unique among all other action_ids in the
    // containing block"; Slack refuses the whole message or view when two repeat (invalid_blocks).
    // Across blocks the same action_id is allowed (a Claim button on every slot section).
    if (Array.isArray(block.elements)) {
      const actionIds = new Set<string>();
      block.elements.forEach((el, j) => {
        if (!isObj(el) || typeof el.action_id !== 'string') return;
        if (actionIds.has(el.action_id)) errs.add(`${p}/elements/${j}/action_id`, `duplicate action_id: ${el.action_id}`);
        actionIds.add(el.action_id);
      });
    }
    if (block.type === 'section' && block.text === undefined && block.fields === undefined) {
      errs.add(p, 'must provide either text or fields');
    }
    if (block.type === 'image' && block.image_url === undefined && block.slack_file === undefined) {
      errs.add(p, 'must provide either image_url or slack_file');
    }
  });
}

export const LIMITS = { messageBlocks: 50, viewBlocks: 100, messageText: 40000 } as const;

/** Validates a message's `blocks` (chat.postMessage / update / postEphemeral, response_url). */
export function validateMessageBlocks(blocks: unknown): BlockKitErrors {
  const errs = new BlockKitErrors();
  checkBlockList(errs, blocks, '/blocks', LIMITS.messageBlocks);
  return errs;
}

const VIEW_COMMON: Fields = {
  callback_id: str(255),
  private_metadata: str(3000),
  external_id: str(255),
};
const MODAL: Fields = {
  ...VIEW_COMMON,
  title: text(24, { plain: true, required: true }),
  submit: text(24, { plain: true }),
  close: text(24, { plain: true }),
};

/** Validates a view payload (views.open/push/update/publish, response_action update/push). */
export function validateView(view: unknown, pointer = '/view'): BlockKitErrors {
  const errs = new BlockKitErrors();
  if (!isObj(view)) {
    errs.add(pointer, 'must provide an object');
    return errs;
  }
  if (view.type === 'modal') checkFields(errs, view, pointer, MODAL);
  else if (view.type === 'home') checkFields(errs, view, pointer, VIEW_COMMON);
  else errs.add(`${pointer}/type`, 'must be modal or home');
  if (view.blocks === undefined) errs.add(pointer, 'missing required field: blocks');
  else checkBlockList(errs, view.blocks, `${pointer}/blocks`, LIMITS.viewBlocks);
  // Slack refuses a modal with inputs but no way to submit them.
  const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isObj(b) && b.type === 'input');
  if (view.type === 'modal' && hasInput && view.submit === undefined) {
    errs.add(pointer, 'missing required field: submit (required when the view contains input blocks)');
  }
  return errs;
}
