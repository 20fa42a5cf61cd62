import { useState, type FormEvent } from 'react';
import type { RequestInput } from '../../../../shared/contract';
import { getApi } from '../../api';
import { useAction } from '../../hooks/use-action';
import { InlineError } from '../inline-error';
import { ModalDialog } from '../modal-dialog';
import { RequestFields, type RequestField } from '../request-fields';

const FIELDS: ReadonlyArray<RequestField<'path'>> = [
  {
    key: 'path',
    label: 'Training log',
    required: true,
    placeholder: '/home/shop/runs/detect/train/results.csv',
    help: 'Full path on this PC of the Ultralytics results.csv of the run that made this version, or a Footfall training JSON file.',
  },
];

/** Records a version's training log (`models:training`): its losses and metrics per epoch become the training curves. */
export function AddTrainingDialog({ modelId, version, onDone, onClose }: { modelId: string; version: string; onDone: (message: string) => void; onClose: () => void }) {
  const [values, setValues] = useState<Record<'path', string>>({ path: '' });
  const action = useAction((input: RequestInput<'models:training'>) => getApi().models.training(input));
  const path = values.path.trim();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const done = await action.run({ modelId, version, path });
    if (done) onDone(`Training log of version ${version} recorded: ${done.epochsCompleted ?? 0} epochs.`);
  }

  return (
    <ModalDialog title={`Add a training log to version ${version}`} description="The losses and metrics of every epoch are read from the file and shown as the version’s training curves." wide onClose={onClose}>
      <form className="modal-body" onSubmit={(e) => void submit(e)} noValidate>
        <RequestFields fields={FIELDS} values={values} onChange={setValues} error={action.error} />
        <InlineError error={action.error} context="Adding the training log" />
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={action.pending || !path}>
            {action.pending ? 'Reading the training log…' : 'Add training log'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
