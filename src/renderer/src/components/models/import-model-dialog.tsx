import { useState, type FormEvent } from 'react';
import type { RequestInput } from '../../../../shared/contract';
import type { ImportResultDto } from '../../../../shared/dto-models';
import { getApi } from '../../api';
import { useAction } from '../../hooks/use-action';
import { t } from '../../i18n';
import { InlineError } from '../inline-error';
import { ModalDialog } from '../modal-dialog';
import { RequestFields, type RequestField } from '../request-fields';
import { newProgressId, useWorkProgress, WorkProgressBar } from './work-progress';

function outcome(r: ImportResultDto): string {
  const m = t().models;
  const what = `${r.model.modelName} ${r.version.versionNumber}`;
  if (r.status === 'existing') return m.import.existing(what, r.repairedStore);
  return m.import.imported(what, r.reviewStatus ? m.reviewStatus[r.reviewStatus] : null);
}

type ImportKey = 'path' | 'sidecarPath' | 'version';

/** Built while rendering: the labels are in the language shown (the example paths are not words). */
function fields(): ReadonlyArray<RequestField<ImportKey>> {
  const m = t().models.import;
  return [
    { key: 'path', label: m.modelFile, required: true, placeholder: '/home/shop/models/best.onnx', help: m.modelFileHelp },
    { key: 'sidecarPath', label: m.sidecar, placeholder: '/home/shop/models/best.json', help: m.sidecarHelp },
    { key: 'version', label: m.version, placeholder: '1.2.0', help: m.versionHelp },
  ];
}

/**
 * Registers an ONNX file that is already on this PC. The app is local, so the path is typed;
 * a native file dialog (Electron's dialog.showOpenDialog through the preload) can fill it later.
 * While the engine works, its steps (read, check, copy, validate, record) show as a progress bar.
 */
export function ImportModelDialog({ onDone, onClose }: { onDone: (message: string, modelId: string) => void; onClose: () => void }) {
  const [values, setValues] = useState<Record<ImportKey, string>>({ path: '', sidecarPath: '', version: '' });
  const [progressId, setProgressId] = useState<string | null>(null);
  const path = values.path.trim();
  const sidecarPath = values.sidecarPath.trim();
  const version = values.version.trim();
  const action = useAction((input: RequestInput<'models:import'>) => getApi().models.import(input));
  const progress = useWorkProgress(progressId, action.pending);
  const m = t().models.import;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const id = newProgressId();
    setProgressId(id);
    const done = await action.run({
      path,
      ...(sidecarPath ? { sidecarPath } : {}),
      ...(version ? { version } : {}),
      progressId: id,
    });
    if (done) onDone(outcome(done), done.model.modelId);
  }

  return (
    <ModalDialog title={m.title} description={m.description} wide onClose={onClose}>
      <form className="modal-body" onSubmit={(e) => void submit(e)} noValidate>
        <RequestFields fields={fields()} values={values} onChange={setValues} error={action.error} />
        <InlineError error={action.error} context={m.context} />
        {action.pending ? <WorkProgressBar work="import" progress={progress} /> : null}
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
