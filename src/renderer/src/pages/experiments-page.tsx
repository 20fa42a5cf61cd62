import { useEffect } from 'react';
import { EmptyState } from '../components/empty-state';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { StateBadge } from '../components/state-badge';
import { DASH, formatDateTime } from '../format';
import { useExperiments } from '../stores/experiments';
import { useModels } from '../stores/models';

export function ExperimentsPage() {
  const experiments = useExperiments((s) => s.data);
  const loading = useExperiments((s) => s.loading);
  const load = useExperiments((s) => s.load);
  const models = useModels((s) => s.data);
  const loadModels = useModels((s) => s.load);
  useEffect(() => void load(), [load]);
  useEffect(() => void loadModels(), [loadModels]);
  const modelName = (id: string | null) => (id ? (models?.find((m) => m.modelId === id)?.modelName ?? id) : DASH);

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title="Experiments" description="A/B tests between a baseline and a challenger model." />
      {experiments === null ? (
        loading ? <Loading what="experiments" /> : null
      ) : experiments.length === 0 ? (
        <EmptyState title="No experiments yet">
          Start one with <code>npm run cli -- experiments start …</code>
        </EmptyState>
      ) : (
        <div className="card table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">Experiments</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Baseline</th>
                <th scope="col">Challenger</th>
                <th scope="col" className="num">
                  Challenger traffic
                </th>
                <th scope="col">Started</th>
                <th scope="col">Ended</th>
              </tr>
            </thead>
            <tbody>
              {experiments.map((e) => (
                <tr key={e.experimentId}>
                  <th scope="row">{e.experimentName}</th>
                  <td>
                    <StateBadge state={e.experimentStatus} />
                  </td>
                  <td>{modelName(e.baselineModelId)}</td>
                  <td>{modelName(e.challengerModelId)}</td>
                  <td className="num">{e.trafficSplitPercent}%</td>
                  <td>{formatDateTime(e.startDate)}</td>
                  <td>{formatDateTime(e.endDate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
