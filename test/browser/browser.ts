// Browser tests of the local workspace: playwright-core driving Debian's Chromium (apt-get install
// chromium; .ci/run installs it when missing). A fresh profile per run; nothing is downloaded.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * How long the page may take to show something. SSE delivers within a second and the app answers
 * right after its ack; the margin is for CI, where the whole suite shares two cores with Chromium.
 */
export const SHOWS_WITHIN = 10_000;

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Errors the page threw or logged: a test asserts there are none. */
  errors: string[];
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'convene-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 800 },
    timezoneId: 'UTC',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(SHOWS_WITHIN);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** The page as a person uses it: what they click and type, and what they see. */
export class SlackPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('body[data-ready="true"]').waitFor();
  }

  /** Switches the person switcher to the demo person whose label ("Name — title") matches `name`. */
  async actAs(name: string | RegExp): Promise<string> {
    const option = this.page.locator('#person option', { hasText: name }).first();
    const id = await option.getAttribute('value');
    if (!id) throw new Error(`No demo person like ${name}`);
    if ((await this.page.locator('#person').inputValue()) === id) return id;
    await this.page.locator('#person').selectOption(id);
    await this.page.locator(`body[data-viewer="${id}"]`).waitFor();
    return id;
  }

  async openChannel(name: string): Promise<void> {
    const button = this.page.locator(`#channels button[data-name="${name}"]`);
    if (await button.evaluate((b) => b.classList.contains('active')).catch(() => false)) return;
    await button.click();
    await this.page.locator('#pane-title', { hasText: name }).waitFor();
  }

  async openApp(tab: 'home' | 'messages'): Promise<void> {
    await this.page.locator('#app-entry').click();
    await this.page.locator(`.tab[data-tab="${tab}"]`).click();
    await this.page.locator(`.tab.active[data-tab="${tab}"]`).waitFor();
  }

  /** Types into the composer and presses Enter, as a person sends a message or slash command. */
  async send(text: string): Promise<void> {
    const box = this.page.locator('#composer-text');
    await box.fill(text);
    await box.press('Enter');
    await this.page.waitForFunction("document.getElementById('composer-text').value === ''");
  }

  /** The latest message in the open pane showing `text`. */
  message(text: string | RegExp): Locator {
    return this.page.locator('#messages article.msg', { hasText: text }).last();
  }

  /** The latest message everyone in the channel sees (not an ephemeral answer) showing `text`. */
  post(text: string | RegExp): Locator {
    return this.page.locator('#messages article.msg:not(.msg-is-ephemeral)', { hasText: text }).last();
  }

  /** The top modal. */
  modal(): Locator {
    return this.page.locator('#modal-layer:not([hidden]) form.modal');
  }

  /** The input block of the top modal labelled `label`. */
  field(label: string | RegExp): Locator {
    return this.modal().locator('.bk-input', { has: this.page.locator('.bk-label', { hasText: label }) });
  }

  /** Moves the workspace clock with its buttons; resolves when the deadline engine is done at the new instant. */
  async advanceClock(button: '+1 day' | '+1 week'): Promise<void> {
    await this.page.locator('.clock button', { hasText: button }).click();
    await this.clockSettled();
  }

  async jumpTo(isoDate: string): Promise<void> {
    await this.page.locator('#clock-date').fill(isoDate);
    await this.page.locator('#clock-jump button').click();
    await this.clockSettled();
  }

  /** The clock's controls are disabled while the engine runs (its nudges can take a few seconds). */
  private async clockSettled(): Promise<void> {
    await this.page.locator('.clock.busy').waitFor({ state: 'detached', timeout: 20_000 });
  }
}
