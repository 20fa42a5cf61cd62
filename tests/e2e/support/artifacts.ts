/**
 * Where the Playwright tests leave their screenshots: test-artifacts/screenshots/ in the checkout
 * (ignored by git; CI keeps the folder), so every page's look can be checked after a run.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export const ARTIFACTS_DIR = join(__dirname, '..', '..', '..', 'test-artifacts', 'screenshots');

/** The path for a screenshot called `name` (made file-safe), creating the folder. */
export function screenshotPath(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return join(ARTIFACTS_DIR, `${name.toLowerCase().replace(/[^a-z0-9.-]+/g, '-')}.png`);
}

/**
 * A screenshot of the whole page: the app scrolls inside its main area (the sidebar and status bar
 * stay put), which Playwright's fullPage cannot see, so the window is made as tall as the content
 * for the picture and then put back.
 */
export async function contentScreenshot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize();
  const tall = await page.evaluate<number>("Math.max(document.documentElement.scrollHeight, (document.querySelector('.main')?.scrollHeight ?? 0) + 80)");
  if (size && tall > size.height) await page.setViewportSize({ width: size.width, height: Math.min(tall, 8000) });
  try {
    await page.screenshot({ path: screenshotPath(name) });
  } finally {
    if (size && tall > size.height) await page.setViewportSize(size);
  }
}
