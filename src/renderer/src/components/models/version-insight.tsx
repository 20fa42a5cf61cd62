import { useEffect, useState } from 'react';
import type { LineageCameraDto, LineageVersionDto, ModelLineageDto } from '../../../../shared/dto-model-lineage';
import { DASH, formatCompact, formatDateTime, formatDecimal, formatPercent } from '../../format';
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
  if (cameras.length === 0) {
    return <p className="muted" data-testid="version-cameras-empty">No camera runs this version. Once it is approved in review, promote it to run it on the cameras.</p>;
  }
  return (
    <ul className="version-cameras" data-testid="version-cameras">
      {cameras.map((c) => (
        <li key={c.cameraId} data-camera-id={c.cameraId}>
          <strong>{c.name}</strong> <span className="muted">— {viaWords(c)}{c.enabled ? '' : ' (camera turned off)'}</span>
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

  const addButton = canAdd ? (
    <button type="button" className="button button-small" onClick={() => setAdding(true)}>
      Add training log…
    </button>
  ) : null;
  let body;
  if (!current) body = error && !loading ? <InlineError error={error} context="Loading the training curves" /> : <Loading what="training curves" />;
  else if (current.epochs.length === 0 || current.series.length === 0) {
    body = (
      <EmptyState title="No training log for this version">
        {v.origin === 'derive'
          ? `A derived version is not trained again: its curves are those of the version it came from (${v.parentVersion ?? DASH}). `
          : ''}
        Import a version together with its training log (the results.csv or Footfall training JSON named in its sidecar file), or add the log here
        {canAdd ? ' with “Add training log…”' : ' (a technician can)'}.
      </EmptyState>
    );
  } else {
    body = (
      <>
        <p className="muted small">
          {current.epochs.length} epoch{current.epochs.length === 1 ? '' : 's'}
          {current.totalEpochs && current.totalEpochs !== current.epochs.length ? ` of ${current.totalEpochs}` : ''}
          {current.status ? ` · run ${current.status}` : ''}
          {current.format === 'ultralytics-results-csv' ? ' · from an Ultralytics results.csv' : current.format === 'footfall-training-json' ? ' · from a Footfall training file' : ''}
        </p>
        <TrainingChart curves={current} />
      </>
    );
  }
  return (
    <section className="insight-part" aria-labelledby="training-curves-title" data-testid="training-curves">
      <div className="insight-part-head">
        <h4 id="training-curves-title">Training curves</h4>
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
  const merges = lineage.merges.filter((m) => m.versionNumber === v.versionNumber);
  const facts: Array<[string, string]> = [
    ['Parent', v.parentVersion ?? 'none (first version)'],
    ['Branch', v.branch ?? DASH],
    ['Created', formatDateTime(v.createdAt)],
    ['Author', v.author ?? DASH],
    ['File size', formatDecimal(v.sizeMb, ' MB')],
    ['Input size', inputWords(v)],
    ['Precision', precisionWords(v)],
    ['Detection threshold', thresholdWords(v)],
    ['Parameters', formatCompact(v.parameterCount)],
    ['Training data', v.trainingDataset ?? DASH],
    ['F1 (latest evaluation)', v.f1Pct === null ? 'not evaluated yet' : formatPercent(v.f1Pct)],
    ['Latency (latest)', formatDecimal(v.latencyMs, ' ms')],
  ];
  return (
    <section className="detail-section version-insight" aria-labelledby="version-insight-title" data-version={v.versionNumber}>
      <header className="insight-header">
        <h3 id="version-insight-title">Version {v.versionNumber}</h3>
        {v.production ? <StateBadge state="production" label="Production" /> : null}
        {v.canary ? <StateBadge state="canary" label="Canary" /> : null}
        {v.reviewStatus ? <StateBadge state={v.reviewStatus} label={`Review ${v.reviewStatus}`} /> : null}
      </header>
      <p className="insight-origin" data-testid="version-origin">
        {originWords(v)}.
      </p>
      <section className="insight-part" aria-labelledby="changelog-title">
        <h4 id="changelog-title">Changelog</h4>
        {v.changelog ? (
          <p className="changelog" data-testid="changelog">
            {v.changelog}
          </p>
        ) : (
          <p className="muted" data-testid="changelog">
            No changelog was recorded. A sidecar file with a “changelog” entry, imported with the model, fills it in.
          </p>
        )}
        {v.derivation ? (
          <div data-testid="derivation">
            <p className="subheading-inline">What the derivation changed from {v.derivation.derivedFrom}:</p>
            <ul className="derivation-list">
              {v.derivation.changes.map((c) => (
                <li key={c}>{c}</li>
              ))}
              {v.derivation.calibration ? (
                <li>
                  int8 calibration: {v.derivation.calibration.frames} frame{v.derivation.calibration.frames === 1 ? '' : 's'} ({v.derivation.calibration.method})
                </li>
              ) : null}
            </ul>
          </div>
        ) : null}
        {merges.length ? (
          <ul className="derivation-list" data-testid="merges">
            {merges.map((m) => (
              <li key={m.id}>
                Merged from branch {m.branch} into {m.into} on {formatDateTime(m.createdAt)}
                {m.summary ? `: ${m.summary}` : ''} (review {m.reviewStatus}).
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <FactList facts={facts} />
      <section className="insight-part" aria-labelledby="version-cameras-title">
        <h4 id="version-cameras-title">Cameras running this version</h4>
        <CamerasRunning cameras={cameras} />
      </section>
      <Training modelId={lineage.modelId} v={v} onNotice={onNotice} />
    </section>
  );
}
