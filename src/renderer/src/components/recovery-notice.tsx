/**
 * Tells the operator on screen what start-up recovery did to the database file (app:info
 * `recovery`, issue 11): a damaged, truncated or empty file moved aside and a backup restored (or
 * a new, empty database), or a restore asked for earlier done. Admins also see a restore that is
 * still waiting for the next start (the Settings card says it there). Plain words, file names
 * only; dismissed once per recovery on this computer. Nothing is shown when nothing happened.
 */
import { useEffect, useState } from 'react';
import type { DbRecoveryDto } from '../../../shared/requests-backup';
import { t } from '../i18n';
import { useRoute } from '../router';
import { useAppInfo, useBackupList } from '../stores/app-info';
import { useCanRequest } from '../stores/session';
import { backupLabel, fileNameOf, formatWhen, recoverySentences, restartHow } from './settings/backup-words';
import './settings/backups.css';

const DISMISSED_KEY = 'footfall.recovery-dismissed';

function readDismissed(): string | null {
  try {
    return window.localStorage.getItem(DISMISSED_KEY);
  } catch {
    return null;
  }
}

function writeDismissed(at: string): void {
  try {
    window.localStorage.setItem(DISMISSED_KEY, at);
  } catch {
    // Private mode or storage off: the notice still goes away until the next reload.
  }
}

function titleOf(r: DbRecoveryDto): string {
  const m = t().shell.recovery;
  if (r.kind === 'restored') return r.problem ? m.restoreNotDone : m.backupRestored;
  return r.freshDatabase ? m.emptyDatabase : m.recovered;
}

export function RecoveryNotice() {
  const recovery = useAppInfo((s) => s.data?.recovery ?? null);
  const host = useAppInfo((s) => s.data?.host);
  const isAdmin = useCanRequest('backup:list');
  const route = useRoute();
  const list = useBackupList((s) => s.data);
  const loadBackups = useBackupList((s) => s.load);
  const [dismissed, setDismissed] = useState<string | null>(readDismissed);
  const [pendingDismissed, setPendingDismissed] = useState<string | null>(null);
  useEffect(() => {
    if (isAdmin) void loadBackups();
  }, [isAdmin, loadBackups]);

  const showRecovery = recovery !== null && dismissed !== recovery.at;
  const pending = isAdmin && list?.pendingRestore ? fileNameOf(list.pendingRestore) : null;
  // On Settings the Backups card shows the waiting restore itself.
  const showPending = pending !== null && pending !== pendingDismissed && route !== 'settings';
  if (!showRecovery && !showPending) return null;
  const m = t().shell.recovery;
  const dismiss = t().common.dismiss;

  return (
    <div className="recovery-notices">
      {showRecovery && recovery ? (
        <div className="notice notice-warn recovery-notice" role="status" aria-labelledby="recovery-notice-title" data-testid="recovery-notice">
          <div>
            <p id="recovery-notice-title">
              <strong>{titleOf(recovery)}</strong>
            </p>
            {recoverySentences(recovery).map((s) => (
              <p key={s}>{s}</p>
            ))}
            <p className="small">{m.atStartUp(formatWhen(recovery.at))}</p>
          </div>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              writeDismissed(recovery.at);
              setDismissed(recovery.at);
            }}
          >
            {dismiss}
            <span className="visually-hidden">{m.dismissSuffix}</span>
          </button>
        </div>
      ) : null}
      {showPending && pending ? (
        <div className="notice notice-warn recovery-notice" role="status" aria-label={m.pendingRegion} data-testid="pending-restore-notice">
          <p>
            <strong>{m.restartNeeded}</strong> {m.willRestore(backupLabel(pending, list?.backups.find((b) => b.name === pending)?.takenAt))} {restartHow(host)}
          </p>
          <button type="button" className="button button-quiet" onClick={() => setPendingDismissed(pending)}>
            {dismiss}
            <span className="visually-hidden">{m.dismissPendingSuffix}</span>
          </button>
        </div>
      ) : null}
    </div>
  );
}
