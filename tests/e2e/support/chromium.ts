/**
 * Debian's Chromium driven by playwright-core (no browser download needed), with a fresh profile
 * per launch so no state leaks between tests.
 */
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/** The first Chromium on PATH (CHROMIUM_PATH overrides), or null. */
export function findChromium(): string | null {
  const override = process.env.CHROMIUM_PATH;
  if (override && isExecutable(override)) return override;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of CANDIDATES) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * `locale` is the OS language the page sees (navigator.languages); English unless a test asks,
 * so tests that find elements by their English names do not depend on the machine's LANG.
 */
export async function launchChromium(options: { locale?: string } = {}): Promise<LaunchedBrowser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found on PATH (install Debian\'s `chromium` or set CHROMIUM_PATH)');
  const profile = mkdtempSync(join(tmpdir(), 'footfall-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1366, height: 860 },
    locale: options.locale ?? 'en-US',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
