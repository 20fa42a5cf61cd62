import type { TrainingRunDto } from '../../../../shared/dto-models';
import { DASH, formatDateTime, formatDecimal, formatPercent } from '../../format';
import { t } from '../../i18n';
import { DataTable, type Column } from '../data-table';
import { StateBadge } from '../state-badge';
import { DetailSection } from './detail-section';

const loss = (n: number | null): string => (n === null ? DASH : n.toFixed(3));

function columns(): readonly Column[] {
  const m = t().models.training;
  return [
    m.run,
    m.status,
    { label: m.epochs, num: true },
    { label: m.trainLoss, num: true },
    { label: m.valLoss, num: true },
    { label: m.valAccuracy, num: true },
    { label: m.hours, num: true },
    m.started,
  ];
}

/** Training runs imported with the model (Ultralytics results.csv or footfall-training JSON). */
export function TrainingRuns({ runs }: { runs: TrainingRunDto[] }) {
  if (runs.length === 0) return null;
  return (
    <DetailSection titleId="training-title" title={t().models.training.title}>
      <DataTable columns={columns()}>
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
