import { useEffect, useState, type FormEvent } from 'react';
import { DataTable, type Column } from '../components/data-table';
import { EmptyState } from '../components/empty-state';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { BackupCard } from '../components/settings/backup-card';
import { EvidenceCard } from '../components/settings/evidence-card';
import { useRetentionConfirmation } from '../components/settings/retention-confirmation';
import { formatDateTime } from '../format';
import { SETTING_META } from '../../../shared/settings-schema';
import { useSettingsList, useSettingsSave, type SettingValue } from '../stores/settings';
import { useCanRequest } from '../stores/session';
import { effectiveTheme, useTheme, type ThemeChoice } from '../stores/theme';

type FieldKey = keyof typeof SETTING_META;

interface Field {
  key: FieldKey;
  label: string;
  help: string;
  inputMode: 'numeric' | 'decimal';
}

/** The settings an operator changes here; everything else stays with the CLI. */
const FIELDS: readonly Field[] = [
  { key: 'retention.days', label: 'Keep detailed results for (days)', help: 'Older results move to the archive tables during the nightly retention run.', inputMode: 'numeric' },
  // Retention of the seed's other two archived tables (cleanup_old_ai_data: 1 and 2 years).
  { key: 'retention.performance_metrics_years', label: 'Keep model performance metrics for (years)', help: 'Older metrics move to their archive table during the nightly retention run.', inputMode: 'numeric' },
  { key: 'retention.ab_results_years', label: 'Keep A/B test results for (years)', help: 'Older results move to their archive table during the nightly retention run.', inputMode: 'numeric' },
  { key: 'capture.default_fps', label: 'Default processing rate (frames per second)', help: 'Used for cameras that do not set their own rate (from their next start).', inputMode: 'decimal' },
  { key: 'live.preview_interval_s', label: 'Live preview interval (seconds)', help: 'How often the Live page receives a new picture of each camera (0.2 = five a second).', inputMode: 'decimal' },
];

const number = (n: number): string => n.toLocaleString(undefined, { maximumFractionDigits: 2 });

/** "Default 90 days. From 1 to 3650." */
function rangeText(key: FieldKey): string {
  const m = SETTING_META[key];
  // "Default 1 year", not "1 years".
  const unit = m.default === 1 && m.unit.endsWith('s') ? m.unit.slice(0, -1) : m.unit;
  return `Default ${number(m.default)} ${unit}. From ${number(m.min)} to ${number(m.max)}.`;
}

function ThemeCard() {
  const choice = useTheme((s) => s.choice);
  const choose = useTheme((s) => s.choose);
  const os = effectiveTheme('system');
  return (
    <section className="card" aria-labelledby="appearance-title">
      <h2 id="appearance-title">Appearance</h2>
      <div className="field">
        <label htmlFor="theme-choice">Theme</label>
        <select id="theme-choice" value={choice} onChange={(e) => choose(e.target.value as ThemeChoice)} aria-describedby="theme-help">
          <option value="system">Follow this computer ({os === 'dark' ? 'dark' : 'light'} now)</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
        <p className="field-help" id="theme-help">
          Kept on this computer only.
        </p>
      </div>
    </section>
  );
}

/** Numbers go as numbers; anything else is sent as typed so the engine's validation can say why. */
function toValue(text: string): SettingValue {
  const trimmed = text.trim();
  const n = Number(trimmed);
  return trimmed !== '' && Number.isFinite(n) ? n : trimmed;
}

const display = (value: unknown): string => (value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value));

const STORED_COLUMNS: readonly Column[] = ['Key', 'Value', 'Updated'];

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
      setStatus('Nothing to save.');
      return;
    }
    // A shorter retention period deletes rows at the next run: say how many first.
    if (!(await retention.confirm(changed.map((f) => ({ key: f.key, from: Number(stored(f.key)), to: draft[f.key] ?? '' }))))) {
      setStatus('Not saved.');
      return;
    }
    setStatus('Saving…');
    let failures = 0;
    for (const field of changed) {
      if (await save(field.key, toValue(draft[field.key] ?? ''))) {
        setDraft(({ [field.key]: _saved, ...rest }) => rest);
      } else {
        failures++;
      }
    }
    setStatus(failures === 0 ? 'Settings saved.' : `${failures} setting${failures === 1 ? '' : 's'} not saved; see the messages below.`);
  }

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title="Settings" description="Stored in the database; the engine validates every value." />
      {settings === null && loading ? <Loading what="settings" /> : null}
      <form className="card settings-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-describedby="settings-status">
        {FIELDS.map((field) => {
          const error = errors[field.key];
          const inputId = `setting-${field.key.replace(/\W/g, '-')}`;
          const meta = SETTING_META[field.key];
          const isDefault = storedRaw(field.key) === '';
          const message = error ? (error.issues?.[0]?.message ?? error.message) : null;
          return (
            <div className="field" key={field.key}>
              <label htmlFor={inputId}>{field.label}</label>
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
                {field.help} {rangeText(field.key)}
                {isDefault ? ' (the default is in use)' : ''} <code>{field.key}</code>
                {saved[field.key] && !error ? <span className="saved"> Saved.</span> : null}
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
              {saving ? 'Saving…' : 'Save settings'}
            </button>
          ) : (
            <span className="muted">Only an admin changes settings.</span>
          )}
          <span id="settings-status" role="status" className="muted">
            {status}
          </span>
        </div>
      </form>

      {retention.dialog}

      <ThemeCard />

      <EvidenceCard />

      <BackupCard />

      <section className="card" aria-labelledby="all-settings-title">
        <h2 id="all-settings-title">All stored settings</h2>
        {settings === null ? null : settings.length === 0 ? (
          <EmptyState title="No settings stored yet">Defaults apply until a value is saved.</EmptyState>
        ) : (
          <DataTable columns={STORED_COLUMNS}>
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
