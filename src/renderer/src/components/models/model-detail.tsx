import { useState } from 'react';
import { t } from '../../i18n';
import { refreshModels, useModelDetail } from '../../stores/models';
import { InlineError } from '../inline-error';
import { Loading } from '../loading';
import { StateBadge } from '../state-badge';
import { DeploymentTable } from './deployment-table';
import { EvaluateDialog } from './evaluate-dialog';
import { MetricsTable } from './metrics-table';
import { ModelFacts } from './model-facts';
import { ModelLineagePanel } from './model-lineage';
import type { ModelDialog } from './model-types';
import { PipelineTimeline } from './pipeline-timeline';
import { PromoteDialog } from './promote-dialog';
import { ReviewDialog } from './review-dialog';
import { RollbackDialog } from './rollback-dialog';
import { TrainingRuns } from './training-runs';
import { VersionTable } from './version-table';

/** The detail panel of one model (`models:show`) and the dialogs of its actions. */
export function ModelDetailPanel({ modelId, onNotice }: { modelId: string; onNotice: (message: string) => void }) {
  const detail = useModelDetail((s) => s.data);
  const loadError = useModelDetail((s) => s.error);
  const loading = useModelDetail((s) => s.loading);
  const reload = useModelDetail((s) => s.load);
  const [dialog, setDialog] = useState<ModelDialog | null>(null);
  // A stale answer for the previously selected model is not shown while the new one loads.
  const current = detail?.model.modelId === modelId ? detail : null;
  const m = t().models.detail;

  const close = () => {
    setDialog(null);
    // A promotion that failed half-way still changed the pipeline history: always reload.
    void refreshModels();
  };
  const done = (message: string) => {
    onNotice(message);
    close();
  };

  return (
    <section className="card detail-panel" id="model-detail" aria-labelledby="model-detail-title">
      {current === null ? (
        loadError && !loading ? (
          <div className="detail-failed">
            <InlineError error={loadError} context={m.loadingContext} />
            <button type="button" className="button" onClick={() => void reload(modelId)}>
              {m.retry}
            </button>
          </div>
        ) : (
          <Loading what={m.loadingWhat} />
        )
      ) : (
        <>
          <header className="detail-header">
            <h2 id="model-detail-title">{current.model.modelName}</h2>
            {current.model.isProduction ? <StateBadge state="production" label={m.production} /> : null}
            {current.model.deploymentStatus !== 'production' ? <StateBadge state={current.model.deploymentStatus} /> : null}
          </header>
          <ModelFacts detail={current} />
          <ModelLineagePanel modelId={modelId} onNotice={onNotice} />
          <VersionTable versions={current.versions} onAction={setDialog} />
          <DeploymentTable modelId={modelId} deployments={current.deployments} events={current.events} onAction={setDialog} />
          <PipelineTimeline pipelines={current.pipelines} />
          <TrainingRuns runs={current.training} />
          <MetricsTable metrics={current.metrics} />
        </>
      )}
      {dialog?.kind === 'review' ? <ReviewDialog modelId={modelId} version={dialog.version} onDone={done} onClose={close} /> : null}
      {dialog?.kind === 'promote' ? <PromoteDialog modelId={modelId} version={dialog.version} onDone={done} onClose={close} /> : null}
      {dialog?.kind === 'evaluate' ? <EvaluateDialog modelId={modelId} version={dialog.version} onClose={close} /> : null}
      {dialog?.kind === 'rollback' ? <RollbackDialog deployment={dialog.deployment} onDone={done} onClose={close} /> : null}
    </section>
  );
}
