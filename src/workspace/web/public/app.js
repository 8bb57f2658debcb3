// The local workspace page: a small Slack client for what Convene uses. Plain ES module, no build.
// The server renders every message, modal and App Home to HTML (render.ts, all text escaped
// there); this file only places that HTML, sends what the person does, and listens to
// /ws/events to refetch what changed.

const $ = (id) => document.getElementById(id);

const state = {
  viewer: localStorage.getItem('convene.viewer') || '',
  people: [],
  channels: [],
  commands: [],
  dm: '',
  now: '',
  /** { kind: 'channel', id } or { kind: 'app', tab: 'home' | 'messages' } */
  current: JSON.parse(localStorage.getItem('convene.current') || 'null') || { kind: 'channel', name: 'general' },
  thread: null, // { channel, ts }
  unread: new Set(),
  events: null,
  modalsShown: '',
};

// ---------------------------------------------------------------------------
// Talking to the server
// ---------------------------------------------------------------------------

async function getJson(path) {
  const res = await fetch(path, { cache: 'no-store' });
  const body = await res.json().catch(() => ({ ok: false, error: `${res.status} ${res.statusText}` }));
  if (!res.ok) throw new Error(body.error || `${res.status} ${res.statusText}`);
  return body;
}

async function post(path, body) {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await res.json().catch(() => ({ ok: false, error: `${res.status} ${res.statusText}` }));
  if (!res.ok && json.ok !== false) json.ok = false;
  return json;
}

function toast(text, kind = 'info') {
  const el = document.createElement('div');
  el.className = `toast ${kind}`;
  el.textContent = text;
  $('toasts').append(el);
  setTimeout(() => el.remove(), kind === 'error' ? 6000 : 3500);
}

/** Reports a facade error ({ ok: false, error }) as a toast; true when it was one. */
function failed(result) {
  if (result && result.ok === false) {
    toast(result.error || 'That did not work', 'error');
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// State, sidebar, person switcher, clock
// ---------------------------------------------------------------------------

function me() {
  return state.people.find((p) => p.id === state.viewer);
}

function formatNow(iso) {
  const zone = me()?.tz || 'UTC';
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(new Date(iso));
  } catch {
    return new Date(iso).toUTCString();
  }
}

function renderClock() {
  $('clock-now').textContent = formatNow(state.now);
  $('clock-now').dateTime = state.now;
  const zone = me()?.tz || 'UTC';
  // The earliest day one can jump to: tomorrow in the viewer's zone.
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.parse(state.now) + 86400000));
  $('clock-date').min = parts;
}

function renderPeople() {
  const select = $('person');
  select.replaceChildren(
    ...state.people.map((p) => {
      const o = document.createElement('option');
      o.value = p.id;
      o.textContent = `${p.name} — ${p.title}`;
      o.title = `${p.roles.join(', ') || 'member'} · ${p.tz}`;
      o.selected = p.id === state.viewer;
      return o;
    }),
  );
  const p = me();
  $('person-roles').textContent = p ? `${p.roles.join(', ') || 'no roles'} · ${p.tz}` : '';
  $('person-roles').title = $('person-roles').textContent;
}

function channelLabel(c) {
  return c.isDm ? 'Convene' : c.name;
}

function renderSidebar() {
  const list = $('channels');
  const visible = state.channels.filter((c) => !c.isDm).sort((a, b) => Number(a.isArchived) - Number(b.isArchived) || a.name.localeCompare(b.name));
  list.replaceChildren(
    ...visible.map((c) => {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'sb-item';
      b.dataset.channel = c.id;
      b.dataset.name = c.name;
      if (state.current.kind === 'channel' && state.current.id === c.id) b.classList.add('active');
      if (state.unread.has(c.id)) b.classList.add('unread');
      if (c.isArchived) b.classList.add('archived');
      const hash = document.createElement('span');
      hash.className = 'sb-hash';
      hash.textContent = c.isPrivate ? '🔒' : '#';
      const name = document.createElement('span');
      name.className = 'sb-name';
      name.textContent = c.name;
      b.title = c.name;
      b.append(hash, name);
      b.addEventListener('click', () => openChannel(c.id));
      li.append(b);
      return li;
    }),
  );
  const app = $('app-entry');
  app.classList.toggle('active', state.current.kind === 'app');
  app.classList.toggle('unread', state.unread.has(state.dm));
}

async function loadState() {
  const s = await getJson(`/ws/state?viewer=${encodeURIComponent(state.viewer)}`);
  Object.assign(state, { people: s.people, channels: s.channels, commands: s.commands, dm: s.dm, now: s.now, botUserId: s.botUserId });
  state.viewer = s.viewer.id;
  localStorage.setItem('convene.viewer', state.viewer);
  // A channel remembered by name (first visit: #general) or one this person can't see.
  if (state.current.kind === 'channel') {
    const byId = state.channels.find((c) => c.id === state.current.id);
    const byName = state.channels.find((c) => !c.isDm && c.name === (state.current.name || 'general'));
    const fallback = byId || byName || state.channels.find((c) => !c.isDm);
    state.current = fallback ? { kind: 'channel', id: fallback.id } : { kind: 'app', tab: 'home' };
  }
  renderPeople();
  renderSidebar();
  renderClock();
}

// ---------------------------------------------------------------------------
// Panes: channel, the app (Home / Messages), thread
// ---------------------------------------------------------------------------

function currentChannel() {
  if (state.current.kind === 'channel') return state.current.id;
  if (state.current.kind === 'app' && state.current.tab === 'messages') return state.dm;
  return null;
}

function remember() {
  const c = state.current;
  const channel = c.kind === 'channel' ? state.channels.find((x) => x.id === c.id) : null;
  localStorage.setItem('convene.current', JSON.stringify(channel ? { kind: 'channel', id: channel.id, name: channel.name } : c));
}

async function openChannel(id) {
  state.current = { kind: 'channel', id };
  state.unread.delete(id);
  remember();
  await showCurrent();
}

async function openApp(tab) {
  state.current = { kind: 'app', tab };
  if (tab === 'messages') state.unread.delete(state.dm);
  remember();
  await showCurrent();
}

async function showCurrent() {
  renderSidebar();
  const c = state.current;
  const isApp = c.kind === 'app';
  $('app-tabs').hidden = !isApp;
  for (const t of document.querySelectorAll('.tab')) t.classList.toggle('active', isApp && t.dataset.tab === c.tab);
  const showHome = isApp && c.tab === 'home';
  $('home').hidden = !showHome;
  $('messages').hidden = showHome;
  $('composer').hidden = showHome;
  if (isApp) {
    $('pane-title').textContent = 'Convene';
  } else {
    const ch = state.channels.find((x) => x.id === c.id);
    $('pane-title').textContent = ch ? `${ch.isPrivate ? '🔒 ' : '# '}${channelLabel(ch)}` : '';
  }
  $('composer-text').placeholder = isApp ? 'Message Convene, or a command such as /ig list' : `Message #${$('pane-title').textContent.replace(/^[#🔒] /u, '')}, or a command such as /ig list`;
  if (showHome) await loadHome(true);
  else await loadMessages(true);
}

/** `opened`: the person opened the tab (the app hears app_home_opened); otherwise the view as last published. */
async function loadHome(opened = false) {
  const { html } = await getJson(`/ws/home?viewer=${state.viewer}${opened ? '&opened=1' : ''}`);
  $('home').innerHTML = html || '<p class="empty">Convene has not published a Home tab for you yet.</p>';
}

/** Shows a channel's (or thread's) messages; those new since the last showing of the same list flash once. */
function placeMessages(container, messages, stick, key) {
  const atBottom = container.scrollHeight - container.scrollTop - container.clientHeight < 40;
  const same = container.dataset.key === key;
  container.dataset.key = key;
  const before = new Set(same ? [...container.querySelectorAll('article.msg')].map((m) => m.dataset.ts) : []);
  container.innerHTML = messages.length ? messages.map((m) => m.html).join('') : '<p class="empty">No messages yet.</p>';
  if (before.size) for (const m of container.querySelectorAll('article.msg')) if (!before.has(m.dataset.ts)) m.classList.add('flash');
  if (stick || atBottom) container.scrollTop = container.scrollHeight;
}

async function loadMessages(stick = false) {
  const channel = currentChannel();
  if (!channel) return;
  const r = await getJson(`/ws/channel/${channel}?viewer=${state.viewer}`);
  if (currentChannel() !== channel) return;
  placeMessages($('messages'), r.messages, stick, `${state.viewer}/${channel}`);
}

async function openThread(channel, ts) {
  state.thread = { channel, ts };
  $('thread').hidden = false;
  await loadThread(true);
}

async function loadThread(stick = false) {
  if (!state.thread) return;
  const { channel, ts } = state.thread;
  const r = await getJson(`/ws/channel/${channel}?viewer=${state.viewer}&thread=${ts}`);
  let messages = r.messages;
  if (!messages.some((m) => m.ts === ts)) {
    // The thread's parent, from the channel, when the thread lists only replies.
    const all = await getJson(`/ws/channel/${channel}?viewer=${state.viewer}`);
    const parent = all.messages.find((m) => m.ts === ts);
    if (parent) messages = [parent, ...messages];
  }
  placeMessages($('thread-messages'), messages, stick, `${state.viewer}/${channel}/${ts}`);
}

function closeThread() {
  state.thread = null;
  $('thread').hidden = true;
}

// ---------------------------------------------------------------------------
// Modals (the viewer's stack: only the top one shows, as in Slack)
// ---------------------------------------------------------------------------

async function loadModals() {
  const { modals } = await getJson(`/ws/modals?viewer=${state.viewer}`);
  const top = modals.at(-1);
  const layer = $('modal-layer');
  const key = top ? `${top.id}:${top.html}` : '';
  if (key === state.modalsShown) return;
  state.modalsShown = key;
  if (!top) {
    layer.hidden = true;
    layer.replaceChildren();
    return;
  }
  layer.innerHTML = top.html;
  layer.hidden = false;
  layer.querySelector('input, textarea, select')?.focus();
}

/** The values of a modal's inputs, block_id -> action_id -> { value } or { values }. */
function formValues(form) {
  const values = {};
  for (const input of form.querySelectorAll('.bk-input')) {
    const el = input.querySelector('[data-action-id]');
    if (!el) continue;
    const blockId = el.dataset.blockId;
    const actionId = el.dataset.actionId;
    let raw;
    switch (el.dataset.type) {
      case 'checkboxes':
        raw = { values: [...el.querySelectorAll('input:checked')].map((i) => i.value) };
        break;
      case 'radio_buttons':
        raw = { value: el.querySelector('input:checked')?.value ?? '' };
        break;
      default:
        raw = el.multiple ? { values: [...el.selectedOptions].map((o) => o.value).filter(Boolean) } : { value: el.value };
    }
    (values[blockId] ||= {})[actionId] = raw;
  }
  return values;
}

function showFieldErrors(form, errors) {
  for (const input of form.querySelectorAll('.bk-input')) {
    const message = errors[input.dataset.blockId];
    const box = input.querySelector('.bk-field-error');
    input.classList.toggle('bk-has-error', Boolean(message));
    if (box) {
      box.textContent = message || '';
      box.hidden = !message;
    }
  }
  const unplaced = Object.entries(errors).filter(([block]) => !form.querySelector(`.bk-input[data-block-id="${CSS.escape(block)}"]`));
  for (const [, message] of unplaced) toast(message, 'error');
}

async function submitModal(form) {
  const submit = form.querySelector('.modal-submit');
  if (submit) submit.disabled = true;
  try {
    const r = await post('/ws/submit', { viewer: state.viewer, viewId: form.dataset.viewId, values: formValues(form) });
    if (r.ok === false && r.fieldErrors) showFieldErrors(form, r.fieldErrors);
    else if (!failed(r)) showFieldErrors(form, {});
  } finally {
    if (submit) submit.disabled = false;
  }
  await loadModals();
}

async function closeModal(form) {
  await post('/ws/close', { viewer: state.viewer, viewId: form.dataset.viewId });
  await loadModals();
}

// ---------------------------------------------------------------------------
// Block actions
// ---------------------------------------------------------------------------

/** Shows a confirm dialog from the element's <template class="bk-confirm">; resolves true to go on. */
function confirmed(el) {
  const own = el.nextElementSibling?.matches('template.bk-confirm') ? el.nextElementSibling : null;
  if (!own) return Promise.resolve(true);
  const layer = $('confirm-layer');
  const t = own.content;
  layer.innerHTML = `<div class="modal confirm" role="alertdialog"><div class="modal-body"></div><footer class="modal-foot"><button type="button" class="bk-button confirm-no"></button><button type="button" class="bk-button bk-primary confirm-yes"></button></footer></div>`;
  layer.querySelector('.modal-body').append(t.querySelector('.bk-confirm-title').cloneNode(true), t.querySelector('.bk-confirm-text').cloneNode(true));
  layer.querySelector('.confirm-no').innerHTML = t.querySelector('.bk-confirm-no').innerHTML;
  layer.querySelector('.confirm-yes').innerHTML = t.querySelector('.bk-confirm-yes').innerHTML;
  if (own.dataset.style === 'danger') layer.querySelector('.confirm-yes').className = 'bk-button bk-danger confirm-yes';
  layer.hidden = false;
  return new Promise((resolve) => {
    const done = (answer) => {
      layer.hidden = true;
      layer.replaceChildren();
      resolve(answer);
    };
    layer.querySelector('.confirm-yes').addEventListener('click', () => done(true));
    layer.querySelector('.confirm-no').addEventListener('click', () => done(false));
  });
}

/** Where an element lives: a modal or the Home tab (view id), or a message (channel, ts). */
function surfaceOf(el) {
  const view = el.closest('[data-view-id]');
  if (view) return { viewId: view.dataset.viewId };
  const msg = el.closest('article.msg');
  if (msg) return { channel: msg.dataset.channel, ts: msg.dataset.ts, ...(msg.dataset.threadTs ? { threadTs: msg.dataset.threadTs } : {}) };
  return null;
}

async function sendAction(el, chosen) {
  const where = surfaceOf(el);
  if (!where) return;
  if (!(await confirmed(el))) return;
  const body = { viewer: state.viewer, ...where, actionId: el.dataset.actionId, blockId: el.dataset.blockId, ...chosen };
  if (el.tagName === 'BUTTON') el.disabled = true;
  try {
    failed(await post('/ws/action', body));
  } finally {
    if (el.tagName === 'BUTTON') el.disabled = false;
  }
  if (el.dataset.url) window.open(el.dataset.url, '_blank', 'noopener');
  // The answer arrives through /ws/events; refetch now too in case it was quick.
  await refreshAll();
}

document.addEventListener('click', (e) => {
  const target = e.target instanceof Element ? e.target : null;
  if (!target) return;
  const option = target.closest('.bk-overflow-option');
  if (option) {
    const menu = option.closest('.bk-overflow');
    menu.open = false;
    sendAction(menu, { value: option.dataset.value });
    return;
  }
  const button = target.closest('button[data-type="button"][data-dispatch]');
  if (button) {
    sendAction(button, { value: button.dataset.value });
    return;
  }
  const replies = target.closest('.msg-replies, .msg-reply');
  if (replies) {
    const msg = replies.closest('article.msg');
    openThread(msg.dataset.channel, replies.dataset.threadTs);
    return;
  }
  const modal = target.closest('form.modal');
  if (modal && target.closest('.modal-close, .modal-x')) {
    closeModal(modal);
    return;
  }
  // A click outside an open overflow menu closes it.
  for (const d of document.querySelectorAll('details.bk-overflow[open]')) if (!d.contains(target)) d.open = false;
});

document.addEventListener('change', (e) => {
  const el = e.target instanceof Element ? e.target.closest('[data-dispatch][data-action-id]') : null;
  if (!el || el.dataset.type === 'button' || el.dataset.type === 'overflow') return;
  if (el.dataset.type === 'checkboxes') sendAction(el, { values: [...el.querySelectorAll('input:checked')].map((i) => i.value) });
  else if (el.dataset.type === 'radio_buttons') sendAction(el, { value: el.querySelector('input:checked')?.value });
  else if (el.multiple) sendAction(el, { values: [...el.selectedOptions].map((o) => o.value) });
  else sendAction(el, { value: el.value });
});

document.addEventListener('submit', (e) => {
  const form = e.target;
  if (form instanceof HTMLFormElement && form.classList.contains('modal')) {
    e.preventDefault();
    submitModal(form);
  }
});

// ---------------------------------------------------------------------------
// Composer: messages and slash commands with usage hints
// ---------------------------------------------------------------------------

function matchingCommands(text) {
  const m = /^\/(\S*)$/.exec(text);
  if (!m) return [];
  return state.commands.filter((c) => c.command.startsWith(`/${m[1]}`));
}

function renderHints() {
  const text = $('composer-text').value;
  const hints = $('hints');
  const exact = /^(\/\S+)\s/.exec(text);
  const list = exact ? state.commands.filter((c) => c.command === exact[1]) : matchingCommands(text);
  if (!list.length) {
    hints.hidden = true;
    return;
  }
  hints.replaceChildren(
    ...list.map((c) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'hint';
      b.dataset.command = c.command;
      const name = document.createElement('span');
      name.className = 'hint-command';
      name.textContent = c.command;
      const usage = document.createElement('span');
      usage.className = 'hint-usage';
      usage.textContent = c.usageHint;
      const description = document.createElement('span');
      description.className = 'hint-description';
      description.textContent = c.description;
      b.append(name, usage, description);
      b.addEventListener('click', () => {
        $('composer-text').value = `${c.command} `;
        $('composer-text').focus();
        renderHints();
      });
      return b;
    }),
  );
  hints.hidden = false;
}

async function send(text, threadTs) {
  const channel = threadTs ? state.thread.channel : currentChannel();
  if (!channel || !text.trim()) return false;
  const command = /^(\/[a-z0-9_-]+)(?:\s+([\s\S]*))?$/.exec(text.trim());
  let r;
  if (command && !threadTs) {
    if (!state.commands.some((c) => c.command === command[1])) {
      toast(`${command[1]} is not a valid command. Try one of: ${state.commands.map((c) => c.command).join(', ')}`, 'error');
      return false;
    }
    r = await post('/ws/command', { viewer: state.viewer, channel, command: command[1], text: command[2] || '' });
  } else {
    r = await post('/ws/message', { viewer: state.viewer, channel, text, ...(threadTs ? { threadTs } : {}) });
  }
  if (failed(r)) return false;
  await refreshAll();
  return true;
}

function wireComposer(form, textarea, threadTs) {
  const submit = async () => {
    const text = textarea.value;
    textarea.disabled = true;
    try {
      if (await send(text, threadTs())) textarea.value = '';
    } finally {
      textarea.disabled = false;
      textarea.focus();
      if (textarea === $('composer-text')) renderHints();
    }
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit();
  });
  textarea.addEventListener('keydown', (e) => {
    // A partly typed command ("/pet") completes to the first matching one, as Slack's picker does.
    const partial = textarea === $('composer-text') && (e.key === 'Tab' || e.key === 'Enter') ? matchingCommands(textarea.value) : [];
    if (partial.length && !state.commands.some((c) => c.command === textarea.value)) {
      e.preventDefault();
      textarea.value = `${partial[0].command} `;
      renderHints();
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      submit();
    }
  });
}

// ---------------------------------------------------------------------------
// Live updates
// ---------------------------------------------------------------------------

let pending = null;
/** Refetches the open pane, thread and modals (coalesced: many events, one refetch). */
function refreshAll() {
  pending ||= new Promise((resolve) => setTimeout(resolve, 30)).then(async () => {
    pending = null;
    try {
      await Promise.all([state.current.kind === 'app' && state.current.tab === 'home' ? loadHome() : loadMessages(), loadThread(), loadModals()]);
    } catch (error) {
      toast(String(error.message || error), 'error');
    }
  });
  return pending;
}

function listen() {
  state.events?.close();
  const es = new EventSource(`/ws/events?viewer=${state.viewer}`);
  state.events = es;
  es.onmessage = async (e) => {
    const change = JSON.parse(e.data);
    switch (change.type) {
      case 'message':
      case 'message_changed':
      case 'message_deleted':
        if (change.channel === currentChannel() || change.channel === state.thread?.channel) refreshAll();
        else if (change.type === 'message' && state.channels.some((c) => c.id === change.channel)) {
          state.unread.add(change.channel);
          renderSidebar();
        }
        break;
      case 'views':
        refreshAll();
        break;
      case 'channels':
        await loadState();
        break;
      case 'clock':
        state.now = change.now;
        renderClock();
        refreshAll();
        break;
      case 'reset':
        state.unread.clear();
        closeThread();
        await loadState();
        await showCurrent();
        await loadModals();
        break;
    }
  };
}

// ---------------------------------------------------------------------------
// Controls
// ---------------------------------------------------------------------------

async function moveClock(body) {
  const buttons = document.querySelectorAll('.clock button');
  for (const b of buttons) b.disabled = true;
  // The deadline engine runs at the new instant: transitions, then the nudges it sends.
  document.querySelector('.clock').classList.add('busy');
  try {
    const r = await post('/ws/clock', { viewer: state.viewer, ...body });
    if (!failed(r)) {
      state.now = r.now;
      renderClock();
      toast(`It is now ${formatNow(r.now)}${r.sent ? ` · ${r.sent} reminder${r.sent === 1 ? '' : 's'} sent` : ''}`);
      await refreshAll();
    }
  } finally {
    for (const b of buttons) b.disabled = false;
    document.querySelector('.clock').classList.remove('busy');
  }
}

async function switchPerson(id) {
  state.viewer = id;
  localStorage.setItem('convene.viewer', id);
  state.unread.clear();
  state.modalsShown = '';
  closeThread();
  await loadState();
  listen();
  await showCurrent();
  await loadModals();
  document.body.dataset.viewer = id;
}

async function start() {
  await loadState();
  listen();
  await showCurrent();
  await loadModals();
  $('person').addEventListener('change', (e) => switchPerson(e.target.value));
  $('app-entry').addEventListener('click', () => openApp(state.current.kind === 'app' ? state.current.tab : 'home'));
  for (const t of document.querySelectorAll('.tab')) t.addEventListener('click', () => openApp(t.dataset.tab));
  $('clock-day').addEventListener('click', () => moveClock({ days: 1 }));
  $('clock-week').addEventListener('click', () => moveClock({ days: 7 }));
  $('clock-jump').addEventListener('submit', (e) => {
    e.preventDefault();
    if ($('clock-date').value) moveClock({ to: $('clock-date').value });
  });
  $('reset').addEventListener('click', async () => {
    if (!window.confirm('Reset the workspace? Every message, petition and change is wiped and the demo data comes back.')) return;
    const r = await post('/ws/reset', {});
    if (!failed(r)) toast('The workspace was reset.');
  });
  $('thread-close').addEventListener('click', closeThread);
  wireComposer($('composer'), $('composer-text'), () => undefined);
  wireComposer($('thread-composer'), $('thread-text'), () => state.thread?.ts);
  $('composer-text').addEventListener('input', renderHints);
  document.body.dataset.viewer = state.viewer;
  document.body.dataset.ready = 'true';
}

start().catch((error) => toast(`The workspace did not load: ${error.message || error}`, 'error'));
