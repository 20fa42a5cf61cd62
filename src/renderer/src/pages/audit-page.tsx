import { useEffect } from 'react';
import type { AuditEntryDto } from '../../../shared/dto-access';
import { getApi } from '../api';
import { DataTable, type Column } from '../components/data-table';
import { EmptyState } from '../components/empty-state';
import { InlineError } from '../components/inline-error';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { formatDateTime } from '../format';
import { useAction } from '../hooks/use-action';
import { createResourceStore } from '../stores/resource';

const useAudit = createResourceStore('Loading the audit log', (api) => api.audit.list({ limit: 200 }));

const COLUMNS: readonly Column[] = ['When', 'Who', 'What', 'Target', 'Outcome', 'Before → after'];

const json = (v: unknown): string => (v === null || v === undefined ? '—' : JSON.stringify(v, null, 1));

function Change({ entry }: { entry: AuditEntryDto }) {
  if (entry.before === null && entry.after === null && entry.details === null) return <>—</>;
  return (
    <details>
      <summary>Show</summary>
      <dl className="audit-change">
        <dt>Before</dt>
        <dd>
          <pre>{json(entry.before)}</pre>
        </dd>
        <dt>After</dt>
        <dd>
          <pre>{json(entry.after)}</pre>
        </dd>
        {entry.details !== null ? (
          <>
            <dt>Details</dt>
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

  async function save(format: 'csv' | 'json') {
    const out = await exportLog.run(format);
    if (out) download(out.filename, out.mimeType, out.text);
  }

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader
        title="Audit log"
        description="Every change, sign-in and failed sign-in: who, when, what, before and after. It can be added to, never edited."
        actions={
          <div className="button-row">
            <button type="button" className="button" onClick={() => void save('csv')} disabled={exportLog.pending}>
              Export CSV
            </button>
            <button type="button" className="button" onClick={() => void save('json')} disabled={exportLog.pending}>
              Export JSON
            </button>
          </div>
        }
      />
      <InlineError error={exportLog.error} context="Exporting the audit log" />
      {entries === null ? (
        loading ? <Loading what="the audit log" /> : null
      ) : entries.length === 0 ? (
        <EmptyState title="Nothing recorded yet" />
      ) : (
        <DataTable columns={COLUMNS} caption="Audit log, newest first" card>
          {entries.map((e) => (
            <tr key={e.id}>
              <td>{formatDateTime(e.at)}</td>
              <td>{e.username ?? (e.address ? `(not signed in, ${e.address})` : '—')}</td>
              <th scope="row">{e.action}</th>
              <td>{e.target ?? ''}</td>
              <td>{e.outcome}</td>
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
