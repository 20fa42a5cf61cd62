import { useEffect, useId, useState } from 'react';
import type { RequestInput } from '../../../../shared/contract';
import type { PromoteResultDto } from '../../../../shared/dto-models';
import { isOneOf, PIPELINE_STAGES, type PipelineStage } from '../../../../shared/enums';
import { getApi } from '../../api';
import { issueAt, useAction } from '../../hooks/use-action';
import { useCameras } from '../../stores/cameras';
import { useRecordedAs } from '../../stores/session';
import { ConfirmDialog } from '../confirm-dialog';
import type { VersionRow } from './model-types';

function outcome(version: string, r: PromoteResultDto): string {
  if (r.deployment) return `Version ${version} is in production (${r.deployment.cameraId === null ? 'all cameras' : `camera ${r.deployment.cameraId}`}).`;
  return `Version ${version}: pipeline ${r.pipeline.pipelineStatus}, at stage ${r.pipeline.currentStage ?? 'none'} (${r.pipeline.stageStatus}).`;
}

/** Runs the rollout pipeline for a version, for every camera or one, up to a chosen stage. */
export function PromoteDialog({ modelId, version, onDone, onClose }: { modelId: string; version: VersionRow; onDone: (message: string) => void; onClose: () => void }) {
  const cameras = useCameras((s) => s.data);
  const loadCameras = useCameras((s) => s.load);
  const recordedAs = useRecordedAs();
  const [scope, setScope] = useState<'all' | 'camera'>('all');
  const [cameraId, setCameraId] = useState('');
  const [through, setThrough] = useState<PipelineStage>('production');
  const [failed, setFailed] = useState<PromoteResultDto['failed']>(null);
  const action = useAction((input: RequestInput<'models:promote'>) => getApi().models.promote(input));
  const cameraSelectId = useId();
  const throughId = useId();
  useEffect(() => void loadCameras(), [loadCameras]);

  const chosenCamera = scope === 'camera' ? cameraId || cameras?.[0]?.cameraId || '' : '';

  async function confirm() {
    setFailed(null);
    const result = await action.run({
      modelId,
      version: version.versionNumber,
      cameraId: chosenCamera || null,
      through,
    });
    if (!result) return;
    // A failed stage is an answer, not an envelope error: production was left alone.
    if (result.failed) setFailed(result.failed);
    else onDone(outcome(version.versionNumber, result));
  }

  return (
    <ConfirmDialog
      title={`Promote version ${version.versionNumber}`}
      description={<>Stages run in order: validate → benchmark → shadow → canary → production. A failed stage stops the rollout and leaves production unchanged.</>}
      confirmLabel="Run pipeline"
      pendingLabel="Running pipeline…"
      pending={action.pending}
      error={action.error}
      errorContext="Promotion"
      confirmDisabled={scope === 'camera' && !chosenCamera}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      {version.reviewStatus !== 'approved' ? (
        <p className="notice notice-warn">This version is not approved (review: {version.reviewStatus ?? 'none'}); validation will refuse it.</p>
      ) : null}
      <fieldset className="choice-group">
        <legend>Cameras</legend>
        <label className="choice">
          <input type="radio" name="scope" value="all" checked={scope === 'all'} onChange={() => setScope('all')} />
          All cameras
        </label>
        <label className="choice">
          <input type="radio" name="scope" value="camera" checked={scope === 'camera'} onChange={() => setScope('camera')} disabled={!cameras?.length} />
          One camera{cameras?.length === 0 ? ' (no cameras configured)' : ''}
        </label>
      </fieldset>
      {scope === 'camera' ? (
        <div className="field">
          <label htmlFor={cameraSelectId}>Camera</label>
          <select id={cameraSelectId} value={chosenCamera} onChange={(e) => setCameraId(e.target.value)} aria-describedby={issueAt(action.error, 'cameraId') ? `${cameraSelectId}-error` : undefined}>
            {(cameras ?? []).map((c) => (
              <option key={c.cameraId} value={c.cameraId}>
                {c.name} ({c.cameraId})
              </option>
            ))}
          </select>
          {issueAt(action.error, 'cameraId') ? (
            <p className="field-error" id={`${cameraSelectId}-error`}>
              {issueAt(action.error, 'cameraId')}
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={throughId}>Run through stage</label>
        <select id={throughId} value={through} onChange={(e) => isOneOf(PIPELINE_STAGES, e.target.value) && setThrough(e.target.value)} aria-describedby={`${throughId}-help`}>
          {PIPELINE_STAGES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <p className="field-help" id={`${throughId}-help`}>
          Stop early to look at the results; promoting again continues the same pipeline.
        </p>
      </div>
      <p className="field-help" data-testid="recorded-as">Recorded as {recordedAs}.</p>
      {failed ? (
        <div className="inline-error" role="alert">
          <p className="inline-error-title">
            <strong>Stage “{failed.stage}” failed</strong> <code className="error-code">{failed.code}</code>
          </p>
          <p className="inline-error-message">{failed.message}</p>
          <p className="inline-error-message">Production was left unchanged. The pipeline history below shows every stage.</p>
        </div>
      ) : null}
    </ConfirmDialog>
  );
}
