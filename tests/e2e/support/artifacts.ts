/**
 * Where the Playwright tests leave their screenshots: test-artifacts/screenshots/ in the checkout
 * (ignored by git; CI keeps the folder), so every page's look can be checked after a run.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const ARTIFACTS_DIR = join(__dirname, '..', '..', '..', 'test-artifacts', 'screenshots');

/** The path for a screenshot called `name` (made file-safe), creating the folder. */
export function screenshotPath(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return join(ARTIFACTS_DIR, `${name.toLowerCase().replace(/[^a-z0-9.-]+/g, '-')}.png`);
}
