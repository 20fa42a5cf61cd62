import { z } from 'zod';
import { EVIDENCE_LEVELS } from './enums';

/**
 * Every setting the app knows, with its bounds. `settings:set` refuses unknown keys and values out
 * of range, so a typo in a form or a hand-crafted request cannot store a setting nothing reads.
 */
export const settingSchemas = {
  /** Days of per-frame inference results kept before the nightly job archives them (seed: 90). */
  'retention.days': z.number().int().min(1).max(3650),
  /** Years of model performance metrics kept before the nightly job archives them (seed: 1). */
  'retention.performance_metrics_years': z.number().int().min(1).max(50),
  /** Years of A/B test results kept before the nightly job archives them (seed: 2). */
  'retention.ab_results_years': z.number().int().min(1).max(50),
  /** Frames processed per second for a new camera. */
  'capture.default_fps': z.number().min(0.5).max(30),
  /** Seconds between live preview images (0.2 = five a second, the processed rate). */
  'live.preview_interval_s': z.number().min(0.2).max(60),
  /** The desktop app's role before anyone signs in on this PC (technician and admin always need a password). */
  'access.desktop_role': z.enum(['viewer', 'operator']),
  /** Minutes after which an unused technician or admin session on the desktop drops back to that role. */
  'access.desktop_idle_minutes': z.number().int().min(1).max(24 * 60),
  /** Per-frame detail stored by counting (see EVIDENCE_LEVELS); counting events are always complete. */
  'storage.evidence': z.enum(EVIDENCE_LEVELS),
  /** Backups of the database file kept in its backups folder; older ones are deleted. */
  'backup.keep': z.number().int().min(1).max(365),
  /** Hours between scheduled backups. */
  'backup.interval_hours': z.number().min(1).max(24 * 30),
  /** The shop's currency for revenue (ISO 4217 code, e.g. EUR): display only, sales are stored as imported. */
  'business.currency': z.string().regex(/^[A-Z]{3}$/, 'a three-letter currency code such as EUR'),
  /** The counting PC's power while it infers, in watts (cost per inference; an experiment's device power means the same). */
  'business.device_power_watts': z.number().min(0).max(5000),
  /** What a kWh costs the shop, in its currency (cost per inference). */
  'business.energy_price_per_kwh': z.number().min(0).max(100),
  /** Drifted hourly windows in a row before a drift alert (issue 13; one odd hour raises none). */
  'drift.alert_windows': z.number().int().min(1).max(48),
  /** Days of the same hour that form a drift window's reference. */
  'drift.reference_days': z.number().int().min(1).max(90),
  /** Seconds a covered, blinded, defocused or moved picture must last before a tamper alert. */
  'drift.tamper_seconds': z.number().int().min(2).max(300),
  /** Seconds between two live performance samples (issue 13: latency, fps, CPU, memory per camera and model version). */
  'performance.sample_interval_s': z.number().int().min(1).max(3600),
  /** Count review (issue 13 part 4): evidence pictures are captured, and kept, only while this is on; switching it off deletes them all. */
  'audit.enabled': z.boolean(),
  /** Width of an evidence picture in pixels (people pixelated inside their boxes). */
  'audit.picture_width': z.number().int().min(64).max(640),
  /** Days an evidence picture is kept (the answer is kept after it). */
  'audit.retention_days': z.number().int().min(1).max(90),
  /** Share of counted crossings captured for review (1 = all). */
  'audit.sample_rate': z.number().min(0).max(1),
  /** Frames with no crossing captured per hour of a camera's time, to catch misses. */
  'audit.no_crossing_per_hour': z.number().int().min(0).max(3600),
} as const;

export type SettingKey = keyof typeof settingSchemas;

export function isSettingKey(key: string): key is SettingKey {
  return Object.prototype.hasOwnProperty.call(settingSchemas, key);
}

/** What the Settings page shows for each setting it edits: the default that applies while none is stored, its unit and range. */
export interface SettingMeta {
  default: number;
  unit: string;
  min: number;
  max: number;
  step: number;
}

export const SETTING_META = {
  'retention.days': { default: 90, unit: 'days', min: 1, max: 3650, step: 1 },
  'retention.performance_metrics_years': { default: 1, unit: 'years', min: 1, max: 50, step: 1 },
  'retention.ab_results_years': { default: 2, unit: 'years', min: 1, max: 50, step: 1 },
  'capture.default_fps': { default: 5, unit: 'frames per second', min: 0.5, max: 30, step: 0.5 },
  'live.preview_interval_s': { default: 0.2, unit: 'seconds', min: 0.2, max: 60, step: 0.1 },
  'backup.keep': { default: 7, unit: 'backups', min: 1, max: 365, step: 1 },
  'backup.interval_hours': { default: 24, unit: 'hours', min: 1, max: 720, step: 1 },
  'business.device_power_watts': { default: 65, unit: 'watts', min: 0, max: 5000, step: 1 },
  'business.energy_price_per_kwh': { default: 0.3, unit: 'per kWh', min: 0, max: 100, step: 0.01 },
  'drift.alert_windows': { default: 2, unit: 'hourly windows', min: 1, max: 48, step: 1 },
  'drift.reference_days': { default: 7, unit: 'days', min: 1, max: 90, step: 1 },
  'drift.tamper_seconds': { default: 10, unit: 'seconds', min: 2, max: 300, step: 1 },
  'performance.sample_interval_s': { default: 60, unit: 'seconds', min: 1, max: 3600, step: 1 },
  'audit.picture_width': { default: 320, unit: 'pixels', min: 64, max: 640, step: 16 },
  'audit.retention_days': { default: 7, unit: 'days', min: 1, max: 90, step: 1 },
  'audit.sample_rate': { default: 1, unit: 'share of crossings', min: 0, max: 1, step: 0.05 },
  'audit.no_crossing_per_hour': { default: 4, unit: 'frames per hour', min: 0, max: 3600, step: 1 },
} as const satisfies Partial<Record<SettingKey, SettingMeta>>;
