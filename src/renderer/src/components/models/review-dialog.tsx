import { useState } from 'react';
import type { RequestInput } from '../../../../shared/contract';
import { REVIEW_DECISIONS, type ReviewDecision } from '../../../../shared/enums';
import { getApi } from '../../api';
import { issueAt, useAction } from '../../hooks/use-action';
import { useRecordedAs } from '../../stores/session';
import { ConfirmDialog } from '../confirm-dialog';
import { TextField } from '../text-field';
import type { VersionRow } from './model-types';

/** Approve or reject a version: only an approved version can be promoted. */
export function ReviewDialog({ modelId, version, onDone, onClose }: { modelId: string; version: VersionRow; onDone: (message: string) => void; onClose: () => void }) {
  const recordedAs = useRecordedAs();
  const [decision, setDecision] = useState<ReviewDecision>('approved');
  const [notes, setNotes] = useState('');
  const action = useAction((input: RequestInput<'models:review'>) => getApi().models.review(input));

  async function confirm() {
    const done = await action.run({
      modelId,
      version: version.versionNumber,
      decision,
      ...(notes.trim() ? { notes: notes.trim() } : {}),
    });
    if (done) onDone(`Version ${version.versionNumber} ${done.reviewStatus} by ${done.reviewedBy ?? recordedAs}.`);
  }

  return (
    <ConfirmDialog
      title={`Review version ${version.versionNumber}`}
      description={<>Current review: {version.reviewStatus ?? 'none'}. A version deploys only once its latest change is approved.</>}
      confirmLabel={decision === 'approved' ? 'Approve version' : 'Reject version'}
      pendingLabel="Saving review…"
      danger={decision === 'rejected'}
      pending={action.pending}
      error={action.error}
      errorContext="Review"
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      <fieldset className="choice-group">
        <legend>Decision</legend>
        {REVIEW_DECISIONS.map((d) => (
          <label key={d} className="choice">
            <input type="radio" name="decision" value={d} checked={decision === d} onChange={() => setDecision(d)} />
            {d === 'approved' ? 'Approve' : 'Reject'}
          </label>
        ))}
      </fieldset>
      <p className="field-help" data-testid="recorded-as">Recorded as {recordedAs}.</p>
      <TextField label="Notes" multiline value={notes} onChange={setNotes} error={issueAt(action.error, 'notes')} />
    </ConfirmDialog>
  );
}
