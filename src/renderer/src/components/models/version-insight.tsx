import { useEffect, useState } from 'react';
import type { LineageCameraDto, LineageVersionDto, ModelLineageDto } from '../../../../shared/dto-model-lineage';
import { DASH, formatCompact, formatDateTime, formatDecimal, formatInt, formatPercent } from '../../format';
import { t } from '../../i18n';
import { loadLineage, useTrainingCurves } from '../../stores/models-lineage';
import { useCanRequest } from '../../stores/session';
import { EmptyState } from '../empty-state';
import { InlineError } from '../inline-error';
import { Loading } from '../loading';
import { StateBadge } from '../state-badge';
import { AddTrainingDialog } from './add-training-dialog';
import { FactList } from './fact-list';
import { inputWords, originWords, precisionWords, thresholdWords, viaWords } from './lineage-words';
import { TrainingChart } from './training-chart';

function CamerasRunning({ cameras }: { cameras: LineageCameraDto[] }) {
  const m = t().models.insight;
  if (cameras.length === 0) {
    return (
      <p className="muted" data-testid="version-cameras-empty">
        {m.noCameras}
      </p>
    );
  }
  return (
    <ul className="version-cameras" data-testid="version-cameras">
      {cameras.map((c) => (
        <li key={c.cameraId} data-camera-id={c.cameraId}>
          <strong>{c.name}</strong> <span className="muted">— {viaWords(c)}{c.enabled ? '' : m.cameraOff}</span>
        </li>
      ))}
    </ul>
  );
}

function Training({ modelId, v, onNotice }: { modelId: string; v: LineageVersionDto; onNotice: (message: string) => void }) {
  const curves = useTrainingCurves((s) => s.data);
  const error = useTrainingCurves((s) => s.error);
  const loading = useTrainingCurves((s) => s.loading);
  const load = useTrainingCurves((s) => s.load);
  const canAdd = useCanRequest('models:training');
  const [adding, setAdding] = useState(false);
  useEffect(() => void load({ modelId, version: v.versionNumber }), [load, modelId, v.versionNumber, v.trainingEpochs]);
  const current = curves && curves.modelId === modelId && curves.versionNumber === v.versionNumber ? curves : null;
  const m = t().models.insight.curves;

  const addButton = canAdd ? (
    <button type="button" className="button button-small" onClick={() => setAdding(true)}>
      {m.add}
    </button>
  ) : null;
  let body;
  if (!current) body = error && !loading ? <InlineError error={error} context={m.loadingContext} /> : <Loading what={m.loadingWhat} />;
  else if (current.epochs.length === 0 || current.series.length === 0) {
    body = (
      <EmptyState title={m.emptyTitle}>
        {v.origin === 'derive' ? m.derived(v.parentVersion ?? DASH) : ''}
        {m.emptyHint(canAdd)}
      </EmptyState>
    );
  } else {
    body = (
      <>
        <p className="muted small">
          {m.epochs(current.epochs.length, formatInt(current.epochs.length))}
          {current.totalEpochs && current.totalEpochs !== current.epochs.length ? m.ofTotal(formatInt(current.totalEpochs)) : ''}
          {current.status ? m.run(current.status) : ''}
          {current.format === 'ultralytics-results-csv' ? m.fromCsv : current.format === 'footfall-training-json' ? m.fromJson : ''}
        </p>
        <TrainingChart curves={current} />
      </>
    );
  }
  return (
    <section className="insight-part" aria-labelledby="training-curves-title" data-testid="training-curves">
      <div className="insight-part-head">
        <h4 id="training-curves-title">{m.title}</h4>
        {addButton}
      </div>
      {body}
      {adding ? (
        <AddTrainingDialog
          modelId={modelId}
          version={v.versionNumber}
          onClose={() => setAdding(false)}
          onDone={(message) => {
            setAdding(false);
            onNotice(message);
            void loadLineage(modelId);
            void load({ modelId, version: v.versionNumber });
          }}
        />
      ) : null}
    </section>
  );
}

/** The version chosen in the graph: how it was made, its changelog, its facts, the cameras running it, its training curves. */
export function VersionInsight({ lineage, version, onNotice }: { lineage: ModelLineageDto; version: string; onNotice: (message: string) => void }) {
  const v = lineage.versions.find((x) => x.versionNumber === version);
  if (!v) return null;
  const cameras = lineage.cameras.filter((c) => c.ref === v.ref);
  const merges = lineage.merges.filter((x) => x.versionNumber === v.versionNumber);
  const m = t().models.insight;
  const f = m.facts;
  const review = (status: keyof ReturnType<typeof t>['models']['reviewStatus']): string => t().models.reviewStatus[status];
  const facts: Array<[string, string]> = [
    [f.parent, v.parentVersion ?? f.firstVersion],
    [f.branch, v.branch ?? DASH],
    [f.created, formatDateTime(v.createdAt)],
    [f.author, v.author ?? DASH],
    [f.fileSize, formatDecimal(v.sizeMb, ' MB')],
    [f.inputSize, inputWords(v)],
    [f.precision, precisionWords(v)],
    [f.threshold, thresholdWords(v)],
    [f.parameters, formatCompact(v.parameterCount)],
    [f.trainingData, v.trainingDataset ?? DASH],
    [f.f1, v.f1Pct === null ? t().models.words.notEvaluated : formatPercent(v.f1Pct)],
    [f.latency, formatDecimal(v.latencyMs, ' ms')],
  ];
  return (
    <section className="detail-section version-insight" aria-labelledby="version-insight-title" data-version={v.versionNumber}>
      <header className="insight-header">
        <h3 id="version-insight-title">{m.version(v.versionNumber)}</h3>
        {v.production ? <StateBadge state="production" label={m.production} /> : null}
        {v.canary ? <StateBadge state="canary" label={m.canary} /> : null}
        {v.reviewStatus ? <StateBadge state={v.reviewStatus} label={m.review(review(v.reviewStatus))} /> : null}
      </header>
      <p className="insight-origin" data-testid="version-origin">
        {originWords(v)}.
      </p>
      <section className="insight-part" aria-labelledby="changelog-title">
        <h4 id="changelog-title">{m.changelog}</h4>
        {v.changelog ? (
          <p className="changelog" data-testid="changelog">
            {v.changelog}
          </p>
        ) : (
          <p className="muted" data-testid="changelog">
            {m.noChangelog}
          </p>
        )}
        {v.derivation ? (
          <div data-testid="derivation">
            <p className="subheading-inline">{m.derivationChanged(v.derivation.derivedFrom)}</p>
            <ul className="derivation-list">
              {v.derivation.changes.map((c) => (
                <li key={c}>{c}</li>
              ))}
              {v.derivation.calibration ? (
                <li>{m.calibration(v.derivation.calibration.frames, formatInt(v.derivation.calibration.frames), v.derivation.calibration.method)}</li>
              ) : null}
            </ul>
          </div>
        ) : null}
        {merges.length ? (
          <ul className="derivation-list" data-testid="merges">
            {merges.map((x) => (
              <li key={x.id}>{m.merged(x.branch, x.into, formatDateTime(x.createdAt), x.summary, review(x.reviewStatus))}</li>
            ))}
          </ul>
        ) : null}
      </section>
      <FactList facts={facts} />
      <section className="insight-part" aria-labelledby="version-cameras-title">
        <h4 id="version-cameras-title">{m.camerasTitle}</h4>
        <CamerasRunning cameras={cameras} />
      </section>
      <Training modelId={lineage.modelId} v={v} onNotice={onNotice} />
    </section>
  );
}
