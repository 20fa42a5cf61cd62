import { useState } from 'react';
import type { RequestInput } from '../../../../shared/contract';
import { getApi } from '../../api';
import { issueAt, useAction } from '../../hooks/use-action';
import { localeTag, t } from '../../i18n';
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
    if (done) onDone(t().models.rollback.done(scope, `${done.from.modelId} ${done.from.versionNumber}`, `${done.to.modelId} ${done.to.versionNumber}`));
  }

  const m = t().models.rollback;
  return (
    <ConfirmDialog
      title={m.title(scope.toLocaleLowerCase(localeTag()))}
      description={m.description(scope, deployment.modelId, deployment.versionNumber)}
      confirmLabel={m.confirm}
      pendingLabel={m.pending}
      danger
      pending={action.pending}
      error={action.error}
      errorContext={m.context}
      confirmDisabled={reason.trim() === ''}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      <TextField
        label={m.reason}
        required
        multiline
        value={reason}
        onChange={setReason}
        help={m.reasonHelp}
        error={issueAt(action.error, 'reason')}
      />
      <p className="field-help" data-testid="recorded-as">{m.recordedAs(recordedAs)}</p>
    </ConfirmDialog>
  );
}
