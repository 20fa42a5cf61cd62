import type { TrainingRunDto } from '../../../../shared/dto-models';
import { DASH, formatDateTime, formatDecimal, formatPercent } from '../../format';
import { DataTable, type Column } from '../data-table';
import { StateBadge } from '../state-badge';
import { DetailSection } from './detail-section';

const loss = (n: number | null): string => (n === null ? DASH : n.toFixed(3));

const COLUMNS: readonly Column[] = [
  'Run',
  'Status',
  { label: 'Epochs', num: true },
  { label: 'Train loss', num: true },
  { label: 'Val loss', num: true },
  { label: 'Val accuracy', num: true },
  { label: 'Hours', num: true },
  'Started',
];

/** Training runs imported with the model (Ultralytics results.csv or footfall-training JSON). */
export function TrainingRuns({ runs }: { runs: TrainingRunDto[] }) {
  if (runs.length === 0) return null;
  return (
    <DetailSection titleId="training-title" title="Training runs">
      <DataTable columns={COLUMNS}>
        {runs.map((r) => (
          <tr key={r.trainingRunId}>
            <th scope="row">
              <code>{r.trainingRunId}</code>
              {r.errorMessage ? <span className="cell-sub field-error">{r.errorMessage}</span> : null}
            </th>
            <td>
              <StateBadge state={r.status} />
            </td>
            <td className="num">
              {r.epochsCompleted ?? DASH}
              {r.totalEpochs ? ` / ${r.totalEpochs}` : ''}
            </td>
            <td className="num">{loss(r.trainingLoss)}</td>
            <td className="num">{loss(r.validationLoss)}</td>
            <td className="num">{formatPercent(r.validationAccuracy)}</td>
            <td className="num">{formatDecimal(r.durationHours)}</td>
            <td>{formatDateTime(r.startedAt)}</td>
          </tr>
        ))}
      </DataTable>
    </DetailSection>
  );
}
