import { useEffect, useState } from 'react';
import type { RequestInput } from '../../../../shared/contract';
import type { AppErrorShape } from '../../../../shared/result';
import { issueAt } from '../../hooks/use-action';
import { t } from '../../i18n';
import { TextField } from '../text-field';

/** What the form keeps for an offline run: text as typed, turned into a request by `runRequest`. */
export interface RunValues {
  source: string;
  x1: string;
  y1: string;
  x2: string;
  y2: string;
  truthPath: string;
  fps: string;
  maxFrames: string;
}

export const EMPTY_RUN: RunValues = { source: '', x1: '', y1: '', x2: '', y2: '', truthPath: '', fps: '', maxFrames: '' };

const COORDS = ['x1', 'y1', 'x2', 'y2'] as const;

function optionalNumber(text: string): number | undefined {
  const t = text.trim();
  return t === '' ? undefined : Number(t);
}

/** Whether the run has what it needs (a recording and the four line coordinates). */
export function runReady(v: RunValues): boolean {
  return v.source.trim() !== '' && COORDS.every((k) => v[k].trim() !== '');
}

/** The experiments:run request for `experimentId`; the engine validates the numbers (its messages show beside the fields). */
export function runRequest(experimentId: string, v: RunValues): RequestInput<'experiments:run'> {
  const fps = optionalNumber(v.fps);
  const maxFrames = optionalNumber(v.maxFrames);
  const truthPath = v.truthPath.trim();
  return {
    experimentId,
    source: v.source.trim(),
    lines: [{ name: 'line', x1: Number(v.x1.trim()), y1: Number(v.y1.trim()), x2: Number(v.x2.trim()), y2: Number(v.y2.trim()) }],
    ...(truthPath ? { truthPath } : {}),
    ...(fps !== undefined ? { fps } : {}),
    ...(maxFrames !== undefined ? { maxFrames } : {}),
  };
}

/** The recording, the counting line and the optional truth file of an offline run. */
export function RunFields({ values, onChange, error }: { values: RunValues; onChange: (v: RunValues) => void; error: AppErrorShape | null }) {
  const set = (key: keyof RunValues) => (value: string) => onChange({ ...values, [key]: value });
  const m = t().experiments.run;
  return (
    <>
      <TextField
        label={m.recording}
        required
        value={values.source}
        onChange={set('source')}
        placeholder={m.recordingPlaceholder}
        help={m.recordingHelp}
        error={issueAt(error, 'source')}
      />
      <fieldset className="choice-group">
        <legend>{m.countingLine}</legend>
        <div className="field-row field-row-4">
          {COORDS.map((k) => (
            <TextField key={k} label={k} required inputMode="decimal" value={values[k]} onChange={set(k)} error={issueAt(error, `lines.0.${k}`)} />
          ))}
        </div>
        <p className="field-help">{m.countingLineHelp}</p>
      </fieldset>
      <TextField
        label={m.truthFile}
        value={values.truthPath}
        onChange={set('truthPath')}
        placeholder={m.truthPlaceholder}
        help={m.truthHelp}
        error={issueAt(error, 'truthPath')}
      />
      <div className="field-row">
        <TextField label={m.fps} inputMode="decimal" value={values.fps} onChange={set('fps')} placeholder={m.fpsPlaceholder} error={issueAt(error, 'fps')} />
        <TextField label={m.maxFrames} inputMode="numeric" value={values.maxFrames} onChange={set('maxFrames')} placeholder={m.maxFramesPlaceholder} error={issueAt(error, 'maxFrames')} />
      </div>
    </>
  );
}

/** Seconds since `pending` became true (a long request gives no progress of its own). */
export function useElapsed(pending: boolean): number {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    if (!pending) return;
    setSeconds(0);
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, [pending]);
  return seconds;
}

/** An indeterminate progress bar with what is happening and for how long. */
export function BusyIndicator({ label, seconds }: { label: string; seconds: number }) {
  return (
    <div className="busy">
      <progress className="busy-bar" aria-label={label} />
      <span role="status">{label}</span>
      <span className="muted" aria-hidden="true">
        {seconds > 0 ? `${seconds} s` : ''}
      </span>
    </div>
  );
}
