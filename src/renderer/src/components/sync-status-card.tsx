import { useEffect } from 'react';
import { formatDateTime, formatInt } from '../format';
import { createResourceStore } from '../stores/resource';
import { EmptyState } from './empty-state';
import { FactList } from './models/fact-list';

/** Chain sync status (`sync:status`), re-read while the page is open: the forwarder runs on its own. */
const useSyncStatus = createResourceStore('Loading chain sync status', (api) => api.sync.status());
const REFRESH_MS = 15_000;

export function SyncStatusCard() {
  const status = useSyncStatus((s) => s.data);
  const load = useSyncStatus((s) => s.load);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);
  if (status === null) return null;

  return (
    <section className="card" aria-labelledby="sync-status-title">
      <h2 id="sync-status-title">Chain sync</h2>
      {status.configured ? (
        <FactList
          facts={[
            ['Last sync', status.lastSyncAt ? formatDateTime(status.lastSyncAt) : 'never'],
            ['Waiting to send', `${formatInt(status.backlog)} change${status.backlog === 1 ? '' : 's'}`],
            ['Store', status.storeId ? `${status.storeName ?? status.storeId} (${status.storeId})` : 'assigned at the first sync'],
            ['Last error', status.lastError ?? 'none'],
          ]}
        />
      ) : (
        <EmptyState title="This shop does not send its data to a central server">
          A technician connects it with <code>footfall sync push --db FILE --pg URL</code>.
        </EmptyState>
      )}
    </section>
  );
}
