import { useEffect } from 'react';
import { DataTable, type Column } from '../components/data-table';
import { EmptyState } from '../components/empty-state';
import { Loading } from '../components/loading';
import { PageHeader } from '../components/page-header';
import { StateBadge } from '../components/state-badge';
import { DASH, formatDateTime } from '../format';
import { useExperiments } from '../stores/experiments';
import { useModels } from '../stores/models';

const COLUMNS: readonly Column[] = [
  'Name',
  'Status',
  'Baseline',
  'Challenger',
  { label: 'Challenger traffic', num: true },
  'Started',
  'Ended',
];

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
        <DataTable columns={COLUMNS} caption="Experiments" card>
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
        </DataTable>
      )}
    </section>
  );
}
