import { useState, type FormEvent } from 'react';
import type { RequestInput } from '../../../../shared/contract';
import { getApi } from '../../api';
import { formatInt } from '../../format';
import { t } from '../../i18n';
import { useAction } from '../../hooks/use-action';
import { InlineError } from '../inline-error';
import { ModalDialog } from '../modal-dialog';
import { RequestFields, type RequestField } from '../request-fields';

/** Built while rendering: the labels are in the language shown. */
function fields(): ReadonlyArray<RequestField<'path'>> {
  const m = t().models.addTraining;
  return [{ key: 'path', label: m.label, required: true, placeholder: '/home/shop/runs/detect/train/results.csv', help: m.help }];
}

/** Records a version's training log (`models:training`): its losses and metrics per epoch become the training curves. */
export function AddTrainingDialog({ modelId, version, onDone, onClose }: { modelId: string; version: string; onDone: (message: string) => void; onClose: () => void }) {
  const [values, setValues] = useState<Record<'path', string>>({ path: '' });
  const action = useAction((input: RequestInput<'models:training'>) => getApi().models.training(input));
  const path = values.path.trim();
  const m = t().models.addTraining;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const done = await action.run({ modelId, version, path });
    if (done) onDone(t().models.addTraining.done(version, done.epochsCompleted ?? 0, formatInt(done.epochsCompleted ?? 0)));
  }

  return (
    <ModalDialog title={m.title(version)} description={m.description} wide onClose={onClose}>
      <form className="modal-body" onSubmit={(e) => void submit(e)} noValidate>
        <RequestFields fields={fields()} values={values} onChange={setValues} error={action.error} />
        <InlineError error={action.error} context={m.context} />
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            {t().common.cancel}
          </button>
          <button type="submit" className="button button-primary" disabled={action.pending || !path}>
            {action.pending ? m.pending : m.submit}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
