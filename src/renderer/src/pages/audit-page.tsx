import { useEffect } from 'react';
import type { AuditEntryDto } from '../../../shared/dto-access';
import { getApi } from '../api';
import { DataTable, type Column } from '../components/data-table';
import { EmptyState } from '../components/empty-state';
import { InlineError } from '../components/inline-error';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { DASH, formatDateTime } from '../format';
import { useAction } from '../hooks/use-action';
import { t } from '../i18n';
import { createResourceStore } from '../stores/resource';

const useAudit = createResourceStore(() => t().audit.loadingError, (api) => api.audit.list({ limit: 200 }));

function columns(): readonly Column[] {
  const m = t().audit.columns;
  return [m.when, m.who, m.what, m.target, m.outcome, m.change];
}

const json = (v: unknown): string => (v === null || v === undefined ? DASH : JSON.stringify(v, null, 1));

function Change({ entry }: { entry: AuditEntryDto }) {
  if (entry.before === null && entry.after === null && entry.details === null) return <>{DASH}</>;
  const { common, audit: m } = t();
  return (
    <details>
      <summary>{m.show}</summary>
      <dl className="audit-change">
        <dt>{m.before}</dt>
        <dd>
          <pre>{json(entry.before)}</pre>
        </dd>
        <dt>{m.after}</dt>
        <dd>
          <pre>{json(entry.after)}</pre>
        </dd>
        {entry.details !== null ? (
          <>
            <dt>{common.details}</dt>
            <dd>
              <pre>{json(entry.details)}</pre>
            </dd>
          </>
        ) : null}
      </dl>
    </details>
  );
}

/** Saves text as a file through a temporary blob link (nothing leaves this PC). */
function download(filename: string, mimeType: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function AuditPage() {
  const entries = useAudit((s) => s.data);
  const loading = useAudit((s) => s.loading);
  const load = useAudit((s) => s.load);
  const exportLog = useAction((format: 'csv' | 'json') => getApi().audit.export({ format }));
  useEffect(() => void load(), [load]);
  const m = t().audit;

  async function save(format: 'csv' | 'json') {
    const out = await exportLog.run(format);
    if (out) download(out.filename, out.mimeType, out.text);
  }

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader
        title={m.title}
        description={m.description}
        actions={
          <div className="button-row">
            <button type="button" className="button" onClick={() => void save('csv')} disabled={exportLog.pending}>
              {m.exportCsv}
            </button>
            <button type="button" className="button" onClick={() => void save('json')} disabled={exportLog.pending}>
              {m.exportJson}
            </button>
          </div>
        }
      />
      <InlineError error={exportLog.error} context={m.exportError} />
      {entries === null ? (
        loading ? <Loading what={m.loadingWhat} /> : null
      ) : entries.length === 0 ? (
        <EmptyState title={m.emptyTitle} />
      ) : (
        <DataTable columns={columns()} caption={m.caption} card>
          {entries.map((e) => (
            <tr key={e.id}>
              <td>{formatDateTime(e.at)}</td>
              <td>{e.username ?? (e.address ? m.notSignedIn(e.address) : DASH)}</td>
              <th scope="row">{e.action}</th>
              <td>{e.target ?? ''}</td>
              <td>{m.outcomes[e.outcome]}</td>
              <td>
                <Change entry={e} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
