// The local workspace in a real browser (issue #9): Chromium opens the page served by `npm start`'s
// local mode, and one person-switching user walks through Convene: the directory, a petition from
// filing to the new group's channel, an IG Week claim, and a report nudge answered from its button.
// Every assertion is on what the page shows.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchBrowser, SlackPage } from './browser.js';
import { type BrowserWorkspace, startBrowserWorkspace } from './workspace.js';

let ws: BrowserWorkspace;
let browser: Browser;
let slack: SlackPage;

beforeAll(async () => {
  ws = await startBrowserWorkspace();
  browser = await launchBrowser();
  slack = new SlackPage(browser.page);
  await slack.open(ws.url);
});
// A failing step leaves a screenshot of what the page showed, and its text.
afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail' || !browser) return;
  const file = join(tmpdir(), `convene-browser-${task.name.replace(/\W+/g, '-').slice(0, 60)}.png`);
  await browser.page.screenshot({ path: file }).catch(() => undefined);
  console.error(`Screenshot: ${file}\n${await browser.page.locator('main').innerText().catch(() => '')}`);
});
afterAll(async () => {
  await browser?.close();
  await ws?.close();
});

const PETITION = 'Rare Books Stewardship (demo)';

describe('the local workspace in a browser', { timeout: 60_000 }, () => {
  it('shows the workspace: channels, the app, the clock, the demo people', async () => {
    const page = slack.page;
    await expect.poll(() => page.locator('#channels button').allTextContents()).toEqual(expect.arrayContaining(['#general', '#demo-petitions', '#demo-announcements']));
    expect(await page.locator('#person option').count()).toBeGreaterThanOrEqual(17);
    expect(await page.locator('#clock-now').textContent()).toMatch(/\d{4}/);
    // The composer offers the slash commands with the manifest's usage hints, and completes them.
    await slack.openChannel('general');
    const box = page.locator('#composer-text');
    await box.fill('/pet');
    expect(await page.locator('#hints .hint').allInnerTexts()).toEqual([expect.stringMatching(/^\/petition\s*ig \| mig \| list/)]);
    await box.press('Tab');
    expect(await box.inputValue()).toBe('/petition ');
    await box.fill('');
    // The App Home tab: the convener's dashboard, as the app publishes it on app_home_opened.
    await slack.actAs('Sam Okafor');
    await slack.openApp('home');
    await page.locator('#home .bk-section', { hasText: 'Your groups' }).waitFor();
    expect(await page.locator('#home').innerText()).toContain('Metadata Practices (demo)');
  });

  it("another person's message appears without a reload, within a second", async () => {
    const other = new SlackPage(await browser.context.newPage());
    try {
      await other.open(ws.url);
      await other.actAs('Mei Chen');
      await other.openChannel('general');
      await slack.actAs('Tomás Silva');
      await slack.openChannel('general');
      await slack.send('Hello from *Denver*');
      const shown = other.post('Hello from Denver');
      await shown.waitFor({ timeout: 1000 });
      expect(await shown.locator('.msg-author').innerText()).toBe('Tomás Silva (demo)');
      expect(await shown.locator('b').innerText()).toBe('Denver');
    } finally {
      await other.page.close();
    }
  });

  it('/ig list answers only the person who asked, and a group can be joined from it', async () => {
    await slack.actAs('demo signer 8');
    await slack.openChannel('general');
    await slack.send('/ig list preservation');
    const list = slack.message('Preservation Technology (demo)');
    await list.waitFor();
    expect(await list.locator('.msg-ephemeral').textContent()).toContain('Only visible to you');
    await list.locator('.bk-section', { hasText: 'Preservation Technology (demo)' }).getByRole('button', { name: 'Details' }).click();
    const info = slack.message(/Who can join/);
    await info.getByRole('button', { name: 'Join group' }).click();
    await slack.message(/You joined Preservation Technology \(demo\)/).waitFor();
    // Someone else sees none of it.
    await slack.actAs('demo signer 9');
    await slack.openChannel('general');
    expect(await slack.page.locator('#messages article.msg', { hasText: 'You joined' }).count()).toBe(0);
  });

  it('a petition goes from the form to signatures to approval, and its channel appears', async () => {
    const page = slack.page;
    await slack.actAs('Sam Okafor');
    await slack.openChannel('general');
    await slack.send('/petition ig');
    await slack.modal().waitFor();
    await slack.field('Group name').locator('input').fill(PETITION);
    await slack.field('Statement of purpose').locator('textarea').fill('For people who look after rare books and special collections.');
    await slack.field('Level').locator('select').selectOption({ label: 'Division' });
    const sam = await page.locator('#person').inputValue();
    await slack.field('Conveners').locator('select').selectOption([sam]);
    await slack.modal().getByRole('button', { name: 'Continue' }).click();
    await page.locator('#modal-layer').waitFor({ state: 'hidden' });

    // Comments go in the petition's thread.
    await slack.openChannel('demo-petitions');
    await slack.post(PETITION).hover();
    await slack.post(PETITION).getByRole('button', { name: 'Reply' }).click();
    await page.locator('#thread-text').fill('Happy to help with the first webinar.');
    await page.locator('#thread-text').press('Enter');
    await page.locator('#thread-messages article.msg', { hasText: 'Happy to help with the first webinar.' }).waitFor();
    await page.locator('#thread-close').click();

    for (let n = 1; n <= 10; n++) {
      await slack.actAs(new RegExp(`demo signer ${n}$`));
      await slack.openChannel('demo-petitions');
      await slack.post(PETITION).getByRole('button', { name: 'Sign', exact: true }).click();
      await slack.message(/You signed petition/).waitFor();
    }
    // The petition's message was updated in place, and the thread is still on it.
    await expect.poll(() => slack.post(PETITION).innerText()).toContain('10 of 10');
    expect(await slack.post(PETITION).locator('.msg-replies').innerText()).toBe('1 reply');

    await slack.actAs('Priya Nair');
    await slack.openChannel('demo-staff');
    const request = slack.message(/needs a decision/);
    await request.getByRole('button', { name: 'Approve' }).click();
    // The button's confirm dialog.
    const confirm = page.locator('#confirm-layer .confirm');
    expect(await confirm.textContent()).toContain('Approve and create the group?');
    await confirm.getByRole('button', { name: 'Approve' }).click();
    await page.locator('#channels button', { hasText: /rare-books-stewardship/ }).waitFor();
  });

  it('on January 15 a convener claims an IG Week slot and fills in its details', async () => {
    const page = slack.page;
    await slack.actAs('Sam Okafor');
    await slack.jumpTo(`${ws.igWeekYear}-01-15`);
    await slack.openChannel('general');
    await slack.send('/igweek');
    const schedule = slack.message(/Slot selection is open/);
    await schedule.getByRole('button', { name: 'Claim' }).first().click();
    // Sam convenes several groups: the app asks which one.
    await slack.message(/Which one is the/).getByRole('button', { name: 'Metadata Practices (demo)' }).click();
    // The claim is confirmed in the channel, and the session form opens at once.
    await slack.message(/Metadata Practices \(demo\) has the .* slot at IG Week/).getByRole('button', { name: 'Session details' }).waitFor();
    await slack.modal().locator('.modal-title', { hasText: 'Session details' }).waitFor();
    await slack.field('Session title').locator('input').fill('Metadata in the open');
    await slack.field('Setup').getByLabel('Webinar').check();
    await slack.modal().locator('.modal-submit').click();
    // A required choice left out is refused on its field, the form kept as typed.
    await expect.poll(() => slack.field('Polls').locator('.bk-field-error').innerText()).toBe('Please complete this required field.');
    expect(await slack.field('Session title').locator('input').inputValue()).toBe('Metadata in the open');
    await slack.field('Polls').getByLabel('No polls').check();
    await slack.field('Breakout rooms').getByLabel('No breakout rooms').check();
    await slack.field('Speakers').locator('select').selectOption({ label: 'Ada Park (demo)' });
    await slack.modal().locator('.modal-submit').click();
    // The form turns into its confirmation (response_action: update).
    await slack.modal().getByText('Saved Metadata in the open for Metadata Practices (demo)').waitFor();
    await slack.modal().locator('.modal-close').click();
    await page.locator('#modal-layer').waitFor({ state: 'hidden' });
  });

  it('past a report due date the nudge is in the DM, and the report is filed from its button', async () => {
    const page = slack.page;
    await slack.actAs('Sam Okafor');
    // Q4 reports are due January 31; the first overdue nudge goes out a week later.
    await slack.jumpTo(`${ws.igWeekYear}-02-08`);
    await slack.openApp('messages');
    const nudge = slack.message(/report of Metadata Practices \(demo\) is overdue/);
    await nudge.getByRole('button', { name: 'File report' }).click();
    await slack.modal().getByText('IG Report Form for Metadata Practices (demo)').waitFor();
    expect(await slack.field('Quarter').locator('select option:checked').innerText()).toContain(`${ws.igWeekYear - 1} Q4 (Oct–Dec)`);
    await slack.field('Activities').locator('textarea').fill('Two webinars on linked data.');
    await slack.field('Progress toward deliverables').locator('textarea').fill('Drafted the best-practice guide.');
    await slack.field('Plans for next quarter').locator('textarea').fill('Publish the guide.');
    await slack.modal().getByRole('button', { name: 'File report' }).click();
    await slack.modal().locator('.modal-title', { hasText: 'Report filed' }).waitFor();
    expect(await slack.modal().textContent()).toContain('counts as late');
    await slack.modal().locator('.modal-close').click();
    await page.locator('#modal-layer').waitFor({ state: 'hidden' });
  });

  it('keeps the main screen for the README', async () => {
    // `SCREENSHOT=docs/local-workspace.png npx vitest run test/browser` retakes docs/local-workspace.png.
    await slack.actAs('Sam Okafor');
    await slack.openChannel('demo-petitions');
    await slack.post(PETITION).locator('.msg-replies').click();
    await slack.page.locator('#thread-messages article.msg', { hasText: 'Happy to help' }).waitFor();
    if (process.env.SCREENSHOT) {
      await slack.page.evaluate("document.getElementById('toasts').replaceChildren()");
      await slack.page.screenshot({ path: process.env.SCREENSHOT });
    }
    await slack.page.locator('#thread-close').click();
  });

  it('Reset workspace starts over: the demo data again, the clock back to the real now', async () => {
    const page = slack.page;
    page.once('dialog', (dialog) => void dialog.accept());
    await page.locator('#reset').click();
    await page.locator('#channels button', { hasText: 'rare-books-stewardship' }).waitFor({ state: 'detached', timeout: 30_000 });
    const now = Date.parse((await page.locator('#clock-now').getAttribute('datetime')) ?? '');
    expect(Math.abs(now - Date.now())).toBeLessThan(60_000);
    await slack.openChannel('demo-petitions');
    // The list is fetched again after the reset: wait for its empty state rather than count a stale list.
    await page.locator('#messages p.empty', { hasText: 'No messages yet.' }).waitFor({ timeout: 15_000 });
    expect(await page.locator('#messages article.msg').count()).toBe(0);
    expect(browser.errors).toEqual([]);
  });
});
