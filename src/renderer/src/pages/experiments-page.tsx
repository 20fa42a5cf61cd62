import { useEffect, useState } from 'react';
import { EmptyState } from '../components/empty-state';
import { CreateExperimentDialog } from '../components/experiments/create-experiment-dialog';
import { ExperimentDetail } from '../components/experiments/experiment-detail';
import { ExperimentTable } from '../components/experiments/experiment-table';
import { Loading } from '../components/loading';
import { Notice } from '../components/notice';
import { PageHeader } from '../components/page-header';
import { DASH } from '../format';
import { t } from '../i18n';
import { refreshExperiments, useExperimentSelection, useExperiments } from '../stores/experiments';
import { useModels } from '../stores/models';
import { useCanRequest } from '../stores/session';

/**
 * Experiments (issue 9, item 7): does a challenger count as well as production, here? Create one
 * in a few steps (deriving a faster challenger right there), watch it, and act on its verdict.
 */
export function ExperimentsPage() {
  const experiments = useExperiments((s) => s.data);
  const loading = useExperiments((s) => s.loading);
  const load = useExperiments((s) => s.load);
  const models = useModels((s) => s.data);
  const loadModels = useModels((s) => s.load);
  const selected = useExperimentSelection((s) => s.selectedId);
  const select = useExperimentSelection((s) => s.select);
  const canCreate = useCanRequest('experiments:create');
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState('');
  useEffect(() => void load(), [load]);
  useEffect(() => void loadModels(), [loadModels]);
  // Coming back to the page with an experiment still selected: show its current state, not the old one.
  useEffect(() => {
    const id = useExperimentSelection.getState().selectedId;
    if (id) select(id);
  }, [select]);
  const modelName = (id: string | null) => (id ? (models?.find((m) => m.modelId === id)?.modelName ?? id) : DASH);
  const selectedExperiment = experiments?.find((e) => e.experimentId === selected) ?? null;
  const m = t().experiments.page;

  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader
        title={m.title}
        description={m.description}
        actions={
          canCreate ? (
            <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
              {m.newExperiment}
            </button>
          ) : null
        }
      />
      <Notice message={notice} onDismiss={() => setNotice('')} />
      {experiments === null ? (
        loading ? <Loading what={m.loadingWhat} /> : null
      ) : experiments.length === 0 ? (
        <EmptyState title={m.emptyTitle}>
          {canCreate ? m.emptyCanCreate : m.emptyViewer}
        </EmptyState>
      ) : (
        <ExperimentTable experiments={experiments} selectedId={selected} onSelect={select} modelName={modelName} />
      )}
      {selectedExperiment ? <ExperimentDetail experimentId={selectedExperiment.experimentId} onNotice={setNotice} /> : null}
      {creating ? (
        <CreateExperimentDialog
          onClose={() => {
            setCreating(false);
            void refreshExperiments();
          }}
          onDone={(experimentId, message) => {
            setCreating(false);
            setNotice(message);
            select(experimentId);
            void refreshExperiments();
          }}
        />
      ) : null}
    </section>
  );
}
