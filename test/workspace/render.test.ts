// The local workspace's Block Kit renderer: mrkdwn, dates in the viewer's zone, escaping,
// every element the app's modals use, and the placeholder for what it doesn't draw.
import { describe, expect, it } from 'vitest';
import { checkboxes, datePicker, radios, staticSelect, textInput, input, modal } from '../../src/lib/slack/modal.js';
import { actions, button, context, divider, fields, header, section } from '../../src/lib/slack/blocks.js';
import { slackDateTime, slackDay, zonedInstant } from '../../src/lib/time.js';
import { mrkdwn, renderBlocks, renderHome, renderMessage, renderModal, type RenderContext, UNSUPPORTED } from '../../src/workspace/web/render.js';
import { VIEW_CATALOG } from '../support/view-catalog.js';

const ctx: RenderContext = {
  zone: 'America/Los_Angeles',
  now: new Date('2027-01-15T18:00:00Z'),
  users: [
    { id: 'UALA', name: 'Alma Alvarez' },
    { id: 'UPLA', name: 'Pat <script>' },
  ],
  channels: [
    { id: 'CPET', name: 'ig-petitions' },
    { id: 'DALA', name: 'Convene', isDm: true },
  ],
  botUserId: 'UBOT',
};

/** The text a reader sees: tags dropped, the entities the renderer wrote read back. */
function visible(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('mrkdwn', () => {
  it('formats bold, italic, strike, code and preformatted text', () => {
    const html = mrkdwn('*Data* and _measurement_ ~old~ `a*b*c` x\n```\n*not bold*\n```', ctx);
    expect(html).toContain('<b>Data</b>');
    expect(html).toContain('<i>measurement</i>');
    expect(html).toContain('<s>old</s>');
    expect(html).toContain('<code>a*b*c</code>');
    expect(html).toContain('<pre>*not bold*\n</pre>');
    expect(html).not.toContain('<b>not bold</b>');
  });

  it('leaves markers inside words and unmatched markers alone', () => {
    const html = mrkdwn('snake_case_name 2*3 and *unclosed', ctx);
    expect(visible(html)).toBe('snake_case_name 2*3 and *unclosed');
    expect(html).not.toContain('<i>');
    expect(html).not.toContain('<b>');
  });

  it('draws quotes and bullet and numbered lists', () => {
    const html = mrkdwn('Intro\n> quoted *line*\n&gt; second\n• one\n• two\n1. first\n2. second', ctx);
    expect(html).toContain('<blockquote>quoted <b>line</b><br>second</blockquote>');
    expect(html).toContain('<ul><li>one</li><li>two</li></ul>');
    expect(html).toContain('<ol><li>first</li><li>second</li></ol>');
  });

  it('shows links, people by name, channels by name and broadcasts', () => {
    const html = mrkdwn('See <https://example.org/a?b=1&amp;c=2|the *form*>, <https://x.test>, <@UALA>, <@UNKNOWN|someone>, <#CPET>, <#CZZZ|other> <!here> <!channel>', ctx);
    expect(html).toContain('<a href="https://example.org/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">the *form*</a>');
    expect(html).toContain('>https://x.test</a>');
    expect(visible(html)).toContain('@Alma Alvarez, @someone, #ig-petitions, #other @here @channel');
  });

  it('never turns a javascript: link into an href', () => {
    const html = mrkdwn('<javascript:alert(1)|click>', ctx);
    expect(html).not.toContain('href');
    expect(visible(html)).toBe('click');
  });

  it('escapes everything: entities decode once, raw HTML never gets through', () => {
    const html = mrkdwn('a &lt;b&gt; &amp;lt; <b>bold?</b> "q" \'s\'', ctx);
    expect(html).not.toMatch(/<b>bold\?<\/b>/);
    expect(html).not.toContain('<script');
    // `<b>` in mrkdwn is not HTML: Slack shows its inside as text.
    expect(visible(html)).toBe('a <b> &lt; bbold?/b "q" \'s\'');
    // A name from the directory is escaped too.
    const named = mrkdwn('<@UPLA>', ctx);
    expect(named).toContain('@Pat &lt;script&gt;');
  });

  it('turns the emoji shortcodes Convene uses into emoji, and leaves times alone', () => {
    expect(visible(mrkdwn(':white_check_mark: Done at 10:00:00 :made_up:', ctx))).toBe('✅ Done at 10:00:00 :made_up:');
  });
});

describe('<!date^…> tokens', () => {
  it("show the instant in the viewer's zone, with the fallback as a title", () => {
    const at = zonedInstant('2027-01-20', '10:00', 'America/Chicago');
    const token = slackDateTime(at, 'America/Chicago');
    const html = mrkdwn(`Opens ${token}`, ctx);
    // 10:00 Central is 8:00 Pacific; Jan 20 is neither today nor tomorrow.
    expect(visible(html)).toBe('Opens Jan 20, 2027 8:00 AM');
    expect(html).toContain('title="Wed, Jan 20, 2027 10:00 AM CST"');
    const tokyo = mrkdwn(token, { ...ctx, zone: 'Asia/Tokyo' });
    expect(visible(tokyo)).toBe('Jan 21, 2027 1:00 AM');
  });

  it('say today, tomorrow and the long forms relative to the workspace clock', () => {
    const today = zonedInstant('2027-01-15', '15:30', 'America/Los_Angeles');
    expect(visible(mrkdwn(slackDateTime(today, 'America/Chicago'), ctx))).toBe('today 3:30 PM');
    const tomorrow = zonedInstant('2027-01-16', '09:00', 'America/Los_Angeles');
    expect(visible(mrkdwn(slackDay(tomorrow, 'America/Chicago'), ctx))).toBe('tomorrow');
    const later = zonedInstant('2027-03-01', '09:00', 'America/Los_Angeles');
    expect(visible(mrkdwn(slackDay(later, 'America/Chicago'), ctx))).toBe('Monday, March 1st, 2027');
    expect(visible(mrkdwn(`<!date^${later.getTime() / 1000}^{date_num} {date_slash} {date} {time_secs}|x>`, ctx))).toBe('2027-03-01 03/01/2027 March 1st, 2027 9:00:00 AM');
  });

  it('fall back to the fallback text when the time is not a number', () => {
    expect(visible(mrkdwn('<!date^soon^{date}|March 1>', ctx))).toBe('March 1');
  });
});

describe('blocks', () => {
  it('renders header, section with fields and accessory, context, divider and actions with their data attributes', () => {
    const blocks = [
      header('Interest groups'),
      section('*Data & Measurement*', { block_id: 'group-1', accessory: button('Details', 'directory.info', '1') }),
      fields(['*Kind*\nInterest group', '*Level*\nCore']),
      context('Page 1 of 2'),
      divider(),
      actions([button('Join', 'directory.join', '7', 'primary'), button('Leave', 'directory.leave', '7', 'danger')], 'acts'),
    ];
    const html = renderBlocks(blocks, ctx, { surface: 'message' });
    expect(html).not.toContain(UNSUPPORTED);
    expect(html).toContain('<h2 class="bk-header" data-block-id="b0">Interest groups</h2>');
    expect(html).toContain('<b>Data &amp; Measurement</b>');
    expect(html).toMatch(/<button data-type="button" data-action-id="directory.info" data-block-id="group-1" data-dispatch="true" data-value="1"/);
    expect(html).toContain('class="bk-button bk-primary"');
    expect(html).toContain('class="bk-button bk-danger"');
    expect(html).toContain('<hr class="bk-divider"');
    expect(html).toContain('<div class="bk-field"><span class="bk-mrkdwn"><b>Kind</b><br>Interest group</span></div>');
  });

  it('keeps a confirm dialog next to its button, and draws an overflow menu with its options', () => {
    const blocks = [
      actions([{ ...button('Approve', 'petition.approve', '3', 'primary'), confirm: { title: { type: 'plain_text', text: 'Approve?' }, text: { type: 'mrkdwn', text: 'Creates *the channel*' }, confirm: { type: 'plain_text', text: 'Approve' }, deny: { type: 'plain_text', text: 'Not yet' } } }]),
      section('Slot', { accessory: { type: 'overflow', action_id: 'igweek.slot', options: [{ text: { type: 'plain_text', text: 'Edit session details' }, value: 'details:4' }] } }),
    ];
    const html = renderBlocks(blocks, ctx, { surface: 'message' });
    expect(html).toContain('<template class="bk-confirm"><h3 class="bk-confirm-title">Approve?</h3><div class="bk-confirm-text"><span class="bk-mrkdwn">Creates <b>the channel</b></span></div>');
    expect(html).toContain('<span class="bk-confirm-no">Not yet</span>');
    expect(html).toContain('<details class="bk-overflow" data-type="overflow" data-action-id="igweek.slot"');
    expect(html).toContain('<button type="button" class="bk-overflow-option" data-value="details:4">Edit session details</button>');
  });

  it('renders rich_text sections, lists, quotes and code', () => {
    const html = renderBlocks(
      [
        {
          type: 'rich_text',
          elements: [
            { type: 'rich_text_section', elements: [{ type: 'text', text: 'Hi ', style: { bold: true } }, { type: 'user', user_id: 'UALA' }, { type: 'emoji', name: 'wave' }] },
            { type: 'rich_text_list', style: 'ordered', elements: [{ type: 'rich_text_section', elements: [{ type: 'link', url: 'https://a.test', text: 'a' }] }] },
            { type: 'rich_text_quote', elements: [{ type: 'text', text: '<q>' }] },
            { type: 'rich_text_preformatted', elements: [{ type: 'text', text: 'x = 1' }] },
          ],
        },
      ],
      ctx,
      { surface: 'message' },
    );
    expect(html).not.toContain(UNSUPPORTED);
    expect(html).toContain('<b>Hi </b>');
    expect(visible(html)).toContain('@Alma Alvarez👋');
    expect(html).toContain('<ol><li><a href="https://a.test"');
    expect(html).toContain('<blockquote>&lt;q&gt;</blockquote>');
    expect(html).toContain('<pre>x = 1</pre>');
  });

  it('shows a visible placeholder for a block or element it does not draw', () => {
    const html = renderBlocks([{ type: 'video', title: { type: 'plain_text', text: 'v' } }, section('x', { accessory: { type: 'workflow_button', text: { type: 'plain_text', text: 'w' } } })], ctx, { surface: 'message' });
    expect(html).toContain(`<div class="${UNSUPPORTED}" data-unsupported="video">Unsupported block: video</div>`);
    expect(html).toContain('Unsupported element: workflow_button');
  });
});

describe('modals', () => {
  const form = modal(
    'petition.form',
    'New interest group',
    [
      input('name', 'Name', textInput({ initial: 'Rare <Books>', max: 80, placeholder: 'A name' })),
      input('purpose', 'Purpose', textInput({ multiline: true })),
      input('level', 'Level', radios([{ text: 'Core', value: 'core' }, { text: 'ALA', value: 'ala' }], 'ala')),
      input('kind', 'Kinds', checkboxes([{ text: 'One', value: '1' }, { text: 'Two', value: '2' }], ['2']), { optional: true, hint: 'Pick any' }),
      input('group', 'Group', staticSelect([{ text: 'A', value: 'a' }, { text: 'B', value: 'b' }], 'b')),
      input('tags', 'Tags', { type: 'multi_static_select', options: [{ text: { type: 'plain_text', text: 'T1' }, value: 't1' }], initial_options: [{ text: { type: 'plain_text', text: 'T1' }, value: 't1' }] }),
      input('leader', 'Leader', { type: 'users_select', initial_user: 'UALA' }),
      input('leaders', 'Leaders', { type: 'multi_users_select', initial_users: ['UPLA'] }),
      input('where', 'Channel', { type: 'conversations_select', initial_conversation: 'CPET' }),
      input('chan', 'Public channel', { type: 'channels_select' }),
      input('day', 'Day', datePicker('2027-02-01')),
      input('time', 'Time', { type: 'timepicker', initial_time: '10:30', timezone: 'America/Chicago' }),
      input('practice', 'Practice', { type: 'datetimepicker', initial_date_time: Math.floor(zonedInstant('2027-02-01', '09:00', 'America/Chicago').getTime() / 1000) }),
      input('link', 'Link', { type: 'url_text_input' }),
      input('count', 'Count', { type: 'number_input', is_decimal_allowed: false, min_value: '1' }),
    ],
    { submit: 'Submit' },
  );

  it('draws every input element with its initial value, and the errors on their fields', () => {
    const html = renderModal({ id: 'V1', type: 'modal', view: form as unknown as Record<string, unknown>, userId: 'UALA', stackIndex: 0 }, ctx, { name: 'That name is taken.' });
    expect(html).not.toContain(UNSUPPORTED);
    expect(html).toContain('<form class="modal" data-view-id="V1" data-callback-id="petition.form" data-stack-index="0" novalidate>');
    expect(html).toContain('value="Rare &lt;Books&gt;" maxlength="80" placeholder="A name"');
    expect(html).toMatch(/<textarea class="bk-text" rows="4" data-type="plain_text_input" data-action-id="purpose" data-block-id="purpose">/);
    expect(html).toContain('<input type="radio" name="level/level" value="ala" checked>');
    expect(html).toContain('<input type="checkbox" name="kind/kind" value="2" checked>');
    expect(html).toContain('<option value="b" selected>B</option>');
    expect(html).toContain('<option value="t1" selected>T1</option>');
    expect(html).toContain('<option value="UALA" selected>Alma Alvarez</option>');
    expect(html).toMatch(/multiple size="5"><option value="UALA">Alma Alvarez<\/option><option value="UPLA" selected>/);
    expect(html).toContain('<option value="CPET" selected>#ig-petitions</option>');
    expect(html).not.toMatch(/data-action-id="chan"[^]*?<option value="DALA"/);
    expect(html).toContain('type="date" value="2027-02-01"');
    expect(html).toContain('type="time" value="10:30" data-timezone="America/Chicago"');
    // 9:00 Central is 7:00 for a viewer in Los Angeles.
    expect(html).toContain('type="datetime-local" value="2027-02-01T07:00"');
    expect(html).toContain('type="url"');
    expect(html).toContain('type="number" value="" min="1" step="1" inputmode="numeric"');
    expect(html).toContain('<div class="bk-hint">Pick any</div>');
    expect(html).toContain('<span class="bk-optional">(optional)</span>');
    expect(html).toContain('<div class="bk-input bk-has-error" data-block-id="name">');
    expect(html).toContain('<div class="bk-field-error" role="alert">That name is taken.</div>');
    expect(html).toContain('<button type="submit" class="bk-button bk-primary modal-submit">Submit</button>');
    // Inputs are form state, not actions.
    expect(html).not.toMatch(/data-action-id="name" data-block-id="name" data-dispatch/);
  });
});

describe('messages', () => {
  it('signs the app\'s messages, marks ephemeral ones and counts thread replies', () => {
    const html = renderMessage({ channel: 'CPET', ts: '1800000000.000100', userId: 'UBOT', text: 'fallback', blocks: [section('Petition *#3*')], replyCount: 2, ephemeralFor: 'UALA' }, ctx);
    expect(html).toContain('<span class="msg-author">Convene</span>');
    expect(html).toContain('Only visible to you');
    expect(html).toContain('2 replies');
    expect(html).toContain('Petition <b>#3</b>');
    expect(html).not.toContain('fallback');
    const person = renderMessage({ channel: 'CPET', ts: '1800000000.000200', userId: 'UPLA', text: 'I *support* this &lt;3', replyCount: 0, edited: true }, ctx);
    expect(person).toContain('<span class="msg-author">Pat &lt;script&gt;</span>');
    expect(person).toContain('I <b>support</b> this &lt;3');
    expect(person).toContain('(edited)');
  });
});

describe('every view the app has (test/support/view-catalog.ts)', () => {
  const entries = VIEW_CATALOG.map((e) => [e.name, e] as const);

  it('is a long list', () => {
    expect(entries.length).toBeGreaterThan(50);
  });

  it.each(entries)('%s renders with no unsupported placeholder', (_name, entry) => {
    const payload = entry.build() as Record<string, unknown>;
    let html: string;
    if (entry.kind === 'message') {
      html = renderMessage({ channel: 'CPET', ts: '1800000000.000100', userId: 'UBOT', text: String(payload.text ?? ''), blocks: payload.blocks as unknown[] | undefined, replyCount: 0 }, ctx);
    } else {
      const view = { id: 'V1', type: entry.kind, view: payload, userId: 'UALA', stackIndex: 0 };
      html = entry.kind === 'modal' ? renderModal(view, ctx) : renderHome(view, ctx);
    }
    expect(html).not.toContain(UNSUPPORTED);
    expect(html).not.toMatch(/<script|javascript:/i);
    // Every block became something on the page.
    const blocks = Array.isArray(payload.blocks) ? payload.blocks : [];
    expect(html.match(/data-block-id="/g)?.length ?? 0).toBeGreaterThanOrEqual(blocks.length);
  });
});
