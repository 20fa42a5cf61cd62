/** Walks the app frame through every page via the sidebar, checking headings and the status bar. */
import type { Page } from 'playwright-core';
import { expect, vi } from 'vitest';

export const PAGES = ['Live', 'Dashboard', 'Cameras', 'Models', 'Experiments', 'Health', 'Settings'] as const;

/** Polls until `read` returns something that passes `check` (playwright-core has no expect). */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => void, timeout = 15_000): Promise<void> {
  await vi.waitFor(async () => check(await read()), { timeout, interval: 100 });
}

export async function expectStatusBar(page: Page, dbPath: string): Promise<void> {
  const bar = page.getByRole('contentinfo', { name: 'Status' });
  await eventually(() => bar.getByTestId('db-path').textContent(), (t) => expect(t).toContain(dbPath));
  await eventually(() => bar.getByTestId('schema-version').textContent(), (t) => expect(t).toMatch(/^schema v(\d+)\/\1$/));
}

export async function walkEveryPage(page: Page, dbPath: string, onPage?: (name: (typeof PAGES)[number]) => Promise<void>): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of PAGES) {
    await nav.getByRole('link', { name, exact: true }).click();
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent(), (t) => expect(t).toBe(name));
    await eventually(() => nav.getByRole('link', { name, exact: true }).getAttribute('aria-current'), (v) => expect(v).toBe('page'));
    expect(page.url()).toContain(`#/${name.toLowerCase()}`);
    // Every page settles: no spinner left, and the status bar still names the database.
    await eventually(() => page.locator('.loading').count(), (n) => expect(n).toBe(0));
    await expectStatusBar(page, dbPath);
    await onPage?.(name);
  }
}
