import { useEffect } from 'react';
import { formatDateTime, formatInt } from '../format';
import { t } from '../i18n';
import { createResourceStore } from '../stores/resource';
import { EmptyState } from './empty-state';
import { FactList } from './models/fact-list';

/** Chain sync status (`sync:status`), re-read while the page is open: the forwarder runs on its own. */
const useSyncStatus = createResourceStore(() => t().errors.contexts.loadingSync, (api) => api.sync.status());
const REFRESH_MS = 15_000;
/** A command line, the same in every language: not catalogue text. */
const SYNC_COMMAND = 'footfall sync push --db FILE --pg URL';

export function SyncStatusCard() {
  const status = useSyncStatus((s) => s.data);
  const load = useSyncStatus((s) => s.load);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);
  if (status === null) return null;
  const m = t().shell.sync;

  return (
    <section className="card" aria-labelledby="sync-status-title">
      <h2 id="sync-status-title">{m.title}</h2>
      {status.configured ? (
        <FactList
          facts={[
            [m.lastSync, status.lastSyncAt ? formatDateTime(status.lastSyncAt) : m.never],
            [m.waitingToSend, m.changes(formatInt(status.backlog), status.backlog)],
            [m.store, status.storeId ? `${status.storeName ?? status.storeId} (${status.storeId})` : m.assignedAtFirstSync],
            [m.lastError, status.lastError ?? m.none],
          ]}
        />
      ) : (
        <EmptyState title={m.notConfigured}>
          {m.connectHint} <code>{SYNC_COMMAND}</code>.
        </EmptyState>
      )}
    </section>
  );
}
