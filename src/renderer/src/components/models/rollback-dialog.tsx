import { useState } from 'react';
import type { RequestInput } from '../../../../shared/contract';
import { getApi } from '../../api';
import { issueAt, useAction } from '../../hooks/use-action';
import { useRecordedAs } from '../../stores/session';
import { ConfirmDialog } from '../confirm-dialog';
import { TextField } from '../text-field';
import { scopeLabel, type DeploymentRow } from './model-types';

/** Returns a scope to the version it ran before; the reason is required and kept in the history. */
export function RollbackDialog({ deployment, onDone, onClose }: { deployment: DeploymentRow; onDone: (message: string) => void; onClose: () => void }) {
  const recordedAs = useRecordedAs();
  const [reason, setReason] = useState('');
  const action = useAction((input: RequestInput<'models:rollback'>) => getApi().models.rollback(input));
  const scope = scopeLabel(deployment.cameraId);

  async function confirm() {
    const done = await action.run({
      modelType: deployment.modelType,
      cameraId: deployment.cameraId,
      reason: reason.trim(),
    });
    if (done) onDone(`${scope}: rolled back from ${done.from.modelId} ${done.from.versionNumber} to ${done.to.modelId} ${done.to.versionNumber}.`);
  }

  return (
    <ConfirmDialog
      title={`Roll back ${scope.toLowerCase()}`}
      description={
        <>
          {scope} runs {deployment.modelId} {deployment.versionNumber} in production. A rollback returns it to the version deployed before,
          after checking that file's checksum.
        </>
      }
      confirmLabel="Roll back"
      pendingLabel="Rolling back…"
      danger
      pending={action.pending}
      error={action.error}
      errorContext="Rollback"
      confirmDisabled={reason.trim() === ''}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      <TextField
        label="Reason"
        required
        multiline
        value={reason}
        onChange={setReason}
        help="Recorded in the rollout history, e.g. “counts doubled at the door since 10:00”."
        error={issueAt(action.error, 'reason')}
      />
      <p className="field-help" data-testid="recorded-as">Recorded as {recordedAs}.</p>
    </ConfirmDialog>
  );
}
