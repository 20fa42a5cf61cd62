import { useId, useState, type FormEvent } from 'react';
import type { RequestInput } from '../../../../shared/contract';
import type { CameraDto, CameraSourceKind } from '../../../../shared/dto';
import { getApi } from '../../api';
import { t } from '../../i18n';
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
  const m = t().cameras.form;
  const sources = t().cameras.sources;

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
    ...(form.lines.length === 0 ? [m.warnNoLine] : []),
    ...(tested && !tested.ok ? [m.warnTestFailed(reasonWords(tested.reason ?? 'unknown').replace(/\.$/, ''))] : []),
    ...(!tested && picture && !picture.ok ? [m.warnNoPicture(picture.words.replace(/\.$/, ''))] : []),
  ];
  const title = camera ? m.editTitle(camera.name) : m.addTitle;
  return (
    <ModalDialog title={title} wide onClose={onClose} description={camera ? <code>{camera.cameraId}</code> : m.addDescription}>
      <form className="modal-body camera-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field-row">
          <TextField label={m.name} required value={form.name} onChange={(name) => set({ name })} placeholder={m.namePlaceholder} error={problem('name')} />
          <div className="field">
            <label htmlFor={kindId}>{m.source}</label>
            <select id={kindId} value={form.sourceKind} onChange={(e) => set({ sourceKind: e.target.value as CameraSourceKind })}>
              {SOURCE_KINDS.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {sources[k.kind].label}
                </option>
              ))}
            </select>
            {problem('sourceKind') ? <p className="field-error">{problem('sourceKind')}</p> : null}
          </div>
        </div>
        <TextField
          className="field-wide"
          label={kind ? sources[kind.kind].address : m.address}
          required
          inputMode={form.sourceKind === 'rtsp' || form.sourceKind === 'http_mjpeg' ? 'url' : 'text'}
          value={form.url}
          onChange={(url) => set({ url })}
          onBlur={moveUrlPassword}
          placeholder={kind?.placeholder}
          help={
            needsPassword(form.sourceKind)
              ? m.urlHelpPassword
              : form.sourceKind === 'file'
                ? m.urlHelpFile
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
            label={m.processFps}
            inputMode="decimal"
            value={form.processFps}
            onChange={(processFps) => set({ processFps })}
            placeholder={m.processFpsPlaceholder}
            help={m.processFpsHelp}
            error={problem('processFps')}
          />
          <TextField
            label={m.frameWidth}
            inputMode="numeric"
            value={form.frameWidth}
            onChange={(frameWidth) => set({ frameWidth })}
            placeholder={m.sizePlaceholder}
            error={problem('frameWidth')}
          />
          <TextField
            label={m.frameHeight}
            inputMode="numeric"
            value={form.frameHeight}
            onChange={(frameHeight) => set({ frameHeight })}
            placeholder={m.sizePlaceholder}
            help={m.frameHeightHelp}
            error={problem('frameHeight')}
          />
        </div>
        <label className="choice">
          <input type="checkbox" checked={form.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
          {m.enabled}
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
            {m.fixFields}
          </p>
        ) : null}
        {warnings.length > 0 ? (
          <ul className="form-warnings" role="status" aria-label={m.beforeYouSave}>
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        ) : null}
        <InlineError error={action.error} context={camera ? m.savingContext : m.addingContext} />
        <div className="modal-actions">
          <button type="button" className="button" onClick={onClose}>
            {m.cancel}
          </button>
          <button type="submit" className="button button-primary" disabled={action.pending}>
            {action.pending ? m.saving : camera ? m.saveChanges : m.addCamera}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
