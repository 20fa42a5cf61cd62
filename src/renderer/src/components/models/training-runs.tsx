import type { TrainingRunDto } from '../../../../shared/dto-models';
import { DASH, formatDateTime, formatDecimal, formatPercent } from '../../format';
import { StateBadge } from '../state-badge';

const loss = (n: number | null): string => (n === null ? DASH : n.toFixed(3));

/** Training runs imported with the model (Ultralytics results.csv or footfall-training JSON). */
export function TrainingRuns({ runs }: { runs: TrainingRunDto[] }) {
  if (runs.length === 0) return null;
  return (
    <section className="detail-section" aria-labelledby="training-title">
      <h3 id="training-title">Training runs</h3>
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Epochs
              </th>
              <th scope="col" className="num">
                Train loss
              </th>
              <th scope="col" className="num">
                Val loss
              </th>
              <th scope="col" className="num">
                Val accuracy
              </th>
              <th scope="col" className="num">
                Hours
              </th>
              <th scope="col">Started</th>
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
      </div>
    </section>
  );
}
