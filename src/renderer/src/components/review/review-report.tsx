import type { AuditReportRowDto } from '../../../../shared/requests-audits';
import { DASH, formatInt } from '../../format';
import { DataTable, type Column } from '../data-table';
import { EmptyState } from '../empty-state';

const ratio = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 3 });

/** A 0–1 score in the OS locale's number format; "—" when there is nothing to divide by. */
export function formatScore(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? DASH : ratio.format(n);
}

const COLUMNS: readonly Column[] = [
  'Camera',
  'Model version',
  { label: 'Reviewed', num: true },
  { label: 'Precision', num: true, title: 'Of the counts, the share that were right' },
  { label: 'Recall', num: true, title: 'Of the people who crossed, the share that were counted' },
  { label: 'F1', num: true, title: 'Precision and recall combined' },
];

export function ReviewReport({ rows }: { rows: readonly AuditReportRowDto[] }) {
  if (rows.length === 0) return <EmptyState title="No answers yet">The scores appear here once items have been reviewed.</EmptyState>;
  return (
    <DataTable columns={COLUMNS} caption="Count accuracy per camera and model version" card>
      {rows.map((r) => (
        <tr key={`${r.cameraId}|${r.modelId ?? ''}|${r.modelVersion}`} data-testid="review-report-row">
          <td>{r.camera}</td>
          <td>{r.modelVersion}</td>
          <td className="num">{formatInt(r.answers)}</td>
          <td className="num">{formatScore(r.precision)}</td>
          <td className="num">{formatScore(r.recall)}</td>
          <td className="num">{formatScore(r.f1)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
