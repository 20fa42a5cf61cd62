import { transportKind } from '../api';
import { useAppInfo } from '../stores/app-info';
import { useLive } from '../stores/live';
import { t } from '../i18n';

export function StatusBar() {
  const info = useAppInfo((s) => s.data);
  const infoError = useAppInfo((s) => s.error);
  const engine = useLive((s) => s.engine);
  const m = t().shell.status;
  const schemaCurrent = info ? info.schemaVersion === info.latestSchemaVersion : true;

  return (
    <footer className="status-bar" aria-label={m.region}>
      {info ? (
        <>
          <span className="status-item" data-testid="db-path" title={info.dbPath}>
            <span className="status-label">{m.database}</span> {info.dbPath}
          </span>
          <span className={`status-item ${schemaCurrent ? '' : 'status-warn'}`} data-testid="schema-version">
            {m.schema(String(info.schemaVersion), String(info.latestSchemaVersion))}
          </span>
          <span className="status-item">
            <span className="status-label">{m.mode}</span> {info.host === 'electron' ? m.desktop : m.server} ({transportKind().toUpperCase()})
          </span>
          <span className="status-item">{m.appVersion(info.version)}</span>
        </>
      ) : (
        <span className="status-item">{infoError ? m.notConnected : m.connecting}</span>
      )}
      <span className="status-item status-engine" role="status" aria-live="polite">
        {engine ? (
          <>
            <span className={`dot dot-${engine.state}`} aria-hidden="true" /> {m.engine(m.engineStates[engine.state])}
            {engine.state !== 'running' ? `: ${engine.message}` : ''}
          </>
        ) : info ? (
          <>
            <span className="dot dot-running" aria-hidden="true" /> {m.connected}
          </>
        ) : null}
      </span>
    </footer>
  );
}
