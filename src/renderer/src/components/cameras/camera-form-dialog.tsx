import { useId, useState, type FormEvent } from 'react';
import type { RequestInput } from '../../../../shared/contract';
import type { CameraDto, CameraSourceKind } from '../../../../shared/dto';
import { getApi } from '../../api';
import { issueAt, useAction } from '../../hooks/use-action';
import { InlineError } from '../inline-error';
import { ModalDialog } from '../modal-dialog';
import { TextField } from '../text-field';
import {
  emptyForm,
  extractUrlPassword,
  formFromCamera,
  needsPassword,
  SOURCE_KINDS,
  toAddInput,
  toEditInput,
  toTestInput,
  type CameraForm,
  type FormProblems,
} from './camera-form-model';
import type { CameraTestDto } from '../../../../shared/dto-cameras';
import type { TuningKey } from '../../../../shared/camera-tuning-fields';
import { CameraGeometry, type PictureOutcome } from './camera-geometry';
import { reasonWords } from './camera-words';
import { ConnectionTest } from './connection-test';
import { LinesEditor } from './lines-editor';
import { ModelPicker } from './model-picker';
import { PasswordControl } from './password-control';
import { RecordingPicker } from './recording-picker';
import { TuningFields } from './tuning-fields';
import { UsbDevicePicker } from './usb-device-picker';
import { ZonesEditor } from './zones-editor';

type SaveInput = { add: RequestInput<'cameras:add'> } | { edit: RequestInput<'cameras:edit'> };

const save = (i: SaveInput) => ('add' in i ? getApi().cameras.add(i.add) : getApi().cameras.edit(i.edit));

/** Adds a camera (camera = null) or edits one. Passwords go in, never come back out. */
export function CameraFormDialog({ camera, onDone, onClose }: { camera: CameraDto | null; onDone: (saved: CameraDto) => void; onClose: () => void }) {
  const [form, setForm] = useState<CameraForm>(() => (camera ? formFromCamera(camera) : emptyForm()));
  const [fromUrl, setFromUrl] = useState(false);
  const [problems, setProblems] = useState<FormProblems>({});
  const [tested, setTested] = useState<CameraTestDto | null>(null);
  const [picture, setPicture] = useState<PictureOutcome>(null);
  // The form opened on a stored camera: get its picture at once. A recording picked: its picture.
  const [fetchKey, setFetchKey] = useState<string | null>(camera ? `open:${camera.cameraId}` : null);
  const action = useAction(save);
  const kindId = useId();
  const kind = SOURCE_KINDS.find((k) => k.kind === form.sourceKind) ?? SOURCE_KINDS[0];

  const set = (patch: Partial<CameraForm>) => setForm((f) => ({ ...f, ...patch }));
  const problem = (path: string): string | null => problems[path] ?? issueAt(action.error, path);

  function moveUrlPassword() {
    if (!needsPassword(form.sourceKind)) return;
    const split = extractUrlPassword(form.url.trim());
    if (!split) return;
    set({ url: split.url, password: { kind: 'set', value: split.password } });
    setFromUrl(true);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    let input: SaveInput;
    let found: FormProblems;
    if (camera) {
      const built = toEditInput(camera, form);
      input = { edit: built.input };
      found = built.problems;
    } else {
      const built = toAddInput(form);
      input = { add: built.input };
      found = built.problems;
    }
    setProblems(found);
    if (Object.keys(found).length > 0) {
      action.reset();
      return;
    }
    const saved = await action.run(input);
    if (saved) onDone(saved);
  }

  // Warnings, never blocks: a camera may be saved before it can be reached, or before it has a line.
  const warnings = [
    ...(form.lines.length === 0 ? ['Saving without a counting line: this camera will count nobody in or out. You can draw one later.'] : []),
    ...(tested && !tested.ok ? [`The last connection test failed: ${reasonWords(tested.reason ?? 'unknown').replace(/\.$/, '')}. The camera keeps trying once saved.`] : []),
    ...(!tested && picture && !picture.ok ? [`No picture came from the camera: ${picture.words.replace(/\.$/, '')}. Check the address before relying on its counts.`] : []),
  ];
  const title = camera ? `Edit ${camera.name}` : 'Add a camera';
  return (
    <ModalDialog title={title} wide onClose={onClose} description={camera ? <code>{camera.cameraId}</code> : 'An IP camera, a USB camera on this PC, or a recording.'}>
      <form className="modal-body camera-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field-row">
          <TextField label="Name" required value={form.name} onChange={(name) => set({ name })} placeholder="Front door" error={problem('name')} />
          <div className="field">
            <label htmlFor={kindId}>Source</label>
            <select id={kindId} value={form.sourceKind} onChange={(e) => set({ sourceKind: e.target.value as CameraSourceKind })}>
              {SOURCE_KINDS.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </select>
            {problem('sourceKind') ? <p className="field-error">{problem('sourceKind')}</p> : null}
          </div>
        </div>
        <TextField
          className="field-wide"
          label={kind?.address ?? 'Address'}
          required
          inputMode={form.sourceKind === 'rtsp' || form.sourceKind === 'http_mjpeg' ? 'url' : 'text'}
          value={form.url}
          onChange={(url) => set({ url })}
          onBlur={moveUrlPassword}
          placeholder={kind?.placeholder}
          help={
            needsPassword(form.sourceKind)
              ? 'A password typed in the URL is moved to the password below and stored encrypted; the URL is shown without it.'
              : form.sourceKind === 'file'
                ? 'Choose a recording, or type the full path of a video file on the PC that runs Footfall; it plays in a loop.'
                : undefined
          }
          error={problem('url')}
        />
        {form.sourceKind === 'usb' ? <UsbDevicePicker value={form.url} onPick={(url) => set({ url })} /> : null}
        {form.sourceKind === 'file' ? (
          <RecordingPicker
            onPick={(url) => {
              set({ url });
              setFetchKey(`pick:${url}:${Date.now()}`);
            }}
          />
        ) : null}
        {needsPassword(form.sourceKind) ? (
          <PasswordControl
            stored={camera?.hasPassword ?? false}
            change={form.password}
            fromUrl={fromUrl && form.password.kind === 'set'}
            error={problem('password')}
            onChange={(password) => {
              setFromUrl(false);
              set({ password });
            }}
          />
        ) : null}
        <div className="field-row field-row-3">
          <TextField
            label="Processing rate (fps)"
            inputMode="decimal"
            value={form.processFps}
            onChange={(processFps) => set({ processFps })}
            placeholder="default"
            help="0.1 to 30 frames per second."
            error={problem('processFps')}
          />
          <TextField label="Frame width (px)" inputMode="numeric" value={form.frameWidth} onChange={(frameWidth) => set({ frameWidth })} placeholder="auto" error={problem('frameWidth')} />
          <TextField
            label="Frame height (px)"
            inputMode="numeric"
            value={form.frameHeight}
            onChange={(frameHeight) => set({ frameHeight })}
            placeholder="auto"
            help="Empty: probed from the camera."
            error={problem('frameHeight')}
          />
        </div>
        <label className="choice">
          <input type="checkbox" checked={form.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
          Enabled (counting starts when saved)
        </label>
        <ModelPicker value={form.model} onChange={(model) => set({ model })} />
        <CameraGeometry
          camera={camera}
          name={form.name}
          lines={form.lines}
          zones={form.zones}
          typedSize={{ width: Number(form.frameWidth) || camera?.frameWidth || 0, height: Number(form.frameHeight) || camera?.frameHeight || 0 }}
          frameInput={() => (form.url.trim() === '' ? null : toTestInput(camera, form))}
          fetchKey={fetchKey}
          addressKey={`${form.sourceKind} ${form.url.trim()}`}
          onChange={(rows) => set(rows)}
          onPicture={setPicture}
        />
        <LinesEditor rows={form.lines} problems={(i) => problem(`lines.${i}`)} onChange={(lines) => set({ lines })} />
        <ZonesEditor rows={form.zones} problems={(i) => problem(`zones.${i}`)} onChange={(zones) => set({ zones })} />
        <TuningFields
          values={form.tuning}
          problems={(key: TuningKey) => problem(`tuning.${key}`)}
          onChange={(key, value) => setForm((f) => ({ ...f, tuning: { ...f.tuning, [key]: value } }))}
        />
        <ConnectionTest
          input={() => toTestInput(camera, form)}
          disabled={form.url.trim() === ''}
          onResult={(result) => {
            setTested(result);
            // The camera answered and there is no picture to draw on yet: get one.
            if (result?.ok && !picture?.ok) setFetchKey(`test:${Date.now()}`);
          }}
        />
        {Object.keys(problems).length > 0 ? (
          <p className="field-error" role="alert">
            Some fields need fixing before the camera can be saved.
          </p>
        ) : null}
        {warnings.length > 0 ? (
          <ul className="form-warnings" role="status" aria-label="Before you save">
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        ) : null}
        <InlineError error={action.error} context={camera ? 'Saving the camera' : 'Adding the camera'} />
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={action.pending}>
            {action.pending ? 'Saving…' : camera ? 'Save changes' : 'Add camera'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
