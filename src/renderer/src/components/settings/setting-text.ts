/**
 * The words of a setting from the engine's schema (src/shared/settings-schema.ts), from the
 * catalogue by setting key; the engine's own English text only for a key the catalogue lacks
 * (a setting added to the engine before its words were).
 */
import { SETTING_META, type SettingKey } from '../../../../shared/settings-schema';
import { t } from '../../i18n';

type Unit = (count: number) => string;

/** The unit of a ranged setting for a value of `count`: "1 year", "2 years". */
export function settingUnit(key: SettingKey, count: number): string {
  const units: Partial<Record<string, Unit>> = t().settings.units;
  const unit = units[key];
  if (unit) return unit(count);
  const meta: Partial<Record<string, { unit: string }>> = SETTING_META;
  return meta[key]?.unit ?? '';
}

/** The label and help of a setting the Settings page edits. */
export function settingField(key: SettingKey): { label: string; help: string } {
  const fields: Partial<Record<string, { label: string; help: string }>> = t().settings.fields;
  return fields[key] ?? { label: key, help: '' };
}
