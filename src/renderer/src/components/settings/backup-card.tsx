/**
 * Settings → Backups (issue 11): the last and the next backup, the kept backups newest first,
 * "Back up now" and "Restore…" (applied at the next start: the running engine holds the file),
 * and the schedule's two settings. Backups are an admin's: other roles get a plain message and
 * no request they would be refused.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { BackupCreatedDto, BackupDto } from '../../../../shared/requests-backup';
import { SETTING_META } from '../../../../shared/settings-schema';
import { getApi } from '../../api';
import { DASH, formatDecimal, formatInt } from '../../format';
import { t } from '../../i18n';
import { useAction } from '../../hooks/use-action';
import { plainPhrase } from '../../plain-errors';
import { useAppInfo, useBackupList } from '../../stores/app-info';
import { useCanRequest } from '../../stores/session';
import { useSettingsList, useSettingsSave } from '../../stores/settings';
import { ConfirmDialog } from '../confirm-dialog';
import { ACTIONS_COLUMN, DataTable, type Column } from '../data-table';
import { EmptyState } from '../empty-state';
import { InlineError } from '../inline-error';
import { Loading } from '../loading';
import { Notice } from '../notice';
import {
  backupError,
  backupLabel,
  backupsText,
  fileNameOf,
  formatBytes,
  formatWhen,
  hoursText,
  nextBackupText,
  restartHow,
  restoreConsequences,
} from './backup-words';
import { settingUnit } from './setting-text';
import './backups.css';

/** The kept-backups table's header, in the language shown (read while rendering). */
function columns(): readonly Column[] {
  const m = t().settings.backups;
  return [m.taken, { label: m.size, num: true }, m.check, ACTIONS_COLUMN];
}

type ScheduleKey = 'backup.keep' | 'backup.interval_hours';

/** The schedule's fields, in form order; their label and help are the catalogue's, by setting key. */
const SCHEDULE_KEYS: readonly ScheduleKey[] = ['backup.keep', 'backup.interval_hours'];

function settingNumber(rows: ReadonlyArray<{ key: string; value: unknown }> | null, key: ScheduleKey): number {
  const v = rows?.find((r) => r.key === key)?.value;
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : SETTING_META[key].default;
}

/** What a role below admin sees: how backups work, and who runs them. */
function BackupsForOthers() {
  const settings = useSettingsList((s) => s.data);
  const hours = settingNumber(settings, 'backup.interval_hours');
  const m = t().settings.backups;
  return (
    <section className="card backup-card" aria-labelledby="backups-title">
      <h2 id="backups-title">{m.title}</h2>
      <p className="muted">{m.forOthers(hoursText(hours))}</p>
    </section>
  );
}

function ScheduleForm({ keep, intervalHours, onSaved }: { keep: number; intervalHours: number; onSaved: () => void }) {
  const save = useSettingsSave((s) => s.save);
  const saving = useSettingsSave((s) => s.saving);
  const errors = useSettingsSave((s) => s.errors);
  const saved = useSettingsSave((s) => s.saved);
  const canSave = useCanRequest('settings:set');
  const [draft, setDraft] = useState<Partial<Record<ScheduleKey, string>>>({});
  const [status, setStatus] = useState('');
  const current: Record<ScheduleKey, number> = { 'backup.keep': keep, 'backup.interval_hours': intervalHours };
  const m = t().settings;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const changed = SCHEDULE_KEYS.filter((key) => draft[key] !== undefined && draft[key] !== String(current[key]));
    if (changed.length === 0) {
      setStatus(t().settings.nothingToSave);
      return;
    }
    setStatus(t().common.saving);
    let failures = 0;
    for (const key of changed) {
      const text = (draft[key] ?? '').trim();
      const n = Number(text);
      if (await save(key, text !== '' && Number.isFinite(n) ? n : text)) setDraft(({ [key]: _done, ...rest }) => rest);
      else failures++;
    }
    setStatus(failures === 0 ? t().settings.backups.scheduleSaved : t().settings.backups.scheduleNotSaved);
    onSaved();
  }

  return (
    <form className="backup-schedule" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="backup-schedule-title" aria-describedby="backup-schedule-status">
      <h3 id="backup-schedule-title" className="subheading">
        {m.backups.scheduleTitle}
      </h3>
      <div className="backup-schedule-fields">
        {SCHEDULE_KEYS.map((key) => {
          const f = { key, ...m.fields[key] };
          const id = `setting-${f.key.replace(/\W/g, '-')}`;
          const meta = SETTING_META[f.key];
          const error = errors[f.key];
          const message = error ? plainPhrase(error.issues?.[0]?.message ?? error.message) : null;
          return (
            <div className="field" key={f.key}>
              <label htmlFor={id}>{f.label}</label>
              <input
                id={id}
                name={f.key}
                type="number"
                inputMode="numeric"
                min={meta.min}
                max={meta.max}
                step={meta.step}
                autoComplete="off"
                disabled={!canSave}
                value={draft[f.key] ?? String(current[f.key])}
                onChange={(e) => setDraft((d) => ({ ...d, [f.key]: e.target.value }))}
                aria-invalid={error ? true : undefined}
                aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
              />
              <p className="field-help" id={`${id}-help`}>
                {f.help} {m.backups.scheduleRange(formatInt(meta.default), settingUnit(f.key, meta.default), formatInt(meta.min), formatInt(meta.max))} <code>{f.key}</code>
                {saved[f.key] && !error ? <span className="saved"> {m.saved}</span> : null}
              </p>
              {message ? (
                <p className="field-error" id={`${id}-error`}>
                  {message}
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
      {canSave ? (
        <div className="form-actions">
          <button type="submit" className="button" disabled={saving !== null}>
            {m.backups.saveSchedule}
          </button>
          <span id="backup-schedule-status" role="status" className="muted">
            {status}
          </span>
        </div>
      ) : (
        <span id="backup-schedule-status" className="muted">
          {m.backups.onlyAdminSchedule}
        </span>
      )}
    </form>
  );
}

function createdText(b: BackupCreatedDto, keep: number): string {
  const m = t().settings.backups;
  const pruned = b.pruned.length > 0 ? m.pruned(m.olderBackups(formatInt(b.pruned.length), b.pruned.length), backupsText(keep)) : '';
  return `${m.created(b.name, formatBytes(b.sizeBytes), formatDecimal(b.durationMs / 1000))}${pruned}`;
}

function AdminBackups() {
  const list = useBackupList((s) => s.data);
  const loading = useBackupList((s) => s.loading);
  const listError = useBackupList((s) => s.error);
  const load = useBackupList((s) => s.load);
  const info = useAppInfo((s) => s.data);
  const canRestore = useCanRequest('backup:restore');
  const create = useAction(useCallback(() => getApi().backup.create(), []));
  const restore = useAction(useCallback((name: string) => getApi().backup.restore({ name }), []));
  const [created, setCreated] = useState('');
  const [confirming, setConfirming] = useState<BackupDto | null>(null);
  useEffect(() => void load(), [load]);

  const keep = list?.keep ?? SETTING_META['backup.keep'].default;
  const intervalHours = list?.intervalHours ?? SETTING_META['backup.interval_hours'].default;
  const backups = list?.backups ?? [];
  const newest = backups[0] ?? null;
  const pending = list?.pendingRestore ? fileNameOf(list.pendingRestore) : null;
  const pendingTakenAt = backups.find((b) => b.name === pending)?.takenAt;
  const dbFileName = info ? fileNameOf(info.dbPath) : 'footfall.db';
  const m = t().settings.backups;

  async function backUpNow() {
    setCreated('');
    const b = await create.run(undefined);
    if (b) setCreated(createdText(b, keep));
    await load();
  }

  async function confirmRestore() {
    if (!confirming) return;
    const r = await restore.run(confirming.name);
    if (r) {
      setConfirming(null);
      await load();
    }
  }

  return (
    <section className="card backup-card" aria-labelledby="backups-title">
      <div className="card-title-row">
        <h2 id="backups-title">{m.title}</h2>
        <button type="button" className="button button-primary" onClick={() => void backUpNow()} disabled={create.pending}>
          {create.pending ? m.backingUp : m.backUpNow}
        </button>
      </div>
      <p className="muted backup-intro">{m.intro(dbFileName, backupsText(keep))}</p>

      <dl className="facts backup-facts">
        <div>
          <dt>{m.lastBackup}</dt>
          <dd data-testid="last-backup">{newest ? m.lastBackupValue(formatWhen(newest.takenAt), formatBytes(newest.sizeBytes)) : list ? m.noneYet : DASH}</dd>
        </div>
        <div>
          <dt>{m.nextBackup}</dt>
          <dd data-testid="next-backup">{list ? nextBackupText(newest?.takenAt ?? null, intervalHours) : DASH}</dd>
        </div>
        <div>
          <dt>{m.schedule}</dt>
          <dd>{m.scheduleValue(hoursText(intervalHours), backupsText(keep))}</dd>
        </div>
      </dl>

      {create.pending ? (
        <div className="busy">
          <progress className="busy-bar" aria-label={m.backingUpRegion} />
          <span role="status">{m.backingUpStatus}</span>
        </div>
      ) : null}
      <Notice message={created} onDismiss={() => setCreated('')} />
      <InlineError error={create.error ? backupError(create.error) : null} context={m.backUpNow} />

      {pending ? (
        <div className="notice notice-warn backup-pending" role="status" data-testid="restore-pending">
          <p>
            <strong>{m.restartNeeded}</strong> {m.willRestore(backupLabel(pending, pendingTakenAt))} {restartHow(info?.host)}
          </p>
        </div>
      ) : null}

      {list === null && loading ? <Loading what={m.what} /> : null}
      {list === null && listError ? <InlineError error={listError} context={m.loadingContext} /> : null}
      {list === null ? null : backups.length === 0 ? (
        <EmptyState title={m.noneTitle}>
          {m.noneHintBefore}
          <strong>{m.backUpNow}</strong>
          {m.noneHintAfter(hoursText(intervalHours))}
        </EmptyState>
      ) : (
        <DataTable columns={columns()} caption={m.caption(formatInt(backups.length))} className="backup-table">
          {backups.map((b) => (
            <tr key={b.name} data-testid="backup-row">
              <th scope="row">
                {formatWhen(b.takenAt)}
                <span className="cell-sub">{b.name}</span>
              </th>
              <td className="num">{formatBytes(b.sizeBytes)}</td>
              <td>
                <span className="badge badge-good badge-label">{m.verified}</span>
                {b.name === pending ? <span className="badge badge-warn badge-label backup-badge">{m.restoresAtNextStart}</span> : null}
              </td>
              <td className="cell-actions">
                {canRestore ? (
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => {
                      restore.reset();
                      setConfirming(b);
                    }}
                  >
                    {m.restore}
                    <span className="visually-hidden"> {backupLabel(b.name, b.takenAt)}</span>
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      )}

      <ScheduleForm keep={keep} intervalHours={intervalHours} onSaved={() => void load()} />

      {confirming ? (
        <ConfirmDialog
          title={m.restoreTitle}
          description={
            <>
              {restoreConsequences(backupLabel(confirming.name, confirming.takenAt), dbFileName).map((p) => (
                <p key={p}>{p}</p>
              ))}
            </>
          }
          confirmLabel={m.restoreConfirm}
          pendingLabel={m.checkingBackup}
          danger
          pending={restore.pending}
          error={restore.error ? backupError(restore.error, keep) : null}
          errorContext={m.restoreContext}
          onConfirm={() => void confirmRestore()}
          onClose={() => setConfirming(null)}
        />
      ) : null}
    </section>
  );
}

export function BackupCard() {
  const isAdmin = useCanRequest('backup:list');
  return isAdmin ? <AdminBackups /> : <BackupsForOthers />;
}
