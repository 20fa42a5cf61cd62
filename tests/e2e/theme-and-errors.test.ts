/**
 * Dark theme following the OS with a switch, Settings showing defaults in typed ranged inputs,
 * and plain-words banners that clear themselves once the server is back — in Debian's Chromium
 * against the real engine. Screenshots of every page in both themes go to test-artifacts/screenshots/.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/engine/server/server';
import type { Engine } from '../../src/engine/wiring/open-engine';
import type { LaunchedBrowser } from './support/chromium';
import { watchPageProblems } from './support/page-problems';
import { rendererDir, startServedApp } from './support/served-app';
import { eventually, PAGES } from './support/walk-pages';
import { screenshotPath } from './support/artifacts';

/** The first card's (or empty state's) background: the surfaces that stayed white before. */
const cardBackground = (page: Page): Promise<string> => page.evaluate<string>("getComputedStyle(document.querySelector('.card, .empty-state')).backgroundColor");
const bodyBackground = (page: Page): Promise<string> => page.evaluate<string>('getComputedStyle(document.body).backgroundColor');

describe('theme, settings and plain-words errors (real engine, real Chromium)', () => {
  let engine: Engine;
  let server: RunningServer;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    const app = await startServedApp('footfall-e2e-theme-');
    ({ engine, server, browser } = app);
    return () => app.close();
  });

  it('follows a dark OS theme on every page, and the Settings switch overrides it', async () => {
    const page = await browser.context.newPage();
    const { problems } = watchPageProblems(page);
    await page.setViewportSize({ width: 1366, height: 860 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${server.url}/#/live`);
    await page.getByRole('heading', { level: 1, name: 'Live' }).waitFor();
    expect(await bodyBackground(page)).toBe('rgb(11, 18, 32)');
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const name of PAGES) {
      await nav.getByRole('link', { name, exact: true }).click();
      await eventually(() => page.getByRole('heading', { level: 1 }).textContent(), (t) => expect(t).toBe(name));
      await eventually(() => page.locator('.loading').count(), (n) => expect(n).toBe(0));
      // Cards are dark too (they stayed white before).
      expect(await cardBackground(page)).toMatch(/^rgb\((17, 26, 43|23, 34, 56)\)$/);
      await page.screenshot({ path: screenshotPath(`dark-${name.toLowerCase()}`) });
    }
    // Settings: the switch chooses light against the OS, and the choice survives a reload.
    await nav.getByRole('link', { name: 'Settings', exact: true }).click();
    const theme = page.getByLabel('Theme');
    expect(await theme.inputValue()).toBe('system');
    expect(await theme.locator('option').first().textContent()).toBe('Follow this computer (dark now)');
    await theme.selectOption('light');
    await eventually(() => bodyBackground(page), (c) => expect(c).toBe('rgb(245, 247, 250)'));
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(await bodyBackground(page)).toBe('rgb(245, 247, 250)');
    await page.getByLabel('Theme').selectOption('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await eventually(() => bodyBackground(page), (c) => expect(c).toBe('rgb(11, 18, 32)'));
    await page.getByLabel('Theme').selectOption('system');
    await eventually(() => bodyBackground(page), (c) => expect(c).toBe('rgb(245, 247, 250)'));
    for (const name of PAGES) {
      await nav.getByRole('link', { name, exact: true }).click();
      await eventually(() => page.getByRole('heading', { level: 1 }).textContent(), (t) => expect(t).toBe(name));
      await eventually(() => page.locator('.loading').count(), (n) => expect(n).toBe(0));
      await page.screenshot({ path: screenshotPath(`light-${name.toLowerCase()}`) });
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows each setting’s default, unit and range in a typed input', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}/#/settings`);
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const days = page.getByLabel('Keep detailed results for (days)');
    await eventually(() => days.inputValue(), (v) => expect(v).toBe('90'));
    expect(await days.getAttribute('type')).toBe('number');
    expect([await days.getAttribute('min'), await days.getAttribute('max')]).toEqual(['1', '3650']);
    const help = await page.locator(`#${(await days.getAttribute('aria-describedby'))?.split(' ')[0]}`).textContent();
    expect(help).toContain('Default 90 days. From 1 to 3,650.'.replace('3,650', (3650).toLocaleString('en-US')));
    expect(help).toContain('(the default is in use)');
    expect(await page.getByLabel('Live preview interval (seconds)').inputValue()).toBe('0.2');
    expect(await page.getByLabel('Default processing rate (frames per second)').inputValue()).toBe('5');
    await page.close();
  });

  it('says in plain words that the server is gone, and the banner clears once it is back', async () => {
    let second: RunningServer = await startServer({ handlers: engine.handlers, events: engine.events, access: engine.access, port: 0, staticDir: rendererDir });
    const port = Number(new URL(second.url).port);
    const cookies = await browser.context.cookies(server.url);
    await browser.context.addCookies(cookies.map((c) => ({ name: c.name, value: c.value, url: second.url, httpOnly: c.httpOnly, sameSite: c.sameSite })));
    const page = await browser.context.newPage();
    await page.goto(`${second.url}/#/dashboard`);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await second.close();
    // Gone: the next request fails; the banner says so without a code.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cameras', exact: true }).click();
    const banner = page.locator('.error-banner');
    await eventually(() => banner.textContent(), (t) => expect(t).toContain('Cannot reach the Footfall server'));
    const text = (await banner.textContent()) ?? '';
    expect(text).not.toMatch(/UNAVAILABLE|HTTP \d{3}|\/tmp\//);
    await page.screenshot({ path: screenshotPath('error-server-gone') });
    // Back on the same address: the socket reconnects and the banner clears by itself.
    second = await startServer({ handlers: engine.handlers, events: engine.events, access: engine.access, port, staticDir: rendererDir });
    try {
      await eventually(() => banner.count(), (n) => expect(n).toBe(0), 20_000);
    } finally {
      await page.close();
      await second.close();
    }
  });
});
