import { useEffect, useState, type FormEvent } from 'react';
import { DataTable, type Column } from '../components/data-table';
import { EmptyState } from '../components/empty-state';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { BackupCard } from '../components/settings/backup-card';
import { EvidenceCard } from '../components/settings/evidence-card';
import { useRetentionConfirmation } from '../components/settings/retention-confirmation';
import { LanguageCard } from '../components/settings/language-card';
import { settingField, settingUnit } from '../components/settings/setting-text';
import { ThemeCard } from '../components/settings/theme-card';
import { formatDateTime, formatInt } from '../format';
import { localeTag, t } from '../i18n';
import { routeLabel } from '../router';
import { SETTING_META } from '../../../shared/settings-schema';
import { useSettingsList, useSettingsSave, type SettingValue } from '../stores/settings';
import { useCanRequest } from '../stores/session';
import { plainPhrase } from '../plain-errors';

type FieldKey = keyof typeof SETTING_META;

interface Field {
  key: FieldKey;
  inputMode: 'numeric' | 'decimal';
}

/**
 * The settings an operator changes here; everything else stays with the CLI. Their label and help
 * are the catalogue's, by setting key (settingField).
 */
const FIELDS: readonly Field[] = [
  { key: 'retention.days', inputMode: 'numeric' },
  // Retention of the seed's other two archived tables (cleanup_old_ai_data: 1 and 2 years).
  { key: 'retention.performance_metrics_years', inputMode: 'numeric' },
  { key: 'retention.ab_results_years', inputMode: 'numeric' },
  { key: 'capture.default_fps', inputMode: 'decimal' },
  { key: 'live.preview_interval_s', inputMode: 'decimal' },
];

const number = (n: number): string => new Intl.NumberFormat(localeTag(), { maximumFractionDigits: 2 }).format(n);

/** "Default 90 days. From 1 to 3,650." */
function rangeText(key: FieldKey): string {
  const m = SETTING_META[key];
  // "Default 1 year", not "1 years": the unit agrees with the default.
  return t().settings.rangeHelp(number(m.default), settingUnit(key, m.default), number(m.min), number(m.max));
}

/** Numbers go as numbers; anything else is sent as typed so the engine's validation can say why. */
function toValue(text: string): SettingValue {
  const trimmed = text.trim();
  const n = Number(trimmed);
  return trimmed !== '' && Number.isFinite(n) ? n : trimmed;
}

const display = (value: unknown): string => (value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value));

/** The stored-settings table's header, in the language shown (read while rendering). */
function storedColumns(): readonly Column[] {
  const m = t().settings.stored;
  return [m.key, m.value, t().common.updated];
}

export function SettingsPage() {
  const settings = useSettingsList((s) => s.data);
  const loading = useSettingsList((s) => s.loading);
  const load = useSettingsList((s) => s.load);
  const save = useSettingsSave((s) => s.save);
  const saving = useSettingsSave((s) => s.saving);
  const errors = useSettingsSave((s) => s.errors);
  const saved = useSettingsSave((s) => s.saved);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [status, setStatus] = useState('');
  const canSave = useCanRequest('settings:set');
  const retention = useRetentionConfirmation();
  useEffect(() => void load(), [load]);

  const storedRaw = (key: string) => display(settings?.find((s) => s.key === key)?.value);
  // A setting never saved shows the default that applies to it.
  const stored = (key: FieldKey) => storedRaw(key) || String(SETTING_META[key].default);
  const current = (key: FieldKey) => draft[key] ?? stored(key);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const changed = FIELDS.filter((f) => draft[f.key] !== undefined && draft[f.key] !== stored(f.key));
    if (changed.length === 0) {
      setStatus(t().settings.nothingToSave);
      return;
    }
    // A shorter retention period deletes rows at the next run: say how many first.
    if (!(await retention.confirm(changed.map((f) => ({ key: f.key, from: Number(stored(f.key)), to: draft[f.key] ?? '' }))))) {
      setStatus(t().settings.notSaved);
      return;
    }
    setStatus(t().common.saving);
    let failures = 0;
    for (const field of changed) {
      if (await save(field.key, toValue(draft[field.key] ?? ''))) {
        setDraft(({ [field.key]: _saved, ...rest }) => rest);
      } else {
        failures++;
      }
    }
    setStatus(failures === 0 ? t().settings.settingsSaved : t().settings.someNotSaved(formatInt(failures), failures));
  }

  const m = t().settings;
  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title={routeLabel('settings')} description={m.description} />
      {settings === null && loading ? <Loading what={m.settingsWhat} /> : null}
      <form className="card settings-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-describedby="settings-status">
        {FIELDS.map((field) => {
          const error = errors[field.key];
          const inputId = `setting-${field.key.replace(/\W/g, '-')}`;
          const meta = SETTING_META[field.key];
          const isDefault = storedRaw(field.key) === '';
          const message = error ? plainPhrase(error.issues?.[0]?.message ?? error.message) : null;
          const words = settingField(field.key);
          return (
            <div className="field" key={field.key}>
              <label htmlFor={inputId}>{words.label}</label>
              <input
                id={inputId}
                name={field.key}
                type="number"
                inputMode={field.inputMode}
                min={meta.min}
                max={meta.max}
                step={meta.step}
                autoComplete="off"
                value={current(field.key)}
                onChange={(e) => setDraft((d) => ({ ...d, [field.key]: e.target.value }))}
                aria-invalid={error ? true : undefined}
                aria-describedby={`${inputId}-help${error ? ` ${inputId}-error` : ''}`}
              />
              <p className="field-help" id={`${inputId}-help`}>
                {words.help} {rangeText(field.key)}
                {isDefault ? m.defaultInUse : ''} <code>{field.key}</code>
                {saved[field.key] && !error ? <span className="saved"> {m.saved}</span> : null}
              </p>
              {message ? (
                <p className="field-error" id={`${inputId}-error`}>
                  {message}
                </p>
              ) : null}
            </div>
          );
        })}
        <div className="form-actions">
          {canSave ? (
            <button type="submit" className="button button-primary" disabled={saving !== null}>
              {saving ? t().common.saving : m.saveSettings}
            </button>
          ) : (
            <span className="muted">{m.onlyAdminChanges}</span>
          )}
          <span id="settings-status" role="status" className="muted">
            {status}
          </span>
        </div>
      </form>

      {retention.dialog}

      <ThemeCard />

      <LanguageCard />

      <EvidenceCard />

      <BackupCard />

      <section className="card" aria-labelledby="all-settings-title">
        <h2 id="all-settings-title">{m.stored.title}</h2>
        {settings === null ? null : settings.length === 0 ? (
          <EmptyState title={m.stored.noneTitle}>{m.stored.noneHint}</EmptyState>
        ) : (
          <DataTable columns={storedColumns()}>
            {settings.map((s) => (
              <tr key={s.key}>
                <th scope="row">
                  <code>{s.key}</code>
                </th>
                <td>
                  <code>{display(s.value)}</code>
                </td>
                <td>{formatDateTime(s.updatedAt)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </section>
  );
}
