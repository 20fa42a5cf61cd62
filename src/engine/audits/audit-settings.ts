/** The `audit.*` settings (src/shared/settings-schema.ts), read with their defaults. */
import type { SettingsRepository } from '../db/repositories/settings-repository';
import { SETTING_META } from '../../shared/settings-schema';

export interface AuditSettings {
  enabled: boolean;
  pictureWidth: number;
  retentionDays: number;
  sampleRate: number;
  noCrossingPerHour: number;
}

export function readAuditSettings(settings: Pick<SettingsRepository, 'get'>): AuditSettings {
  const num = (key: 'audit.picture_width' | 'audit.retention_days' | 'audit.sample_rate' | 'audit.no_crossing_per_hour'): number => {
    const m = SETTING_META[key];
    const v = settings.get(key)?.value;
    return typeof v === 'number' && Number.isFinite(v) && v >= m.min && v <= m.max ? v : m.default;
  };
  return {
    enabled: settings.get('audit.enabled')?.value === true,
    pictureWidth: Math.round(num('audit.picture_width')),
    retentionDays: num('audit.retention_days'),
    sampleRate: num('audit.sample_rate'),
    noCrossingPerHour: num('audit.no_crossing_per_hour'),
  };
}
