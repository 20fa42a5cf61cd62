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
import { useAction } from '../../hooks/use-action';
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
  fileNameOf,
  formatBytes,
  formatWhen,
  nextBackupText,
  plural,
  restartHow,
  restoreConsequences,
} from './backup-words';
import './backups.css';

const COLUMNS: readonly Column[] = ['Taken', { label: 'Size', num: true }, 'Check', ACTIONS_COLUMN];

type ScheduleKey = 'backup.keep' | 'backup.interval_hours';

const SCHEDULE_FIELDS: ReadonlyArray<{ key: ScheduleKey; label: string; help: string }> = [
  { key: 'backup.keep', label: 'Keep the newest (backups)', help: 'Older backups are deleted after each new one.' },
  { key: 'backup.interval_hours', label: 'Back up every (hours)', help: 'Counted from the newest backup; the new interval applies after the next scheduled one.' },
];

function settingNumber(rows: ReadonlyArray<{ key: string; value: unknown }> | null, key: ScheduleKey): number {
  const v = rows?.find((r) => r.key === key)?.value;
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : SETTING_META[key].default;
}

/** What a role below admin sees: how backups work, and who runs them. */
function BackupsForOthers() {
  const settings = useSettingsList((s) => s.data);
  const hours = settingNumber(settings, 'backup.interval_hours');
  return (
    <section className="card backup-card" aria-labelledby="backups-title">
      <h2 id="backups-title">Backups</h2>
      <p className="muted">
        Footfall backs up its database by itself every {plural(hours, 'hour')}. Only an admin sees the list of backups, makes one now or restores one: ask an
        admin if counts look lost.
      </p>
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

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const changed = SCHEDULE_FIELDS.filter((f) => draft[f.key] !== undefined && draft[f.key] !== String(current[f.key]));
    if (changed.length === 0) {
      setStatus('Nothing to save.');
      return;
    }
    setStatus('Saving…');
    let failures = 0;
    for (const f of changed) {
      const text = (draft[f.key] ?? '').trim();
      const n = Number(text);
      if (await save(f.key, text !== '' && Number.isFinite(n) ? n : text)) setDraft(({ [f.key]: _done, ...rest }) => rest);
      else failures++;
    }
    setStatus(failures === 0 ? 'Backup schedule saved.' : 'Not saved; see the message below.');
    onSaved();
  }

  return (
    <form className="backup-schedule" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="backup-schedule-title" aria-describedby="backup-schedule-status">
      <h3 id="backup-schedule-title" className="subheading">
        Schedule
      </h3>
      <div className="backup-schedule-fields">
        {SCHEDULE_FIELDS.map((f) => {
          const id = `setting-${f.key.replace(/\W/g, '-')}`;
          const meta = SETTING_META[f.key];
          const error = errors[f.key];
          const message = error ? (error.issues?.[0]?.message ?? error.message) : null;
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
                {f.help} Default {meta.default.toLocaleString()} {meta.unit}, from {meta.min.toLocaleString()} to {meta.max.toLocaleString()}.{' '}
                <code>{f.key}</code>
                {saved[f.key] && !error ? <span className="saved"> Saved.</span> : null}
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
            Save backup schedule
          </button>
          <span id="backup-schedule-status" role="status" className="muted">
            {status}
          </span>
        </div>
      ) : (
        <span id="backup-schedule-status" className="muted">
          Only an admin changes the schedule.
        </span>
      )}
    </form>
  );
}

function createdText(b: BackupCreatedDto, keep: number): string {
  const seconds = (b.durationMs / 1000).toLocaleString(undefined, { maximumFractionDigits: 1 });
  const pruned = b.pruned.length > 0 ? ` ${plural(b.pruned.length, 'older backup')} removed to keep the newest ${plural(keep, 'backup')}.` : '';
  return `Backup made: ${b.name}, ${formatBytes(b.sizeBytes)}, verified (it passed its integrity check), in ${seconds} s.${pruned}`;
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
        <h2 id="backups-title">Backups</h2>
        <button type="button" className="button button-primary" onClick={() => void backUpNow()} disabled={create.pending}>
          {create.pending ? 'Backing up…' : 'Back up now'}
        </button>
      </div>
      <p className="muted backup-intro">
        Footfall copies the whole database into the “backups” folder next to {dbFileName} while it keeps counting, checks each copy right after writing it
        (SQLite’s integrity check; a copy that fails is not kept) and keeps the newest {plural(keep, 'backup')}.
      </p>

      <dl className="facts backup-facts">
        <div>
          <dt>Last backup</dt>
          <dd data-testid="last-backup">
            {newest ? `${formatWhen(newest.takenAt)} · ${formatBytes(newest.sizeBytes)} · verified` : list ? 'None yet' : '—'}
          </dd>
        </div>
        <div>
          <dt>Next scheduled backup</dt>
          <dd data-testid="next-backup">{list ? nextBackupText(newest?.takenAt ?? null, intervalHours) : '—'}</dd>
        </div>
        <div>
          <dt>Schedule</dt>
          <dd>
            Every {plural(intervalHours, 'hour')}, keeping the newest {plural(keep, 'backup')}
          </dd>
        </div>
      </dl>

      {create.pending ? (
        <div className="busy">
          <progress className="busy-bar" aria-label="Backing up the database" />
          <span role="status">Backing up the database and checking the copy…</span>
        </div>
      ) : null}
      <Notice message={created} onDismiss={() => setCreated('')} />
      <InlineError error={create.error ? backupError(create.error) : null} context="Back up now" />

      {pending ? (
        <div className="notice notice-warn backup-pending" role="status" data-testid="restore-pending">
          <p>
            <strong>Restart needed.</strong> Footfall will restore {backupLabel(pending, pendingTakenAt)} when it next starts; nothing changes until then.{' '}
            {restartHow(info?.host)}
          </p>
        </div>
      ) : null}

      {list === null && loading ? <Loading what="backups" /> : null}
      {list === null && listError ? <InlineError error={listError} context="Loading the backups" /> : null}
      {list === null ? null : backups.length === 0 ? (
        <EmptyState title="No backups yet">
          Press <strong>Back up now</strong> to make the first one. Otherwise the schedule makes one a few minutes after Footfall starts, then every{' '}
          {plural(intervalHours, 'hour')}.
        </EmptyState>
      ) : (
        <DataTable columns={COLUMNS} caption={`Kept backups, newest first (${backups.length})`} className="backup-table">
          {backups.map((b) => (
            <tr key={b.name} data-testid="backup-row">
              <th scope="row">
                {formatWhen(b.takenAt)}
                <span className="cell-sub">{b.name}</span>
              </th>
              <td className="num">{formatBytes(b.sizeBytes)}</td>
              <td>
                <span className="badge badge-good badge-label">Verified</span>
                {b.name === pending ? <span className="badge badge-warn badge-label backup-badge">Restores at next start</span> : null}
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
                    Restore…<span className="visually-hidden"> {backupLabel(b.name, b.takenAt)}</span>
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
          title="Restore this backup?"
          description={
            <>
              {restoreConsequences(backupLabel(confirming.name, confirming.takenAt), dbFileName).map((p) => (
                <p key={p}>{p}</p>
              ))}
            </>
          }
          confirmLabel="Restore at next start"
          pendingLabel="Checking the backup…"
          danger
          pending={restore.pending}
          error={restore.error ? backupError(restore.error, keep) : null}
          errorContext="Restore"
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
