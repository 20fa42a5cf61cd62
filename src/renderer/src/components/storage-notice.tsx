/**
 * While the disk refuses the engine's writes (app:info `storage`, issue 11 disk full): counting
 * goes on in memory and this notice says so, re-reading app:info every few seconds; it goes away
 * by itself once the held rows are written. Shown to every role (app:info is a viewer request).
 */
import { useEffect, useState } from 'react';
import type { StorageHealthDto } from '../../../shared/dto';
import { getApi } from '../api';
import { useAppInfo } from '../stores/app-info';
import { storageNoticeText } from './storage-notice-text';

const REFRESH_MS = 5000;

export function StorageNotice() {
  const initial = useAppInfo((s) => s.data?.storage ?? null);
  const dbPath = useAppInfo((s) => s.data?.dbPath ?? null);
  const [storage, setStorage] = useState<StorageHealthDto | null>(null);
  useEffect(() => {
    let alive = true;
    const refresh = async (): Promise<void> => {
      try {
        const info = await getApi().app.info();
        // A failed read (engine restarting) keeps the last state: the status bar says "Not connected".
        if (alive && info.ok) setStorage(info.value.storage ?? null);
      } catch {
        // Same: keep what was shown.
      }
    };
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, []);
  const text = storageNoticeText(storage ?? initial, dbPath);
  if (!text) return null;
  return (
    <div className="notice notice-warn" role="status" aria-live="polite" data-testid="storage-notice">
      <p>{text}</p>
    </div>
  );
}
