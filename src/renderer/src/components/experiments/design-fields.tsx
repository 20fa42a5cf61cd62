import { useId } from 'react';
import { EXPERIMENT_MODES, EXPERIMENT_SPLITS, isOneOf, type ExperimentMode, type ExperimentSplit } from '../../../../shared/enums';
import type { AppErrorShape } from '../../../../shared/result';
import { issueAt } from '../../hooks/use-action';
import { TextField } from '../text-field';
import { MODE_HELP, MODE_LABELS, SPLIT_LABELS } from './experiment-words';

/** The design of a new experiment as typed (numbers as text: the engine's messages show beside them). */
export interface DesignValues {
  name: string;
  mode: ExperimentMode;
  split: ExperimentSplit;
  trafficPercent: string;
  minSamples: string;
  confidence: string;
  intervalS: string;
}

export const DEFAULT_DESIGN: DesignValues = { name: '', mode: 'shadow', split: 'slot', trafficPercent: '50', minSamples: '1000', confidence: '0.95', intervalS: '10' };

const CONFIDENCES = [
  ['0.9', '90 %'],
  ['0.95', '95 %'],
  ['0.99', '99 %'],
] as const;

const SPLIT_HELP: Record<ExperimentSplit, string> = {
  frame: 'Each frame goes to one arm at random: the most balanced, but the trackers see gaps.',
  camera: 'Each camera stays with one arm: simple, but cameras differ.',
  slot: 'Each camera switches arm every few minutes, with a burn-in left out after each switch (switchback).',
};

/** Mode (with a line on each), split and traffic for A/B, the minimum sample, confidence and interval length. */
export function DesignFields({ values, onChange, error }: { values: DesignValues; onChange: (v: DesignValues) => void; error: AppErrorShape | null }) {
  const set = <K extends keyof DesignValues>(key: K) => (value: DesignValues[K]) => onChange({ ...values, [key]: value });
  const splitId = useId();
  const confidenceId = useId();
  return (
    <>
      <TextField label="Name" required value={values.name} onChange={set('name')} placeholder="e.g. 320 version at the front door" help="What the experiment is for." error={issueAt(error, 'name')} />
      <fieldset className="choice-group">
        <legend>Mode</legend>
        {EXPERIMENT_MODES.map((m) => (
          <label key={m} className="choice choice-described">
            <input type="radio" name="experiment-mode" value={m} checked={values.mode === m} onChange={() => set('mode')(m)} />
            <span>
              <strong>{MODE_LABELS[m]}</strong>
              <span className="choice-help">{MODE_HELP[m]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {values.mode === 'ab' ? (
        <div className="field-row">
          <div className="field">
            <label htmlFor={splitId}>Split</label>
            <select id={splitId} value={values.split} onChange={(e) => isOneOf(EXPERIMENT_SPLITS, e.target.value) && set('split')(e.target.value)} aria-describedby={`${splitId}-help`}>
              {EXPERIMENT_SPLITS.map((s) => (
                <option key={s} value={s}>
                  {SPLIT_LABELS[s]}
                </option>
              ))}
            </select>
            <p className="field-help" id={`${splitId}-help`}>
              {SPLIT_HELP[values.split]}
            </p>
          </div>
          <TextField
            label="Traffic to the challenger (%)"
            inputMode="numeric"
            value={values.trafficPercent}
            onChange={set('trafficPercent')}
            help="Share of frames, cameras or slots the challenger counts."
            error={issueAt(error, 'trafficPercent')}
          />
        </div>
      ) : null}
      <div className="field-row field-row-3">
        <TextField
          label="Minimum sample (frames)"
          inputMode="numeric"
          value={values.minSamples}
          onChange={set('minSamples')}
          help="Frames each arm must process before a verdict."
          error={issueAt(error, 'minSamples')}
        />
        <div className="field">
          <label htmlFor={confidenceId}>Confidence</label>
          <select id={confidenceId} value={values.confidence} onChange={(e) => set('confidence')(e.target.value)} aria-describedby={`${confidenceId}-help`}>
            {CONFIDENCES.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
          <p className="field-help" id={`${confidenceId}-help`}>
            How sure the verdict must be.
          </p>
        </div>
        <TextField
          label="Interval (seconds)"
          inputMode="decimal"
          value={values.intervalS}
          onChange={set('intervalS')}
          help="Seconds of video per compared interval."
          error={issueAt(error, 'intervalS')}
        />
      </div>
    </>
  );
}
