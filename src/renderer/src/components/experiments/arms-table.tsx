import type { ExperimentArmDto } from '../../../../shared/dto-experiments';
import { DASH, formatDecimal, formatInt, formatPercent } from '../../format';
import { localeTag, t } from '../../i18n';
import { DataTable, type Column } from '../data-table';

/** Cost figures are tiny (a fraction of a cent per 1000 frames): enough significant digits to compare. */
function formatCost(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return DASH;
  return n === 0 ? '0' : new Intl.NumberFormat(localeTag(), { maximumSignificantDigits: 2, minimumSignificantDigits: 2 }).format(n);
}

/** The two arms side by side: what each processed, counted and cost. F1 only where truth was given. */
export function ArmsTable({ arms }: { arms: ExperimentArmDto[] }) {
  const withTruth = arms.some((a) => a.f1 !== null);
  const { common } = t();
  const m = t().experiments;
  const columns: Column[] = [
    m.arms.arm,
    { label: m.arms.frames, num: true },
    { label: m.arms.skipped, num: true, title: m.arms.skippedTitle },
    { label: common.in, num: true },
    { label: common.out, num: true },
    { label: m.arms.latency, num: true, title: m.arms.latencyTitle },
    { label: m.arms.cost, num: true, title: m.arms.costTitle },
    ...(withTruth ? [{ label: m.arms.prf, num: true, title: m.arms.prfTitle }] : []),
  ];
  return (
    <DataTable columns={columns} caption={m.arms.caption} className="arms-table">
      {arms.map((a) => (
        <tr key={a.role} data-arm={a.role}>
          <th scope="row">
            {a.role === 'baseline' ? m.baseline : m.challenger}
            <span className="cell-sub">
              <code>{a.ref}</code>
            </span>
          </th>
          <td className="num">{formatInt(a.frames)}</td>
          <td className="num">{formatInt(a.skippedFrames)}</td>
          <td className="num" data-testid={`${a.role}-in`}>{formatInt(a.in)}</td>
          <td className="num" data-testid={`${a.role}-out`}>{formatInt(a.out)}</td>
          <td className="num">{formatDecimal(a.latencyMs)}</td>
          <td className="num">{formatCost(a.costPer1000Frames)}</td>
          {withTruth ? (
            <td className="num nowrap">
              {formatPercent(a.precision)} / {formatPercent(a.recall)} / {formatPercent(a.f1)}
            </td>
          ) : null}
        </tr>
      ))}
    </DataTable>
  );
}
