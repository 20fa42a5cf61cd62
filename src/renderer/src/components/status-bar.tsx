import { transportKind } from '../api';
import { useAppInfo } from '../stores/app-info';
import { useLive } from '../stores/live';

export function StatusBar() {
  const info = useAppInfo((s) => s.data);
  const infoError = useAppInfo((s) => s.error);
  const engine = useLive((s) => s.engine);
  const schemaCurrent = info ? info.schemaVersion === info.latestSchemaVersion : true;

  return (
    <footer className="status-bar" aria-label="Status">
      {info ? (
        <>
          <span className="status-item" data-testid="db-path" title={info.dbPath}>
            <span className="status-label">Database</span> {info.dbPath}
          </span>
          <span className={`status-item ${schemaCurrent ? '' : 'status-warn'}`} data-testid="schema-version">
            schema v{info.schemaVersion}/{info.latestSchemaVersion}
          </span>
          <span className="status-item">
            <span className="status-label">Mode</span> {info.host === 'electron' ? 'Desktop' : 'Server'} ({transportKind().toUpperCase()})
          </span>
          <span className="status-item">v{info.version}</span>
        </>
      ) : (
        <span className="status-item">{infoError ? 'Not connected' : 'Connecting…'}</span>
      )}
      <span className="status-item status-engine" role="status" aria-live="polite">
        {engine ? (
          <>
            <span className={`dot dot-${engine.state}`} aria-hidden="true" /> Engine {engine.state}
            {engine.state !== 'running' ? `: ${engine.message}` : ''}
          </>
        ) : info ? (
          <>
            <span className="dot dot-running" aria-hidden="true" /> Connected
          </>
        ) : null}
      </span>
    </footer>
  );
}
