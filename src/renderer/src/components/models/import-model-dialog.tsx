import { useState, type FormEvent } from 'react';
import type { RequestInput } from '../../../../shared/contract';
import type { ImportResultDto } from '../../../../shared/dto-models';
import { getApi } from '../../api';
import { useAction } from '../../hooks/use-action';
import { InlineError } from '../inline-error';
import { ModalDialog } from '../modal-dialog';
import { RequestFields, type RequestField } from '../request-fields';

function outcome(r: ImportResultDto): string {
  const what = `${r.model.modelName} ${r.version.versionNumber}`;
  if (r.status === 'existing') return `${what} was already registered with the same bytes; nothing was added${r.repairedStore ? ' (its missing store file was restored)' : ''}.`;
  return `Imported ${what}${r.reviewStatus ? `, review ${r.reviewStatus}` : ''}.`;
}

type ImportKey = 'path' | 'sidecarPath' | 'version';

const FIELDS: ReadonlyArray<RequestField<ImportKey>> = [
  { key: 'path', label: 'Model file', required: true, placeholder: '/home/shop/models/best.onnx', help: 'Full path of the .onnx file on this PC.' },
  {
    key: 'sidecarPath',
    label: 'Sidecar file',
    placeholder: '/home/shop/models/best.json',
    help: 'Optional JSON with id, name, version, licence, changelog and training run; best.json beside best.onnx is found on its own.',
  },
  { key: 'version', label: 'Version', placeholder: '1.2.0', help: "Semantic version. Left empty: the sidecar's, the file's own, or the next patch version." },
];

/**
 * Registers an ONNX file that is already on this PC. The app is local, so the path is typed;
 * a native file dialog (Electron's dialog.showOpenDialog through the preload) can fill it later.
 */
export function ImportModelDialog({ onDone, onClose }: { onDone: (message: string, modelId: string) => void; onClose: () => void }) {
  const [values, setValues] = useState<Record<ImportKey, string>>({ path: '', sidecarPath: '', version: '' });
  const path = values.path.trim();
  const sidecarPath = values.sidecarPath.trim();
  const version = values.version.trim();
  const action = useAction((input: RequestInput<'models:import'>) => getApi().models.import(input));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const done = await action.run({
      path,
      ...(sidecarPath ? { sidecarPath } : {}),
      ...(version ? { version } : {}),
    });
    if (done) onDone(outcome(done), done.model.modelId);
  }

  return (
    <ModalDialog
      title="Import a model"
      description="The file is checked (ONNX, input layout, a real inference on a sample frame) and hashed before anything is stored."
      wide
      onClose={onClose}
    >
      <form className="modal-body" onSubmit={(e) => void submit(e)} noValidate>
        <RequestFields fields={FIELDS} values={values} onChange={setValues} error={action.error} />
        <InlineError error={action.error} context="Import" />
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={action.pending || !path}>
            {action.pending ? 'Checking and importing…' : 'Import model'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
