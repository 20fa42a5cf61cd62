import { useEffect, useId, useState } from 'react';
import type { RequestInput } from '../../../../shared/contract';
import type { ExperimentConcludeDto, ExperimentStatusDto } from '../../../../shared/dto-experiments';
import { DEPLOYMENT_STRATEGIES, isOneOf, type DeploymentStrategy } from '../../../../shared/enums';
import { getApi } from '../../api';
import { issueAt, useAction } from '../../hooks/use-action';
import { useCameras } from '../../stores/cameras';
import { useRecordedAs } from '../../stores/session';
import { ConfirmDialog } from '../confirm-dialog';
import { TextField } from '../text-field';
import { asSentence, RECOMMENDATION_LABELS, rolloutInWords, STRATEGY_LABELS } from './experiment-words';

function outcome(s: ExperimentStatusDto, r: ExperimentConcludeDto, rollout: boolean): string {
  const verdict = RECOMMENDATION_LABELS[r.recommendation ?? s.recommendation];
  if (!rollout || !r.pipeline) return `Concluded “${s.name}”: ${verdict.toLowerCase()}.`;
  return `Rolling out ${s.design.challengerRef}: pipeline ${r.pipeline.pipelineId} is ${r.pipeline.status}. Follow it on the Models page.`;
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
  const cameraName = cameras?.find((c) => c.cameraId === chosenCamera)?.name;
  const verdict = RECOMMENDATION_LABELS[status.recommendation];
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
    <p data-testid="what-changes">
      The verdict “{verdict}” is recorded with its reason
      {status.recommendation === 'run_longer' ? '; the experiment keeps running.' : ' and the experiment is marked completed.'} Nothing changes on the cameras: {baselineRef} stays in production.
    </p>
  );

  return (
    <ConfirmDialog
      title={rollout ? `Roll out ${challengerRef}?` : `Conclude “${status.name}”?`}
      description={description}
      confirmLabel={rollout ? (againstVerdict ? 'Roll out anyway' : 'Roll out challenger') : 'Conclude'}
      pendingLabel={rollout ? 'Starting the roll-out…' : 'Concluding…'}
      danger={againstVerdict}
      pending={action.pending}
      error={action.error}
      errorContext={rollout ? 'The roll-out' : 'Concluding'}
      confirmDisabled={(againstVerdict && reason.trim().length < 3) || (rollout && canary && !chosenCamera)}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      <p>
        Verdict: <strong>{verdict}</strong> — {asSentence(status.reason)}
      </p>
      {rollout ? (
        <>
          <div className="field">
            <label htmlFor={strategyId}>Roll-out</label>
            <select id={strategyId} value={strategy} onChange={(e) => isOneOf(DEPLOYMENT_STRATEGIES, e.target.value) && setStrategy(e.target.value)} aria-describedby={`${strategyId}-help`}>
              {DEPLOYMENT_STRATEGIES.map((s) => (
                <option key={s} value={s}>
                  {STRATEGY_LABELS[s]}
                  {s === status.strategy ? ' (suggested)' : ''}
                </option>
              ))}
            </select>
            <p className="field-help" id={`${strategyId}-help`}>
              Suggested for a {status.risk} risk. Every stage is guarded; a breached guard rolls back by itself.
            </p>
          </div>
          {canary ? (
            <div className="field">
              <label htmlFor={cameraSelectId}>Canary camera</label>
              <select id={cameraSelectId} value={chosenCamera} onChange={(e) => setCameraId(e.target.value)} disabled={!cameras?.length}>
                {(cameras ?? []).map((c) => (
                  <option key={c.cameraId} value={c.cameraId}>
                    {c.name} ({c.cameraId})
                  </option>
                ))}
              </select>
              {cameras?.length === 0 ? <p className="field-error">No camera is configured: choose an immediate roll-out, or add a camera first.</p> : null}
              {issueAt(action.error, 'canaryCameraId') ? <p className="field-error">{issueAt(action.error, 'canaryCameraId')}</p> : null}
            </div>
          ) : null}
          {againstVerdict ? (
            <>
              <p className="notice notice-warn">The verdict is not to deploy the challenger. Rolling it out anyway needs a reason; it is recorded with the conclusion.</p>
              <TextField label="Reason for the override" required multiline value={reason} onChange={setReason} error={issueAt(action.error, 'override')} help="At least 3 characters." />
            </>
          ) : null}
        </>
      ) : null}
      <TextField label="Notes" multiline value={notes} onChange={setNotes} error={issueAt(action.error, 'notes')} />
      <p className="field-help">Recorded as {recordedAs}.</p>
      {failed ? (
        <div className="inline-error" role="alert">
          <p className="inline-error-title">
            <strong>Stage “{failed.stage}” failed</strong>
          </p>
          <p className="inline-error-message">{failed.message}</p>
          <p className="inline-error-message">Production was left unchanged.</p>
        </div>
      ) : null}
    </ConfirmDialog>
  );
}
