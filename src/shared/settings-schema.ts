import { z } from 'zod';

/**
 * Every setting the app knows, with its bounds. `settings:set` refuses unknown keys and values out
 * of range, so a typo in a form or a hand-crafted request cannot store a setting nothing reads.
 */
export const settingSchemas = {
  /** Days of per-frame inference results kept before the nightly job archives them (seed: 90). */
  'retention.days': z.number().int().min(1).max(3650),
  /** Frames processed per second for a new camera. */
  'capture.default_fps': z.number().min(0.5).max(30),
  /** Seconds between live preview images. */
  'live.preview_interval_s': z.number().min(0.5).max(60),
  /** The desktop app's role before anyone signs in on this PC (technician and admin always need a password). */
  'access.desktop_role': z.enum(['viewer', 'operator']),
  /** Minutes after which an unused technician or admin session on the desktop drops back to that role. */
  'access.desktop_idle_minutes': z.number().int().min(1).max(24 * 60),
} as const;

export type SettingKey = keyof typeof settingSchemas;

export function isSettingKey(key: string): key is SettingKey {
  return Object.prototype.hasOwnProperty.call(settingSchemas, key);
}
