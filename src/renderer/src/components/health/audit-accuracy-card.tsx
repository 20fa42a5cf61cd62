import { useEffect } from 'react';
import type { AuditReportRowDto } from '../../../../shared/requests-audits';
import { DataTable, type Column } from '../data-table';
import { EmptyState } from '../empty-state';
import { formatInt, formatPercent } from '../../format';
import { createResourceStore } from '../../stores/resource';

/** Every answered review so far, per camera and model version (`audits:report`, nothing stored). */
const useAuditReport = createResourceStore('Loading audit accuracy', (api) => api.audits.report({ store: false }));

const COLUMNS: readonly Column[] = [
  'Model version',
  'Camera',
  { label: 'Reviewed', num: true },
  { label: 'Precision', num: true, title: 'Counted crossings that were right' },
  { label: 'Recall', num: true, title: 'Real crossings that were counted' },
  { label: 'F1', num: true, title: 'Precision and recall in one figure' },
];

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
  return (
    <section className="card" aria-labelledby="audit-accuracy-title">
      <h2 id="audit-accuracy-title">Audit accuracy</h2>
      {rows.length === 0 ? (
        <EmptyState title="No counts reviewed yet — open Count review to check a sample">
          <a href="#/review">Count review</a> shows recent crossings and moments with none; each answer adds to these figures.
        </EmptyState>
      ) : (
        <>
          <DataTable columns={COLUMNS} caption="Precision, recall and F1 per model version and camera">
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
          <p className="muted small">
            From the answers in Count review: precision = right counts ÷ all counts checked, recall = right counts ÷ (right counts + people missed), F1 combines the
            two. “—” means there is nothing yet to divide by.
          </p>
        </>
      )}
    </section>
  );
}
