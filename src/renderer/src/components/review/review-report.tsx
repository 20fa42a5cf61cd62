import type { AuditReportRowDto } from '../../../../shared/requests-audits';
import { DASH, formatInt } from '../../format';
import { DataTable, type Column } from '../data-table';
import { EmptyState } from '../empty-state';
import { localeTag, t } from '../../i18n';

/** One formatter per language tag: the table formats three scores a row. */
const ratios = new Map<string, Intl.NumberFormat>();

/** A 0–1 score in the number format of the language shown; "—" when there is nothing to divide by. */
export function formatScore(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return DASH;
  const tag = localeTag();
  let ratio = ratios.get(tag);
  if (!ratio) ratios.set(tag, (ratio = new Intl.NumberFormat(tag, { minimumFractionDigits: 2, maximumFractionDigits: 3 })));
  return ratio.format(n);
}

function columns(): readonly Column[] {
  const { common } = t();
  const m = t().review.report;
  return [
    common.camera,
    common.modelVersion,
    { label: m.reviewed, num: true },
    { label: m.precision, num: true, title: m.precisionTitle },
    { label: m.recall, num: true, title: m.recallTitle },
    { label: m.f1, num: true, title: m.f1Title },
  ];
}

export function ReviewReport({ rows }: { rows: readonly AuditReportRowDto[] }) {
  const m = t().review.report;
  if (rows.length === 0) return <EmptyState title={m.empty}>{m.emptyHint}</EmptyState>;
  return (
    <DataTable columns={columns()} caption={m.caption} card>
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
