import { useState } from 'react';
import type { RequestInput } from '../../../../shared/contract';
import { REVIEW_DECISIONS, type ReviewDecision } from '../../../../shared/enums';
import { getApi } from '../../api';
import { issueAt, useAction } from '../../hooks/use-action';
import { t } from '../../i18n';
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
    if (done) onDone(t().models.review.done(version.versionNumber, t().models.reviewStatus[done.reviewStatus], done.reviewedBy ?? recordedAs));
  }

  const m = t().models.review;
  return (
    <ConfirmDialog
      title={m.title(version.versionNumber)}
      description={m.description(version.reviewStatus ? t().models.reviewStatus[version.reviewStatus] : t().models.words.none)}
      confirmLabel={decision === 'approved' ? m.approveVersion : m.rejectVersion}
      pendingLabel={m.pending}
      danger={decision === 'rejected'}
      pending={action.pending}
      error={action.error}
      errorContext={m.context}
      onConfirm={() => void confirm()}
      onClose={onClose}
    >
      <fieldset className="choice-group">
        <legend>{m.decision}</legend>
        {REVIEW_DECISIONS.map((d) => (
          <label key={d} className="choice">
            <input type="radio" name="decision" value={d} checked={decision === d} onChange={() => setDecision(d)} />
            {d === 'approved' ? m.approve : m.reject}
          </label>
        ))}
      </fieldset>
      <p className="field-help" data-testid="recorded-as">{m.recordedAs(recordedAs)}</p>
      <TextField label={m.notes} multiline value={notes} onChange={setNotes} error={issueAt(action.error, 'notes')} />
    </ConfirmDialog>
  );
}
