import { useEffect } from 'react';
import type { AuditReportRowDto } from '../../../../shared/requests-audits';
import { DataTable, type Column } from '../data-table';
import { EmptyState } from '../empty-state';
import { formatInt, formatPercent } from '../../format';
import { t } from '../../i18n';
import { createResourceStore } from '../../stores/resource';

/** Every answered review so far, per camera and model version (`audits:report`, nothing stored). */
const useAuditReport = createResourceStore(() => t().health.contexts.auditReport, (api) => api.audits.report({ store: false }));

function columns(): readonly Column[] {
  const { common } = t();
  const c = t().health.audit.columns;
  return [
    common.modelVersion,
    common.camera,
    { label: c.reviewed, num: true },
    { label: c.precision, num: true, title: c.precisionTitle },
    { label: c.recall, num: true, title: c.recallTitle },
    { label: c.f1, num: true, title: c.f1Title },
  ];
}

/** 0–1 as a percent; "—" when undefined (a denominator of 0). */
const share = (v: number | null): string => (v === null ? '—' : formatPercent(v * 100));

const byVersion = (a: AuditReportRowDto, b: AuditReportRowDto): number =>
  `${a.modelId ?? ''}@${a.modelVersion}`.localeCompare(`${b.modelId ?? ''}@${b.modelVersion}`) || a.camera.localeCompare(b.camera);

/** Health → Audit accuracy (issue 13, part 6): what the operators' answers in Count review say about each model version. */
export function AuditAccuracyCard() {
  const report = useAuditReport((s) => s.data);
  const load = useAuditReport((s) => s.load);
  useEffect(() => void load(), [load]);
  if (report === null) return null;
  const rows = report.rows.filter((r) => r.answers > 0).sort(byVersion);
  const m = t().health.audit;
  return (
    <section className="card" aria-labelledby="audit-accuracy-title">
      <h2 id="audit-accuracy-title">{m.title}</h2>
      {rows.length === 0 ? (
        <EmptyState title={m.empty}>
          <a href="#/review">{m.reviewLink}</a> {m.emptyHint}
        </EmptyState>
      ) : (
        <>
          <DataTable columns={columns()} caption={m.caption}>
            {rows.map((r) => (
              <tr key={`${r.cameraId}\u0000${r.modelId ?? ''}\u0000${r.modelVersion}`}>
                <td>{r.modelId ? `${r.modelId}@${r.modelVersion}` : r.modelVersion}</td>
                <th scope="row">{r.camera}</th>
                <td className="num">{formatInt(r.answers)}</td>
                <td className="num">{share(r.precision)}</td>
                <td className="num">{share(r.recall)}</td>
                <td className="num">{share(r.f1)}</td>
              </tr>
            ))}
          </DataTable>
          <p className="muted small">{m.explanation}</p>
        </>
      )}
    </section>
  );
}
