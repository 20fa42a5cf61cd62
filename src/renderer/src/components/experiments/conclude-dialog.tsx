import { useEffect, useId, useState } from 'react';
import type { RequestInput } from '../../../../shared/contract';
import type { ExperimentConcludeDto, ExperimentStatusDto } from '../../../../shared/dto-experiments';
import { DEPLOYMENT_STRATEGIES, isOneOf, type DeploymentStrategy } from '../../../../shared/enums';
import { getApi } from '../../api';
import { t } from '../../i18n';
import { issueAt, useAction } from '../../hooks/use-action';
import { useCameras } from '../../stores/cameras';
import { useRecordedAs } from '../../stores/session';
import { ConfirmDialog } from '../confirm-dialog';
import { stateWord } from '../state-badge';
import { TextField } from '../text-field';
import { asSentence, rolloutInWords } from './experiment-words';

function outcome(s: ExperimentStatusDto, r: ExperimentConcludeDto, rollout: boolean): string {
  const m = t().experiments;
  const verdict = m.recommendations[r.recommendation ?? s.recommendation];
  if (!rollout || !r.pipeline) return m.conclude.concluded(s.name, verdict);
  return m.conclude.rollingOut(s.design.challengerRef, r.pipeline.pipelineId, stateWord(r.pipeline.status));
}

/**
 * Acting on the verdict with one button: "Conclude" records it; "Roll out challenger" also starts
 * the deployment pipeline. The dialog says exactly what will change; against the verdict the
 * roll-out needs a reason, which is recorded with the conclusion.
 */
export function ConcludeDialog({ status, rollout, onDone, onClose }: { status: ExperimentStatusDto; rollout: boolean; onDone: (message: string) => void; onClose: () => void }) {
  const cameras = useCameras((s) => s.data);
  const loadCameras = useCameras((s) => s.load);
  const recordedAs = useRecordedAs();
  const [strategy, setStrategy] = useState<DeploymentStrategy>(status.strategy);
  const [cameraId, setCameraId] = useState('');
  const [reason, setReason] = useState('');
  const [notes, setNotes] = useState('');
  const [failed, setFailed] = useState<NonNullable<ExperimentConcludeDto['pipeline']>['failed']>(null);
  const action = useAction((input: RequestInput<'experiments:conclude'>) => getApi().experiments.conclude(input));
  const strategyId = useId();
  const cameraSelectId = useId();
  useEffect(() => {
    if (rollout) void loadCameras();
  }, [rollout, loadCameras]);

  const againstVerdict = rollout && status.recommendation !== 'deploy_challenger';
  const canary = strategy !== 'immediate';
  const chosenCamera = canary ? cameraId || cameras?.[0]?.cameraId || '' : '';
  const cameraName = cameras?.find((cam) => cam.cameraId === chosenCamera)?.name;
  const m = t().experiments;
  const c = m.conclude;
  const verdict = m.recommendations[status.recommendation];
  const { baselineRef, challengerRef } = status.design;

  async function confirm() {
    setFailed(null);
    const result = await action.run({
      experimentId: status.experimentId,
      rollout,
      ...(rollout ? { strategy } : {}),
      ...(rollout && chosenCamera ? { canaryCameraId: chosenCamera } : {}),
      ...(againstVerdict ? { override: { reason: reason.trim() } } : {}),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
    });
    if (!result) return;
    if (result.pipeline?.failed) setFailed(result.pipeline.failed);
    else onDone(outcome(status, result, rollout));
  }

  const description = rollout ? (
    <p data-testid="what-changes">{rolloutInWords(challengerRef, baselineRef, strategy, canary ? (cameraName ? `${cameraName} (${chosenCamera})` : chosenCamera || null) : null)}</p>
  ) : (
    <p data-testid="what-changes">{c.whatChanges(verdict, status.recommendation === 'run_longer', baselineRef)}</p>
  );

  return (
    <ConfirmDialog
      title={rollout ? c.rolloutTitle(challengerRef) : c.concludeTitle(status.name)}
      description={description}
      confirmLabel={rollout ? (againstVerdict ? c.rolloutAnyway : c.rolloutChallenger) : c.conclude}
      pendingLabel={rollout ? c.rollingOutPending : c.concluding}
      danger={againstVerdict}
      pending={action.pending}
      error={action.error}
      errorContext={rollout ? c.rolloutError : c.concludeError}
      confirmDisabled={(againstVerdict && reason.trim().length < 3) || (rollout && canary && !chosenCamera)}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      <p>
        {c.verdict} <strong>{verdict}</strong> — {asSentence(status.reason)}
      </p>
      {rollout ? (
        <>
          <div className="field">
            <label htmlFor={strategyId}>{c.rollout}</label>
            <select id={strategyId} value={strategy} onChange={(e) => isOneOf(DEPLOYMENT_STRATEGIES, e.target.value) && setStrategy(e.target.value)} aria-describedby={`${strategyId}-help`}>
              {DEPLOYMENT_STRATEGIES.map((s) => (
                <option key={s} value={s}>
                  {m.strategies[s]}
                  {s === status.strategy ? ` ${c.suggested}` : ''}
                </option>
              ))}
            </select>
            <p className="field-help" id={`${strategyId}-help`}>
              {c.suggestedFor(m.risks[status.risk])}
            </p>
          </div>
          {canary ? (
            <div className="field">
              <label htmlFor={cameraSelectId}>{c.canaryCamera}</label>
              <select id={cameraSelectId} value={chosenCamera} onChange={(e) => setCameraId(e.target.value)} disabled={!cameras?.length}>
                {(cameras ?? []).map((cam) => (
                  <option key={cam.cameraId} value={cam.cameraId}>
                    {cam.name} ({cam.cameraId})
                  </option>
                ))}
              </select>
              {cameras?.length === 0 ? <p className="field-error">{c.noCamera}</p> : null}
              {issueAt(action.error, 'canaryCameraId') ? <p className="field-error">{issueAt(action.error, 'canaryCameraId')}</p> : null}
            </div>
          ) : null}
          {againstVerdict ? (
            <>
              <p className="notice notice-warn">{c.againstVerdict}</p>
              <TextField label={c.overrideReason} required multiline value={reason} onChange={setReason} error={issueAt(action.error, 'override')} help={c.overrideHelp} />
            </>
          ) : null}
        </>
      ) : null}
      <TextField label={c.notes} multiline value={notes} onChange={setNotes} error={issueAt(action.error, 'notes')} />
      <p className="field-help">{c.recordedAs(recordedAs)}</p>
      {failed ? (
        <div className="inline-error" role="alert">
          <p className="inline-error-title">
            <strong>{c.stageFailed(failed.stage)}</strong>
          </p>
          <p className="inline-error-message">{failed.message}</p>
          <p className="inline-error-message">{c.productionUnchanged}</p>
        </div>
      ) : null}
    </ConfirmDialog>
  );
}
