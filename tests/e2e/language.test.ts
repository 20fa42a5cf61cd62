/**
 * The language follows the OS, with a switch in Settings (issue 12), in Debian's Chromium against
 * the real engine: a Vietnamese OS opens the app in Vietnamese; choosing English in Settings
 * re-renders every text at once and survives a reload; "follow the computer" goes back.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/engine/server/server';
import type { LaunchedBrowser } from './support/chromium';
import { watchPageProblems } from './support/page-problems';
import { startServedApp } from './support/served-app';
import { eventually } from './support/walk-pages';
import { screenshotPath } from './support/artifacts';

const VIETNAMESE = { nav: 'Điều hướng chính', live: 'Trực tiếp', cameras: 'Camera', settings: 'Cài đặt', language: 'Ngôn ngữ' } as const;
const ENGLISH = { nav: 'Main', live: 'Live', cameras: 'Cameras', settings: 'Settings', language: 'Language' } as const;
type Words = typeof VIETNAMESE | typeof ENGLISH;

const htmlLang = (page: Page): Promise<string> => page.evaluate<string>('document.documentElement.lang');

/** The whole frame speaks `words`: <html lang>, the sidebar's page names, the heading, the window title. */
async function expectShown(page: Page, lang: 'vi' | 'en', words: Words): Promise<void> {
  await eventually(() => htmlLang(page), (l) => expect(l).toBe(lang));
  const nav = page.getByRole('navigation', { name: words.nav, exact: true });
  for (const name of [words.live, words.cameras, words.settings]) {
    await eventually(() => nav.getByRole('link', { name, exact: true }).count(), (n) => expect(n).toBe(1));
  }
  await eventually(() => page.getByRole('heading', { level: 1 }).textContent(), (t) => expect(t).toBe(words.settings));
  expect(await page.title()).toBe(`${words.settings} · Footfall`);
  expect(await page.getByRole('combobox', { name: words.language, exact: true }).count()).toBe(1);
}

describe('language from the OS, with a switch in Settings (real engine, real Chromium)', () => {
  let server: RunningServer;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    const app = await startServedApp('footfall-e2e-language-', { locale: 'vi-VN' });
    ({ server, browser } = app);
    return () => app.close();
  });

  it('opens in the OS language, switches to English at once and keeps it, and follows the OS again', async () => {
    const page = await browser.context.newPage();
    const { problems } = watchPageProblems(page);
    await page.goto(`${server.url}/#/live`);
    // A Vietnamese OS: the sidebar names the pages in Vietnamese.
    await eventually(() => htmlLang(page), (l) => expect(l).toBe('vi'));
    await page.getByRole('navigation', { name: VIETNAMESE.nav, exact: true }).getByRole('link', { name: VIETNAMESE.settings, exact: true }).click();
    await expectShown(page, 'vi', VIETNAMESE);

    const select = page.locator('#language-choice');
    expect(await select.inputValue()).toBe('system');
    // Every language is named in itself, whatever the screen speaks.
    expect(await select.locator('option').allTextContents()).toEqual(['Theo máy tính (Tiếng Việt)', 'English', 'Tiếng Việt']);

    // English: at once, without a reload, and on the same page.
    await select.selectOption('en');
    await expectShown(page, 'en', ENGLISH);
    expect(page.url()).toContain('#/settings');
    expect(await page.locator('#language-choice').inputValue()).toBe('en');
    expect(await page.locator('#language-choice option').first().textContent()).toBe('Follow the computer (Tiếng Việt)');
    await page.screenshot({ path: screenshotPath('language-en') });

    // The choice is kept on this computer: a reload opens in English.
    await page.reload();
    await expectShown(page, 'en', ENGLISH);
    expect(await page.locator('#language-choice').inputValue()).toBe('en');

    // Following the computer again: back to Vietnamese, and still so after a reload.
    await page.locator('#language-choice').selectOption('system');
    await expectShown(page, 'vi', VIETNAMESE);
    await page.reload();
    await expectShown(page, 'vi', VIETNAMESE);
    expect(await page.locator('#language-choice').inputValue()).toBe('system');
    await page.screenshot({ path: screenshotPath('language-vi') });

    expect(problems).toEqual([]);
    await page.close();
  });
});
