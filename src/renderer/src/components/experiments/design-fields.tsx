import { useId } from 'react';
import { EXPERIMENT_MODES, EXPERIMENT_SPLITS, isOneOf, type ExperimentMode, type ExperimentSplit } from '../../../../shared/enums';
import type { AppErrorShape } from '../../../../shared/result';
import { issueAt } from '../../hooks/use-action';
import { t } from '../../i18n';
import { TextField } from '../text-field';
import { confidenceLabel } from './experiment-words';

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

/** The confidence levels offered, as the engine takes them. */
const CONFIDENCES = ['0.9', '0.95', '0.99'] as const;

/** Mode (with a line on each), split and traffic for A/B, the minimum sample, confidence and interval length. */
export function DesignFields({ values, onChange, error }: { values: DesignValues; onChange: (v: DesignValues) => void; error: AppErrorShape | null }) {
  const set = <K extends keyof DesignValues>(key: K) => (value: DesignValues[K]) => onChange({ ...values, [key]: value });
  const splitId = useId();
  const confidenceId = useId();
  const m = t().experiments;
  const d = m.design;
  return (
    <>
      <TextField label={t().common.name} required value={values.name} onChange={set('name')} placeholder={d.namePlaceholder} help={d.nameHelp} error={issueAt(error, 'name')} />
      <fieldset className="choice-group">
        <legend>{m.mode}</legend>
        {EXPERIMENT_MODES.map((mode) => (
          <label key={mode} className="choice choice-described">
            <input type="radio" name="experiment-mode" value={mode} checked={values.mode === mode} onChange={() => set('mode')(mode)} />
            <span>
              <strong>{m.modes[mode]}</strong>
              <span className="choice-help">{m.modeHelp[mode]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {values.mode === 'ab' ? (
        <div className="field-row">
          <div className="field">
            <label htmlFor={splitId}>{d.split}</label>
            <select id={splitId} value={values.split} onChange={(e) => isOneOf(EXPERIMENT_SPLITS, e.target.value) && set('split')(e.target.value)} aria-describedby={`${splitId}-help`}>
              {EXPERIMENT_SPLITS.map((s) => (
                <option key={s} value={s}>
                  {m.splits[s]}
                </option>
              ))}
            </select>
            <p className="field-help" id={`${splitId}-help`}>
              {m.splitHelp[values.split]}
            </p>
          </div>
          <TextField
            label={d.traffic}
            inputMode="numeric"
            value={values.trafficPercent}
            onChange={set('trafficPercent')}
            help={d.trafficHelp}
            error={issueAt(error, 'trafficPercent')}
          />
        </div>
      ) : null}
      <div className="field-row field-row-3">
        <TextField
          label={d.minSample}
          inputMode="numeric"
          value={values.minSamples}
          onChange={set('minSamples')}
          help={d.minSampleHelp}
          error={issueAt(error, 'minSamples')}
        />
        <div className="field">
          <label htmlFor={confidenceId}>{m.confidence}</label>
          <select id={confidenceId} value={values.confidence} onChange={(e) => set('confidence')(e.target.value)} aria-describedby={`${confidenceId}-help`}>
            {CONFIDENCES.map((v) => (
              <option key={v} value={v}>
                {confidenceLabel(Number(v))} %
              </option>
            ))}
          </select>
          <p className="field-help" id={`${confidenceId}-help`}>
            {d.confidenceHelp}
          </p>
        </div>
        <TextField
          label={d.interval}
          inputMode="decimal"
          value={values.intervalS}
          onChange={set('intervalS')}
          help={d.intervalHelp}
          error={issueAt(error, 'intervalS')}
        />
      </div>
    </>
  );
}
