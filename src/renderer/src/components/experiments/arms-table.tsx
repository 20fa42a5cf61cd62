import type { ExperimentArmDto } from '../../../../shared/dto-experiments';
import { DASH, formatDecimal, formatInt, formatPercent } from '../../format';
import { DataTable, type Column } from '../data-table';

/** Cost figures are tiny (a fraction of a cent per 1000 frames): enough significant digits to compare. */
function formatCost(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return DASH;
  return n === 0 ? '0' : n.toPrecision(2);
}

/** The two arms side by side: what each processed, counted and cost. F1 only where truth was given. */
export function ArmsTable({ arms }: { arms: ExperimentArmDto[] }) {
  const withTruth = arms.some((a) => a.f1 !== null);
  const columns: Column[] = [
    'Arm',
    { label: 'Frames', num: true },
    { label: 'Skipped', num: true, title: 'Frames the challenger could not process while the CPU was busy' },
    { label: 'In', num: true },
    { label: 'Out', num: true },
    { label: 'Latency (ms)', num: true, title: 'Mean inference time per frame' },
    { label: 'Cost / 1000 frames', num: true, title: 'Measured CPU time × device power × energy price' },
    ...(withTruth ? [{ label: 'P / R / F1', num: true, title: 'Precision / recall / F1 against the truth file, percent' }] : []),
  ];
  return (
    <DataTable columns={columns} caption="The arms of the experiment" className="arms-table">
      {arms.map((a) => (
        <tr key={a.role} data-arm={a.role}>
          <th scope="row">
            {a.role === 'baseline' ? 'Baseline' : 'Challenger'}
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
