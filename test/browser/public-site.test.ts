// The public pages in a real browser (playwright-core driving Debian's Chromium, JavaScript off as
// a visitor may have it): the directory, a search, a group's page, the IG Week program, and
// axe-core's accessibility check on each with zero violations.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';
import { AI, AI_SLUG, REGISTRATION, seedPublicData } from '../features/public-site-support.js';
import { type Browser, launchBrowser, SHOWS_WITHIN } from './browser.js';

const AXE_SOURCE = readFileSync(join(dirname(createRequire(import.meta.url).resolve('axe-core')), 'axe.min.js'), 'utf8');

let h: Harness;
let base: string;
let browser: Browser;
/** A visitor without JavaScript: every step of the walk. */
let page: Page;
/** The same pages with JavaScript on, for axe-core (it needs scripts and timers to run). */
let checker: Page;

beforeAll(async () => {
  h = await startHarness({ now: '2026-11-25T16:00:00Z' });
  base = `http://127.0.0.1:${h.port}`;
  await seedPublicData(h);
  browser = await launchBrowser();
  checker = browser.page;
  page = await browser.context.newPage();
  page.setDefaultTimeout(SHOWS_WITHIN);
  // Scripts off for this tab only (what the context option javaScriptEnabled: false does, per page).
  await (await browser.context.newCDPSession(page)).send('Emulation.setScriptExecutionDisabled', { value: true });
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  passes: unknown[];
}

/** axe-core's verdict on the page the visitor is on (WCAG 2.x A and AA rules and best practices). */
async function axeViolations(): Promise<string[]> {
  await checker.goto(page.url());
  await checker.addScriptTag({ content: AXE_SOURCE });
  const result = (await checker.evaluate('axe.run(document)')) as AxeResult;
  expect(result.passes.length).toBeGreaterThan(10);
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the public pages in Chromium', () => {
  it('the visitor runs no scripts', async () => {
    await page.goto(`data:text/html,<title>before</title><script>document.title = 'ran'</script>`);
    expect(await page.title()).toBe('before');
  });

  it('directory → search → group → IG Week, each with no axe-core violations', async () => {
    const res = await page.goto(`${base}/groups`);
    expect(res?.status()).toBe(200);
    expect(await page.title()).toBe('Interest groups');
    await expect.poll(() => page.locator('ul.groups h2').allTextContents()).toEqual([AI, 'Public Library Technology', 'Rural Libraries']);
    expect(await axeViolations()).toEqual([]);

    // Search with the form, as a visitor: type, choose a kind, press the button (a plain GET form).
    await page.getByLabel('Words in the name or purpose').fill('machine learning');
    await page.getByLabel('Kind').selectOption({ label: 'Core interest groups' });
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/groups\?q=machine\+learning&kind=core-ig$/);
    expect(await page.locator('ul.groups h2').allTextContents()).toEqual([AI]);
    expect(await page.locator('#count').textContent()).toContain('1 group found');
    expect(await page.getByLabel('Words in the name or purpose').inputValue()).toBe('machine learning');
    expect(await axeViolations()).toEqual([]);

    await page.getByRole('link', { name: AI }).click();
    await page.waitForURL(`${base}/groups/${AI_SLUG}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(AI);
    const main = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(main).toContain('Conveners Ana María Convener and Bo Email-Only');
    expect(main).toContain('Staff liaison Jane Staff');
    expect(main).toContain(`In Slack, type /ig join ${AI}.`);
    expect(main).toContain('Jan 20, 2027 (virtual)');
    expect(main).toContain('Mon, Mar 1 · 10:00–11:00 AM Central');
    expect(await page.getByRole('link', { name: 'Register for AI in cataloging' }).getAttribute('href')).toBe(REGISTRATION);
    expect(await axeViolations()).toEqual([]);

    await page.getByRole('link', { name: 'The whole program' }).click();
    await page.waitForURL(`${base}/igweek/2027`);
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(['Monday, March 1', 'Tuesday, March 2', 'Wednesday, March 3', 'Thursday, March 4', 'Friday, March 5']);
    const row = page.getByRole('row', { name: /AI in cataloging/ });
    expect((await row.innerText()).replace(/\s+/g, ' ')).toBe(`10:00–11:00 AM ${AI} AI in cataloging Register for AI in cataloging`);
    expect(await page.locator('main').innerText()).not.toContain('Should not appear');
    expect(await axeViolations()).toEqual([]);

    const missing = await page.goto(`${base}/groups/old-dissolved-group`);
    expect(missing?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
    expect(await axeViolations()).toEqual([]);
  });
});
