import { useEffect, useId, useRef } from 'react';
import { CAMERA_TUNING_FIELDS, type TuningField, type TuningKey } from '../../../../shared/camera-tuning-fields';
import { formatInt } from '../../format';
import { t } from '../../i18n';

/**
 * The camera's own detection and counting settings: each with its unit, its default and the
 * range the engine accepts (a typed number input with min, max and step); empty = the default.
 */
export function TuningFields({ values, problems, onChange }: { values: Record<TuningKey, string>; problems: (key: TuningKey) => string | null; onChange: (key: TuningKey, value: string) => void }) {
  const changed = CAMERA_TUNING_FIELDS.filter((f) => (values[f.key] ?? '') !== '').length;
  const anyProblem = CAMERA_TUNING_FIELDS.some((f) => problems(f.key));
  const details = useRef<HTMLDetailsElement>(null);
  // A refused value opens the section (and it stays as the user leaves it).
  useEffect(() => {
    if (anyProblem && details.current) details.current.open = true;
  }, [anyProblem]);
  const m = t().cameras.tuning;
  return (
    <details className="rows-editor tuning" ref={details}>
      <summary>
        {m.summary} <span className="muted small">({changed === 0 ? m.allDefaults : m.changed(formatInt(changed))})</span>
      </summary>
      <p className="field-help">{m.help}</p>
      <div className="tuning-fields">
        {CAMERA_TUNING_FIELDS.map((f) => (
          <TuningInput key={f.key} field={f} value={values[f.key] ?? ''} problem={problems(f.key)} onChange={(v) => onChange(f.key, v)} />
        ))}
      </div>
    </details>
  );
}

function TuningInput({ field: f, value, problem, onChange }: { field: TuningField; value: string; problem: string | null; onChange: (value: string) => void }) {
  const id = useId();
  const describedBy = `${id}-help${problem ? ` ${id}-error` : ''}`;
  const m = t().cameras.tuning;
  const words = m.fields[f.key];
  // The engine's numbers as typed in the input (a dot, never the language's decimal comma); a default it computes, in words.
  const defaultText = f.kind === 'number' ? (f.defaultValue === null ? m.computedDefault : f.defaultText) : '';
  return (
    <div className="field">
      <label htmlFor={id}>{f.kind === 'number' ? m.withUnit(words.label, m.fields[f.key].unit) : words.label}</label>
      {f.kind === 'number' ? (
        <input
          id={id}
          type="number"
          inputMode="decimal"
          min={f.min}
          max={f.max}
          step={f.step}
          value={value}
          placeholder={m.placeholder(defaultText)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <select id={id} value={value} aria-describedby={describedBy} onChange={(e) => onChange(e.target.value)}>
          <option value="">{f.defaultValue ? m.defaultOn : m.defaultOff}</option>
          <option value="true">{m.on}</option>
          <option value="false">{m.off}</option>
        </select>
      )}
      <p className="field-help" id={`${id}-help`}>
        {words.help} {f.kind === 'number' ? m.range(defaultText, String(f.min), String(f.max), m.fields[f.key].rangeUnit) : ''}
      </p>
      {problem ? (
        <p className="field-error" id={`${id}-error`}>
          {problem}
        </p>
      ) : null}
    </div>
  );
}
