import { useState, type FormEvent } from 'react';
import type { RequestInput } from '../../../../shared/contract';
import type { ImportResultDto } from '../../../../shared/dto-models';
import { getApi } from '../../api';
import { issueAt, useAction } from '../../hooks/use-action';
import { InlineError } from '../inline-error';
import { ModalDialog } from '../modal-dialog';
import { TextField } from '../text-field';

function outcome(r: ImportResultDto): string {
  const what = `${r.model.modelName} ${r.version.versionNumber}`;
  if (r.status === 'existing') return `${what} was already registered with the same bytes; nothing was added${r.repairedStore ? ' (its missing store file was restored)' : ''}.`;
  return `Imported ${what}${r.reviewStatus ? `, review ${r.reviewStatus}` : ''}.`;
}

/**
 * Registers an ONNX file that is already on this PC. The app is local, so the path is typed;
 * a native file dialog (Electron's dialog.showOpenDialog through the preload) can fill it later.
 */
export function ImportModelDialog({ onDone, onClose }: { onDone: (message: string, modelId: string) => void; onClose: () => void }) {
  const [path, setPath] = useState('');
  const [sidecarPath, setSidecarPath] = useState('');
  const [version, setVersion] = useState('');
  const action = useAction((input: RequestInput<'models:import'>) => getApi().models.import(input));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const done = await action.run({
      path: path.trim(),
      ...(sidecarPath.trim() ? { sidecarPath: sidecarPath.trim() } : {}),
      ...(version.trim() ? { version: version.trim() } : {}),
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
        <TextField
          label="Model file"
          required
          value={path}
          onChange={setPath}
          placeholder="/home/shop/models/best.onnx"
          help="Full path of the .onnx file on this PC."
          error={issueAt(action.error, 'path')}
        />
        <TextField
          label="Sidecar file"
          value={sidecarPath}
          onChange={setSidecarPath}
          placeholder="/home/shop/models/best.json"
          help="Optional JSON with id, name, version, licence, changelog and training run; best.json beside best.onnx is found on its own."
          error={issueAt(action.error, 'sidecarPath')}
        />
        <TextField
          label="Version"
          value={version}
          onChange={setVersion}
          placeholder="1.2.0"
          help="Semantic version. Left empty: the sidecar's, the file's own, or the next patch version."
          error={issueAt(action.error, 'version')}
        />
        <InlineError error={action.error} context="Import" />
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={action.pending || !path.trim()}>
            {action.pending ? 'Checking and importing…' : 'Import model'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
