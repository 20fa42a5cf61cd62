import { useEffect, useId, useState } from 'react';
import type { RequestInput } from '../../../../shared/contract';
import type { PromoteResultDto } from '../../../../shared/dto-models';
import { isOneOf, PIPELINE_STAGES, type PipelineStage } from '../../../../shared/enums';
import { getApi } from '../../api';
import { issueAt, useAction } from '../../hooks/use-action';
import { t } from '../../i18n';
import { useCameras } from '../../stores/cameras';
import { useRecordedAs } from '../../stores/session';
import { ConfirmDialog } from '../confirm-dialog';
import type { VersionRow } from './model-types';

function outcome(version: string, r: PromoteResultDto): string {
  const m = t().models;
  if (r.deployment) return m.promote.inProduction(version, r.deployment.cameraId === null ? m.promote.allCamerasLower : m.promote.cameraLower(r.deployment.cameraId));
  const current = r.pipeline.currentStage;
  const stage = current === null ? m.words.none : isOneOf(PIPELINE_STAGES, current) ? m.stage[current] : current;
  return m.promote.atStage(version, m.pipelineStatus[r.pipeline.pipelineStatus], stage, m.pipelineStatus[r.pipeline.stageStatus]);
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

  const m = t().models.promote;
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
      title={m.title(version.versionNumber)}
      description={m.description}
      confirmLabel={m.confirm}
      pendingLabel={m.pending}
      pending={action.pending}
      error={action.error}
      errorContext={m.context}
      confirmDisabled={scope === 'camera' && !chosenCamera}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      {version.reviewStatus !== 'approved' ? (
        <p className="notice notice-warn">{m.notApproved(version.reviewStatus ? t().models.reviewStatus[version.reviewStatus] : t().models.words.none)}</p>
      ) : null}
      <fieldset className="choice-group">
        <legend>{m.cameras}</legend>
        <label className="choice">
          <input type="radio" name="scope" value="all" checked={scope === 'all'} onChange={() => setScope('all')} />
          {m.allCameras}
        </label>
        <label className="choice">
          <input type="radio" name="scope" value="camera" checked={scope === 'camera'} onChange={() => setScope('camera')} disabled={!cameras?.length} />
          {m.oneCamera}
          {cameras?.length === 0 ? m.noCameras : ''}
        </label>
      </fieldset>
      {scope === 'camera' ? (
        <div className="field">
          <label htmlFor={cameraSelectId}>{m.camera}</label>
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
        <label htmlFor={throughId}>{m.through}</label>
        <select id={throughId} value={through} onChange={(e) => isOneOf(PIPELINE_STAGES, e.target.value) && setThrough(e.target.value)} aria-describedby={`${throughId}-help`}>
          {PIPELINE_STAGES.map((s) => (
            <option key={s} value={s}>
              {t().models.stage[s]}
            </option>
          ))}
        </select>
        <p className="field-help" id={`${throughId}-help`}>
          {m.throughHelp}
        </p>
      </div>
      <p className="field-help" data-testid="recorded-as">{m.recordedAs(recordedAs)}</p>
      {failed ? (
        <div className="inline-error" role="alert">
          <p className="inline-error-title">
            <strong>{m.stageFailed(t().models.stage[failed.stage])}</strong> <code className="error-code">{failed.code}</code>
          </p>
          <p className="inline-error-message">{failed.message}</p>
          <p className="inline-error-message">{m.unchanged}</p>
        </div>
      ) : null}
    </ConfirmDialog>
  );
}
